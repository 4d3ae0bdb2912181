#include <gtest/gtest.h>

#include "mrz/builder.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

TEST(WorkedExamples, Td3) {
  const MrzResult r = parse_mrz(join(kTd3), options_on(2010, 1, 1));
  EXPECT_EQ(r.format, Format::td3);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.document_code, "P");
  EXPECT_EQ(r.fields.issuing_state, "UTO");
  EXPECT_EQ(r.fields.document_number, "L898902C3");
  EXPECT_EQ(r.fields.nationality, "UTO");
  EXPECT_EQ(r.fields.birth_date.iso(), "1974-08-12");
  EXPECT_EQ(r.fields.sex, 'F');
  EXPECT_EQ(r.fields.expiry_date.iso(), "2012-04-15");
  EXPECT_EQ(r.fields.surname, "ERIKSSON");
  EXPECT_EQ(r.fields.given_names, "ANNA MARIA");
  EXPECT_EQ(r.fields.optional_data, "ZE184226B");
  EXPECT_EQ(r.fields.optional_data_2, "");
  ASSERT_EQ(r.check_digit_count, 5);
  for (std::uint8_t i = 0; i < r.check_digit_count; ++i) EXPECT_EQ(r.check_digits[i].status, CheckDigitStatus::ok);
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->expected, '6');
  EXPECT_TRUE(r.corrections.empty());
  // Specimen: never reported as genuine.
  EXPECT_TRUE(r.verdict.specimen);
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
  EXPECT_EQ(status_of(r, "text.specimen"), CheckStatus::error);
}

TEST(WorkedExamples, Td3TrainerProfileMakesSpecimenAWarning) {
  const MrzResult r = parse_mrz(join(kTd3), options_on(2010, 1, 1, Profile::trainer));
  EXPECT_EQ(status_of(r, "text.specimen"), CheckStatus::warning);
  EXPECT_EQ(r.verdict.status, VerdictStatus::suspect);
  EXPECT_TRUE(r.verdict.specimen);
}

TEST(WorkedExamples, Td2) {
  const MrzResult r = parse_mrz(join(kTd2), options_on(2010, 1, 1));
  EXPECT_EQ(r.format, Format::td2);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.document_number, "D23145890");
  EXPECT_EQ(r.fields.birth_date.iso(), "1974-08-12");
  EXPECT_EQ(r.fields.expiry_date.iso(), "2012-04-15");
  EXPECT_EQ(r.fields.surname, "ERIKSSON");
  EXPECT_EQ(r.check_digit_count, 4);
}

TEST(WorkedExamples, Td1) {
  const MrzResult r = parse_mrz(join(kTd1), options_on(2010, 1, 1));
  EXPECT_EQ(r.format, Format::td1);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.document_number, "D23145890");
  EXPECT_EQ(r.fields.nationality, "UTO");
  EXPECT_EQ(r.fields.given_names, "ANNA MARIA");
  EXPECT_FALSE(r.long_document_number);
}

TEST(WorkedExamples, MrvA) {
  const MrzResult r = parse_mrz(join(kMrva), options_on(1995, 1, 1));
  EXPECT_EQ(r.format, Format::mrva);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.document_number, "L8988901C");
  EXPECT_EQ(r.fields.nationality, "XXX");
  EXPECT_EQ(r.fields.birth_date.iso(), "1940-09-07");
  EXPECT_EQ(r.fields.expiry_date.iso(), "1996-12-10");
  EXPECT_EQ(r.check_digit_count, 3);  // visas have no composite
  EXPECT_TRUE(r.is_uncovered(FieldId::optional_data));
}

TEST(WorkedExamples, MrvB) {
  const MrzResult r = parse_mrz(join(kMrvb), options_on(1995, 1, 1));
  EXPECT_EQ(r.format, Format::mrvb);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.optional_data, "");
  EXPECT_EQ(r.check_digit_count, 3);
}

TEST(WorkedExamples, UncoveredFieldsAreListed) {
  const MrzResult td3 = parse_mrz(join(kTd3), options_on(2010, 1, 1));
  for (FieldId f : {FieldId::surname, FieldId::given_names, FieldId::sex, FieldId::nationality, FieldId::document_code,
                    FieldId::issuing_state})
    EXPECT_TRUE(td3.is_uncovered(f)) << field_name(f);
  for (FieldId f : {FieldId::document_number, FieldId::birth_date, FieldId::expiry_date, FieldId::optional_data})
    EXPECT_FALSE(td3.is_uncovered(f)) << field_name(f);
  const MrzResult td1 = parse_mrz(join(kTd1), options_on(2010, 1, 1));
  EXPECT_TRUE(td1.is_uncovered(FieldId::nationality));  // the TD1 composite skips it
  EXPECT_FALSE(td1.is_uncovered(FieldId::optional_data_2));
}

TEST(WorkedExamples, OrdinaryPassportIsOk) {
  MrzFieldsInput in;
  in.format = Format::td3;
  in.document_code = "P";
  in.issuing_state = "NLD";
  in.document_number = "NX4K83JP1";
  in.nationality = "NLD";
  in.birth_date = "1985-03-10";
  in.sex = 'F';
  in.expiry_date = "2029-07-01";
  in.surname = "de Bruijn";
  in.given_names = "Willeke Liselotte";
  const MrzResult r = parse_mrz(join(build_mrz(in).lines), options_on(2024, 1, 1));
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.surname, "DE BRUIJN");
  EXPECT_EQ(r.fields.given_names, "WILLEKE LISELOTTE");
  EXPECT_EQ(r.verdict.status, VerdictStatus::ok);
  EXPECT_FALSE(r.verdict.specimen);
  EXPECT_TRUE(r.verdict.reasons.empty());
}

}  // namespace docverify::mrz
