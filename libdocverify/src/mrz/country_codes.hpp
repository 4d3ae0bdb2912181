#pragma once
#include <string_view>

namespace docverify::mrz {

// How a code may be used in one MRZ role (issuing state or nationality), per ICAO Doc 9303-3 §5.
enum class CodeUse : unsigned char {
  ok,          // normal use
  unusual,     // allowed but worth a WARNING (e.g. GBD as issuer, EUE as nationality)
  deprecated,  // withdrawn code (ANT, NTZ): WARNING
  specimen,    // UTO: specimen documents only
  wrong_role,  // code exists but not in this role (XXA as issuer; IAO anywhere): ERROR
};

struct CountryCode {
  std::string_view code;        // as written in the MRZ without fillers: "D", "UTO", "NLD"
  std::string_view name;        // English short name (UTF-8)
  CodeUse as_issuer;
  CodeUse as_nationality;
  bool iso3166;                 // true when the code is an ISO 3166-1 alpha-3 code
};

// Looks up a code with trailing '<' fillers already removed ("D<<" -> "D"). nullptr when unknown.
// Must be fast (called on every parse): binary search over a sorted constexpr/static array, no allocation.
const CountryCode* find_country_code(std::string_view code) noexcept;

// The whole table, sorted by code (for tests and documentation).
struct CountryCodeTable { const CountryCode* begin; const CountryCode* end; };
CountryCodeTable all_country_codes() noexcept;

}  // namespace docverify::mrz
