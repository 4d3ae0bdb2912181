#include "synth/fonts.hpp"

#include "errors/input_error.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace docverify::synth {

FontPaths FontPaths::defaults() {
  const char* dir = std::getenv("DOCVERIFY_FONT_DIR");
  if (dir && *dir) {
    const std::string d(dir);
    return FontPaths{d + "/OCRB.otf",
                     d + "/DejaVuSans.ttf",
                     d + "/DejaVuSerif.ttf",
                     d + "/DejaVuSans-Bold.ttf",
                     d + "/DejaVuSansMono.ttf",
                     d + "/OCRBS.otf",
                     d + "/DejaVuSerif-Bold.ttf",
                     d + "/DejaVuSansCondensed.ttf",
                     d + "/DejaVuSansCondensed-Bold.ttf",
                     d + "/DejaVuSerifCondensed.ttf"};
  }
  const std::string ocr = "/usr/share/fonts/opentype/ocr-b/", dejavu = "/usr/share/fonts/truetype/dejavu/";
  return FontPaths{ocr + "OCRB.otf",
                   dejavu + "DejaVuSans.ttf",
                   dejavu + "DejaVuSerif.ttf",
                   dejavu + "DejaVuSans-Bold.ttf",
                   dejavu + "DejaVuSansMono.ttf",
                   ocr + "OCRBS.otf",
                   dejavu + "DejaVuSerif-Bold.ttf",
                   dejavu + "DejaVuSansCondensed.ttf",
                   dejavu + "DejaVuSansCondensed-Bold.ttf",
                   dejavu + "DejaVuSerifCondensed.ttf"};
}

namespace {

// Decodes UTF-8 (invalid bytes become U+FFFD): names come from our own tables.
std::vector<char32_t> decode(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

}  // namespace

struct Font::Impl {
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  double cap_ratio = 0.7;  // cap height / em, measured from 'H'

  ~Impl() {
    if (face) FT_Done_Face(face);
    if (library) FT_Done_FreeType(library);
  }

  void set_size(double cap_height_px) {
    const double em = cap_height_px / cap_ratio;
    FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(em * 64.0)), 72, 72);
  }
};

Font::Font(const std::string& path) : impl_(std::make_unique<Impl>()) {
  if (FT_Init_FreeType(&impl_->library) != 0) throw std::runtime_error("FreeType could not start");
  if (FT_New_Face(impl_->library, path.c_str(), 0, &impl_->face) != 0)
    throw ResourceError("cannot load font " + path + " (install fonts-ocr-b, fonts-dejavu-core and fonts-dejavu-extra, or set DOCVERIFY_FONT_DIR)");
  // Measure the cap height of 'H' at a large size once.
  FT_Set_Char_Size(impl_->face, 0, 1000 * 64, 72, 72);
  if (FT_Load_Char(impl_->face, 'H', FT_LOAD_DEFAULT) == 0 && impl_->face->glyph->metrics.height > 0)
    impl_->cap_ratio = static_cast<double>(impl_->face->glyph->metrics.height) / 64.0 / 1000.0;
}

Font::~Font() = default;

double Font::measure(std::string_view text, double cap_height_px) {
  impl_->set_size(cap_height_px);
  double width = 0;
  for (char32_t cp : decode(text)) {
    if (FT_Load_Char(impl_->face, cp, FT_LOAD_DEFAULT) != 0) continue;
    width += static_cast<double>(impl_->face->glyph->advance.x) / 64.0;
  }
  return width;
}

cv::Rect Font::draw(cv::Mat& image, std::string_view text, cv::Point2d baseline, double cap_height_px,
                    const cv::Scalar& color, double pitch_px, const InkWeight& weight) {
  impl_->set_size(cap_height_px);
  FT_Face face = impl_->face;
  const bool reshaped = weight.embolden_px != 0.0;
  // Coverage to opacity; a table, as the same 256 values recur over every glyph.
  double opacity[256];
  for (int a = 0; a < 256; ++a)
    opacity[a] = weight.coverage_gamma == 1.0 ? a / 255.0 : std::pow(a / 255.0, weight.coverage_gamma);
  double pen = baseline.x;
  int min_x = image.cols, min_y = image.rows, max_x = -1, max_y = -1;
  std::size_t index = 0;
  for (char32_t cp : decode(text)) {
    const std::size_t n = index++;
    if (FT_Load_Char(face, cp, reshaped ? FT_LOAD_NO_BITMAP : FT_LOAD_RENDER) != 0) continue;
    const FT_GlyphSlot g = face->glyph;
    if (reshaped) {
      // FreeType grows the outline by half the strength on each side (negative thins it).
      if (g->format == FT_GLYPH_FORMAT_OUTLINE)
        FT_Outline_Embolden(&g->outline, static_cast<FT_Pos>(std::lround(2.0 * weight.embolden_px * 64.0)));
      if (FT_Render_Glyph(g, FT_RENDER_MODE_NORMAL) != 0) continue;
    }
    const FT_Bitmap& bm = g->bitmap;
    double left;
    if (pitch_px > 0) {
      // Fixed pitch: centre the glyph's advance in its cell.
      const double advance = static_cast<double>(g->advance.x) / 64.0;
      left = baseline.x + static_cast<double>(n) * pitch_px + (pitch_px - advance) / 2.0 + g->bitmap_left;
    } else {
      left = pen + g->bitmap_left;
      pen += static_cast<double>(g->advance.x) / 64.0;
    }
    const int x0 = static_cast<int>(std::lround(left));
    const int y0 = static_cast<int>(std::lround(baseline.y)) - g->bitmap_top;
    for (unsigned r = 0; r < bm.rows; ++r) {
      const int y = y0 + static_cast<int>(r);
      if (y < 0 || y >= image.rows) continue;
      auto* row = image.ptr<cv::Vec3b>(y);
      for (unsigned c = 0; c < bm.width; ++c) {
        const int x = x0 + static_cast<int>(c);
        if (x < 0 || x >= image.cols) continue;
        const unsigned char a = bm.buffer[static_cast<std::ptrdiff_t>(r) * bm.pitch + c];
        if (a == 0) continue;
        const double alpha = opacity[a];
        cv::Vec3b& px = row[x];
        for (int k = 0; k < 3; ++k)
          px[k] = static_cast<unsigned char>(std::lround(px[k] * (1.0 - alpha) + color[k] * alpha));
        // The box holds visibly inked pixels (an eighth of full ink or more), as a reader's
        // binarisation sees them, not the faintest anti-aliased fringe.
        if (alpha < 0.125) continue;
        min_x = std::min(min_x, x), max_x = std::max(max_x, x);
        min_y = std::min(min_y, y), max_y = std::max(max_y, y);
      }
    }
  }
  if (max_x < 0) return {};
  return cv::Rect(min_x, min_y, max_x - min_x + 1, max_y - min_y + 1);
}

}  // namespace docverify::synth
