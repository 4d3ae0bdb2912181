#pragma once
// Checks on the image as a whole (spec: authenticity §5): quality gates that turn the
// checks depending on them into NOT_DONE, and the grey photocopy test.
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"

namespace docverify::checks {

struct QualityGates {
  bool sharp = false;          // ink edges crisp enough for print measures
  bool glare_free = false;     // little of the MRZ washed out
};

// image_quality.resolution / .sharpness / .glare from the reader's measures of the MRZ.
// Gates, never forgery findings: a failed gate is NOT_DONE and says what it stops.
std::vector<CheckRecord> quality_checks(double dpi_estimate, double sharpness, double glare, QualityGates& gates);

// Colour of the page (mean HSV saturation, 0-255, over pixels neither ink-dark nor
// white) inside `document_quad` (frame pixels, clipped to the image); NaN when the image
// has no colour channels or too little of the page is inside it.
double page_saturation(const cv::Mat& bgr, const std::vector<cv::Point2f>& document_quad);

// liveness.grey_copy: a page without colour is a black-and-white copy (ICAO documents
// carry coloured background print). NOT_DONE for grey images.
CheckRecord grey_copy_check(double saturation);

}  // namespace docverify::checks
