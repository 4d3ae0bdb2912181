#include "checks/mrz_position.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <opencv2/imgproc.hpp>

#include "mrz/page_geometry.hpp"

namespace docverify::checks {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kPitchMm = 2.54;
constexpr double kGridPxPerMm = 10;                      // the rectified strips' resolution
constexpr double kSearchMm = 5.0;                        // an edge is looked for at nominal ± this
constexpr double kStepHalfMm = 0.3;                      // a step's gradient spans ± this
constexpr double kSideNearMm = 0.3, kSideFarMm = 1.5;    // content compared on either side of a step
constexpr double kInlierMm = 0.3;                        // a segment's step this near the line is on it
constexpr double kMinInlierShare = 0.7;                  // of the segments: the edge runs along most of the MRZ
constexpr double kMaxSlopeDeg = 6.0;                     // bottom edge: a skew past 3° must still be measured
// The left edge's angle in the MRZ frame carries the quad's own error across the lines (a
// tilted photo's quad can lean 7°); it is not the skew measured.
constexpr double kMaxLeftSlopeDeg = 10.0;
constexpr double kSlopeStepDeg = 0.25;
constexpr double kMinStep = 8;                           // grey levels across 0.6 mm: a candidate step
constexpr double kMinContrast = 20;                      // beyond against inside: not the same paper
constexpr double kPaperTolerance = 15;                   // inside against the paper under the MRZ
constexpr int kBorderPx = 2;                             // pixels this near the image border are not evidence
constexpr int kCandidatesPerSegment = 4;
constexpr double kLineStartSpreadMm = 0.6;               // the lines' first cells, found apart, agree this well

// One edge's search: a strip rectified around it, s along the edge and t across it growing
// away from the MRZ, both in mm. MRZ mm: u along the lines from the first cell's left edge,
// v down from the last line's centre.
struct EdgeSearch {
  double s0, s1;     // along the edge
  double t_paper;    // the strip starts here: paper just outside the MRZ's ink
  double t_nominal;  // where 9303 puts the edge
  int segments;
  bool left;         // (u, v) = (-t, s); the bottom edge has (u, v) = (s, t)
  double max_slope_deg;
};

struct EdgeLine {
  bool found = false, in_frame = false;
  double s_centre = 0, offset = 0, slope = 0;  // t = offset + slope (s - s_centre)
  double at(double s) const { return offset + slope * (s - s_centre); }
};

struct Stats {
  double mean = 0, sd = 0;
};

// Row means of each segment of the strip (rows across the edge), with the rows that lie
// wholly inside the frame.
class Strip {
 public:
  Strip(const cv::Mat& gray, const cv::Matx33d& mm_to_frame, const EdgeSearch& e, int rows)
      : rows_(rows), segments_(e.segments), mean_(size_t(rows) * e.segments), meansq_(mean_.size()), ok_(mean_.size(), 1) {
    const double S = kGridPxPerMm;
    const int cols = std::max(segments_, int(std::lround((e.s1 - e.s0) * S)));
    // Strip pixel (x, y) -> (s, t) -> MRZ mm (u, v) -> frame.
    const cv::Matx33d px_to_st(1 / S, 0, e.s0, 0, 1 / S, e.t_paper, 0, 0, 1);
    const cv::Matx33d st_to_uv = e.left ? cv::Matx33d(0, -1, 0, 1, 0, 0, 0, 0, 1) : cv::Matx33d::eye();
    const cv::Matx33d M = mm_to_frame * st_to_uv * px_to_st;
    const double xmax = gray.cols - 1 - kBorderPx, ymax = gray.rows - 1 - kBorderPx;
    std::vector<double> sum(mean_.size(), 0), sumsq(mean_.size(), 0);
    std::vector<int> count(mean_.size(), 0);
    for (int y = 0; y < rows_; ++y)
      for (int x = 0; x < cols; ++x) {
        const size_t i = size_t(x * segments_ / cols) * rows_ + y;
        const double w = M(2, 0) * x + M(2, 1) * y + M(2, 2);
        const double fx = (M(0, 0) * x + M(0, 1) * y + M(0, 2)) / w, fy = (M(1, 0) * x + M(1, 1) * y + M(1, 2)) / w;
        if (!(w > 0 && fx >= kBorderPx && fy >= kBorderPx && fx < xmax && fy < ymax)) {
          ok_[i] = 0;
          continue;
        }
        const int x0 = int(fx), y0 = int(fy);
        const double ax = fx - x0, ay = fy - y0;
        const uchar* r0 = gray.ptr<uchar>(y0) + x0;
        const uchar* r1 = gray.ptr<uchar>(y0 + 1) + x0;
        const double v = (r0[0] * (1 - ax) + r0[1] * ax) * (1 - ay) + (r1[0] * (1 - ax) + r1[1] * ax) * ay;
        sum[i] += v, sumsq[i] += v * v, ++count[i];
      }
    for (size_t i = 0; i < mean_.size(); ++i) {
      if (!ok_[i] || count[i] == 0) {
        ok_[i] = 0;
        continue;
      }
      mean_[i] = sum[i] / count[i], meansq_[i] = sumsq[i] / count[i];
    }
    bad_before_.assign(size_t(rows_ + 1) * segments_, 0);  // prefix counts of rows outside the frame
    for (int s = 0; s < segments_; ++s)
      for (int y = 0; y < rows_; ++y) bad_before_[size_t(s) * (rows_ + 1) + y + 1] = bad_before_[size_t(s) * (rows_ + 1) + y] + !ok_[index(s, y)];
  }

  int rows() const { return rows_; }
  int segments() const { return segments_; }
  double mean(int s, int y) const { return mean_[index(s, y)]; }
  // Rows [y0, y1) all inside the strip and the frame.
  bool in_frame(int s, int y0, int y1) const {
    if (y0 < 0 || y1 > rows_ || y0 >= y1) return false;
    const size_t b = size_t(s) * (rows_ + 1);
    return bad_before_[b + y1] == bad_before_[b + y0];
  }
  Stats window(int s, int y0, int y1) const {
    double m = 0, m2 = 0;
    for (int y = y0; y < y1; ++y) m += mean_[index(s, y)], m2 += meansq_[index(s, y)];
    m /= (y1 - y0), m2 /= (y1 - y0);
    return {m, std::sqrt(std::max(0.0, m2 - m * m))};
  }

 private:
  size_t index(int s, int y) const { return size_t(s) * rows_ + y; }
  int rows_, segments_;
  std::vector<double> mean_, meansq_;
  std::vector<unsigned char> ok_;
  std::vector<int> bad_before_;
};

double median(std::vector<double> v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

struct Candidate {
  int segment;
  double t;  // mm
  int sign;  // brighter (+1) or darker (-1) beyond
};

// Steps across each segment's profile: local maxima of the gradient over ± 0.3 mm, with
// room on both sides inside the frame for the content tests.
std::vector<Candidate> step_candidates(const Strip& strip, const EdgeSearch& e, int y_lo, int y_hi) {
  const double S = kGridPxPerMm;
  const int d = int(std::lround(kStepHalfMm * S)), far = int(std::lround(kSideFarMm * S));
  std::vector<Candidate> out;
  std::vector<double> g(size_t(strip.rows()), 0);
  for (int s = 0; s < strip.segments(); ++s) {
    std::fill(g.begin(), g.end(), 0.0);
    for (int y = std::max(y_lo - 1, d); y <= std::min(y_hi + 1, strip.rows() - 1 - d); ++y)
      if (strip.in_frame(s, y - d, y + d + 1)) g[size_t(y)] = strip.mean(s, y + d) - strip.mean(s, y - d);
    std::vector<std::pair<double, Candidate>> found;
    for (int y = std::max(y_lo, 1); y <= std::min(y_hi, strip.rows() - 2); ++y) {
      const double a = std::abs(g[size_t(y)]), before = std::abs(g[size_t(y - 1)]), after = std::abs(g[size_t(y + 1)]);
      if (a < kMinStep || a < before || a <= after || !strip.in_frame(s, y - far, y + far + 1)) continue;
      // Sub-pixel: the parabola through the peak and its neighbours.
      const double den = before - 2 * a + after;
      const double dy = den < 0 ? std::clamp(0.5 * (before - after) / den, -0.5, 0.5) : 0.0;
      found.push_back({a, {s, e.t_paper + (y + dy) / S, g[size_t(y)] > 0 ? 1 : -1}});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = 0; i < found.size() && i < size_t(kCandidatesPerSegment); ++i) out.push_back(found[i].second);
  }
  return out;
}

double segment_centre(const EdgeSearch& e, int s) { return e.s0 + (s + 0.5) * (e.s1 - e.s0) / e.segments; }

// Least squares through each segment's step nearest the line, repeated as the line settles;
// returns the segments on it.
std::vector<const Candidate*> refine(EdgeLine& line, const std::vector<Candidate>& cands, const EdgeSearch& e, int sign) {
  std::vector<const Candidate*> on;
  for (double tolerance : {2 * kInlierMm, kInlierMm, kInlierMm}) {
    std::vector<const Candidate*> nearest(size_t(e.segments), nullptr);
    for (const Candidate& c : cands) {
      if (c.sign != sign) continue;
      const double off = std::abs(c.t - line.at(segment_centre(e, c.segment)));
      const Candidate*& n = nearest[size_t(c.segment)];
      if (off <= tolerance && (!n || off < std::abs(n->t - line.at(segment_centre(e, n->segment))))) n = &c;
    }
    on.clear();
    double ss = 0, st = 0, sss = 0, sst = 0;
    for (const Candidate* c : nearest)
      if (c) {
        const double s = segment_centre(e, c->segment) - line.s_centre;
        on.push_back(c), ss += s, st += c->t, sss += s * s, sst += s * c->t;
      }
    const double n = double(on.size()), den = n * sss - ss * ss;
    if (on.size() < 2 || den <= 0) break;
    line.slope = (n * sst - ss * st) / den;
    line.offset = (st - line.slope * ss) / n;
  }
  return on;
}

// The edge: straight steps over most of the MRZ's width (a Hough vote over slope and
// offset, then least squares), with paper on the inside like the paper under the MRZ and
// something else beyond: darker, brighter or rougher. Of those, the outermost: printed
// bands and lamination edges lie inside the page, clutter beyond it has no paper inside.
EdgeLine find_edge(const cv::Mat& gray, const cv::Matx33d& mm_to_frame, const EdgeSearch& e) {
  const double S = kGridPxPerMm;
  const int far = int(std::lround(kSideFarMm * S)), near = int(std::lround(kSideNearMm * S));
  const int paper_rows = int(std::lround(0.9 * S));
  // The inside window must not reach back into the MRZ's ink.
  const int y_lo = std::max(far, int(std::lround((e.t_nominal - kSearchMm - e.t_paper) * S)));
  const int y_hi = int(std::lround((e.t_nominal + kSearchMm - e.t_paper) * S));
  EdgeLine line;
  line.s_centre = (e.s0 + e.s1) / 2;
  if (y_hi <= y_lo) return line;
  const Strip strip(gray, mm_to_frame, e, y_hi + far + 2);
  int whole = 0;
  for (int s = 0; s < e.segments; ++s) whole += strip.in_frame(s, 0, strip.rows());
  line.in_frame = whole >= kMinInlierShare * e.segments;
  const std::vector<Candidate> cands = step_candidates(strip, e, y_lo, y_hi);
  const int min_on = int(std::ceil(kMinInlierShare * e.segments));
  if (int(cands.size()) < min_on) return line;

  // Votes per (sign, slope, offset bin of 0.1 mm), counted over ± kInlierMm.
  const double half_len = (e.s1 - e.s0) / 2, reach = half_len * std::tan(e.max_slope_deg * kPi / 180);
  const double t_min = e.t_paper + y_lo / S - reach, bin = 0.1;
  const int bins = int(std::ceil(((y_hi - y_lo) / S + 2 * reach) / bin)) + 1, slopes = int(2 * e.max_slope_deg / kSlopeStepDeg) + 1;
  const int window = int(std::lround(kInlierMm / bin));
  struct Hypothesis {
    int votes, sign;
    double slope, offset;
  };
  std::vector<Hypothesis> hyps;
  std::vector<int> votes(static_cast<size_t>(bins));
  for (int sign : {-1, 1})
    for (int k = 0; k < slopes; ++k) {
      const double slope = std::tan((-e.max_slope_deg + k * kSlopeStepDeg) * kPi / 180);
      std::fill(votes.begin(), votes.end(), 0);
      for (const Candidate& c : cands) {
        if (c.sign != sign) continue;
        const int b = int(std::lround((c.t - slope * (segment_centre(e, c.segment) - line.s_centre) - t_min) / bin));
        if (b >= 0 && b < bins) ++votes[size_t(b)];
      }
      for (int b = 0, run = 0; b < bins + window; ++b) {
        if (b < bins) run += votes[size_t(b)];
        if (b - 2 * window - 1 >= 0) run -= votes[size_t(b - 2 * window - 1)];
        if (run >= min_on) hyps.push_back({run, sign, slope, t_min + (b - window) * bin});
      }
    }
  std::sort(hyps.begin(), hyps.end(), [](const Hypothesis& a, const Hypothesis& b) { return a.votes > b.votes; });

  std::vector<EdgeLine> edges;                  // distinct lines that qualify
  std::vector<std::pair<int, double>> tried;    // sign and offset of the lines looked at
  for (const Hypothesis& h : hyps) {
    auto same = [&](double offset) {
      return std::any_of(tried.begin(), tried.end(), [&](const auto& o) { return o.first == h.sign && std::abs(o.second - offset) < 2 * kInlierMm; });
    };
    if (same(h.offset)) continue;
    EdgeLine l = line;
    l.offset = h.offset, l.slope = h.slope;
    const std::vector<const Candidate*> on = refine(l, cands, e, h.sign);
    // A hypothesis that does not hold up blocks nothing: a neighbour at a better slope may.
    if (int(on.size()) < min_on || std::abs(std::atan(l.slope)) > e.max_slope_deg * kPi / 180) continue;
    const bool seen = same(l.offset);
    tried.push_back({h.sign, h.offset});
    if (seen) continue;
    tried.push_back({h.sign, l.offset});
    std::vector<double> contrast, paper_gap, sd_inside, sd_beyond;
    for (const Candidate* c : on) {
      const int y = int(std::lround((l.at(segment_centre(e, c->segment)) - e.t_paper) * S));
      if (!strip.in_frame(c->segment, y - far, y + far + 1) || !strip.in_frame(c->segment, 0, paper_rows)) continue;
      const Stats inside = strip.window(c->segment, y - far, y - near), beyond = strip.window(c->segment, y + near + 1, y + far + 1);
      const Stats paper = strip.window(c->segment, 0, paper_rows);
      contrast.push_back(std::abs(beyond.mean - inside.mean));
      paper_gap.push_back(std::abs(inside.mean - paper.mean));
      sd_inside.push_back(inside.sd), sd_beyond.push_back(beyond.sd);
    }
    if (int(contrast.size()) < min_on) continue;
    const double sd_in = median(sd_inside);
    const bool other_beyond = median(contrast) >= kMinContrast || median(sd_beyond) >= 2 * sd_in + 4;
    const bool paper_inside = median(paper_gap) <= kPaperTolerance;
    if (other_beyond && paper_inside) edges.push_back(l);
  }
  if (edges.empty()) return line;
  const EdgeLine& outermost = *std::max_element(edges.begin(), edges.end(), [](const EdgeLine& a, const EdgeLine& b) { return a.offset < b.offset; });
  line.found = true;
  line.offset = outermost.offset, line.slope = outermost.slope;
  return line;
}

// One MRZ line's ink along u in [u0, u1) at the grid's resolution: each column's mean and
// darkest value over the line's height, the paper's level and the ink's contrast to it.
struct LineProfile {
  double u0 = 0;
  std::vector<double> mean, darkest;
  double paper = 0, contrast = 0;
  double ink(size_t i) const { return std::max(0.0, paper - mean[i] - 0.15 * contrast); }  // above the noise
};

bool line_profile(const cv::Mat& gray, const cv::Matx33d& mm_to_frame, double v, double u0, double u1, LineProfile& out) {
  const double S = kGridPxPerMm, half_height = 1.0;  // inside the glyphs' 2.3-2.5 mm
  const int cols = int((u1 - u0) * S), rows = int(2 * half_height * S);
  if (cols < 8) return false;
  out.u0 = u0;
  out.mean.assign(size_t(cols), 0);
  out.darkest.assign(size_t(cols), 255);
  for (int x = 0; x < cols; ++x)
    for (int y = 0; y < rows; ++y) {
      const cv::Vec3d p = mm_to_frame * cv::Vec3d(u0 + x / S, v - half_height + y / S, 1);
      const double fx = p[0] / p[2], fy = p[1] / p[2];
      if (!(p[2] > 0 && fx >= 0 && fy >= 0 && fx < gray.cols - 1 && fy < gray.rows - 1)) return false;
      const int ix = int(fx), iy = int(fy);
      const double ax = fx - ix, ay = fy - iy;
      const uchar* r0 = gray.ptr<uchar>(iy) + ix;
      const uchar* r1 = gray.ptr<uchar>(iy + 1) + ix;
      const double value = (r0[0] * (1 - ax) + r0[1] * ax) * (1 - ay) + (r1[0] * (1 - ax) + r1[1] * ax) * ay;
      out.mean[size_t(x)] += value / rows;
      out.darkest[size_t(x)] = std::min(out.darkest[size_t(x)], value);
    }
  std::vector<double> sorted = out.mean;
  std::sort(sorted.begin(), sorted.end());
  out.paper = sorted[sorted.size() * 9 / 10];  // the gaps between glyphs
  out.contrast = out.paper - sorted.front();
  return out.contrast >= kMinContrast;
}

// How well the ink repeats at `period` over u in [from, to]: the resultant length of its
// phases, 0 (none) to 1, and the phase of the glyph centres.
double periodicity(const LineProfile& line, double period, double from, double to, double* centre_phase = nullptr) {
  const size_t first = size_t(std::max(0.0, std::ceil((from - line.u0) * kGridPxPerMm)));
  const size_t last = std::min(line.mean.size(), size_t(std::max(0.0, std::floor((to - line.u0) * kGridPxPerMm) + 1)));
  // The phase turns by the same angle from column to column: rotate instead of sin/cos.
  const double step = 2 * kPi / (period * kGridPxPerMm), a0 = 2 * kPi * (line.u0 + double(first) / kGridPxPerMm) / period;
  const double step_c = std::cos(step), step_s = std::sin(step);
  double rc = std::cos(a0), rs = std::sin(a0), c = 0, s = 0, mass = 0;
  for (size_t i = first; i < last; ++i) {
    const double w = line.ink(i);
    c += w * rc, s += w * rs, mass += w;
    const double next_c = rc * step_c - rs * step_s;
    rs = rs * step_c + rc * step_s, rc = next_c;
  }
  if (mass <= 0) return 0;
  if (centre_phase) *centre_phase = std::atan2(s, c) / (2 * kPi) * period;
  return std::hypot(c, s) / mass;
}

// The printed pitch as a factor of the quad's (1: the quad is right). The reader's quad can
// be several per cent too wide or narrow; the ink's phase holds together over a whole line
// only at the printed pitch. 1 when the lines cannot be seen whole.
double pitch_factor(const cv::Mat& gray, const cv::Matx33d& mm_to_frame, int line_count, double spacing, double width) {
  std::vector<LineProfile> lines(static_cast<size_t>(line_count));
  for (int i = 0; i < line_count; ++i)
    if (!line_profile(gray, mm_to_frame, -(line_count - 1 - i) * spacing, 0, width, lines[size_t(i)])) return 1;
  auto coherence = [&](double f) {
    double sum = 0;
    for (const LineProfile& l : lines) sum += periodicity(l, kPitchMm * f, 0, width);
    return sum / line_count;
  };
  double best = 1, best_r = coherence(1);
  for (double step : {0.01, 0.001}) {  // coarse over ± 15 %, then fine around the best
    const double centre = best;
    for (double f = centre - (step > 0.005 ? 0.15 : 0.01); f <= centre + (step > 0.005 ? 0.15 : 0.01) + 1e-9; f += step) {
      const double r = coherence(f);
      if (r > best_r) best = f, best_r = r;
    }
  }
  return best_r >= 0.15 ? best : 1;
}

// Where the line whose centre is at `v` starts, in MRZ mm (0 when the quad's left side is
// right): the reader's quad can sit a third of a pitch off the first cell, so the cells are
// found again from the ink. The ink's phase over the first 8 cells gives the cell grid (an
// OCR-B glyph is centred in its cell); the leftmost ink tells which cell is the first.
// NaN when the line's start cannot be seen: out of the frame or too little contrast.
double first_cell_left(const cv::Mat& gray, const cv::Matx33d& mm_to_frame, double v, double u_edge) {
  const double P = kPitchMm, nan = std::numeric_limits<double>::quiet_NaN();
  LineProfile line;
  if (!line_profile(gray, mm_to_frame, v, std::max(-P, u_edge + 0.4), 9 * P, line)) return nan;
  // The first glyph: the leftmost run of columns with any ink (a thin '<' or '1' darkens a
  // column's mean little).
  std::vector<double> sorted = line.darkest;
  std::sort(sorted.begin(), sorted.end());
  const double ink_level = (sorted[sorted.size() * 9 / 10] + sorted.front()) / 2;
  size_t x = 0;
  while (x < line.darkest.size() && line.darkest[x] > ink_level) ++x;
  const size_t run_start = x;
  while (x < line.darkest.size() && line.darkest[x] <= ink_level) ++x;
  if (run_start == 0 || x >= line.darkest.size()) return nan;  // no clear paper before the line
  const double first_centre = line.u0 + (run_start + x - 1) / 2.0 / kGridPxPerMm;
  double centre_phase = 0;
  if (periodicity(line, P, first_centre - P, first_centre + 7.5 * P, &centre_phase) < 0.15) return nan;  // no clear period
  // The grid's cell centre nearest the first glyph's centre.
  return centre_phase + P * std::round((first_centre - centre_phase) / P) - P / 2;
}

cv::Point2f to_frame(const cv::Matx33d& h, double u, double v) {
  const cv::Vec3d p = h * cv::Vec3d(u, v, 1);
  return {float(p[0] / p[2]), float(p[1] / p[2])};
}

bool finite(const std::vector<cv::Point2f>& q) {
  return std::all_of(q.begin(), q.end(), [](const cv::Point2f& p) { return std::isfinite(p.x) && std::isfinite(p.y); });
}

}  // namespace

MrzPositionMeasures measure_mrz_position(const cv::Mat& gray, const std::vector<cv::Point2f>& q, mrz::Format format, int line_count,
                                         int line_length) {
  MrzPositionMeasures m;
  if (format == mrz::Format::fra_id) {
    m.not_done = Diagnose::template_missing;
    return m;
  }
  const mrz::PageGeometry g = mrz::page_geometry(format);
  if (q.size() != 4 || !finite(q) || gray.empty() || gray.type() != CV_8U || line_length <= 0 || line_count < 2 ||
      line_count != int(g.line_centres_mm.size()))
    return m;
  m.pitch_px = (cv::norm(q[1] - q[0]) + cv::norm(q[2] - q[3])) / 2 / line_length;
  if (!(m.pitch_px >= kMinPositionPitchPx)) {
    m.not_done = Diagnose::resolution_too_low;
    return m;
  }
  // MRZ mm from the quad: along the lines by the pitch, across by the format's line spacing
  // (photos foreshorten one direction more than the other; the spacing is the MRZ's own
  // ruler across, as the pitch is along).
  const double width = line_length * kPitchMm, pad = 0.55 * kPitchMm;
  const double spacing = (g.line_centres_mm.front() - g.line_centres_mm.back()) / (line_count - 1);
  const double top = -(line_count - 1) * spacing - pad;
  const std::vector<cv::Point2f> mm = {{0.f, float(top)}, {float(width), float(top)}, {float(width), float(pad)}, {0.f, float(pad)}};
  const cv::Matx33d quad_mm_to_frame = cv::Matx33d(cv::getPerspectiveTransform(mm, q));
  if (!cv::checkRange(quad_mm_to_frame)) return m;
  // Along the lines by the pitch as printed, not as the quad has it.
  const double f = pitch_factor(gray, quad_mm_to_frame, line_count, spacing, width);
  const cv::Matx33d mm_to_frame = quad_mm_to_frame * cv::Matx33d(f, 0, 0, 0, 1, 0, 0, 0, 1);
  m.pitch_px *= f;

  const double paper_gap = 0.3;  // clear of the ink box before the paper sample
  const EdgeSearch bottom{0, width, pad + paper_gap, g.line_centres_mm.back(), std::max(8, int(std::lround(width / 3))), false,
                          kMaxSlopeDeg};
  // The left edge beside the MRZ's lines and the clear paper just below them.
  const EdgeSearch left{top, pad + 2.0, paper_gap, g.first_char_mm, 8, true, kMaxLeftSlopeDeg};
  const EdgeLine b = find_edge(gray, mm_to_frame, bottom), l = find_edge(gray, mm_to_frame, left);
  m.bottom_in_frame = b.in_frame, m.left_in_frame = l.in_frame;
  m.bottom_found = b.found;
  // Distances perpendicular to the edge, at the MRZ's middle.
  if (b.found) {
    const double c = std::cos(std::atan(b.slope));
    m.line_from_bottom_mm = b.at(width / 2) * c;
    m.skew_deg = std::abs(std::atan(b.slope)) * 180 / kPi;
    m.bottom_edge = {to_frame(mm_to_frame, bottom.s0, b.at(bottom.s0)), to_frame(mm_to_frame, bottom.s1, b.at(bottom.s1))};
  }
  if (l.found) {
    // Along each line from the edge to its first cell; the lines of a genuine MRZ start
    // together, so lines that disagree mean something was misread.
    std::vector<double> starts;
    for (int i = 0; i < line_count; ++i) {
      const double v = -(line_count - 1 - i) * spacing, u_edge = -l.at(v);
      const double first = first_cell_left(gray, mm_to_frame, v, u_edge);
      if (std::isfinite(first)) starts.push_back(first - u_edge);
    }
    const auto [lo, hi] = std::minmax_element(starts.begin(), starts.end());
    if (starts.size() >= 2 && *hi - *lo <= kLineStartSpreadMm) {
      double sum = 0;
      for (double d : starts) sum += d;
      m.first_char_from_left_mm = sum / starts.size();
      m.left_found = true;
      m.left_edge = {to_frame(mm_to_frame, -l.at(left.s0), left.s0), to_frame(mm_to_frame, -l.at(left.s1), left.s1)};
    }
  }
  m.not_done = m.bottom_found || m.left_found ? Diagnose::none
               : b.in_frame || l.in_frame     ? Diagnose::uncertain
                                              : Diagnose::quality_gate_failed;
  return m;
}

CheckRecord mrz_position_check(const MrzPositionMeasures& m, mrz::Format format) {
  CheckRecord r;
  r.id = "mrz.print.position";
  r.group = CheckGroup::mrz;
  r.critical = false;
  r.required = false;
  auto missing = [](bool in_frame, const char* edge) {
    return std::string("the document's ") + edge + (in_frame ? " edge was not found clearly" : " edge is not in the frame");
  };
  if (format == mrz::Format::fra_id || m.not_done == Diagnose::template_missing) {
    r.diagnose = Diagnose::template_missing;
    r.message = "this format has no ICAO MRZ position";
    return r;
  }
  if (m.not_done != Diagnose::none) {
    r.diagnose = m.not_done;
    if (m.not_done == Diagnose::resolution_too_low) r.message = "MRZ too small in the image to place it on the page (under 125 dpi)";
    else if (m.not_done == Diagnose::invalid_input) r.message = "no MRZ to measure from";
    else r.message = missing(m.bottom_in_frame, "bottom") + ", " + missing(m.left_in_frame, "left");
    return r;
  }
  const mrz::PageGeometry g = mrz::page_geometry(format);
  // 9303-3: each line inside its 4.3 mm zone; TD1's middle line at 11.5 ± 1.0 with lines
  // 4.23 mm apart puts the last at 7.27 ± 1.0. The first character ± 1.0 mm; skew ≤ 3°.
  const double line_half = format == mrz::Format::td1 ? 1.0 : 4.3 / 2;
  struct Judged {
    bool measured;
    double value, low, high;
    Diagnose diagnose;
    std::string_view unit;
    double excess() const { return std::max(low - value, value - high) / ((high - low) / 2); }  // > 0: outside
  };
  const Judged judged[] = {
      {m.bottom_found, m.line_from_bottom_mm, g.line_centres_mm.back() - line_half, g.line_centres_mm.back() + line_half,
       Diagnose::line_position, "mm"},
      {m.left_found, m.first_char_from_left_mm, g.first_char_mm - 1.0, g.first_char_mm + 1.0, Diagnose::symbol_position, "mm"},
      {m.bottom_found, m.skew_deg, -3.0, 3.0, Diagnose::skew, "degrees"},
  };
  const Judged* worst = nullptr;
  for (const Judged& j : judged)
    if (j.measured && (!worst || j.excess() > worst->excess())) worst = &j;
  r.measured = worst->value;
  r.threshold = worst->value > (worst->low + worst->high) / 2 ? worst->high : worst->low;
  r.unit = worst->unit;
  const bool outside = worst->excess() > 0;
  r.status = outside ? CheckStatus::warning : CheckStatus::ok;
  r.diagnose = outside ? worst->diagnose : Diagnose::none;

  char text[120];
  std::string message;
  if (m.bottom_found) {
    std::snprintf(text, sizeof text, "last line %.1f mm above the bottom edge (%.2f-%.2f)", m.line_from_bottom_mm, judged[0].low, judged[0].high);
    message = text;
  } else {
    message = missing(m.bottom_in_frame, "bottom");
  }
  if (m.left_found) {
    std::snprintf(text, sizeof text, ", first character %.1f mm from the left edge (%.1f-%.1f)", m.first_char_from_left_mm, judged[1].low,
                  judged[1].high);
    message += text;
  } else {
    message += ", " + missing(m.left_in_frame, "left");
  }
  if (m.bottom_found) {
    std::snprintf(text, sizeof text, ", lines %.1f° to the edge (at most 3)", m.skew_deg);
    message += text;
  }
  r.message = std::move(message);
  return r;
}

}  // namespace docverify::checks
