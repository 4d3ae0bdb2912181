#include "synth/page.hpp"

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "mrz/builder.hpp"

namespace docverify::synth {

PageGeometry geometry_of(mrz::Format f) {
  switch (f) {
    case mrz::Format::td1: return {85.60, 53.98, 5.0, {15.73, 11.50, 7.27}};
    case mrz::Format::td2:
    case mrz::Format::fra_id: return {105.0, 74.0, 4.0, {15.75, 9.40}};
    case mrz::Format::mrva: return {120.0, 80.0, 4.0, {15.75, 9.40}};
    case mrz::Format::mrvb: return {105.0, 74.0, 4.0, {15.75, 9.40}};
    case mrz::Format::td3: break;
  }
  return {125.0, 88.0, 6.0, {15.75, 9.40}};
}

PageRenderer::PageRenderer(const FontPaths& fonts)
    : ocr_b_(fonts.ocr_b), sans_(fonts.sans), sans_bold_(fonts.sans_bold), serif_(fonts.serif), mono_(fonts.mono) {}

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMmPerInch = 25.4;
constexpr double kPitchMm = 2.54;     // 10 characters per inch
constexpr double kCapHeightMm = 2.46; // OCR-B size 1

// Guilloche: families of phase-shifted hypotrochoid-like curves, as security printing has.
void draw_guilloche(cv::Mat& img, Random& rng, const cv::Scalar& ink, double px_per_mm) {
  const cv::Point2d centre(img.cols * rng.uniform(0.45, 0.75), img.rows * rng.uniform(0.3, 0.5));
  const double R = std::min(img.cols, img.rows) * rng.uniform(0.35, 0.55);
  const int petals = rng.integer(7, 19);
  const double depth = rng.uniform(0.15, 0.35);
  const int curves = rng.integer(24, 40);
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
  // Fine wave lines across the page.
  for (int y = 0; y < img.rows; y += std::max(2, static_cast<int>(1.2 * px_per_mm))) {
    std::vector<cv::Point> pts;
    for (int x = 0; x < img.cols; x += 2)
      pts.emplace_back(x, static_cast<int>(y + 0.6 * px_per_mm * std::sin(x / (3.0 * px_per_mm) + y * 0.01)));
    cv::polylines(img, pts, false, ink, 1, cv::LINE_AA);
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

RenderedPage PageRenderer::render(const Identity& id, double dpi, Random& rng, const PageTweaks& tweaks,
                                  Spectrum spectrum, Random* uv_rng) {
  const bool visible = spectrum == Spectrum::visible;
  const bool infrared = spectrum == Spectrum::infrared;
  const PageGeometry g = geometry_of(id.fields.format);
  const double px_per_mm = dpi / kMmPerInch;
  const int W = static_cast<int>(std::lround(g.width_mm * px_per_mm));
  const int H = static_cast<int>(std::lround(g.height_mm * px_per_mm));
  RenderedPage page;
  page.dpi = dpi;
  const cv::Scalar paper(rng.uniform(225, 245), rng.uniform(232, 250), rng.uniform(235, 252));
  // Paper: bright in IR; UV-dull (dark) under ultraviolet light.
  const cv::Scalar uv_paper = tweaks.uv_bright_paper ? cv::Scalar(235, 190, 170) : cv::Scalar(45, 22, 32);
  const cv::Scalar background = visible ? paper : infrared ? cv::Scalar(226, 226, 226) : uv_paper;
  page.image = cv::Mat(H, W, CV_8UC3, background);
  // What the current light does not show is drawn into a scratch image: the random draws
  // stay the same in every spectrum, so the layouts line up.
  cv::Mat scratch = visible ? cv::Mat() : cv::Mat(H, W, CV_8UC3, background);
  cv::Mat& coloured = visible ? page.image : scratch;
  const cv::Scalar tint(rng.uniform(150, 230), rng.uniform(150, 230), rng.uniform(150, 230));
  draw_guilloche(coloured, rng, tint, px_per_mm);
  if (spectrum == Spectrum::ultraviolet && uv_rng) draw_uv_features(page.image, *uv_rng, px_per_mm);

  // The MRZ zone is kept clear of background printing (9303-3: the clear area).
  const double zone_top_mm = g.line_centres_mm.front() + 3.0;
  const int zone_top = static_cast<int>(std::lround(H - zone_top_mm * px_per_mm));
  page.image(cv::Rect(0, zone_top, W, H - zone_top)).setTo(background);

  const auto mm = [&](double v) { return v * px_per_mm; };
  // Carbon ink absorbs in B900 and does not fluoresce.
  const cv::Scalar ink = spectrum == Spectrum::ultraviolet ? cv::Scalar(30, 15, 22) : cv::Scalar(30, 30, 30);
  // Header: issuer and document title.
  if (visible) sans_bold_.draw(page.image, id.issuer_name, {mm(4.0), mm(6.0)}, mm(2.6), cv::Scalar(90, 40, 20));
  // Portrait: TD3 ~ 35 x 45 mm at the left; cards proportionally smaller.
  const double pw = g.width_mm > 110 ? 32.0 : 22.0, ph = pw * 1.28;
  page.portrait_box = cv::Rect(static_cast<int>(mm(4.0)), static_cast<int>(mm(9.0)), static_cast<int>(mm(pw)),
                               static_cast<int>(mm(std::min(ph, g.height_mm - zone_top_mm - 11.0))));
  draw_portrait(coloured, page.portrait_box, rng);
  if (infrared) {
    // The printed portrait shows in IR as a pale grey image.
    cv::Mat grey;
    cv::cvtColor(scratch(page.portrait_box), grey, cv::COLOR_BGR2GRAY);
    grey.convertTo(grey, -1, 0.5, 120);
    cv::cvtColor(grey, page.image(page.portrait_box), cv::COLOR_GRAY2BGR);
  }

  // Visual zone: captions and values right of the portrait.
  const mrz::MrzFieldsInput& f = id.fields;
  struct Row {
    const char* caption;
    std::string value;
  };
  const Row rows[] = {{"Surname / Nom", f.surname},
                      {"Given names / Prénoms", f.given_names},
                      {"Nationality / Nationalité", f.nationality},
                      {"Date of birth / Date de naissance", f.birth_date},
                      {"Sex / Sexe", std::string(1, f.sex)},
                      {"Document no. / No du document", f.document_number},
                      {"Date of expiry / Date d'expiration", f.expiry_date.empty() ? std::string("-") : f.expiry_date}};
  const double x0 = mm(pw + 8.0);
  const double usable = g.height_mm - zone_top_mm - 10.0;
  const double step = usable / static_cast<double>(std::size(rows));
  double y = 10.0;
  int row_index = 0;
  for (const Row& r : rows) {
    if (visible)
      sans_.draw(page.image, r.caption, {x0, mm(y + step * 0.35)}, mm(std::min(1.2, step * 0.22)), cv::Scalar(90, 70, 60));
    const cv::Point2d at(x0, mm(y + step * 0.85));
    const double size = mm(std::min(2.2, step * 0.38));
    cv::Rect box = sans_bold_.draw(page.image, r.value, at, size, ink);
    if (row_index == tweaks.rewritten_viz_row) {
      // Erased with a patch of plain paper (the background pattern is lost there) and
      // reprinted in a near font: what a careful VIZ alteration leaves behind.
      const cv::Rect patch = (box | cv::Rect(static_cast<int>(at.x), static_cast<int>(at.y - size * 1.1),
                                             static_cast<int>(serif_.measure(tweaks.rewritten_viz_value, size) + 2),
                                             static_cast<int>(size * 1.4))) &
                             cv::Rect(0, 0, W, H);
      page.image(patch).setTo(background);
      box = serif_.draw(page.image, tweaks.rewritten_viz_value, at, size, ink) | patch;
    }
    page.viz_value_boxes.push_back(box);
    y += step;
    ++row_index;
  }
  draw_signature(coloured,
                 cv::Rect(static_cast<int>(x0 + mm(40.0 < g.width_mm - pw - 30 ? 40.0 : 20.0)),
                          static_cast<int>(mm(g.height_mm - zone_top_mm - 9.0)), static_cast<int>(mm(25.0)),
                          static_cast<int>(mm(7.0))),
                 rng);

  // The MRZ, built by the engine's builder, in OCR-B at 2.54 mm pitch.
  page.mrz_lines = tweaks.mrz_lines.empty() ? mrz::build_mrz(f).lines : tweaks.mrz_lines;
  const double pitch = mm(tweaks.mrz_pitch_mm > 0 ? tweaks.mrz_pitch_mm : kPitchMm);
  Font& mrz_font = tweaks.mrz_in_wrong_font ? mono_ : ocr_b_;
  // IR-transparent counterfeit ink: the MRZ is drawn where IR light does not see it.
  cv::Mat ir_scratch;
  if (infrared && tweaks.mrz_ir_transparent) ir_scratch = page.image.clone();
  cv::Mat& mrz_target = ir_scratch.empty() ? page.image : ir_scratch;
  const double cap = mm(kCapHeightMm);
  cv::Rect all;
  for (std::size_t l = 0; l < page.mrz_lines.size(); ++l) {
    const double centre = H - mm(g.line_centres_mm[l]);
    const double baseline = centre + cap / 2.0;
    const std::string& line = page.mrz_lines[l];
    for (std::size_t c = 0; c < line.size(); ++c) {
      const cv::Rect box = mrz_font.draw(mrz_target, std::string_view(&line[c], 1),
                                       {mm(g.first_char_mm) + static_cast<double>(c) * pitch, baseline}, cap, ink, pitch);
      page.chars.push_back(CharBox{static_cast<int>(l), static_cast<int>(c), line[c], box});
      if (box.area() > 0) all = all.area() > 0 ? (all | box) : box;
    }
  }
  page.mrz_box = all;
  return page;
}

}  // namespace docverify::synth
