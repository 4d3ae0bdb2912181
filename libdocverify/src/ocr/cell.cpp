#include "ocr/cell.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace docverify::ocr {

namespace {
// Paper greys further apart than this along one line mean glare, shadow or a light fall-off.
constexpr float kUnevenPaperGrey = 28.0F;
}  // namespace

InkLevels measure_ink_levels(const cv::Mat& line_gray) {
  int hist[256] = {};
  const int rows = line_gray.rows, cols = line_gray.cols;
  for (int y = 0; y < rows; ++y) {
    const unsigned char* p = line_gray.ptr<unsigned char>(y);
    for (int x = 0; x < cols; ++x) ++hist[p[x]];
  }
  const long total = static_cast<long>(rows) * cols;
  auto percentile = [&](double q) {
    const long want = static_cast<long>(q * static_cast<double>(total));
    long seen = 0;
    for (int v = 0; v < 256; ++v) {
      seen += hist[v];
      if (seen > want) return static_cast<float>(v);
    }
    return 255.0F;
  };
  // MRZ ink covers roughly 15-25 % of a line strip: the 3rd percentile is solid ink, the
  // 70th is paper even where the strip cuts through neighbouring lines.
  InkLevels lv{percentile(0.70), percentile(0.03)};
  if (lv.paper - lv.ink < 16.0F) lv.ink = std::max(0.0F, lv.paper - 16.0F);  // flat strip: no contrast to stretch
  return lv;
}

std::vector<InkLevels> measure_cell_ink_levels(const cv::Mat& line_gray, const std::vector<float>& centres_x) {
  const InkLevels line = measure_ink_levels(line_gray);
  std::vector<InkLevels> out(centres_x.size(), line);
  if (centres_x.empty() || line_gray.empty()) return out;
  // Paper grey in windows of kWindowCells cells: how uneven the light is along the line.
  constexpr int kWindowCells = 9;
  const int half = kWindowCells * kPitchPx / 2;
  std::vector<InkLevels> local(centres_x.size());
  float lowest = 255.0F, highest = 0.0F;
  for (std::size_t i = 0; i < centres_x.size(); ++i) {
    const int x0 = std::clamp(static_cast<int>(centres_x[i]) - half, 0, line_gray.cols - 1);
    const int x1 = std::clamp(static_cast<int>(centres_x[i]) + half, x0 + 1, line_gray.cols);
    local[i] = measure_ink_levels(line_gray.colRange(x0, x1));
    lowest = std::min(lowest, local[i].paper), highest = std::max(highest, local[i].paper);
  }
  // Even light: one set of levels, as the classifier was mostly trained with.
  if (highest - lowest < kUnevenPaperGrey) return out;
  for (std::size_t i = 0; i < out.size(); ++i) {
    // A window of fillers has little ink: its darkest percentile is not solid ink. Keep
    // the line's contrast there unless the light itself changed.
    const float contrast = std::max(local[i].paper - local[i].ink, 0.5F * (line.paper - line.ink) * local[i].paper / std::max(1.0F, line.paper));
    out[i].paper = local[i].paper;
    out[i].ink = std::max(0.0F, local[i].paper - std::max(16.0F, contrast));
  }
  return out;
}

namespace {

void sample(const cv::Mat& line_gray, cv::Point2f centre, const InkLevels& lv, CellFeatures& out) {
  cv::Mat patch;
  cv::getRectSubPix(line_gray, cv::Size(kCellW, kCellH), centre, patch, CV_32F);
  const float scale = 1.0F / (lv.paper - lv.ink);
  for (int y = 0; y < kCellH; ++y) {
    const float* p = patch.ptr<float>(y);
    for (int x = 0; x < kCellW; ++x) out[static_cast<size_t>(y * kCellW + x)] = std::clamp((lv.paper - p[x]) * scale, 0.0F, 1.0F);
  }
}

}  // namespace

cv::Point2f extract_cell(const cv::Mat& line_gray, cv::Point2f centre, const InkLevels& levels, CellFeatures& out) {
  sample(line_gray, centre, levels, out);
  // Only the middle pitch's worth of columns vote, so a neighbour's edge does not pull.
  double mass = 0, moment = 0;
  const int margin = (kCellW - kPitchPx) / 2;
  for (int y = 0; y < kCellH; ++y)
    for (int x = margin; x < kCellW - margin; ++x) {
      const double v = out[static_cast<size_t>(y * kCellW + x)];
      mass += v;
      moment += v * (x + 0.5);
    }
  if (mass < 1.0) return centre;
  const double shift = std::clamp(moment / mass - kCellW / 2.0, -kPitchPx / 4.0, kPitchPx / 4.0);
  if (std::abs(shift) < 0.25) return centre;
  const cv::Point2f moved(centre.x + static_cast<float>(shift), centre.y);
  sample(line_gray, moved, levels, out);
  return moved;
}

}  // namespace docverify::ocr
