#include "mrz/fields.hpp"

#include "mrz/alphabet.hpp"
#include "mrz/check_plan.hpp"
#include "mrz/check_digit.hpp"
#include "mrz/mrz_date.hpp"
#include "mrz/names.hpp"

namespace docverify::mrz {

std::string_view strip_trailing_fillers(std::string_view s) noexcept {
  while (!s.empty() && s.back() == kFiller) s.remove_suffix(1);
  return s;
}

const Zone* find_zone(const Layout& layout, ZoneKind kind) noexcept {
  const int i = layout.zone_index[static_cast<int>(kind)];
  return i < 0 ? nullptr : &layout.zones[static_cast<std::size_t>(i)];
}

namespace {

std::string zone_text(const MrzLines& lines, const Layout& layout, ZoneKind kind) {
  const Zone* z = find_zone(layout, kind);
  return z ? std::string(strip_trailing_fillers(lines.span(z->span))) : std::string();
}

char sex_value(char c) noexcept {
  if (c == 'M' || c == 'F') return c;
  if (c == '<' || c == 'X') return 'X';
  return '\0';
}

}  // namespace

MrzFields extract_fields(const MrzLines& lines, const Layout& layout, const CheckPlan& plan, const Date& today,
                         NameSyntax& names) {
  names = NameSyntax{};
  auto note = [&](const Zone* z, const ParsedName& p) {
    names.issues |= p.issues;
    if (p.first_bad_column >= 0 && names.bad_line < 0) {
      names.bad_line = z->span.line;
      names.bad_column = z->span.start + p.first_bad_column;
    }
  };
  MrzFields f;
  f.document_code = zone_text(lines, layout, ZoneKind::document_code);
  f.issuing_state = zone_text(lines, layout, ZoneKind::issuing_state);
  if (plan.long_number) {
    const Zone* number = find_zone(layout, ZoneKind::document_number);
    f.document_number.assign(lines.span(number->span));
    f.document_number.append(lines.span(plan.number_continuation));
    f.optional_data.assign(strip_trailing_fillers(lines.span(plan.optional_remainder)));
  } else {
    f.document_number = zone_text(lines, layout, ZoneKind::document_number);
    f.optional_data = zone_text(lines, layout, ZoneKind::optional_data);
  }
  f.optional_data_2 = zone_text(lines, layout, ZoneKind::optional_data_2);
  if (const Zone* z = find_zone(layout, ZoneKind::birth_date))
    f.birth_date = resolve_mrz_date(lines.span(z->span), DateRole::birth, today);
  if (const Zone* z = find_zone(layout, ZoneKind::expiry_date))
    f.expiry_date = resolve_mrz_date(lines.span(z->span), DateRole::expiry, today);
  if (const Zone* z = find_zone(layout, ZoneKind::sex)) f.sex = sex_value(lines.at(z->span.line, z->span.start));

  if (layout.format == Format::fra_id) {
    // The old French card has no nationality field: only French nationals hold it.
    f.nationality = "FRA";
    const Zone* sz = find_zone(layout, ZoneKind::surname);
    const Zone* gz = find_zone(layout, ZoneKind::given_names);
    ParsedName surname = parse_name_run(lines.span(sz->span), false);
    ParsedName given = parse_name_run(lines.span(gz->span), true);
    given.issues &= static_cast<std::uint16_t>(~kNameEmpty);  // a card may carry no given name
    note(sz, surname);
    note(gz, given);
    f.surname = std::move(surname.primary);
    f.given_names = std::move(given.primary);
    f.optional_data = zone_text(lines, layout, ZoneKind::department);
    f.optional_data += std::string(lines.span(find_zone(layout, ZoneKind::office)->span));
    f.optional_data = std::string(strip_trailing_fillers(f.optional_data));
  } else {
    f.nationality = zone_text(lines, layout, ZoneKind::nationality);
    const Zone* nz = find_zone(layout, ZoneKind::name);
    ParsedName name = parse_icao_name(lines.span(nz->span));
    note(nz, name);
    f.surname = std::move(name.primary);
    f.given_names = std::move(name.secondary);
  }
  return f;
}

namespace {

// Weights 7, 3, 1 laid out so a span starting at weight index w reads kRepeated.w[w + k].
struct RepeatedWeights {
  int w[kMaxLineLength * 2 + 3];
  constexpr RepeatedWeights() : w() {
    for (int i = 0; i < kMaxLineLength * 2 + 3; ++i) w[i] = i % 3 == 0 ? 7 : i % 3 == 1 ? 3 : 1;
  }
};
constexpr RepeatedWeights kRepeated{};

struct RepeatedWeights8 {
  signed char w[kMaxChars + 3];
  constexpr RepeatedWeights8() : w() {
    for (int i = 0; i < kMaxChars + 3; ++i) w[i] = static_cast<signed char>(i % 3 == 0 ? 7 : i % 3 == 1 ? 3 : 1);
  }
};
constexpr RepeatedWeights8 kRepeated8{};
}  // namespace

SyntaxScan scan_syntax(const MrzLines& lines, const Layout& layout, const CheckPlan& plan) noexcept {
  SyntaxScan scan;
  const std::size_t n = static_cast<std::size_t>(lines.count()) * static_cast<std::size_t>(lines.length());
  const auto* chars = reinterpret_cast<const unsigned char*>(lines.line(0).data());
  // Branch-free over every position (vectorised): value and class of each character, and
  // whether any position holds a character its class does not admit.
  std::array<std::uint8_t, kMaxChars> found{};
  unsigned char any_bad = 0;
  const int count = static_cast<int>(n);
  for (int i = 0; i < count; ++i) {
    // Arithmetic rather than branches so the loop vectorises.
    const unsigned char c = chars[i];
    const unsigned char d = static_cast<unsigned char>(c - '0');
    const unsigned char l = static_cast<unsigned char>(c - 'A');
    // (x - limit) >> 31 is 1 exactly when x < limit; GCC would turn `<` into a bit test.
    const auto is_digit = static_cast<unsigned char>((static_cast<unsigned>(d) - 10U) >> 31);
    const auto is_letter = static_cast<unsigned char>((static_cast<unsigned>(l) - 26U) >> 31);
    const auto is_filler = static_cast<unsigned char>(c == kFiller);
    const auto known = static_cast<unsigned char>(is_digit | is_letter | is_filler);
    scan.values[i] = static_cast<signed char>(is_digit * d + is_letter * (l + 10) - (1 - known));
    const auto cls = static_cast<std::uint8_t>(is_digit | (is_letter << 1) | (is_filler << 2));
    found[i] = cls;
    any_bad |= static_cast<unsigned char>((cls & layout.classes[i]) == 0);
  }
  const std::size_t long_digit =
      plan.long_number ? lines.index(plan.checks[0].digit.line, plan.checks[0].digit.start) : kMaxChars;
  if (long_digit < n && found[long_digit] != kDigit) any_bad = 1;
  if (any_bad == 0) return scan;
  // Something is off: count what, position by position.
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t allowed = i == long_digit ? std::uint8_t{kDigit} : layout.classes[i];
    if ((found[i] & allowed) != 0) continue;
    const bool name = layout.in_name[i];
    if (found[i] == 0) ++scan.bad_chars;
    else if (!name) ++scan.bad_classes;
    if (!name) ++scan.bad_outside_names;
  }
  return scan;
}

std::optional<int> planned_residue(const PlannedCheck& check, const MrzLines& lines) noexcept {
  int sum = 0;
  int index = 0;
  for (std::uint8_t s = 0; s < check.span_count; ++s) {
    const auto r = check_digit_residue(lines.span(check.spans[s]), index);
    if (!r) return std::nullopt;
    sum += *r;
    index += check.spans[s].length;
  }
  return sum % 10;
}

std::optional<int> planned_residue(const PlannedCheck& check, const MrzLines& lines, const SyntaxScan& scan) noexcept {
  int sum = 0;
  int bad = 0;
  int w = 0;  // weight index where the next span starts, mod 3
  for (std::uint8_t s = 0; s < check.span_count; ++s) {
    const signed char* v = scan.values.data() + lines.index(check.spans[s].line, check.spans[s].start);
    const int* weight = kRepeated.w + w;
    const int len = check.spans[s].length;
    for (int k = 0; k < len; ++k) {
      bad |= v[k];
      sum += v[k] * weight[k];
    }
    w = (w + len) % 3;
  }
  if (bad < 0) return std::nullopt;
  return sum % 10;
}

CheckDigitResult evaluate_check_digit(const PlannedCheck& check, const MrzLines& lines, const SyntaxScan& scan) noexcept {
  CheckDigitResult r;
  r.field = check.field;
  r.line = check.digit.line;
  r.column = check.digit.start;
  r.found = lines.at(check.digit.line, check.digit.start);
  std::optional<int> residue;
  if (scan.bad_chars == 0) {
    // Every character has a value: plain weighted sums over the spans.
    int sum = 0;
    int w = 0;
    const int length = lines.length();
    for (std::uint8_t s = 0; s < check.span_count; ++s) {
      const Span& span = check.spans[s];
      const signed char* v = scan.values.data() + span.line * length + span.start;
      const signed char* weight = kRepeated8.w + w;
      for (int k = 0; k < span.length; ++k) sum += v[k] * weight[k];
      w = (w + span.length) % 3;
    }
    residue = sum % 10;
  } else {
    residue = planned_residue(check, lines, scan);
  }
  r.expected = residue ? static_cast<char>('0' + *residue) : '\0';
  if (r.found == kFiller) r.status = CheckDigitStatus::absent;
  else r.status = residue && r.found == r.expected ? CheckDigitStatus::ok : CheckDigitStatus::fail;
  return r;
}

std::uint16_t uncovered_fields(const Layout& layout) noexcept { return layout.uncovered; }

}  // namespace docverify::mrz

namespace docverify::mrz {
std::string_view to_string(CheckDigitStatus s) noexcept {
  switch (s) {
    case CheckDigitStatus::ok: return "ok";
    case CheckDigitStatus::fail: return "fail";
    case CheckDigitStatus::absent: return "absent";
  }
  return "fail";
}
}  // namespace docverify::mrz
