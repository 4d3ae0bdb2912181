#include "mrz/fields.hpp"

#include "mrz/alphabet.hpp"
#include "mrz/check_digit.hpp"
#include "mrz/mrz_date.hpp"
#include "mrz/names.hpp"

namespace docverify::mrz {

std::string_view strip_trailing_fillers(std::string_view s) noexcept {
  while (!s.empty() && s.back() == kFiller) s.remove_suffix(1);
  return s;
}

const Zone* find_zone(const Layout& layout, ZoneKind kind) noexcept {
  for (std::uint8_t z = 0; z < layout.zone_count; ++z)
    if (layout.zones[z].kind == kind) return &layout.zones[z];
  return nullptr;
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

MrzFields extract_fields(const MrzLines& lines, const Layout& layout, const CheckPlan& plan, const Date& today) {
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
    f.surname = parse_name_run(lines.span(find_zone(layout, ZoneKind::surname)->span), false).primary;
    f.given_names = parse_name_run(lines.span(find_zone(layout, ZoneKind::given_names)->span), true).primary;
    f.optional_data = zone_text(lines, layout, ZoneKind::department);
    f.optional_data += std::string(lines.span(find_zone(layout, ZoneKind::office)->span));
    f.optional_data = std::string(strip_trailing_fillers(f.optional_data));
  } else {
    f.nationality = zone_text(lines, layout, ZoneKind::nationality);
    ParsedName name = parse_icao_name(lines.span(find_zone(layout, ZoneKind::name)->span));
    f.surname = std::move(name.primary);
    f.given_names = std::move(name.secondary);
  }
  return f;
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

CheckDigitResult evaluate_check_digit(const PlannedCheck& check, const MrzLines& lines) noexcept {
  CheckDigitResult r;
  r.field = check.field;
  r.line = check.digit.line;
  r.column = check.digit.start;
  r.found = lines.at(check.digit.line, check.digit.start);
  const auto residue = planned_residue(check, lines);
  r.expected = residue ? static_cast<char>('0' + *residue) : '\0';
  if (r.found == kFiller) r.status = CheckDigitStatus::absent;
  else r.status = residue && r.found == r.expected ? CheckDigitStatus::ok : CheckDigitStatus::fail;
  return r;
}

namespace {

bool covered(const Layout& layout, const Span& span) noexcept {
  for (int col = span.start; col < span.start + span.length; ++col) {
    bool in_any = false;
    for (std::uint8_t c = 0; c < layout.check_count && !in_any; ++c) {
      const auto& check = layout.checks[c];
      for (std::uint8_t s = 0; s < check.span_count; ++s) {
        const Span& cs = check.spans[s];
        if (cs.line == span.line && col >= cs.start && col < cs.start + cs.length) in_any = true;
      }
    }
    if (!in_any) return false;
  }
  return true;
}

}  // namespace

std::uint16_t uncovered_fields(const Layout& layout) noexcept {
  struct Map {
    FieldId field;
    ZoneKind kind;
  };
  static constexpr Map kMap[] = {
      {FieldId::document_code, ZoneKind::document_code}, {FieldId::issuing_state, ZoneKind::issuing_state},
      {FieldId::document_number, ZoneKind::document_number}, {FieldId::nationality, ZoneKind::nationality},
      {FieldId::birth_date, ZoneKind::birth_date},       {FieldId::sex, ZoneKind::sex},
      {FieldId::expiry_date, ZoneKind::expiry_date},     {FieldId::surname, ZoneKind::name},
      {FieldId::given_names, ZoneKind::name},            {FieldId::surname, ZoneKind::surname},
      {FieldId::given_names, ZoneKind::given_names},     {FieldId::optional_data, ZoneKind::optional_data},
      {FieldId::optional_data, ZoneKind::department},    {FieldId::optional_data, ZoneKind::office},
      {FieldId::optional_data_2, ZoneKind::optional_data_2},
  };
  std::uint16_t mask = 0;
  for (const auto& m : kMap) {
    const Zone* z = find_zone(layout, m.kind);
    if (z && !covered(layout, z->span)) mask |= static_cast<std::uint16_t>(1U << static_cast<int>(m.field));
  }
  // Implied rather than printed: the old French card's nationality.
  if (layout.format == Format::fra_id) mask |= 1U << static_cast<int>(FieldId::nationality);
  return mask;
}

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
