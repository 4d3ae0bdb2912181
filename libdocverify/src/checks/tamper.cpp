#include "checks/tamper.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>


namespace docverify::checks {

namespace {

constexpr double kWorkPitch = 30.0;  // working scale: about 300 dpi
constexpr int kElaQuality = 90;

// Per-thread scratch images, kept from call to call: the page's dozen full-size masks would
// otherwise be fresh memory every time, and the page faults on it cost about as much as the
// arithmetic (a 300 dpi TD3 page keeps about 25 MB per thread).
enum Slot : std::size_t { kMed, kResidual, kPaper, kInk, kCore, kFaint, kInk255, kFaint15, kNear, kHalo, kHalf, kLabels, kNearCore, kInkSum, kTexSum, kInside, kSlots };

std::array<cv::Mat, kSlots>& scratch_pool() {
  thread_local std::array<cv::Mat, kSlots> pool;
  return pool;
}
cv::Mat scratch(Slot slot, cv::Size size, int type) {
  cv::Mat& m = scratch_pool()[slot];
  m.create(size, type);
  return m;
}

// The scratch images hold the page and its text: zeroed when a measure returns, so no copy
// of a traveller's document outlives the call (the memory itself is kept for the next).
struct ScratchWipe {
  ~ScratchWipe() {
    for (cv::Mat& m : scratch_pool())
      if (!m.empty()) m.setTo(0);
  }
};

// The page at the working scale.
struct Page {
  cv::Rect roi;       // frame pixels the page's bounding box covers
  int factor = 1;     // frame pixels per working pixel
  double pitch = 0;   // working pixels per MRZ character
  int cell = 8;       // working pixels per map cell
  cv::Mat gray;       // CV_8U
  cv::Mat inside;     // CV_8U, 255 on the document
  cv::Rect mrz;       // working pixels (empty without a MRZ quad)
  cv::Size cells;     // map size
};

cv::Rect frame_rect(const Page& p, const cv::Rect& working) {
  return {p.roi.x + working.x * p.factor, p.roi.y + working.y * p.factor, working.width * p.factor, working.height * p.factor};
}

double median_of(std::vector<float> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Robust z of every usable cell against the page: (v - median) / (1.4826 MAD), the spread
// floored so that a page without noise (a clean render, a denoised scan) does not turn
// every tenth of a grey level into an anomaly.
cv::Mat robust_z(const cv::Mat& value, const cv::Mat& usable, double floor_abs, double floor_rel, double& centre) {
  std::vector<float> v;
  for (int y = 0; y < value.rows; ++y)
    for (int x = 0; x < value.cols; ++x)
      if (usable.at<unsigned char>(y, x)) v.push_back(value.at<float>(y, x));
  centre = median_of(v);
  for (float& a : v) a = static_cast<float>(std::fabs(a - centre));
  const double spread = std::max({1.4826 * median_of(v), floor_abs, floor_rel * centre});
  cv::Mat z = cv::Mat::zeros(value.size(), CV_32F);
  for (int y = 0; y < value.rows; ++y)
    for (int x = 0; x < value.cols; ++x)
      if (usable.at<unsigned char>(y, x)) z.at<float>(y, x) = static_cast<float>((value.at<float>(y, x) - centre) / spread);
  return z;
}

// Median of each 3x3-cell window (about 4 mm square, larger than a glyph) with at least
// six usable cells: sparse print left in a few cells does not move it, a pasted or
// retouched area covering the window does. `ok` marks the windows measured.
cv::Mat window_median(const cv::Mat& v, const cv::Mat& usable, cv::Mat& ok) {
  cv::Mat w = cv::Mat::zeros(v.size(), CV_32F);
  ok = cv::Mat::zeros(v.size(), CV_8U);
  std::array<float, 9> q{};
  for (int y = 0; y < v.rows; ++y)
    for (int x = 0; x < v.cols; ++x) {
      int n = 0;
      for (int j = std::max(0, y - 1); j <= std::min(v.rows - 1, y + 1); ++j)
        for (int i = std::max(0, x - 1); i <= std::min(v.cols - 1, x + 1); ++i)
          if (usable.at<unsigned char>(j, i)) q[static_cast<std::size_t>(n++)] = v.at<float>(j, i);
      if (n < 6) continue;
      std::nth_element(q.begin(), q.begin() + n / 2, q.begin() + n);
      w.at<float>(y, x) = q[static_cast<std::size_t>(n / 2)];
      ok.at<unsigned char>(y, x) = 255;
    }
  return w;
}

// Connected groups of cells whose window mean passes `threshold` (high side; the low side
// too when `low`), as frame boxes (a window reaches one cell further).
std::vector<cv::Rect> regions_of(const Page& p, const cv::Mat& w, double threshold, bool low) {
  cv::Mat hit = cv::Mat::zeros(w.size(), CV_8U);
  for (int y = 0; y < w.rows; ++y)
    for (int x = 0; x < w.cols; ++x) {
      const float v = w.at<float>(y, x);
      if (v >= threshold || (low && v <= -threshold)) hit.at<unsigned char>(y, x) = 255;
    }
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(hit, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> out;
  for (int i = 1; i < n; ++i) {
    cv::Rect c(stats.at<int>(i, cv::CC_STAT_LEFT) - 1, stats.at<int>(i, cv::CC_STAT_TOP) - 1,
               stats.at<int>(i, cv::CC_STAT_WIDTH) + 2, stats.at<int>(i, cv::CC_STAT_HEIGHT) + 2);
    c &= cv::Rect(0, 0, w.cols, w.rows);
    const cv::Rect working(c.x * p.cell, c.y * p.cell, c.width * p.cell, c.height * p.cell);
    out.push_back(frame_rect(p, working & cv::Rect(0, 0, p.gray.cols, p.gray.rows)));
  }
  return out;
}

// Noise level per cell: the residual energy (grey - median3) of the cell's quieter 4x4
// sub-blocks (the 3rd lowest sub-block mean of r^2, rooted), sub-blocks touching ink (and
// its halo) left out. Ink edges and fine background lines fill some sub-blocks and leave
// others between them; noise fills every one, so a low quantile sees the noise and not
// the print. A cell needs 8 of its 16 sub-blocks clear of ink, clipping and the page edge.
void noise_levels(const Page& p, const cv::Mat& residual, const cv::Mat& halo, cv::Mat& level, cv::Mat& usable) {
  level = cv::Mat::zeros(p.cells, CV_32F);
  usable = cv::Mat::zeros(p.cells, CV_8U);
  const int sub = p.cell / 4;  // sub-block side (working pixels)
  const int subs_x = p.cells.width * 4;
  // Per row of sub-blocks: the sum of r^2 (capped at 400) and the number of usable pixels
  // (on the page, clear of ink and halo, not clipped) of each sub-block.
  std::vector<int> energy(static_cast<std::size_t>(subs_x)), good(static_cast<std::size_t>(subs_x));
  std::vector<float> sub_level(static_cast<std::size_t>(subs_x) * 4);
  std::vector<unsigned char> sub_ok(static_cast<std::size_t>(subs_x) * 4);
  const int full = sub * sub;
  std::array<float, 16> q{};
  for (int cy = 0; cy < p.cells.height; ++cy) {
    for (int j = 0; j < 4; ++j) {
      std::fill(energy.begin(), energy.end(), 0);
      std::fill(good.begin(), good.end(), 0);
      for (int y = (cy * 4 + j) * sub; y < (cy * 4 + j + 1) * sub; ++y) {
        const unsigned char* g = p.gray.ptr<unsigned char>(y);
        const unsigned char* m = p.inside.ptr<unsigned char>(y);
        const unsigned char* h = halo.ptr<unsigned char>(y);
        const short* r = residual.ptr<short>(y);
        for (int sx = 0; sx < subs_x; ++sx) {
          int en = 0, n = 0;
          for (int x = sx * sub; x < (sx + 1) * sub; ++x) {
            // Clipped pixels (glare, deep shadow) show no noise.
            const bool ok = m[x] && !h[x] && g[x] > 3 && g[x] < 252;
            en += ok ? std::min(400, r[x] * r[x]) : 0;
            n += ok ? 1 : 0;
          }
          energy[static_cast<std::size_t>(sx)] += en;
          good[static_cast<std::size_t>(sx)] += n;
        }
      }
      for (int sx = 0; sx < subs_x; ++sx) {
        const std::size_t k = static_cast<std::size_t>(j * subs_x + sx);
        sub_ok[k] = good[static_cast<std::size_t>(sx)] == full ? 1 : 0;
        sub_level[k] = static_cast<float>(energy[static_cast<std::size_t>(sx)]) / static_cast<float>(full);
      }
    }
    for (int cx = 0; cx < p.cells.width; ++cx) {
      int n = 0;
      for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 4; ++i) {
          const std::size_t k = static_cast<std::size_t>(j * subs_x + cx * 4 + i);
          if (sub_ok[k]) q[static_cast<std::size_t>(n++)] = sub_level[k];
        }
      if (n < 8) continue;
      std::nth_element(q.begin(), q.begin() + 2, q.begin() + n);
      level.at<float>(cy, cx) = std::sqrt(q[2]);
      usable.at<unsigned char>(cy, cx) = 255;
    }
  }
}

// A JPEG grid of its own: every 8x8 block (on the working image's grid) votes for the
// column (and row) phase where its grey steps are largest. A region that went through
// JPEG on its own shows block edges at one phase in block after block; print, noise and
// fine lines vote at random. Per 5x5-cell window (about 7 mm square): the share of blocks that vote the
// window's modal phase in both directions (the lower of the two), where at least 20
// blocks carry enough structure to vote; windows whose modal phases are the page's own
// (the whole frame was a JPEG) do not count.
cv::Mat grid_votes(const Page& p, double& score) {
  const int bw = p.gray.cols / 8, bh = p.gray.rows / 8;
  cv::Mat vh(bh, bw, CV_8S, cv::Scalar(-1)), vv(bh, bw, CV_8S, cv::Scalar(-1));
  const auto vote = [](const std::array<int, 8>& a) {
    int best = 0, total = 0;
    for (int k = 0; k < 8; ++k) total += a[static_cast<std::size_t>(k)], best = a[static_cast<std::size_t>(k)] > a[static_cast<std::size_t>(best)] ? k : best;
    // A block edge stands out from the block's other steps.
    const int rest = (total - a[static_cast<std::size_t>(best)]) / 7;
    return total >= 24 && a[static_cast<std::size_t>(best)] >= 2 * rest + 8 ? best : -1;
  };
  // Per block row: column sums of the horizontal steps, and per block the row sums of the
  // vertical ones (the last column and row step onto the next block).
  const int w = bw * 8;
  std::vector<int> hsum(static_cast<std::size_t>(w));
  std::vector<std::array<int, 8>> vsum(static_cast<std::size_t>(bw));
  std::vector<unsigned char> vstep(static_cast<std::size_t>(w));
  for (int by = 0; by < bh; ++by) {
    std::fill(hsum.begin(), hsum.end(), 0);
    for (auto& a : vsum) a.fill(0);
    for (int y = by * 8; y < by * 8 + 8; ++y) {
      const unsigned char* g = p.gray.ptr<unsigned char>(y);
      const unsigned char* g2 = p.gray.ptr<unsigned char>(std::min(p.gray.rows - 1, y + 1));
      int* hs = hsum.data();
      unsigned char* dv = vstep.data();
      const int last = std::min(w, p.gray.cols - 1);
      for (int x = 0; x < last; ++x) hs[x] += std::abs(g[x + 1] - g[x]);
      for (int x = 0; x < w; ++x) dv[x] = static_cast<unsigned char>(std::abs(g2[x] - g[x]));
      for (int bx = 0; bx < bw; ++bx) {
        const unsigned char* d = dv + bx * 8;
        vsum[static_cast<std::size_t>(bx)][static_cast<std::size_t>(y & 7)] = d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6] + d[7];
      }
    }
    for (int bx = 0; bx < bw; ++bx) {
      std::array<int, 8> h{};
      for (int k = 0; k < 8; ++k) h[static_cast<std::size_t>(k)] = hsum[static_cast<std::size_t>(bx * 8 + k)];
      vh.at<signed char>(by, bx) = static_cast<signed char>(vote(h));
      vv.at<signed char>(by, bx) = static_cast<signed char>(vote(vsum[static_cast<std::size_t>(bx)]));
    }
  }
  // The page's own modal phases.
  std::array<int, 8> ph{}, pv{};
  for (int by = 0; by < bh; ++by)
    for (int bx = 0; bx < bw; ++bx) {
      const int a = vh.at<signed char>(by, bx), b = vv.at<signed char>(by, bx);
      if (a >= 0) ph[static_cast<std::size_t>(a)]++;
      if (b >= 0) pv[static_cast<std::size_t>(b)]++;
    }
  const int page_h = static_cast<int>(std::max_element(ph.begin(), ph.end()) - ph.begin());
  const int page_v = static_cast<int>(std::max_element(pv.begin(), pv.end()) - pv.begin());
  int page_votes = 0;
  for (int k = 0; k < 8; ++k) page_votes += ph[static_cast<std::size_t>(k)];
  const bool page_jpeg = page_votes > 0 && ph[static_cast<std::size_t>(page_h)] * 3 > page_votes;
  const int per = p.cell / 8;  // blocks per cell side
  // Per cell: the votes for each phase in both directions and the blocks on the page; then
  // the 5x5-cell window sums, rows first.
  constexpr int kAgg = 17;  // 8 column phases, 8 row phases, blocks
  const int cw = (bw + per - 1) / per, ch = (bh + per - 1) / per;
  std::vector<int> agg(static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch) * kAgg, 0);
  const auto at = [&](std::vector<int>& a, int cx, int cy) { return a.data() + (static_cast<std::size_t>(cy) * static_cast<std::size_t>(cw) + static_cast<std::size_t>(cx)) * kAgg; };
  for (int by = 0; by < bh; ++by)
    for (int bx = 0; bx < bw; ++bx) {
      if (!p.inside.at<unsigned char>(by * 8 + 4, bx * 8 + 4)) continue;
      int* c = at(agg, bx / per, by / per);
      const int a = vh.at<signed char>(by, bx), b = vv.at<signed char>(by, bx);
      if (a >= 0) c[a]++;
      if (b >= 0) c[8 + b]++;
      c[16]++;
    }
  std::vector<int> rows(agg.size(), 0), win(agg.size(), 0);
  for (int cy = 0; cy < ch; ++cy)
    for (int cx = 0; cx < cw; ++cx) {
      int* o = at(rows, cx, cy);
      for (int i = std::max(0, cx - 2); i <= std::min(cw - 1, cx + 2); ++i) {
        const int* c = at(agg, i, cy);
        for (int k = 0; k < kAgg; ++k) o[k] += c[k];
      }
    }
  for (int cy = 0; cy < ch; ++cy)
    for (int cx = 0; cx < cw; ++cx) {
      int* o = at(win, cx, cy);
      for (int j = std::max(0, cy - 2); j <= std::min(ch - 1, cy + 2); ++j) {
        const int* c = at(rows, cx, j);
        for (int k = 0; k < kAgg; ++k) o[k] += c[k];
      }
    }
  cv::Mat map = cv::Mat::zeros(p.cells, CV_32F);
  score = 0;
  for (int cy = 0; cy < std::min(p.cells.height, ch); ++cy)
    for (int cx = 0; cx < std::min(p.cells.width, cw); ++cx) {
      const int* c = at(win, cx, cy);
      int nh = 0, nv = 0, mh = 0, mv = 0;
      for (int k = 0; k < 8; ++k) {
        nh += c[k], nv += c[8 + k];
        if (c[k] > c[mh]) mh = k;
        if (c[8 + k] > c[8 + mv]) mv = k;
      }
      const int blocks = c[16];
      if (nh < 20 || nv < 20) continue;
      if (page_jpeg && (mh == page_h || mv == page_v)) continue;
      const double share = std::min(double(c[mh]) / blocks, double(c[8 + mv]) / blocks);
      map.at<float>(cy, cx) = static_cast<float>(share);
      score = std::max(score, share);
    }
  return map;
}

// JPEG history: gradient energy across the frame's 8x8 grid lines against within blocks.
double blockiness(const cv::Mat& gray, const cv::Rect& roi) {
  std::array<double, 8> h{}, v{};
  for (int y = roi.y; y < roi.br().y - 1; ++y) {
    const unsigned char* a = gray.ptr<unsigned char>(y);
    const unsigned char* b = gray.ptr<unsigned char>(y + 1);
    double* vy = &v[static_cast<std::size_t>(y & 7)];
    for (int x = roi.x; x < roi.br().x - 1; x += 2) {
      h[static_cast<std::size_t>(x & 7)] += std::abs(a[x + 1] - a[x]);
      h[static_cast<std::size_t>((x + 1) & 7)] += std::abs(a[x + 2 < roi.br().x ? x + 2 : x + 1] - a[x + 1]);
      *vy += std::abs(b[x] - a[x]);
    }
  }
  // Phase 7 is the step from the last column (row) of a block to the next block's first.
  double hin = 0, vin = 0;
  for (int k = 0; k < 7; ++k) hin += h[static_cast<std::size_t>(k)], vin += v[static_cast<std::size_t>(k)];
  hin /= 7, vin /= 7;
  return 0.5 * (h[7] / std::max(1.0, hin) + v[7] / std::max(1.0, vin));
}

// Text ink (at most half the local paper's brightness; a max filter over 0.4 pitch gives
// the paper) and its halo: the glyphs' faint edges near the ink, grown by two pixels.
// Fine background lines are lighter and stay out of both.
// The masks of the print, all against the local paper brightness `paper`: `ink` (0/1) text
// ink, `core` (0/255) glyph bodies and strong lines (three quarters of the paper, 40 grey
// levels below it), `faint` (0/1) anything printed (12 grey levels below).
struct Print {
  cv::Mat paper, ink, core, faint, halo;
};

// One row of the masks (the pointers do not alias: the loop vectorises).
void print_row(const unsigned char* __restrict g, const unsigned char* __restrict b, unsigned char* __restrict i,
               unsigned char* __restrict o, unsigned char* __restrict c, unsigned char* __restrict f, unsigned char* __restrict h, int n) {
  for (int x = 0; x < n; ++x) {
    const int a = g[x], pb = b[x];
    const unsigned char ink = (a * 2 < pb) & (a + 80 < pb);  // half the paper's brightness
    i[x] = ink;
    o[x] = static_cast<unsigned char>(-ink);
    c[x] = static_cast<unsigned char>(-static_cast<unsigned char>((a * 4 < pb * 3) & (a + 40 < pb)));
    f[x] = a + 12 < pb;
    h[x] = static_cast<unsigned char>(-static_cast<unsigned char>(a + 15 < pb));
  }
}

Print print_of(const Page& p) {
  Print m;
  const cv::Size size = p.gray.size();
  m.ink = scratch(kInk, size, CV_8U), m.core = scratch(kCore, size, CV_8U), m.faint = scratch(kFaint, size, CV_8U);
  m.paper = scratch(kPaper, size, CV_8U), m.halo = scratch(kHalo, size, CV_8U);
  cv::Mat ink255 = scratch(kInk255, size, CV_8U), faint15 = scratch(kFaint15, size, CV_8U);
  const int k = std::max(3, static_cast<int>(std::lround(0.4 * p.pitch)) | 1);
  cv::dilate(p.gray, m.paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
  for (int y = 0; y < size.height; ++y)
    print_row(p.gray.ptr<unsigned char>(y), m.paper.ptr<unsigned char>(y), m.ink.ptr<unsigned char>(y), ink255.ptr<unsigned char>(y),
              m.core.ptr<unsigned char>(y), m.faint.ptr<unsigned char>(y), faint15.ptr<unsigned char>(y), size.width);
  cv::Mat near = scratch(kNear, size, CV_8U);
  cv::dilate(ink255, near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
  cv::bitwise_and(near, faint15, near);
  cv::bitwise_or(near, ink255, near);
  cv::dilate(near, m.halo, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  return m;
}

// --- copy-move -----------------------------------------------------------------------
//
// A region copied within the page carries its source's pixels exactly: print, background
// texture and noise alike. Two genuine prints of the same glyph share the glyph but not
// what lies under and around it (the background lines, the noise), so they never match
// exactly where the window holds background texture. The search: every 8x8 window that
// holds text ink and background texture (faint print clear of the glyphs' edges, or
// noise) is hashed; identical windows at a distance, grouped by their offset, are the
// finding. Windows without texture (a glyph on flat, noiseless paper) are not looked at:
// there a copy cannot be told from a reprint. Offsets at multiples of the MRZ pitch within
// the MRZ band are left out (its characters and fillers repeat on a grid).

constexpr int kWin = 8;

// Sum of a 0/1 mask over the 8x8 window whose top-left corner is each pixel (0 where the
// window leaves the image). Eight lanes at a time in 64-bit words: a lane never exceeds 64,
// so no carry crosses into the next.
cv::Mat window_sums(const cv::Mat& mask, Slot slot) {
  cv::Mat out = scratch(slot, mask.size(), CV_8U);
  out.setTo(0);
  const int w = mask.cols;
  std::vector<unsigned char> col(static_cast<std::size_t>(w) + 2 * kWin, 0);  // column sums over the last 8 rows
  unsigned char* c = col.data();
  const auto load = [](const unsigned char* q) {
    std::uint64_t v;
    std::memcpy(&v, q, sizeof v);
    return v;
  };
  const auto store = [](unsigned char* q, std::uint64_t v) { std::memcpy(q, &v, sizeof v); };
  for (int y = 0; y < mask.rows; ++y) {
    const unsigned char* add = mask.ptr<unsigned char>(y);
    const unsigned char* sub = y >= kWin ? mask.ptr<unsigned char>(y - kWin) : nullptr;
    int x = 0;
    for (; x + 8 <= w; x += 8) store(c + x, load(c + x) + load(add + x) - (sub ? load(sub + x) : 0));
    for (; x < w; ++x) c[x] = static_cast<unsigned char>(c[x] + add[x] - (sub ? sub[x] : 0));
    if (y + 1 < kWin) continue;
    unsigned char* o = out.ptr<unsigned char>(y + 1 - kWin);
    const int n = w - kWin + 1;  // windows in the row
    x = 0;
    for (; x + 8 <= n; x += 8) {
      std::uint64_t t = 0;
      for (int k = 0; k < kWin; ++k) t += load(c + x + k);
      store(o + x, t);
    }
    for (; x < n; ++x) {
      int t = 0;
      for (int k = 0; k < kWin; ++k) t += c[x + k];
      o[x] = static_cast<unsigned char>(t);
    }
  }
  return out;
}

// `print`: the page's masks (print_of); its faint mask is reused for the texture.
void find_copy_move(const Page& p, Print& print, TamperEvidence& e) {
  const cv::Mat& g = p.gray;
  cv::Mat& ink = print.ink;  // microprint is taken out below
  const cv::Mat& core = print.core;
  // Text at least a quarter pitch tall (0.6 mm): microprint repeats by design. The
  // components are labelled at half resolution (2x2 blocks holding ink), which keeps their
  // height to a pixel and costs a quarter; `area` counts each one's full-resolution ink.
  cv::Mat half = scratch(kHalf, cv::Size((g.cols + 1) / 2, (g.rows + 1) / 2), CV_8U);
  half.setTo(0);
  for (int y = 0; y < g.rows; ++y) {
    const unsigned char* i = ink.ptr<unsigned char>(y);
    unsigned char* h = half.ptr<unsigned char>(y / 2);
    for (int x = 0; x + 1 < g.cols; x += 2) h[x / 2] = static_cast<unsigned char>(h[x / 2] | i[x] | i[x + 1]);
    if (g.cols % 2) h[g.cols / 2] = static_cast<unsigned char>(h[g.cols / 2] | i[g.cols - 1]);
  }
  cv::Mat labels = scratch(kLabels, half.size(), CV_32S), stats, centroids;
  const int components = cv::connectedComponentsWithStats(half, labels, stats, centroids, 8, CV_32S);
  std::vector<int> area(static_cast<std::size_t>(components), 0);
  const auto tall = [&](int c) { return 2 * stats.at<int>(c, cv::CC_STAT_HEIGHT) >= 0.25 * p.pitch + 1; };
  {
    std::vector<unsigned char> keep(static_cast<std::size_t>(components), 0);
    for (int c = 1; c < components; ++c) keep[static_cast<std::size_t>(c)] = tall(c) ? 1 : 0;
    for (int y = 0; y < g.rows; ++y) {
      const int* l = labels.ptr<int>(y / 2);
      unsigned char* i = ink.ptr<unsigned char>(y);
      for (int x = 0; x < g.cols; ++x) {
        const auto c = static_cast<std::size_t>(l[x / 2]);
        area[c] += i[x];
        i[x] = i[x] & keep[c];
      }
    }
  }
  // Texture: printed but neither a glyph body nor within a pixel of one (its edges).
  cv::Mat near = scratch(kNearCore, g.size(), CV_8U);
  cv::dilate(core, near, cv::Mat());
  cv::Mat texture = print.faint;  // (faint is not needed afterwards)
  texture.setTo(0, near);
  // Ink and texture pixels of the 8x8 window whose top-left corner is at each pixel.
  cv::Mat ink_sum = window_sums(ink, kInkSum), tex_sum = window_sums(texture, kTexSum);
  const auto count = [](const cv::Mat& sum, int x, int y) { return static_cast<int>(sum.at<unsigned char>(y, x)); };
  struct Win {
    std::uint64_t hash;
    int x, y;
  };
  std::vector<Win> wins;
  wins.reserve(1 << 16);
  const auto row8 = [&g](int x, int y) {
    std::uint64_t v;
    std::memcpy(&v, g.ptr<unsigned char>(y) + x, sizeof v);
    return v;
  };
  for (int y = 0; y + kWin <= g.rows; ++y) {
    const unsigned char* is = ink_sum.ptr<unsigned char>(y);
    const unsigned char* ts = tex_sum.ptr<unsigned char>(y);
    const unsigned char* in = p.inside.ptr<unsigned char>(y + kWin / 2);
    for (int x = 0; x + kWin <= g.cols; ++x) {
      if (is[x] < 6 || ts[x] < 4 || !in[x + kWin / 2]) continue;
      std::array<std::uint64_t, kWin> rows{};
      for (int j = 0; j < kWin; ++j) rows[static_cast<std::size_t>(j)] = row8(x, y + j);
      // Locally unique only: a window equal to itself moved by a pixel (along a straight
      // edge, a flat fill) would match anywhere along it.
      if (y + kWin < g.rows && x + kWin < g.cols) {
        bool down = row8(x, y + kWin) == rows[kWin - 1], right = true;
        for (int j = 0; j < kWin - 1; ++j) down = down && rows[static_cast<std::size_t>(j)] == rows[static_cast<std::size_t>(j + 1)];
        for (int j = 0; j < kWin && right; ++j) right = row8(x + 1, y + j) == rows[static_cast<std::size_t>(j)];
        if (down || right) continue;
      }
      std::uint64_t h = 0x9E3779B97F4A7C15ULL;
      for (int j = 0; j < kWin; ++j) {
        h = (h ^ rows[static_cast<std::size_t>(j)]) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 29;
      }
      wins.push_back({h, x, y});
    }
  }
  std::sort(wins.begin(), wins.end(), [](const Win& a, const Win& b) { return a.hash < b.hash; });
  const cv::Rect mrz_zone = p.mrz.area() > 0 ? cv::Rect(p.mrz.x - int(p.pitch / 2), p.mrz.y - int(p.pitch / 2), p.mrz.width + int(p.pitch),
                                                         p.mrz.height + int(p.pitch))
                                              : cv::Rect();
  const double min_shift = std::max(double(kWin), 0.3 * p.pitch);
  struct Match {
    cv::Point offset;
    cv::Point at;
  };
  std::vector<Match> matches;
  for (std::size_t i = 0; i < wins.size();) {
    std::size_t j = i;
    while (j < wins.size() && wins[j].hash == wins[i].hash) ++j;
    // A window repeated many times is a pattern of the page, not a copy.
    if (j - i <= 4)
      for (std::size_t a = i; a < j; ++a)
        for (std::size_t b = a + 1; b < j; ++b) {
          cv::Point pa(wins[a].x, wins[a].y), pb(wins[b].x, wins[b].y);
          if (pb.y < pa.y || (pb.y == pa.y && pb.x < pa.x)) std::swap(pa, pb);
          const cv::Point d = pb - pa;
          if (std::hypot(d.x, d.y) < min_shift) continue;
          if (mrz_zone.contains(pa) && mrz_zone.contains(pb) && std::abs(d.y) < 0.35 * p.pitch) {
            const double steps = std::abs(d.x) / p.pitch;
            if (std::fabs(steps - std::round(steps)) < 0.15) continue;
          }
          bool same = true;
          for (int r = 0; r < kWin && same; ++r) same = std::memcmp(g.ptr<unsigned char>(pa.y + r) + pa.x, g.ptr<unsigned char>(pb.y + r) + pb.x, kWin) == 0;
          if (same) matches.push_back({d, pa});
        }
    i = j;
  }
  e.copy_move_score = 0;
  if (matches.empty()) return;
  // Background windows (texture, no ink) on a grid: where the page's own background around
  // the matches (2 pitches) repeats at their offset, to a pixel and two grey levels (a
  // periodic guilloche, or a smooth line that a reprinted glyph happens to meet at the same
  // phase), they prove nothing.
  std::vector<cv::Point> background;
  for (int y = 0; y + kWin <= g.rows; y += kWin / 2)
    for (int x = 0; x + kWin <= g.cols; x += kWin / 2)
      if (count(ink_sum, x, y) == 0 && count(tex_sum, x, y) >= 8 && p.inside.at<unsigned char>(y + kWin / 2, x + kWin / 2))
        background.emplace_back(x, y);
  const auto periodic = [&](cv::Point d, const cv::Rect& where) {
    // Around the matches, not on them: a copy's own background matches its source.
    const int reach = static_cast<int>(2 * p.pitch);
    const cv::Rect around(where.x - reach, where.y - reach, where.width + 2 * reach, where.height + 2 * reach);
    const cv::Rect on(where.x - kWin, where.y - kWin, where.width + 2 * kWin, where.height + 2 * kWin);
    int tried = 0, same = 0;
    for (const cv::Point& q : background) {
      if (!around.contains(q) || on.contains(q) || on.contains(q + d)) continue;
      const cv::Point r = q + d;
      if (r.x < 0 || r.y < 0 || r.x + kWin > g.cols || r.y + kWin > g.rows) continue;
      ++tried;
      // Within a pixel of the offset: a smooth guilloche line repeats only nearly.
      int best = std::numeric_limits<int>::max();
      for (int sy = -1; sy <= 1; ++sy)
        for (int sx = -1; sx <= 1; ++sx) {
          const cv::Point r2 = r + cv::Point(sx, sy);
          if (r2.x < 0 || r2.y < 0 || r2.x + kWin > g.cols || r2.y + kWin > g.rows) continue;
          int sad = 0;
          for (int j = 0; j < kWin; ++j) {
            const unsigned char* a = g.ptr<unsigned char>(q.y + j) + q.x;
            const unsigned char* b = g.ptr<unsigned char>(r2.y + j) + r2.x;
            for (int i = 0; i < kWin; ++i) sad += std::abs(a[i] - b[i]);
          }
          best = std::min(best, sad);
        }
      same += best <= 2 * kWin * kWin;  // within two grey levels on average
    }
    return tried >= 10 && same * 20 >= tried;  // 5 %
  };
  // Offsets by how many windows agree on them (within a pixel); the best few are tested
  // (whole glyph, not periodic) in that order.
  std::vector<std::pair<int, std::size_t>> order;
  {
    std::vector<cv::Point> seen;
    for (std::size_t i = 0; i < matches.size(); ++i) {
      const cv::Point d = matches[i].offset;
      bool dup = false;
      for (const cv::Point& q : seen) dup = dup || (std::abs(q.x - d.x) <= 1 && std::abs(q.y - d.y) <= 1);
      if (dup) continue;
      seen.push_back(d);
      int n = 0;
      for (const Match& m : matches) n += std::abs(m.offset.x - d.x) <= 1 && std::abs(m.offset.y - d.y) <= 1;
      order.emplace_back(n, i);
      if (seen.size() >= 64) break;
    }
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    if (order.size() > 6) order.resize(6);
  }
  std::size_t best = 0;
  int best_n = 0;
  for (const auto& [n, i] : order) {
    const cv::Point d = matches[i].offset;
    cv::Rect where(matches[i].at, cv::Size(kWin, kWin));
    for (const Match& m : matches)
      if (std::abs(m.offset.x - d.x) <= 1 && std::abs(m.offset.y - d.y) <= 1) where |= cv::Rect(m.at, cv::Size(kWin, kWin));
    // Larger than a glyph: on one side at least, the identical windows cover (three
    // quarters of) a text component. Two genuine prints share strokes; only a copy shares whole glyphs with
    // what lies under them.
    bool whole = false;
    for (int side = 0; side < 2 && !whole; ++side) {
      const cv::Rect span = (side ? cv::Rect(where.tl() + d, where.size()) : where) & cv::Rect(0, 0, g.cols, g.rows);
      if (span.area() <= 0) continue;
      cv::Mat cover = cv::Mat::zeros(span.size(), CV_8U);
      for (const Match& m : matches)
        if (std::abs(m.offset.x - d.x) <= 1 && std::abs(m.offset.y - d.y) <= 1)
          cover(cv::Rect((side ? m.at + m.offset : m.at) - span.tl(), cv::Size(kWin, kWin)) & cv::Rect(cv::Point(), span.size())).setTo(1);
      std::vector<int> in(static_cast<std::size_t>(components), 0);
      for (int y = 0; y < span.height; ++y) {
        const int* l = labels.ptr<int>((span.y + y) / 2);
        const unsigned char* k = ink.ptr<unsigned char>(span.y + y) + span.x;
        const unsigned char* c = cover.ptr<unsigned char>(y);
        for (int x = 0; x < span.width; ++x)
          if (k[x] && c[x]) in[static_cast<std::size_t>(l[(span.x + x) / 2])]++;
      }
      for (int c = 1; c < components && !whole; ++c)
        whole = in[static_cast<std::size_t>(c)] > 0 && tall(c) &&
                in[static_cast<std::size_t>(c)] * 4 >= area[static_cast<std::size_t>(c)] * 3;  // a copy may cut its glyph
    }
    if (!whole) continue;
    if (periodic(d, where)) continue;
    best_n = n, best = i;
    break;
  }
  if (best_n == 0) return;
  const cv::Point off = matches[best].offset;
  cv::Rect from, to;
  bool first = true;
  for (const Match& m : matches) {
    if (std::abs(m.offset.x - off.x) > 1 || std::abs(m.offset.y - off.y) > 1) continue;
    const cv::Rect a(m.at, cv::Size(kWin, kWin)), b(m.at + m.offset, cv::Size(kWin, kWin));
    from = first ? a : (from | a);
    to = first ? b : (to | b);
    first = false;
  }
  e.copy_move_score = best_n;
  e.copy_pairs = best_n;
  e.copy_offset = off * p.factor;
  if (best_n >= kTamperCopyMoveThreshold) {
    // Which of the two is the copy cannot be told: both are evidence.
    e.copy_regions.push_back(frame_rect(p, from));
    e.copy_regions.push_back(frame_rect(p, to));
  }
}

}  // namespace

TamperEvidence measure_tamper(const cv::Mat& frame, const std::vector<cv::Point2f>& document_quad,
                              const std::vector<cv::Point2f>& mrz_quad, double mrz_pitch_px) {
  const ScratchWipe wipe_on_return;
  TamperEvidence e;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  e.noise_score = e.copy_move_score = e.ela_score = e.noise_level_score = e.grid_score = nan;
  if (frame.empty() || frame.depth() != CV_8U || !(mrz_pitch_px > 0) || (frame.channels() != 1 && frame.channels() != 3)) {
    e.unsupported = Diagnose::invalid_input;
    return e;
  }
  cv::Mat gray = frame;
  if (frame.channels() == 3) cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
  if (mrz_pitch_px < kTamperMinPitchPx) {
    e.unsupported = Diagnose::resolution_too_low;
    return e;
  }
  const cv::Rect image(0, 0, gray.cols, gray.rows);
  std::vector<cv::Point> poly;
  for (const auto& q : document_quad) poly.emplace_back(cvRound(q.x), cvRound(q.y));
  if (poly.size() < 3) poly = {{0, 0}, {gray.cols - 1, 0}, {gray.cols - 1, gray.rows - 1}, {0, gray.rows - 1}};
  Page p;
  p.roi = cv::boundingRect(poly) & image;
  p.factor = std::max(1, static_cast<int>(mrz_pitch_px / kWorkPitch + 1.0 / 3));
  p.pitch = mrz_pitch_px / p.factor;
  p.cell = 4 * std::max(2, static_cast<int>(std::lround(p.pitch / 8)));  // 16 px at 300 dpi
  if (p.roi.width < 8 * p.cell * p.factor || p.roi.height < 8 * p.cell * p.factor) {
    e.unsupported = Diagnose::quality_gate_failed;
    return e;
  }
  if (p.factor == 1) p.gray = gray(p.roi);
  else cv::resize(gray(p.roi), p.gray, cv::Size(p.roi.width / p.factor, p.roi.height / p.factor), 0, 0, cv::INTER_AREA);
  p.inside = scratch(kInside, p.gray.size(), CV_8U);
  p.inside.setTo(0);
  for (auto& q : poly) q = cv::Point((q.x - p.roi.x) / p.factor, (q.y - p.roi.y) / p.factor);
  cv::fillConvexPoly(p.inside, poly, 255);
  if (mrz_quad.size() == 4) {
    std::vector<cv::Point> m;
    for (const auto& q : mrz_quad) m.emplace_back(cvRound((q.x - static_cast<float>(p.roi.x)) / static_cast<float>(p.factor)),
                                                 cvRound((q.y - static_cast<float>(p.roi.y)) / static_cast<float>(p.factor)));
    p.mrz = cv::boundingRect(m);
  }
  p.cells = cv::Size(p.gray.cols / p.cell, p.gray.rows / p.cell);
  e.cell_px = p.cell * p.factor;
  e.map_origin = cv::Point2d(p.roi.x, p.roi.y);

  // 1. Noise residual: grey - median3.
  cv::Mat med = scratch(kMed, p.gray.size(), CV_8U), residual = scratch(kResidual, p.gray.size(), CV_16S);
  cv::medianBlur(p.gray, med, 3);
  cv::subtract(p.gray, med, residual, cv::noArray(), CV_16S);
  Print print = print_of(p);
  cv::Mat level, usable;
  noise_levels(p, residual, print.halo, level, usable);
  if (cv::countNonZero(usable) < 60) {
    e.unsupported = Diagnose::quality_gate_failed;
    return e;
  }
  double centre = 0;
  cv::Mat ok;
  const cv::Mat smooth_level = window_median(level, usable, ok);
  e.noise_map = robust_z(smooth_level, ok, 0.5, 0.1, centre);
  e.page_noise = centre;
  // Less noise than the page (a smooth fill, a denoised paste) is a finding only where the
  // page has noise to lose.
  const bool low_side = centre >= 1.0;
  const cv::Mat& w = e.noise_map;
  double lo = 0, hi = 0;
  cv::minMaxLoc(w, &lo, &hi);
  e.noise_level_score = std::max(hi, low_side ? -lo : 0.0);
  e.grid_map = grid_votes(p, e.grid_score);
  // The decision rests on the JPEG grid alone: the noise level of clean renders and fine
  // print varies too much from page to page (it stays an explainer map). A frame that went
  // through JPEG itself shows stray grids more often (its own blocks, resampled).
  const double frame_blockiness = blockiness(gray, p.roi);
  const double grid_limit = frame_blockiness >= kTamperJpegBlockiness ? kTamperGridLimitJpeg : kTamperGridLimit;
  e.noise_score = e.grid_score / grid_limit;
  if (e.grid_score >= grid_limit) {
    // (The map holds floats: a window at the limit itself may round below it.)
    e.noise_regions = regions_of(p, e.grid_map, grid_limit - 1e-6, false);
    std::sort(e.noise_regions.begin(), e.noise_regions.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
    // Portrait-like: the area with a stray grid (the windows at half the limit or more that
    // hold a finding; a paste is not above the limit everywhere) is at least 10 x 12.5 mm
    // (4 x 5 pitches) and clear of the MRZ.
    cv::Rect r;
    for (const cv::Rect& x : regions_of(p, e.grid_map, 0.5 * grid_limit, false)) {
      bool holds = false;
      for (const cv::Rect& hit : e.noise_regions) holds = holds || (x & hit).area() > 0;
      if (holds && x.area() > r.area()) r = x;
    }
    const double pitch = p.pitch * p.factor;
    const cv::Rect mrz = frame_rect(p, p.mrz);
    e.noise_portrait_like = r.width >= 4 * pitch && r.height >= 5 * pitch && (mrz.area() == 0 || (r & mrz).area() == 0);
  }
  // 2. Copy-move: identical textured windows.
  find_copy_move(p, print, e);

  // 3. JPEG history and error levels, on the frame's own pixel grid.
  e.jpeg_blockiness = frame_blockiness;
  e.jpeg_history = e.jpeg_blockiness >= kTamperJpegBlockiness;
  if (e.jpeg_history) {
    const int gx = p.roi.x & ~7, gy = p.roi.y & ~7;
    const cv::Rect grid(gx, gy, p.roi.br().x - gx, p.roi.br().y - gy);
    cv::Mat src = gray(grid & image).clone(), dec, diff;
    std::vector<unsigned char> bytes;
    cv::imencode(".jpg", src, bytes, {cv::IMWRITE_JPEG_QUALITY, kElaQuality});
    dec = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
    cv::absdiff(src, dec, diff);
    const cv::Point shift = p.roi.tl() - grid.tl();
    const cv::Size span(p.cells.width * p.cell * p.factor, p.cells.height * p.cell * p.factor);
    cv::Mat err;
    diff(cv::Rect(shift, span)).convertTo(err, CV_32F);
    cv::resize(err, err, p.cells, 0, 0, cv::INTER_AREA);  // mean error per cell
    double ela_centre = 0;
    const cv::Mat smooth_err = window_median(err, usable, ok);
    e.ela_map = robust_z(smooth_err, ok, 0.25, 0.1, ela_centre);
    const cv::Mat& we = e.ela_map;
    cv::minMaxLoc(we, nullptr, &hi);
    e.ela_score = hi;
    if (e.ela_score >= kTamperElaThreshold) e.ela_regions = regions_of(p, we, kTamperElaThreshold, false);
  }
  return e;
}

namespace {

CheckRecord tamper_record(std::string_view id) {
  CheckRecord r;
  r.id = id;
  r.group = CheckGroup::security;
  r.critical = false;  // heuristics: flag for a person, never reject alone (spec §5)
  r.required = false;
  return r;
}

void not_done(CheckRecord& r, Diagnose d, const char* why) {
  r.status = CheckStatus::not_done;
  r.diagnose = d;
  r.message = why;
}

void decide(CheckRecord& r, double score, double threshold, Diagnose finding, const char* unit, const std::vector<cv::Rect>& where,
            const char* what) {
  r.measured = score;
  r.threshold = threshold;
  r.unit = unit;
  if (score < threshold) {
    r.status = CheckStatus::ok;
    r.message = "no sign found";
    return;
  }
  r.status = CheckStatus::error;
  r.diagnose = finding;
  char text[192];
  if (!where.empty())
    std::snprintf(text, sizeof text, "%s (score %.2f) near x %d, y %d, %d x %d px", what, score, where[0].x, where[0].y, where[0].width,
                  where[0].height);
  else
    std::snprintf(text, sizeof text, "%s (score %.2f)", what, score);
  r.message = std::string(text);
}

}  // namespace

std::vector<CheckRecord> tamper_checks(const TamperEvidence& e, bool image_good_enough) {
  std::vector<CheckRecord> out;
  CheckRecord noise = tamper_record("security.tamper.noise");
  CheckRecord copy = tamper_record("security.tamper.copy_move");
  CheckRecord ela = tamper_record("security.tamper.ela");
  if (e.unsupported != Diagnose::none || !image_good_enough) {
    const Diagnose d = e.unsupported != Diagnose::none ? e.unsupported : Diagnose::quality_gate_failed;
    const char* why = d == Diagnose::resolution_too_low ? "image too coarse for tamper forensics (under about 150 dpi)"
                      : d == Diagnose::invalid_input   ? "no usable grey image or scale"
                      : !image_good_enough             ? "image blurred or washed out: tamper forensics not run"
                                                       : "too little of the page in the image for tamper forensics";
    for (CheckRecord* r : {&noise, &copy, &ela}) not_done(*r, d, why);
  } else {
    if (e.noise_portrait_like)
      decide(noise, e.noise_score, kTamperNoiseThreshold, Diagnose::photo_substitution_suspected, "multiple of the calibrated limit",
             e.noise_regions, "portrait-sized region with a JPEG grid of its own: substituted photo?");
    else
      decide(noise, e.noise_score, kTamperNoiseThreshold, Diagnose::tamper_local, "multiple of the calibrated limit", e.noise_regions,
             "region with a JPEG grid of its own: pasted from another image?");
    decide(copy, e.copy_move_score, kTamperCopyMoveThreshold, Diagnose::copy_move, "identical textured 8x8 windows", e.copy_regions,
           "two places carry the same print and background pixel for pixel: copy-move?");
    // After lossy compression a copy no longer matches its source exactly: no finding
    // there is no evidence of no copy.
    if (copy.status == CheckStatus::ok && e.jpeg_history)
      not_done(copy, Diagnose::uncertain, "JPEG-compressed image: copies no longer match pixel for pixel, copy-move not decided");
    if (!e.jpeg_history)
      not_done(ela, Diagnose::uncertain, "no JPEG history: error level analysis does not apply");
    else {
      // Error levels are an explainer (spec: authenticity §5): re-saves and print texture
      // move them as much as pastes do (genuine phone photos reach the forgeries' scores),
      // so they are measured and mapped for a person, never a finding on their own.
      ela.measured = e.ela_score;
      ela.threshold = kTamperElaThreshold;
      ela.unit = "robust z (3x3 cells), explainer only";
      ela.status = CheckStatus::ok;
      ela.message = e.ela_score >= kTamperElaThreshold ? "error levels uneven (explainer only: see the map; not a finding)"
                                                        : "error levels even";
    }
  }
  out.push_back(std::move(noise));
  out.push_back(std::move(copy));
  out.push_back(std::move(ela));
  return out;
}

}  // namespace docverify::checks
