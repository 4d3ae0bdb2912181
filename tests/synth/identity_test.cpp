// Fictitious holders: the names follow the sex field.
#include <gtest/gtest.h>

#include <set>

#include "synth/identity.hpp"

namespace docverify::synth {
namespace {

TEST(Identity, NamesFollowTheSexField) {
  const Date today{2026, 12, 1};
  std::set<char> sexes_seen;
  int inflected_surnames = 0;
  for (mrz::Format format : {mrz::Format::td1, mrz::Format::td3, mrz::Format::fra_id}) {
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
      Random rng(seed);
      const Identity id = random_identity(format, rng, today);
      const mrz::MrzFieldsInput& f = id.fields;
      SCOPED_TRACE(f.given_names + " " + f.surname + " sex " + std::string(1, f.sex));
      sexes_seen.insert(f.sex);
      const char given = sex_of_given_names(f.given_names);
      const char surname = sex_of_surname(f.surname);
      ASSERT_NE(given, '?');
      ASSERT_NE(surname, '?');
      if (f.sex == 'F' || f.sex == 'M') {
        EXPECT_EQ(given, f.sex);
        EXPECT_TRUE(surname == 'X' || surname == f.sex);
        inflected_surnames += surname != 'X';
      } else {
        EXPECT_EQ(f.sex, 'X');
        EXPECT_NE(format, mrz::Format::fra_id);  // the 1988 card knew M and F only
      }
    }
  }
  EXPECT_EQ(sexes_seen, (std::set<char>{'F', 'M', 'X'}));
  EXPECT_GT(inflected_surnames, 20);  // Polish, Russian and Greek surnames were drawn and fit
}

TEST(Identity, TablesTellTheSexOfANameAndOfTwoNames) {
  EXPECT_EQ(sex_of_given_names("Zofia"), 'F');
  EXPECT_EQ(sex_of_given_names("Pieter Jan"), 'M');   // one name with a space
  EXPECT_EQ(sex_of_given_names("Emily Rose Amelia"), 'F');
  EXPECT_EQ(sex_of_given_names("Jack Amelia"), '?');  // mixed
  EXPECT_EQ(sex_of_surname("Kowalska"), 'F');
  EXPECT_EQ(sex_of_surname("Иванов"), 'M');
  EXPECT_EQ(sex_of_surname("Jansen"), 'X');
}

}  // namespace
}  // namespace docverify::synth
