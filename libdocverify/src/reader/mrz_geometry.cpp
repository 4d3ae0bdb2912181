#include "reader/mrz_geometry.hpp"

#include "image/mrz_rectifier.hpp"
#include "mrz/page_geometry.hpp"
#include "ocr/cell.hpp"

namespace docverify::reader {

std::vector<cv::Point2d> page_corners_on_canonical_grid(mrz::Format format, double first_line_centre_y) {
  const mrz::PageGeometry g = mrz::page_geometry(format);
  const double px_per_mm = ocr::kPitchPx / 2.54;
  // x: the first character cell starts first_char_mm from the left edge.
  const double left = image::canonical_margin_px() - g.first_char_mm * px_per_mm;
  const double right = left + g.width_mm * px_per_mm;
  // y: the first line's centre is line_centres_mm[0] above the bottom edge.
  const double bottom = first_line_centre_y + g.line_centres_mm.front() * px_per_mm;
  const double top = bottom - g.height_mm * px_per_mm;
  return {{left, top}, {right, top}, {right, bottom}, {left, bottom}};
}

}  // namespace docverify::reader
