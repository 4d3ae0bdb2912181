#include "checks/image_checks.hpp"

#include "checks/mrz_print.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <opencv2/imgproc.hpp>

namespace docverify::checks {

namespace {

CheckRecord gate(std::string_view id, double measured, double threshold, bool below_fails, std::string_view unit, const char* fails) {
  CheckRecord r;
  r.id = id;
  r.group = CheckGroup::image_quality;
  r.critical = false;
  r.required = false;
  r.measured = measured;
  r.threshold = threshold;
  r.unit = unit;
  // A failed gate is not a finding against the document: NOT_DONE, saying what it stops.
  const bool ok = below_fails ? measured >= threshold : measured <= threshold;
  r.status = ok ? CheckStatus::ok : CheckStatus::not_done;
  if (ok) {
    r.message = "good enough";
  } else {
    r.diagnose = id == "image_quality.resolution" ? Diagnose::resolution_too_low : Diagnose::quality_gate_failed;
    r.message = fails;
  }
  return r;
}

}  // namespace

std::vector<CheckRecord> quality_checks(double dpi_estimate, double sharpness, double glare, QualityGates& gates) {
  // The print measures' resolution (checks/mrz_print.hpp); sharpness and glare as the image
  // reader measures them (docs/image-reader.md), starting values to calibrate on genuine
  // captures.
  std::vector<CheckRecord> out;
  out.push_back(gate("image_quality.resolution", dpi_estimate, kMinPrintPitchPx * 10, true, "dpi",
                     "MRZ under 250 dpi: its print geometry is not measured"));
  out.push_back(gate("image_quality.sharpness", sharpness, 0.35, true, "",
                     "MRZ blurred: its print geometry is not measured"));
  out.push_back(gate("image_quality.glare", glare, 0.06, false, "share of MRZ pixels",
                     "glare over the MRZ: checks on its print may be unreliable"));
  gates.sharp = out[1].status == CheckStatus::ok;
  gates.glare_free = out[2].status == CheckStatus::ok;
  return out;
}

double page_saturation(const cv::Mat& bgr, const std::vector<cv::Point2f>& quad) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (bgr.empty() || bgr.type() != CV_8UC3 || quad.size() != 4) return nan;
  std::vector<cv::Point> poly;
  for (const auto& p : quad) poly.emplace_back(cvRound(p.x), cvRound(p.y));
  const cv::Rect box = cv::boundingRect(poly) & cv::Rect(0, 0, bgr.cols, bgr.rows);
  if (box.area() < 64 * 64) return nan;
  // Measured on a copy at most 512 px long: colour is a property of large areas.
  const double f = std::min(1.0, 512.0 / std::max(box.width, box.height));
  cv::Mat small, hsv, mask = cv::Mat::zeros(cv::Size(std::max(1, int(box.width * f)), std::max(1, int(box.height * f))), CV_8U);
  cv::resize(bgr(box), small, mask.size(), 0, 0, cv::INTER_AREA);
  for (auto& p : poly) p = cv::Point(int((p.x - box.x) * f), int((p.y - box.y) * f));
  cv::fillConvexPoly(mask, poly, 255);
  cv::cvtColor(small, hsv, cv::COLOR_BGR2HSV);
  double sum = 0;
  int count = 0, inside = 0;
  for (int y = 0; y < hsv.rows; ++y) {
    const cv::Vec3b* p = hsv.ptr<cv::Vec3b>(y);
    const unsigned char* m = mask.ptr<unsigned char>(y);
    for (int x = 0; x < hsv.cols; ++x) {
      if (!m[x]) continue;
      ++inside;
      if (p[x][2] < 60 || (p[x][2] > 245 && p[x][1] < 10)) continue;  // ink, or bare white paper and glare
      sum += p[x][1];
      ++count;
    }
  }
  if (inside == 0 || count < inside / 10) return nan;
  return sum / count;
}

CheckRecord grey_copy_check(double saturation) {
  CheckRecord r;
  r.id = "liveness.grey_copy";
  r.group = CheckGroup::liveness;
  r.critical = false;
  r.required = false;
  r.unit = "mean HSV saturation (0-255)";
  // A starting threshold: printed colour backgrounds measure 20 and more here, grey copies
  // under 3 (docs/checks.md); to calibrate on real captures.
  constexpr double kGrey = 6.0, kPale = 10.0;
  if (std::isnan(saturation)) {
    r.diagnose = Diagnose::required_image_missing;
    r.message = "no colour image of the page";
    return r;
  }
  r.measured = saturation;
  r.threshold = saturation < kGrey ? kGrey : kPale;
  if (saturation >= kPale) {
    r.status = CheckStatus::ok;
    r.message = "the page has colour";
  } else {
    r.status = saturation < kGrey ? CheckStatus::error : CheckStatus::warning;
    r.diagnose = Diagnose::grey_copy_detected;
    char text[96];
    std::snprintf(text, sizeof text, "the page has almost no colour (saturation %.1f): a black-and-white copy?", saturation);
    r.message = std::string(text);
  }
  return r;
}

}  // namespace docverify::checks
