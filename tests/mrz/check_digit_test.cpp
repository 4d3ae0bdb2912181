#include <gtest/gtest.h>

#include "mrz/alphabet.hpp"
#include "mrz/check_digit.hpp"

namespace docverify::mrz {

TEST(CheckDigit, SpecExamples) {
  EXPECT_EQ(compute_check_digit("L898902C3"), '6');
  EXPECT_EQ(compute_check_digit("740812"), '2');
  EXPECT_EQ(compute_check_digit("120415"), '9');
  EXPECT_EQ(compute_check_digit("D23145890734"), '9');
  EXPECT_EQ(compute_check_digit("ZE184226B<<<<<"), '1');
}

TEST(CheckDigit, ValuesAndFiller) {
  EXPECT_EQ(char_value('<'), 0);
  EXPECT_EQ(char_value('A'), 10);
  EXPECT_EQ(char_value('Z'), 35);
  EXPECT_EQ(char_value('9'), 9);
  EXPECT_EQ(char_value('a'), -1);
  EXPECT_EQ(compute_check_digit("<<<<<<<<<"), '0');
  EXPECT_EQ(compute_check_digit(""), '0');
}

TEST(CheckDigit, RejectsNonMrzCharacters) {
  EXPECT_EQ(compute_check_digit("L8989O2c3"), '\0');
  EXPECT_FALSE(check_digit_residue("AB CD").has_value());
}

// The blind classes of the spec: same value mod 10 cannot be told apart.
TEST(CheckDigit, SameResidueSubstitutionsAreInvisible) {
  EXPECT_EQ(compute_check_digit("K12345678"), compute_check_digit("<12345678"));
  EXPECT_EQ(compute_check_digit("I12345678"), compute_check_digit("S12345678"));
  EXPECT_NE(compute_check_digit("O12345678"), compute_check_digit("012345678"));
}

TEST(CheckDigit, WeightsContinueAcrossSpans) {
  // Residue over "ABC" + "DEF" equals the residue of "ABCDEF" when the second span
  // starts at weight index 3.
  const int a = *check_digit_residue("ABC", 0);
  const int b = *check_digit_residue("DEF", 3);
  EXPECT_EQ((a + b) % 10, *check_digit_residue("ABCDEF", 0));
}

}  // namespace docverify::mrz
