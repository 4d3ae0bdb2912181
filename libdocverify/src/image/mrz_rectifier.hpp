#pragma once
// Maps a located MRZ onto the canonical grid the OCR-B classifier reads: a homography from
// the rows' ends (so perspective is undone, not just rotation), then per line a fit of the
// vertical centre and of the character pitch and phase to the gaps between characters.
#include <vector>

#include <opencv2/core.hpp>

#include "image/mrz_locator.hpp"

namespace docverify::image {

struct RectifiedLine {
  float centre_y = 0;
  std::vector<cv::Point2f> cells;  // character centres, canonical pixels
};

struct RectifiedMrz {
  cv::Mat canonical;         // CV_8U, one pitch = ocr::kPitchPx pixels
  cv::Matx33d frame_to_canonical;
  std::vector<RectifiedLine> lines;
  int chars_per_line = 0;
  double line_spacing = 0;   // canonical pixels between line centres, as measured in the frame
};

// Canonical geometry shared with the reader (document quads are projected through it).
double canonical_margin_px();
double canonical_top_px();

// Rectifies `candidate` with `chars_per_line` cells per row; false when the quad is
// degenerate or leaves the frame.
bool rectify_mrz(const cv::Mat& gray, const MrzCandidate& candidate, int chars_per_line, RectifiedMrz& out);

// The same MRZ seen upside down (the locator cannot tell which way up it is).
RectifiedMrz rotate_half_turn(const RectifiedMrz& r);

// Fits each line's centre and cells on `r.canonical` (done by rectify_mrz; exposed for the
// half-turned copy).
void fit_lines(RectifiedMrz& r, int line_count);

}  // namespace docverify::image
