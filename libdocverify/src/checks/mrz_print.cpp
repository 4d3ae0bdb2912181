#include "checks/mrz_print.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <opencv2/imgproc.hpp>

namespace docverify::checks {

namespace {

// Nominal print in pitches of 2.54 mm (ICAO 9303-3 §4.2, spec authenticity §4).
constexpr double kPitchMm = 2.54;
constexpr double kTd1SpacingPitches = 4.23 / kPitchMm;   // 1.665
constexpr double kOtherSpacingPitches = 6.35 / kPitchMm;  // 2.5
// The standard's 0.24 mm is for character reference centres; the ink box centres measured
// here also move with the glyph's shape (1, I, < against W, M): up to a tenth of a pitch.
constexpr double kGlyphCentreSpread = 0.10;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

bool alphanumeric(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

struct Glyph {
  int cell = 0;
  double left = 0, right = 0, top = 0, bottom = 0;
  bool letter = false;
  double centre() const { return (left + right) / 2; }
  double base() const { return bottom; }
};

// Theil-Sen line through (cell, value): robust to a character or two measured wrongly.
void theil_sen(const std::vector<Glyph>& g, double (Glyph::*value)() const, double& slope, double& intercept) {
  std::vector<double> slopes;
  for (size_t i = 0; i < g.size(); ++i)
    for (size_t j = i + 1; j < g.size(); ++j)
      if (g[j].cell != g[i].cell) slopes.push_back(((g[j].*value)() - (g[i].*value)()) / (g[j].cell - g[i].cell));
  slope = median(slopes);
  std::vector<double> rest;
  for (const Glyph& x : g) rest.push_back((x.*value)() - slope * x.cell);
  intercept = median(rest);
}

}  // namespace

MrzPrintMeasures measure_mrz_print(const cv::Mat& gray, const std::vector<cv::Point2f>& q, const mrz::MrzLines& lines) {
  MrzPrintMeasures m;
  const int n = lines.length(), k = lines.count();
  if (q.size() != 4 || n <= 0 || k < 2 || gray.empty() || gray.type() != CV_8U) return m;
  const double top_len = cv::norm(q[1] - q[0]), bottom_len = cv::norm(q[2] - q[3]);
  const double side_len = (cv::norm(q[3] - q[0]) + cv::norm(q[2] - q[1])) / 2;
  m.pitch_px = (top_len + bottom_len) / 2 / n;
  if (m.pitch_px < 4) return m;
  // The MRZ on a grid of P pixels per pitch, at the frame's own resolution up to 40 px
  // (finer adds nothing to these measures), with a margin of one pitch.
  const double P = std::min(40.0, m.pitch_px), margin = P;
  const double height = side_len / m.pitch_px * P;
  const std::vector<cv::Point2f> grid = {{float(margin), float(margin)},
                                         {float(margin + n * P), float(margin)},
                                         {float(margin + n * P), float(margin + height)},
                                         {float(margin), float(margin + height)}};
  const cv::Mat h = cv::getPerspectiveTransform(q, grid);
  cv::Mat flat;
  cv::warpPerspective(gray, flat, h, cv::Size(int(n * P + 2 * margin), int(height + 2 * margin)), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  const double spacing = (height - 1.1 * P) / (k - 1);  // line centres' distance, grid px
  m.line_spacing = spacing / P;

  std::vector<double> caps, strokes, deviations, steps, spreads;
  for (int li = 0; li < k; ++li) {
    const double centre = margin + 0.55 * P + li * spacing;
    const int y0 = std::max(0, int(centre - 0.8 * P)), y1 = std::min(flat.rows, int(centre + 0.8 * P));
    if (y1 - y0 < 4) continue;
    const cv::Mat strip = flat.rowRange(y0, y1);
    cv::Mat ink;
    cv::threshold(strip, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    std::vector<Glyph> glyphs(static_cast<size_t>(n));
    std::vector<bool> seen(static_cast<size_t>(n), false);
    for (int i = 1; i < count; ++i) {
      const int area = stats.at<int>(i, cv::CC_STAT_AREA);
      const int bh = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      if (area < 3 || bh < 0.15 * P) continue;
      const int cell = int(std::floor((centroids.at<double>(i, 0) - margin) / P));
      if (cell < 0 || cell >= n || !alphanumeric(lines.at(li, cell))) continue;
      const double l = stats.at<int>(i, cv::CC_STAT_LEFT), t = stats.at<int>(i, cv::CC_STAT_TOP) + y0;
      const double r = l + stats.at<int>(i, cv::CC_STAT_WIDTH), b = t + bh;
      Glyph& g = glyphs[static_cast<size_t>(cell)];
      if (!seen[static_cast<size_t>(cell)]) g = {cell, l, r, t, b, lines.at(li, cell) >= 'A'};
      else g.left = std::min(g.left, l), g.right = std::max(g.right, r), g.top = std::min(g.top, t), g.bottom = std::max(g.bottom, b);
      seen[static_cast<size_t>(cell)] = true;
    }
    std::vector<Glyph> line;
    for (int c = 0; c < n; ++c) {
      const Glyph& g = glyphs[static_cast<size_t>(c)];
      // A glyph much taller or wider than a cell ran into its neighbour or the background.
      if (seen[static_cast<size_t>(c)] && g.bottom - g.top >= 0.5 * P && g.bottom - g.top <= 1.5 * P && g.right - g.left <= 1.2 * P)
        line.push_back(g);
    }
    if (line.size() < 6) continue;
    m.characters += static_cast<int>(line.size());
    for (const Glyph& g : line)
      if (g.letter) caps.push_back((g.bottom - g.top) / P);
    // Pitch regularity: glyph centres against the robust line through them.
    double slope = 0, intercept = 0;
    theil_sen(line, &Glyph::centre, slope, intercept);
    // The 90th percentile, not the maximum: glyph shapes move a box's centre a little, and
    // one glyph touching a speck should not decide.
    std::vector<double> offs;
    for (const Glyph& g : line) offs.push_back(std::abs(g.centre() - (slope * g.cell + intercept)));
    std::sort(offs.begin(), offs.end());
    deviations.push_back(offs[offs.size() * 9 / 10] / P);
    // Baselines: neighbours and the whole line against its robust line.
    theil_sen(line, &Glyph::base, slope, intercept);
    double lo = 1e9, hi = -1e9, step = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const double off = line[i].bottom - (slope * line[i].cell + intercept);
      lo = std::min(lo, off), hi = std::max(hi, off);
      if (i > 0 && line[i].cell == line[i - 1].cell + 1) {
        const double prev = line[i - 1].bottom - (slope * line[i - 1].cell + intercept);
        step = std::max(step, std::abs(off - prev));
      }
    }
    steps.push_back(step / P);
    spreads.push_back((hi - lo) / P);
    // Stroke width: ink area over half its boundary (a stroke of width w and length L has
    // area wL and about 2L boundary pixels).
    cv::Mat core, boundary;
    cv::erode(ink, core, cv::getStructuringElement(cv::MORPH_CROSS, {3, 3}));
    cv::subtract(ink, core, boundary);
    double area = 0, edge = 0;
    for (const Glyph& g : line) {
      const cv::Rect box(cv::Point(int(g.cell * P + margin), 0), cv::Point(int((g.cell + 1) * P + margin), ink.rows));
      const cv::Rect inside = box & cv::Rect(0, 0, ink.cols, ink.rows);
      area += cv::countNonZero(ink(inside));
      edge += cv::countNonZero(boundary(inside));
    }
    if (edge > 0) strokes.push_back(2 * area / edge / P);
  }
  if (m.characters < 12 || caps.empty()) return m;
  m.cap_height = median(caps);
  m.stroke_width = median(strokes);
  m.pitch_deviation = *std::max_element(deviations.begin(), deviations.end());
  m.baseline_step = *std::max_element(steps.begin(), steps.end());
  m.baseline_spread = *std::max_element(spreads.begin(), spreads.end());
  m.measured = true;
  return m;
}

std::vector<CheckRecord> mrz_print_checks(const MrzPrintMeasures& m, mrz::Format format, bool sharp_enough) {
  struct Spec {
    std::string_view id;
    double measured, ok_low, ok_high, error_low, error_high;  // pitches; error bands beyond the ok band
    std::string_view unit;
    const char* what;
  };
  const double spacing = format == mrz::Format::td1 ? kTd1SpacingPitches : kOtherSpacingPitches;
  // Bands: ISO 1831 and 9303-3 where they give one (baseline 0.65 / 1.30 mm, pitch
  // deviation 0.24 mm, caps with pitch/cap 0.935-1.07), widened by one measuring pixel at
  // the lowest resolution measured; line spacing within 8 % (the line centres' 4.3 mm
  // zones allow more, so this one is loose evidence); beyond the ok band a warning, an
  // error only past the standard's own limits (pitch regularity: a warning at most, as
  // glyph shapes move the measured centres). Never critical: a heuristic flags for a person.
  const double px = 1.0 / kMinPrintPitchPx;  // one pixel at the lowest resolution measured, in pitches
  const Spec specs[] = {
      {"mrz.print.line_spacing", m.line_spacing, spacing * 0.92, spacing * 1.08, spacing * 0.80, spacing * 1.20, "pitches",
       "line spacing"},
      {"mrz.print.char_size", m.cap_height, 1 / 1.07 - 2 * px, 1 / 0.935 + 2 * px, 0.80, 1.20, "pitches", "capital height"},
      {"mrz.print.pitch_uniformity", m.pitch_deviation, 0, 0.24 / kPitchMm + kGlyphCentreSpread + px, 0, 1e9, "pitches",
       "character position off the line's pitch (90th percentile)"},
      {"mrz.print.baseline", m.baseline_step, 0, 0.65 / kPitchMm + px, 0, 1.30 / kPitchMm + px, "pitches", "baseline step between neighbours"},
      {"mrz.print.baseline_line", m.baseline_spread, 0, 1.30 / kPitchMm + px, 0, 2.60 / kPitchMm + px, "pitches",
       "baseline spread along a line"},
      {"mrz.print.stroke", m.stroke_width, 0.25 / kPitchMm - px, 0.50 / kPitchMm + 2 * px, 0.15 / kPitchMm - px, 0.70 / kPitchMm + 2 * px,
       "pitches", "stroke width"},
  };
  std::vector<CheckRecord> out;
  for (const Spec& s : specs) {
    CheckRecord r;
    r.id = s.id;
    r.group = CheckGroup::mrz;
    r.critical = false;
    r.required = false;
    r.unit = s.unit;
    if (m.pitch_px < kMinPrintPitchPx) {
      r.diagnose = Diagnose::resolution_too_low;
      r.message = "MRZ printed too small in the image to measure its print (under 250 dpi)";
    } else if (!sharp_enough) {
      r.diagnose = Diagnose::quality_gate_failed;
      r.message = "MRZ too blurred to measure its print";
    } else if (!m.measured) {
      r.diagnose = Diagnose::uncertain;
      r.message = "too few MRZ characters could be measured";
    } else {
      r.measured = s.measured;
      const bool ok = s.measured >= s.ok_low && s.measured <= s.ok_high;
      const bool error = s.measured < s.error_low || s.measured > s.error_high;
      r.threshold = s.measured > s.ok_high ? s.ok_high : s.ok_low;
      r.status = ok ? CheckStatus::ok : error ? CheckStatus::error : CheckStatus::warning;
      if (!ok) {
        r.diagnose = s.id == "mrz.print.line_spacing"         ? Diagnose::line_position
                     : s.id == "mrz.print.char_size"           ? Diagnose::mrz_height
                     : s.id == "mrz.print.pitch_uniformity"    ? Diagnose::pitch
                     : s.id == "mrz.print.stroke"              ? Diagnose::stroke
                                                            : Diagnose::baseline;
        char text[160];
        std::snprintf(text, sizeof text, "%s %.3f pitches, outside %.3f-%.3f", s.what, s.measured, s.ok_low, s.ok_high);
        r.message = std::string(text);
      } else {
        r.message = "within the standard's band";
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace docverify::checks
