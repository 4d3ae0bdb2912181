#pragma once
// Erased-and-refilled fields (spec: authenticity §5, SEC.TAMPER.INPAINT). A forger who
// changes a printed value first erases it - paints it over with the paper colour, lets
// inpainting (Telea, Navier-Stokes, content-aware fill) diffuse the surroundings into it -
// and then prints the new value. The refill carries none of the fine background printing
// (guilloche lines, fine texture) that runs under the rest of the visual zone: the field
// lies in a hole of the page's pattern. Per line of text, in windows of at least 8 mm along
// it: the background texture between the glyphs against the texture in the bands just above
// and below. Only windows whose bands are textured evenly count, so a field beside the
// portrait, inside a flat block (portrait, barcode area, margin, the MRZ's clear zone) or at
// the edge of a pattern is not judged. A heuristic and an explainer only (it decides nothing), for a person
// with the areas as evidence.
//
// The page is measured upright (through the document quad) at 10 px/mm or the frame's own
// scale when coarser; scratch images are kept per thread (about 10 MB for a TD3 page).
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"

namespace docverify::checks {

struct InpaintEvidence {
  bool measured = false;
  // Why not (Diagnose::none when measured): invalid_input, uncertain (the document region
  // unknown or implausible), resolution_too_low, background (no background texture to
  // lose), internal_error.
  Diagnose unsupported = Diagnose::none;
  // The largest share of the expected background texture a field window lacks (0: as
  // textured as its surroundings, 1: none at all); 0 when no window could be judged.
  double score = 0;
  double threshold = 0;
  std::vector<cv::Rect> regions;       // image pixels, the strongest first (empty below the threshold)
  std::vector<cv::Rect2d> regions_mm;  // the same in document millimetres from its top-left corner
  double px_per_mm = 0;      // the frame's scale, from the MRZ pitch
  double texture_share = 0;  // share of the page's background pixels on background texture
};

// `image`: the frame (CV_8UC1, BGR or BGRA); `document_quad`: the document's corners in the
// frame, TL TR BR BL in document orientation (empty: unknown, not measured); `mrz_quad`: the
// MRZ's, TL TR BR BL (where the visual zone ends, and with `line_length`, the characters
// per MRZ line as read, the scale: the quad is that many 2.54 mm pitches wide).
InpaintEvidence measure_inpainting(const cv::Mat& image, const std::vector<cv::Point2f>& document_quad,
                                   const std::vector<cv::Point2f>& mrz_quad, int line_length);

// security.tamper.inpaint: OK (an area over the threshold is named in the message and the regions, as an explainer) or NOT_DONE.
CheckRecord inpaint_check(const InpaintEvidence& e);

// Smallest frame scale the texture needs: the MRZ gate's 150 dpi.
inline constexpr double kInpaintMinPxPerMm = 5.9;
// Set on genuine synthetic pages (calibrated:synth-genuine-seeds-7001-8001, 204 pages per
// capture, all six formats, the reader's quads): the largest genuine score is 0.967 (one
// scan; the next 0.914; phone 0.864), the score cannot pass 1, so the margin is small.
inline constexpr double kInpaintThreshold = 0.98;

}  // namespace docverify::checks
