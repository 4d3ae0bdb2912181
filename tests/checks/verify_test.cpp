// The document verifier on generated genuine documents and forgeries: grey copies are
// caught, a genuine page has colour, checks that did not run are listed as not_done and
// keep the verdict from ok where the profile requires them.
#include <gtest/gtest.h>

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "checks/image_checks.hpp"
#include "synth/specimen.hpp"
#include "check_test_support.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::verify {
namespace {

synth::Specimen specimen(mrz::Format f, synth::Forgery forgery, int index) {
  synth::SpecimenOptions o;
  o.format = f;
  o.forgery = forgery;
  o.capture = synth::Capture::scan;
  o.seed = 606;
  return synth::make_specimen(o, index, renderer());
}

reader::ReadOptions options(Profile p) {
  reader::ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.mrz.profile = p;
  o.engine = reader::OcrEngine::builtin;
  return o;
}

TEST(Verify, GreyCopiesAreCaughtAndGenuinePagesHaveColour) {
  DocumentVerifier v(options(Profile::trainer), {/*visual_zone=*/false});
  int grey_caught = 0, genuine_flagged = 0, n = 0;
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td3, mrz::Format::mrva})
    for (int i = 0; i < 3; ++i, ++n) {
      const VerifyResult genuine = v.verify(specimen(f, synth::Forgery::none, i).page.image);
      const VerifyResult grey = v.verify(specimen(f, synth::Forgery::grey_copy, i).page.image);
      ASSERT_TRUE(genuine.read.found && grey.read.found);
      const CheckRecord* g = find(genuine, "liveness.grey_copy");
      const CheckRecord* c = find(grey, "liveness.grey_copy");
      ASSERT_TRUE(g && c);
      genuine_flagged += g->status != CheckStatus::ok;
      grey_caught += c->status == CheckStatus::error;
      EXPECT_EQ(c->diagnose, Diagnose::grey_copy_detected);
      EXPECT_GT(genuine.page_saturation, c->threshold);
    }
  EXPECT_EQ(grey_caught, n);
  EXPECT_EQ(genuine_flagged, 0);
}

TEST(Verify, GreyImageInputIsNotJudgedAGreyCopy) {
  DocumentVerifier v(options(Profile::trainer), {/*visual_zone=*/false});
  cv::Mat gray;
  cv::cvtColor(specimen(mrz::Format::td3, synth::Forgery::none, 0).page.image, gray, cv::COLOR_BGR2GRAY);
  const VerifyResult r = v.verify(gray);
  ASSERT_TRUE(r.read.found);
  const CheckRecord* c = find(r, "liveness.grey_copy");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status, CheckStatus::not_done);
  EXPECT_TRUE(std::isnan(r.page_saturation));
}

// What did not run is listed, and the profile's required checks keep the verdict from ok.
TEST(Verify, ChecksNotRunAreListedAndRequiredOnesBlockOk) {
  const cv::Mat page = specimen(mrz::Format::td3, synth::Forgery::none, 1).page.image;
  for (Profile p : {Profile::kiosk, Profile::remote, Profile::trainer}) {
    DocumentVerifier v(options(p), {/*visual_zone=*/false});
    const VerifyResult r = v.verify(page);
    ASSERT_TRUE(r.read.found);
    for (std::string_view id : {"security.ir.b900", "security.uv.dull", "text.viz.mrz_consistency", "security.tamper.ela"}) {
      const CheckRecord* c = find(r, id);
      ASSERT_NE(c, nullptr) << id;
      EXPECT_EQ(c->status, CheckStatus::not_done) << id;
      EXPECT_NE(c->diagnose, Diagnose::none) << id;
    }
    // Remote checks require the presentation-attack tests, which run on a visible image;
    // the kiosk requires infrared and ultraviolet, which this page has not.
    for (std::string_view id : {"liveness.screen", "liveness.colour_copy", "liveness.grey_copy"}) {
      const CheckRecord* c = find(r, id);
      ASSERT_NE(c, nullptr) << id;
      EXPECT_EQ(c->status, CheckStatus::ok) << id << ": " << c->message.view();
      EXPECT_EQ(c->required, p == Profile::remote) << id;
    }
    const Verdict& verdict = r.read.best.mrz.verdict;
    if (p == Profile::kiosk) {
      EXPECT_EQ(verdict.status, VerdictStatus::not_done);
      EXPECT_TRUE(verdict.incomplete);
    } else {
      EXPECT_EQ(verdict.status, VerdictStatus::ok) << to_string(p);
    }
  }
}

TEST(Verify, ExpiredAndSpecimenDocumentsAreErrorsAtTheKiosk) {
  DocumentVerifier v(options(Profile::kiosk), {/*visual_zone=*/false});
  for (synth::Forgery f : {synth::Forgery::expired, synth::Forgery::specimen}) {
    const VerifyResult r = v.verify(specimen(mrz::Format::td3, f, 0).page.image);
    ASSERT_TRUE(r.read.found);
    EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::error) << synth::forgery_name(f);
  }
}

TEST(Verify, NoDocumentGivesNoChecksAndNoVerdict) {
  DocumentVerifier v(options(Profile::kiosk), {/*visual_zone=*/false});
  const cv::Mat blank(600, 800, CV_8UC3, cv::Scalar(200, 210, 190));
  const VerifyResult r = v.verify(blank);
  EXPECT_FALSE(r.read.found);
  EXPECT_TRUE(r.read.best.mrz.checks.empty());
  EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::not_done);
}

TEST(Verify, SaturationOfDegenerateQuadsIsNaN) {
  const cv::Mat img(100, 100, CV_8UC3, cv::Scalar(0, 0, 255));
  EXPECT_TRUE(std::isnan(checks::page_saturation(img, {})));
  EXPECT_TRUE(std::isnan(checks::page_saturation(img, {{-500, -500}, {-400, -500}, {-400, -400}, {-500, -400}})));
  EXPECT_TRUE(std::isnan(checks::page_saturation(cv::Mat(), {{0, 0}, {99, 0}, {99, 99}, {0, 99}})));
}

}  // namespace
}  // namespace docverify::verify
