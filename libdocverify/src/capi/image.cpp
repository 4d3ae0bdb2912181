// C API: validation of borrowed image views (the image reader consumes them).
#include <cstring>
#include <limits>
#include <string>

#include "capi/firewall.hpp"

namespace {

// File signatures (magic numbers) of the containers the image reader decodes.
dv_image_container sniff_container(const uint8_t* d, size_t n) noexcept {
  auto starts = [&](const char* sig, size_t len, size_t at = 0) {
    return n >= at + len && std::memcmp(d + at, sig, len) == 0;
  };
  if (starts("\xFF\xD8\xFF", 3)) return DV_CONTAINER_JPEG;
  if (starts("\x89PNG\r\n\x1A\n", 8)) return DV_CONTAINER_PNG;
  if (starts("II*\0", 4) || starts("MM\0*", 4)) return DV_CONTAINER_TIFF;
  if (starts("BM", 2) && n >= 26) return DV_CONTAINER_BMP;
  if (starts("RIFF", 4) && starts("WEBP", 4, 8)) return DV_CONTAINER_WEBP;
  if (starts("\0\0\0\x0CjP  \r\n\x87\n", 12) || starts("\xFF\x4F\xFF\x51", 4)) return DV_CONTAINER_JPEG2000;
  return DV_CONTAINER_UNKNOWN;
}

}  // namespace

using docverify::capi::fail;
using docverify::capi::guard;

extern "C" {

DV_API uint32_t dv_pixel_format_channels(dv_pixel_format format) {
  switch (format) {
    case DV_PIXEL_GRAY8: return 1;
    case DV_PIXEL_RGB8:
    case DV_PIXEL_BGR8: return 3;
    case DV_PIXEL_RGBA8: return 4;
    default: return 0;
  }
}

DV_API dv_status dv_image_view_check(const dv_image_view* v) {
  return guard([&]() -> dv_status {
    if (!v) return fail(DV_E_INVALID_ARG, "image view is NULL");
    if (v->version < 1 || v->version > DV_IMAGE_VIEW_VERSION)
      return fail(DV_E_VERSION, "image view version " + std::to_string(v->version) + " is not known to this library");
    const uint32_t channels = dv_pixel_format_channels(v->format);
    if (channels == 0) return fail(DV_E_IMAGE, "unknown pixel format " + std::to_string(v->format));
    if (v->width == 0 || v->height == 0) return fail(DV_E_IMAGE, "image has no pixels");
    if (static_cast<uint64_t>(v->width) * v->height > DV_MAX_IMAGE_PIXELS)
      return fail(DV_E_IMAGE, "image of " + std::to_string(v->width) + " x " + std::to_string(v->height) +
                                  " pixels is larger than " + std::to_string(DV_MAX_IMAGE_PIXELS) + " pixels");
    if (!v->data) return fail(DV_E_INVALID_ARG, "image data is NULL");
    const uint64_t row_bytes = static_cast<uint64_t>(v->width) * channels;
    if (v->row_stride < row_bytes)
      return fail(DV_E_IMAGE, "row stride " + std::to_string(v->row_stride) + " is less than a row of " +
                                  std::to_string(row_bytes) + " bytes");
    // Last row ends at (height - 1) * stride + row_bytes; computed without overflow.
    const uint64_t stride = v->row_stride;
    if (stride > std::numeric_limits<uint64_t>::max() / v->height)
      return fail(DV_E_IMAGE, "row stride overflows the image size");
    const uint64_t needed = (static_cast<uint64_t>(v->height) - 1) * stride + row_bytes;
    if (needed > v->size)
      return fail(DV_E_IMAGE, "the view needs " + std::to_string(needed) + " bytes but the buffer has " +
                                  std::to_string(v->size));
    return DV_OK;
  });
}

DV_API dv_status dv_encoded_image_check(const dv_encoded_image* image, dv_image_container* out_container) {
  return guard([&]() -> dv_status {
    if (out_container) *out_container = DV_CONTAINER_UNKNOWN;
    if (!image) return fail(DV_E_INVALID_ARG, "encoded image is NULL");
    if (image->version < 1 || image->version > DV_ENCODED_IMAGE_VERSION)
      return fail(DV_E_VERSION, "encoded image version " + std::to_string(image->version) + " is not known to this library");
    if (!image->data || image->size == 0) return fail(DV_E_IMAGE, "encoded image is empty");
    if (image->size > DV_MAX_ENCODED_IMAGE_BYTES)
      return fail(DV_E_IMAGE, "encoded image of " + std::to_string(image->size) + " bytes is larger than " +
                                  std::to_string(DV_MAX_ENCODED_IMAGE_BYTES));
    const dv_image_container c = sniff_container(image->data, image->size);
    if (c == DV_CONTAINER_UNKNOWN)
      return fail(DV_E_IMAGE, "not a JPEG, PNG, TIFF, BMP, WebP or JPEG 2000 file (unknown signature)");
    if (out_container) *out_container = c;
    return DV_OK;
  });
}

}  // extern "C"
