#pragma once
// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes a VDS-NC signature covers.
//  - object members sorted by the UTF-16 code units of their keys (not by UTF-8 bytes or
//    code points: U+1F600 sorts before U+FB33 because its first unit is 0xD83D);
//  - no whitespace; arrays keep their order;
//  - strings: only '"', '\' and U+0000..U+001F are escaped (\b \t \n \f \r, the rest as
//    \u00xx with lowercase hex); everything else, U+007F and U+2028 included, is literal UTF-8;
//  - numbers in the ECMAScript Number::toString form (shortest round-trip digits; plain
//    notation for 1e-6 <= |x| < 1e21, otherwise d.ddde+XX / d.ddde-XX, so 1e-7 is written
//    "1e-7" and 0.000001 "0.000001"; -0 is written "0").
// Shortest digits come from std::to_chars (libstdc++ >= 11, a Ryu implementation), which
// also picks the closest of several shortest candidates as ECMAScript requires. A loop
// over printf("%.*e") precisions is not enough: at some powers of two (2^-1017) the
// correctly rounded 16-digit string misses the double while another 16-digit one hits it.
#include <string>

#include "seal/json.hpp"

namespace docverify::seal {

// Throws MalformedSeal for NaN/Infinity, a string or key that is not valid UTF-8, duplicate
// keys in one object, or nesting deeper than JsonLimits{}.max_depth (values built in code
// are not bounded by the parser).
std::string canonical_json(const JsonValue& value);

// One number as ECMAScript's Number::toString writes it (the JCS form). Throws MalformedSeal
// for NaN and Infinity.
std::string canonical_number(double value);

}  // namespace docverify::seal
