#pragma once
// Where the page lies relative to its MRZ, on the rectifier's canonical grid: the data
// page's corners follow from ICAO 9303's placement of the MRZ (first character offset,
// line positions above the bottom edge), so a located MRZ also locates its document.
#include <vector>

#include <opencv2/core.hpp>

#include "mrz/format.hpp"

namespace docverify::reader {

// TL, TR, BR, BL of the page in canonical pixels, given the first MRZ line's centre.
std::vector<cv::Point2d> page_corners_on_canonical_grid(mrz::Format format, double first_line_centre_y);

}  // namespace docverify::reader
