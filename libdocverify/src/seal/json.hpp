#pragma once
// A small JSON DOM and a strict parser for untrusted text (the JSON of a VDS-NC seal).
//
// parse_json() accepts exactly RFC 8259 JSON and nothing more:
//  - no trailing commas, comments, single quotes, leading zeros, '+1', '.5', '1.', NaN or
//    Infinity; whitespace is only space, tab, CR and LF;
//  - the text must be UTF-8 (RFC 3629): overlong forms, UTF-8-encoded surrogates and code
//    points above U+10FFFF are rejected, and so are raw control characters in strings;
//  - a leading UTF-8 byte order mark is rejected: RFC 8259 §8.1 forbids writing one, and a
//    strict parser should not guess. (parse_vds_nc skips one with a warning; see vds_nc.hpp.)
//  - \uXXXX escapes are decoded, surrogate pairs are combined, lone surrogates are rejected;
//  - an object with the same key twice (compared after unescaping) is rejected, because two
//    readers could pick different values while the signature covers both;
//  - a number is converted to the nearest double (std::from_chars: correctly rounded and
//    locale-free); one that overflows to infinity or underflows below the smallest
//    subnormal (5e-324) is rejected rather than silently turned into inf or 0;
//  - depth, total size and the number of values are bounded (JsonLimits).
// Every failure throws MalformedSeal with what went wrong and the byte offset.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docverify::seal {

struct JsonLimits {
  std::size_t max_bytes = 64 * 1024;  // a QR code holds < 3 KB; 64 KiB leaves ample room
  std::size_t max_depth = 64;         // nested arrays/objects (the top-level container is 1)
  std::size_t max_values = 10000;     // every value counts: members, elements and scalars
};

enum class JsonKind { null, boolean, number, string, array, object };

struct JsonMember;

struct JsonValue {
  JsonKind kind = JsonKind::null;
  bool boolean = false;             // kind == boolean
  double number = 0.0;              // kind == number
  std::string text;                 // kind == string: UTF-8, escapes decoded
  std::vector<JsonValue> items;     // kind == array
  std::vector<JsonMember> members;  // kind == object, in document order, keys unique

  static JsonValue make_null();
  static JsonValue make_bool(bool value);
  static JsonValue make_number(double value);
  static JsonValue make_string(std::string value);
  static JsonValue make_array(std::vector<JsonValue> values = {});
  static JsonValue make_object(std::vector<JsonMember> values = {});

  bool is_null() const noexcept { return kind == JsonKind::null; }
  bool is_bool() const noexcept { return kind == JsonKind::boolean; }
  bool is_number() const noexcept { return kind == JsonKind::number; }
  bool is_string() const noexcept { return kind == JsonKind::string; }
  bool is_array() const noexcept { return kind == JsonKind::array; }
  bool is_object() const noexcept { return kind == JsonKind::object; }
  // A number with no fractional part (1 and 1.0 alike; JCS writes both as "1").
  bool is_integer() const noexcept;

  // The member's value, or nullptr if this is not an object or has no such key.
  const JsonValue* find(std::string_view key) const noexcept;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

// Deep, kind-aware comparison (numbers by value, so -0 == 0; members in order).
bool operator==(const JsonValue& a, const JsonValue& b) noexcept;
inline bool operator!=(const JsonValue& a, const JsonValue& b) noexcept { return !(a == b); }

// Parses one JSON text (surrounding whitespace allowed). Throws MalformedSeal.
JsonValue parse_json(std::string_view text, const JsonLimits& limits = {});

// Name of a kind for messages ("string", "object", ...).
const char* json_kind_name(JsonKind kind) noexcept;

}  // namespace docverify::seal
