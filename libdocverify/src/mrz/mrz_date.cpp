#include "mrz/mrz_date.hpp"

#include <cstdio>
#include <cstdlib>

#include "mrz/alphabet.hpp"

namespace docverify::mrz {

std::string MrzDate::iso() const {
  if (!present || !calendar_valid || !year_known) return {};
  char buf[16];
  if (month_known && day_known) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  else if (month_known) std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

namespace {

enum class Part { known, unknown, invalid };

Part read_pair(char a, char b, int& value) noexcept {
  if (is_mrz_digit(a) && is_mrz_digit(b)) {
    value = (a - '0') * 10 + (b - '0');
    return Part::known;
  }
  if (a == kFiller && b == kFiller) return Part::unknown;
  return Part::invalid;
}

// Position in days for comparing candidates; unknown or invalid parts take their lowest value.
std::int64_t approx_days(int year, int month, int day) noexcept {
  const int m = month >= 1 && month <= 12 ? month : 1;
  const int dim = days_in_month(year, m);
  const int d = day >= 1 ? (day <= dim ? day : dim) : 1;
  return days_from_civil(Date{year, m, d});
}

}  // namespace

MrzDate resolve_mrz_date(std::string_view s, DateRole role, const Date& today) noexcept {
  MrzDate out;
  if (s.size() != 6) return out;
  out.present = s.find_first_not_of(kFiller) != std::string_view::npos;
  if (!out.present) return out;
  int yy = 0, mm = 0, dd = 0;
  const Part py = read_pair(s[0], s[1], yy);
  const Part pm = read_pair(s[2], s[3], mm);
  const Part pd = read_pair(s[4], s[5], dd);
  out.year_known = py == Part::known;
  out.month_known = pm == Part::known;
  out.day_known = pd == Part::known;
  bool valid = py != Part::invalid && pm != Part::invalid && pd != Part::invalid;
  // Unknown parts are allowed only in birth dates.
  if (role == DateRole::expiry && (!out.year_known || !out.month_known || !out.day_known)) valid = false;
  if (out.year_known) {
    const int century = today.year / 100 * 100;
    const std::int64_t t = days_from_civil(today);
    int year = century + yy;
    const std::int64_t d0 = approx_days(year, mm, dd);
    if (role == DateRole::birth) {
      if (d0 > t) year -= 100;
    } else {
      // The nearest century: only a date about 50 years away can be nearer one century off.
      constexpr std::int64_t kHalfCentury = 18250;
      if (d0 - t > kHalfCentury && std::llabs(approx_days(year - 100, mm, dd) - t) < d0 - t) year -= 100;
      else if (t - d0 > kHalfCentury && std::llabs(approx_days(year + 100, mm, dd) - t) < t - d0) year += 100;
    }
    out.year = year;
  }
  if (out.month_known) {
    out.month = mm;
    if (mm < 1 || mm > 12) valid = false;
  }
  if (out.day_known) {
    out.day = dd;
    const int limit = out.month_known && out.year_known && mm >= 1 && mm <= 12 ? days_in_month(out.year, mm)
                      : out.month_known && mm >= 1 && mm <= 12 ? days_in_month(2000, mm)  // leap year: widest
                                                                : 31;
    if (dd < 1 || dd > limit) valid = false;
  }
  out.calendar_valid = valid;
  return out;
}

bool iso_to_yymmdd(std::string_view iso, char out[6]) noexcept {
  for (int i = 0; i < 6; ++i) out[i] = kFiller;
  auto digits = [&](std::size_t pos, std::size_t n, int& v) {
    v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = iso[pos + i];
      if (!is_mrz_digit(c)) return false;
      v = v * 10 + (c - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (iso.size() != 4 && iso.size() != 7 && iso.size() != 10) return false;
  if (!digits(0, 4, y)) return false;
  if (iso.size() >= 7 && (iso[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12)) return false;
  if (iso.size() == 10 && (iso[7] != '-' || !digits(8, 2, d) || !is_valid_date(y, m, d))) return false;
  out[0] = static_cast<char>('0' + y / 10 % 10);
  out[1] = static_cast<char>('0' + y % 10);
  if (m) out[2] = static_cast<char>('0' + m / 10), out[3] = static_cast<char>('0' + m % 10);
  if (d) out[4] = static_cast<char>('0' + d / 10), out[5] = static_cast<char>('0' + d % 10);
  return true;
}

}  // namespace docverify::mrz
