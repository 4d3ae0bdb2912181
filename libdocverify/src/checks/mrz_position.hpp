#pragma once
// Where the MRZ sits on the page (spec: authenticity §4.2, §4.3 MRZ.PQ.LINE_POSITION,
// START_X, SKEW): the last line's centre above the document's bottom edge, the first
// character's left edge from the left edge, and the lines' angle to the bottom edge, in mm
// and degrees. A counterfeit printed on a blank or a retyped MRZ pasted on often misses the
// places ICAO 9303-3 fixes. The scale comes from the MRZ itself (its ink repeats every
// 2.54 mm along the lines; the format's line spacing across them), and the first cell is
// found again from the ink, as the reader's quad can sit a third of a pitch off it. Only
// edges inside the frame can be measured; an edge that is not surely there is not judged.
#include <limits>
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"
#include "checks/mrz_print.hpp"
#include "mrz/format.hpp"

namespace docverify::checks {

struct MrzPositionMeasures {
  bool bottom_found = false, left_found = false;
  // The edge's search band (nominal ± 5 mm and the background beyond) lies in the frame:
  // tells "not in the frame" from "not found" when an edge is missing.
  bool bottom_in_frame = false, left_in_frame = false;
  double pitch_px = 0;  // frame pixels per character along the lines, from the ink's period
  double line_from_bottom_mm = std::numeric_limits<double>::quiet_NaN();
  double first_char_from_left_mm = std::numeric_limits<double>::quiet_NaN();
  // The lines' angle to the bottom edge. Not from the left edge: across the lines the
  // reader's quad itself can lean several degrees in a tilted photo.
  double skew_deg = std::numeric_limits<double>::quiet_NaN();
  // Why nothing was measured: invalid_input, template_missing (no ICAO position),
  // resolution_too_low, quality_gate_failed (no edge in the frame), uncertain (edges in the
  // frame but none clear); none once an edge is found.
  Diagnose not_done = Diagnose::invalid_input;
  std::vector<cv::Point2f> bottom_edge, left_edge;  // frame px, two points each, as evidence
};

// `mrz_quad`: TL, TR, BR, BL of the MRZ's ink box in `gray` (the image reader's quad: its
// top and bottom 0.55 pitch from the first and last line centres, its left and right at the
// first and last cells' outer edges). `line_count` and `line_length` as read.
MrzPositionMeasures measure_mrz_position(const cv::Mat& gray, const std::vector<cv::Point2f>& mrz_quad, mrz::Format format,
                                         int line_count, int line_length);

// Frame pitch needed: half the print measures' (about 125 dpi). An edge is a step over the
// MRZ's whole width, located to a fraction of a pixel by averaging along it, and the
// narrowest band is ± 1 mm (5 px here); no glyph detail is needed.
inline constexpr double kMinPositionPitchPx = kMinPrintPitchPx / 2;

// The mrz.print.position record: WARNING (line_position, symbol_position or skew) outside
// the 9303 bands, never critical (a heuristic); NOT_DONE when no edge could be measured,
// and for FRA_ID, which has no ICAO position (template_missing).
CheckRecord mrz_position_check(const MrzPositionMeasures& m, mrz::Format format);

}  // namespace docverify::checks
