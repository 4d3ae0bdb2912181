#pragma once
// A document data page drawn at a chosen resolution, laid out as ICAO 9303 prescribes:
// page size per format, the MRZ in OCR-B at the standard pitch and line positions, a visual
// zone with captions and values, a procedural portrait, a signature and security background.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "mrz/page_geometry.hpp"
#include "synth/fonts.hpp"
#include "synth/identity.hpp"
#include "synth/page_style.hpp"
#include "synth/random.hpp"

namespace docverify::synth {

struct CharBox {
  int line, column;
  char ch;
  cv::Rect box;  // inked pixels
};

// Which light the page is seen in. Kiosk readers add infrared (B900: carbon inks, the MRZ
// and the personal data stay, coloured background printing vanishes) and ultraviolet (dull
// paper, fluorescent fibres and the issuer's UV pattern).
enum class Spectrum { visible, infrared, ultraviolet };

// What a forger changed before printing (synth/forgery.cpp decides; the renderer obeys).
struct PageTweaks {
  std::vector<std::string> mrz_lines;   // print these instead of building the MRZ from the fields
  bool mrz_in_wrong_font = false;       // a monospaced font instead of OCR-B
  double mrz_pitch_mm = 2.54;           // 2.54 mm is the standard
  int rewritten_viz_row = -1;           // this VIZ value erased and reprinted in a near font
  std::string rewritten_viz_value;
  bool mrz_ir_transparent = false;      // the MRZ ink does not absorb in B900
  bool uv_bright_paper = false;         // the paper fluoresces under UV
  bool omit_mrz = false;                // no MRZ at all (negatives for MRZ locators)
};

struct RenderedPage {
  cv::Mat image;                        // BGR, 8 bit
  double dpi = 300;
  std::vector<std::string> mrz_lines;
  cv::Rect mrz_box;                     // inked MRZ pixels
  std::vector<CharBox> chars;           // every MRZ character (fillers too)
  cv::Rect portrait_box;
  std::vector<cv::Rect> viz_value_boxes; // surname, given names, nationality, birth, sex, number, expiry
  cv::Rect emblem_box;
  cv::Rect signature_box;
  cv::Rect barcode_box;                 // the area reserved for a 2D barcode; empty when there is none
  cv::Rect microtext_box;               // inked microtext line; empty when there is none
  std::string microtext;                // its text
};

class PageRenderer {
 public:
  explicit PageRenderer(const FontPaths& fonts = FontPaths::defaults());
  // Draws the page in `style`; deterministic in (identity, style, dpi, rng state).
  // The same identity, tweaks and `rng` state give the same layout in every spectrum, so a
  // visible page and its IR/UV companions line up pixel for pixel. `uv_rng` draws the UV-only
  // features (fibres).
  RenderedPage render(const Identity& id, const PageStyle& style, double dpi, Random& rng,
                      const PageTweaks& tweaks = {}, Spectrum spectrum = Spectrum::visible, Random* uv_rng = nullptr);

 private:
  Font& font(TextFont f);

  Font ocr_b_, ocr_b_sharp_, sans_, sans_bold_, serif_, serif_bold_, sans_condensed_, sans_condensed_bold_,
      serif_condensed_, mono_;
};

}  // namespace docverify::synth
