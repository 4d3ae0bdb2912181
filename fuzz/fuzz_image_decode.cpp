// libFuzzer target: untrusted encoded image bytes through decode_image (every container
// OpenCV decodes, EXIF, the header limits) and, when they decode, the MRZ image reader.
// Small limits keep each input fast and far from the fuzzer's memory limit; the reader
// uses the builtin classifier only (Tesseract would make every input slow).
#include <cstddef>
#include <cstdint>

#include <opencv2/core/utility.hpp>

#include "errors/input_error.hpp"
#include "image/decode.hpp"
#include "reader/mrz_image_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace docverify;
  static const bool single_threaded = [] {
    cv::setNumThreads(1);
    return true;
  }();
  (void)single_threaded;
  static reader::MrzImageReader reader = [] {
    reader::ReadOptions o;
    o.mrz.today = Date{2026, 12, 1};
    o.engine = reader::OcrEngine::builtin;
    o.max_documents = 2;
    return reader::MrzImageReader(o);
  }();
  image::DecodeLimits limits;
  limits.max_bytes = 4u * 1024u * 1024u;
  limits.max_pixels = 4'000'000u;
  cv::Mat image;
  try {
    image = image::decode_image(data, size, limits);
  } catch (const ImageError&) {
    return 0;
  }
  if (image.empty() || image.total() > limits.max_pixels) __builtin_trap();  // decode_image's contract
  try {
    (void)reader.read(image);
  } catch (const InputError&) {
    // Only for layouts decode_image does not produce; still not a crash.
  }
  return 0;
}
