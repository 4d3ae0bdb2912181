// Screen recapture and colour copy on generated scans: each forgery is caught by its own
// check and genuine pages by neither; grey pages and pages without a scale are not judged.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "checks/presentation.hpp"
#include "synth/specimen.hpp"
#include "check_test_support.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::verify {
namespace {

synth::Specimen scan(mrz::Format f, synth::Forgery forgery, int index) {
  synth::SpecimenOptions o;
  o.format = f;
  o.forgery = forgery;
  o.capture = synth::Capture::scan;
  o.seed = 202;
  return synth::make_specimen(o, index, renderer());
}

DocumentVerifier trainer() {
  reader::ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.mrz.profile = Profile::trainer;
  o.engine = reader::OcrEngine::builtin;
  return DocumentVerifier(o, {/*visual_zone=*/false});  // Tesseract on the visual zone is tested in viz_test
}

CheckStatus status_of(const VerifyResult& r, std::string_view id) {
  for (const auto& c : r.read.best.mrz.checks)
    if (c.id == id) return c.status;
  ADD_FAILURE() << id << " missing";
  return CheckStatus::not_done;
}

bool flagged(CheckStatus s) { return s == CheckStatus::warning || s == CheckStatus::error; }

constexpr mrz::Format kFormats[] = {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrva, mrz::Format::mrvb};

TEST(Presentation, GenuineScansAreNeitherScreensNorCopies) {
  DocumentVerifier v = trainer();
  int flags = 0, n = 0;
  for (mrz::Format f : kFormats)
    for (int i = 0; i < 2; ++i) {
      const synth::Specimen s = scan(f, synth::Forgery::none, i);
      const VerifyResult r = v.verify(s.page.image);
      ASSERT_TRUE(r.read.found) << s.name;
      ++n;
      flags += flagged(status_of(r, "liveness.screen")) + flagged(status_of(r, "liveness.colour_copy"));
      EXPECT_EQ(status_of(r, "liveness.screen"), CheckStatus::ok) << s.name << " score " << r.presentation.screen_score;
    }
  EXPECT_EQ(flags, 0) << "of " << n;
}

TEST(Presentation, ScreenRecapturesAndColourCopiesAreCaught) {
  DocumentVerifier v = trainer();
  int screens = 0, copies = 0, n_screens = 0, n_copies = 0;
  for (mrz::Format f : kFormats)
    for (int i = 0; i < 2; ++i) {
      const VerifyResult screen = v.verify(scan(f, synth::Forgery::screen_recapture, i).page.image);
      if (screen.read.found) {
        ++n_screens;
        screens += flagged(status_of(screen, "liveness.screen")) || flagged(status_of(screen, "liveness.colour_copy"));
      }
      const VerifyResult copy = v.verify(scan(f, synth::Forgery::colour_copy, i).page.image);
      if (copy.read.found) {
        ++n_copies;
        // A copy taken for a screen is still caught as a presentation attack.
        copies += flagged(status_of(copy, "liveness.colour_copy")) || flagged(status_of(copy, "liveness.screen"));
      }
    }
  ASSERT_GE(n_screens, 8);
  ASSERT_GE(n_copies, 8);
  EXPECT_GE(screens, n_screens - 1);
  EXPECT_GE(copies, n_copies - 1);
}

TEST(Presentation, GreyCopiesAreLeftToTheGreyCopyTest) {
  DocumentVerifier v = trainer();
  const VerifyResult r = v.verify(scan(mrz::Format::td3, synth::Forgery::grey_copy, 0).page.image);
  ASSERT_TRUE(r.read.found);
  EXPECT_EQ(status_of(r, "liveness.colour_copy"), CheckStatus::not_done);
  EXPECT_EQ(status_of(r, "liveness.grey_copy"), CheckStatus::error);
}

TEST(Presentation, NoScaleOrTinyImagesGiveNotDone) {
  const cv::Mat page = scan(mrz::Format::td3, synth::Forgery::none, 1).page.image;
  const checks::PresentationMeasures none = checks::measure_presentation(page, {}, 0);
  EXPECT_TRUE(std::isnan(none.screen_score));
  for (const CheckRecord& c : checks::presentation_checks(none, true)) {
    EXPECT_EQ(c.status, CheckStatus::not_done);
    EXPECT_NE(c.diagnose, Diagnose::none);
  }
  const checks::PresentationMeasures tiny = checks::measure_presentation(cv::Mat(20, 30, CV_8UC3, cv::Scalar(90, 120, 200)), {}, 3);
  for (const CheckRecord& c : checks::presentation_checks(tiny, true)) EXPECT_EQ(c.status, CheckStatus::not_done);
  for (const CheckRecord& c : checks::presentation_checks(checks::measure_presentation(page, {}, 30), false))
    EXPECT_EQ(c.diagnose, Diagnose::quality_gate_failed);
  EXPECT_TRUE(std::isnan(checks::measure_presentation(cv::Mat(), {}, 30).screen_score));
}

}  // namespace
}  // namespace docverify::verify
