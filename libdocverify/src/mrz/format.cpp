#include "mrz/format.hpp"

#include "mrz/alphabet.hpp"

namespace docverify::mrz {
namespace {

constexpr Span sp(int line, int first_1based, int last_1based) {
  return Span{static_cast<std::uint8_t>(line - 1), static_cast<std::uint8_t>(first_1based - 1),
              static_cast<std::uint8_t>(last_1based - first_1based + 1)};
}
constexpr Span at(int line, int pos_1based) { return sp(line, pos_1based, pos_1based); }

// Every position of the zone under some check digit (`checked` already filled in).
constexpr bool zone_covered(const Layout& l, const Zone& z) {
  for (int col = z.span.start; col < z.span.start + z.span.length; ++col)
    if (!l.checked[z.span.line * l.length + col]) return false;
  return true;
}

constexpr int field_bit(FieldId f) { return 1 << static_cast<int>(f); }

// Which reported fields a zone carries (names: both identifiers in one ICAO zone).
constexpr int fields_of(ZoneKind k) {
  switch (k) {
    case ZoneKind::document_code: return field_bit(FieldId::document_code);
    case ZoneKind::issuing_state: return field_bit(FieldId::issuing_state);
    case ZoneKind::name: return field_bit(FieldId::surname) | field_bit(FieldId::given_names);
    case ZoneKind::surname: return field_bit(FieldId::surname);
    case ZoneKind::given_names: return field_bit(FieldId::given_names);
    case ZoneKind::document_number: return field_bit(FieldId::document_number);
    case ZoneKind::nationality: return field_bit(FieldId::nationality);
    case ZoneKind::birth_date: return field_bit(FieldId::birth_date);
    case ZoneKind::sex: return field_bit(FieldId::sex);
    case ZoneKind::expiry_date: return field_bit(FieldId::expiry_date);
    case ZoneKind::optional_data:
    case ZoneKind::department:
    case ZoneKind::office: return field_bit(FieldId::optional_data);
    case ZoneKind::optional_data_2: return field_bit(FieldId::optional_data_2);
    case ZoneKind::check_digit: return 0;
  }
  return 0;
}

// Fills the derived members so lookups on the hot path are array reads.
constexpr Layout finish_layout(Layout l) {
  for (auto& i : l.zone_index) i = -1;
  for (int c = 0; c < l.check_count; ++c) {
    const CheckDigitLayout& chk = l.checks[c];
    const bool field = chk.field != CheckedField::composite;
    auto mark = [&](int line, int col) {
      l.checked[line * l.length + col] = true;
      if (field) l.field_checked[line * l.length + col] = true;
    };
    mark(chk.digit.line, chk.digit.start);
    for (int s = 0; s < chk.span_count; ++s)
      for (int k = 0; k < chk.spans[s].length; ++k) mark(chk.spans[s].line, chk.spans[s].start + k);
  }
  int uncovered = 0;
  for (int z = 0; z < l.zone_count; ++z) {
    const Zone& zone = l.zones[z];
    l.zone_index[static_cast<int>(zone.kind)] = static_cast<std::int8_t>(z);
    const bool name = zone.kind == ZoneKind::name || zone.kind == ZoneKind::surname || zone.kind == ZoneKind::given_names;
    for (int col = zone.span.start; col < zone.span.start + zone.span.length; ++col) {
      const int i = zone.span.line * l.length + col;
      l.classes[i] = zone.char_class;
      l.in_name[i] = name;
    }
    if (!zone_covered(l, zone)) uncovered |= fields_of(zone.kind);
  }
  // The old French card's nationality is implied, not printed: nothing covers it.
  if (l.format == Format::fra_id) uncovered |= field_bit(FieldId::nationality);
  l.uncovered = static_cast<std::uint16_t>(uncovered);
  return l;
}

constexpr std::uint8_t kSexClass = kLetterOrFiller;  // M, F, X or '<'; the validator narrows it

// Positions follow spec/mrz.md (1-based, inclusive), transcribed once here.
constexpr Layout kTd3 = finish_layout(Layout{
    Format::td3, 2, 44,
    {{{ZoneKind::document_code, sp(1, 1, 2), kLetterOrFiller},
      {ZoneKind::issuing_state, sp(1, 3, 5), kLetterOrFiller},
      {ZoneKind::name, sp(1, 6, 44), kLetterOrFiller},
      {ZoneKind::document_number, sp(2, 1, 9), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 10), kDigitOrFiller},
      {ZoneKind::nationality, sp(2, 11, 13), kLetterOrFiller},
      {ZoneKind::birth_date, sp(2, 14, 19), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 20), kDigit},
      {ZoneKind::sex, at(2, 21), kSexClass},
      {ZoneKind::expiry_date, sp(2, 22, 27), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 28), kDigitOrFiller},
      {ZoneKind::optional_data, sp(2, 29, 42), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 43), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 44), kDigit}}},
    14,
    {{{CheckedField::document_number, at(2, 10), {sp(2, 1, 9)}, 1},
      {CheckedField::birth_date, at(2, 20), {sp(2, 14, 19)}, 1},
      {CheckedField::expiry_date, at(2, 28), {sp(2, 22, 27)}, 1},
      {CheckedField::optional_data, at(2, 43), {sp(2, 29, 42)}, 1},
      {CheckedField::composite, at(2, 44), {sp(2, 1, 10), sp(2, 14, 20), sp(2, 22, 43)}, 3}}},
    5});

constexpr Layout kTd2 = finish_layout(Layout{
    Format::td2, 2, 36,
    {{{ZoneKind::document_code, sp(1, 1, 2), kLetterOrFiller},
      {ZoneKind::issuing_state, sp(1, 3, 5), kLetterOrFiller},
      {ZoneKind::name, sp(1, 6, 36), kLetterOrFiller},
      {ZoneKind::document_number, sp(2, 1, 9), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 10), kDigitOrFiller},
      {ZoneKind::nationality, sp(2, 11, 13), kLetterOrFiller},
      {ZoneKind::birth_date, sp(2, 14, 19), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 20), kDigit},
      {ZoneKind::sex, at(2, 21), kSexClass},
      {ZoneKind::expiry_date, sp(2, 22, 27), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 28), kDigitOrFiller},
      {ZoneKind::optional_data, sp(2, 29, 35), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 36), kDigit}}},
    13,
    {{{CheckedField::document_number, at(2, 10), {sp(2, 1, 9)}, 1},
      {CheckedField::birth_date, at(2, 20), {sp(2, 14, 19)}, 1},
      {CheckedField::expiry_date, at(2, 28), {sp(2, 22, 27)}, 1},
      {CheckedField::composite, at(2, 36), {sp(2, 1, 10), sp(2, 14, 20), sp(2, 22, 35)}, 3}}},
    4});

constexpr Layout kTd1 = finish_layout(Layout{
    Format::td1, 3, 30,
    {{{ZoneKind::document_code, sp(1, 1, 2), kLetterOrFiller},
      {ZoneKind::issuing_state, sp(1, 3, 5), kLetterOrFiller},
      {ZoneKind::document_number, sp(1, 6, 14), kAlnumOrFiller},
      {ZoneKind::check_digit, at(1, 15), kDigitOrFiller},
      {ZoneKind::optional_data, sp(1, 16, 30), kAlnumOrFiller},
      {ZoneKind::birth_date, sp(2, 1, 6), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 7), kDigit},
      {ZoneKind::sex, at(2, 8), kSexClass},
      {ZoneKind::expiry_date, sp(2, 9, 14), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 15), kDigitOrFiller},
      {ZoneKind::nationality, sp(2, 16, 18), kLetterOrFiller},
      {ZoneKind::optional_data_2, sp(2, 19, 29), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 30), kDigit},
      {ZoneKind::name, sp(3, 1, 30), kLetterOrFiller}}},
    14,
    {{{CheckedField::document_number, at(1, 15), {sp(1, 6, 14)}, 1},
      {CheckedField::birth_date, at(2, 7), {sp(2, 1, 6)}, 1},
      {CheckedField::expiry_date, at(2, 15), {sp(2, 9, 14)}, 1},
      {CheckedField::composite, at(2, 30), {sp(1, 6, 30), sp(2, 1, 7), sp(2, 9, 15), sp(2, 19, 29)}, 4}}},
    4});

constexpr Layout kMrva = finish_layout(Layout{
    Format::mrva, 2, 44,
    {{{ZoneKind::document_code, sp(1, 1, 2), kLetterOrFiller},
      {ZoneKind::issuing_state, sp(1, 3, 5), kLetterOrFiller},
      {ZoneKind::name, sp(1, 6, 44), kLetterOrFiller},
      {ZoneKind::document_number, sp(2, 1, 9), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 10), kDigitOrFiller},
      {ZoneKind::nationality, sp(2, 11, 13), kLetterOrFiller},
      {ZoneKind::birth_date, sp(2, 14, 19), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 20), kDigit},
      {ZoneKind::sex, at(2, 21), kSexClass},
      {ZoneKind::expiry_date, sp(2, 22, 27), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 28), kDigitOrFiller},
      {ZoneKind::optional_data, sp(2, 29, 44), kAlnumOrFiller}}},
    12,
    {{{CheckedField::document_number, at(2, 10), {sp(2, 1, 9)}, 1},
      {CheckedField::birth_date, at(2, 20), {sp(2, 14, 19)}, 1},
      {CheckedField::expiry_date, at(2, 28), {sp(2, 22, 27)}, 1}}},
    3});

constexpr Layout kMrvb = finish_layout(Layout{
    Format::mrvb, 2, 36,
    {{{ZoneKind::document_code, sp(1, 1, 2), kLetterOrFiller},
      {ZoneKind::issuing_state, sp(1, 3, 5), kLetterOrFiller},
      {ZoneKind::name, sp(1, 6, 36), kLetterOrFiller},
      {ZoneKind::document_number, sp(2, 1, 9), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 10), kDigitOrFiller},
      {ZoneKind::nationality, sp(2, 11, 13), kLetterOrFiller},
      {ZoneKind::birth_date, sp(2, 14, 19), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 20), kDigit},
      {ZoneKind::sex, at(2, 21), kSexClass},
      {ZoneKind::expiry_date, sp(2, 22, 27), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 28), kDigitOrFiller},
      {ZoneKind::optional_data, sp(2, 29, 36), kAlnumOrFiller}}},
    12,
    {{{CheckedField::document_number, at(2, 10), {sp(2, 1, 9)}, 1},
      {CheckedField::birth_date, at(2, 20), {sp(2, 14, 19)}, 1},
      {CheckedField::expiry_date, at(2, 28), {sp(2, 22, 27)}, 1}}},
    3});

// French national ID card 1988-2021 (not ICAO). The number's department may be
// alphanumeric (Corsica: 2A, 2B), so the number is alphanumeric.
constexpr Layout kFraId = finish_layout(Layout{
    Format::fra_id, 2, 36,
    {{{ZoneKind::document_code, sp(1, 1, 2), kLetterOrFiller},
      {ZoneKind::issuing_state, sp(1, 3, 5), kLetterOrFiller},
      {ZoneKind::surname, sp(1, 6, 30), kLetterOrFiller},
      {ZoneKind::department, sp(1, 31, 33), kAlnumOrFiller},
      {ZoneKind::office, sp(1, 34, 36), kAlnumOrFiller},
      {ZoneKind::document_number, sp(2, 1, 12), kAlnumOrFiller},
      {ZoneKind::check_digit, at(2, 13), kDigit},
      {ZoneKind::given_names, sp(2, 14, 27), kLetterOrFiller},
      {ZoneKind::birth_date, sp(2, 28, 33), kDigitOrFiller},
      {ZoneKind::check_digit, at(2, 34), kDigit},
      {ZoneKind::sex, at(2, 35), kSexClass},
      {ZoneKind::check_digit, at(2, 36), kDigit}}},
    12,
    {{{CheckedField::document_number, at(2, 13), {sp(2, 1, 12)}, 1},
      {CheckedField::birth_date, at(2, 34), {sp(2, 28, 33)}, 1},
      {CheckedField::composite, at(2, 36), {sp(1, 1, 36), sp(2, 1, 35)}, 2}}},
    3});

}  // namespace

std::string_view format_name(Format f) noexcept {
  switch (f) {
    case Format::td1: return "TD1";
    case Format::td2: return "TD2";
    case Format::td3: return "TD3";
    case Format::mrva: return "MRVA";
    case Format::mrvb: return "MRVB";
    case Format::fra_id: return "FRA_ID";
  }
  return "UNKNOWN";
}

bool parse_format_name(std::string_view name, Format& out) noexcept {
  for (Format f : {Format::td1, Format::td2, Format::td3, Format::mrva, Format::mrvb, Format::fra_id}) {
    if (name == format_name(f)) {
      out = f;
      return true;
    }
  }
  return false;
}

std::string_view field_name(FieldId f) noexcept {
  switch (f) {
    case FieldId::document_code: return "document_code";
    case FieldId::issuing_state: return "issuing_state";
    case FieldId::document_number: return "document_number";
    case FieldId::nationality: return "nationality";
    case FieldId::birth_date: return "birth_date";
    case FieldId::sex: return "sex";
    case FieldId::expiry_date: return "expiry_date";
    case FieldId::surname: return "surname";
    case FieldId::given_names: return "given_names";
    case FieldId::optional_data: return "optional_data";
    case FieldId::optional_data_2: return "optional_data_2";
  }
  return "unknown";
}

std::string_view checked_field_name(CheckedField f) noexcept {
  switch (f) {
    case CheckedField::document_number: return "document_number";
    case CheckedField::birth_date: return "birth_date";
    case CheckedField::expiry_date: return "expiry_date";
    case CheckedField::optional_data: return "optional_data";
    case CheckedField::composite: return "composite";
  }
  return "unknown";
}

const Layout& layout_of(Format f) noexcept {
  switch (f) {
    case Format::td1: return kTd1;
    case Format::td2: return kTd2;
    case Format::td3: return kTd3;
    case Format::mrva: return kMrva;
    case Format::mrvb: return kMrvb;
    case Format::fra_id: return kFraId;
  }
  return kTd3;
}

std::string_view document_code_first_letters(Format f) noexcept {
  switch (f) {
    case Format::td3: return "P";
    case Format::mrva:
    case Format::mrvb: return "V";
    case Format::fra_id: return "I";
    case Format::td1:
    case Format::td2: return "ACI";
  }
  return "ACI";
}

}  // namespace docverify::mrz
