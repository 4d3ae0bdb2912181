// libFuzzer target: untrusted pixels through read_barcodes (whole-image pass, region search,
// crops, every zxing reader the options allow). zxing-cpp 1.4 has known out-of-bounds bugs in
// its DataMatrix and PDF417 paths (seals.md §6); this keeps our wrapper honest around them.
//
// Input layout: byte 0 = width - 1, byte 1 = height - 1 (so 1..256 each), byte 2 = options
// (bits 0-3: formats, one bit per symbology; bit 4: no inverted pass; bit 5: no region
// search; bits 6-7: max_symbols - 1), then the gray pixels row by row; missing pixels are
// white, so a short input is a symbol on paper.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>

#include "barcode/barcode_reader.hpp"
#include "errors/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace docverify::barcode;
  static const bool single_threaded = [] {
    cv::setNumThreads(1);
    return true;
  }();
  (void)single_threaded;
  if (size < 3) return 0;
  const int width = data[0] + 1, height = data[1] + 1;
  const std::uint8_t flags = data[2];
  cv::Mat image(height, width, CV_8UC1, cv::Scalar(255));
  const std::size_t pixels = std::min(size - 3, image.total());
  std::memcpy(image.data, data + 3, pixels);

  BarcodeReadOptions options;
  options.formats = 0;
  for (unsigned s = 1; s <= 4; ++s)
    if (flags & (1u << (s - 1))) options.formats |= symbology_bit(static_cast<Symbology>(s));
  if (options.formats == 0) options.formats = all_symbologies;
  options.try_inverted = (flags & 0x10) == 0;
  options.search_regions = (flags & 0x20) == 0;
  options.max_symbols = 1 + (flags >> 6);

  std::vector<Barcode> found;
  try {
    found = read_barcodes(image, options);
  } catch (const docverify::InputError&) {
    __builtin_trap();  // a valid 8-bit image and valid options must never be refused
  }
  // The contract: at most max_symbols, each of an asked symbology, corners finite numbers.
  if (static_cast<int>(found.size()) > options.max_symbols) __builtin_trap();
  for (const Barcode& b : found) {
    if (b.symbology == Symbology::unknown || (options.formats & symbology_bit(b.symbology)) == 0) __builtin_trap();
    for (const cv::Point2f& p : b.corners)
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) __builtin_trap();
    if (!std::isfinite(b.angle_degrees) || b.angle_degrees <= -180.0 || b.angle_degrees > 180.0) __builtin_trap();
  }
  return 0;
}
