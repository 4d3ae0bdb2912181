#pragma once
// Text rendering with FreeType into OpenCV images: proportional text for the visual zone
// and fixed-pitch OCR-B for the MRZ, placed in millimetres by the caller.
#include <memory>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

namespace docverify::synth {

// Where the generator finds its fonts: DOCVERIFY_FONT_DIR if set, else Debian's paths.
struct FontPaths {
  std::string ocr_b;   // fonts-ocr-b: OCRB.otf
  std::string sans;    // DejaVuSans.ttf
  std::string serif;   // DejaVuSerif.ttf
  std::string sans_bold;
  std::string mono;    // DejaVuSansMono.ttf: what a forger might type an MRZ in
  // Print variants, so a reader does not learn one look (fonts-ocr-b, fonts-dejavu-extra).
  std::string ocr_b_sharp;          // OCRBS.otf: the same OCR-B design with sharp corners
  std::string serif_bold;           // DejaVuSerif-Bold.ttf
  std::string sans_condensed;       // DejaVuSansCondensed.ttf
  std::string sans_condensed_bold;  // DejaVuSansCondensed-Bold.ttf
  std::string serif_condensed;      // DejaVuSerifCondensed.ttf
  static FontPaths defaults();
};

// How heavily a glyph is inked: the outline grown (or thinned, when negative) by
// `embolden_px` on each side, and the coverage raised to `coverage_gamma` (< 1 spreads ink
// into the anti-aliased edge, > 1 keeps it to the stroke core).
struct InkWeight {
  double embolden_px = 0.0;
  double coverage_gamma = 1.0;
};

class Font {
 public:
  // Throws std::runtime_error naming the file when it cannot be loaded.
  explicit Font(const std::string& path);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  // Draws UTF-8 `text` with its baseline at `baseline` (pixels), glyphs scaled so capital
  // letters are `cap_height_px` tall. `pitch_px` > 0 places glyph n's cell at
  // origin.x + n * pitch_px (centred in the cell), as the MRZ requires. Blends `color`
  // (BGR) by glyph coverage. Returns the box of the inked pixels (coverage >= 1/8).
  cv::Rect draw(cv::Mat& image, std::string_view text, cv::Point2d baseline, double cap_height_px,
                const cv::Scalar& color, double pitch_px = 0.0, const InkWeight& weight = {});

  // Advance width of `text` in pixels at this cap height (proportional layout).
  double measure(std::string_view text, double cap_height_px);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docverify::synth
