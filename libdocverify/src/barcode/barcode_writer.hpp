#pragma once
// Rendering 2D barcodes with zxing-cpp 1.4's writer, for test fixtures, synthetic documents
// and sample seals. Every symbol is read back before it is returned, because the 1.4 writer
// is not always right: its Aztec encoder turns '}' into '~' in some contexts, and writes a
// GS (0x1D) near the start (first, or after one letter or two digits) as FNC1, which the
// reader then takes for a GS1 / AIM flag and drops.
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "barcode/barcode_reader.hpp"

namespace docverify::barcode {

// A CV_8UC1 image of `bytes` as one symbol, black (0) on white (255), each module
// `module_pixels` square (PDF417: the narrowest module; its rows are 4 modules high, as zxing
// draws them), surrounded by `quiet_zone_modules` modules of white.
// Each byte is one ISO 8859-1 code point, so any binary payload round-trips byte-exact.
// Error correction: zxing's defaults for DataMatrix (ECC 200) and Aztec (33 %), level M for
// QR (zxing's default is L) and level 5 for PDF417 (zxing's default 2 is weaker than ID cards
// print). PDF417 is drawn landscape, with the column count zxing's encoder picks for a
// width:height near 3:1 (MultiFormatWriter exposes no column setting).
// Throws InputError for an unknown symbology, module_pixels outside 1..64,
// quiet_zone_modules outside 0..64, or a payload the symbology cannot hold (over 4096 bytes
// is always refused); std::runtime_error when the symbol does not read back byte-exact.
cv::Mat render_barcode(Symbology symbology, const std::vector<std::uint8_t>& bytes, int module_pixels = 4,
                       int quiet_zone_modules = 4);

}  // namespace docverify::barcode
