#pragma once
// A document data page drawn at a chosen resolution, laid out as ICAO 9303 prescribes:
// page size per format, the MRZ in OCR-B at the standard pitch and line positions, a visual
// zone with captions and values, a procedural portrait, a signature and security background.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "synth/fonts.hpp"
#include "synth/identity.hpp"
#include "synth/random.hpp"

namespace docverify::synth {

// Millimetre geometry of each format (authenticity spec §4.2).
struct PageGeometry {
  double width_mm, height_mm;
  double first_char_mm;                 // left edge of the first MRZ character cell
  std::vector<double> line_centres_mm;  // above the bottom edge, top line first
};
PageGeometry geometry_of(mrz::Format format);

struct CharBox {
  int line, column;
  char ch;
  cv::Rect box;  // inked pixels
};

struct RenderedPage {
  cv::Mat image;                        // BGR, 8 bit
  double dpi = 300;
  std::vector<std::string> mrz_lines;
  cv::Rect mrz_box;                     // inked MRZ pixels
  std::vector<CharBox> chars;           // one per non-filler... every MRZ character
  cv::Rect portrait_box;
};

class PageRenderer {
 public:
  explicit PageRenderer(const FontPaths& fonts = FontPaths::defaults());
  // Draws the page; deterministic in (identity, dpi, rng state).
  RenderedPage render(const Identity& id, double dpi, Random& rng);

 private:
  Font ocr_b_, sans_, sans_bold_;
};

}  // namespace docverify::synth
