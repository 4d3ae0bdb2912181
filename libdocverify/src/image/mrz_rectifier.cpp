#include "image/mrz_rectifier.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ocr/cell.hpp"

namespace docverify::image {

namespace {
constexpr double kPitch = ocr::kPitchPx;
constexpr double kInkEdge = 0.12;  // a row's ink starts about this far (in pitches) into its first cell
}  // namespace

double canonical_margin_px() { return 2 * kPitch; }
double canonical_top_px() { return 22.0; }

void fit_lines(RectifiedMrz& r, int line_count) {
  const cv::Mat& img = r.canonical;
  const int n = r.chars_per_line;
  r.lines.clear();
  for (int li = 0; li < line_count; ++li) {
    const double nominal_y = canonical_top_px() + li * r.line_spacing;
    const int y0 = std::max(0, static_cast<int>(nominal_y - ocr::kLineHeightPx / 2.0));
    const int y1 = std::min(img.rows, static_cast<int>(nominal_y + ocr::kLineHeightPx / 2.0));
    const cv::Mat strip = img.rowRange(y0, y1);
    const ocr::InkLevels lv = ocr::measure_ink_levels(strip);
    // Vertical: the ink's centre within +-5 px of the nominal line.
    double mass = 0, moment = 0;
    std::vector<double> column(static_cast<size_t>(img.cols), 0.0);
    for (int y = y0; y < y1; ++y) {
      const unsigned char* p = img.ptr<unsigned char>(y);
      double row_ink = 0;
      for (int x = 0; x < img.cols; ++x) {
        const double ink = std::clamp((lv.paper - p[x]) / (lv.paper - lv.ink), 0.0F, 1.0F);
        row_ink += ink;
        column[static_cast<size_t>(x)] += ink;
      }
      mass += row_ink;
      moment += row_ink * (y + 0.5);
    }
    double cy = mass > 0 ? moment / mass : nominal_y;
    cy = std::clamp(cy, nominal_y - 5, nominal_y + 5);
    // Horizontal: pitch and phase that put the cell boundaries in the gaps.
    auto ink_at = [&](double x) {
      if (x < 0 || x >= img.cols - 1) return 0.0;
      const int xi = static_cast<int>(x);
      const double f = x - xi;
      return column[static_cast<size_t>(xi)] * (1 - f) + column[static_cast<size_t>(xi) + 1] * f;
    };
    double best_cost = 1e300, best_x0 = canonical_margin_px(), best_p = kPitch;
    for (double p = kPitch * 0.94; p <= kPitch * 1.06; p += 0.05)
      for (double x0 = canonical_margin_px() - 6; x0 <= canonical_margin_px() + 6; x0 += 0.25) {
        double cost = 0;
        for (int i = 1; i < n; ++i) cost += ink_at(x0 + i * p);
        // Ink beyond the ends means cells are missing there.
        cost += 2 * (ink_at(x0 - 0.25 * p) + ink_at(x0 + (n + 0.25) * p));
        if (cost < best_cost) best_cost = cost, best_x0 = x0, best_p = p;
      }
    RectifiedLine line;
    line.centre_y = static_cast<float>(cy);
    for (int i = 0; i < n; ++i) line.cells.emplace_back(static_cast<float>(best_x0 + (i + 0.5) * best_p), static_cast<float>(cy));
    r.lines.push_back(std::move(line));
  }
}

bool rectify_mrz(const cv::Mat& gray, const MrzCandidate& c, int n, RectifiedMrz& out) {
  if (c.rows.size() < 2 || n <= 0) return false;
  const int k = static_cast<int>(c.rows.size());
  const double m = canonical_margin_px();
  // Line spacing as printed (4.2 to 6.4 mm), in pitches: the grid keeps the print's aspect.
  const cv::Point2f mid_top = (c.rows.front().left + c.rows.front().right) * 0.5F;
  const cv::Point2f mid_bottom = (c.rows.back().left + c.rows.back().right) * 0.5F;
  out.line_spacing = cv::norm(mid_bottom - mid_top) / (k - 1) / c.pitch * kPitch;
  const double width = n * kPitch + 2 * m;
  const double height = 2 * canonical_top_px() + (k - 1) * out.line_spacing;
  const double y_last = canonical_top_px() + (k - 1) * out.line_spacing;
  const std::vector<cv::Point2f> src = {c.rows.front().left, c.rows.front().right, c.rows.back().right, c.rows.back().left};
  const std::vector<cv::Point2f> dst = {
      {static_cast<float>(m + kInkEdge * kPitch), static_cast<float>(canonical_top_px())},
      {static_cast<float>(m + (n - kInkEdge) * kPitch), static_cast<float>(canonical_top_px())},
      {static_cast<float>(m + (n - kInkEdge) * kPitch), static_cast<float>(y_last)},
      {static_cast<float>(m + kInkEdge * kPitch), static_cast<float>(y_last)}};
  cv::Matx33d h(cv::getPerspectiveTransform(src, dst));
  // Shrink the source first when it is much finer than the grid: a perspective warp
  // samples, it does not average, and would alias fine print.
  const double src_pitch = c.pitch;
  cv::Mat source = gray;
  cv::Matx33d pre = cv::Matx33d::eye();
  if (src_pitch > 1.6 * kPitch) {
    cv::Rect box = cv::boundingRect(src);
    const int pad = static_cast<int>(3 * src_pitch);
    box = cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad) & cv::Rect(0, 0, gray.cols, gray.rows);
    if (box.area() <= 0) return false;
    const double f = 1.2 * kPitch / src_pitch;
    cv::resize(gray(box), source, {}, f, f, cv::INTER_AREA);
    pre = cv::Matx33d(f, 0, -box.x * f, 0, f, -box.y * f, 0, 0, 1);
  }
  const cv::Matx33d to_canonical = h * pre.inv();
  cv::warpPerspective(source, out.canonical, cv::Mat(to_canonical), cv::Size(static_cast<int>(width), static_cast<int>(height)),
                      cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  out.frame_to_canonical = h;
  out.chars_per_line = n;
  fit_lines(out, k);
  return true;
}

RectifiedMrz rotate_half_turn(const RectifiedMrz& r) {
  RectifiedMrz t;
  cv::rotate(r.canonical, t.canonical, cv::ROTATE_180);
  const cv::Matx33d turn(-1, 0, r.canonical.cols - 1.0, 0, -1, r.canonical.rows - 1.0, 0, 0, 1);
  t.frame_to_canonical = turn * r.frame_to_canonical;
  t.chars_per_line = r.chars_per_line;
  t.line_spacing = r.line_spacing;
  fit_lines(t, static_cast<int>(r.lines.size()));
  return t;
}

}  // namespace docverify::image
