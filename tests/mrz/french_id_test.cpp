#include <gtest/gtest.h>

#include "mrz/builder.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

TEST(FrenchId, DetectedAndParsed) {
  const MrzResult r = parse_mrz(join(kFraId), options_on(2020, 1, 1));
  EXPECT_EQ(r.format, Format::fra_id);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.document_code, "ID");
  EXPECT_EQ(r.fields.issuing_state, "FRA");
  EXPECT_EQ(r.fields.nationality, "FRA");
  EXPECT_EQ(r.fields.document_number, "880692310285");
  EXPECT_EQ(r.fields.surname, "BERTHIER");
  EXPECT_EQ(r.fields.given_names, "CORINNE ELISE");
  EXPECT_EQ(r.fields.birth_date.iso(), "1965-12-06");
  EXPECT_EQ(r.fields.sex, 'F');
  EXPECT_FALSE(r.fields.expiry_date.present);
  EXPECT_EQ(r.fields.optional_data, "923047");
  EXPECT_EQ(r.check_digit_count, 3);
  EXPECT_EQ(status_of(r, "text.national.fra_id_issue_date"), CheckStatus::ok);
  EXPECT_EQ(status_of(r, "text.national.fra_id_department"), CheckStatus::ok);
}

// kFraId with another 12-character number (issue YYMM first), its digits recomputed.
std::vector<std::string> with_number(const std::string& number) {
  std::vector<std::string> lines = kFraId;
  lines[1].replace(0, 12, number);
  MrzOptions o = options_on(2020, 1, 1);
  o.correct = false;
  lines[1][12] = digit_of(parse_mrz(join(lines), o), CheckedField::document_number)->expected;
  lines[1][35] = digit_of(parse_mrz(join(lines), o), CheckedField::composite)->expected;
  return lines;
}

CheckStatus expiry_on(const std::vector<std::string>& lines, int y, int m, int d) {
  const MrzResult r = parse_mrz(join(lines), options_on(y, m, d));
  EXPECT_TRUE(r.valid) << lines[1];
  return status_of(r, "expiry.in_date");
}

TEST(FrenchId, ExpiryFollowsFromTheIssueMonth) {
  // Issued 1988-06, valid 10 years: in date until May 1998, uncertain in June 1998 (the day
  // of issue is not printed), expired after.
  EXPECT_EQ(expiry_on(kFraId, 1995, 1, 1), CheckStatus::ok);
  EXPECT_EQ(expiry_on(kFraId, 1998, 6, 15), CheckStatus::not_done);
  EXPECT_EQ(expiry_on(kFraId, 2020, 1, 1), CheckStatus::error);
  const MrzResult r = parse_mrz(join(kFraId), options_on(2020, 1, 1));
  const CheckRecord* e = find_check(r, "expiry.in_date");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->diagnose, Diagnose::expired);
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
  // An adult's card of 2005 is valid 15 years, a minor's 10.
  const auto adult = with_number("050692310285");  // born 1965
  EXPECT_EQ(expiry_on(adult, 2019, 1, 1), CheckStatus::ok);
  EXPECT_EQ(expiry_on(adult, 2020, 7, 1), CheckStatus::error);
  std::vector<std::string> minor = adult;
  minor[1].replace(27, 6, "951206");  // born 1995: 9 at issue
  minor[1][33] = digit_of(parse_mrz(join(minor), options_on(2020, 1, 1)), CheckedField::birth_date)->expected;
  minor[1][35] = digit_of(parse_mrz(join(minor), options_on(2020, 1, 1)), CheckedField::composite)->expected;
  EXPECT_EQ(expiry_on(minor, 2016, 1, 1), CheckStatus::error);
  // January 2004: a card of the 1st is valid 10 years, of the 2nd on 15: between the two, not judged.
  const auto january = with_number("040192310285");
  EXPECT_EQ(expiry_on(january, 2013, 12, 1), CheckStatus::ok);
  EXPECT_EQ(expiry_on(january, 2016, 1, 15), CheckStatus::not_done);
  EXPECT_EQ(expiry_on(january, 2019, 2, 1), CheckStatus::error);
}

TEST(FrenchId, FinalDigitCoversBothLines) {
  std::vector<std::string> bad = kFraId;
  bad[0][7] = 'X';  // surname letter: only the final digit covers it
  MrzOptions o = options_on(2020, 1, 1);
  const MrzResult r = parse_mrz(join(bad), o);
  EXPECT_EQ(digit_of(r, CheckedField::composite)->status, CheckDigitStatus::fail);
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::ok);
}

TEST(FrenchId, IssueDateAfterReferenceIsFlagged) {
  // Issued 2005-06 by the number; a reference date before that makes it impossible.
  const std::vector<std::string> lines = {"IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013",
                                          "0506932020438CHRISTIANE<<NI2910014F6"};
  MrzOptions o = options_on(2004, 1, 1);
  o.correct = false;
  const MrzResult r = parse_mrz(join(lines), o);
  EXPECT_EQ(r.format, Format::fra_id);
  EXPECT_EQ(status_of(r, "text.national.fra_id_issue_date"), CheckStatus::error);
}

TEST(FrenchId, DepartmentMismatchIsAWarning) {
  const std::vector<std::string> lines = {"IDFRABERTHIER<<<<<<<<<<<<<<<<<069047",
                                          "8806923102858CORINNE<<ELISE6512068F4"};
  MrzOptions o = options_on(2020, 1, 1);
  o.correct = false;
  const MrzResult r = parse_mrz(join(lines), o);
  EXPECT_EQ(status_of(r, "text.national.fra_id_department"), CheckStatus::warning);
}

}  // namespace docverify::mrz

namespace docverify::mrz {
// A TD2 ID document of France also starts "IDFRA"; its check digits decide.
TEST(FrenchId, Td2OfFranceIsNotTheOldCard) {
  MrzFieldsInput in;
  in.format = Format::td2;
  in.document_code = "ID";
  in.issuing_state = "FRA";
  in.document_number = "NG5LR1J3L";
  in.nationality = "FRA";
  in.birth_date = "1988-02-16";
  in.sex = 'F';
  in.expiry_date = "2032-10-15";
  in.surname = "Moreau";
  in.given_names = "Hélène";
  const MrzResult r = parse_mrz(test::join(build_mrz(in).lines), test::options_on(2026, 12, 1));
  EXPECT_EQ(r.format, Format::td2);
  EXPECT_TRUE(r.valid);
  // And the old card stays the old card.
  EXPECT_EQ(parse_mrz(test::join(test::kFraId), test::options_on(2020, 1, 1)).format, Format::fra_id);
}
}  // namespace docverify::mrz
