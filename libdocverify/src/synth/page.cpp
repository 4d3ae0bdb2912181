#include "synth/page.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "mrz/builder.hpp"
#include "synth/issuer_design.hpp"

namespace docverify::synth {

PageRenderer::PageRenderer(const FontPaths& fonts)
    : ocr_b_(fonts.ocr_b),
      ocr_b_sharp_(fonts.ocr_b_sharp),
      sans_(fonts.sans),
      sans_bold_(fonts.sans_bold),
      serif_(fonts.serif),
      serif_bold_(fonts.serif_bold),
      sans_condensed_(fonts.sans_condensed),
      sans_condensed_bold_(fonts.sans_condensed_bold),
      serif_condensed_(fonts.serif_condensed),
      mono_(fonts.mono) {}

Font& PageRenderer::font(TextFont f) {
  switch (f) {
    case TextFont::sans: return sans_;
    case TextFont::sans_bold: return sans_bold_;
    case TextFont::serif: return serif_;
    case TextFont::serif_bold: return serif_bold_;
    case TextFont::sans_condensed: return sans_condensed_;
    case TextFont::sans_condensed_bold: return sans_condensed_bold_;
    case TextFont::serif_condensed: return serif_condensed_;
  }
  return sans_;
}

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMmPerInch = 25.4;
constexpr double kPitchMm = 2.54;     // 10 characters per inch
constexpr double kCapHeightMm = 2.46; // OCR-B size 1

// Guilloche: families of phase-shifted hypotrochoid-like curves, as security printing has.
// `density` scales how many curves and how close the lines are (1 = the first version's).
void draw_rosette(cv::Mat& img, Random& rng, const cv::Scalar& ink, double px_per_mm, double density) {
  const cv::Point2d centre(img.cols * rng.uniform(0.45, 0.75), img.rows * rng.uniform(0.3, 0.5));
  const double R = std::min(img.cols, img.rows) * rng.uniform(0.35, 0.55);
  const int petals = rng.integer(7, 19);
  const double depth = rng.uniform(0.15, 0.35);
  const int curves = std::max(8, static_cast<int>(std::lround(rng.integer(24, 40) * density)));
  const int thickness = std::max(1, static_cast<int>(std::lround(0.08 * px_per_mm)));
  for (int k = 0; k < curves; ++k) {
    const double phase = 2 * kPi * k / curves;
    const double scale = 1.0 - 0.35 * k / curves;
    std::vector<cv::Point> pts;
    for (int i = 0; i <= 720; ++i) {
      const double t = 2 * kPi * i / 720;
      const double r = R * scale * (1.0 + depth * std::sin(petals * t + phase));
      pts.emplace_back(static_cast<int>(centre.x + r * std::cos(t)), static_cast<int>(centre.y + 0.7 * r * std::sin(t)));
    }
    cv::polylines(img, pts, true, ink, thickness, cv::LINE_AA);
  }
}

// Fine wave lines across the page.
void draw_waves(cv::Mat& img, Random& rng, const cv::Scalar& ink, double px_per_mm, double density) {
  const double spacing = std::max(2.0, 1.2 * px_per_mm / density);
  const double amplitude = rng.uniform(0.3, 0.9) * px_per_mm, wavelength = rng.uniform(2.0, 5.0) * px_per_mm;
  for (double y = 0; y < img.rows; y += spacing) {
    std::vector<cv::Point> pts;
    for (int x = 0; x < img.cols; x += 2)
      pts.emplace_back(x, static_cast<int>(y + amplitude * std::sin(x / wavelength + y * 0.01)));
    cv::polylines(img, pts, false, ink, 1, cv::LINE_AA);
  }
}

// Concentric rings from a point off the page centre (a moire-prone pattern copiers lose).
void draw_rings(cv::Mat& img, Random& rng, const cv::Scalar& ink, double px_per_mm, double density) {
  const cv::Point centre(rng.integer(0, img.cols), rng.integer(0, img.rows));
  const double spacing = std::max(2.0, rng.uniform(1.0, 2.0) * px_per_mm / density);
  const double reach = std::hypot(img.cols, img.rows);
  for (double r = spacing; r < reach; r += spacing) cv::circle(img, centre, static_cast<int>(r), ink, 1, cv::LINE_AA);
}

// Two families of gently curved lines crossing at an angle.
void draw_crosshatch(cv::Mat& img, Random& rng, const cv::Scalar& ink, double px_per_mm, double density) {
  const double spacing = std::max(3.0, rng.uniform(1.5, 3.0) * px_per_mm / density);
  const double slope = rng.uniform(0.4, 1.2);
  const double bend = rng.uniform(0.2, 0.8) * px_per_mm;
  for (int family : {-1, 1}) {
    const double extent = img.rows;  // lines that cross the page at all
    for (double c = -slope * img.cols; c < extent; c += spacing) {
      std::vector<cv::Point> pts;
      for (int x = 0; x <= img.cols + 7; x += 8) {
        const double y = family > 0 ? c + slope * x : c + slope * (img.cols - x);
        pts.emplace_back(x, static_cast<int>(y + bend * std::sin(x / (6.0 * px_per_mm))));
      }
      cv::polylines(img, pts, false, ink, 1, cv::LINE_AA);
    }
  }
}

// A stylised, procedural portrait: no real face is used.
void draw_portrait(cv::Mat& img, const cv::Rect& box, Random& rng) {
  cv::Mat roi = img(box);
  roi.setTo(cv::Scalar(rng.uniform(200, 235), rng.uniform(205, 235), rng.uniform(210, 240)));
  const cv::Scalar skin(rng.uniform(120, 200), rng.uniform(140, 200), rng.uniform(170, 230));
  const cv::Scalar hair(rng.uniform(10, 90), rng.uniform(20, 80), rng.uniform(20, 90));
  const cv::Point c(box.width / 2, static_cast<int>(box.height * 0.42));
  const cv::Size head(static_cast<int>(box.width * rng.uniform(0.26, 0.32)), static_cast<int>(box.height * rng.uniform(0.28, 0.33)));
  cv::ellipse(roi, cv::Point(c.x, box.height), cv::Size(static_cast<int>(box.width * 0.48), static_cast<int>(box.height * 0.28)), 0, 180,
              360, cv::Scalar(rng.uniform(40, 120), rng.uniform(40, 120), rng.uniform(40, 120)), cv::FILLED, cv::LINE_AA);
  cv::ellipse(roi, cv::Point(c.x, c.y - head.height / 3), cv::Size(static_cast<int>(head.width * 1.1), static_cast<int>(head.height * 0.9)), 0,
              180, 360, hair, cv::FILLED, cv::LINE_AA);
  cv::ellipse(roi, c, head, 0, 0, 360, skin, cv::FILLED, cv::LINE_AA);
  const int eye_y = c.y - head.height / 6;
  for (int side : {-1, 1})
    cv::circle(roi, cv::Point(c.x + side * head.width / 2 - side * head.width / 8, eye_y), std::max(1, head.width / 12),
               cv::Scalar(40, 40, 40), cv::FILLED, cv::LINE_AA);
  cv::ellipse(roi, cv::Point(c.x, c.y + head.height / 2), cv::Size(head.width / 3, std::max(1, head.height / 12)), 0, 0, 180,
              cv::Scalar(60, 60, 140), std::max(1, head.width / 30), cv::LINE_AA);
}

void draw_signature(cv::Mat& img, const cv::Rect& area, Random& rng) {
  std::vector<cv::Point> pts;
  const int n = 60;
  double phase = rng.uniform(0, 6.28);
  for (int i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / (n - 1);
    const double y = 0.5 + 0.35 * std::sin(t * rng.uniform(8, 14) + phase) * std::cos(t * 3.0);
    pts.emplace_back(area.x + static_cast<int>(t * area.width), area.y + static_cast<int>(y * area.height));
  }
  cv::polylines(img, pts, false, cv::Scalar(120, 40, 20), std::max(1, area.height / 14), cv::LINE_AA);
}

}  // namespace

namespace {

// UV: fluorescent security fibres scattered over the page, and the issuer's UV rosette.
void draw_uv_features(cv::Mat& img, Random& rng, double px_per_mm) {
  const cv::Scalar colours[] = {cv::Scalar(255, 200, 60), cv::Scalar(60, 230, 255), cv::Scalar(90, 90, 255),
                                cv::Scalar(120, 255, 120)};
  const int fibres = static_cast<int>(img.cols * img.rows / (px_per_mm * px_per_mm) / 40.0);
  for (int i = 0; i < fibres; ++i) {
    cv::Point2d p(rng.uniform(0, img.cols), rng.uniform(0, img.rows));
    double angle = rng.uniform(0, 6.283);
    const double len = rng.uniform(1.5, 5.0) * px_per_mm;
    std::vector<cv::Point> pts;
    for (int k = 0; k < 8; ++k) {
      pts.emplace_back(static_cast<int>(p.x), static_cast<int>(p.y));
      angle += rng.normal(0, 0.3);
      p += cv::Point2d(std::cos(angle), std::sin(angle)) * (len / 8);
    }
    cv::polylines(img, pts, false, colours[rng.integer(0, 3)], std::max(1, static_cast<int>(0.12 * px_per_mm)),
                  cv::LINE_AA);
  }
  const cv::Point centre(static_cast<int>(img.cols * 0.78), static_cast<int>(img.rows * 0.35));
  const double r = std::min(img.cols, img.rows) * 0.18;
  for (int k = 0; k < 24; ++k) {
    const double a = 6.283185307 * k / 24;
    cv::ellipse(img, centre, cv::Size(static_cast<int>(r), static_cast<int>(r * 0.35)), a * 57.2958, 0, 360,
                cv::Scalar(140, 255, 170), std::max(1, static_cast<int>(0.15 * px_per_mm)), cv::LINE_AA);
  }
}

}  // namespace

namespace {

// The page's plan in millimetres (x from the left, y from the top), computed before drawing
// so every element has its own place: nothing overlaps and nothing leaves the page.
struct Layout {
  double margin;
  double title_cap, title_baseline, title_x, title_width;
  cv::Rect2d emblem;
  double microtext_baseline = 0;
  double content_top, content_bottom;
  cv::Rect2d portrait, barcode, signature;
  double viz_left, viz_right, viz_top, viz_bottom;
};

Layout plan_layout(const mrz::PageGeometry& g, const PageStyle& style, double zone_top_mm) {
  Layout l;
  const bool card = g.width_mm < 90;  // TD1
  l.margin = card ? 3.0 : 4.0;
  l.title_cap = card ? 1.9 : g.width_mm > 110 ? 2.6 : 2.2;
  const double emblem_side = l.title_cap * 2.5;
  const double header_top = l.margin * 0.6;
  l.emblem = cv::Rect2d(style.emblem_right ? g.width_mm - l.margin - emblem_side : l.margin, header_top, emblem_side,
                        emblem_side);
  l.title_baseline = header_top + emblem_side / 2 + l.title_cap / 2;
  l.title_x = style.emblem_right ? l.margin : l.margin + emblem_side + 2.0;
  l.title_width = g.width_mm - 2 * l.margin - emblem_side - 2.0;
  double header_bottom = header_top + emblem_side + 0.6;
  // The MRZ clear zone starts `zone_top_mm` above the bottom edge; keep a millimetre off it.
  l.content_bottom = g.height_mm - zone_top_mm - 1.0;
  if (style.microtext && style.microtext_at_top) {
    l.microtext_baseline = header_bottom + style.microtext_cap_mm;
    header_bottom = l.microtext_baseline + 0.4;
  } else if (style.microtext) {
    l.microtext_baseline = l.content_bottom + 0.3 + style.microtext_cap_mm;  // still 0.2 mm above the zone
  }
  l.content_top = header_bottom + (card ? 0.8 : 1.2);
  const double content_h = l.content_bottom - l.content_top;
  const double gap = card ? 2.0 : 3.0;

  // Portrait 3:4 at about a quarter of the width, within the content height.
  double pw = g.width_mm * 0.26 * style.portrait_scale, ph = pw * 1.28;
  if (ph > content_h) ph = content_h, pw = ph / 1.28;
  l.portrait = cv::Rect2d(style.portrait_right ? g.width_mm - l.margin - pw : l.margin, l.content_top, pw, ph);
  l.viz_left = style.portrait_right ? l.margin : l.portrait.br().x + gap;
  l.viz_right = style.portrait_right ? l.portrait.x - gap : g.width_mm - l.margin;
  l.viz_top = l.content_top;
  l.viz_bottom = l.content_bottom;

  // The barcode area: a square column on the side away from the portrait.
  if (style.barcode_area) {
    const double side = std::min(content_h * 0.62, g.width_mm * 0.2);
    const double x = style.portrait_right ? l.margin : g.width_mm - l.margin - side;
    const double y = style.barcode_at_top ? l.content_top : l.content_bottom - side;
    l.barcode = cv::Rect2d(x, y, side, side);
    if (style.portrait_right) l.viz_left = x + side + gap;
    else l.viz_right = x - gap;
  }

  // The signature: under the portrait when there is room, else in the barcode's column,
  // else a strip kept free at the bottom of the VIZ column.
  const double sig_h = card ? 4.5 : 6.5;
  const double under_portrait = l.content_bottom - l.portrait.br().y - 0.8;
  if (under_portrait >= 4.0) {
    l.signature = cv::Rect2d(l.portrait.x, l.portrait.br().y + 0.8, pw, std::min(sig_h, under_portrait));
  } else if (style.barcode_area && content_h - l.barcode.height - 0.8 >= 4.0) {
    const double h = std::min(sig_h, content_h - l.barcode.height - 0.8);
    const double y = style.barcode_at_top ? l.barcode.br().y + 0.8 : l.content_top;
    l.signature = cv::Rect2d(l.barcode.x, y, l.barcode.width, h);
  } else {
    const double w = std::min(25.0, (l.viz_right - l.viz_left) * 0.55);
    l.signature = cv::Rect2d(l.viz_right - w, l.content_bottom - sig_h, w, sig_h);
    l.viz_bottom = l.content_bottom - sig_h - 0.3;
  }
  return l;
}

double clamp_abs(double v, double limit) { return std::max(-limit, std::min(limit, v)); }

}  // namespace

RenderedPage PageRenderer::render(const Identity& id, const PageStyle& style, double dpi, Random& rng,
                                  const PageTweaks& tweaks, Spectrum spectrum, Random* uv_rng) {
  const bool visible = spectrum == Spectrum::visible;
  const bool infrared = spectrum == Spectrum::infrared;
  const mrz::PageGeometry g = mrz::page_geometry(id.fields.format);
  const double px_per_mm = dpi / kMmPerInch;
  const auto mm = [&](double v) { return v * px_per_mm; };
  const auto px_rect = [&](const cv::Rect2d& r) {
    const int x = static_cast<int>(std::lround(mm(r.x))), y = static_cast<int>(std::lround(mm(r.y)));
    return cv::Rect(x, y, static_cast<int>(std::lround(mm(r.br().x))) - x, static_cast<int>(std::lround(mm(r.br().y))) - y);
  };
  const int W = static_cast<int>(std::lround(g.width_mm * px_per_mm));
  const int H = static_cast<int>(std::lround(g.height_mm * px_per_mm));
  RenderedPage page;
  page.dpi = dpi;
  // Paper: the style's tone in visible light (a vertical gradient when the two ends differ);
  // bright in IR; UV-dull (dark) under ultraviolet light.
  const cv::Scalar uv_paper = tweaks.uv_bright_paper ? cv::Scalar(235, 190, 170) : cv::Scalar(45, 22, 32);
  const cv::Scalar background = visible ? style.paper : infrared ? cv::Scalar(226, 226, 226) : uv_paper;
  page.image = cv::Mat(H, W, CV_8UC3, background);
  if (visible && style.paper_far != style.paper) {
    for (int y = 0; y < H; ++y) {
      const double t = static_cast<double>(y) / std::max(1, H - 1);
      page.image.row(y).setTo(style.paper * (1 - t) + style.paper_far * t);
    }
  }
  const cv::Mat paper = page.image.clone();  // plain paper, to clear areas back to
  // What the current light does not show is drawn into a scratch image: the random draws
  // stay the same in every spectrum, so the layouts line up.
  cv::Mat scratch = visible ? cv::Mat() : cv::Mat(H, W, CV_8UC3, background);
  cv::Mat& coloured = visible ? page.image : scratch;
  const double density = style.pattern_density;
  if (style.rosette) draw_rosette(coloured, rng, style.pattern_ink, px_per_mm, density);
  if (style.waves) draw_waves(coloured, rng, style.pattern_ink, px_per_mm, density);
  if (style.rings) draw_rings(coloured, rng, style.pattern_ink * 0.97, px_per_mm, density);
  if (style.crosshatch) draw_crosshatch(coloured, rng, style.pattern_ink, px_per_mm, density);
  if (spectrum == Spectrum::ultraviolet && uv_rng) draw_uv_features(page.image, *uv_rng, px_per_mm);

  // The MRZ zone is kept clear of background printing (9303-3: the clear area).
  const double zone_top_mm = g.line_centres_mm.front() + 3.0;
  const int zone_top = static_cast<int>(std::lround(H - zone_top_mm * px_per_mm));
  const cv::Rect zone(0, zone_top, W, H - zone_top);
  paper(zone).copyTo(page.image(zone));
  const Layout layout = plan_layout(g, style, zone_top_mm);

  // The barcode area, cleared to plain paper (a 2D code needs a quiet zone), with corner
  // marks so the reserved area shows.
  if (style.barcode_area) {
    page.barcode_box = px_rect(layout.barcode) & cv::Rect(0, 0, W, H);
    paper(page.barcode_box).copyTo(page.image(page.barcode_box));
    const cv::Rect b = page.barcode_box;
    const int arm = b.width / 8, line = std::max(1, static_cast<int>(std::lround(mm(0.15))));
    const cv::Point corners[] = {b.tl(), {b.br().x - 1, b.y}, {b.br().x - 1, b.br().y - 1}, {b.x, b.br().y - 1}};
    for (int k = 0; k < 4; ++k) {
      const cv::Point c = corners[k];
      const int dx = k == 0 || k == 3 ? arm : -arm, dy = k < 2 ? arm : -arm;
      cv::line(coloured, c, c + cv::Point(dx, 0), style.caption_ink, line, cv::LINE_AA);
      cv::line(coloured, c, c + cv::Point(0, dy), style.caption_ink, line, cv::LINE_AA);
    }
  }

  // Carbon ink absorbs in B900 and does not fluoresce.
  const cv::Scalar ink = spectrum == Spectrum::ultraviolet ? cv::Scalar(30, 15, 22) : cv::Scalar(30, 30, 30);
  // Header: the issuer's emblem and title, in coloured inks.
  page.emblem_box = px_rect(layout.emblem);
  draw_emblem(coloured, page.emblem_box, style.issuer);
  if (visible) {
    Font& title = font(style.title_font);
    double cap = mm(layout.title_cap);
    const double width = title.measure(id.issuer_name, cap);
    if (width > mm(layout.title_width)) cap *= mm(layout.title_width) / width;
    title.draw(page.image, id.issuer_name, {mm(layout.title_x), mm(layout.title_baseline)}, cap, style.issuer.primary * 0.75);
  }
  // Microtext: the issuer's name repeated at 0.3-0.5 mm, a line to the eye, text under a loupe.
  if (style.microtext) {
    std::string text;
    const double cap = mm(style.microtext_cap_mm), span = mm(g.width_mm - 2 * layout.margin);
    const std::string unit = id.issuer_name + " \xE2\x80\xA2 ";  // U+2022 bullet between repeats
    const double unit_w = std::max(1.0, sans_bold_.measure(unit, cap));
    for (double w = 0; w + unit_w <= span; w += unit_w) text += unit;
    page.microtext = text;
    page.microtext_box = sans_bold_.draw(coloured, text, {mm(layout.margin), mm(layout.microtext_baseline)}, cap,
                                         style.issuer.primary);
  }

  // Portrait.
  page.portrait_box = px_rect(layout.portrait);
  draw_portrait(coloured, page.portrait_box, rng);
  if (infrared) {
    // The printed portrait shows in IR as a pale grey image.
    cv::Mat grey;
    cv::cvtColor(scratch(page.portrait_box), grey, cv::COLOR_BGR2GRAY);
    grey.convertTo(grey, -1, 0.5, 120);
    cv::cvtColor(grey, page.image(page.portrait_box), cv::COLOR_GRAY2BGR);
  }

  // Visual zone: captions and values in the VIZ column, each fitted to the column's width.
  const mrz::MrzFieldsInput& f = id.fields;
  const std::array<std::string, 7> captions = captions_for(style.caption_languages, style.numbered_captions);
  const std::string values[] = {f.surname,
                                f.given_names,
                                f.nationality,
                                format_viz_date(f.birth_date, style.date_style),
                                std::string(1, f.sex),
                                f.document_number,
                                f.expiry_date.empty() ? std::string("-") : format_viz_date(f.expiry_date, style.date_style)};
  Font& caption_font = font(style.caption_font);
  Font& value_font = font(style.value_font);
  // A rewritten value is reprinted in a font near the genuine one, but not the same.
  const bool serif_values = style.value_font == TextFont::serif || style.value_font == TextFont::serif_bold;
  Font& rewrite_font = serif_values ? sans_ : serif_;
  const double x0 = mm(layout.viz_left), column = mm(layout.viz_right - layout.viz_left);
  const auto fitted = [&](Font& font, const std::string& text, double size) {
    const double width = font.measure(text, size);
    return width > column ? size * column / width : size;
  };
  const double step = (layout.viz_bottom - layout.viz_top) / static_cast<double>(std::size(values));
  double y = layout.viz_top;
  for (std::size_t row = 0; row < std::size(values); ++row) {
    if (visible) {
      const double size = fitted(caption_font, captions[row], mm(std::min(1.2, step * 0.22) * style.caption_scale));
      caption_font.draw(page.image, captions[row], {x0, mm(y + step * 0.35)}, size, style.caption_ink);
    }
    const cv::Point2d at(x0, mm(y + step * 0.85));
    const double size = fitted(value_font, values[row], mm(std::min(2.2, step * 0.38) * style.value_scale));
    cv::Rect box = value_font.draw(page.image, values[row], at, size, ink);
    if (static_cast<int>(row) == tweaks.rewritten_viz_row) {
      // Erased with a patch of plain paper (the background pattern is lost there) and
      // reprinted in a near font: what a careful VIZ alteration leaves behind.
      const cv::Rect patch = (box | cv::Rect(static_cast<int>(at.x), static_cast<int>(at.y - size * 1.1),
                                             static_cast<int>(rewrite_font.measure(tweaks.rewritten_viz_value, size) + 2),
                                             static_cast<int>(size * 1.4))) &
                             cv::Rect(0, 0, W, H);
      paper(patch).copyTo(page.image(patch));
      box = rewrite_font.draw(page.image, tweaks.rewritten_viz_value, at, size, ink) | patch;
    }
    page.viz_value_boxes.push_back(box);
    y += step;
  }
  page.signature_box = px_rect(layout.signature);
  draw_signature(coloured, page.signature_box, rng);

  if (tweaks.omit_mrz) return page;
  // The MRZ, built by the engine's builder, in OCR-B at 2.54 mm pitch, as this page's
  // printer put it down: cut, height, ink weight and colour, small position jitter.
  const MrzPrint& print = style.mrz;
  page.mrz_lines = tweaks.mrz_lines.empty() ? mrz::build_mrz(f).lines : tweaks.mrz_lines;
  const double pitch = mm(tweaks.mrz_pitch_mm > 0 ? tweaks.mrz_pitch_mm : kPitchMm);
  Font& mrz_font = tweaks.mrz_in_wrong_font ? mono_ : print.sharp_cut ? ocr_b_sharp_ : ocr_b_;
  const InkWeight weight{mm(print.embolden_mm), print.coverage_gamma};
  const cv::Scalar mrz_ink = visible ? print.ink : ink;
  // IR-transparent counterfeit ink: the MRZ is drawn where IR light does not see it.
  cv::Mat ir_scratch;
  if (infrared && tweaks.mrz_ir_transparent) ir_scratch = page.image.clone();
  cv::Mat& mrz_target = ir_scratch.empty() ? page.image : ir_scratch;
  const double cap = mm(print.cap_height_mm > 0 ? print.cap_height_mm : kCapHeightMm);
  // Jitter stays far inside ISO 1831: neighbours' baselines within 0.65 mm, the line within
  // 1.30 mm, spacing at least 2.30 mm.
  const double max_dx = mm(0.1), max_dy = mm(0.15);
  cv::Rect all;
  for (std::size_t l = 0; l < page.mrz_lines.size(); ++l) {
    const double centre = H - mm(g.line_centres_mm[l] + print.line_offset_mm[std::min<std::size_t>(l, 2)]);
    const double baseline = centre + cap / 2.0;
    const std::string& line = page.mrz_lines[l];
    for (std::size_t c = 0; c < line.size(); ++c) {
      const double dx = clamp_abs(rng.normal(0, mm(print.jitter_x_sd_mm)), max_dx);
      const double dy = clamp_abs(rng.normal(0, mm(print.jitter_y_sd_mm)), max_dy);
      const cv::Point2d origin(mm(g.first_char_mm + print.offset_x_mm) + static_cast<double>(c) * pitch + dx, baseline + dy);
      const cv::Rect box = mrz_font.draw(mrz_target, std::string_view(&line[c], 1), origin, cap, mrz_ink, pitch, weight);
      page.chars.push_back(CharBox{static_cast<int>(l), static_cast<int>(c), line[c], box});
      if (box.area() > 0) all = all.area() > 0 ? (all | box) : box;
    }
  }
  page.mrz_box = all;
  return page;
}

}  // namespace docverify::synth
