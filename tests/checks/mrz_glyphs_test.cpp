// The MRZ glyph check (mrz.print.font): genuine OCR-B pages of several formats and capture
// profiles pass, a MRZ retyped in another monospaced font is flagged, print too coarse to
// judge says so, and nothing the caller passes makes it crash. Pages go through the image
// reader as in the pipeline; MRZs drawn directly (no reader) pin the font alone.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "check_test_support.hpp"
#include "checks/mrz_glyphs.hpp"
#include "reader/mrz_image_reader.hpp"
#include "synth/fonts.hpp"

namespace docverify::checks {
namespace {

using verify::renderer;

struct Judged {
  bool read = false;
  MrzGlyphMeasures m;
  CheckRecord record;
};

cv::Mat grey(const cv::Mat& image) {
  cv::Mat g;
  if (image.channels() == 3) cv::cvtColor(image, g, cv::COLOR_BGR2GRAY);
  else g = image;
  return g;
}

Judged judge_specimen(mrz::Format f, synth::Forgery forgery, synth::Capture capture, int index, double dpi = 300) {
  synth::SpecimenOptions o;
  o.format = f;
  o.forgery = forgery;
  o.capture = capture;
  o.seed = 505;
  o.dpi = dpi;
  const synth::Specimen s = synth::make_specimen(o, index, renderer());
  const cv::Mat gray = grey(s.has_photo ? cv::imdecode(s.photo.jpeg, cv::IMREAD_COLOR) : s.page.image);
  reader::ReadOptions ro;
  ro.mrz.today = Date{2026, 12, 1};
  ro.engine = reader::OcrEngine::builtin;
  const reader::ImageReadResult r = reader::MrzImageReader(ro).read(gray);
  Judged out;
  if (!r.found) return out;
  out.read = true;
  out.m = measure_mrz_glyphs(gray, r.best.mrz_quad, r.best.mrz.lines);
  const bool sharp = r.best.quality.sharpness >= 0.35 && r.best.quality.glare <= 0.06;  // the pipeline's gates
  out.record = mrz_glyph_check(out.m, sharp);
  return out;
}

TEST(MrzGlyphs, GenuinePagesPass) {
  struct Page {
    synth::Capture capture;
    mrz::Format format;
  };
  const Page pages[] = {{synth::Capture::scan, mrz::Format::td1},   {synth::Capture::scan, mrz::Format::td2},
                        {synth::Capture::scan, mrz::Format::td3},   {synth::Capture::scan, mrz::Format::mrva},
                        {synth::Capture::scan, mrz::Format::mrvb},  {synth::Capture::scan, mrz::Format::fra_id},
                        {synth::Capture::kiosk, mrz::Format::td1},  {synth::Capture::kiosk, mrz::Format::td3},
                        {synth::Capture::phone, mrz::Format::td1},  {synth::Capture::phone, mrz::Format::td3}};
  int judged = 0;
  for (const Page& p : pages) {
    const Judged x = judge_specimen(p.format, synth::Forgery::none, p.capture, 1);
    if (!x.read) continue;
    const std::string what = std::string(synth::capture_name(p.capture)) + " " + std::string(mrz::format_name(p.format));
    EXPECT_NE(x.record.status, CheckStatus::warning) << what << ": " << x.record.message.view();
    EXPECT_NE(x.record.status, CheckStatus::error) << what << ": " << x.record.message.view();
    EXPECT_FALSE(x.record.critical);
    if (x.record.status != CheckStatus::ok) continue;  // phone photos are mostly under 250 dpi
    ++judged;
    EXPECT_GE(x.m.characters, kMinGlyphCharacters);
    EXPECT_EQ(x.record.measured, x.m.conformance);
    EXPECT_LT(x.record.threshold, x.m.conformance);
  }
  EXPECT_GE(judged, 8);
}

TEST(MrzGlyphs, WrongFontPagesAreFlagged) {
  int judged = 0, flagged = 0;
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrva, mrz::Format::mrvb})
    for (int i = 0; i < 2; ++i) {
      const Judged x = judge_specimen(f, synth::Forgery::mrz_wrong_font, synth::Capture::scan, i);
      if (!x.read || x.record.status == CheckStatus::not_done) continue;  // another font misleads the reader too
      ++judged;
      if (x.record.status == CheckStatus::ok) continue;
      ++flagged;
      EXPECT_EQ(x.record.diagnose, Diagnose::font);
      EXPECT_FALSE(x.record.critical);
      EXPECT_LT(x.record.measured, x.record.threshold);
      EXPECT_NE(x.record.message.view().find("OCR-B"), std::string_view::npos);
    }
  ASSERT_GE(judged, 6);
  EXPECT_EQ(flagged, judged);
}

// A MRZ drawn straight into a white page at 300 dpi (30 px pitch) in `font`, with the quad
// the image reader would give: no reader in the way, only the font.
struct Drawn {
  cv::Mat gray;
  std::vector<cv::Point2f> quad;
  mrz::MrzLines lines;
};

Drawn draw_mrz(const std::string& font_path, const synth::InkWeight& weight = {}) {
  static const char* const kLines[] = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                       "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
  const double pitch = 30, cap = 28.3, spacing = 75, left = 60, first_centre = 80;
  Drawn d;
  cv::Mat page(260, 1440, CV_8UC3, cv::Scalar(235, 240, 245));
  synth::Font font(font_path);
  for (int l = 0; l < 2; ++l) {
    d.lines.append_line(kLines[l]);
    font.draw(page, kLines[l], {left, first_centre + l * spacing + cap / 2}, cap, cv::Scalar(30, 25, 20), pitch, weight);
  }
  const float top = float(first_centre - 0.55 * pitch), bottom = float(first_centre + spacing + 0.55 * pitch);
  const float right = float(left + 44 * pitch);
  d.quad = {{float(left), top}, {right, top}, {right, bottom}, {float(left), bottom}};
  d.gray = grey(page);
  return d;
}

double conformance(const Drawn& d) {
  const MrzGlyphMeasures m = measure_mrz_glyphs(d.gray, d.quad, d.lines);
  EXPECT_TRUE(m.measured);
  return m.conformance;
}

TEST(MrzGlyphs, OcrbInAnyWeightBlurOrJpegPasses) {
  const synth::FontPaths fonts = synth::FontPaths::defaults();
  for (const std::string& path : {fonts.ocr_b, fonts.ocr_b_sharp})
    for (const synth::InkWeight& w : {synth::InkWeight{}, synth::InkWeight{0.6, 0.8}, synth::InkWeight{-0.3, 1.3}}) {
      const Drawn d = draw_mrz(path, w);
      const CheckRecord clean = mrz_glyph_check(measure_mrz_glyphs(d.gray, d.quad, d.lines), true);
      EXPECT_EQ(clean.status, CheckStatus::ok) << path << " " << w.embolden_px << ": " << clean.message.view();
      // A phone's blur and JPEG.
      Drawn phone = d;
      cv::GaussianBlur(d.gray, phone.gray, {0, 0}, 1.2);
      std::vector<unsigned char> jpeg;
      cv::imencode(".jpg", phone.gray, jpeg, {cv::IMWRITE_JPEG_QUALITY, 50});
      phone.gray = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
      const CheckRecord blurred = mrz_glyph_check(measure_mrz_glyphs(phone.gray, phone.quad, phone.lines), true);
      EXPECT_EQ(blurred.status, CheckStatus::ok) << path << " " << w.embolden_px << " blurred: " << blurred.message.view();
    }
}

TEST(MrzGlyphs, OtherMonospacedFontsAreFlagged) {
  const synth::FontPaths fonts = synth::FontPaths::defaults();
  const double ocrb = conformance(draw_mrz(fonts.ocr_b));
  const std::string bold_mono = fonts.mono.substr(0, fonts.mono.size() - 4) + "-Bold.ttf";  // fonts-dejavu-core has both
  for (const std::string& path : {fonts.mono, bold_mono}) {
    const Drawn d = draw_mrz(path);
    const CheckRecord r = mrz_glyph_check(measure_mrz_glyphs(d.gray, d.quad, d.lines), true);
    EXPECT_NE(r.status, CheckStatus::ok) << path << ": " << r.message.view();
    EXPECT_EQ(r.diagnose, Diagnose::font) << path;
    EXPECT_LT(r.measured, ocrb - 0.05) << path;
  }
}

TEST(MrzGlyphs, CoarseOrBlurredPrintIsNotJudged) {
  const Judged coarse = judge_specimen(mrz::Format::td3, synth::Forgery::none, synth::Capture::scan, 0, 200);
  ASSERT_TRUE(coarse.read);
  EXPECT_LT(coarse.m.pitch_px, kMinPrintPitchPx);
  EXPECT_EQ(coarse.record.status, CheckStatus::not_done);
  EXPECT_EQ(coarse.record.diagnose, Diagnose::resolution_too_low);
  EXPECT_TRUE(std::isnan(coarse.record.measured));

  const Drawn d = draw_mrz(synth::FontPaths::defaults().ocr_b);
  const CheckRecord blurred = mrz_glyph_check(measure_mrz_glyphs(d.gray, d.quad, d.lines), false);
  EXPECT_EQ(blurred.status, CheckStatus::not_done);
  EXPECT_EQ(blurred.diagnose, Diagnose::quality_gate_failed);
}

TEST(MrzGlyphs, DegenerateInputMeasuresNothing) {
  const Drawn d = draw_mrz(synth::FontPaths::defaults().ocr_b);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  mrz::MrzLines none;
  const std::vector<std::vector<cv::Point2f>> quads = {
      {},
      {{0, 0}, {10, 0}, {10, 5}},
      {{nan, 0}, {10, 0}, {10, 5}, {0, 5}},
      {{0, 0}, {0, 0}, {0, 0}, {0, 0}},
      {{-1e9F, -1e9F}, {1e9F, -1e9F}, {1e9F, 1e9F}, {-1e9F, 1e9F}},  // far outside the image
      {{0, 0}, {1320, 0}, {1320, 1e6F}, {0, 1e6F}},                   // a zone far taller than a MRZ
  };
  for (const auto& q : quads) {
    EXPECT_FALSE(measure_mrz_glyphs(d.gray, q, d.lines).measured);
    EXPECT_EQ(mrz_glyph_check(measure_mrz_glyphs(d.gray, q, d.lines), true).status, CheckStatus::not_done);
  }
  EXPECT_FALSE(measure_mrz_glyphs(d.gray, d.quad, none).measured);
  EXPECT_FALSE(measure_mrz_glyphs(cv::Mat(), d.quad, d.lines).measured);
  cv::Mat colour;
  cv::cvtColor(d.gray, colour, cv::COLOR_GRAY2BGR);
  EXPECT_FALSE(measure_mrz_glyphs(colour, d.quad, d.lines).measured);
  // A blank page and pure noise where the MRZ should be: too few glyphs, never a verdict.
  const cv::Mat blank(d.gray.size(), CV_8U, cv::Scalar(240));
  EXPECT_FALSE(measure_mrz_glyphs(blank, d.quad, d.lines).measured);
  cv::Mat noise(d.gray.size(), CV_8U);
  cv::randu(noise, 0, 256);
  const MrzGlyphMeasures m = measure_mrz_glyphs(noise, d.quad, d.lines);
  if (m.measured) {
    EXPECT_NE(mrz_glyph_check(m, true).status, CheckStatus::ok);
  }
  EXPECT_EQ(mrz_glyph_check(MrzGlyphMeasures{}, true).diagnose, Diagnose::invalid_input);
}

}  // namespace
}  // namespace docverify::checks
