#include "image/mrz_locator.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <opencv2/imgproc.hpp>

namespace docverify::image {

namespace {

// Line spacing over character pitch: 4.23 mm (TD1) to 6.35 mm (TD2, TD3, visas) over
// 2.54 mm, less for a page tilted away from the camera, more for print tolerances. The
// pitch, not the measured character height, is the yardstick: blur and ink spread make
// characters look taller, never wider apart.
constexpr double kMinLineSpacingPitches = 4.23 / 2.54 * 0.75;
constexpr double kMaxLineSpacingPitches = 6.35 / 2.54 * 1.25;
constexpr int kRowLengths[] = {30, 36, 44};
// Blocks are searched in patches scaled so that a one-line block is this thick, and a
// block of two or three lines this: characters of about 40 px (at most: patches are never
// enlarged).
constexpr double kLineThicknessPx = 40.0;
constexpr double kBlockThicknessPx = 110.0;

// A rotated text block found at some scale, in frame pixels.
struct Block {
  cv::RotatedRect rect;
  double weight;
  // A page-sized blob: the closings joined the MRZ to the print and security background
  // around it (ID cards print their lines close together). Its edges still give the
  // page's direction, and its rows are looked for at full resolution.
  bool region = false;
  int level = 0;  // pyramid level it was found at
};

// Direction of a block's long axis (radians, mod pi), its half length and its thickness.
struct Axis {
  cv::Point2f centre, dir;
  double half_length, thickness;
};
Axis axis_of(const cv::RotatedRect& r) {
  cv::Point2f pts[4];
  r.points(pts);
  const cv::Point2f e1 = pts[1] - pts[0], e2 = pts[2] - pts[1];
  const bool first_longer = cv::norm(e1) >= cv::norm(e2);
  const cv::Point2f along = first_longer ? e1 : e2;
  const double len = cv::norm(along);
  return {r.center, along / static_cast<float>(std::max(1e-6, len)), len / 2, first_longer ? cv::norm(e2) : cv::norm(e1)};
}

// Pieces of one text line (a long filler run or a glare spot breaks the joining) become
// one block again: same direction, same thickness, on one axis, close along it.
void merge_collinear(std::vector<Block>& blocks) {
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t i = 0; i < blocks.size() && !merged; ++i)
      for (size_t j = i + 1; j < blocks.size() && !merged; ++j) {
        const Axis a = axis_of(blocks[i].rect), b = axis_of(blocks[j].rect);
        if (std::abs(a.dir.dot(b.dir)) < 0.995) continue;  // more than ~6 degrees apart
        const double ratio = a.thickness / std::max(1e-6, b.thickness);
        if (ratio < 0.6 || ratio > 1.65) continue;
        const cv::Point2f d = b.centre - a.centre;
        const double across = std::abs(d.x * a.dir.y - d.y * a.dir.x);
        if (across > 0.5 * std::min(a.thickness, b.thickness)) continue;
        const double gap = std::abs(d.dot(a.dir)) - a.half_length - b.half_length;
        if (gap > 3.0 * std::max(a.thickness, b.thickness)) continue;
        cv::Point2f pa[4], pb[4];
        blocks[i].rect.points(pa);
        blocks[j].rect.points(pb);
        std::vector<cv::Point2f> all(pa, pa + 4);
        all.insert(all.end(), pb, pb + 4);
        blocks[i].rect = cv::minAreaRect(all);
        blocks[i].weight += blocks[j].weight;
        blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
  }
}

// Maximum over about a size x size window around each pixel (the window snaps to tiles
// of a quarter of its size), at a small fraction of a full-size dilation's cost.
cv::Mat local_maximum(const cv::Mat& img, int size) {
  const int block = std::max(1, size / 4);
  const int bw = (img.cols + block - 1) / block, bh = (img.rows + block - 1) / block;
  // Maxima of block x block tiles in one pass over the image, then over 3 x 3 tiles.
  cv::Mat pooled(bh, bw, CV_8U, cv::Scalar(0));
  for (int y = 0; y < img.rows; ++y) {
    const unsigned char* p = img.ptr<unsigned char>(y);
    unsigned char* q = pooled.ptr<unsigned char>(y / block);
    for (int x = 0; x < img.cols; ++x) q[x / block] = std::max(q[x / block], p[x]);
  }
  cv::dilate(pooled, pooled, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  cv::Mat out;
  cv::resize(pooled, out, cv::Size(bw * block, bh * block), 0, 0, cv::INTER_NEAREST);
  return out(cv::Rect(0, 0, img.cols, img.rows)).clone();
}

bool contains(const cv::RotatedRect& r, cv::Point2f p) {
  cv::Point2f corners[4];
  r.points(corners);
  return cv::pointPolygonTest(std::vector<cv::Point2f>(corners, corners + 4), p, false) >= 0;
}

std::vector<Block> text_blocks(const cv::Mat& gray) {
  std::vector<Block> blocks, regions;
  // The first level is at most 1024 px long: halvings, then a linear step of less than
  // one (OpenCV's area resampling at a fractional factor costs 5 ms on a 1280 x 960
  // frame, six times the rest of the step).
  cv::Mat level = gray;
  double factor = 1.0;  // level pixels per frame pixel
  while (std::max(level.cols, level.rows) > 2048) {
    cv::Mat half;
    cv::pyrDown(level, half);
    level = half;
    factor /= 2.0;
  }
  const double rest = 1024.0 / std::max(level.cols, level.rows);
  if (rest < 1.0) {
    cv::Mat smoothed, smaller;
    cv::GaussianBlur(level, smoothed, {3, 3}, 0.5 * std::sqrt(1.0 / (rest * rest) - 1.0) + 0.3);
    cv::resize(smoothed, smaller, {}, rest, rest, cv::INTER_LINEAR);
    level = smaller;
    factor *= rest;
  }
  const cv::Mat blackhat_kernel = cv::getStructuringElement(cv::MORPH_RECT, {13, 13});
  const cv::Mat join_kernel = cv::getStructuringElement(cv::MORPH_RECT, {11, 11});
  const cv::Mat clean_kernel = cv::getStructuringElement(cv::MORPH_RECT, {3, 3});
  for (int l = 0; l < 4 && std::min(level.cols, level.rows) >= 120; ++l) {
    cv::Mat bh, bin;
    cv::morphologyEx(level, bh, cv::MORPH_BLACKHAT, blackhat_kernel);
    const double otsu = cv::threshold(bh, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    if (otsu < 18) cv::threshold(bh, bin, 18, 255, cv::THRESH_BINARY);  // flat frame: no faint noise
    cv::morphologyEx(bin, bin, cv::MORPH_CLOSE, join_kernel);
    cv::morphologyEx(bin, bin, cv::MORPH_OPEN, clean_kernel);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(bin, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& c : contours) {
      if (c.size() < 4) continue;
      const cv::RotatedRect r = cv::minAreaRect(c);
      const double longer = std::max(r.size.width, r.size.height), shorter = std::min(r.size.width, r.size.height);
      const double fill = cv::contourArea(c) / std::max(1.0, static_cast<double>(r.size.area()));
      const cv::RotatedRect frame_rect(r.center / factor, cv::Size2f(r.size.width / static_cast<float>(factor), r.size.height / static_cast<float>(factor)), r.angle);
      // Pages and cards are 1.3 to 1.6 times as long as high; a blob cut by the frame
      // or joined to clutter may be longer.
      if (l <= 2 && longer / factor >= 250 && shorter / factor >= 100 && longer <= 4.5 * shorter && fill >= 0.3) {
        regions.push_back({frame_rect, longer / factor * fill * 0.5, true, l});
        continue;
      }
      if (shorter < 5 || longer < 60 || longer < 4.5 * shorter) continue;  // TD1's block is ~7:1
      if (fill < 0.45) continue;
      blocks.push_back({frame_rect, longer / factor * fill});
    }
    cv::Mat next;
    cv::pyrDown(level, next);
    level = next;
    factor /= 2.0;
  }
  merge_collinear(blocks);
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.weight > b.weight; });
  // Regions after the line blocks: they cost more to search and mostly repeat what a line
  // block found. The same page seen at two levels is searched once, at the finer level
  // (coarser ones join more of the surroundings), heaviest first.
  std::sort(regions.begin(), regions.end(),
            [](const Block& a, const Block& b) { return a.level != b.level ? a.level < b.level : a.weight > b.weight; });
  for (const Block& r : regions) {
    bool seen = false;
    for (const Block& b : blocks)
      if (b.region && contains(b.rect, r.rect.center)) seen = true;
    if (!seen) blocks.push_back(r);
  }
  return blocks;
}

struct Component {
  cv::Rect box;
  double cy;
};

struct Row {
  std::vector<int> members;
  double slope = 0, intercept = 0;  // y = slope * x + intercept (patch pixels)
  double left = 0, right = 0, height = 0, pitch = 0;
  double y_at(double x) const { return slope * x + intercept; }
  double mid_y() const { return y_at((left + right) / 2); }
};

int find_root(std::vector<int>& parent, int i) {
  while (parent[static_cast<size_t>(i)] != i) i = parent[static_cast<size_t>(i)] = parent[static_cast<size_t>(parent[static_cast<size_t>(i)])];
  return i;
}

// Rows of characters in a deskewed patch: components linked to their right neighbour when
// their heights are alike, their centres level and the gap less than a character.
// Height, centre line, ends and pitch of a row from its members; false when too few
// single characters show a pitch.
bool fit_row(Row& row, const std::vector<Component>& comps) {
  std::vector<double> heights;
  for (int i : row.members) heights.push_back(comps[static_cast<size_t>(i)].box.height);
  std::sort(heights.begin(), heights.end());
  row.height = heights[heights.size() * 3 / 4];  // capitals and digits, not fillers
  // Least-squares centre line, then once more without components far from it.
  for (int pass = 0; pass < 2; ++pass) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0, cnt = 0;
    for (int i : row.members) {
      const Component& c = comps[static_cast<size_t>(i)];
      const double x = c.box.x + c.box.width / 2.0;
      if (pass == 1 && std::abs(row.y_at(x) - c.cy) > 0.25 * row.height) continue;
      if (c.box.height < 0.7 * row.height) continue;  // fillers sit a little low: leave them out of the fit
      sx += x, sy += c.cy, sxx += x * x, sxy += x * c.cy, cnt += 1;
    }
    if (cnt < 2) break;
    const double den = cnt * sxx - sx * sx;
    row.slope = std::abs(den) > 1e-9 ? (cnt * sxy - sx * sy) / den : 0.0;
    row.intercept = (sy - row.slope * sx) / cnt;
  }
  row.left = 1e18, row.right = -1e18;
  std::vector<double> centres;
  for (int i : row.members) {
    const Component& c = comps[static_cast<size_t>(i)];
    row.left = std::min<double>(row.left, c.box.x);
    row.right = std::max<double>(row.right, c.box.x + c.box.width);
    if (c.box.width < 0.95 * row.height) centres.push_back(c.box.x + c.box.width / 2.0);
  }
  // Pitch: the typical distance between neighbouring single characters.
  std::sort(centres.begin(), centres.end());
  std::vector<double> steps;
  for (size_t i = 1; i < centres.size(); ++i) {
    const double d = centres[i] - centres[i - 1];
    if (d > 0.75 * row.height && d < 1.35 * row.height) steps.push_back(d);
  }
  if (steps.empty()) return false;
  std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2), steps.end());
  row.pitch = steps[steps.size() / 2];
  return true;
}

std::vector<Row> character_rows(const std::vector<Component>& comps) {
  const int n = static_cast<int>(comps.size());
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return comps[static_cast<size_t>(a)].box.x < comps[static_cast<size_t>(b)].box.x; });
  std::vector<int> parent(static_cast<size_t>(n));
  std::iota(parent.begin(), parent.end(), 0);
  for (int oi = 0; oi < n; ++oi) {
    const Component& a = comps[static_cast<size_t>(order[static_cast<size_t>(oi)])];
    const double ha = a.box.height;
    for (int oj = oi + 1; oj < n; ++oj) {
      const Component& b = comps[static_cast<size_t>(order[static_cast<size_t>(oj)])];
      const double hmax = std::max<double>(ha, b.box.height);
      const double gap = b.box.x - (a.box.x + a.box.width);
      if (b.box.x > a.box.x + a.box.width + 3 * ha) break;
      // Fillers are small: two '<' sit a pitch apart, about 1.7 of their own height.
      if (gap > 1.1 * hmax || gap < -0.3 * hmax) continue;
      const double ratio = ha / b.box.height;
      if (ratio < 0.4 || ratio > 2.5) continue;
      if (std::abs(a.cy - b.cy) > 0.3 * hmax) continue;
      parent[static_cast<size_t>(find_root(parent, order[static_cast<size_t>(oi)]))] = find_root(parent, order[static_cast<size_t>(oj)]);
    }
  }
  std::vector<std::vector<int>> groups(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) groups[static_cast<size_t>(find_root(parent, i))].push_back(i);
  std::vector<Row> pieces;
  for (auto& g : groups) {
    if (g.size() < 3) continue;
    Row row;
    row.members = g;
    if (fit_row(row, comps)) pieces.push_back(std::move(row));
  }
  // Pieces of one line that a blurred or faded stretch split: same height, on one centre
  // line, a few pitches apart.
  std::sort(pieces.begin(), pieces.end(), [](const Row& a, const Row& b) { return a.left < b.left; });
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t i = 0; i < pieces.size() && !merged; ++i)
      for (size_t j = 0; j < pieces.size() && !merged; ++j) {
        if (i == j) continue;
        Row& a = pieces[i];
        const Row& b = pieces[j];
        const double h = std::max(a.height, b.height);
        if (b.left < a.left || b.left - a.right > 3.5 * h || b.left - a.right < -0.5 * h) continue;
        if (std::min(a.height, b.height) < 0.7 * h) continue;
        if (std::abs(a.y_at(b.left) - b.y_at(b.left)) > 0.3 * h || std::abs(a.y_at(a.right) - b.y_at(a.right)) > 0.3 * h) continue;
        Row m;
        m.members = a.members;
        m.members.insert(m.members.end(), b.members.begin(), b.members.end());
        if (!fit_row(m, comps)) continue;
        a = std::move(m);
        pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
  }
  std::vector<Row> rows;
  for (auto& row : pieces)
    if (row.members.size() >= 8 && row.right - row.left >= 20 * row.pitch) rows.push_back(std::move(row));
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.mid_y() < b.mid_y(); });
  return rows;
}

int nearest_length(double chars, int& second) {
  int best = 0;
  double best_d = 1e9, second_d = 1e9;
  second = 0;
  for (int n : kRowLengths) {
    const double d = std::abs(chars - n);
    if (d < best_d) {
      second = best, second_d = best_d;
      best = n, best_d = d;
    } else if (d < second_d) {
      second = n, second_d = d;
    }
  }
  if (best_d > std::max(3.0, 0.09 * best)) return 0;
  if (second_d > best_d + 3.0) second = 0;
  return best;
}

// 2 or 3 rows that line up as an MRZ: equal lengths, common left edge, regular spacing.
bool group_rows(const std::vector<Row>& rows, size_t first, size_t count, MrzCandidate& out, const cv::Mat& to_frame) {
  if (first + count > rows.size()) return false;
  double pitch = 0, height = 0;
  for (size_t i = first; i < first + count; ++i) pitch += rows[i].pitch, height += rows[i].height;
  pitch /= static_cast<double>(count), height /= static_cast<double>(count);
  // MRZ lines are equally long and left-aligned; glare or a worn edge can cut one short, so
  // every row must share one end with the longest and cover most of it.
  // Three rows: the middle ends, as one row may also run on into print beside the MRZ.
  double left = 1e18, right = -1e18;
  if (count == 3) {
    double ls[3], rs[3];
    for (size_t i = 0; i < 3; ++i) ls[i] = rows[first + i].left, rs[i] = rows[first + i].right;
    std::sort(ls, ls + 3), std::sort(rs, rs + 3);
    left = ls[1], right = rs[1];
  } else {
    for (size_t i = first; i < first + count; ++i) left = std::min(left, rows[i].left), right = std::max(right, rows[i].right);
  }
  for (size_t i = first; i < first + count; ++i) {
    const Row& r = rows[i];
    const bool left_aligned = std::abs(r.left - left) <= 1.6 * pitch, right_aligned = std::abs(r.right - right) <= 1.6 * pitch;
    if (!left_aligned && !right_aligned) return false;
    if (r.right - r.left < 0.6 * (right - left)) return false;
    if (i > first) {
      const double spacing = r.mid_y() - rows[i - 1].mid_y();
      if (spacing < kMinLineSpacingPitches * pitch || spacing > kMaxLineSpacingPitches * pitch || spacing < 1.1 * height) return false;
      if (std::abs(r.slope - rows[i - 1].slope) > 0.05) return false;
    }
  }
  const double length = right - left;
  int second = 0;
  const int n = nearest_length(length / pitch + 0.3, second);
  if (n == 0 || (count == 3 && n != 30)) return false;
  out.rows.clear();
  auto map = [&](double x, double y) {
    const cv::Matx23d m(to_frame);
    return cv::Point2f(static_cast<float>(m(0, 0) * x + m(0, 1) * y + m(0, 2)), static_cast<float>(m(1, 0) * x + m(1, 1) * y + m(1, 2)));
  };
  const double frame_scale = std::hypot(to_frame.at<double>(0, 0), to_frame.at<double>(1, 0));
  double regularity = 0;
  for (size_t i = first; i < first + count; ++i) {
    const Row& r = rows[i];
    MrzRow row;
    row.left = map(left, r.y_at(left));
    row.right = map(right, r.y_at(right));
    row.char_height = r.height * frame_scale;
    row.components = static_cast<int>(r.members.size());
    regularity += std::min(1.0, static_cast<double>(r.members.size()) / (0.6 * n));
    out.rows.push_back(row);
  }
  out.chars_per_row = n;
  out.alternative_chars_per_row = (count == 2) ? second : 0;
  out.pitch = pitch * frame_scale;
  out.score = regularity / static_cast<double>(count) * static_cast<double>(count) * n;
  return true;
}

}  // namespace

std::vector<cv::Point2f> MrzCandidate::quad() const {
  if (rows.empty()) return {};
  const MrzRow& t = rows.front();
  const MrzRow& b = rows.back();
  const cv::Point2f dir_t = (t.right - t.left) / std::max(1e-6, cv::norm(t.right - t.left));
  const cv::Point2f up_t(dir_t.y, -dir_t.x);
  const cv::Point2f dir_b = (b.right - b.left) / std::max(1e-6, cv::norm(b.right - b.left));
  const cv::Point2f up_b(dir_b.y, -dir_b.x);
  const auto ht = static_cast<float>(t.char_height / 2), hb = static_cast<float>(b.char_height / 2);
  return {t.left + up_t * ht, t.right + up_t * ht, b.right - up_b * hb, b.left - up_b * hb};
}

MrzCandidate MrzCandidate::with_row_added(bool above) const {
  MrzCandidate c = *this;
  if (rows.size() < 2) return c;
  const MrzRow& a = rows[rows.size() - 2];
  const MrzRow& b = rows.back();
  const cv::Point2f step = ((b.left - a.left) + (b.right - a.right)) * 0.5F / static_cast<float>(rows.size() - 1);
  const cv::Point2f shift = above ? -step : step;
  MrzRow r = above ? rows.front() : rows.back();
  r.left += shift, r.right += shift;
  r.components = 0;
  if (above) c.rows.insert(c.rows.begin(), r);
  else c.rows.push_back(r);
  return c;
}

MrzCandidate MrzCandidate::extended(int chars, bool keep_left) const {
  MrzCandidate c = *this;
  c.chars_per_row = chars;
  c.alternative_chars_per_row = 0;
  const double length = (chars - 0.24) * pitch;  // ink edge to ink edge
  for (auto& r : c.rows) {
    const cv::Point2f d = r.right - r.left;
    const auto unit = d / static_cast<float>(std::max(1e-6, cv::norm(d)));
    if (keep_left) r.right = r.left + unit * static_cast<float>(length);
    else r.left = r.right - unit * static_cast<float>(length);
  }
  return c;
}

namespace {

// One look at one block: its deskewed patch's best group of rows, in frame pixels.
bool examine_block(const cv::Mat& gray, const Block& block, const LocatorLimits& limits, MrzCandidate& out);

cv::Point2f apply(const cv::Matx23d& m, cv::Point2f p) {
  return {static_cast<float>(m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2)), static_cast<float>(m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2))};
}

}  // namespace

struct MrzSearch::Pass {
  cv::Mat gray;                  // the frame, or the frame turned an eighth of a turn
  cv::Matx23d to_pass, to_frame;  // between frame and pass pixels
  std::vector<Block> blocks;
  size_t next_block = 0;
  int examined = 0, examined_regions = 0;
  double found_weight = 0;  // of the heaviest line block that gave a candidate
};

MrzSearch::MrzSearch(const cv::Mat& gray, LocatorLimits limits) : gray_(gray), limits_(limits) {}
MrzSearch::~MrzSearch() = default;

void MrzSearch::found_mrz(const MrzCandidate& c) { accepted_.push_back(c); }

bool MrzSearch::start_pass() {
  if (passes_.size() == 2) return false;
  auto pass = std::make_unique<Pass>();
  if (passes_.empty()) {
    pass->gray = gray_;
    pass->to_pass = pass->to_frame = cv::Matx23d(1, 0, 0, 0, 1, 0);
  } else {
    // Square closings join a line's characters in every direction, but near the diagonals
    // they also join the MRZ to the print beside it. Look once more with the frame turned
    // an eighth of a turn and map what is found back.
    const cv::Point2f centre(gray_.cols / 2.0F, gray_.rows / 2.0F);
    const int side = static_cast<int>(std::hypot(gray_.cols, gray_.rows)) + 2;
    cv::Mat turn = cv::getRotationMatrix2D(centre, 45.0, 1.0);
    turn.at<double>(0, 2) += side / 2.0 - centre.x;
    turn.at<double>(1, 2) += side / 2.0 - centre.y;
    cv::warpAffine(gray_, pass->gray, turn, cv::Size(side, side), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    cv::Mat back;
    cv::invertAffineTransform(turn, back);
    pass->to_pass = cv::Matx23d(turn);
    pass->to_frame = cv::Matx23d(back);
  }
  pass->blocks = text_blocks(pass->gray);
  passes_.push_back(std::move(pass));
  return true;
}

bool MrzSearch::next(MrzCandidate& out) {
  if (passes_.empty()) start_pass();
  while (yielded_ < limits_.max_candidates) {
    Pass& pass = *passes_.back();
    if (pass.next_block == pass.blocks.size()) {
      // The frame turned an eighth of a turn only when nothing was read as it is.
      if (!accepted_.empty() || !start_pass()) return false;
      continue;
    }
    const Block& block = pass.blocks[pass.next_block++];
    // Regions (after the line blocks) are the fallback for an MRZ the closings joined to
    // its page: once an MRZ was read they would cost more than the rest of the search.
    if (block.region && !accepted_.empty()) return false;
    if (++(block.region ? pass.examined_regions : pass.examined) > (block.region ? 4 : 16)) continue;
    // Far lighter than an MRZ already found: print of the visual zone, not another document.
    if (!block.region && block.weight < 0.25 * pass.found_weight) continue;
    // Skip blocks inside an MRZ already read (the same MRZ seen at another scale), and
    // blocks holding one of its rows (the MRZ joined to print beside it, or its page). An
    // MRZ found but not read is looked for again: another block gives it another chance.
    const cv::RotatedRect& r = block.rect;
    bool known = false;
    for (const auto& c : accepted_) {
      std::vector<cv::Point2f> q = c.quad();
      for (auto& p : q) p = apply(pass.to_pass, p);
      if (cv::pointPolygonTest(q, r.center, false) >= 0) known = true;
      for (const MrzRow& row : c.rows)
        if (contains(r, apply(pass.to_pass, (row.left + row.right) * 0.5F))) known = true;
    }
    if (known) continue;
    if (!examine_block(pass.gray, block, limits_, out)) continue;
    for (auto& row : out.rows) row.left = apply(pass.to_frame, row.left), row.right = apply(pass.to_frame, row.right);
    if (!block.region) pass.found_weight = std::max(pass.found_weight, block.weight);
    ++yielded_;
    return true;
  }
  return false;
}

std::vector<MrzCandidate> locate_mrz(const cv::Mat& gray, const LocatorLimits& limits) {
  // As if each candidate were read: what a line block gave is not looked for again.
  MrzSearch search(gray, limits);
  std::vector<MrzCandidate> found;
  for (MrzCandidate c; search.next(c);) {
    search.found_mrz(c);
    found.push_back(c);
  }
  std::sort(found.begin(), found.end(), [](const MrzCandidate& a, const MrzCandidate& b) { return a.score > b.score; });
  return found;
}

namespace {

bool examine_block(const cv::Mat& gray, const Block& block, const LocatorLimits& limits, MrzCandidate& out) {
  const cv::RotatedRect& r = block.rect;
  // Turn the block's long axis level: the angle comes from the axis itself, not from
  // minAreaRect's angle convention (which changed between OpenCV releases).
  const Axis axis = axis_of(r);
  const double angle = std::atan2(axis.dir.y, axis.dir.x) * 180.0 / 3.14159265358979;
  const double longer = 2 * axis.half_length, shorter = axis.thickness;
  if (shorter < limits.min_char_height * 0.8) return false;
  // Deskewed patch around the block, with room for MRZ lines the block did not join.
  // Characters ~15-40 px high in the patch: a thin block is one line, a thick one holds
  // two or three lines (or more print the joining swallowed).
  const bool one_line = !block.region && longer > 20 * shorter;
  // A region is searched at full resolution (up to a size where even a TD1's characters
  // would be large): its characters' height is not known.
  const double scale = block.region ? std::min(1.0, 1600.0 / longer) : std::min(1.0, (one_line ? kLineThicknessPx : kBlockThicknessPx) / shorter);
  // The block may be a piece of a line (a long filler run breaks the joining): leave room.
  const double pw = block.region ? longer * 1.1 * scale + 20 : (longer * 1.25 + 4 * shorter) * scale;
  // A block may be one MRZ line only, or two a third of which the joining missed (it
  // crosses background print): leave room for more lines on either side.
  // A thin block that is not very long may be a piece of one line as well.
  // A region is square: a page's part may be longer across the lines than along them,
  // so its rows are looked for both ways.
  const double ph = block.region ? pw : (one_line ? 8.5 : shorter * scale < 60 ? 6.5 : 2.6) * shorter * scale + 20;
  if (pw * ph > 6e6) return false;
  cv::Mat to_patch = cv::getRotationMatrix2D(r.center, angle, scale);
  to_patch.at<double>(0, 2) += pw / 2 - r.center.x;
  to_patch.at<double>(1, 2) += ph / 2 - r.center.y;
  cv::Mat patch;
  cv::warpAffine(gray, patch, to_patch, cv::Size(static_cast<int>(pw), static_cast<int>(ph)), cv::INTER_AREA, cv::BORDER_REPLICATE);
  cv::Mat to_frame;
  cv::invertAffineTransform(to_patch, to_frame);

  // Characters: dark strokes smaller than a character's cell.
  // A region's MRZ characters: about 1/35 (TD1) to 1/51 (TD3) of the page's length.
  const double est_height = block.region ? longer * scale / 35.0 : one_line ? shorter * scale : kBlockThicknessPx / 2.75;
  const int k = std::clamp(static_cast<int>(est_height * 0.9), 7, 45) | 1;
  cv::Mat bh, bin;
  cv::morphologyEx(patch, bh, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  const double otsu = cv::threshold(bh, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  if (otsu < 15) cv::threshold(bh, bin, 15, 255, cv::THRESH_BINARY);
  // Glare and shadows lower the print's contrast in part of the patch, below one global
  // threshold: where nothing nearby is dark, strokes half as dark as the darkest nearby
  // still count as ink. (Not where contrast is normal: there it would join the print to
  // the security background.)
  cv::Mat local_max, faint, strong_enough, washed_out;
  local_max = local_maximum(bh, 3 * k);
  cv::compare(bh, local_max * 0.5, faint, cv::CMP_GE);
  cv::compare(bh, 12, strong_enough, cv::CMP_GE);
  cv::compare(local_max, 2 * std::max(otsu, 15.0), washed_out, cv::CMP_LT);
  cv::bitwise_and(faint, strong_enough, faint);
  cv::bitwise_and(faint, washed_out, faint);
  cv::bitwise_or(bin, faint, bin);
  for (int quarter = 0; quarter < (block.region ? 2 : 1); ++quarter) {
    if (quarter == 1) {
      // The patch turned a quarter clockwise: patch (x, y) came from (y, side - 1 - x).
      cv::rotate(bin, bin, cv::ROTATE_90_CLOCKWISE);
      const cv::Matx33d turn(0, 1, 0, -1, 0, bin.cols - 1.0, 0, 0, 1);
      const cv::Matx23d f(to_frame);
      const cv::Matx33d f3(f(0, 0), f(0, 1), f(0, 2), f(1, 0), f(1, 1), f(1, 2), 0, 0, 1);
      const cv::Matx33d g = f3 * turn;
      to_frame = (cv::Mat_<double>(2, 3) << g(0, 0), g(0, 1), g(0, 2), g(1, 0), g(1, 1), g(1, 2));
    }
    // Outer contours give the 8-connected components' boxes at a third of the cost of
    // labelling (only specks inside a character's hole are not seen, and need not be).
    std::vector<std::vector<cv::Point>> outlines;
    cv::findContours(bin, outlines, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<Component> comps;
    for (const auto& outline : outlines) {
      const cv::Rect box = cv::boundingRect(outline);
      if (box.height < limits.min_char_height * scale * 0.45 || box.height > 120) continue;
      if (box.width > 8 * box.height) continue;
      if (box.area() < 24 && cv::countNonZero(bin(box)) < 6) continue;  // a speck
      comps.push_back({box, box.y + box.height / 2.0});
    }
    const std::vector<Row> rows = character_rows(comps);
    MrzCandidate best;
    bool have = false;
    for (size_t i = 0; i < rows.size(); ++i)
      for (size_t count_rows : {size_t{3}, size_t{2}}) {
        MrzCandidate c;
        if (group_rows(rows, i, count_rows, c, to_frame) && (!have || c.score > best.score)) {
          best = c;
          have = true;
        }
      }
    if (have) {
      out = best;
      return true;
    }
  }
  return false;
}

}  // namespace

}  // namespace docverify::image
