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
  EXPECT_EQ(digit_of(r, CheckedField::document_number)->status, CheckDigitStatus::fail);
  EXPECT_FALSE(r.valid);
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
