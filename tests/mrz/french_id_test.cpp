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

TEST(FrenchId, NoExpiryMeansNotDoneNeverOk) {
  const MrzResult r = parse_mrz(join(kFraId), options_on(2020, 1, 1));
  const CheckRecord* e = find_check(r, "expiry.in_date");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, CheckStatus::not_done);
  EXPECT_EQ(e->diagnose, Diagnose::not_in_mrz);
  EXPECT_TRUE(r.verdict.incomplete);
  EXPECT_NE(r.verdict.status, VerdictStatus::ok);
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
