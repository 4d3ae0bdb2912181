// The kiosk's infrared and ultraviolet checks on generated kiosk captures: a genuine page
// passes with companions degraded as real reader frames are (blur, noise, another
// resolution, a pixel of misregistration); an MRZ in IR-transparent ink and brightened paper
// are errors; companions that cannot be the same page's are not judged.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "checks/spectral.hpp"
#include "synth/specimen.hpp"
#include "check_test_support.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::verify {
namespace {

synth::Specimen kiosk(mrz::Format f, synth::Forgery forgery, int index) {
  synth::SpecimenOptions o;
  o.format = f;
  o.forgery = forgery;
  o.capture = synth::Capture::kiosk;
  o.seed = 909;
  return synth::make_specimen(o, index, renderer());
}

DocumentVerifier kiosk_verifier() {
  reader::ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.mrz.profile = Profile::kiosk;
  o.engine = reader::OcrEngine::builtin;
  return DocumentVerifier(o, {/*visual_zone=*/false});  // Tesseract on the visual zone is tested in viz_test
}

// A reader's companion frame: softer, noisier, at 2/3 of the resolution, one pixel off.
cv::Mat as_reader_frame(const cv::Mat& clean, int seed) {
  cv::Mat m, shifted;
  cv::GaussianBlur(clean, m, cv::Size(0, 0), 1.2);
  const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, 1, 0, 1, -1);
  cv::warpAffine(m, shifted, shift, m.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::Mat noise(shifted.size(), CV_16SC(shifted.channels()));
  cv::theRNG().state = static_cast<std::uint64_t>(seed);
  cv::randn(noise, 0, 5);
  cv::Mat noisy;
  shifted.convertTo(noisy, CV_16S);
  noisy += noise;
  noisy.convertTo(m, CV_8U);
  cv::resize(m, shifted, cv::Size(), 2.0 / 3, 2.0 / 3, cv::INTER_AREA);
  return shifted;
}

TEST(Spectral, GenuineKioskPagesPassWithRealisticCompanions) {
  DocumentVerifier v = kiosk_verifier();
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrvb})
    for (int i = 0; i < 2; ++i) {
      const synth::Specimen s = kiosk(f, synth::Forgery::none, i);
      const VerifyResult r = v.verify(s.page.image, {as_reader_frame(s.infrared, i), as_reader_frame(s.ultraviolet, i + 7)});
      ASSERT_TRUE(r.read.found) << s.name;
      for (std::string_view id : {"security.ir.b900", "security.ir.visibility", "security.uv.dull"}) {
        const CheckRecord* c = find(r, id);
        ASSERT_NE(c, nullptr) << id;
        EXPECT_EQ(c->status, CheckStatus::ok) << s.name << " " << id << ": " << c->message.view();
      }
      EXPECT_GE(r.infrared.median_pcs, 0.6) << s.name;
      EXPECT_EQ(find(r, "security.ir.b900")->required, true);
      EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::ok) << s.name;
    }
}

TEST(Spectral, MrzInIrTransparentInkIsAnError) {
  DocumentVerifier v = kiosk_verifier();
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td3, mrz::Format::fra_id}) {
    const synth::Specimen s = kiosk(f, synth::Forgery::ir_transparent_ink, 0);
    const VerifyResult r = v.verify(s.page.image, {as_reader_frame(s.infrared, 3), as_reader_frame(s.ultraviolet, 4)});
    ASSERT_TRUE(r.read.found) << s.name;
    const CheckRecord* c = find(r, "security.ir.b900");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->status, CheckStatus::error) << s.name;
    EXPECT_EQ(c->diagnose, Diagnose::ir_low_contrast);
    EXPECT_LT(c->measured, c->threshold);
    EXPECT_EQ(find(r, "security.uv.dull")->status, CheckStatus::ok) << s.name;
    EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::error) << s.name;
  }
}

TEST(Spectral, BrightenedPaperIsAnError) {
  DocumentVerifier v = kiosk_verifier();
  for (mrz::Format f : {mrz::Format::td2, mrz::Format::mrva}) {
    const synth::Specimen s = kiosk(f, synth::Forgery::uv_bright_paper, 1);
    const VerifyResult r = v.verify(s.page.image, {as_reader_frame(s.infrared, 5), as_reader_frame(s.ultraviolet, 6)});
    ASSERT_TRUE(r.read.found) << s.name;
    const CheckRecord* c = find(r, "security.uv.dull");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->status, CheckStatus::error) << s.name;
    EXPECT_EQ(c->diagnose, Diagnose::uv_dull_fail_blank);
    EXPECT_EQ(find(r, "security.ir.b900")->status, CheckStatus::ok) << s.name;
    EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::error);
  }
}

TEST(Spectral, CompanionsThatCannotBeThePagesAreNotJudged) {
  DocumentVerifier v = kiosk_verifier();
  const synth::Specimen s = kiosk(mrz::Format::td3, synth::Forgery::none, 2);
  cv::Mat cropped = s.infrared(cv::Rect(0, 0, s.infrared.cols / 2, s.infrared.rows)).clone();
  // Another field of view; the visible image passed again as both companions.
  for (const CompanionImages& c : {CompanionImages{cropped, s.ultraviolet(cv::Rect(0, 0, 100, 300)).clone()},
                                   CompanionImages{s.page.image, s.page.image}}) {
    const VerifyResult r = v.verify(s.page.image, c);
    ASSERT_TRUE(r.read.found);
    for (std::string_view id : {"security.ir.b900", "security.uv.dull"}) {
      const CheckRecord* rec = find(r, id);
      ASSERT_NE(rec, nullptr);
      EXPECT_EQ(rec->status, CheckStatus::not_done) << id << ": " << rec->message.view();
      EXPECT_NE(rec->diagnose, Diagnose::none) << id;
    }
    EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::not_done);  // required at the kiosk
  }
  const VerifyResult same = v.verify(s.page.image, {s.page.image, s.page.image});
  EXPECT_EQ(find(same, "security.ir.b900")->diagnose, Diagnose::white_ir_identical);
  EXPECT_EQ(find(same, "security.uv.dull")->diagnose, Diagnose::white_uv_identical);
}

TEST(Spectral, DegenerateInputsGiveNotDone) {
  const cv::Mat gray(200, 300, CV_8U, cv::Scalar(200));
  const std::vector<cv::Point2f> none;
  EXPECT_EQ(checks::measure_infrared(gray, cv::Mat(), none, none, {}).not_done, Diagnose::required_image_missing);
  EXPECT_EQ(checks::measure_infrared(gray, gray, none, none, {}).not_done, Diagnose::invalid_input);
  EXPECT_EQ(checks::measure_infrared(gray, cv::Mat(10, 1000, CV_8U), none, none, {}).not_done, Diagnose::images_not_registered);
  EXPECT_EQ(checks::measure_ultraviolet(gray, cv::Mat(), none, none).not_done, Diagnose::required_image_missing);
  EXPECT_EQ(checks::measure_ultraviolet(gray, gray, none, none).not_done, Diagnose::white_uv_identical);
  const cv::Mat f32(200, 300, CV_32F, cv::Scalar(1));
  EXPECT_TRUE(checks::registered_companion(f32, gray.size(), false).empty());
  for (const auto& rec : checks::infrared_checks({})) EXPECT_EQ(rec.status, CheckStatus::not_done);
  for (const auto& rec : checks::ultraviolet_checks({})) EXPECT_EQ(rec.status, CheckStatus::not_done);
}

}  // namespace
}  // namespace docverify::verify
