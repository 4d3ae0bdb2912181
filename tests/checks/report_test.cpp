// Where the checks' evidence is (regions), the verdict policy an integrator sets, and the
// reports built from them: the annotated page and the HTML report.
#include <algorithm>

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "check_test_support.hpp"
#include "checks/verdict.hpp"
#include "report/visual_report.hpp"
#include "verify/check_regions.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::verify {
namespace {

synth::Specimen scan(mrz::Format f, synth::Forgery forgery, int index) { return specimen_of(f, forgery, index, 4242); }

DocumentVerifier trainer(bool keep_page) {
  reader::ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.mrz.profile = Profile::trainer;
  o.engine = reader::OcrEngine::builtin;
  VerifyOptions v;
  v.visual_zone = false;
  v.keep_page = keep_page;
  return DocumentVerifier(o, v);
}

cv::Rect rect(const CheckRegion& g) { return {g.x, g.y, g.width, g.height}; }

TEST(CheckRegions, CheckDigitErrorsPointAtTheirDigitAndField) {
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td3, mrz::Format::mrvb}) {
    const synth::Specimen s = scan(f, synth::Forgery::mrz_unrecomputed, 0);
    DocumentVerifier v = trainer(false);
    const VerifyResult r = v.verify(s.page.image);
    ASSERT_TRUE(r.read.found) << mrz::format_name(f);
    const CheckRecord* c = find(r, "mrz.check_digit.birth_date");
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(c->status, CheckStatus::error);
    ASSERT_EQ(c->regions.size(), 2u);  // the digit, the date
    // Both lie on the printed MRZ, within about a character of the characters they name.
    const mrz::Layout& layout = mrz::layout_of(f);
    const auto& digit_spans = layout.checks;
    for (std::uint8_t i = 0; i < layout.check_count; ++i) {
      if (digit_spans[i].field != mrz::CheckedField::birth_date) continue;
      const std::size_t digit = static_cast<std::size_t>(digit_spans[i].digit.line) * layout.length + digit_spans[i].digit.start;
      ASSERT_LT(digit, s.page.chars.size());
      const cv::Rect truth = s.page.chars[digit].box;
      const cv::Rect found = rect(c->regions[0]);
      EXPECT_GT((found & truth).area(), truth.area() / 3) << mrz::format_name(f) << " digit box " << found << " vs " << truth;
    }
    EXPECT_GT((rect(c->regions[1]) & s.page.mrz_box).area(), rect(c->regions[1]).area() * 3 / 4);
    // Checks that did not run point nowhere; the page-wide ones at the document.
    for (const CheckRecord& k : r.read.best.mrz.checks) {
      if (k.status == CheckStatus::not_done) {
        EXPECT_TRUE(k.regions.empty()) << k.id;
      }
      for (const CheckRegion& g : k.regions) {
        EXPECT_GT(g.width, 0) << k.id;
        EXPECT_LE(g.x + g.width, s.page.image.cols) << k.id;
        EXPECT_LE(g.y + g.height, s.page.image.rows) << k.id;
      }
    }
  }
}

TEST(CheckRegions, ACopiedDigitIsBoxedWhereItWasPasted) {
  DocumentVerifier v = trainer(false);
  int boxed = 0, flagged = 0;
  for (int i = 0; i < 4; ++i) {
    const synth::Specimen s = scan(mrz::Format::td3, synth::Forgery::copy_move, i);
    const VerifyResult r = v.verify(s.page.image);
    const CheckRecord* c = find(r, "security.tamper.copy_move");
    if (!c || c->status != CheckStatus::error) continue;
    ++flagged;
    auto on_forgery = [&s](const CheckRegion& g) {
      for (const auto& t : s.forgery_regions)
        if ((rect(g) & t.box).area() > 0) return true;
      return false;
    };
    if (std::any_of(c->regions.begin(), c->regions.end(), on_forgery)) ++boxed;
  }
  EXPECT_EQ(boxed, flagged);  // every finding is boxed on the forged digit
}

TEST(CheckRegions, MrzSpanRegionInterpolatesTheQuad) {
  // A 2 x 44 MRZ on an axis-aligned quad: line 1's first 10 characters.
  const std::vector<cv::Point2f> quad = {{100, 1000}, {1420, 1000}, {1420, 1000 + 30 * (1.1f + 4.23f / 2.54f)}, {100, 1000 + 30 * (1.1f + 4.23f / 2.54f)}};
  const CheckRegion g = mrz_span_region(quad, 2, 44, 1, 0, 10);
  EXPECT_NEAR(g.x, 100, 1);
  EXPECT_NEAR(g.width, 300, 2);
  EXPECT_NEAR(g.y, 1000 + 30 * 4.23 / 2.54, 2);
  EXPECT_NEAR(g.height, 33, 2);
  EXPECT_EQ(mrz_span_region({}, 2, 44, 0, 0, 1).width, 0);
}

CheckRecord record(std::string_view id, CheckStatus s, bool critical, bool required = true) {
  CheckRecord c;
  c.id = id;
  c.status = s;
  c.critical = critical;
  c.required = required;
  c.message = "m";
  return c;
}

CheckRule rule(const char* pattern, const char* weight) {
  CheckRule r;
  r.pattern = pattern;
  EXPECT_TRUE(parse_check_weight(weight, r)) << weight;
  return r;
}

Verdict decided(std::vector<CheckRecord> checks, const VerdictPolicy& p) {
  p.apply(checks);
  p.apply(checks);  // twice: the same flags
  return decide_verdict(checks, false, p);
}

TEST(VerdictPolicy, RulesReweighChecksAndTheLastMatchingRuleWins) {
  const std::vector<CheckRecord> checks = {record("mrz.check_digit.birth_date", CheckStatus::error, true),
                                           record("security.tamper.noise", CheckStatus::error, false),
                                           record("security.ir.b900", CheckStatus::not_done, false, false)};
  EXPECT_EQ(decide_verdict(checks, false).status, VerdictStatus::error);

  VerdictPolicy p;
  p.rules = {rule("mrz.check_digit.*", "advisory")};
  std::vector<CheckRecord> a = checks;
  p.apply(a);
  EXPECT_FALSE(a[0].critical);
  EXPECT_EQ(decided(checks, p).status, VerdictStatus::suspect);
  // as_reported undoes an earlier rule, also when the policy is applied twice.
  p.rules = {rule("*", "advisory"), rule("mrz.check_digit.*", "as_reported")};
  EXPECT_EQ(decided(checks, p).status, VerdictStatus::error);

  // Ignored checks decide nothing and are no reason; a rule that only requires does not
  // bring an ignored check back; a required check not done blocks OK.
  p.rules = {rule("*", "ignored"), rule("security.ir.*", "required")};
  Verdict v = decided(checks, p);
  EXPECT_EQ(v.status, VerdictStatus::ok);
  EXPECT_TRUE(v.reasons.empty());
  p.rules = {rule("*", "ignored"), rule("security.ir.*", "as_reported"), rule("security.ir.*", "required")};
  v = decided(checks, p);
  EXPECT_EQ(v.status, VerdictStatus::not_done);
  ASSERT_EQ(v.not_done.size(), 1u);
  EXPECT_EQ(v.not_done[0], "security.ir.b900");
  ASSERT_EQ(v.reasons.size(), 1u);
  a = checks;
  p.apply(a);
  EXPECT_TRUE(a[0].ignored);
  EXPECT_FALSE(a[2].ignored);

  // A warning alone no longer makes a suspect when two are asked for; 0: never.
  p.rules = {rule("mrz.check_digit.birth_date", "ignored")};
  p.warnings_for_suspect = 2;
  EXPECT_EQ(decided(checks, p).status, VerdictStatus::ok);
  p.warnings_for_suspect = 1;
  EXPECT_EQ(decided(checks, p).status, VerdictStatus::suspect);
  p.warnings_for_suspect = 0;
  EXPECT_EQ(decided(checks, p).status, VerdictStatus::ok);
  p.warnings_for_suspect = 1;
  p.rules = {rule("security.tamper.noise", "critical")};
  EXPECT_EQ(decided(checks, p).status, VerdictStatus::error);
  EXPECT_EQ(decided(checks, p).reasons.size(), 2u);
  CheckRule bad;
  EXPECT_FALSE(parse_check_weight("sometimes", bad));
}

TEST(VerdictPolicy, PatternsAreIdsFamiliesOrEverything) {
  EXPECT_TRUE(valid_check_pattern("security.tamper.copy_move"));
  EXPECT_TRUE(valid_check_pattern("security.*"));
  EXPECT_TRUE(valid_check_pattern("*"));
  const std::vector<std::string> bad = {"", "Security.*", "sec*", "a.*.b", "a b", "**", std::string(65, 'a')};
  for (const std::string& b : bad) EXPECT_FALSE(valid_check_pattern(b)) << b;
  const CheckRule family = rule("security.tamper.*", "ignored");
  EXPECT_TRUE(family.matches("security.tamper.ela"));
  EXPECT_FALSE(family.matches("security.tamperx"));
  EXPECT_FALSE(family.matches("security.ir.b900"));
}

TEST(VisualReport, AnnotatedPageBoxesFindingsInTheirColour) {
  const synth::Specimen s = scan(mrz::Format::td3, synth::Forgery::mrz_unrecomputed, 1);
  DocumentVerifier v = trainer(true);
  const VerifyResult r = v.verify(s.page.image);
  ASSERT_TRUE(r.read.found);
  ASSERT_FALSE(r.evidence.page.empty());
  const cv::Mat page = report::annotated_page(r.evidence, r.read);
  ASSERT_EQ(page.cols, r.evidence.page.cols);
  EXPECT_GT(page.rows, r.evidence.page.rows);  // the verdict banner
  // The birth-date digit's box is drawn red (error) on its edge.
  const CheckRecord* c = find(r, "mrz.check_digit.birth_date");
  ASSERT_TRUE(c && !c->regions.empty());
  const cv::Rect box = rect(c->regions[0]);
  const double s_ = r.evidence.scale;
  const cv::Vec3b edge = page.at<cv::Vec3b>(static_cast<int>((box.y + box.height) * s_) - 1, static_cast<int>((box.x + box.width / 2) * s_));
  EXPECT_GT(edge[2], 180);
  EXPECT_LT(edge[1], 90);
  // The PNG decodes to the same picture.
  const std::vector<unsigned char> png = report::annotated_png(r.evidence, r.read);
  const cv::Mat decoded = cv::imdecode(png, cv::IMREAD_COLOR);
  EXPECT_EQ(decoded.size(), page.size());
  // Nothing kept: nothing drawn.
  EXPECT_TRUE(report::annotated_page({}, r.read).empty());
}

TEST(VisualReport, HtmlListsEveryCheckAndWhatWasNotDoneEscaped) {
  const synth::Specimen s = scan(mrz::Format::td1, synth::Forgery::none, 2);
  DocumentVerifier v = trainer(true);
  VerifyResult r = v.verify(s.page.image);
  ASSERT_TRUE(r.read.found);
  // Messages may quote what OCR read off a forged page: it must come out as text.
  r.read.best.mrz.checks.front().message = std::string("<script>alert(1)</script>");
  const std::string html = report::html_report(r.evidence, r.read, {Date{2026, 12, 1}, Profile::trainer}, "a&b.png");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a&amp;b.png"), std::string::npos);
  for (const CheckRecord& c : r.read.best.mrz.checks) EXPECT_NE(html.find(std::string(c.id)), std::string::npos) << c.id;
  EXPECT_NE(html.find("Not checked"), std::string::npos);
  EXPECT_NE(html.find("text.viz.mrz_consistency</code>"), std::string::npos);  // switched off here: listed
  EXPECT_NE(html.find("data:image/jpeg;base64,"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // self-contained: no external resources
}

TEST(VisualReport, NothingFoundStillReports) {
  DocumentVerifier v = trainer(true);
  const VerifyResult r = v.verify(cv::Mat(300, 400, CV_8UC3, cv::Scalar(200, 200, 200)));
  ASSERT_FALSE(r.read.found);
  const std::string html = report::html_report(r.evidence, r.read, {}, "blank");
  EXPECT_NE(html.find("no MRZ found"), std::string::npos);
  const cv::Mat page = report::annotated_page(r.evidence, r.read);
  EXPECT_EQ(page.cols, 400);
}

}  // namespace
}  // namespace docverify::verify
