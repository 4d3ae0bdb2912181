#include <gtest/gtest.h>

#include "mrz/builder.hpp"
#include "mrz/country_codes.hpp"
#include "mrz/national_rules.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

TEST(CountryCodes, CompleteIsoTablePlusIcao) {
  const auto t = all_country_codes();
  int iso = 0;
  for (const CountryCode* c = t.begin; c != t.end; ++c) iso += c->iso3166 ? 1 : 0;
  EXPECT_EQ(iso, 249);
  for (const char* c : {"AFG", "ZWE", "NLD", "D", "GBD", "RKS", "EUE", "UNO", "XPO", "XXA", "ANT", "UTO", "IAO"})
    EXPECT_NE(find_country_code(c), nullptr) << c;
  for (const char* c : {"XYZ", "", "D<<", "YUG", "nld"}) EXPECT_EQ(find_country_code(c), nullptr) << c;
  EXPECT_EQ(find_country_code("XXA")->as_issuer, CodeUse::wrong_role);
  EXPECT_EQ(find_country_code("XXA")->as_nationality, CodeUse::ok);
  EXPECT_EQ(find_country_code("EUE")->as_nationality, CodeUse::unusual);
}

namespace {
MrzResult with_codes(const std::string& issuer, const std::string& nationality) {
  std::vector<std::string> l = kTd3;
  MrzFieldsInput in;
  in.format = Format::td3;
  in.document_code = "P";
  in.issuing_state = issuer;
  in.document_number = "X1234567";
  in.nationality = nationality;
  in.birth_date = "1980-01-01";
  in.sex = 'M';
  in.expiry_date = "2030-01-01";
  in.surname = "Doe";
  in.given_names = "John";
  return parse_mrz(join(build_mrz(in).lines), options_on(2025, 1, 1));
}
}  // namespace

TEST(CountryCodes, RolesInAnMrz) {
  EXPECT_EQ(status_of(with_codes("NLD", "NLD"), "mrz.code.issuing_state"), CheckStatus::ok);
  EXPECT_EQ(status_of(with_codes("QQQ", "NLD"), "mrz.code.issuing_state"), CheckStatus::error);
  EXPECT_EQ(status_of(with_codes("NLD", "QQQ"), "mrz.code.nationality"), CheckStatus::error);
  EXPECT_EQ(status_of(with_codes("XXA", "XXA"), "mrz.code.issuing_state"), CheckStatus::error);
  EXPECT_EQ(status_of(with_codes("NLD", "XXA"), "mrz.code.nationality"), CheckStatus::ok);
  EXPECT_EQ(status_of(with_codes("ANT", "ANT"), "mrz.code.issuing_state"), CheckStatus::warning);
  EXPECT_EQ(status_of(with_codes("IAO", "NLD"), "mrz.code.issuing_state"), CheckStatus::error);
  EXPECT_EQ(status_of(with_codes("D", "D"), "mrz.code.issuing_state"), CheckStatus::ok);
  EXPECT_EQ(with_codes("D", "D").fields.issuing_state, "D");
  EXPECT_EQ(status_of(with_codes("DEU", "DEU"), "text.national.deu_code"), CheckStatus::warning);
  EXPECT_EQ(status_of(with_codes("FRA", "NLD"), "mrz.code.issuer_nationality"), CheckStatus::warning);
  EXPECT_EQ(status_of(with_codes("GBR", "GBD"), "mrz.code.issuer_nationality"), CheckStatus::ok);
  const MrzResult ok = with_codes("NLD", "NLD");
  EXPECT_EQ(ok.verdict.status, VerdictStatus::ok);
}

TEST(NationalRules, DutchElevenTest) {
  EXPECT_TRUE(passes_eleven_test("111222333"));
  EXPECT_TRUE(passes_eleven_test("123456782"));
  EXPECT_FALSE(passes_eleven_test("123456789"));
  EXPECT_FALSE(passes_eleven_test("12345678"));
}

}  // namespace docverify::mrz
