#include <gtest/gtest.h>

#include <cmath>

#include "mrz/alphabet.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

namespace {
MrzReading reading_of(const std::vector<std::string>& lines) {
  MrzReading r;
  for (const auto& l : lines) {
    std::vector<CharReading> line;
    for (char c : l) line.push_back(CharReading{{CharCandidate{c, 0.99F}}});
    r.lines.push_back(std::move(line));
  }
  return r;
}
}  // namespace

TEST(Correction, LetterInADateIsProvenByItsDigit) {
  std::vector<std::string> bad = kTd3;
  bad[1][15] = 'O';  // birth date 740812 -> 74O812
  const MrzResult r = parse_mrz(join(bad), options_on(2010, 1, 1));
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections[0].line, 1);
  EXPECT_EQ(r.corrections[0].column, 15);
  EXPECT_EQ(r.corrections[0].from, 'O');
  EXPECT_EQ(r.corrections[0].to, '0');
  EXPECT_EQ(r.corrections[0].proven_by, CheckedField::birth_date);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.birth_date.iso(), "1974-08-12");
  EXPECT_TRUE(digit_of(r, CheckedField::birth_date)->corrected);
  EXPECT_EQ(r.lines_read.line(1)[15], 'O');  // what was read is kept
  const CheckRecord* c = find_check(r, "mrz.check_digit.birth_date");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->message.view().find("correction"), std::string_view::npos);
}

TEST(Correction, PossibleCharacterIsNotGuessedFromText) {
  // 'O' is a possible character in a document number, so from text alone O->0 would be
  // a guess that any one check digit verifies by chance one time in ten.
  std::vector<std::string> bad = kTd3;
  bad[1][5] = 'O';  // L898902C3 -> L898O02C3
  const MrzResult r = parse_mrz(join(bad), options_on(2010, 1, 1));
  EXPECT_TRUE(r.corrections.empty());
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::fail);
}

TEST(Correction, RecogniserRunnerUpConfirmedByFieldAndComposite) {
  std::vector<std::string> bad = kTd3;
  bad[1][5] = 'O';
  MrzReading reading = reading_of(bad);
  reading.lines[1][5].candidates = {CharCandidate{'O', 0.6F}, CharCandidate{'0', 0.4F}};
  const MrzResult r = parse_mrz_reading(reading, options_on(2010, 1, 1));
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.fields.document_number, "L898902C3");
  EXPECT_TRUE(r.valid);
}

TEST(Correction, MisreadCheckDigitItself) {
  std::vector<std::string> bad = kTd3;
  bad[1][9] = 'G';  // document number digit 6 read as G
  const MrzResult r = parse_mrz(join(bad), options_on(2010, 1, 1));
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections[0].to, '6');
  EXPECT_TRUE(r.valid);
}

TEST(Correction, NeverInFieldsNoDigitCovers) {
  std::vector<std::string> bad = kTd3;
  bad[0][7] = '1';  // ERIKSSON -> ER1KSSON: names have no check digit
  const MrzResult r = parse_mrz(join(bad), options_on(2010, 1, 1));
  EXPECT_TRUE(r.corrections.empty());
  EXPECT_EQ(r.fields.surname, "ER1KSSON");
  EXPECT_EQ(status_of(r, "mrz.syntax.name"), CheckStatus::error);
  EXPECT_FALSE(r.valid);
}

TEST(Correction, DigitForDigitIsNeverGuessedFromText) {
  std::vector<std::string> bad = kTd3;
  bad[1][14] = '5';  // birth year 74 -> 75: how a forger edits, not how OCR-B misreads
  const MrzResult r = parse_mrz(join(bad), options_on(2010, 1, 1));
  EXPECT_TRUE(r.corrections.empty());
  EXPECT_EQ(digit_of(r, CheckedField::birth_date)->status, CheckDigitStatus::fail);
}

TEST(Correction, DisabledLeavesTextAsRead) {
  std::vector<std::string> bad = kTd3;
  bad[1][15] = 'O';
  MrzOptions o = options_on(2010, 1, 1);
  o.correct = false;
  const MrzResult r = parse_mrz(join(bad), o);
  EXPECT_TRUE(r.corrections.empty());
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(status_of(r, "mrz.syntax.field_format"), CheckStatus::error);
}

TEST(Correction, TwoReadingsThatBothVerifyAreReportedNotApplied) {
  // MRV-B has no composite, so only the document number's digit can decide. The
  // recogniser hesitates at two places, and each runner-up alone makes the digit verify.
  std::vector<std::string> bad = kMrvb;
  bad[1][1] = 'B';  // L8988901C -> LB988901C
  MrzReading reading = reading_of(bad);
  reading.lines[1][1].candidates = {CharCandidate{'B', 0.5F}, CharCandidate{'8', 0.45F}};
  // At position 4 find the character that verifies together with the 'B'.
  const int needed = (char_value('8') - char_value('B')) * weight_at(1);  // what undoing B would add
  const int w4 = weight_at(4);
  char other = '\0';
  for (char c = '0'; c <= '9'; ++c) {
    const int delta = (char_value(c) - char_value(bad[1][4])) * w4;
    if (c != bad[1][4] && ((delta - needed) % 10 + 10) % 10 == 0) other = c;
  }
  ASSERT_NE(other, '\0');
  reading.lines[1][4].candidates = {CharCandidate{bad[1][4], 0.5F}, CharCandidate{other, 0.45F}};
  const MrzResult r = parse_mrz_reading(reading, options_on(1995, 1, 1));
  EXPECT_TRUE(r.corrections.empty());
  ASSERT_EQ(r.ambiguities.size(), 1U);
  EXPECT_EQ(r.ambiguities[0].check, CheckedField::document_number);
  EXPECT_EQ(r.ambiguities[0].readings.size(), 2U);
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::fail);
  const CheckRecord* rec = find_check(r, "mrz.check_digit.document_number");
  EXPECT_NE(rec->message.view().find("none was applied"), std::string_view::npos) << rec->message.view();
}

TEST(Correction, CompositeProvesWhatOnlyItCovers) {
  // TD1 optional data 2 is covered by the composite alone.
  std::vector<std::string> lines = {"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
  // Put "AB12" into optional data 2 and fix the composite, then misread the '1' as 'I'.
  lines[1].replace(18, 4, "AB12");
  {
    MrzOptions o = options_on(2010, 1, 1);
    o.correct = false;
    const MrzResult base = parse_mrz(join(lines), o);
    lines[1][29] = digit_of(base, CheckedField::composite)->expected;
  }
  std::vector<std::string> bad = lines;
  bad[1][20] = 'I';
  EXPECT_TRUE(parse_mrz(join(bad), options_on(2010, 1, 1)).corrections.empty());  // text: no guess
  MrzReading reading = reading_of(bad);
  // The recogniser also offers look-alikes elsewhere in the optional data.
  reading.lines[1][20].candidates = {CharCandidate{'I', 0.6F}, CharCandidate{'1', 0.35F}};
  reading.lines[1][18].candidates = {CharCandidate{'A', 0.6F}, CharCandidate{'4', 0.35F}};
  reading.lines[1][19].candidates = {CharCandidate{'B', 0.6F}, CharCandidate{'8', 0.35F}};
  const MrzResult r = parse_mrz_reading(reading, options_on(2010, 1, 1));
  // 'I' is valid in optional data, so only the composite sees the error. Of the offered
  // substitutions (A->4, B->8, I->1) only I->1 verifies.
  ASSERT_TRUE(r.ambiguities.empty());
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections[0].proven_by, CheckedField::composite);
  EXPECT_EQ(r.corrections[0].to, '1');
  EXPECT_EQ(r.fields.optional_data_2, "AB12");
  EXPECT_TRUE(r.valid);
}

TEST(Correction, RecogniserAlternativesDecide) {
  // The recogniser read the birth date digit '1' as '3' with a runner-up '1'; digit for
  // digit is tried only because the recogniser offers it.
  std::vector<std::string> bad = kTd3;
  bad[1][17] = '3';  // 740812 -> 740832 (invalid day too)
  MrzReading reading = reading_of(bad);
  reading.lines[1][17].candidates = {CharCandidate{'3', 0.55F}, CharCandidate{'1', 0.40F}};
  const MrzResult r = parse_mrz_reading(reading, options_on(2010, 1, 1));
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections[0].to, '1');
  EXPECT_TRUE(r.valid);
}

TEST(Correction, UnlikelyAlternativeAgainstLikelyOneIsNotATie) {
  std::vector<std::string> bad = kTd3;
  bad[1][17] = '3';
  MrzReading reading = reading_of(bad);
  // The runner-up is far less likely than the reading; still the only verifying one.
  reading.lines[1][17].candidates = {CharCandidate{'3', 0.97F}, CharCandidate{'1', 0.02F}};
  const MrzResult r = parse_mrz_reading(reading, options_on(2010, 1, 1));
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.lines.line(1)[17], '1');
}

TEST(Correction, ReadingWithoutCandidatesIsAnInputError) {
  MrzReading reading = reading_of(kTd3);
  reading.lines[0][3].candidates.clear();
  EXPECT_THROW(parse_mrz_reading(reading, options_on(2010, 1, 1)), MrzInputError);
}

}  // namespace docverify::mrz

namespace docverify::mrz {
namespace {
MrzReading plain_reading(const std::vector<std::string>& lines, float confidence) {
  MrzReading r;
  for (const auto& l : lines) {
    std::vector<CharReading> line;
    for (char c : l) line.push_back(CharReading{{CharCandidate{c, confidence}}});
    r.lines.push_back(std::move(line));
  }
  return r;
}
}  // namespace

// From the engine review: padding alternatives that change no sum must not push the
// cheapest proven reading out of the search.
TEST(Correction, CheapestCompositeReadingWinsDespitePadding) {
  const std::vector<std::string> lines = {"I<NLDXR12345670<<<<<<<<<<<<<<<", "8503127F3101012NLD<<<<<<<<<<<1",
                                          "DE<JONG<<ANNA<<<<<<<<<<<<<<<<<"};
  MrzReading reading = plain_reading(lines, 0.9F);
  const auto pad = [&](int line, int col) {
    auto& c = reading.lines[static_cast<std::size_t>(line)][static_cast<std::size_t>(col)].candidates;
    for (char alt : std::string("0AKU")) c.push_back(CharCandidate{alt, 0.9F * std::exp(-5.0F)});
  };
  for (int col = 15; col < 30; ++col) pad(0, col);
  for (int col = 18; col < 29; ++col) pad(1, col);
  reading.lines[0][15].candidates.push_back(CharCandidate{'7', 0.9F * std::exp(-0.1F)});
  reading.lines[1][28].candidates.push_back(CharCandidate{'7', 0.9F * std::exp(-1.2F)});
  const MrzResult r = parse_mrz_reading(reading, test::options_on(2026, 3, 1));
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections[0].line, 0);
  EXPECT_EQ(r.corrections[0].column, 15);
  EXPECT_EQ(r.corrections[0].to, '7');
  EXPECT_TRUE(r.valid);
}

TEST(Correction, ZeroMarginStillRefusesExactTies) {
  std::vector<std::string> bad = test::kMrvb;
  bad[1][1] = 'B';
  MrzReading reading = plain_reading(bad, 0.98F);
  reading.lines[1][1].candidates = {CharCandidate{'B', 0.5F}, CharCandidate{'8', 0.45F}};
  const int needed = (char_value('8') - char_value('B')) * weight_at(1);
  char other = '\0';
  for (char c = '0'; c <= '9'; ++c) {
    const int delta = (char_value(c) - char_value(bad[1][4])) * weight_at(4);
    if (c != bad[1][4] && ((delta - needed) % 10 + 10) % 10 == 0) other = c;
  }
  ASSERT_NE(other, '\0');
  reading.lines[1][4].candidates = {CharCandidate{bad[1][4], 0.5F}, CharCandidate{other, 0.45F}};
  MrzOptions o = test::options_on(1995, 1, 1);
  o.ambiguity_margin = 0.0;
  const MrzResult r = parse_mrz_reading(reading, o);
  EXPECT_TRUE(r.corrections.empty());
  EXPECT_FALSE(r.ambiguities.empty());
}

// Every position offers four alternatives and nothing verifies: the search is bounded and
// proves nothing.
TEST(Correction, AdversarialReadingIsBoundedAndProvesNothing) {
  std::vector<std::string> bad = test::kTd1;
  bad[1][29] = bad[1][29] == '9' ? '0' : static_cast<char>(bad[1][29] + 1);  // composite wrong
  bad[1][6] = bad[1][6] == '9' ? '0' : static_cast<char>(bad[1][6] + 1);    // birth digit wrong
  MrzReading reading = plain_reading(bad, 0.5F);
  for (auto& line : reading.lines)
    for (auto& ch : line)
      for (char alt : std::string("0A1B")) ch.candidates.push_back(CharCandidate{alt, 0.4F});
  MrzOptions o = test::options_on(2010, 1, 1);
  o.max_substitutions = 4;
  const MrzResult r = parse_mrz_reading(reading, o);
  EXPECT_FALSE(r.checks.empty());
  for (const auto& c : r.corrections) EXPECT_NE(c.proven_by, CheckedField::composite);
}
}  // namespace docverify::mrz
