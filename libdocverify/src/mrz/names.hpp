#pragma once
// MRZ name fields (ICAO 9303-3 §4.6): reading "PRIMARY<<SECONDARY<<<" into components,
// reporting what breaks the rules, and writing a name field with truncation.
#include <cstdint>
#include <string>
#include <string_view>

namespace docverify::mrz {

enum NameIssue : std::uint16_t {
  kNameEmpty = 1 << 0,
  kNameDigit = 1 << 1,              // digits never appear in names
  kNameBadCharacter = 1 << 2,       // outside the MRZ alphabet
  kNameLeadingFiller = 1 << 3,      // starts with '<': primary identifier missing
  kNameTextAfterFillers = 1 << 4,   // letters after the filler run that ends the name
  kNamePossiblyTruncated = 1 << 5,  // the last position holds a letter
};

struct ParsedName {
  std::string primary;    // components joined by single spaces
  std::string secondary;
  std::uint16_t issues = 0;
  int first_bad_column = -1;  // 0-based column (within the field) of the first digit or bad character
};

// ICAO name zone: primary identifier, "<<", secondary identifier, fillers.
ParsedName parse_icao_name(std::string_view field);

// One name component run where '<' separates words; `double_filler_separates` also
// accepts "<<" between words (the old French ID's given names).
ParsedName parse_name_run(std::string_view field, bool double_filler_separates);

// Writes primary and secondary identifiers (MRZ characters and '<' only, already
// transliterated) into a field of `width` positions. Too long: the secondary identifier
// is cut first, keeping at least its initial; then the primary. A cut name ends in a
// letter in the last position, which is how readers see a possible truncation.
std::string build_name_field(std::string_view primary, std::string_view secondary, std::size_t width);

}  // namespace docverify::mrz
