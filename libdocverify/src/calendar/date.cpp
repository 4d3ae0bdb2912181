#include "calendar/date.hpp"

#include <chrono>
#include <cstdio>

namespace docverify {

bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(int year, int month, int day) noexcept {
  return year >= 1 && year <= 9999 && day >= 1 && day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(const Date& d) noexcept {
  const std::int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int compare_dates(const Date& a, const Date& b) noexcept {
  if (a.year != b.year) return a.year < b.year ? -1 : 1;
  if (a.month != b.month) return a.month < b.month ? -1 : 1;
  if (a.day != b.day) return a.day < b.day ? -1 : 1;
  return 0;
}

int whole_years_between(const Date& from, const Date& to) noexcept {
  int years = to.year - from.year;
  if (to.month < from.month || (to.month == from.month && to.day < from.day)) --years;
  return years;
}

Date add_years(const Date& d, int years) noexcept {
  Date r{d.year + years, d.month, d.day};
  if (r.month == 2 && r.day == 29 && !is_leap_year(r.year)) r.day = 28;
  return r;
}

Date today_utc() noexcept {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return civil_from_days(days);
}

std::optional<Date> parse_iso_date(std::string_view t) noexcept {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < lens[k]; ++i) {
      const char c = t[static_cast<std::size_t>(starts[k] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  if (!is_valid_date(v[0], v[1], v[2])) return std::nullopt;
  return Date{v[0], v[1], v[2]};
}

std::string format_iso_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

}  // namespace docverify
