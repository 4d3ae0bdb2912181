#include "checks/spectral.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <opencv2/imgproc.hpp>

namespace docverify::checks {

namespace {

// ISO 1831 / ICAO 9303-3: the MRZ's print contrast signal in the B900 band is at least 0.6.
// A reader's optics (blur, stray light) lower what is measured, so falling short of it is a
// warning; ink that IR light goes through leaves almost nothing (under 0.3) - on the whole
// MRZ (a reprint) or on a few characters (a field retyped).
constexpr double kMinPcs = 0.6, kGonePcs = 0.3;
constexpr int kGoneForError = 4;
// Structure kept in IR as a share of the visible one: everything kept is what a print with
// one carbon toner gives (a copy); genuine designs keep their text and portrait only.
constexpr double kRetentionWarning = 0.9;
// UV frames of a reader at fixed exposure (9303-2 App. B): dull paper is dark, brightened
// office paper glows blue-white near the top of the scale.
constexpr double kUvBright = 120, kUvPale = 80, kUvBlue = 0.36;

double percentile(std::vector<unsigned char>& v, double q) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto k = static_cast<std::ptrdiff_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[static_cast<std::size_t>(k)];
}

cv::Mat grey(const cv::Mat& m) {
  if (m.channels() == 1) return m;
  cv::Mat g;
  cv::cvtColor(m, g, m.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return g;
}

// Mask of the document quad (or the whole image) minus the MRZ quad, at `f` of the frame.
cv::Mat page_mask(cv::Size size, double f, const std::vector<cv::Point2f>& document_quad, const std::vector<cv::Point2f>& mrz_quad,
                  bool without_mrz) {
  cv::Mat mask(size, CV_8U, cv::Scalar(document_quad.size() == 4 ? 0 : 255));
  auto scaled = [f](const std::vector<cv::Point2f>& q) {
    std::vector<cv::Point> p;
    for (const auto& v : q) p.emplace_back(int(std::lround(v.x * f)), int(std::lround(v.y * f)));
    return p;
  };
  if (document_quad.size() == 4) cv::fillConvexPoly(mask, scaled(document_quad), 255);
  if (without_mrz && mrz_quad.size() == 4) {
    // The MRZ and its clear band: the quad grown by half its height and a little wider.
    const cv::Point2f up = (mrz_quad[0] - mrz_quad[3]) * 0.5f, right = (mrz_quad[1] - mrz_quad[0]) * 0.03f;
    const std::vector<cv::Point2f> grown = {mrz_quad[0] + up - right, mrz_quad[1] + up + right, mrz_quad[2] - up + right,
                                            mrz_quad[3] - up - right};
    cv::fillConvexPoly(mask, scaled(grown), 0);
  }
  return mask;
}

}  // namespace

cv::Mat registered_companion(const cv::Mat& companion, cv::Size frame, bool colour) {
  if (companion.empty() || frame.area() == 0 || companion.depth() != CV_8U) return {};
  const double a = double(companion.cols) / companion.rows, b = double(frame.width) / frame.height;
  if (std::abs(a / b - 1) > 0.02) return {};
  cv::Mat m;
  if (colour) {
    if (companion.channels() == 1) cv::cvtColor(companion, m, cv::COLOR_GRAY2BGR);
    else if (companion.channels() == 4) cv::cvtColor(companion, m, cv::COLOR_BGRA2BGR);
    else m = companion;
  } else {
    m = grey(companion);
  }
  if (m.size() != frame) {
    cv::Mat r;
    cv::resize(m, r, frame, 0, 0, m.cols > frame.width ? cv::INTER_AREA : cv::INTER_LINEAR);
    m = r;
  }
  return m;
}

InfraredMeasures measure_infrared(const cv::Mat& visible_gray, const cv::Mat& infrared, const std::vector<cv::Point2f>& q,
                                  const std::vector<cv::Point2f>& document_quad, const mrz::MrzLines& lines) {
  InfraredMeasures m;
  if (infrared.empty()) return m;
  const cv::Mat ir = registered_companion(infrared, visible_gray.size(), false);
  m.not_done = Diagnose::images_not_registered;
  if (ir.empty()) return m;
  const int n = lines.length(), k = lines.count();
  m.not_done = Diagnose::invalid_input;
  if (q.size() != 4 || n <= 0 || k < 2 || visible_gray.type() != CV_8U) return m;
  const double pitch = (cv::norm(q[1] - q[0]) + cv::norm(q[2] - q[3])) / 2 / n;
  m.not_done = Diagnose::resolution_too_low;
  if (pitch < 6) return m;

  // Both images on the same MRZ grid at their own resolution (up to 40 px per pitch: thin
  // strokes lose their core darkness when shrunk), one pitch of margin.
  const double P = std::min(40.0, pitch), side = (cv::norm(q[3] - q[0]) + cv::norm(q[2] - q[1])) / 2;
  const double height = side / pitch * P;
  const std::vector<cv::Point2f> grid = {
      {float(P), float(P)}, {float(P + n * P), float(P)}, {float(P + n * P), float(P + height)}, {float(P), float(P + height)}};
  const cv::Mat h = cv::getPerspectiveTransform(q, grid);
  const cv::Size size(int(n * P + 2 * P), int(height + 2 * P));
  cv::Mat vis, irf;
  cv::warpPerspective(visible_gray, vis, h, size, cv::INTER_AREA, cv::BORDER_REPLICATE);
  cv::warpPerspective(ir, irf, h, size, cv::INTER_AREA, cv::BORDER_REPLICATE);

  const double spacing = (height - 1.1 * P) / (k - 1);
  std::vector<double> pcs;
  std::vector<unsigned char> values;
  for (int li = 0; li < k; ++li) {
    const double centre = P + 0.55 * P + li * spacing;
    const int y0 = std::max(0, int(centre - 0.65 * P)), y1 = std::min(vis.rows, int(centre + 0.65 * P));
    if (y1 - y0 < 4) continue;
    // Ink in visible light (Otsu over the line); paper in infrared: a high percentile of
    // the line, which ink covers a quarter of at most.
    cv::Mat vstrip = vis.rowRange(y0, y1), istrip = irf.rowRange(y0, y1), ink;
    cv::threshold(vstrip, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    values.assign(istrip.begin<unsigned char>(), istrip.end<unsigned char>());
    const double paper = percentile(values, 0.85);
    if (!(paper >= 30)) {
      m.not_done = Diagnose::quality_gate_failed;  // too dark to be an infrared exposure
      return m;
    }
    for (int c = 0; c < n; ++c) {
      const cv::Rect cell(int(P + c * P), 0, int(P), y1 - y0);
      const cv::Mat inkc = ink(cell), irc = istrip(cell);
      const double share = cv::countNonZero(inkc) / double(cell.area());
      if (share < 0.04) continue;  // nothing printed visibly here
      // The IR value of the cell's stroke cores: its darkest pixels, a fifth of what visible
      // light calls ink and 2 % of the cell at most (blurred strokes keep their full
      // darkness along the centre only; visible ink spread by blur or copying must not make
      // the core lighter; a pixel or two of misregistration does not matter).
      values.assign(irc.begin<unsigned char>(), irc.end<unsigned char>());
      const double dark = percentile(values, std::min(share, 0.10) / 5);
      pcs.push_back(std::max(0.0, 1.0 - dark / paper));
    }
  }
  if (pcs.size() < static_cast<std::size_t>(n)) return m;  // the MRZ was not seen in visible light
  m.characters = static_cast<int>(pcs.size());
  for (double p : pcs) m.weak_characters += p < kGonePcs;
  std::sort(pcs.begin(), pcs.end());
  m.min_pcs = pcs.front();
  m.median_pcs = pcs[pcs.size() / 2];

  // Background structure: fine detail (grey minus its blur) outside the MRZ, at a working
  // scale of about 6 px per pitch, in both images.
  const double f = std::min(1.0, 6.0 / pitch);
  const cv::Size work(std::max(1, int(visible_gray.cols * f)), std::max(1, int(visible_gray.rows * f)));
  cv::Mat vs, is;
  cv::resize(visible_gray, vs, work, 0, 0, cv::INTER_AREA);
  cv::resize(ir, is, work, 0, 0, cv::INTER_AREA);
  const cv::Mat mask = page_mask(vs.size(), f, document_quad, q, true);
  cv::Mat diff;
  cv::absdiff(vs, is, diff);
  // The visible image given again as the infrared one proves nothing: the MRZ is dark in it.
  m.not_done = Diagnose::white_ir_identical;
  if (cv::countNonZero(mask) == 0 || cv::mean(diff, mask)[0] < 2.0) return m;
  auto detail = [&](const cv::Mat& g) {
    cv::Mat g32, blur, d;
    g.convertTo(g32, CV_32F);
    cv::GaussianBlur(g32, blur, cv::Size(0, 0), 2.0);
    cv::absdiff(g32, blur, d);
    return d;
  };
  const double vis_detail = cv::mean(detail(vs), mask)[0], ir_detail = cv::mean(detail(is), mask)[0];
  if (vis_detail > 0.5) m.background_retention = ir_detail / vis_detail;
  m.not_done = Diagnose::none;
  return m;
}

std::vector<CheckRecord> infrared_checks(const InfraredMeasures& m) {
  CheckRecord b900;
  b900.id = "security.ir.b900";
  b900.group = CheckGroup::security;
  b900.critical = true;
  b900.required = false;  // the profile decides
  b900.unit = "print contrast signal (median over characters)";
  b900.threshold = kMinPcs;
  CheckRecord vis;
  vis.id = "security.ir.visibility";
  vis.group = CheckGroup::security;
  vis.critical = false;
  vis.required = false;
  vis.unit = "IR detail / visible detail outside the MRZ";
  if (m.not_done != Diagnose::none) {
    const char* why = m.not_done == Diagnose::required_image_missing  ? "no infrared image given"
                      : m.not_done == Diagnose::images_not_registered ? "the infrared image does not cover the visible one's field of view"
                      : m.not_done == Diagnose::resolution_too_low    ? "the MRZ is too small in the image to measure its infrared contrast"
                      : m.not_done == Diagnose::quality_gate_failed   ? "the infrared image is too dark to be an infrared exposure"
                      : m.not_done == Diagnose::white_ir_identical    ? "the infrared image is the visible image"
                                                                      : "the MRZ could not be measured in the infrared image";
    for (CheckRecord* r : {&b900, &vis}) {
      r->diagnose = m.not_done;
      r->message = why;
      r->threshold = std::numeric_limits<double>::quiet_NaN();
    }
    return {std::move(b900), std::move(vis)};
  }
  b900.measured = m.median_pcs;
  char text[200];
  if (m.median_pcs < kGonePcs || m.weak_characters >= kGoneForError) {
    b900.status = CheckStatus::error;
    b900.diagnose = Diagnose::ir_low_contrast;
    b900.threshold = kGonePcs;
    std::snprintf(text, sizeof text,
                  "the MRZ vanishes in infrared: %d of %d characters under contrast %.1f (median %.2f): ink that is not B900 (carbon)",
                  m.weak_characters, m.characters, kGonePcs, m.median_pcs);
    b900.message = std::string(text);
  } else if (m.weak_characters > 0) {
    b900.status = CheckStatus::warning;
    b900.diagnose = Diagnose::ir_low_contrast;
    b900.threshold = kGonePcs;
    std::snprintf(text, sizeof text, "%d MRZ character(s) vanish in infrared (lowest contrast %.2f): retyped characters, or dirt?",
                  m.weak_characters, m.min_pcs);
    b900.message = std::string(text);
  } else if (m.median_pcs < kMinPcs) {
    b900.status = CheckStatus::warning;
    b900.diagnose = Diagnose::ir_low_contrast;
    std::snprintf(text, sizeof text, "the MRZ is faint in infrared (contrast %.2f, 9303 asks %.1f): weak ink or a soft IR image", m.median_pcs,
                  kMinPcs);
    b900.message = std::string(text);
  } else {
    b900.status = CheckStatus::ok;
    std::snprintf(text, sizeof text, "the MRZ is dark in infrared (contrast %.2f, lowest character %.2f)", m.median_pcs, m.min_pcs);
    b900.message = std::string(text);
  }
  if (std::isnan(m.background_retention)) {
    vis.diagnose = Diagnose::uncertain;
    vis.message = "the page shows no fine structure outside the MRZ to compare";
  } else {
    vis.measured = m.background_retention;
    vis.threshold = kRetentionWarning;
    if (m.background_retention >= kRetentionWarning) {
      vis.status = CheckStatus::warning;
      vis.diagnose = Diagnose::ir_visibility;
      std::snprintf(text, sizeof text, "the background print stays in infrared (%.0f %% of its visible detail): printed in one carbon toner?",
                    100 * m.background_retention);
      vis.message = std::string(text);
    } else {
      vis.status = CheckStatus::ok;
      vis.message = "coloured background print drops out in infrared";
    }
  }
  return {std::move(b900), std::move(vis)};
}

UltravioletMeasures measure_ultraviolet(const cv::Mat& visible, const cv::Mat& ultraviolet, const std::vector<cv::Point2f>& mrz_quad,
                                        const std::vector<cv::Point2f>& document_quad) {
  UltravioletMeasures m;
  if (ultraviolet.empty()) return m;
  const cv::Mat uv = registered_companion(ultraviolet, visible.size(), true);
  m.not_done = Diagnose::images_not_registered;
  if (uv.empty()) return m;
  // Colour is a property of large areas: measured at most 512 px long.
  const double f = std::min(1.0, 512.0 / std::max(uv.cols, uv.rows));
  cv::Mat small, vsmall, g, vg;
  cv::resize(uv, small, cv::Size(), f, f, cv::INTER_AREA);
  cv::resize(grey(visible), vsmall, small.size(), 0, 0, cv::INTER_AREA);
  cv::cvtColor(small, g, cv::COLOR_BGR2GRAY);
  const cv::Mat page = page_mask(g.size(), f, document_quad, mrz_quad, true);
  m.not_done = Diagnose::invalid_input;
  if (cv::countNonZero(page) < 64 * 64) return m;
  // A UV "image" that is the white-light one (no UV lamp, or the wrong file).
  cv::Mat diff;
  cv::absdiff(g, vsmall, diff);
  m.not_done = Diagnose::white_uv_identical;
  if (cv::mean(diff, page)[0] < 6.0) return m;

  std::vector<unsigned char> lum, blue_share;
  std::vector<cv::Point> where;
  for (int y = 0; y < g.rows; ++y) {
    const unsigned char* pm = page.ptr<unsigned char>(y);
    const unsigned char* pg = g.ptr<unsigned char>(y);
    const cv::Vec3b* pc = small.ptr<cv::Vec3b>(y);
    for (int x = 0; x < g.cols; ++x) {
      if (!pm[x]) continue;
      lum.push_back(pg[x]);
      const int sum = pc[x][0] + pc[x][1] + pc[x][2];
      blue_share.push_back(static_cast<unsigned char>(sum > 0 ? 255 * pc[x][0] / sum : 85));
    }
  }
  std::vector<unsigned char> all = lum;
  m.blank_luminance = percentile(lum, 0.5);
  m.blank_blue = percentile(blue_share, 0.5) / 255.0;
  int glowing = 0;
  for (unsigned char v : all) glowing += v > m.blank_luminance + 50;
  m.feature_share = double(glowing) / double(all.size());
  if (mrz_quad.size() == 4) {
    cv::Mat band(g.size(), CV_8U, cv::Scalar(0));
    std::vector<cv::Point> p;
    for (const auto& v : mrz_quad) p.emplace_back(int(v.x * f), int(v.y * f));
    cv::fillConvexPoly(band, p, 255);
    std::vector<unsigned char> b;
    for (int y = 0; y < g.rows; ++y)
      for (int x = 0; x < g.cols; ++x)
        if (band.at<unsigned char>(y, x)) b.push_back(g.at<unsigned char>(y, x));
    m.mrz_luminance = percentile(b, 0.75);  // the paper between the characters
  }
  m.not_done = Diagnose::none;
  return m;
}

std::vector<CheckRecord> ultraviolet_checks(const UltravioletMeasures& m) {
  CheckRecord dull;
  dull.id = "security.uv.dull";
  dull.group = CheckGroup::security;
  dull.critical = true;
  dull.required = false;
  dull.unit = "median UV luminance of the paper (0-255)";
  CheckRecord features;
  features.id = "security.uv.features";
  features.group = CheckGroup::security;
  features.critical = false;
  features.required = false;
  features.unit = "share of the page fluorescing";
  if (m.not_done != Diagnose::none) {
    const char* why = m.not_done == Diagnose::required_image_missing  ? "no ultraviolet image given"
                      : m.not_done == Diagnose::images_not_registered ? "the ultraviolet image does not cover the visible one's field of view"
                      : m.not_done == Diagnose::white_uv_identical    ? "the ultraviolet image is the white-light image"
                                                                      : "too little of the page in the ultraviolet image";
    for (CheckRecord* r : {&dull, &features}) {
      r->diagnose = m.not_done;
      r->message = why;
    }
    return {std::move(dull), std::move(features)};
  }
  char text[200];
  const double worst = std::max(m.blank_luminance, std::isnan(m.mrz_luminance) ? 0.0 : m.mrz_luminance);
  const bool blank_worst = m.blank_luminance >= worst;
  dull.measured = worst;
  dull.threshold = worst >= kUvPale ? kUvBright : kUvPale;
  if (worst >= kUvBright && m.blank_blue >= kUvBlue) {
    dull.status = CheckStatus::error;
    dull.diagnose = blank_worst ? Diagnose::uv_dull_fail_blank : Diagnose::uv_dull_fail_mrz;
    std::snprintf(text, sizeof text, "the %s glows blue-white under UV (luminance %.0f, blue share %.2f): optically brightened paper, not UV-dull",
                  blank_worst ? "paper" : "MRZ band", worst, m.blank_blue);
    dull.message = std::string(text);
  } else if (worst >= kUvPale) {
    dull.status = CheckStatus::warning;
    dull.diagnose = blank_worst ? Diagnose::uv_dull_fail_blank : Diagnose::uv_dull_fail_mrz;
    std::snprintf(text, sizeof text, "the %s is bright under UV (luminance %.0f)", blank_worst ? "paper" : "MRZ band", worst);
    dull.message = std::string(text);
  } else {
    dull.status = CheckStatus::ok;
    std::snprintf(text, sizeof text, "the paper is UV-dull (luminance %.0f)", worst);
    dull.message = std::string(text);
  }
  // Without the type's template, fluorescent fibres and inks can only be looked for.
  features.measured = m.feature_share;
  features.threshold = 0.0005;
  if (m.feature_share >= features.threshold) {
    features.status = CheckStatus::ok;
    std::snprintf(text, sizeof text, "fluorescent features over %.1f %% of the page (no template to compare with)", 100 * m.feature_share);
    features.message = std::string(text);
  } else {
    features.status = CheckStatus::warning;
    features.diagnose = Diagnose::uv_feature_absent;
    features.message = "no fluorescent feature found (no template for this type)";
  }
  return {std::move(dull), std::move(features)};
}

}  // namespace docverify::checks
