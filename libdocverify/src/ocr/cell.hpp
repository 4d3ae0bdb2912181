#pragma once
// One MRZ character cell as the OCR-B classifier sees it. The image reader rectifies every
// MRZ line to a canonical scale (one character pitch = kPitchPx pixels); the trainer renders
// its samples at the same scale and both cut cells with this one function, so training and
// reading cannot drift apart.
#include <array>

#include <vector>

#include <opencv2/core.hpp>

namespace docverify::ocr {

constexpr int kPitchPx = 14;   // canonical character pitch (2.54 mm)
constexpr int kLineHeightPx = 24; // canonical strip height around one line's centre
constexpr int kCellW = 16;     // a little wider than the pitch: glyph edges are never cut
constexpr int kCellH = 20;     // capitals are ~13.6 px high at this pitch
constexpr int kCellFeatures = kCellW * kCellH;

using CellFeatures = std::array<float, kCellFeatures>;

// Paper and ink grey of one rectified line, from its histogram (robust to a few specks).
struct InkLevels {
  float paper = 255.0F;
  float ink = 0.0F;
};
InkLevels measure_ink_levels(const cv::Mat& line_gray);

// Levels for each cell of a line (x centres in `line_gray`'s columns): the line's own when
// the light is even along it, else measured over the few cells around each one, so that
// characters under glare or in a shadow keep their contrast.
std::vector<InkLevels> measure_cell_ink_levels(const cv::Mat& line_gray, const std::vector<float>& centres_x);

// Cuts the cell centred near (cx, cy) of a canonical line image (CV_8U): the window is
// first re-centred on the ink's horizontal centroid (at most a quarter pitch), then
// sampled to kCellW x kCellH floats in [0, 1] with ink = 1. Returns the centre used.
cv::Point2f extract_cell(const cv::Mat& line_gray, cv::Point2f centre, const InkLevels& levels,
                         CellFeatures& out);

}  // namespace docverify::ocr
