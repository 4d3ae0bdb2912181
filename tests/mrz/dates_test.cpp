#include <gtest/gtest.h>

#include "mrz/builder.hpp"
#include "mrz/mrz_date.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

TEST(MrzDates, BirthTakesLatestCenturyNotAfterToday) {
  const Date today{2026, 12, 1};
  EXPECT_EQ(resolve_mrz_date("261130", DateRole::birth, today).year, 2026);
  EXPECT_EQ(resolve_mrz_date("261202", DateRole::birth, today).year, 1926);  // tomorrow: a century back
  EXPECT_EQ(resolve_mrz_date("740812", DateRole::birth, today).year, 1974);
  EXPECT_EQ(resolve_mrz_date("000229", DateRole::birth, today).year, 2000);
  EXPECT_TRUE(resolve_mrz_date("000229", DateRole::birth, today).calendar_valid);
  EXPECT_EQ(resolve_mrz_date("991231", DateRole::birth, Date{2000, 1, 1}).year, 1999);
}

TEST(MrzDates, ExpiryTakesNearestCentury) {
  const Date today{2026, 12, 1};
  EXPECT_EQ(resolve_mrz_date("120415", DateRole::expiry, today).year, 2012);
  EXPECT_EQ(resolve_mrz_date("360101", DateRole::expiry, today).year, 2036);
  EXPECT_EQ(resolve_mrz_date("760101", DateRole::expiry, today).year, 2076);  // 49 years ahead
  EXPECT_EQ(resolve_mrz_date("780101", DateRole::expiry, today).year, 1978);  // 49 years back
  EXPECT_EQ(resolve_mrz_date("050101", DateRole::expiry, Date{2098, 6, 1}).year, 2105);
}

TEST(MrzDates, UnknownBirthPartsStayUnknown) {
  const Date today{2026, 12, 1};
  MrzDate d = resolve_mrz_date("74<<<<", DateRole::birth, today);
  EXPECT_TRUE(d.present && d.calendar_valid && d.year_known);
  EXPECT_FALSE(d.month_known || d.day_known);
  EXPECT_EQ(d.iso(), "1974");
  d = resolve_mrz_date("7408<<", DateRole::birth, today);
  EXPECT_EQ(d.iso(), "1974-08");
  d = resolve_mrz_date("<<<<<<", DateRole::birth, today);
  EXPECT_FALSE(d.present);
  EXPECT_EQ(d.iso(), "");
  // Unknown parts are not allowed in expiry dates.
  EXPECT_FALSE(resolve_mrz_date("12<<<<", DateRole::expiry, today).calendar_valid);
}

TEST(MrzDates, InvalidCalendarDates) {
  const Date today{2026, 12, 1};
  EXPECT_FALSE(resolve_mrz_date("741332", DateRole::birth, today).calendar_valid);
  EXPECT_FALSE(resolve_mrz_date("740231", DateRole::birth, today).calendar_valid);
  EXPECT_FALSE(resolve_mrz_date("010229", DateRole::birth, today).calendar_valid);  // 2001 not leap
  EXPECT_FALSE(resolve_mrz_date("7408<2", DateRole::birth, today).calendar_valid);   // half-unknown day
  EXPECT_FALSE(resolve_mrz_date("74O812", DateRole::birth, today).calendar_valid);
}

TEST(MrzDates, UnknownBirthPartsInAFullMrz) {
  MrzFieldsInput in;
  in.format = Format::td3;
  in.document_code = "P";
  in.issuing_state = "SOM";
  in.document_number = "P01234567";
  in.nationality = "SOM";
  in.birth_date = "1980";
  in.sex = 'M';
  in.expiry_date = "2028-01-01";
  in.surname = "Ali";
  in.given_names = "Hassan";
  const auto built = build_mrz(in);
  EXPECT_EQ(built.lines[1].substr(13, 6), "80<<<<");
  const MrzResult r = parse_mrz(join(built.lines), options_on(2024, 1, 1));
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.fields.birth_date.iso(), "1980");
  EXPECT_EQ(status_of(r, "mrz.syntax.date"), CheckStatus::ok);
  EXPECT_EQ(status_of(r, "text.date.age_range"), CheckStatus::ok);
}

TEST(MrzDates, ExpiredIsSeparateFromInvalid) {
  const MrzResult r = parse_mrz(join(kTd3), options_on(2026, 12, 1, Profile::trainer));
  EXPECT_TRUE(r.valid);
  const CheckRecord* e = find_check(r, "expiry.in_date");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, CheckStatus::error);
  EXPECT_EQ(e->diagnose, Diagnose::expired);
  EXPECT_EQ(e->group, CheckGroup::expiry);
}

TEST(MrzDates, IsoRoundTrip) {
  char out[6];
  ASSERT_TRUE(iso_to_yymmdd("1974-08-12", out));
  EXPECT_EQ(std::string(out, 6), "740812");
  ASSERT_TRUE(iso_to_yymmdd("1974-08", out));
  EXPECT_EQ(std::string(out, 6), "7408<<");
  EXPECT_FALSE(iso_to_yymmdd("1974-02-30", out));
  EXPECT_FALSE(iso_to_yymmdd("74-08-12", out));
}

}  // namespace docverify::mrz
