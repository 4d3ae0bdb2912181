#pragma once
// The verification as a picture and as a page a trainer can project: the document with
// each finding's boxes and heat maps drawn on it (annotated PNG), and a self-contained
// HTML report (the annotated page, the heat maps, the infrared and ultraviolet frames, and
// every check with its measurement, threshold and message; what could not be checked is
// listed on its own). Both are built from the check records and their regions, so they
// say what the JSON report says.
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "reader/mrz_image_reader.hpp"
#include "report/mrz_report.hpp"

namespace docverify::report {

// A check's map over the page: one value per cell, `limit` the value at which the check
// would flag (the overlay's scale).
struct HeatMap {
  std::string_view check_id;
  std::string_view what;  // what a cell's value is
  cv::Mat values;         // CV_32F
  double cell_px = 0;     // frame pixels per cell
  cv::Point2d origin;     // frame position of cell (0, 0)'s top-left corner
  double limit = 1;
};

// What the reports show besides the records. `page` is the verified frame reduced to at
// most kEvidenceMaxSide pixels (`scale` = page px per frame px); empty when not kept.
struct PageEvidence {
  cv::Mat page, infrared, ultraviolet;  // BGR
  double scale = 1;
  std::vector<HeatMap> heat_maps;
};
inline constexpr int kEvidenceMaxSide = 2000;

// `image` reduced (never enlarged) to fit kEvidenceMaxSide, as BGR; sets `scale` when given.
cv::Mat evidence_copy(const cv::Mat& image, double* scale = nullptr);

// The page with the document and MRZ outlines, the heat maps of checks that flagged, and
// a numbered box per region of each check in WARNING (orange) or ERROR (red) that the
// verdict policy does not ignore, thin magenta boxes for the areas explainers name (error
// levels, inpainting traces); a banner with the verdict. Numbers follow the checks' order among those flagged, as in the HTML.
// Empty when the evidence has no page.
cv::Mat annotated_page(const PageEvidence& evidence, const reader::ImageReadResult& result);
std::vector<unsigned char> annotated_png(const PageEvidence& evidence, const reader::ImageReadResult& result);

// One HTML file, no external resources (images inlined as data URIs), every text escaped.
std::string html_report(const PageEvidence& evidence, const reader::ImageReadResult& result, const ReportContext& context,
                        const std::string& source);

}  // namespace docverify::report
