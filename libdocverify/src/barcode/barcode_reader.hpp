#pragma once
// Finding and decoding 2D barcodes (DataMatrix for ICAO VDS, QR for VDS-NC, PDF417 for
// AAMVA, Aztec) in a page image, byte-exact, on top of zxing-cpp 1.4.
//
// zxing-cpp 1.4 alone misses much of what a document scanner delivers: its DataMatrix and
// Aztec detectors only look along the image's centre lines (the off-centre scan is compiled
// out), PDF417 fails beyond ~4° of rotation, its 90° retry reports wrong corners, and there
// is no "try inverted". So read_barcodes decodes the whole image, then finds barcode-like
// regions with OpenCV and decodes each one cropped around its centre, deskewed, scaled and
// in both polarities. A DataMatrix zxing cannot read that way (a phone photo: 2-4 px modules,
// blurred, in perspective) is rectified: its outline found as four lines, the module count
// and orientation read off the finder, timing and region patterns, each module sampled
// through the homography and decided by a least-squares equalizer and a fitted blur model,
// and the modules redrawn clean for zxing, whose Reed-Solomon check rejects a wrong grid.
//
// Measured on synthetic pages (tests/barcode): all four symbologies read at any rotation;
// Gaussian blur up to sigma ~0.5 x module px (DataMatrix, QR at 4 px modules: sigma 2;
// PDF417 at 3 px: 1.75, often 2); JPEG quality 20; noise sigma 40; ~27 gray levels of ink-paper
// contrast; 12 % keystone; DataMatrix at 3 px modules with 12 % keystone, any rotation, blur
// sigma 0.6 module and JPEG together. Aztec is 1.4's weak reader: at 4 px modules blur
// sigma 1 only when upright (blurred and rotated fails), sigma 2 at 6 px modules; 4 %
// keystone.
//
// Thread safety: read_barcodes keeps no state between calls; any number of threads may call
// it at once (each call uses only its own memory).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace docverify::barcode {

enum class Symbology : std::uint8_t { unknown = 0, data_matrix = 1, qr_code = 2, pdf417 = 3, aztec = 4 };

// "data_matrix", "qr_code", "pdf417", "aztec"; "unknown" for anything else (never NULL).
const char* symbology_name(Symbology symbology);

// The bit of a symbology in BarcodeReadOptions::formats.
constexpr unsigned symbology_bit(Symbology symbology) { return 1u << static_cast<unsigned>(symbology); }

inline constexpr unsigned all_symbologies = symbology_bit(Symbology::data_matrix) | symbology_bit(Symbology::qr_code) |
                                            symbology_bit(Symbology::pdf417) | symbology_bit(Symbology::aztec);

struct Barcode {
  Symbology symbology = Symbology::unknown;
  // The raw payload (zxing's bytes(), never text(): text() re-encodes bytes >= 0x80).
  std::vector<std::uint8_t> bytes;
  // The symbol's corners in the input image's pixel coordinates, in the symbol's own order:
  // top-left, top-right, bottom-right, bottom-left as the symbol reads upright.
  std::array<cv::Point2f, 4> corners{};
  // How far the symbol is rotated in the input, counter-clockwise as seen on screen, in
  // degrees within (-180, 180]; 0 for an upright symbol.
  double angle_degrees = 0;
  // AIM symbology identifier: "]d1" DataMatrix, "]Q1" QR, "]L2" PDF417, "]z0" Aztec, ...
  std::string symbology_identifier;
  // Found on the inverted image: the symbol is printed light on dark.
  bool inverted = false;
};

struct BarcodeReadOptions {
  // Which symbologies to look for, a bit mask of symbology_bit(...). Asking only for the
  // expected ones is faster and exposes less zxing code to untrusted pixels. 0 finds nothing.
  unsigned formats = all_symbologies;
  // Stop after this many distinct symbols, 1..255.
  int max_symbols = 8;
  // After the whole-image pass, find barcode-like regions with OpenCV and decode them
  // cropped, deskewed and scaled. Needed for DataMatrix and Aztec away from the image centre
  // and for PDF417 rotated beyond ~4°; off means one zxing call (plus its inverse) only.
  bool search_regions = true;
  // At most this many regions are decoded (the most barcode-like first), 0..64.
  int max_regions = 12;
  // At most this many zxing calls on region crops in all (deskew retries, polarity,
  // binarizers included), 0..512; and at most 12 MP of crops in all, whatever this says.
  // With max_regions this bounds the work on garbage.
  int max_region_attempts = 64;
  // Also look for light-on-dark symbols: region crops are tried in both polarities, and the
  // whole image is decoded inverted when it is mostly dark (mean < 100), or when nothing was
  // found and search_regions is off.
  bool try_inverted = true;
  // The whole-image pass and the region search run on a copy downscaled to at most this
  // many pixels; crops are still cut from the full-resolution image. >= 10'000.
  std::size_t max_detection_pixels = 12'000'000;
  // Larger images are refused with ImageError instead of being processed.
  std::size_t max_image_pixels = 150'000'000;
  // Wall-clock budget in milliseconds, checked before each zxing call after the first
  // (0 = none). One zxing call cannot be interrupted, so this is a soft limit; with it the
  // result depends on machine speed, so leave it 0 where results must be reproducible.
  int time_budget_ms = 0;
};

// Finds every barcode of the asked formats in a page image (CV_8UC1 gray, CV_8UC3 BGR or
// CV_8UC4 BGRA; any row stride), byte-exact, at most max_symbols of them. The same symbol
// found by two passes is returned once; two identical symbols at different places are two.
// Order: the whole-image pass first, then regions by how barcode-like they look.
// Throws docverify::ImageError for an empty image, a depth other than 8-bit, a channel count
// other than 1, 3 or 4, or more than max_image_pixels; docverify::InputError for options out
// of range.
std::vector<Barcode> read_barcodes(const cv::Mat& image, const BarcodeReadOptions& options = {});

}  // namespace docverify::barcode
