#pragma once
// Presentation-attack checks on the visible image (spec: authenticity §5, LIVENESS):
// liveness.screen (the page photographed off a display) and liveness.colour_copy (a colour
// photocopy or print of the page). Both look for the same physical thing, a periodic
// carrier the original print does not have, and tell the two apart by how it behaves:
//   - a display is emissive and its pixel grid (and the moire the grid makes with the
//     camera's) modulates every pixel, white paper included, by a roughly constant factor;
//   - a copier or printer must halftone: its dots modulate tints and mid-tones and vanish
//     on bare paper, and the copy has also lost the original's finest line work.
// Security print (offset line work, intaglio, guilloche) is continuous-tone line art, not
// halftone, and a genuine capture has no carrier that repeats over the whole page: the
// content's own periodic parts (MRZ pitch, text lines, a guilloche band) sit in a few
// patches, so a robust (median) spectrum over many patches drops them.
// Heuristics: never critical, calibrated on genuine captures (spec §7).
#include <limits>
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"

namespace docverify::checks {

struct PresentationMeasures {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  // Scale the spectra were taken at (px per document mm, after any integer reduction),
  // and how many 128 x 128 patches of the document went in.
  double px_per_mm = kNaN;
  int patches = 0;
  // Capture adequacy. `detail` is the share of the broadband (peak-free) spectrum above a
  // quarter of the sampling rate; a blurred capture has little, and then neither a screen
  // grid nor halftone dots survive. `chroma` is the mean colour-opponent amplitude (0-255).
  double detail = kNaN;
  double chroma = kNaN;
  // Strongest periodic peak present in most patches (robust median spectrum), in log10
  // power above its surroundings, luminance or colour-opponent channel, after discounting
  // the JPEG 8 x 8 grid and the lowest frequencies. Its frequency in cycles per mm.
  double peak = kNaN;
  double peak_cycles_per_mm = kNaN;
  // The strongest such peak in the luminance and in the colour-opponent spectra apart.
  // A display's RGB subpixels sit side by side, a third of a pixel apart: their carrier
  // cancels in luminance and shows in colour (so does camera moire, which is coloured);
  // halftone dots darken every channel where they sit and show in luminance.
  double peak_luminance = kNaN;
  double peak_chroma = kNaN;
  // Decision scores, NaN when not measured (the reason in the *_not_done fields).
  double screen_score = kNaN;       // log10 power ratio of a carrier that holds on white
  double colour_copy_score = kNaN;  // log10 power ratio of a tone-following carrier, plus detail loss
  Diagnose screen_not_done = Diagnose::none;
  Diagnose colour_copy_not_done = Diagnose::none;
  const char* screen_why = "";
  const char* colour_copy_why = "";
  double ms = 0;
};

// `bgr`: the whole frame (CV_8UC3; CV_8UC1 is accepted and makes colour copy NOT_DONE).
// `document_quad`: TL, TR, BR, BL of the document in frame pixels (the whole frame if
// unknown). `mrz_pitch_px`: MRZ character pitch in frame pixels (2.54 mm, i.e. dpi / 10),
// <= 0 if unknown (then the scale is unknown and both checks are NOT_DONE).
PresentationMeasures measure_presentation(const cv::Mat& bgr, const std::vector<cv::Point2f>& document_quad,
                                          double mrz_pitch_px);

// Decision constants (log10 power ratios). Thresholds calibrated on the generator's genuine
// captures (seeds 8001 and 9001, 240 scans and 236 phone photos, all six formats): just
// above the highest genuine score of either capture (screen 2.12, colour copy 2.23), as
// several heuristics share the verdict's 2 % false-alarm budget. Recalibrate on real
// captures (spec §7).
inline constexpr double kScreenThreshold = 2.35;
inline constexpr double kColourCopyThreshold = 2.25;
inline constexpr double kGreyBand = 0.5;            // threshold .. threshold + band: WARNING; above: ERROR
inline constexpr double kColourShare = 0.5;         // carrier counts as colour when chroma >= luminance - this
inline constexpr double kAttributionSlope = 8.0;    // score lost per log10 unit on the wrong side
inline constexpr double kMinPxPerMm = 5.0;          // ~127 dpi: below, no carrier is resolvable
inline constexpr double kMinDetail = 0.015;         // below: blurred, a carrier cannot survive
inline constexpr double kMinChroma = 1.5;           // mean colour-opponent amplitude; below: grey image

// liveness.screen and liveness.colour_copy. `image_good_enough`: the caller's quality gate
// for the frame (resolution, glare); false makes both NOT_DONE (QUALITY_GATE_FAILED).
std::vector<CheckRecord> presentation_checks(const PresentationMeasures& m, bool image_good_enough);

}  // namespace docverify::checks
