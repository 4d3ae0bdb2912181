#pragma once
// Is the MRZ printed in OCR-B (ICAO 9303-3 §4.4, ISO 1073-2; spec: authenticity §4.3
// MRZ.PQ.FONT)? A MRZ retyped in another monospaced font keeps every character valid and
// may keep the pitch too; only the glyphs' shapes show it. Each located character is
// normalised (its own ink, scaled by the page's capital height, centred) and its
// centre-line compared with OCR-B's for the character read: a chamfer distance, so the
// stroke weight of the printer and the blur of the capture matter little, with the
// glyph's height against OCR-B's for the character (OCR-B's digits stand above its
// capitals). A glyph that fits another OCR-B character better is held to that one, so a
// misread is no evidence. The page's conformance is a trimmed mean over its characters,
// so a few cells spoilt by noise or a speck do not decide.
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"
#include "mrz/mrz_text.hpp"

namespace docverify::checks {

struct MrzGlyphMeasures {
  bool measured = false;   // false: fewer than kMinGlyphCharacters could be cut out
  double pitch_px = 0;     // frame pixels per character
  int characters = 0;      // characters compared with their OCR-B template
  double conformance = 0;  // per-character similarity to OCR-B, 0..1 (1: the font itself), 20 % trimmed mean
  double low_share = 0;    // share of characters under kGlyphCharLimit
};

// Per-character similarity under which a glyph counts in low_share.
inline constexpr double kGlyphCharLimit = 0.8;
// Fewest characters for a judgement: a mean over fewer is at the mercy of a few cells.
inline constexpr int kMinGlyphCharacters = 20;

// `mrz_quad` and `lines` as for measure_mrz_print (checks/mrz_print.hpp): the image
// reader's MRZ ink box (TL, TR, BR, BL) in `gray` (CV_8U) and the MRZ as read.
MrzGlyphMeasures measure_mrz_glyphs(const cv::Mat& gray, const std::vector<cv::Point2f>& mrz_quad, const mrz::MrzLines& lines);

// The mrz.print.font record: NOT_DONE with RESOLUTION_TOO_LOW under kMinPrintPitchPx, with
// QUALITY_GATE_FAILED when blurred or too few characters were measured; else OK, or
// WARNING / ERROR with FONT. A heuristic, never critical.
CheckRecord mrz_glyph_check(const MrzGlyphMeasures& m, bool sharp_enough);

}  // namespace docverify::checks
