// MRZ print measures on generated scans: genuine print stays inside the standard's bands,
// a MRZ retyped at 2.30 mm pitch shows in its line spacing, and images too coarse to
// measure say so instead of judging.
#include <gtest/gtest.h>

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "checks/mrz_print.hpp"
#include "reader/mrz_image_reader.hpp"
#include "synth/specimen.hpp"

namespace docverify::checks {
namespace {

synth::PageRenderer& renderer() {
  static synth::PageRenderer r;
  return r;
}

struct Measured {
  bool read = false;
  MrzPrintMeasures m;
  std::vector<CheckRecord> records;
};

Measured measure(mrz::Format f, synth::Forgery forgery, int index, int dpi = 300) {
  synth::SpecimenOptions o;
  o.format = f;
  o.forgery = forgery;
  o.capture = synth::Capture::scan;
  o.seed = 404;
  o.dpi = dpi;
  const synth::Specimen s = synth::make_specimen(o, index, renderer());
  reader::ReadOptions ro;
  ro.mrz.today = Date{2026, 12, 1};
  ro.engine = reader::OcrEngine::builtin;
  const reader::ImageReadResult r = reader::MrzImageReader(ro).read(s.page.image);
  Measured out;
  if (!r.found) return out;
  out.read = true;
  cv::Mat gray;
  cv::cvtColor(s.page.image, gray, cv::COLOR_BGR2GRAY);
  out.m = measure_mrz_print(gray, r.best.mrz_quad, r.best.mrz.lines);
  out.records = mrz_print_checks(out.m, f, true);
  return out;
}

const CheckRecord* find(const std::vector<CheckRecord>& v, std::string_view id) {
  for (const auto& r : v)
    if (r.id == id) return &r;
  return nullptr;
}

TEST(MrzPrint, GenuineScansStayInsideTheBands) {
  int measured = 0, flagged = 0;
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrva, mrz::Format::mrvb})
    for (int i = 0; i < 4; ++i) {
      const Measured x = measure(f, synth::Forgery::none, i);
      ASSERT_TRUE(x.read);
      if (!x.m.measured) continue;
      ++measured;
      for (const auto& r : x.records) {
        EXPECT_NE(r.status, CheckStatus::not_done) << r.id << " " << r.message.view();
        EXPECT_NE(r.status, CheckStatus::error) << r.id << " " << r.message.view() << " (" << mrz::format_name(f) << " " << i << ")";
        flagged += r.status != CheckStatus::ok;
      }
      const double nominal = f == mrz::Format::td1 ? 4.23 / 2.54 : 6.35 / 2.54;
      EXPECT_NEAR(x.m.line_spacing, nominal, 0.08 * nominal);
      EXPECT_NEAR(x.m.cap_height, 2.4 / 2.54, 0.08);  // the generator prints caps of 2.30-2.46 mm
    }
  EXPECT_GE(measured, 18);
  EXPECT_LE(flagged, 2);  // warnings at most, and rare
}

// The forgery kit's MRZ retyped at 2.30 mm: without the page's edges only ratios to the
// pitch show it, and line spacing is the strongest (print zones allow it some play, so
// not every one is flagged).
TEST(MrzPrint, WrongPitchShowsInTheLineSpacing) {
  int measured = 0, flagged = 0;
  double genuine_sum = 0, forged_sum = 0;
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td3, mrz::Format::mrvb})
    for (int i = 0; i < 4; ++i) {
      const double nominal = f == mrz::Format::td1 ? 4.23 / 2.54 : 6.35 / 2.54;
      const Measured forged = measure(f, synth::Forgery::mrz_wrong_pitch, i);
      const Measured genuine = measure(f, synth::Forgery::none, i);
      if (!forged.read || !forged.m.measured || !genuine.m.measured) continue;
      ++measured;
      const CheckRecord* spacing = find(forged.records, "mrz.print.line_spacing");
      ASSERT_NE(spacing, nullptr);
      flagged += spacing->status != CheckStatus::ok;
      EXPECT_FALSE(std::isnan(spacing->measured));
      forged_sum += forged.m.line_spacing / nominal;
      genuine_sum += genuine.m.line_spacing / nominal;
    }
  ASSERT_GE(measured, 10);
  // 2.54 / 2.30 = 1.104: the same spacing looks 10 % wider in pitches.
  EXPECT_NEAR(forged_sum / measured, 1.104, 0.04);
  EXPECT_NEAR(genuine_sum / measured, 1.0, 0.03);
  EXPECT_GE(flagged, measured / 2);
}

TEST(MrzPrint, CoarseImagesAreNotJudged) {
  const Measured x = measure(mrz::Format::td3, synth::Forgery::none, 0, 200);
  ASSERT_TRUE(x.read);
  for (const auto& r : x.records) {
    EXPECT_EQ(r.status, CheckStatus::not_done) << r.id;
    EXPECT_EQ(r.diagnose, Diagnose::resolution_too_low) << r.id;
  }
  // Blurred print: the caller's quality gate.
  const std::vector<CheckRecord> blurred = mrz_print_checks(x.m, mrz::Format::td3, false);
  for (const auto& r : blurred) EXPECT_EQ(r.status, CheckStatus::not_done);
}

TEST(MrzPrint, DegenerateInputMeasuresNothing) {
  const cv::Mat gray(100, 100, CV_8U, cv::Scalar(255));
  mrz::MrzLines lines;
  EXPECT_FALSE(measure_mrz_print(gray, {}, lines).measured);
  EXPECT_FALSE(measure_mrz_print(cv::Mat(), {{0, 0}, {10, 0}, {10, 5}, {0, 5}}, lines).measured);
}

}  // namespace
}  // namespace docverify::checks
