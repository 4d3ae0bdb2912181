#include "checks/inpaint.hpp"

// Calibration (/tmp/inpaint/cal2.cpp, the reader's quads): genuine seeds 7001 and 8001, 204
// pages per capture. Scores: scan and kiosk (the same visible image) median 0.34, worst
// 0.967; phone median 0, worst 0.864. Forgeries, seed 9001, 48 pages each, a field erased
// and reprinted: flagged at 0.98 on scans telea 12, Navier-Stokes 9, flat fill 7, cloned
// background 1, the generator's viz_rewritten 1; photographed, telea 2, Navier-Stokes 2,
// the rest 0.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <opencv2/imgproc.hpp>

namespace docverify::checks {

namespace {

constexpr double kPitchMm = 2.54;
constexpr double kWorkPxPerMm = 10.0;  // about 250 dpi: fine lines stay visible, a TD3 page is 1.1 Mpx

// Per-thread scratch images, kept from call to call (page faults on fresh memory would cost
// about as much as the arithmetic).
enum Slot : std::size_t { kUpright, kInside, kPaper, kInk, kHalo, kBlur, kResidual, kTexture, kLines, kLabels, kBackgroundSum, kTextureSum, kClear, kBandBackgroundSum, kBandTextureSum, kSlots };

std::array<cv::Mat, kSlots>& scratch_pool() {
  thread_local std::array<cv::Mat, kSlots> pool;
  return pool;
}
cv::Mat& scratch(Slot slot) { return scratch_pool()[slot]; }

// The scratch images hold the page and its text: zeroed when a measure returns, so no copy
// of a traveller's document outlives the call (the memory itself is kept for the next).
struct ScratchWipe {
  ~ScratchWipe() {
    for (cv::Mat& m : scratch_pool())
      if (!m.empty()) m.setTo(0);
  }
};

int odd(double px) { return std::max(3, static_cast<int>(std::lround(px)) | 1); }

double distance(const cv::Point2f& a, const cv::Point2f& b) { return std::hypot(a.x - b.x, a.y - b.y); }

double quantile(std::vector<float>& v, double q) {
  if (v.empty()) return 0;
  const auto at = v.begin() + static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), at, v.end());
  return *at;
}

InpaintEvidence measure(const cv::Mat& image, const std::vector<cv::Point2f>& document_quad, const std::vector<cv::Point2f>& mrz_quad,
                        int line_length) {
  InpaintEvidence e;
  e.threshold = kInpaintThreshold;
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4)) {
    e.unsupported = Diagnose::invalid_input;
    return e;
  }
  const auto finite = [](const std::vector<cv::Point2f>& q) {
    return q.size() == 4 && std::all_of(q.begin(), q.end(), [](const cv::Point2f& p) { return std::isfinite(p.x) && std::isfinite(p.y); });
  };
  if (!finite(document_quad) || !finite(mrz_quad) || line_length < 1) {
    e.unsupported = Diagnose::uncertain;
    return e;
  }
  // Scale from the MRZ: its quad is a whole number of 2.54 mm pitches wide.
  const double mrz_w = 0.5 * (distance(mrz_quad[0], mrz_quad[1]) + distance(mrz_quad[3], mrz_quad[2]));
  const double mrz_h = 0.5 * (distance(mrz_quad[0], mrz_quad[3]) + distance(mrz_quad[1], mrz_quad[2]));
  const double doc_w = 0.5 * (distance(document_quad[0], document_quad[1]) + distance(document_quad[3], document_quad[2]));
  const double doc_h = 0.5 * (distance(document_quad[0], document_quad[3]) + distance(document_quad[1], document_quad[2]));
  if (!(mrz_h > 1) || !(mrz_w > 1) || !(doc_h > 1)) {
    e.unsupported = Diagnose::uncertain;
    return e;
  }
  const double ppm = mrz_w / (line_length * kPitchMm);
  e.px_per_mm = ppm;
  const double width_mm = doc_w / ppm, height_mm = doc_h / ppm;
  // Not a document page: the quad does not fit the MRZ it came with.
  if (width_mm < 60 || width_mm > 160 || height_mm < 40 || height_mm > 140) {
    e.unsupported = Diagnose::uncertain;
    return e;
  }
  if (ppm < kInpaintMinPxPerMm) {
    e.unsupported = Diagnose::resolution_too_low;
    return e;
  }

  // The document upright at the working scale; a frame much finer than that is halved
  // first, so the warp does not alias the fine lines away.
  cv::Mat gray;
  if (image.channels() == 3) cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4) cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
  else gray = image;
  std::vector<cv::Point2f> quad = document_quad;
  double frame_scale = ppm;
  while (frame_scale >= 2 * kWorkPxPerMm) {
    cv::pyrDown(gray, gray);
    for (auto& q : quad) q *= 0.5F;
    frame_scale *= 0.5;
  }
  const double s = std::min(kWorkPxPerMm, frame_scale);  // working px per mm
  const cv::Size size(static_cast<int>(width_mm * s), static_cast<int>(height_mm * s));
  const std::vector<cv::Point2f> upright_corners = {{0, 0}, {float(size.width), 0}, {float(size.width), float(size.height)}, {0, float(size.height)}};
  const cv::Mat to_upright = cv::getPerspectiveTransform(quad, upright_corners);
  cv::Mat& g = scratch(kUpright);
  cv::warpPerspective(gray, g, to_upright, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));

  // Where to look: on the frame, inside a 3 mm margin (the quad is projected from the MRZ
  // and may be off by a millimetre or two), above the MRZ and its clear zone.
  std::vector<cv::Point2f> frame_corners = {{0, 0}, {float(gray.cols), 0}, {float(gray.cols), float(gray.rows)}, {0, float(gray.rows)}}, mapped;
  cv::perspectiveTransform(frame_corners, mapped, to_upright);
  std::vector<cv::Point> frame_poly;
  for (const auto& p : mapped) frame_poly.emplace_back(cvRound(p.x), cvRound(p.y));
  cv::Mat& inside = scratch(kInside);
  inside.create(size, CV_8U);
  inside.setTo(0);
  cv::fillConvexPoly(inside, frame_poly, 255);
  std::vector<cv::Point2f> mrz_upright;
  for (auto q : mrz_quad) mrz_upright.push_back(q * static_cast<float>(frame_scale / ppm));
  cv::perspectiveTransform(mrz_upright, mrz_upright, to_upright);
  const double mrz_top = std::min(mrz_upright[0].y, mrz_upright[1].y);
  const int margin = static_cast<int>(3 * s);
  const cv::Rect page(0, 0, size.width, size.height);
  const cv::Rect search =
      cv::Rect(margin, margin, size.width - 2 * margin, static_cast<int>(std::clamp(mrz_top, 0.0, double(size.height)) - 2.5 * s) - margin) & page;
  if (search.width < 20 * s || search.height < 15 * s) {
    e.unsupported = Diagnose::uncertain;
    return e;
  }
  cv::Mat keep = cv::Mat::zeros(size, CV_8U);
  keep(search).setTo(255);
  cv::erode(inside, inside, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(odd(2 * s), odd(2 * s))));
  cv::bitwise_and(inside, keep, inside);

  // Text ink: at most half the local paper's brightness (a max filter over 0.6 mm gives the
  // paper) and 60 grey levels under it; its halo, where the high-pass still sees the glyph
  // edges. Clipped pixels (glare) show no texture either way.
  cv::Mat& paper = scratch(kPaper);
  cv::dilate(g, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(odd(0.6 * s), odd(0.6 * s))));
  cv::Mat& ink = scratch(kInk);
  ink.create(size, CV_8U);
  for (int y = 0; y < size.height; ++y) {
    const unsigned char* a = g.ptr<unsigned char>(y);
    const unsigned char* p = paper.ptr<unsigned char>(y);
    unsigned char* k = ink.ptr<unsigned char>(y);
    for (int x = 0; x < size.width; ++x) k[x] = static_cast<unsigned char>(-static_cast<unsigned char>((a[x] * 2 < p[x]) & (a[x] + 60 < p[x])));
  }
  cv::Mat& halo = scratch(kHalo);
  cv::dilate(ink, halo, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(odd(0.6 * s), odd(0.6 * s))));
  cv::Mat clipped = g >= 250;
  cv::dilate(clipped, clipped, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(odd(1.0 * s), odd(1.0 * s))));
  // Background: on the page, clear of print and glare.
  cv::Mat background = inside & ~halo & ~clipped;
  const int background_px = cv::countNonZero(background);
  if (background_px < 100 * s * s) {
    e.unsupported = Diagnose::uncertain;
    return e;
  }

  // Texture: the high-pass residual above the page's noise (the robust spread of the
  // residual over the background: where the pattern covers less than half of it, that is
  // the noise).
  cv::Mat& blur = scratch(kBlur);
  cv::blur(g, blur, cv::Size(3, 3));
  cv::Mat& residual = scratch(kResidual);
  cv::absdiff(g, blur, residual);
  std::vector<float> r;
  r.reserve(static_cast<std::size_t>(background_px / 7 + 1));
  for (int y = 0; y < size.height; y += 2) {
    const unsigned char* a = residual.ptr<unsigned char>(y);
    const unsigned char* b = background.ptr<unsigned char>(y);
    for (int x = y & 2; x < size.width; x += 4)
      if (b[x]) r.push_back(a[x]);
  }
  const double noise = 1.4826 * quantile(r, 0.5);
  cv::Mat& texture = scratch(kTexture);
  cv::compare(residual, std::max(3.0, 3.0 * noise), texture, cv::CMP_GE);
  cv::bitwise_and(texture, background, texture);
  e.texture_share = static_cast<double>(cv::countNonZero(texture)) / background_px;
  if (e.texture_share < 0.02) {
    e.unsupported = Diagnose::background;
    return e;
  }
  e.measured = true;

  // Fields: ink joined along the line (letter and word gaps up to 1.2 mm).
  cv::Mat& lines = scratch(kLines);
  const cv::Size join(odd(1.2 * s), odd(0.3 * s));
  cv::dilate(ink, lines, cv::getStructuringElement(cv::MORPH_RECT, join));
  cv::bitwise_and(lines, inside, lines);
  cv::Mat& labels = scratch(kLabels);
  cv::Mat stats, centroids;
  const int n = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8, CV_32S);
  const cv::Mat from_upright = to_upright.inv();
  const double to_frame = ppm / frame_scale;
  struct Found {
    double score;
    cv::Rect upright;
  };
  std::vector<Found> found;
  // Pixel counts over rectangles, from integral images (the masks hold 0 or 255).
  cv::Mat& background_sum = scratch(kBackgroundSum);
  cv::Mat& texture_sum = scratch(kTextureSum);
  cv::integral(background, background_sum, CV_32S);
  cv::integral(texture, texture_sum, CV_32S);
  // The bands above and below a field count only background 0.6 mm clear of ink: the
  // lighter strokes of captions and small print there would pass for texture.
  cv::Mat& clear = scratch(kClear);
  cv::dilate(ink, clear, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(odd(1.2 * s), odd(1.2 * s))));
  cv::bitwise_not(clear, clear);
  cv::Mat& band_background_sum = scratch(kBandBackgroundSum);
  cv::Mat& band_texture_sum = scratch(kBandTextureSum);
  cv::integral(background & clear, band_background_sum, CV_32S);
  cv::integral(texture & clear, band_texture_sum, CV_32S);
  const auto count = [](const cv::Mat& sum, const cv::Rect& area) {
    if (area.area() <= 0) return 0;
    return (sum.at<int>(area.br().y, area.br().x) - sum.at<int>(area.y, area.br().x) - sum.at<int>(area.br().y, area.x) + sum.at<int>(area.y, area.x)) / 255;
  };
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT) + join.width / 2, stats.at<int>(i, cv::CC_STAT_TOP) + join.height / 2,
                       stats.at<int>(i, cv::CC_STAT_WIDTH) - 2 * (join.width / 2), stats.at<int>(i, cv::CC_STAT_HEIGHT) - 2 * (join.height / 2));
    // A line of text: microprint and large blocks (portrait, logos) are not fields.
    if (box.height < 1.2 * s || box.height > 7 * s || box.width < 3 * s) continue;
    // Along the field, windows of at least 8 mm (longer than the gaps a wavy pattern leaves
    // along a line of text) in 1 mm steps. Each is held to the bands 2.5 mm high, 1 mm above
    // and below it: both with a sixth of their area or more clear background, textured at
    // least a quarter as densely as the page and alike (within a factor 3), so the window
    // lies inside an even pattern (not beside the portrait, on a flat block, at the edge of a
    // pattern, over the MRZ's clear zone). The score: the share of the texture the bands
    // promise that the window's background lacks.
    const int pad = static_cast<int>(0.5 * s), off = static_cast<int>(1.0 * s), band = static_cast<int>(2.5 * s);
    const cv::Rect field = cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad) & page;
    const int step = std::max(1, static_cast<int>(s)), window = static_cast<int>(std::max(8 * s, 3.0 * box.height));
    if (field.width < window) continue;
    // Per step-wide column: background and texture pixels in the field, above and below.
    struct Column {
      std::array<int, 3> bg, tx;
    };
    std::vector<Column> columns;
    for (int x = field.x; x + step <= field.br().x; x += step) {
      Column c{};
      const std::array<cv::Rect, 3> parts = {cv::Rect(x, field.y, step, field.height), cv::Rect(x, box.y - off - band, step, band) & page,
                                             cv::Rect(x, box.br().y + off, step, band) & page};
      c.bg[0] = count(background_sum, parts[0]), c.tx[0] = count(texture_sum, parts[0]);
      for (std::size_t k = 1; k < parts.size(); ++k) c.bg[k] = count(band_background_sum, parts[k]), c.tx[k] = count(band_texture_sum, parts[k]);
      columns.push_back(c);
    }
    const std::size_t per = static_cast<std::size_t>(window / step);
    for (std::size_t k = 0; k + per <= columns.size(); ++k) {
      std::array<double, 3> bg{}, tx{};
      for (std::size_t j = k; j < k + per; ++j)
        for (std::size_t p = 0; p < 3; ++p) bg[p] += columns[j].bg[p], tx[p] += columns[j].tx[p];
      const double full_band = static_cast<double>(per * step * band);
      if (bg[1] * 6 < full_band || bg[2] * 6 < full_band) continue;
      const double above = tx[1] / bg[1], below = tx[2] / bg[2];
      if (std::min(above, below) < 0.25 * e.texture_share || 3 * std::min(above, below) < std::max(above, below)) continue;
      const double expected = 0.5 * (above + below) * bg[0];
      // Too little background left between the glyphs to tell.
      if (expected < 1.0 * s * s) continue;
      found.push_back({std::max(0.0, 1 - tx[0] / expected), cv::Rect(field.x + static_cast<int>(k) * step, field.y, static_cast<int>(per) * step, field.height)});
    }
  }
  // The areas: windows at the threshold or above, overlapping ones merged, the strongest
  // first.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.score > b.score; });
  if (!found.empty()) e.score = found.front().score;
  std::vector<cv::Rect> areas;
  for (const Found& f : found) {
    if (f.score < e.threshold) break;
    auto joined = std::find_if(areas.begin(), areas.end(), [&](const cv::Rect& a) { return (a & f.upright).area() > 0; });
    if (joined != areas.end()) *joined |= f.upright;
    else areas.push_back(f.upright);
  }
  for (const cv::Rect& a : areas) {
    std::vector<cv::Point2f> c = {cv::Point2f(float(a.x), float(a.y)), cv::Point2f(float(a.br().x), float(a.y)),
                                  cv::Point2f(float(a.br().x), float(a.br().y)), cv::Point2f(float(a.x), float(a.br().y))};
    cv::perspectiveTransform(c, c, from_upright);
    for (auto& p : c) p *= static_cast<float>(to_frame);
    e.regions.push_back(cv::boundingRect(c));
    e.regions_mm.emplace_back(a.x / s, a.y / s, a.width / s, a.height / s);
  }
  return e;
}

}  // namespace

InpaintEvidence measure_inpainting(const cv::Mat& image, const std::vector<cv::Point2f>& document_quad,
                                   const std::vector<cv::Point2f>& mrz_quad, int line_length) {
  const ScratchWipe wipe_on_return;
  // Degenerate quads can still make OpenCV refuse a transform; a check never throws.
  try {
    return measure(image, document_quad, mrz_quad, line_length);
  } catch (const cv::Exception&) {
    InpaintEvidence e;
    e.unsupported = Diagnose::internal_error;
    e.threshold = kInpaintThreshold;
    return e;
  }
}

CheckRecord inpaint_check(const InpaintEvidence& e) {
  CheckRecord r;
  r.id = "security.tamper.inpaint";
  r.group = CheckGroup::security;
  r.critical = false;  // a heuristic: flags for a person, never rejects alone (spec §5)
  r.required = false;
  if (!e.measured) {
    r.status = CheckStatus::not_done;
    r.diagnose = e.unsupported == Diagnose::none ? Diagnose::uncertain : e.unsupported;
    switch (r.diagnose) {
      case Diagnose::invalid_input: r.message = "no usable image"; break;
      case Diagnose::resolution_too_low: r.message = "image too coarse for background texture (under about 150 dpi)"; break;
      case Diagnose::background: r.message = "the page shows no background texture: an erased field would not show"; break;
      case Diagnose::internal_error: r.message = "background texture could not be measured"; break;
      default: r.message = "document region unknown: background texture not measured"; break;
    }
    return r;
  }
  r.measured = e.score;
  r.threshold = e.threshold;
  r.unit = "share of the surrounding background texture missing in a field";
  if (e.score < e.threshold || e.regions_mm.empty()) {
    r.status = CheckStatus::ok;
    r.message = "every field lies in the page's background texture";
    return r;
  }
  // An explainer, as error levels are: on 1000 genuine scans of other seeds than its
  // calibration's about 1 % reached the threshold, while it finds one erased field in four
  // to six, so it points a person at an area and decides nothing.
  r.status = CheckStatus::ok;
  const cv::Rect2d& a = e.regions_mm.front();
  char text[320];
  std::snprintf(text, sizeof text,
                "a %.0fx%.0f mm area in the visual zone (%.0f mm from the left, %.0f mm from the top edge) holds print but %.0f %% less "
                "background texture than around it: erased and refilled? (an explainer: genuine pages show this too)",
                a.width, a.height, a.x, a.y, 100 * e.score);
  r.message = std::string(text);
  return r;
}

}  // namespace docverify::checks
