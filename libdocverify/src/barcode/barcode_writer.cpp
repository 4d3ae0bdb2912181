#include "barcode/barcode_writer.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/Matrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>
#include <stdexcept>
#include <string>

#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"

namespace docverify::barcode {

namespace {

constexpr std::size_t kMaxPayloadBytes = 4096;  // beyond any symbology's capacity

ZXing::BarcodeFormat zxing_format(Symbology s) {
  switch (s) {
    case Symbology::data_matrix: return ZXing::BarcodeFormat::DataMatrix;
    case Symbology::qr_code: return ZXing::BarcodeFormat::QRCode;
    case Symbology::pdf417: return ZXing::BarcodeFormat::PDF417;
    case Symbology::aztec: return ZXing::BarcodeFormat::Aztec;
    case Symbology::unknown: break;
  }
  throw InputError("render_barcode: unknown symbology " + std::to_string(static_cast<int>(s)));
}

// MultiFormatWriter's 0..8 scale: QR maps (level-1)/2 to L/M/Q/H, PDF417 takes it as is.
int ecc_level(Symbology s) {
  switch (s) {
    case Symbology::qr_code: return 3;  // M
    case Symbology::pdf417: return 5;
    default: return -1;  // zxing's default
  }
}

}  // namespace

cv::Mat render_barcode(Symbology symbology, const std::vector<std::uint8_t>& bytes, int module_pixels,
                       int quiet_zone_modules) {
  const ZXing::BarcodeFormat format = zxing_format(symbology);
  if (module_pixels < 1 || module_pixels > 64)
    throw InputError("render_barcode: module_pixels must be 1..64, got " + std::to_string(module_pixels));
  if (quiet_zone_modules < 0 || quiet_zone_modules > 64)
    throw InputError("render_barcode: quiet_zone_modules must be 0..64, got " + std::to_string(quiet_zone_modules));
  if (bytes.size() > kMaxPayloadBytes)
    throw InputError("render_barcode: a payload of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                     std::to_string(kMaxPayloadBytes));

  // One code point 0..255 per byte, encoded as ISO 8859-1: the writer then stores the bytes
  // themselves, not a UTF-8 re-encoding of them.
  const std::wstring code_points(bytes.begin(), bytes.end());
  ZXing::BitMatrix bits;
  try {
    ZXing::MultiFormatWriter writer(format);
    writer.setEncoding(ZXing::CharacterSet::ISO8859_1).setMargin(0);
    if (ecc_level(symbology) >= 0) writer.setEccLevel(ecc_level(symbology));
    // Size hints 0 x 0: one pixel per module (PDF417: 1 x 4 per module-row), never rotated
    // to portrait. Scaling is done below, exactly.
    bits = writer.encode(code_points, 0, 0);
  } catch (const std::exception& e) {
    throw InputError("render_barcode: zxing cannot encode " + std::to_string(bytes.size()) + " bytes as " +
                     symbology_name(symbology) + ": " + e.what());
  }
  const ZXing::Matrix<std::uint8_t> modules = ZXing::ToMatrix<std::uint8_t>(bits, 0, 255);
  if (modules.width() < 1 || modules.height() < 1)
    throw std::runtime_error(std::string("render_barcode: zxing wrote an empty ") + symbology_name(symbology) + " symbol");
  const cv::Mat unit(modules.height(), modules.width(), CV_8UC1, const_cast<std::uint8_t*>(modules.data()));
  cv::Mat symbol;
  cv::resize(unit, symbol, cv::Size(), module_pixels, module_pixels, cv::INTER_NEAREST);
  const int quiet = quiet_zone_modules * module_pixels;
  cv::copyMakeBorder(symbol, symbol, quiet, quiet, quiet, quiet, cv::BORDER_CONSTANT, cv::Scalar(255));

  // Read back: a symbol that does not carry the payload must never become a fixture. With
  // no quiet zone zxing may not find it at all; check on a copy with one.
  cv::Mat check = symbol;
  if (quiet_zone_modules < 2) {
    const int pad = (2 - quiet_zone_modules) * module_pixels;
    cv::copyMakeBorder(symbol, check, pad, pad, pad, pad, cv::BORDER_CONSTANT, cv::Scalar(255));
  }
  BarcodeReadOptions read;
  read.formats = symbology_bit(symbology);
  read.max_symbols = 1;
  read.try_inverted = false;
  read.search_regions = false;  // centred and upright: the whole-image pass reads it or nothing will
  const std::vector<Barcode> back = read_barcodes(check, read);
  if (back.empty() || back.front().bytes != bytes)
    throw std::runtime_error(std::string("render_barcode: the ") + symbology_name(symbology) + " symbol zxing wrote for " +
                             std::to_string(bytes.size()) + " bytes does not read back " +
                             (back.empty() ? "at all" : "byte-exact") +
                             (symbology == Symbology::aztec
                                  ? " (zxing-cpp 1.4's Aztec writer turns some '}' into '~', and a GS (0x1D) near the "
                                    "start is read back as FNC1 and dropped)"
                                  : ""));
  return symbol;
}

}  // namespace docverify::barcode
