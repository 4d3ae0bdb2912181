#include <gtest/gtest.h>

#include "mrz/builder.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

namespace {
MrzFieldsInput passport() {
  MrzFieldsInput in;
  in.format = Format::td3;
  in.document_code = "P";
  in.issuing_state = "CAN";
  in.document_number = "GA302922";
  in.nationality = "CAN";
  in.birth_date = "1988-11-23";
  in.sex = 'F';
  in.expiry_date = "2031-05-02";
  in.surname = "Tremblay";
  in.given_names = "Sophie";
  return in;
}
MrzResult parse_built(const MrzFieldsInput& in, Date today = Date{2025, 6, 1}) {
  MrzOptions o;
  o.today = today;
  return parse_mrz(join(build_mrz(in).lines), o);
}
}  // namespace

TEST(Validation, EveryRecordHasIdGroupAndMessage) {
  const MrzResult r = parse_built(passport());
  EXPECT_EQ(r.verdict.status, VerdictStatus::ok);
  for (const auto& c : r.checks) {
    EXPECT_FALSE(c.id.empty());
    EXPECT_FALSE(c.message.view().empty()) << c.id;
    if (c.status != CheckStatus::ok) {
      EXPECT_NE(c.diagnose, Diagnose::none) << c.id;
    }
  }
}

TEST(Validation, SexValues) {
  std::vector<std::string> lines = build_mrz(passport()).lines;
  lines[1][20] = 'X';  // X in the MRZ: a warning
  MrzOptions o = options_on(2025, 6, 1);
  o.correct = false;
  // The composite does not cover sex, so changing it keeps the digits right.
  MrzResult r = parse_mrz(join(lines), o);
  EXPECT_EQ(status_of(r, "mrz.syntax.sex"), CheckStatus::warning);
  EXPECT_EQ(r.fields.sex, 'X');
  lines[1][20] = 'Q';
  r = parse_mrz(join(lines), o);
  EXPECT_EQ(status_of(r, "mrz.syntax.sex"), CheckStatus::error);
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
}

TEST(Validation, DocumentCodeMustFitFormat) {
  MrzFieldsInput in = passport();
  in.document_code = "I";  // an ID code on a 2x44 passport: the builder refuses it
  EXPECT_THROW(build_mrz(in), std::invalid_argument);
  std::vector<std::string> lines = build_mrz(passport()).lines;
  lines[0][0] = 'I';  // no check digit covers the code, so only this check can see it
  const MrzResult r = parse_mrz(join(lines), options_on(2025, 6, 1));
  EXPECT_EQ(status_of(r, "mrz.syntax.doc_code"), CheckStatus::error);
  EXPECT_FALSE(r.valid);
}

TEST(Validation, ImpossibleDatesAndOrder) {
  MrzFieldsInput in = passport();
  in.expiry_date = "1980-01-01";  // before birth
  MrzResult r = parse_built(in);
  EXPECT_EQ(status_of(r, "text.date.order"), CheckStatus::error);
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
}

TEST(Validation, ExpiredDependsOnReferenceDate) {
  const MrzFieldsInput in = passport();
  EXPECT_EQ(status_of(parse_built(in, Date{2031, 5, 2}), "expiry.in_date"), CheckStatus::ok);
  const MrzResult late = parse_built(in, Date{2031, 5, 3});
  EXPECT_EQ(status_of(late, "expiry.in_date"), CheckStatus::error);
  EXPECT_EQ(late.verdict.status, VerdictStatus::error);  // kiosk: expired is decisive
  MrzOptions o;
  o.today = Date{2031, 5, 3};
  o.profile = Profile::trainer;
  EXPECT_EQ(parse_mrz(join(build_mrz(in).lines), o).verdict.status, VerdictStatus::suspect);
}

TEST(Validation, SpecimenWordsAndNumbers) {
  MrzFieldsInput in = passport();
  in.surname = "Specimen";
  // A generic word alone is a warning: real people are called Muster.
  EXPECT_EQ(status_of(parse_built(in), "text.specimen"), CheckStatus::warning);
  EXPECT_EQ(parse_built(in).verdict.status, VerdictStatus::suspect);
  in.surname = "Muster";
  EXPECT_EQ(status_of(parse_built(in), "text.specimen"), CheckStatus::warning);
  in = passport();
  in.document_number = "000000000";
  EXPECT_EQ(status_of(parse_built(in), "text.specimen"), CheckStatus::warning);
  in = passport();
  in.issuing_state = "D";
  in.nationality = "D";
  in.surname = "Mustermann";
  in.given_names = "Erika";
  in.document_number = "C01X00T47";
  const MrzResult r = parse_built(in);
  EXPECT_TRUE(r.verdict.specimen);
  EXPECT_EQ(status_of(r, "text.national.deu_passport_number"), CheckStatus::ok);
}

TEST(Validation, GermanPassportNumberPattern) {
  MrzFieldsInput in = passport();
  in.issuing_state = "D";
  in.nationality = "D";
  in.document_number = "CAB123456";  // vowels are never used
  EXPECT_EQ(status_of(parse_built(in), "text.national.deu_passport_number"), CheckStatus::warning);
}

TEST(Validation, AbsentOptionalDigitOnEmptyFieldIsFine) {
  const MrzResult r = parse_built(passport());  // empty personal number, digit '<'
  const CheckDigitResult* cd = digit_of(r, CheckedField::optional_data);
  ASSERT_NE(cd, nullptr);
  EXPECT_EQ(cd->status, CheckDigitStatus::absent);
  EXPECT_EQ(status_of(r, "mrz.check_digit.optional_data"), CheckStatus::ok);
  EXPECT_TRUE(r.valid);
}

TEST(Validation, AbsentDigitOnFilledFieldIsAWarning) {
  // India is known to print '<' where the personal-number digit is due.
  std::vector<std::string> lines = kTd3;
  lines[1][42] = '<';
  MrzOptions o = options_on(2010, 1, 1, Profile::trainer);
  o.correct = false;
  // The issuer computes the composite over what it printed, the '<' included.
  lines[1][43] = digit_of(parse_mrz(join(lines), o), CheckedField::composite)->expected;
  const MrzResult r = parse_mrz(join(lines), o);
  EXPECT_EQ(digit_of(r, CheckedField::optional_data)->status, CheckDigitStatus::absent);
  EXPECT_EQ(status_of(r, "mrz.check_digit.optional_data"), CheckStatus::warning);
  EXPECT_TRUE(r.valid);  // absent is its own state: neither a pass nor a failure
  EXPECT_EQ(r.verdict.status, VerdictStatus::suspect);
}

TEST(Validation, NotDoneIsNeverAPass) {
  // Issued 1988-06: in June 1998 it may or may not have expired (no day of issue printed).
  const MrzResult r = parse_mrz(join(kFraId), options_on(1998, 6, 15));
  EXPECT_EQ(r.verdict.status, VerdictStatus::not_done);
  EXPECT_EQ(status_of(r, "mrz.syntax.name"), CheckStatus::ok);  // a full name field: possibly truncated, not suspect
  EXPECT_TRUE(r.verdict.incomplete);
  ASSERT_EQ(r.verdict.not_done.size(), 1U);
  EXPECT_EQ(r.verdict.not_done[0], "expiry.in_date");
}

}  // namespace docverify::mrz

namespace docverify::mrz {
TEST(Validation, UnknownBirthDateIsNotAnError) {
  MrzFieldsInput in;
  in.format = Format::td3;
  in.document_code = "P";
  in.issuing_state = "CAN";
  in.document_number = "AB1234567";
  in.nationality = "CAN";
  in.birth_date = "1980";
  in.sex = 'F';
  in.expiry_date = "2031-01-01";
  in.surname = "Martin";
  in.given_names = "Sarah";
  std::vector<std::string> lines = build_mrz(in).lines;
  lines[1].replace(13, 7, "<<<<<<0");  // all six birth-date characters unknown; digit of fillers is 0
  // The composite covers the birth date: recompute it.
  MrzOptions o = test::options_on(2026, 3, 1);
  o.correct = false;
  const MrzResult first = parse_mrz(test::join(lines), o);
  lines[1][43] = digit_of(first, CheckedField::composite)->expected;
  const MrzResult r = parse_mrz(test::join(lines), o);
  EXPECT_EQ(status_of(r, "mrz.syntax.date"), CheckStatus::ok);
  EXPECT_TRUE(r.valid);
  EXPECT_FALSE(r.fields.birth_date.present);
}

TEST(Validation, ChineseNameZhengjianIsNotASpecimen) {
  MrzFieldsInput in;
  in.format = Format::td3;
  in.document_code = "P";
  in.issuing_state = "CHN";
  in.document_number = "E12345678";
  in.nationality = "CHN";
  in.birth_date = "1985-03-12";
  in.sex = 'M';
  in.expiry_date = "2031-01-01";
  in.surname = "Wang";
  in.given_names = "Zhengjian";
  MrzOptions o = test::options_on(2026, 3, 1);
  const MrzResult r = parse_mrz(test::join(build_mrz(in).lines), o);
  EXPECT_EQ(status_of(r, "text.specimen"), CheckStatus::ok);
  EXPECT_EQ(r.verdict.status, VerdictStatus::ok);
}
}  // namespace docverify::mrz
