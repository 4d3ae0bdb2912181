#pragma once
// The look of one data page, drawn per document so a reader trained or evaluated on the
// corpus meets many looks, not one: layout variant, caption languages and fonts, value
// sizes, paper and background printing, optional microtext and barcode area, and how the
// MRZ was printed (font cut, height, ink weight and colour, jitter), all within ICAO 9303 /
// ISO 1831 tolerances.
#include <array>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "mrz/format.hpp"
#include "synth/issuer_design.hpp"
#include "synth/random.hpp"

namespace docverify::synth {

// An optional page element: `automatic` lets the format and the random draw decide
// (docs/specimen.md gives the rates), `on` and `off` force it.
enum class FeatureChoice { automatic, on, off };
std::string_view feature_choice_name(FeatureChoice c) noexcept;
bool parse_feature_choice(std::string_view name, FeatureChoice& out) noexcept;

enum class TextFont { sans, sans_bold, serif, serif_bold, sans_condensed, sans_condensed_bold, serif_condensed };
std::string_view text_font_name(TextFont f) noexcept;  // "DejaVu Sans Condensed Bold"

enum class VizDateStyle { iso, dotted, slashed };  // 1992-05-10, 10.05.1992, 10/05/1992
std::string_view viz_date_style_name(VizDateStyle s) noexcept;
std::string format_viz_date(std::string_view iso, VizDateStyle s);

// MRZ print variations: what different printers and inks do to OCR-B size 1.
struct MrzPrint {
  bool sharp_cut = false;        // OCR-B "sharp" (OCRBS.otf) instead of the regular cut
  double cap_height_mm = 2.46;   // nominal 2.46 mm; drawn within 2.30-2.46 mm
  double embolden_mm = 0.0;      // stroke grown (+) or thinned (-) on each side
  double coverage_gamma = 1.0;   // how the edge of the stroke takes ink
  cv::Scalar ink{30, 30, 30};    // near-black, BGR (visible light only; IR sees carbon black)
  double offset_x_mm = 0.0;      // the whole MRZ shifted along the line
  std::array<double, 3> line_offset_mm{};  // each line's centre moved up (+) or down (-)
  double jitter_x_sd_mm = 0.0;   // per-character position noise, clamped (see page.cpp)
  double jitter_y_sd_mm = 0.0;
};

struct PageStyle {
  IssuerDesign issuer;
  bool portrait_right = false;    // portrait at the right, the VIZ at its left
  double portrait_scale = 1.0;
  bool emblem_right = false;      // emblem at the header's right end instead of before the title
  TextFont title_font = TextFont::sans_bold;
  TextFont caption_font = TextFont::sans;
  TextFont value_font = TextFont::sans_bold;
  std::string caption_languages = "en/fr";  // "en", "en/fr", "<local>/en", "en/<local>"
  bool numbered_captions = false; // "1. Surname", as many ID cards print
  double caption_scale = 1.0, value_scale = 1.0;
  VizDateStyle date_style = VizDateStyle::iso;
  cv::Scalar paper{240, 245, 248}, paper_far{240, 245, 248};  // vertical gradient, top to bottom
  cv::Scalar caption_ink{90, 70, 60};
  // Background printing: which patterns, in which ink, how dense (1 = the first version's).
  bool rosette = true, waves = true, rings = false, crosshatch = false;
  cv::Scalar pattern_ink{200, 190, 210};
  double pattern_density = 1.0;
  bool microtext = false;
  bool microtext_at_top = true;   // under the header; else just above the MRZ clear zone
  double microtext_cap_mm = 0.4;
  bool barcode_area = false;
  bool barcode_at_top = true;     // at the top of its column; else at the bottom
  MrzPrint mrz;
};

// Draws a style for a page of `format` by an issuer with `issuer`'s design, whose language
// (ISO 639-1) some captions use.
PageStyle random_page_style(mrz::Format format, std::string_view issuer_language, const IssuerDesign& issuer,
                            FeatureChoice microtext, FeatureChoice barcode_area, Random& rng);

// The seven captions in `languages` ("en/fr" gives "Surname / Nom").
std::array<std::string, 7> captions_for(std::string_view languages, bool numbered);

}  // namespace docverify::synth
