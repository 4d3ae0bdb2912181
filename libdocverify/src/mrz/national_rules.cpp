#include "mrz/national_rules.hpp"

#include "mrz/alphabet.hpp"

namespace docverify::mrz {

bool passes_eleven_test(std::string_view s) noexcept {
  if (s.size() != 9) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    if (!is_mrz_digit(s[i])) return false;
    const int weight = i < 8 ? 9 - static_cast<int>(i) : -1;
    sum += (s[i] - '0') * weight;
  }
  return sum % 11 == 0;
}

namespace {

CheckRecord record(std::string_view id, CheckStatus status, bool critical, Diagnose d, CheckMessage m) {
  CheckRecord r;
  r.id = id;
  r.group = CheckGroup::text;
  r.status = status;
  r.critical = critical;
  r.diagnose = status == CheckStatus::ok ? Diagnose::none : d;
  r.message = std::move(m);
  return r;
}

// German passport numbers: authority code and serial without vowels or B, D, Q, S
// (secondary source: never critical).
bool german_passport_number(std::string_view n) {
  static constexpr std::string_view kFirst = "CFGHJK";
  static constexpr std::string_view kRest = "0123456789CFGHJKLMNPRTVWXYZ";
  if (n.size() != 9 || kFirst.find(n[0]) == std::string_view::npos) return false;
  for (std::size_t i = 1; i < 9; ++i)
    if (kRest.find(n[i]) == std::string_view::npos) return false;
  return true;
}

void french_id_rules(const MrzResult& r, const MrzOptions& o, std::vector<CheckRecord>& out) {
  const std::string& number = r.fields.document_number;
  // Number = issue YYMM + department (3) + sequence (5); the department repeats line 1 31-33.
  int yy = -1, mm = -1;
  if (number.size() >= 4 && is_mrz_digit(number[0]) && is_mrz_digit(number[1]) && is_mrz_digit(number[2]) &&
      is_mrz_digit(number[3])) {
    yy = (number[0] - '0') * 10 + (number[1] - '0');
    mm = (number[2] - '0') * 10 + (number[3] - '0');
  }
  if (yy < 0 || mm < 1 || mm > 12) {
    out.push_back(record("text.national.fra_id_issue_date", CheckStatus::error, false, Diagnose::field_format,
                         "the document number does not start with an issue year and month (YYMM)"));
  } else {
    // Cards were issued from 1988: 88-99 are 19xx, the rest 20xx.
    const int year = yy >= 88 ? 1900 + yy : 2000 + yy;
    const bool in_range = year < o.today.year || (year == o.today.year && mm <= o.today.month);
    std::string text = "issued " + std::to_string(year) + "-" + (mm < 10 ? "0" : "") + std::to_string(mm);
    out.push_back(record("text.national.fra_id_issue_date", in_range ? CheckStatus::ok : CheckStatus::error, false,
                         Diagnose::logic,
                         in_range ? CheckMessage(text + ", within 1988 and the reference date")
                                  : CheckMessage(text + " is after the reference date")));
  }
  const std::string_view department_line1 = r.lines.line(0).substr(30, 3);
  if (number.size() >= 7) {
    const std::string_view department_number = std::string_view(number).substr(4, 3);
    const bool same = department_line1 == department_number;
    out.push_back(record("text.national.fra_id_department", same ? CheckStatus::ok : CheckStatus::warning, false,
                         Diagnose::logic,
                         same ? CheckMessage("the department in the number matches line 1")
                              : CheckMessage("department " + std::string(department_number) +
                                             " in the number differs from department " +
                                             std::string(department_line1) + " on line 1")));
  }
}

}  // namespace

void check_national_rules(const MrzResult& r, const MrzOptions& o, std::vector<CheckRecord>& out) {
  const MrzFields& f = r.fields;
  // string_view comparisons check the length first: no call on the common path.
  const std::string_view issuer = f.issuing_state;
  const std::string_view nationality = f.nationality;
  const bool passport = r.format == Format::td3 && !f.document_code.empty() && f.document_code[0] == 'P';
  const bool ordinary_passport = r.format == Format::td3 && f.document_code == "P";
  if (issuer == "DEU" || nationality == "DEU") {
    out.push_back(record("text.national.deu_code", CheckStatus::warning, false, Diagnose::code_role,
                         "Germany is written D (D<<) in an MRZ, never DEU (ICAO 9303-3 §5)"));
  }
  if (issuer == "D" && ordinary_passport) {  // the pattern is known for ordinary passports only
    const bool ok = german_passport_number(f.document_number);
    out.push_back(record("text.national.deu_passport_number", ok ? CheckStatus::ok : CheckStatus::warning, false,
                         Diagnose::field_format,
                         ok ? CheckMessage("number has the German passport pattern")
                            : CheckMessage("number " + f.document_number +
                                           " does not have the German passport pattern [CFGHJK] + 8 of "
                                           "0-9 CFGHJKLMNPRTVWXYZ (secondary source)")));
  }
  if (issuer == "NLD" && passport && f.optional_data.size() == 9 &&
      f.optional_data.find_first_not_of("0123456789") == std::string::npos) {
    const bool ok = passes_eleven_test(f.optional_data);
    out.push_back(record("text.national.nld_bsn", ok ? CheckStatus::ok : CheckStatus::warning, false, Diagnose::logic,
                         ok ? CheckMessage("personal number passes the BSN 11-test")
                            : CheckMessage("personal number " + f.optional_data +
                                           " fails the BSN 11-test (placement of the BSN unverified)")));
  }
  if (r.format == Format::fra_id) french_id_rules(r, o, out);
}

}  // namespace docverify::mrz
