#include "seal/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <system_error>
#include <utility>

#include "seal/seal_error.hpp"

namespace docverify::seal {

JsonValue JsonValue::make_null() { return JsonValue{}; }

JsonValue JsonValue::make_bool(bool value) {
  JsonValue v;
  v.kind = JsonKind::boolean;
  v.boolean = value;
  return v;
}

JsonValue JsonValue::make_number(double value) {
  JsonValue v;
  v.kind = JsonKind::number;
  v.number = value;
  return v;
}

JsonValue JsonValue::make_string(std::string value) {
  JsonValue v;
  v.kind = JsonKind::string;
  v.text = std::move(value);
  return v;
}

JsonValue JsonValue::make_array(std::vector<JsonValue> values) {
  JsonValue v;
  v.kind = JsonKind::array;
  v.items = std::move(values);
  return v;
}

JsonValue JsonValue::make_object(std::vector<JsonMember> values) {
  JsonValue v;
  v.kind = JsonKind::object;
  v.members = std::move(values);
  return v;
}

bool JsonValue::is_integer() const noexcept {
  return kind == JsonKind::number && std::isfinite(number) && std::trunc(number) == number;
}

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
  if (kind != JsonKind::object) return nullptr;
  for (const auto& member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

bool operator==(const JsonValue& a, const JsonValue& b) noexcept {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case JsonKind::null: return true;
    case JsonKind::boolean: return a.boolean == b.boolean;
    case JsonKind::number: return a.number == b.number;
    case JsonKind::string: return a.text == b.text;
    case JsonKind::array: return a.items == b.items;
    case JsonKind::object:
      return std::equal(a.members.begin(), a.members.end(), b.members.begin(), b.members.end(),
                        [](const JsonMember& x, const JsonMember& y) { return x.key == y.key && x.value == y.value; });
  }
  return false;
}

const char* json_kind_name(JsonKind kind) noexcept {
  switch (kind) {
    case JsonKind::null: return "null";
    case JsonKind::boolean: return "boolean";
    case JsonKind::number: return "number";
    case JsonKind::string: return "string";
    case JsonKind::array: return "array";
    case JsonKind::object: return "object";
  }
  return "?";
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(std::string_view text, const JsonLimits& limits) : text_(text), limits_(limits) {}

  JsonValue parse_document() {
    if (text_.size() > limits_.max_bytes) {
      fail("JSON text longer than the limit of " + std::to_string(limits_.max_bytes) + " bytes", limits_.max_bytes);
    }
    if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
        static_cast<unsigned char>(text_[1]) == 0xBB && static_cast<unsigned char>(text_[2]) == 0xBF) {
      fail("UTF-8 byte order mark before the JSON text", 0);
    }
    skip_whitespace();
    JsonValue value = parse_value(0);
    skip_whitespace();
    if (pos_ != text_.size()) fail("unexpected data after the JSON value", pos_);
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what, std::size_t at) const {
    throw MalformedSeal("JSON: " + what + " at byte " + std::to_string(at));
  }

  bool at_end() const noexcept { return pos_ >= text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }

  void skip_whitespace() noexcept {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  void count_value() {
    if (++values_ > limits_.max_values) {
      fail("more than " + std::to_string(limits_.max_values) + " values", pos_);
    }
  }

  JsonValue parse_value(std::size_t depth) {
    if (at_end()) fail("unexpected end of text, expected a value", pos_);
    count_value();
    const char c = text_[pos_];
    switch (c) {
      case '{': return parse_object(depth + 1);
      case '[': return parse_array(depth + 1);
      case '"': return JsonValue::make_string(parse_string());
      case 't': expect_literal("true"); return JsonValue::make_bool(true);
      case 'f': expect_literal("false"); return JsonValue::make_bool(false);
      case 'n': expect_literal("null"); return JsonValue::make_null();
      default:
        if (c == '-' || is_digit(c)) return JsonValue::make_number(parse_number());
        fail("unexpected character, expected a value", pos_);
    }
  }

  void expect_literal(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) {
      fail("invalid literal, expected '" + std::string(literal) + "'", pos_);
    }
    pos_ += literal.size();
  }

  void enter(std::size_t depth) const {
    if (depth > limits_.max_depth) {
      fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels", pos_);
    }
  }

  JsonValue parse_array(std::size_t depth) {
    enter(depth);
    ++pos_;  // '['
    JsonValue array = JsonValue::make_array();
    skip_whitespace();
    if (peek() == ']') {
      ++pos_;
      return array;
    }
    for (;;) {
      skip_whitespace();
      array.items.push_back(parse_value(depth));
      skip_whitespace();
      if (at_end()) fail("unexpected end of text inside an array", pos_);
      const char c = text_[pos_++];
      if (c == ']') return array;
      if (c != ',') fail("expected ',' or ']'", pos_ - 1);
    }
  }

  JsonValue parse_object(std::size_t depth) {
    enter(depth);
    ++pos_;  // '{'
    JsonValue object = JsonValue::make_object();
    std::vector<std::size_t> key_offsets;
    skip_whitespace();
    if (peek() == '}') {
      ++pos_;
      return object;
    }
    for (;;) {
      skip_whitespace();
      if (peek() != '"') fail(at_end() ? "unexpected end of text, expected a member name" : "expected a member name",
                              pos_);
      key_offsets.push_back(pos_);
      std::string key = parse_string();
      skip_whitespace();
      if (peek() != ':') fail("expected ':' after a member name", pos_);
      ++pos_;
      skip_whitespace();
      JsonValue value = parse_value(depth);
      object.members.push_back(JsonMember{std::move(key), std::move(value)});
      skip_whitespace();
      if (at_end()) fail("unexpected end of text inside an object", pos_);
      const char c = text_[pos_++];
      if (c == '}') break;
      if (c != ',') fail("expected ',' or '}'", pos_ - 1);
    }
    reject_duplicate_keys(object, key_offsets);
    return object;
  }

  // Sorting indices keeps this O(n log n) even for an object with thousands of members.
  void reject_duplicate_keys(const JsonValue& object, const std::vector<std::size_t>& key_offsets) const {
    const auto& members = object.members;
    if (members.size() < 2) return;
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return members[a].key != members[b].key ? members[a].key < members[b].key : a < b;
    });
    for (std::size_t i = 1; i < order.size(); ++i) {
      if (members[order[i]].key == members[order[i - 1]].key) {
        fail("duplicate member name", key_offsets[order[i]]);
      }
    }
  }

  // Reads 4 hex digits after "\u" (pos_ at the backslash).
  std::uint32_t read_u_escape() {
    const std::size_t start = pos_;
    if (text_.size() - pos_ < 6 || text_[pos_ + 1] != 'u') fail("truncated \\u escape", start);
    std::uint32_t unit = 0;
    for (std::size_t i = 2; i < 6; ++i) {
      const int h = hex_value(text_[pos_ + i]);
      if (h < 0) fail("invalid hex digit in \\u escape", pos_ + i);
      unit = unit * 16 + static_cast<std::uint32_t>(h);
    }
    pos_ += 6;
    return unit;
  }

  void parse_escape(std::string& out) {
    const std::size_t start = pos_;  // at the backslash
    if (pos_ + 1 >= text_.size()) fail("unexpected end of text in an escape", pos_);
    const char e = text_[pos_ + 1];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        std::uint32_t cp = read_u_escape();
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail("lone low surrogate in \\u escape", start);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
            fail("high surrogate not followed by a low surrogate", start);
          }
          const std::uint32_t low = read_u_escape();
          if (low < 0xDC00 || low > 0xDFFF) fail("high surrogate not followed by a low surrogate", start);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        return;
      }
      default: fail("invalid escape character", pos_ + 1);
    }
    pos_ += 2;
  }

  // Validates one UTF-8 sequence (RFC 3629 table 3.9) and copies it.
  void copy_utf8_sequence(std::string& out) {
    const std::size_t start = pos_;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text_[i]); };
    const unsigned char lead = byte(pos_);
    std::size_t length = 0;
    unsigned char second_min = 0x80;
    unsigned char second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;  // overlong
      if (lead == 0xED) second_max = 0x9F;  // U+D800..U+DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_min = 0x90;  // overlong
      if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
    } else {
      fail("invalid UTF-8 lead byte", start);
    }
    if (text_.size() - pos_ < length) fail("truncated UTF-8 sequence", start);
    for (std::size_t i = 1; i < length; ++i) {
      const unsigned char b = byte(pos_ + i);
      const unsigned char lo = i == 1 ? second_min : 0x80;
      const unsigned char hi = i == 1 ? second_max : 0xBF;
      if (b < lo || b > hi) fail("invalid UTF-8 sequence", start);
    }
    out.append(text_.substr(pos_, length));
    pos_ += length;
  }

  std::string parse_string() {
    const std::size_t start = pos_;
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (at_end()) fail("unterminated string", start);
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        parse_escape(out);
      } else if (c < 0x20) {
        fail("control character in a string (must be escaped)", pos_);
      } else if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
      } else {
        copy_utf8_sequence(out);
      }
    }
  }

  double parse_number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (is_digit(peek())) fail("leading zero in a number", start);
    } else if (is_digit(peek())) {
      while (is_digit(peek())) ++pos_;
    } else {
      fail("invalid number: expected a digit", pos_);
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) fail("invalid number: expected a digit after '.'", pos_);
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) fail("invalid number: expected a digit in the exponent", pos_);
      while (is_digit(peek())) ++pos_;
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    double value = 0.0;
    const auto result = std::from_chars(first, last, value, std::chars_format::general);
    if (result.ec == std::errc::result_out_of_range) fail("number outside the range of a double", start);
    if (result.ec != std::errc{} || result.ptr != last || !std::isfinite(value)) fail("invalid number", start);
    return value;
  }

  std::string_view text_;
  const JsonLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t values_ = 0;
};

}  // namespace

JsonValue parse_json(std::string_view text, const JsonLimits& limits) { return Parser(text, limits).parse_document(); }

}  // namespace docverify::seal
