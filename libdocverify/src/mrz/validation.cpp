#include "mrz/validation.hpp"

#include <string>

#include "mrz/alphabet.hpp"
#include "mrz/country_codes.hpp"
#include "mrz/fields.hpp"
#include "mrz/names.hpp"
#include "mrz/national_rules.hpp"
#include "mrz/specimen.hpp"

namespace docverify::mrz {
namespace {

// Reports print positions 1-based, as the standard does.
std::string position(int line0, int column0) {
  return "line " + std::to_string(line0 + 1) + " column " + std::to_string(column0 + 1);
}

std::string quoted(char c) { return std::string("'") + c + "'"; }

CheckRecord make(std::string_view id, CheckGroup group, bool critical) {
  CheckRecord r;
  r.id = id;
  r.group = group;
  r.critical = critical;
  return r;
}

void set(CheckRecord& r, CheckStatus s, Diagnose d, CheckMessage m) {
  r.status = s;
  r.diagnose = s == CheckStatus::ok ? Diagnose::none : d;
  r.message = std::move(m);
}

const char* format_description(Format f) {
  switch (f) {
    case Format::td1: return "TD1: ID card, 3 lines of 30";
    case Format::td2: return "TD2: ID document, 2 lines of 36";
    case Format::td3: return "TD3: passport, 2 lines of 44";
    case Format::mrva: return "MRV-A: visa, 2 lines of 44";
    case Format::mrvb: return "MRV-B: visa, 2 lines of 36";
    case Format::fra_id: return "old French national ID card (1988-2021), 2 lines of 36";
  }
  return "";
}

std::string_view zone_label(ZoneKind k) {
  switch (k) {
    case ZoneKind::document_code: return "document code";
    case ZoneKind::issuing_state: return "issuing state";
    case ZoneKind::name: return "name";
    case ZoneKind::surname: return "surname";
    case ZoneKind::given_names: return "given names";
    case ZoneKind::document_number: return "document number";
    case ZoneKind::nationality: return "nationality";
    case ZoneKind::birth_date: return "birth date";
    case ZoneKind::sex: return "sex";
    case ZoneKind::expiry_date: return "expiry date";
    case ZoneKind::optional_data: return "optional data";
    case ZoneKind::optional_data_2: return "optional data 2";
    case ZoneKind::department: return "department";
    case ZoneKind::office: return "office";
    case ZoneKind::check_digit: return "check digit";
  }
  return "field";
}

std::string_view class_label(std::uint8_t cls) {
  if (cls == kDigit) return "a digit";
  if (cls == kDigitOrFiller) return "a digit or '<'";
  if (cls == kLetterOrFiller) return "a letter or '<'";
  return "a letter, digit or '<'";
}

// At most this many positions are spelled out in one message.
constexpr int kMaxListed = 3;

void check_alphabet_and_classes(const MrzResult& r, const CheckPlan& plan, std::vector<CheckRecord>& out) {
  const Layout& layout = layout_of(r.format);
  CheckRecord alphabet = make("mrz.syntax.alphabet", CheckGroup::mrz, true);
  CheckRecord format = make("mrz.syntax.field_format", CheckGroup::mrz, true);
  // The long-number digit sits inside the optional data and must be a digit.
  const std::size_t long_digit =
      plan.long_number ? r.lines.index(plan.checks[0].digit.line, plan.checks[0].digit.start) : kMaxChars;
  std::string bad_chars, bad_classes;
  int n_chars = 0, n_classes = 0;
  const int length = r.lines.length();
  const int lines_to_scan = r.syntax.bad_chars + r.syntax.bad_classes > 0 ? r.lines.count() : 0;
  for (int line = 0; line < lines_to_scan; ++line) {
    const std::string_view text = r.lines.line(line);
    for (int col = 0; col < length; ++col) {
      const char c = text[static_cast<std::size_t>(col)];
      const std::size_t i = static_cast<std::size_t>(line * length + col);
      if (!is_mrz_char(c)) {
        if (n_chars++ < kMaxListed) bad_chars += (bad_chars.empty() ? "" : "; ") + position(line, col) + ": " + quoted(c);
        continue;
      }
      if (layout.in_name[i]) continue;  // the name check reports names
      const std::uint8_t cls = i == long_digit ? std::uint8_t{kDigit} : layout.classes[i];
      if (class_admits(cls, c)) continue;
      if (n_classes++ < kMaxListed) {
        ZoneKind kind = ZoneKind::check_digit;
        for (std::uint8_t z = 0; z < layout.zone_count; ++z) {
          const Span& sp = layout.zones[z].span;
          if (sp.line == line && col >= sp.start && col < sp.start + sp.length) kind = layout.zones[z].kind;
        }
        bad_classes += (bad_classes.empty() ? "" : "; ") + position(line, col) + ": " + quoted(c) + " in the " +
                       std::string(zone_label(kind)) + ", which takes " + std::string(class_label(cls));
      }
    }
  }
  if (n_chars == 0) set(alphabet, CheckStatus::ok, Diagnose::none, "only A-Z, 0-9 and '<'");
  else
    set(alphabet, CheckStatus::error, Diagnose::syntax,
        std::to_string(n_chars) + " character(s) outside A-Z, 0-9, '<': " + bad_chars + (n_chars > kMaxListed ? "; ..." : ""));
  if (n_classes == 0) set(format, CheckStatus::ok, Diagnose::none, "every position holds a character its field allows");
  else
    set(format, CheckStatus::error, Diagnose::field_format,
        std::to_string(n_classes) + " position(s) with a character the field does not allow: " + bad_classes +
            (n_classes > kMaxListed ? "; ..." : ""));
  out.push_back(std::move(alphabet));
  out.push_back(std::move(format));
}

void check_document_code(const MrzResult& r, std::vector<CheckRecord>& out) {
  CheckRecord rec = make("mrz.syntax.doc_code", CheckGroup::mrz, true);
  const char c0 = r.lines.at(0, 0);
  const char c1 = r.lines.at(0, 1);
  const std::string_view allowed = document_code_first_letters(r.format);
  const bool first_ok = allowed.find(c0) != std::string_view::npos;
  const bool second_ok = is_mrz_letter(c1) || c1 == kFiller;
  if (first_ok && second_ok) {
    set(rec, CheckStatus::ok, Diagnose::none, "document code fits the format");
  } else if (!first_ok) {
    std::string expect;
    for (char a : allowed) expect += (expect.empty() ? "" : ", ") + quoted(a);
    set(rec, CheckStatus::error, Diagnose::syntax,
        "document code starts with " + quoted(c0) + "; " + std::string(format_name(r.format)) + " documents start with " +
            expect);
  } else {
    set(rec, CheckStatus::error, Diagnose::syntax, "second character of the document code " + quoted(c1) +
                                                       " is neither a letter nor '<'");
  }
  out.push_back(std::move(rec));
}

void check_sex(const MrzResult& r, std::vector<CheckRecord>& out) {
  CheckRecord rec = make("mrz.syntax.sex", CheckGroup::mrz, true);
  const Zone* z = find_zone(layout_of(r.format), ZoneKind::sex);
  const char c = r.lines.at(z->span.line, z->span.start);
  if (c == 'M' || c == 'F' || c == kFiller) {
    set(rec, CheckStatus::ok, Diagnose::none, c == kFiller ? "sex unspecified ('<')" : "sex M or F");
  } else if (c == 'X') {
    // 9303 prints '<' for unspecified in the MRZ; 'X' belongs in the visual zone.
    set(rec, CheckStatus::warning, Diagnose::syntax, "sex printed as 'X' in the MRZ, where 9303 writes '<'");
  } else {
    set(rec, CheckStatus::error, Diagnose::syntax,
        position(z->span.line, z->span.start) + ": sex " + quoted(c) + " is not M, F or '<'");
  }
  out.push_back(std::move(rec));
}

void check_dates_syntax(const MrzResult& r, std::vector<CheckRecord>& out) {
  CheckRecord rec = make("mrz.syntax.date", CheckGroup::mrz, true);
  const Layout& layout = layout_of(r.format);
  std::string problems;
  std::string notes;
  auto look = [&](ZoneKind kind, const MrzDate& d, bool unknown_allowed) {
    const Zone* z = find_zone(layout, kind);
    if (!z) return;
    const std::string_view raw = r.lines.span(z->span);
    const std::string label(zone_label(kind));
    if (!d.present) {
      // All fillers: an unknown birth date (9303 allows it) or a document without expiry.
      notes += label + (unknown_allowed ? " unknown (all fillers); " : " not printed; ");
      return;
    }
    if (!d.calendar_valid) {
      problems += label + " " + std::string(raw) + " is not a calendar date (YYMMDD); ";
    } else if (!(d.year_known && d.month_known && d.day_known)) {
      notes += label + " has unknown parts (" + std::string(raw) + "); ";
    }
  };
  look(ZoneKind::birth_date, r.fields.birth_date, true);
  look(ZoneKind::expiry_date, r.fields.expiry_date, false);
  if (problems.empty()) {
    set(rec, CheckStatus::ok, Diagnose::none,
        notes.empty() ? CheckMessage("dates are calendar dates")
                      : CheckMessage("dates are calendar dates; " + notes.substr(0, notes.size() - 2)));
  } else {
    set(rec, CheckStatus::error, Diagnose::field_format, problems.substr(0, problems.size() - 2));
  }
  out.push_back(std::move(rec));
}

void check_names(const MrzResult& r, std::vector<CheckRecord>& out) {
  CheckRecord rec = make("mrz.syntax.name", CheckGroup::mrz, true);
  const std::uint16_t issues = r.name_syntax.issues;
  std::string where;
  if (r.name_syntax.bad_line >= 0) {
    where = position(r.name_syntax.bad_line, r.name_syntax.bad_column) + " (" +
            quoted(r.lines.at(r.name_syntax.bad_line, r.name_syntax.bad_column)) + ")";
  }
  if (issues & (kNameDigit | kNameBadCharacter)) {
    set(rec, CheckStatus::error, Diagnose::syntax,
        "the name holds a digit or a character outside A-Z at " + where +
            "; names carry letters only and no check digit covers them, so it was not corrected");
  } else if (issues & kNameEmpty) {
    set(rec, CheckStatus::error, Diagnose::syntax, "the name field is empty");
  } else if (issues & (kNameLeadingFiller | kNameTextAfterFillers)) {
    rec.critical = false;
    set(rec, CheckStatus::warning, Diagnose::syntax,
        (issues & kNameLeadingFiller) ? "the name starts with '<' (no primary identifier)"
                                      : "letters follow the filler run that should end the name");
  } else if (issues & kNamePossiblyTruncated) {
    // 9303-3 truncates names longer than the field, so a full field is how a long name
    // looks on a genuine document: worth saying (the visual zone has the whole name), no
    // cause for suspicion.
    set(rec, CheckStatus::ok, Diagnose::none,
        "well formed; the name fills its field up to the last position: possibly truncated (the visual zone has it whole)");
  } else {
    set(rec, CheckStatus::ok, Diagnose::none, "primary and secondary identifiers well formed");
  }
  out.push_back(std::move(rec));
}


bool field_empty(const PlannedCheck& check, const MrzLines& lines) {
  for (std::uint8_t s = 0; s < check.span_count; ++s)
    if (lines.span(check.spans[s]).find_first_not_of(kFiller) != std::string_view::npos) return false;
  return true;
}

std::string corrections_text(const MrzResult& r, CheckedField f) {
  std::string text;
  for (const auto& c : r.corrections) {
    if (c.proven_by != f) continue;
    text += (text.empty() ? "" : ", ") + position(c.line, c.column) + " " + quoted(c.from) + "->" + quoted(c.to);
  }
  return text;
}

void check_digits(const MrzResult& r, const CheckPlan& plan, std::vector<CheckRecord>& out) {
  for (std::uint8_t i = 0; i < r.check_digit_count; ++i) {
    const CheckDigitResult& cd = r.check_digits[i];
    CheckRecord rec = make(check_digit_check_id(cd.field), CheckGroup::mrz, true);
    const bool long_number = plan.long_number && cd.field == CheckedField::document_number;
    switch (cd.status) {
      case CheckDigitStatus::ok: {
        const std::string fixed = corrections_text(r, cd.field);
        if (!fixed.empty())
          set(rec, CheckStatus::ok, Diagnose::none, "verifies after the correction it proves: " + fixed);
        else if (long_number)
          set(rec, CheckStatus::ok, Diagnose::none,
              "long document number continues in the optional data; its check digit there verifies");
        else
          set(rec, CheckStatus::ok, Diagnose::none, "verifies (internal consistency, not authenticity)");
        break;
      }
      case CheckDigitStatus::absent:
        if (field_empty(plan.checks[i], r.lines)) {
          set(rec, CheckStatus::ok, Diagnose::none, "empty field without a check digit ('<'), as 9303 allows");
        } else {
          rec.critical = false;
          set(rec, CheckStatus::warning, Diagnose::checksum_invalid,
              "no check digit printed at " + position(cd.line, cd.column) + " ('<'): the field cannot be verified");
        }
        break;
      case CheckDigitStatus::fail: {
        std::string m = position(cd.line, cd.column) + ": found " + quoted(cd.found);
        if (cd.expected != '\0') m += ", computed " + quoted(cd.expected);
        else m += "; the field holds characters outside the MRZ alphabet";
        for (const auto& a : r.ambiguities) {
          if (a.check != cd.field) continue;
          m += "; " + std::to_string(a.readings.size()) + " different corrections would verify, so none was applied";
        }
        set(rec, CheckStatus::error, Diagnose::checksum_invalid, m);
        break;
      }
    }
    out.push_back(std::move(rec));
  }
}

void code_record(std::string_view id, std::string_view role, std::string_view code, bool issuer,
                 std::vector<CheckRecord>& out) {
  CheckRecord rec = make(id, CheckGroup::mrz, true);
  const CountryCode* cc = find_country_code(code);
  if (!cc) {
    set(rec, CheckStatus::error, Diagnose::code_unknown,
        std::string(role) + " '" + std::string(code) + "' is neither an ISO 3166-1 alpha-3 code nor an ICAO code");
    out.push_back(std::move(rec));
    return;
  }
  const CodeUse use = issuer ? cc->as_issuer : cc->as_nationality;
  if (use == CodeUse::ok) {
    set(rec, CheckStatus::ok, Diagnose::none, cc->iso3166 ? "an ISO 3166-1 code" : "an ICAO code for this role");
    out.push_back(std::move(rec));
    return;
  }
  const std::string what = std::string(role) + " '" + std::string(code) + "' (" + std::string(cc->name) + ")";
  switch (use) {
    case CodeUse::ok: break;
    case CodeUse::specimen: set(rec, CheckStatus::ok, Diagnose::none, "the specimen code UTO (see text.specimen)"); break;
    case CodeUse::unusual:
      rec.critical = false;
      set(rec, CheckStatus::warning, Diagnose::code_role, what + " is unusual in this role");
      break;
    case CodeUse::deprecated:
      rec.critical = false;
      set(rec, CheckStatus::warning, Diagnose::code_deprecated, what + " is a withdrawn code");
      break;
    case CodeUse::wrong_role:
      set(rec, CheckStatus::error, Diagnose::code_role, what + " is not used in this role");
      break;
  }
  out.push_back(std::move(rec));
}

bool is_organisation_or_special(std::string_view code) {
  static constexpr std::string_view kCodes[] = {"EUE", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE", "XCO",
                                                "XEC", "XPO", "XES", "XMP", "XOM", "XDC", "XXA", "XXB", "XXC", "XXX"};
  for (auto c : kCodes)
    if (c == code) return true;
  return false;
}

void check_codes(const MrzResult& r, std::vector<CheckRecord>& out) {
  const MrzFields& f = r.fields;
  code_record("mrz.code.issuing_state", "issuing state", f.issuing_state, true, out);
  if (r.format == Format::fra_id) {
    CheckRecord rec = make("mrz.code.nationality", CheckGroup::mrz, true);
    set(rec, CheckStatus::ok, Diagnose::none, "nationality FRA implied: the card is issued to French nationals only");
    out.push_back(std::move(rec));
    return;
  }
  code_record("mrz.code.nationality", "nationality", f.nationality, false, out);
  // A national passport normally carries its issuer's nationality.
  if (r.format == Format::td3 && !f.document_code.empty() && f.document_code[0] == 'P') {
    CheckRecord rec = make("mrz.code.issuer_nationality", CheckGroup::mrz, false);
    const bool same = f.issuing_state == f.nationality;
    const bool british = std::string_view(f.issuing_state) == "GBR" && f.nationality.size() == 3 && f.nationality.compare(0, 2, "GB") == 0;
    if (same || british || is_organisation_or_special(f.issuing_state) || is_organisation_or_special(f.nationality)) {
      set(rec, CheckStatus::ok, Diagnose::none, same ? "issuer and nationality agree" : "issuer and nationality differ, as this code allows");
    } else {
      set(rec, CheckStatus::warning, Diagnose::logic,
          "passport issued by " + f.issuing_state + " to a holder of nationality " + f.nationality +
              " (aliens' passports exist; worth a look)");
    }
    out.push_back(std::move(rec));
  }
}

void check_date_logic(const MrzResult& r, const MrzOptions& o, std::vector<CheckRecord>& out) {
  const MrzDate& birth = r.fields.birth_date;
  const MrzDate& expiry = r.fields.expiry_date;
  if (birth.present && birth.calendar_valid && birth.year_known) {
    CheckRecord past = make("text.date.dob_past", CheckGroup::text, true);
    const Date b{birth.year, birth.month_known ? birth.month : 1, birth.day_known ? birth.day : 1};
    if (compare_dates(b, o.today) <= 0) set(past, CheckStatus::ok, Diagnose::none, "birth date not after the reference date");
    else set(past, CheckStatus::error, Diagnose::logic, "birth date " + birth.iso() + " is after the reference date " + format_iso_date(o.today));
    out.push_back(std::move(past));

    CheckRecord age = make("text.date.age_range", CheckGroup::text, true);
    const int years = whole_years_between(b, o.today);
    if (years >= 0 && years <= 130) set(age, CheckStatus::ok, Diagnose::none, "age within 0-130 years");
    else set(age, CheckStatus::error, Diagnose::logic, "age " + std::to_string(years) + " is outside 0-130");
    out.push_back(std::move(age));
  }
  if (birth.present && birth.calendar_valid && birth.year_known && expiry.complete()) {
    CheckRecord order = make("text.date.order", CheckGroup::text, true);
    const Date b{birth.year, birth.month_known ? birth.month : 1, birth.day_known ? birth.day : 1};
    if (compare_dates(b, expiry.date()) < 0) set(order, CheckStatus::ok, Diagnose::none, "birth date before expiry date");
    else set(order, CheckStatus::error, Diagnose::logic, "expiry " + expiry.iso() + " is not after birth " + birth.iso());
    out.push_back(std::move(order));
  }
}

void check_specimen(MrzResult& r, const MrzOptions& o, std::vector<CheckRecord>& out) {
  CheckRecord rec = make("text.specimen", CheckGroup::text, o.profile != Profile::trainer);
  const SpecimenFindings found = specimen_findings(r);
  if (found.reasons.empty()) {
    set(rec, CheckStatus::ok, Diagnose::none, "no specimen values");
    out.push_back(std::move(rec));
    return;
  }
  std::string m = found.strong ? "specimen document: " : "possibly a specimen: ";
  for (std::size_t i = 0; i < found.reasons.size(); ++i) m += (i ? "; " : "") + found.reasons[i];
  if (found.strong) {
    set(rec, o.profile == Profile::trainer ? CheckStatus::warning : CheckStatus::error, Diagnose::specimen, m);
  } else {
    // A generic word or a repeated-digit number alone: real people are called Muster.
    rec.critical = false;
    set(rec, CheckStatus::warning, Diagnose::specimen, m);
  }
  out.push_back(std::move(rec));
}

// The old French card prints no expiry but its issue month (the number's first four
// digits, YYMM): it is valid 10 years, 15 for cards issued to adults from 2004-01-02 to
// 2013-12-31 (decree 2013-1188). With the month alone the day, and in the boundary months
// the rule, are uncertain: expired only when even the latest possible expiry has passed, in
// date only when even the earliest has not.
void check_fra_id_expiry(const MrzResult& r, const MrzOptions& o, CheckRecord& rec) {
  const std::string& number = r.fields.document_number;
  const MrzDate& birth = r.fields.birth_date;
  auto digit = [&number](std::size_t i) { return i < number.size() && number[i] >= '0' && number[i] <= '9'; };
  if (!(digit(0) && digit(1) && digit(2) && digit(3))) {
    set(rec, CheckStatus::not_done, Diagnose::not_in_mrz, "the old French ID card has no expiry in its MRZ and its number gives no issue month");
    return;
  }
  const int yy = (number[0] - '0') * 10 + (number[1] - '0'), month = (number[2] - '0') * 10 + (number[3] - '0');
  const int year = yy >= 88 ? 1900 + yy : 2000 + yy;
  if (month < 1 || month > 12) {
    set(rec, CheckStatus::not_done, Diagnose::not_in_mrz, "the old French ID card has no expiry in its MRZ and its number gives no issue month");
    return;
  }
  const int issued = year * 12 + month - 1;  // months since year 0
  // The 15-year window by month: 2004-01 is partly outside it (cards of 1 January).
  const bool window_surely = issued >= 2004 * 12 + 1 && issued <= 2013 * 12 + 11;
  const bool window_maybe = issued >= 2004 * 12 && issued <= 2013 * 12 + 11;
  // Adult at issue: by months when the birth month is known, else by years.
  bool adult_surely = false, adult_maybe = true;
  if (birth.present && birth.year_known) {
    const int born = birth.year * 12 + (birth.month_known ? birth.month - 1 : 0);
    const int slack = birth.month_known ? 1 : 12;
    adult_surely = issued - born >= 18 * 12 + slack;
    adult_maybe = issued - born >= 18 * 12 - slack;
  }
  const int longest = window_maybe && adult_maybe ? 15 : 10, shortest = window_surely && adult_surely ? 15 : 10;
  const Date latest = add_years(Date{year, month, days_in_month(year, month)}, longest);
  const Date earliest = add_years(Date{year, month, 1}, shortest);
  const std::string issue = std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month);
  if (compare_dates(o.today, latest) > 0) {
    set(rec, CheckStatus::error, Diagnose::expired,
        "expired: issued " + issue + ", valid " + std::to_string(longest) + " years at most, so by " + format_iso_date(latest) +
            " (reference date " + format_iso_date(o.today) + ")");
  } else if (compare_dates(o.today, earliest) < 0) {
    set(rec, CheckStatus::ok, Diagnose::none,
        "not expired on the reference date: issued " + issue + ", valid " + std::to_string(shortest) + " years, so until " +
            format_iso_date(earliest) + " at least (the card prints no expiry)");
  } else {
    set(rec, CheckStatus::not_done, Diagnose::not_in_mrz,
        "issued " + issue + ": it expires between " + format_iso_date(earliest) + " and " + format_iso_date(latest) +
            "; the visual zone has the date");
  }
}

void check_expiry(const MrzResult& r, const MrzOptions& o, std::vector<CheckRecord>& out) {
  CheckRecord rec = make("expiry.in_date", CheckGroup::expiry, o.profile != Profile::trainer);
  const MrzDate& e = r.fields.expiry_date;
  if (r.format == Format::fra_id) {
    check_fra_id_expiry(r, o, rec);
  } else if (!e.present) {
    set(rec, CheckStatus::not_done, Diagnose::not_in_mrz, "no expiry date printed");
  } else if (!e.complete()) {
    set(rec, CheckStatus::not_done, Diagnose::field_format, "expiry date is not a calendar date");
  } else if (compare_dates(e.date(), o.today) >= 0) {
    set(rec, CheckStatus::ok, Diagnose::none, "not expired on the reference date");
  } else {
    set(rec, CheckStatus::error, Diagnose::expired,
        "expired on " + e.iso() + " (reference date " + format_iso_date(o.today) + ")");
  }
  out.push_back(std::move(rec));
}

}  // namespace

std::string_view check_digit_check_id(CheckedField f) noexcept {
  switch (f) {
    case CheckedField::document_number: return "mrz.check_digit.document_number";
    case CheckedField::birth_date: return "mrz.check_digit.birth_date";
    case CheckedField::expiry_date: return "mrz.check_digit.expiry_date";
    case CheckedField::optional_data: return "mrz.check_digit.optional_data";
    case CheckedField::composite: return "mrz.check_digit.composite";
  }
  return "mrz.check_digit.unknown";
}

void validate_mrz(MrzResult& r, const CheckPlan& plan, const MrzOptions& o) {
  std::vector<CheckRecord>& out = r.checks;
  out.clear();
  out.reserve(24);
  {
    CheckRecord fmt = make("doc_type.mrz_format", CheckGroup::doc_type, true);
    set(fmt, CheckStatus::ok, Diagnose::none, format_description(r.format));
    out.push_back(std::move(fmt));
  }
  const std::size_t first_syntax = out.size();
  check_alphabet_and_classes(r, plan, out);
  check_document_code(r, out);
  check_sex(r, out);
  check_dates_syntax(r, out);
  check_names(r, out);
  check_digits(r, plan, out);
  const std::size_t end_syntax = out.size();
  check_codes(r, out);
  check_date_logic(r, o, out);
  check_specimen(r, o, out);
  check_national_rules(r, o, out);
  check_expiry(r, o, out);

  // Valid = syntax right and no check digit wrong ('<' where a digit may be omitted is
  // reported as absent, a warning of its own, never as a pass or a failure).
  bool valid = true;
  for (std::size_t i = first_syntax; i < end_syntax; ++i) {
    const CheckRecord& c = out[i];
    if (c.status == CheckStatus::error) valid = false;  // an absent digit is a warning, its own state
  }
  r.valid = valid;
}

}  // namespace docverify::mrz
