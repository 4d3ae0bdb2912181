// The MRZ against the visual zone: the matching rules on words as an OCR gives them (no
// Tesseract needed), then the whole check on generated scans - genuine pages are not
// flagged, a rewritten visual-zone surname is.
#include <gtest/gtest.h>

#include "checks/viz_consistency.hpp"
#include "mrz/parser.hpp"
#include "synth/specimen.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::checks {
namespace {

// ICAO 9303-4 Appendix specimen (Utopia, Eriksson Anna Maria).
constexpr const char* kTd3 =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

mrz::MrzResult specimen_mrz() {
  mrz::MrzOptions o;
  o.today = Date{2010, 1, 1};
  return mrz::parse_mrz(kTd3, o);
}

std::vector<ocr::VizWord> lines_of(std::initializer_list<std::initializer_list<const char*>> lines, float confidence = 0.95f) {
  std::vector<ocr::VizWord> words;
  int line = 0, y = 0;
  for (const auto& l : lines) {
    int x = 0;
    for (const char* w : l) {
      words.push_back({w, cv::Rect(x, y, 40, 20), confidence, line});
      x += 50;
    }
    ++line;
    y += 30;
  }
  return words;
}

const VizField* field(const VizComparison& c, std::string_view name) {
  for (const auto& f : c.fields)
    if (f.field == name) return &f;
  return nullptr;
}

TEST(Viz, ValuesAreFoundInThePrintedFormsPassportsUse) {
  const mrz::MrzResult m = specimen_mrz();
  ASSERT_TRUE(m.valid);
  // Names with diacritics and in mixed case, the number with OCR's broken stroke, dates
  // as "12 AUG/AOUT 74" and "15.04.2012".
  const auto words = lines_of({{"Surname", "/", "Nom"}, {"Eriksson"}, {"Given", "names"}, {"Anna", "Mária"},
                               {"Date", "of", "birth"}, {"12", "AUG/AOUT", "74"}, {"Passport", "No."},
                               {"L8989O2C)"}, {"Date", "of", "expiry"}, {"15.04.2012"}});
  const VizComparison c = compare_viz(words, {}, m);
  for (std::string_view f : {"document_number", "surname", "given_names", "birth_date", "expiry_date"}) {
    ASSERT_NE(field(c, f), nullptr) << f;
    EXPECT_TRUE(field(c, f)->match == VizMatch::found || field(c, f)->match == VizMatch::found_with_confusions) << f;
  }
  EXPECT_EQ(field(c, "document_number")->match, VizMatch::found_with_confusions);
  const auto records = viz_checks(c);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.front().id, "text.viz.mrz_consistency");
  EXPECT_EQ(records.front().status, CheckStatus::ok);
}

TEST(Viz, ADifferentNameAfterItsLabelIsAMismatchAndAMissingValueIsNotEvidence) {
  const mrz::MrzResult m = specimen_mrz();
  const auto words = lines_of({{"Surname"}, {"Johansson"}, {"Given", "names"}, {"Anna"}, {"Date", "of", "birth"},
                               {"1974-08-12"}, {"Document", "no."}, {"L898902C3"}});
  const VizComparison c = compare_viz(words, {}, m);
  EXPECT_EQ(field(c, "surname")->match, VizMatch::mismatch);
  EXPECT_EQ(field(c, "surname")->viz_value, "Johansson");
  EXPECT_EQ(field(c, "expiry_date")->match, VizMatch::absent);
  for (const CheckRecord& r : viz_checks(c)) {
    if (r.id == "text.viz.mrz.surname") {
      EXPECT_EQ(r.status, CheckStatus::warning);
      EXPECT_EQ(r.diagnose, Diagnose::source_mismatch);
    }
    if (r.id == "text.viz.mrz.expiry_date") {
      EXPECT_EQ(r.status, CheckStatus::not_done);
    }
    if (r.id == "text.viz.mrz_consistency") {
      EXPECT_EQ(r.status, CheckStatus::warning);
    }
  }
  // The same value read with doubt proves nothing.
  const VizComparison doubtful = compare_viz(lines_of({{"Surname"}, {"Johansson"}, {"1974-08-12"}, {"L898902C3"}}, 0.5f), {}, m);
  EXPECT_EQ(field(doubtful, "surname")->match, VizMatch::absent);
}

TEST(Viz, AZoneReadTooPoorlyIsNotJudged) {
  const mrz::MrzResult m = specimen_mrz();
  const VizComparison c = compare_viz(lines_of({{"~~"}, {"e"}}), {}, m);
  for (const CheckRecord& r : viz_checks(c)) EXPECT_EQ(r.status, CheckStatus::not_done) << r.id;
  VizComparison no_ocr;
  const auto records = viz_checks(no_ocr);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].diagnose, Diagnose::not_available);
  EXPECT_TRUE(visual_zone(cv::Mat(), {}, mrz::Format::td3, 44).image.empty());
}

TEST(Viz, RewrittenSurnamesAreFlaggedAndGenuinePagesAreNot) {
  static synth::PageRenderer renderer;
  reader::ReadOptions ro;
  ro.mrz.today = Date{2026, 12, 1};
  ro.mrz.profile = Profile::trainer;
  ro.engine = reader::OcrEngine::builtin;
  verify::DocumentVerifier v(ro);
  ocr::VizTextReader probe;
  if (!probe.available()) GTEST_SKIP() << "Tesseract's English model is not installed";
  int genuine_flagged = 0, rewritten_flagged = 0, n = 0;
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td3, mrz::Format::mrvb})
    for (int i = 0; i < 2; ++i, ++n) {
      synth::SpecimenOptions o;
      o.format = f;
      o.seed = 313;
      const verify::VerifyResult genuine = v.verify(synth::make_specimen(o, i, renderer).page.image);
      o.forgery = synth::Forgery::viz_rewritten;
      const verify::VerifyResult rewritten = v.verify(synth::make_specimen(o, i, renderer).page.image);
      ASSERT_TRUE(genuine.read.found && rewritten.read.found);
      auto flagged = [](const verify::VerifyResult& r) {
        for (const auto& c : r.read.best.mrz.checks)
          if (c.id == "text.viz.mrz_consistency") return c.status == CheckStatus::warning || c.status == CheckStatus::error;
        return false;
      };
      genuine_flagged += flagged(genuine);
      rewritten_flagged += flagged(rewritten);
    }
  EXPECT_EQ(genuine_flagged, 0);
  EXPECT_GE(rewritten_flagged, n / 2) << "of " << n;
}

}  // namespace
}  // namespace docverify::checks
