#pragma once
// MRZ formats and their layouts (spec: mrz.md "Formats"). Layouts are data: the
// parser, the validator, the corrector and the builder all read the same tables.
#include <array>
#include <cstdint>
#include <string_view>

namespace docverify::mrz {

enum class Format : std::uint8_t { td1, td2, td3, mrva, mrvb, fra_id };

std::string_view format_name(Format f) noexcept;  // "TD1", "TD2", "TD3", "MRVA", "MRVB", "FRA_ID"
bool parse_format_name(std::string_view name, Format& out) noexcept;

// Reported fields, in report order.
enum class FieldId : std::uint8_t {
  document_code,
  issuing_state,
  document_number,
  nationality,
  birth_date,
  sex,
  expiry_date,
  surname,
  given_names,
  optional_data,
  optional_data_2,
};
constexpr int kFieldCount = 11;
std::string_view field_name(FieldId f) noexcept;

// Fields a check digit protects.
enum class CheckedField : std::uint8_t { document_number, birth_date, expiry_date, optional_data, composite };
std::string_view checked_field_name(CheckedField f) noexcept;

// What a run of positions holds. Names are one zone in ICAO formats (primary << secondary).
enum class ZoneKind : std::uint8_t {
  document_code,
  issuing_state,
  name,
  surname,
  given_names,
  document_number,
  nationality,
  birth_date,
  sex,
  expiry_date,
  optional_data,
  optional_data_2,
  department,
  office,
  check_digit,
};

// A run of characters on one line; 0-based line and column.
struct Span {
  std::uint8_t line = 0;
  std::uint8_t start = 0;
  std::uint8_t length = 0;
};

struct Zone {
  ZoneKind kind;
  Span span;
  std::uint8_t char_class;  // CharClass mask
};

struct CheckDigitLayout {
  CheckedField field;
  Span digit;                 // length 1
  std::array<Span, 4> spans;  // concatenated in order
  std::uint8_t span_count;
};

constexpr int kMaxLines = 3;
constexpr int kMaxLineLength = 44;
constexpr int kMaxChars = kMaxLines * kMaxLineLength;

constexpr int kZoneKindCount = 15;

struct Layout {
  Format format;
  std::uint8_t lines;
  std::uint8_t length;
  std::array<Zone, 16> zones;
  std::uint8_t zone_count;
  std::array<CheckDigitLayout, 5> checks;
  std::uint8_t check_count;
  // Derived once at compile time from the tables above (see finish_layout in format.cpp).
  std::array<std::int8_t, kZoneKindCount> zone_index{};  // zone of each kind, -1 if none
  std::array<std::uint8_t, kMaxChars> classes{};         // CharClass per position (line * length + column)
  std::array<bool, kMaxChars> in_name{};                 // position belongs to a name zone
  std::array<bool, kMaxChars> checked{};                 // some check digit covers it (the digits too)
  std::array<bool, kMaxChars> field_checked{};           // the same without the composite digit
  std::uint16_t uncovered = 0;                           // bit (1 << FieldId): no check digit covers it
};

const Layout& layout_of(Format f) noexcept;

// Letters a document code of the format may start with (ICAO 9303: P for passports, V for
// visas, A, C or I for cards; the old French card's code is always ID).
std::string_view document_code_first_letters(Format f) noexcept;

}  // namespace docverify::mrz
