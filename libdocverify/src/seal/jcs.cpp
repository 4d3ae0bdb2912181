#include "seal/jcs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <string_view>
#include <system_error>
#include <vector>

#include "seal/seal_error.hpp"

namespace docverify::seal {

namespace {

// Strict UTF-8 to UTF-16 (the parser already validated; values built in code may not be).
bool utf8_to_utf16(std::string_view text, std::u16string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::uint32_t cp = 0;
    std::size_t length = 0;
    unsigned char second_min = 0x80;
    unsigned char second_max = 0xBF;
    if (lead < 0x80) {
      cp = lead;
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      cp = lead & 0x1Fu;
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      cp = lead & 0x0Fu;
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;
      if (lead == 0xED) second_max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      cp = lead & 0x07u;
      length = 4;
      if (lead == 0xF0) second_min = 0x90;
      if (lead == 0xF4) second_max = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char b = byte(i + k);
      if (b < (k == 1 ? second_min : 0x80) || b > (k == 1 ? second_max : 0xBF)) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < 0x10000) {
      out += static_cast<char16_t>(cp);
    } else {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    }
    i += length;
  }
  return true;
}

void write_string(std::string& out, std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

class Canonicalizer {
 public:
  std::string run(const JsonValue& value) {
    write(value, 0);
    return std::move(out_);
  }

 private:
  void check_utf8(const std::string& text, const char* what) {
    if (!utf8_to_utf16(text, scratch_)) throw MalformedSeal(std::string("JCS: ") + what + " is not valid UTF-8");
  }

  void write(const JsonValue& value, std::size_t depth) {
    switch (value.kind) {
      case JsonKind::null: out_ += "null"; return;
      case JsonKind::boolean: out_ += value.boolean ? "true" : "false"; return;
      case JsonKind::number: out_ += canonical_number(value.number); return;
      case JsonKind::string:
        check_utf8(value.text, "a string");
        write_string(out_, value.text);
        return;
      case JsonKind::array: {
        enter(depth + 1);
        out_ += '[';
        bool first = true;
        for (const auto& item : value.items) {
          if (!first) out_ += ',';
          first = false;
          write(item, depth + 1);
        }
        out_ += ']';
        return;
      }
      case JsonKind::object: write_object(value, depth + 1); return;
    }
  }

  void enter(std::size_t depth) const {
    if (depth > JsonLimits{}.max_depth) throw MalformedSeal("JCS: nesting deeper than the parser's limit");
  }

  void write_object(const JsonValue& object, std::size_t depth) {
    enter(depth);
    const auto& members = object.members;
    std::vector<std::u16string> keys(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (!utf8_to_utf16(members[i].key, keys[i])) throw MalformedSeal("JCS: a member name is not valid UTF-8");
    }
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // std::u16string compares char16_t values as unsigned code units: exactly RFC 8785 §3.2.3.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    out_ += '{';
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i > 0) {
        if (keys[order[i]] == keys[order[i - 1]]) throw MalformedSeal("JCS: duplicate member name");
        out_ += ',';
      }
      const auto& member = members[order[i]];
      write_string(out_, member.key);
      out_ += ':';
      write(member.value, depth);
    }
    out_ += '}';
  }

  std::string out_;
  std::u16string scratch_;
};

}  // namespace

std::string canonical_number(double value) {
  if (!std::isfinite(value)) throw MalformedSeal("JCS: NaN and Infinity have no JSON form");
  if (value == 0.0) return "0";  // also -0 (ECMAScript: ToString(-0) is "0")

  // Shortest round-trip digits as d.ddde±x; split into the digits and the decimal exponent.
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value), std::chars_format::scientific);
  if (result.ec != std::errc{}) throw MalformedSeal("JCS: cannot format a number");
  const std::string_view scientific(buffer, static_cast<std::size_t>(result.ptr - buffer));
  const std::size_t e_pos = scientific.find('e');
  std::string digits;
  for (const char c : scientific.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  const std::string_view exponent_text = scientific.substr(e_pos + 1);
  const char* exponent_first = exponent_text.data() + (exponent_text.front() == '+' ? 1 : 0);
  std::from_chars(exponent_first, exponent_text.data() + exponent_text.size(), exponent);

  // ECMA-262 Number::toString: the value is digits × 10^(n − k).
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  std::string out = value < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n), std::string::npos);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1, std::string::npos);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string canonical_json(const JsonValue& value) { return Canonicalizer().run(value); }

}  // namespace docverify::seal
