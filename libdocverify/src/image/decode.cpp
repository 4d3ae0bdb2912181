#include "image/decode.hpp"

#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "errors/input_error.hpp"

namespace docverify::image {

namespace {

std::uint32_t be16(const unsigned char* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const unsigned char* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const unsigned char* p) { return (std::uint32_t{p[1]} << 8) | p[0]; }
std::uint32_t le32(const unsigned char* p) { return (le16(p + 2) << 16) | le16(p); }

bool jpeg_dimensions(const unsigned char* d, std::size_t n, int& w, int& h) {
  std::size_t at = 2;
  while (at + 9 < n) {
    if (d[at] != 0xFF) return false;
    const unsigned char marker = d[at + 1];
    if (marker == 0xFF) { ++at; continue; }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { at += 2; continue; }
    const std::uint32_t len = be16(d + at + 2);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      h = static_cast<int>(be16(d + at + 5));
      w = static_cast<int>(be16(d + at + 7));
      return true;
    }
    if (len < 2) return false;
    at += 2 + len;
  }
  return false;
}

// Width and height tags (256, 257) of the first image file directory.
bool tiff_dimensions(const unsigned char* d, std::size_t n, int& w, int& h) {
  const bool le = d[0] == 'I';
  auto u16 = [&](std::size_t at) { return le ? le16(d + at) : be16(d + at); };
  auto u32 = [&](std::size_t at) { return le ? le32(d + at) : be32(d + at); };
  const std::size_t ifd = u32(4);
  if (ifd + 2 > n) return false;
  const std::size_t count = u16(ifd);
  w = h = -1;
  for (std::size_t i = 0; i < count && ifd + 2 + 12 * (i + 1) <= n; ++i) {
    const std::size_t e = ifd + 2 + 12 * i;
    const std::uint32_t tag = u16(e), type = u16(e + 2);
    const std::uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
    if (type != 3 && type != 4) continue;
    if (tag == 256) w = static_cast<int>(std::min<std::uint32_t>(value, 0x7FFFFFFF));
    if (tag == 257) h = static_cast<int>(std::min<std::uint32_t>(value, 0x7FFFFFFF));
  }
  return w >= 0 && h >= 0;
}

}  // namespace

bool peek_dimensions(const unsigned char* d, std::size_t n, int& w, int& h) {
  if (n >= 24 && std::memcmp(d, "\x89PNG\r\n\x1A\n", 8) == 0 && std::memcmp(d + 12, "IHDR", 4) == 0) {
    w = static_cast<int>(std::min<std::uint32_t>(be32(d + 16), 0x7FFFFFFF));
    h = static_cast<int>(std::min<std::uint32_t>(be32(d + 20), 0x7FFFFFFF));
    return true;
  }
  if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return jpeg_dimensions(d, n, w, h);
  if (n >= 26 && d[0] == 'B' && d[1] == 'M') {
    // Height is signed (negative: rows top-down); widen before negating INT32_MIN.
    const std::int64_t raw_w = static_cast<std::int32_t>(le32(d + 18));
    const std::int64_t raw_h = static_cast<std::int32_t>(le32(d + 22));
    w = static_cast<int>(std::clamp<std::int64_t>(raw_w, -1, 0x7FFFFFFF));
    h = static_cast<int>(std::min<std::int64_t>(raw_h < 0 ? -raw_h : raw_h, 0x7FFFFFFF));
    return true;
  }
  if (n >= 8 && (std::memcmp(d, "II*\0", 4) == 0 || std::memcmp(d, "MM\0*", 4) == 0)) return tiff_dimensions(d, n, w, h);
  if (n >= 10 && (std::memcmp(d, "GIF87a", 6) == 0 || std::memcmp(d, "GIF89a", 6) == 0)) {
    w = static_cast<int>(le16(d + 6));
    h = static_cast<int>(le16(d + 8));
    return true;
  }
  if (n >= 30 && std::memcmp(d, "RIFF", 4) == 0 && std::memcmp(d + 8, "WEBP", 4) == 0) {
    if (std::memcmp(d + 12, "VP8X", 4) == 0) {
      w = static_cast<int>(1 + (d[24] | (d[25] << 8) | (d[26] << 16)));
      h = static_cast<int>(1 + (d[27] | (d[28] << 8) | (d[29] << 16)));
      return true;
    }
    if (std::memcmp(d + 12, "VP8L", 4) == 0 && n >= 25) {
      const std::uint32_t bits = le32(d + 21);
      w = static_cast<int>((bits & 0x3FFF) + 1);
      h = static_cast<int>(((bits >> 14) & 0x3FFF) + 1);
      return true;
    }
    if (std::memcmp(d + 12, "VP8 ", 4) == 0) {
      w = static_cast<int>(le16(d + 26) & 0x3FFF);
      h = static_cast<int>(le16(d + 28) & 0x3FFF);
      return true;
    }
  }
  return false;
}

cv::Mat decode_image(const unsigned char* data, std::size_t size, const DecodeLimits& limits) {
  if (!data || size == 0) throw ImageError("image is empty (0 bytes)");
  if (size > limits.max_bytes)
    throw ImageError("encoded image of " + std::to_string(size) + " bytes is larger than the limit of " + std::to_string(limits.max_bytes));
  int w = 0, h = 0;
  if (peek_dimensions(data, size, w, h)) {
    if (w <= 0 || h <= 0) throw ImageError("image header gives no pixels (" + std::to_string(w) + " x " + std::to_string(h) + ")");
    if (static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h) > limits.max_pixels)
      throw ImageError("image of " + std::to_string(w) + " x " + std::to_string(h) + " pixels is larger than the limit of " +
                       std::to_string(limits.max_pixels) + " pixels");
  }
  cv::Mat image;
  try {
    // ANYCOLOR keeps greys grey (no wasted channels); like COLOR, it applies the EXIF
    // orientation and gives 8 bits per channel.
    const cv::Mat buffer(1, static_cast<int>(size), CV_8U, const_cast<unsigned char*>(data));
    image = cv::imdecode(buffer, cv::IMREAD_ANYCOLOR);
  } catch (const cv::Exception& e) {
    throw ImageError(std::string("image could not be decoded: ") + e.what());
  }
  if (image.empty()) throw ImageError("image could not be decoded (unknown format, truncated or corrupt)");
  if (static_cast<std::uint64_t>(image.total()) > limits.max_pixels)
    throw ImageError("decoded image of " + std::to_string(image.cols) + " x " + std::to_string(image.rows) + " pixels is over the limit");
  return image;
}

cv::Mat decode_image_file(const std::string& path, const DecodeLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw ResourceError("'" + path + "' is not a readable image file");
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw ResourceError("cannot open image file '" + path + "'");
  const std::streamoff end = in.tellg();
  if (end < 0) throw ResourceError("cannot read image file '" + path + "'");
  if (static_cast<std::uint64_t>(end) > limits.max_bytes)
    throw ImageError("image file '" + path + "' of " + std::to_string(end) + " bytes is larger than the limit of " + std::to_string(limits.max_bytes));
  std::vector<unsigned char> bytes(static_cast<std::size_t>(end));
  in.seekg(0);
  if (!bytes.empty() && !in.read(reinterpret_cast<char*>(bytes.data()), end)) throw ResourceError("cannot read image file '" + path + "'");
  return decode_image(bytes.data(), bytes.size(), limits);
}

}  // namespace docverify::image
