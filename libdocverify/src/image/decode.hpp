#pragma once
// Encoded images in: files or bytes (JPEG, PNG, TIFF, BMP, WebP, what OpenCV decodes),
// with limits checked before decoding where the header tells the size (decompression
// bombs), EXIF orientation applied, and a clear error for anything else.
#include <cstddef>
#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

namespace docverify::image {

struct DecodeLimits {
  std::size_t max_bytes = 256u * 1024u * 1024u;
  std::uint64_t max_pixels = 100'000'000u;
};

// Width and height from the container header (PNG, JPEG, BMP, WebP, GIF, TIFF); false
// when the header does not say or is not one of these.
bool peek_dimensions(const unsigned char* data, std::size_t size, int& width, int& height);

// BGR image, or single-channel for grey inputs. Throws ImageError (bad or oversized
// image) or ResourceError (a path that is not a readable file).
cv::Mat decode_image(const unsigned char* data, std::size_t size, const DecodeLimits& limits = {});
cv::Mat decode_image_file(const std::string& path, const DecodeLimits& limits = {});

}  // namespace docverify::image
