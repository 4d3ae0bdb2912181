#pragma once
// How the MRZ is printed (spec: authenticity §4): line spacing, character size, baseline
// and pitch regularity and stroke width, measured on the located MRZ and compared with
// ICAO 9303-3 and ISO 1831. Without the document's edges the page's scale is unknown, so
// every measure is a ratio to the measured character pitch (2.54 mm when genuine): a MRZ
// retyped at another pitch keeps the forger's line spacing and glyph size, and shows.
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"
#include "mrz/format.hpp"
#include "mrz/mrz_text.hpp"

namespace docverify::checks {

struct MrzPrintMeasures {
  bool measured = false;       // false: too few characters could be measured
  double pitch_px = 0;         // frame pixels per character
  int characters = 0;          // letters and digits measured
  double line_spacing = 0;     // centre-line distance, pitches (median over line pairs)
  double cap_height = 0;       // median letter height, pitches
  double stroke_width = 0;     // median ink width, pitches
  double pitch_deviation = 0;  // largest distance of a character centre from its line's fit, pitches
  double baseline_step = 0;    // largest baseline difference of neighbours, pitches
  double baseline_spread = 0;  // largest baseline difference within a line, pitches
};

// `mrz_quad`: TL, TR, BR, BL of the MRZ's ink box in `gray` (the image reader's quad: its
// top and bottom 0.55 pitch from the first and last line centres, its left and right at
// the first and last cells' outer edges); `lines`: the MRZ as read.
MrzPrintMeasures measure_mrz_print(const cv::Mat& gray, const std::vector<cv::Point2f>& mrz_quad, const mrz::MrzLines& lines);

// Frame pitch needed for print measures. The spec asks 300 dpi (spec §4.3), but the
// resolution is known only from the pitch itself: a MRZ retyped 10 % narrower must not
// hide behind the gate, so 250 dpi at the nominal 2.54 mm.
inline constexpr double kMinPrintPitchPx = 25.0;

// The mrz.print.* records (spec: MRZ.PQ.*): NOT_DONE (RESOLUTION_TOO_LOW, QUALITY_GATE_FAILED) when the print
// is too coarse or too blurred to measure; heuristics, never critical.
std::vector<CheckRecord> mrz_print_checks(const MrzPrintMeasures& m, mrz::Format format, bool sharp_enough);

}  // namespace docverify::checks
