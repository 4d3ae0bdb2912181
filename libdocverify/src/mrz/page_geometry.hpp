#pragma once
// Where ICAO 9303 puts the MRZ on each format's page, in millimetres (authenticity spec
// §4.2): the generator draws pages by it and the image reader projects the page from the
// MRZ it found.
#include <vector>

#include "mrz/format.hpp"

namespace docverify::mrz {

struct PageGeometry {
  double width_mm, height_mm;
  double first_char_mm;                 // left edge of the first MRZ character cell
  std::vector<double> line_centres_mm;  // above the bottom edge, top line first
};

PageGeometry page_geometry(Format format);

}  // namespace docverify::mrz
