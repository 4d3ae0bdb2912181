#pragma once
// Proleptic Gregorian dates: the one calendar every module (MRZ, seals, chip) shares.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace docverify {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date& a, const Date& b) noexcept {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const Date& a, const Date& b) noexcept { return !(a == b); }
};

bool is_leap_year(int year) noexcept;
int days_in_month(int year, int month) noexcept;  // 0 for an invalid month
bool is_valid_date(int year, int month, int day) noexcept;

// Days since 1970-01-01 (negative before). The date must be valid.
std::int64_t days_from_civil(const Date& d) noexcept;
Date civil_from_days(std::int64_t days) noexcept;

// Negative, zero or positive as a is before, equal to or after b.
int compare_dates(const Date& a, const Date& b) noexcept;

// Whole years from `from` to `to` (age on `to` of someone born on `from`).
int whole_years_between(const Date& from, const Date& to) noexcept;

// Adds whole years; 29 February becomes 28 February in a common year.
Date add_years(const Date& d, int years) noexcept;

// Today's date in UTC from the system clock. Only the faces call this; the engine
// always takes the reference date as a parameter so results are reproducible.
Date today_utc() noexcept;

// Strict YYYY-MM-DD.
std::optional<Date> parse_iso_date(std::string_view text) noexcept;
std::string format_iso_date(const Date& d);

}  // namespace docverify
