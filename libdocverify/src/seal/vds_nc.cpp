#include "seal/vds_nc.hpp"

#include <string_view>

#include "errors/input_error.hpp"
#include "seal/jcs.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {

namespace {

constexpr std::size_t kMaxCertificateBytes = 4096;
constexpr std::size_t kMaxTypeLength = 64;
constexpr int kMaxVersion = 1000;
constexpr std::size_t kMaxFlattenDepth = 64;

[[noreturn]] void fail(const std::string& what) { throw MalformedSeal("VDS-NC: " + what); }

bool starts_with_bom(std::string_view text) noexcept {
  return text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
         static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF;
}

std::string described(JsonKind kind) {
  switch (kind) {
    case JsonKind::null: return "null";
    case JsonKind::array: return "an array";
    case JsonKind::object: return "an object";
    default: return std::string("a ") + json_kind_name(kind);
  }
}

const JsonValue& require_member(const JsonValue& object, const char* key, JsonKind kind, const char* path) {
  const JsonValue* value = object.find(key);
  if (value == nullptr) fail(std::string("missing member ") + path);
  if (value->kind != kind) {
    fail(std::string(path) + " is " + described(value->kind) + ", expected " + described(kind));
  }
  return *value;
}

int base64_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return -1;
}

bool is_plain_key(const std::string& key) noexcept {
  if (key.empty()) return false;
  for (const char c : key) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void check_header(const JsonValue& header, VdsNcSeal& seal) {
  for (const auto& member : header.members) {
    if (member.key != "t" && member.key != "v" && member.key != "is") {
      seal.warnings.push_back("data.hdr has an unknown member " + quote_input(member.key) + " (covered by the signature)");
    }
  }
  const std::string& type = require_member(header, "t", JsonKind::string, "data.hdr.t").text;
  if (type.empty() || type.size() > kMaxTypeLength) fail("data.hdr.t must be 1 to 64 characters long");
  for (const char c : type) {
    if (c < 0x21 || c > 0x7E) fail("data.hdr.t " + quote_input(type) + " contains a character other than printable ASCII");
  }
  seal.type = type;
  if (type != "icao.vacc" && type != "icao.test") {
    seal.warnings.push_back("unknown VDS-NC type " + quote_input(type) + "; its message is not checked");
  }

  const JsonValue& version = require_member(header, "v", JsonKind::number, "data.hdr.v");
  if (!version.is_integer() || version.number < 1 || version.number > kMaxVersion) {
    fail("data.hdr.v must be an integer from 1 to " + std::to_string(kMaxVersion) + ", got " +
         canonical_number(version.number));
  }
  seal.version = static_cast<int>(version.number);
  if (seal.version != 1) seal.warnings.push_back("VDS-NC header version " + std::to_string(seal.version) + " (known: 1)");

  const std::string& state = require_member(header, "is", JsonKind::string, "data.hdr.is").text;
  // A capital letter, then capitals or the MRZ filler as trailing padding ("D<<").
  bool state_ok = state.size() == 3 && state[0] >= 'A' && state[0] <= 'Z';
  bool padding = false;
  for (std::size_t i = 1; state_ok && i < state.size(); ++i) {
    if (state[i] == '<') {
      padding = true;
    } else if (state[i] < 'A' || state[i] > 'Z' || padding) {
      state_ok = false;
    }
  }
  if (!state_ok) fail("data.hdr.is " + quote_input(state) + " is not a 3-letter issuing state code");
  seal.issuing_state = state;
}

void warn_missing_fields(const JsonValue& message, VdsNcSeal& seal) {
  std::vector<const char*> required;
  if (seal.type == "icao.vacc") required = {"uvci", "pid", "ve"};
  if (seal.type == "icao.test") required = {"utci", "pid", "sp", "dat", "tr"};
  for (const char* key : required) {
    if (message.find(key) == nullptr) {
      seal.warnings.push_back(seal.type + " message lacks the required member '" + key + "'");
    }
  }
  if (!required.empty()) {
    const JsonValue* person = message.find("pid");
    if (person != nullptr && person->find("n") == nullptr) {
      seal.warnings.push_back(seal.type + " message lacks the holder's name (pid.n)");
    }
  }
}

void flatten_into(const JsonValue& value, const std::string& path, std::size_t depth, std::size_t max_entries,
                  std::vector<std::pair<std::string, std::string>>& out, bool& truncated) {
  const bool scalar = !value.is_array() && !value.is_object();
  if (scalar && out.size() >= max_entries) {
    truncated = true;
    return;
  }
  if (depth > kMaxFlattenDepth) {
    if (out.size() < max_entries) out.emplace_back(path, "...");
    truncated = true;
    return;
  }
  switch (value.kind) {
    case JsonKind::null: out.emplace_back(path, "null"); return;
    case JsonKind::boolean: out.emplace_back(path, value.boolean ? "true" : "false"); return;
    case JsonKind::number: out.emplace_back(path, canonical_number(value.number)); return;
    case JsonKind::string: out.emplace_back(path, value.text); return;
    case JsonKind::array:
      for (std::size_t i = 0; i < value.items.size() && !truncated; ++i) {
        flatten_into(value.items[i], path + "[" + std::to_string(i) + "]", depth + 1, max_entries, out, truncated);
      }
      return;
    case JsonKind::object:
      for (const auto& member : value.members) {
        if (truncated) return;
        std::string child;
        if (is_plain_key(member.key)) {
          child = path.empty() ? member.key : path + "." + member.key;
        } else {
          child = path + "[" + canonical_json(JsonValue::make_string(member.key)) + "]";
        }
        flatten_into(member.value, child, depth + 1, max_entries, out, truncated);
      }
      return;
  }
}

}  // namespace

std::size_t vds_nc_signature_size(const std::string& algorithm) noexcept {
  if (algorithm == "ES256") return 64;
  if (algorithm == "ES384") return 96;
  if (algorithm == "ES512") return 132;
  return 0;
}

std::vector<std::uint8_t> decode_base64url(const std::string& text, const char* what,
                                           std::vector<std::string>& warnings) {
  const std::string field(what);
  if (text.empty()) fail(field + " is empty");
  std::size_t body_length = text.size();
  while (body_length > 0 && text[body_length - 1] == '=') --body_length;
  const std::size_t padding = text.size() - body_length;
  const std::size_t remainder = body_length % 4;
  if (remainder == 1) fail(field + " has an impossible base64 length (" + std::to_string(body_length) + " characters)");
  if (padding > 0) {
    const std::size_t expected_padding = remainder == 0 ? 0 : 4 - remainder;
    if (padding != expected_padding) fail(field + " has wrong base64 '=' padding");
    warnings.push_back(field + " carries base64 '=' padding (base64url in VDS-NC has none)");
  }

  bool url_alphabet = false;
  bool standard_alphabet = false;
  std::vector<std::uint8_t> out;
  out.reserve(body_length * 3 / 4);
  std::uint32_t accumulator = 0;
  int bits = 0;
  int last_value = 0;
  for (std::size_t i = 0; i < body_length; ++i) {
    const char c = text[i];
    int value = base64_value(c);
    if (c == '-' || c == '_') {
      url_alphabet = true;
      value = c == '-' ? 62 : 63;
    } else if (c == '+' || c == '/') {
      standard_alphabet = true;
      value = c == '+' ? 62 : 63;
    }
    if (value < 0) {
      fail(field + (c == '=' ? " has '=' padding before the end" : " has a character outside base64url") +
           " at position " + std::to_string(i));
    }
    if (url_alphabet && standard_alphabet) fail(field + " mixes the base64url and standard base64 alphabets");
    last_value = value;
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((accumulator >> bits) & 0xFF));
    }
  }
  // The last character of a 2- or 3-character group carries 4 or 2 unused bits.
  const int unused_mask = remainder == 2 ? 0x0F : remainder == 3 ? 0x03 : 0;
  if ((last_value & unused_mask) != 0) fail(field + " has non-zero unused bits in its last base64 character");
  if (standard_alphabet) warnings.push_back(field + " uses the standard base64 alphabet ('+', '/') instead of base64url");
  return out;
}

bool looks_like_vds_nc(const std::uint8_t* data, std::size_t size) noexcept {
  if (data == nullptr || size == 0) return false;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (starts_with_bom(text)) text.remove_prefix(3);
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  if (i >= text.size() || text[i] != '{') return false;
  return text.find("\"data\"", i) != std::string_view::npos && text.find("\"sig\"", i) != std::string_view::npos;
}

VdsNcSeal parse_vds_nc(const std::uint8_t* data, std::size_t size) {
  if (data == nullptr && size != 0) fail("no payload");
  std::string_view text(data == nullptr ? "" : reinterpret_cast<const char*>(data), size);
  VdsNcSeal seal;
  const bool bom = starts_with_bom(text);
  if (bom) {
    text.remove_prefix(3);
    seal.warnings.push_back("UTF-8 byte order mark before the JSON skipped");
  }
  JsonValue root;
  try {
    root = parse_json(text);
  } catch (const MalformedSeal& error) {
    fail(std::string(error.what()) + (bom ? " (counted after the byte order mark)" : ""));
  }

  if (!root.is_object()) fail("the JSON value is " + described(root.kind) + ", expected an object");
  for (const auto& member : root.members) {
    if (member.key != "data" && member.key != "sig") {
      fail("unexpected top-level member " + quote_input(member.key) + " (only \"data\" and \"sig\"; it would be unsigned)");
    }
  }
  const JsonValue& signed_data = require_member(root, "data", JsonKind::object, "data");
  const JsonValue& signature = require_member(root, "sig", JsonKind::object, "sig");

  for (const auto& member : signed_data.members) {
    if (member.key != "hdr" && member.key != "msg") {
      seal.warnings.push_back("data has an unknown member " + quote_input(member.key) + " (covered by the signature)");
    }
  }
  check_header(require_member(signed_data, "hdr", JsonKind::object, "data.hdr"), seal);
  const JsonValue& message = require_member(signed_data, "msg", JsonKind::object, "data.msg");

  for (const auto& member : signature.members) {
    if (member.key != "alg" && member.key != "cer" && member.key != "sigvl") {
      fail("unexpected member " + quote_input(member.key) + " in sig (it would be unsigned)");
    }
  }
  seal.algorithm = require_member(signature, "alg", JsonKind::string, "sig.alg").text;
  const std::size_t signature_size = vds_nc_signature_size(seal.algorithm);
  if (signature_size == 0) {
    fail("unknown signature algorithm sig.alg " + quote_input(seal.algorithm) + " (known: ES256, ES384, ES512)");
  }
  seal.certificate_der =
      decode_base64url(require_member(signature, "cer", JsonKind::string, "sig.cer").text, "sig.cer", seal.warnings);
  if (seal.certificate_der.size() > kMaxCertificateBytes) {
    fail("sig.cer is " + std::to_string(seal.certificate_der.size()) + " bytes, more than " +
         std::to_string(kMaxCertificateBytes));
  }
  if (seal.certificate_der.front() != 0x30) fail("sig.cer does not start with a DER SEQUENCE");
  seal.signature =
      decode_base64url(require_member(signature, "sigvl", JsonKind::string, "sig.sigvl").text, "sig.sigvl",
                       seal.warnings);
  if (seal.signature.size() != signature_size) {
    fail("sig.sigvl is " + std::to_string(seal.signature.size()) + " bytes, " + seal.algorithm + " needs " +
         std::to_string(signature_size));
  }

  seal.signed_bytes = canonical_json(signed_data);
  warn_missing_fields(message, seal);
  seal.message = message;
  return seal;
}

std::vector<std::pair<std::string, std::string>> flatten_message(const JsonValue& message, std::size_t max_entries,
                                                                 bool* truncated) {
  std::vector<std::pair<std::string, std::string>> out;
  bool cut = false;
  flatten_into(message, "", 0, max_entries, out, cut);
  if (truncated != nullptr) *truncated = cut;
  return out;
}

std::string encode_base64url(const std::vector<std::uint8_t>& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  unsigned bits = 0;
  int count = 0;
  for (std::uint8_t b : bytes) {
    bits = ((bits << 8) | b) & 0xFFFFFFU;
    count += 8;
    while (count >= 6) out += alphabet[(bits >> (count -= 6)) & 63U];
  }
  if (count > 0) out += alphabet[(bits << (6 - count)) & 63U];
  return out;
}

}  // namespace docverify::seal
