// Encoded images in: every container OpenCV decodes round-trips, EXIF orientation is
// applied, and every kind of bad file (empty, truncated, garbage, header bombs, impossible
// dimensions, paths that are not files) ends in the right exception, quickly, never a crash.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"
#include "image/decode.hpp"
#include "reader_fixtures.hpp"

namespace docverify::image {
namespace {

using namespace docverify::reader::testing;
using Bytes = std::vector<unsigned char>;

Bytes encode(const std::string& ext, const cv::Mat& image, const std::vector<int>& params = {}) {
  Bytes out;
  if (!cv::imencode(ext, image, out, params)) ADD_FAILURE() << "cannot encode " << ext;
  return out;
}

cv::Mat decode(const Bytes& b, const DecodeLimits& limits = {}) { return decode_image(b.data(), b.size(), limits); }

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

void put_be32(Bytes& b, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<unsigned char>(v >> s));
}
void put_le16(Bytes& b, std::uint32_t v) {
  b.push_back(static_cast<unsigned char>(v));
  b.push_back(static_cast<unsigned char>(v >> 8));
}
void put_le32(Bytes& b, std::uint32_t v) {
  put_le16(b, v & 0xFFFF);
  put_le16(b, v >> 16);
}

std::uint32_t crc32(const unsigned char* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

void png_chunk(Bytes& b, const char* type, const Bytes& data) {
  put_be32(b, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = b.size();
  b.insert(b.end(), type, type + 4);
  b.insert(b.end(), data.begin(), data.end());
  put_be32(b, crc32(b.data() + start, b.size() - start));
}

// A well-formed PNG header (signature, IHDR with a right CRC) claiming w x h RGB pixels,
// followed by a tiny zlib stream and IEND: what a decompression bomb starts with.
Bytes png_claiming(std::uint32_t w, std::uint32_t h) {
  Bytes b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  Bytes ihdr;
  put_be32(ihdr, w);
  put_be32(ihdr, h);
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
  png_chunk(b, "IHDR", ihdr);
  png_chunk(b, "IDAT", {0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
  png_chunk(b, "IEND", {});
  return b;
}

// A BMP (BITMAPINFOHEADER, 24 bit) with the given header dimensions and `pixel_bytes` of data.
Bytes bmp_claiming(std::int32_t w, std::int32_t h, std::size_t pixel_bytes = 64) {
  Bytes b = {'B', 'M'};
  put_le32(b, static_cast<std::uint32_t>(54 + pixel_bytes));
  put_le32(b, 0);
  put_le32(b, 54);
  put_le32(b, 40);
  put_le32(b, static_cast<std::uint32_t>(w));
  put_le32(b, static_cast<std::uint32_t>(h));
  put_le16(b, 1);
  put_le16(b, 24);
  put_le32(b, 0);
  put_le32(b, static_cast<std::uint32_t>(pixel_bytes));
  put_le32(b, 2835);
  put_le32(b, 2835);
  put_le32(b, 0);
  put_le32(b, 0);
  b.resize(b.size() + pixel_bytes, 0x7F);
  return b;
}

// A JPEG with an EXIF APP1 segment holding only the Orientation tag, right after SOI.
Bytes with_exif_orientation(const Bytes& jpeg, std::uint16_t orientation) {
  Bytes tiff = {'I', 'I', 42, 0};
  put_le32(tiff, 8);        // first IFD right after the header
  put_le16(tiff, 1);        // one entry
  put_le16(tiff, 0x0112);   // Orientation
  put_le16(tiff, 3);        // SHORT
  put_le32(tiff, 1);        // count
  put_le16(tiff, orientation);
  put_le16(tiff, 0);        // value padded to 4 bytes
  put_le32(tiff, 0);        // no next IFD
  Bytes app1 = {0xFF, 0xE1};
  const std::size_t len = 2 + 6 + tiff.size();
  app1.push_back(static_cast<unsigned char>(len >> 8));
  app1.push_back(static_cast<unsigned char>(len & 0xFF));
  app1.insert(app1.end(), {'E', 'x', 'i', 'f', 0, 0});
  app1.insert(app1.end(), tiff.begin(), tiff.end());
  EXPECT_TRUE(jpeg.size() > 2 && jpeg[0] == 0xFF && jpeg[1] == 0xD8);
  Bytes out(jpeg.begin(), jpeg.begin() + 2);
  out.insert(out.end(), app1.begin(), app1.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

std::string temp_path(const std::string& name) { return ::testing::TempDir() + "docverify_reader_" + name; }

void write_file(const std::string& path, const Bytes& b) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  ASSERT_TRUE(out.good()) << path;
}

cv::Mat test_pattern(int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<unsigned char>(x * 255 / w), static_cast<unsigned char>(y * 255 / h), 90);
  cv::rectangle(m, {0, 0, w / 4, h / 4}, cv::Scalar(0, 0, 0), -1);  // marks the top-left corner
  return m;
}

// ---- good files ------------------------------------------------------------------------

TEST(Decode, LosslessContainersRoundTripExactly) {
  const cv::Mat pattern = test_pattern(64, 40);
  for (const char* ext : {".png", ".bmp", ".tiff", ".webp"}) {
    SCOPED_TRACE(ext);
    std::vector<int> params;
    if (std::string(ext) == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, 101};  // lossless
    const cv::Mat got = decode(encode(ext, pattern, params));
    ASSERT_EQ(got.type(), CV_8UC3);
    ASSERT_EQ(got.size(), pattern.size());
    EXPECT_EQ(cv::norm(got, pattern, cv::NORM_INF), 0.0);
  }
}

TEST(Decode, JpegRoundTripsClosely) {
  const cv::Mat pattern = test_pattern(64, 40);
  const cv::Mat got = decode(encode(".jpg", pattern, {cv::IMWRITE_JPEG_QUALITY, 95}));
  ASSERT_EQ(got.type(), CV_8UC3);
  ASSERT_EQ(got.size(), pattern.size());
  EXPECT_LT(cv::norm(got, pattern, cv::NORM_L1) / static_cast<double>(pattern.total() * 3), 4.0);
}

TEST(Decode, PeekDimensionsReadsTheHeaders) {
  const cv::Mat pattern = test_pattern(123, 45);
  for (const char* ext : {".png", ".jpg", ".bmp", ".webp"}) {
    SCOPED_TRACE(ext);
    const Bytes b = encode(ext, pattern);
    int w = 0, h = 0;
    ASSERT_TRUE(peek_dimensions(b.data(), b.size(), w, h));
    EXPECT_EQ(w, 123);
    EXPECT_EQ(h, 45);
  }
  const Bytes garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30};
  int w = -1, h = -1;
  EXPECT_FALSE(peek_dimensions(garbage.data(), garbage.size(), w, h));
}

TEST(Decode, GreyInputStaysSingleChannel) {
  // decode.hpp: "BGR image (grey inputs are returned single-channel)".
  cv::Mat grey;
  cv::cvtColor(test_pattern(32, 32), grey, cv::COLOR_BGR2GRAY);
  const cv::Mat got = decode(encode(".png", grey));
  EXPECT_EQ(got.channels(), 1) << "a grey PNG decodes to " << got.channels() << " channels";
  ASSERT_EQ(got.size(), grey.size());
}

TEST(Decode, FileRoundTripAndPageReads) {
  const synth::Specimen s = specimen(mrz::Format::td3, synth::Capture::scan, 81);
  const std::string path = temp_path("page.png");
  write_file(path, synth::encode_png(s.page.image));
  const cv::Mat got = decode_image_file(path);
  ASSERT_EQ(got.size(), s.page.image.size());
  EXPECT_EQ(cv::norm(got, s.page.image, cv::NORM_INF), 0.0);
  reader::MrzImageReader reader(read_options());
  const reader::ImageReadResult r = reader.read(got);
  EXPECT_TRUE(read_exactly(r, s.page.mrz_lines));
  std::remove(path.c_str());
}

// ---- EXIF orientation ------------------------------------------------------------------

struct ExifCase {
  std::uint16_t orientation;
  int stored_rotation;  // how the sensor stored the upright scene (cv::RotateFlags), -1: as is
};

TEST(Exif, OrientationTagIsApplied) {
  const synth::Specimen s = specimen(mrz::Format::td3, synth::Capture::scan, 82);
  const cv::Mat& page = s.page.image;
  // Orientation 6: "rotate 90 clockwise to display", so the stored image is the scene turned
  // 90 counter-clockwise; 8 the other way; 3 a half turn; 1 as stored.
  const ExifCase cases[] = {{6, cv::ROTATE_90_COUNTERCLOCKWISE}, {8, cv::ROTATE_90_CLOCKWISE}, {3, cv::ROTATE_180}, {1, -1}};
  reader::MrzImageReader reader(read_options());
  for (const ExifCase& c : cases) {
    SCOPED_TRACE("orientation " + std::to_string(c.orientation));
    cv::Mat stored;  // a new buffer: rotating into a Mat that shares the page's pixels would turn the page too
    if (c.stored_rotation >= 0) cv::rotate(page, stored, c.stored_rotation);
    else stored = page.clone();
    const Bytes jpeg = with_exif_orientation(encode(".jpg", stored, {cv::IMWRITE_JPEG_QUALITY, 92}), c.orientation);
    // The tag does not change what the header says about the stored pixels.
    int w = 0, h = 0;
    ASSERT_TRUE(peek_dimensions(jpeg.data(), jpeg.size(), w, h));
    EXPECT_EQ(cv::Size(w, h), stored.size());
    const cv::Mat got = decode(jpeg);
    ASSERT_EQ(got.size(), page.size()) << "decoded " << got.cols << " x " << got.rows << " from stored " << stored.cols << " x " << stored.rows;
    // Upright pixels, not merely the right shape (a mirror or the wrong turn would differ).
    EXPECT_LT(cv::norm(got, page, cv::NORM_L1) / static_cast<double>(page.total() * 3), 6.0);
    const reader::ImageReadResult r = reader.read(got);
    EXPECT_TRUE(read_exactly(r, s.page.mrz_lines));
    EXPECT_LE(angle_between(r.best.rotation_deg, 0), 3) << r.best.rotation_deg;
    EXPECT_FALSE(r.best.upside_down);
  }
}

TEST(Exif, OrientationAppliedFromFile) {
  const cv::Mat pattern = test_pattern(80, 50);
  cv::Mat stored;
  cv::rotate(pattern, stored, cv::ROTATE_90_COUNTERCLOCKWISE);
  const std::string path = temp_path("exif6.jpg");
  write_file(path, with_exif_orientation(encode(".jpg", stored, {cv::IMWRITE_JPEG_QUALITY, 95}), 6));
  const cv::Mat got = decode_image_file(path);
  EXPECT_EQ(got.size(), pattern.size());
  std::remove(path.c_str());
}

// ---- bad files -------------------------------------------------------------------------

TEST(BadFiles, EmptyAndTinyBuffers) {
  const unsigned char one[1] = {0xFF};
  EXPECT_THROW(decode_image(nullptr, 0), ImageError);
  EXPECT_THROW(decode_image(one, 0), ImageError);
  EXPECT_THROW(decode_image(nullptr, 10), ImageError);
  EXPECT_THROW(decode_image(one, 1), ImageError);
  for (const Bytes& b : {Bytes{0xFF, 0xD8}, Bytes{0xFF, 0xD8, 0xFF}, Bytes{0xFF, 0xD8, 0xFF, 0xE0}, Bytes{0x89, 'P', 'N', 'G'},
                         Bytes{'B', 'M'}, Bytes{'R', 'I', 'F', 'F'}, Bytes{'I', 'I', 42, 0}, Bytes{'G', 'I', 'F', '8', '9', 'a'}})
    EXPECT_THROW(decode(b), ImageError) << b.size() << " bytes";
}

TEST(BadFiles, GarbageBytes) {
  std::mt19937 rng(7);
  for (std::size_t n : {2u, 17u, 100u, 4096u, 100000u}) {
    Bytes b(n);
    for (auto& c : b) c = static_cast<unsigned char>(rng());
    EXPECT_THROW(decode(b), ImageError) << n << " random bytes";
  }
  // Garbage behind each container's magic.
  for (const Bytes& magic : {Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Bytes{0xFF, 0xD8, 0xFF, 0xDB}, Bytes{'B', 'M'},
                             Bytes{'I', 'I', 42, 0}, Bytes{'M', 'M', 0, 42}, Bytes{'R', 'I', 'F', 'F', 0, 1, 0, 0, 'W', 'E', 'B', 'P'}}) {
    Bytes b = magic;
    for (int i = 0; i < 300; ++i) b.push_back(static_cast<unsigned char>(rng()));
    EXPECT_THROW(decode(b), ImageError) << "garbage after magic " << int{magic[0]};
  }
}

TEST(BadFiles, TruncatedRealFiles) {
  const synth::Specimen s = specimen(mrz::Format::td1, synth::Capture::scan, 83);
  for (const char* ext : {".png", ".jpg", ".webp", ".tiff", ".bmp"}) {
    const Bytes full = encode(ext, s.page.image);
    ASSERT_GT(full.size(), 1000u);
    for (std::size_t keep : {std::size_t{10}, std::size_t{33}, std::size_t{100}, std::size_t{600}}) {
      const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(keep));
      EXPECT_THROW(decode(cut), ImageError) << ext << " cut to " << keep << " bytes";
    }
  }
}

TEST(BadFiles, TruncatedMidImageDoesNotCrash) {
  // Cut in the middle of the pixel data: libjpeg and libpng may give a partial image or
  // none; either way no crash, and anything returned has the header's size.
  const synth::Specimen s = specimen(mrz::Format::td1, synth::Capture::scan, 83);
  for (const char* ext : {".png", ".jpg"}) {
    const Bytes full = encode(ext, s.page.image);
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(full.size() / 2));
    try {
      const cv::Mat got = decode(cut);
      EXPECT_EQ(got.size(), s.page.image.size()) << ext;
    } catch (const ImageError&) {
    }
  }
}

TEST(BadFiles, PngDecompressionBombRejectedBeforeDecoding) {
  const Bytes bomb = png_claiming(100000, 100000);
  int w = 0, h = 0;
  ASSERT_TRUE(peek_dimensions(bomb.data(), bomb.size(), w, h));
  EXPECT_EQ(w, 100000);
  EXPECT_EQ(h, 100000);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(decode(bomb), ImageError);
  EXPECT_LT(ms_since(t0), 50.0);
  // Under the default 100 MP but over a caller's smaller limit.
  DecodeLimits small;
  small.max_pixels = 4'000'000;
  const Bytes medium = png_claiming(3000, 3000);
  const auto t1 = std::chrono::steady_clock::now();
  EXPECT_THROW(decode(medium, small), ImageError);
  EXPECT_LT(ms_since(t1), 50.0);
  // Widths over 2^31 are clamped, not wrapped negative.
  const Bytes huge = png_claiming(0xFFFFFFF0u, 1);
  EXPECT_THROW(decode(huge), ImageError);
}

TEST(BadFiles, JpegAndBmpBombsRejected) {
  // JPEG: a real small JPEG whose SOF0 is patched to 60000 x 60000.
  Bytes jpeg = encode(".jpg", test_pattern(16, 16));
  bool patched = false;
  for (std::size_t i = 2; i + 9 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
      jpeg[i + 5] = 0xEA, jpeg[i + 6] = 0x60, jpeg[i + 7] = 0xEA, jpeg[i + 8] = 0x60;
      patched = true;
      break;
    }
  ASSERT_TRUE(patched);
  int w = 0, h = 0;
  ASSERT_TRUE(peek_dimensions(jpeg.data(), jpeg.size(), w, h));
  EXPECT_EQ(w, 60000);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(decode(jpeg), ImageError);
  EXPECT_LT(ms_since(t0), 50.0);
  // BMP claiming 50000 x 50000 (bottom-up and top-down).
  for (std::int32_t height : {50000, -50000}) {
    const auto t1 = std::chrono::steady_clock::now();
    EXPECT_THROW(decode(bmp_claiming(50000, height)), ImageError) << height;
    EXPECT_LT(ms_since(t1), 50.0);
  }
}

TEST(BadFiles, TiffOverPixelLimitRejectedBeforeDecoding) {
  // TIFF states its size in the first IFD as plainly as PNG does in IHDR. A 6000 x 6000
  // white page compresses (LZW) to under a megabyte; decode_image must not spend the
  // decode (and 108 MB of BGR pixels) on it when the limit is 4 MP.
  const cv::Mat white(6000, 6000, CV_8UC1, cv::Scalar::all(255));
  const Bytes tiff = encode(".tiff", white);
  DecodeLimits small;
  small.max_pixels = 4'000'000;
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(decode(tiff, small), ImageError);
  const double ms = ms_since(t0);
  EXPECT_LT(ms, 30.0) << "a " << tiff.size() << "-byte TIFF over the pixel limit took " << ms
                      << " ms: decoded first, limit checked after";
}

TEST(BadFiles, ImpossibleBmpDimensions) {
  for (const auto& [w, h] : std::vector<std::pair<std::int32_t, std::int32_t>>{
           {0, 16}, {16, 0}, {0, 0}, {-16, 16}, {-16, -16}, {16, INT32_MIN}, {INT32_MIN, 16}, {INT32_MAX, INT32_MAX}, {1, -1}}) {
    SCOPED_TRACE(std::to_string(w) + " x " + std::to_string(h));
    const Bytes b = bmp_claiming(w, h);
    if (w == 1 && h == -1) {
      // Valid: one top-down pixel.
      EXPECT_NO_THROW(decode(b));
      continue;
    }
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_THROW(decode(b), ImageError);
    EXPECT_LT(ms_since(t0), 50.0);
  }
}

TEST(BadFiles, EncodedSizeOverLimit) {
  const Bytes png = encode(".png", test_pattern(64, 64));
  DecodeLimits tight;
  tight.max_bytes = png.size() - 1;
  EXPECT_THROW(decode(png, tight), ImageError);
  tight.max_bytes = png.size();
  EXPECT_NO_THROW(decode(png, tight));
  const std::string path = temp_path("over.png");
  write_file(path, png);
  tight.max_bytes = png.size() - 1;
  EXPECT_THROW(decode_image_file(path, tight), ImageError);
  std::remove(path.c_str());
}

TEST(BadFiles, PixelLimitIsInclusive) {
  const Bytes png = encode(".png", test_pattern(50, 40));
  DecodeLimits exact;
  exact.max_pixels = 2000;
  EXPECT_NO_THROW(decode(png, exact));
  exact.max_pixels = 1999;
  EXPECT_THROW(decode(png, exact), ImageError);
}

TEST(BadFiles, PathsThatAreNotImageFiles) {
  EXPECT_THROW(decode_image_file(temp_path("does-not-exist.png")), ResourceError);
  EXPECT_THROW(decode_image_file(""), ResourceError);
  EXPECT_THROW(decode_image_file("/nonexistent-dir/x.png"), ResourceError);
  // A directory opens as a stream on Linux but cannot be read as a file.
  EXPECT_THROW(decode_image_file(::testing::TempDir()), ResourceError);
  // An empty file and a text file are files, but not images.
  const std::string empty = temp_path("empty.png"), text = temp_path("text.jpg");
  write_file(empty, {});
  const std::string words = "not an image at all\n";
  write_file(text, Bytes(words.begin(), words.end()));
  EXPECT_THROW(decode_image_file(empty), ImageError);
  EXPECT_THROW(decode_image_file(text), ImageError);
  std::remove(empty.c_str());
  std::remove(text.c_str());
}

TEST(BadFiles, ExceptionsAreInputErrorsWithShortMessages) {
  // ImageError is an InputError (the C API maps it to a caller error) and says what is wrong.
  try {
    decode(png_claiming(100000, 100000));
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("100000"), std::string::npos) << e.what();
    EXPECT_LT(std::strlen(e.what()), 300u);
  }
}

}  // namespace
}  // namespace docverify::image
