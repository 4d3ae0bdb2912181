#include <gtest/gtest.h>

#include "mrz/builder.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

TEST(LongNumber, Td1SpecExample) {
  const std::vector<std::string> lines = {"I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                          "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
  MrzOptions o = options_on(2010, 1, 1);
  o.correct = false;
  const MrzResult r = parse_mrz(join(lines), o);
  EXPECT_TRUE(r.long_document_number);
  EXPECT_EQ(r.fields.document_number, "D23145890734");
  EXPECT_EQ(r.fields.optional_data, "");
  const CheckDigitResult* cd = digit_of(r, CheckedField::document_number);
  ASSERT_NE(cd, nullptr);
  EXPECT_EQ(cd->status, CheckDigitStatus::ok);  // not a check-digit failure
  EXPECT_EQ(cd->expected, '9');
  EXPECT_EQ(cd->column, 18);  // line 1 position 19
}

TEST(LongNumber, BuiltTd1AndTd2RoundTrip) {
  for (Format f : {Format::td1, Format::td2}) {
    MrzFieldsInput in;
    in.format = f;
    in.document_code = "ID";
    in.issuing_state = "BEL";
    in.document_number = f == Format::td1 ? "AB1234567890123" : "AB12345678901";
    in.nationality = "BEL";
    in.birth_date = "1990-02-28";
    in.sex = 'M';
    in.expiry_date = "2030-02-27";
    in.surname = "Peeters";
    in.given_names = "Jan";
    in.optional_data = f == Format::td1 ? "X1" : "";
    const auto built = build_mrz(in);
    const MrzResult r = parse_mrz(join(built.lines), options_on(2024, 1, 1));
    EXPECT_TRUE(r.valid) << join(built.lines);
    EXPECT_TRUE(r.long_document_number);
    EXPECT_EQ(r.fields.document_number, in.document_number);
    EXPECT_EQ(r.fields.optional_data, in.optional_data);
    EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::ok);
  }
}

TEST(LongNumber, WrongLongNumberDigitFails) {
  const std::vector<std::string> lines = {"I<UTOD23145890<7348<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                          "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
  const MrzResult r = parse_mrz(join(lines), options_on(2010, 1, 1));
  // The long reading does not verify, so it is read as a nine-character number whose digit
  // was not printed; the composite, computed over the genuine digit, fails.
  EXPECT_FALSE(r.long_document_number);
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::absent);
  EXPECT_EQ(digit_of(r, CheckedField::composite)->status, CheckDigitStatus::fail);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
}

TEST(LongNumber, ShortNumberWithAbsentDigitIsNotLong) {
  // From the engine review: a 9-character number, digit not printed, optional data after.
  std::vector<std::string> lines = {"I<NLDXR1234567<1234567<<<<<<<<", "8503127F3101012NLD<<<<<<<<<<<0",
                                    "DE<JONG<<ANNA<<<<<<<<<<<<<<<<<"};
  MrzOptions o = options_on(2026, 3, 1);
  o.correct = false;
  lines[1][29] = digit_of(parse_mrz(join(lines), o), CheckedField::composite)->expected;
  const MrzResult r = parse_mrz(join(lines), o);
  EXPECT_FALSE(r.long_document_number);
  EXPECT_EQ(r.fields.document_number, "XR1234567");
  EXPECT_EQ(r.fields.optional_data, "1234567");
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::absent);
  // Fillers among the first nine characters: never a long number.
  lines[0] = "I<NLDXR12345<<<AB12<<<<<<<<<<<";
  EXPECT_FALSE(parse_mrz(join(lines), o).long_document_number);
}

TEST(LongNumber, LetterAtTheLongDigitIsCorrected) {
  MrzFieldsInput in;
  in.format = Format::td1;
  in.document_code = "I";
  in.issuing_state = "BEL";
  in.document_number = "590330101086";
  in.nationality = "BEL";
  in.birth_date = "1985-03-12";
  in.sex = 'F';
  in.expiry_date = "2031-01-01";
  in.surname = "Dupont";
  in.given_names = "Marie";
  std::vector<std::string> lines = build_mrz(in).lines;
  const std::size_t k = lines[0].find('<', 15);
  ASSERT_NE(k, std::string::npos);
  ASSERT_EQ(lines[0][k - 1], '0') << lines[0];  // this number's long digit happens to be 0
  lines[0][k - 1] = 'O';
  const MrzResult r = parse_mrz(join(lines), options_on(2026, 3, 1));
  EXPECT_TRUE(r.long_document_number);
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections[0].to, '0');
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.document_number, "590330101086");
}

TEST(LongNumber, TooLongForTheFieldIsRefusedByTheBuilder) {
  MrzFieldsInput in;
  in.format = Format::td2;
  in.document_code = "I";
  in.issuing_state = "UTO";
  in.document_number = "D2314589012345678";
  in.nationality = "UTO";
  in.birth_date = "1974-08-12";
  in.surname = "X";
  EXPECT_THROW(build_mrz(in), std::invalid_argument);
}

}  // namespace docverify::mrz
