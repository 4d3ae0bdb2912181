#include "seal/vds.hpp"

#include <cstdio>
#include <string>
#include <utility>

#include "crypto/certificate.hpp"
#include "seal/c40.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

std::string hex_of(const std::uint8_t* data, std::size_t size) { return crypto::to_hex_upper(data, size); }

std::string at(std::size_t offset) { return " at byte " + std::to_string(offset); }

bool is_valid_utf8(const std::vector<std::uint8_t>& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned c = s[i];
    std::size_t n = 0;
    unsigned cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const unsigned min_cp[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// A DER length (short form, 81 xx, 82 xxxx). A single 80 — not DER, seen in real seals
// for 128-byte values — is read as 128 when lenient.
std::size_t read_length(const std::uint8_t* data, std::size_t size, std::size_t& pos, bool lenient,
                        bool& non_der) {
  if (pos >= size) throw MalformedSeal("length missing" + at(pos));
  const std::uint8_t first = data[pos++];
  if (first < 0x80) return first;
  if (first == 0x80) {
    if (!lenient) throw MalformedSeal("length byte 80 is not DER (strict)" + at(pos - 1));
    non_der = true;
    return 128;
  }
  if (first == 0x81) {
    if (pos + 1 > size) throw MalformedSeal("length truncated" + at(pos));
    const std::size_t n = data[pos++];
    if (n < 0x80) {
      // DER writes lengths below 128 in one byte; tolerated (and named) when lenient.
      if (!lenient) throw MalformedSeal("length 81 " + hex_of(&data[pos - 1], 1) + " is not minimal DER (strict)" + at(pos - 2));
      non_der = true;
    }
    return n;
  }
  if (first == 0x82) {
    if (pos + 2 > size) throw MalformedSeal("length truncated" + at(pos));
    const std::size_t n = (std::size_t{data[pos]} << 8) | data[pos + 1];
    pos += 2;
    if (n < 0x100) {
      if (!lenient) throw MalformedSeal("length 82 is not minimal DER (strict)" + at(pos - 3));
      non_der = true;
    }
    return n;
  }
  throw MalformedSeal("length form " + hex_of(&first, 1) + " is not allowed" + at(pos - 1));
}

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }
bool is_decimal_digit(char c) { return c >= '0' && c <= '9'; }

struct Candidate {
  VdsSeal seal;
  std::vector<std::string> deviations;
};

void decode_feature(VdsFeature& f, std::vector<std::string>& warnings) {
  const FeatureDefinition* d = f.definition;
  f.text = hex_of(f.value.data(), f.value.size());
  if (d == nullptr) return;
  if (f.value.size() < d->min_size || f.value.size() > d->max_size) {
    warnings.push_back(std::string("feature ") + d->name + " has " + std::to_string(f.value.size()) +
                       " bytes; its profile allows " + std::to_string(d->min_size) + "-" + std::to_string(d->max_size));
    return;
  }
  try {
    switch (d->coding) {
      case FeatureCoding::bytes: break;
      case FeatureCoding::uuid: {
        f.text.clear();
        for (char c : hex_of(f.value.data(), f.value.size())) f.text += static_cast<char>(c >= 'A' ? c + 32 : c);
        break;
      }
      case FeatureCoding::c40: f.text = decode_c40(f.value); break;
      case FeatureCoding::mrz: {
        std::string chars = decode_c40(f.value);
        const std::size_t total = std::size_t{d->mrz_lines} * d->mrz_line_length;
        if (chars.size() > total) {
          warnings.push_back(std::string("feature ") + d->name + " holds more characters than its MRZ");
          return;
        }
        f.mrz_stored = chars.size();
        chars.resize(total, '<');  // the optional-data tail is not stored
        for (std::size_t l = 0; l < d->mrz_lines; ++l)
          f.mrz_lines.push_back(chars.substr(l * d->mrz_line_length, d->mrz_line_length));
        f.text = chars;
        break;
      }
      case FeatureCoding::byte: f.text = std::to_string(f.value[0]); break;
      case FeatureCoding::duration:
        f.text = std::to_string(f.value[0]) + " days, " + std::to_string(f.value[1]) + " months, " +
                 std::to_string(f.value[2]) + " years";
        break;
      case FeatureCoding::utf8:
        if (!is_valid_utf8(f.value)) {
          warnings.push_back(std::string("feature ") + d->name + " is not valid UTF-8");
          return;
        }
        f.text.assign(f.value.begin(), f.value.end());
        break;
    }
    f.decoded = true;
  } catch (const MalformedSeal& e) {
    warnings.push_back(std::string("feature ") + d->name + ": " + e.what());
  }
}

Candidate parse_with_layout(const std::uint8_t* data, std::size_t size, ReferenceLayout layout, bool lenient) {
  Candidate c;
  VdsHeader& h = c.seal.header;
  h.layout = layout;
  h.version = data[1] + 1;
  std::size_t pos = 2;
  auto need = [&](std::size_t n, const char* what) {
    if (pos + n > size) throw MalformedSeal(std::string("seal ends inside the ") + what + at(pos));
  };
  need(2, "issuing country");
  h.issuing_country = decode_c40(data + pos, 2);
  if (h.issuing_country.size() != 3) throw MalformedSeal("issuing country is not 3 characters");
  pos += 2;
  if (layout == ReferenceLayout::v3_fixed || layout == ReferenceLayout::v4_byte_v3_layout) {
    need(6, "signer and certificate reference");
    const std::string s = decode_c40(data + pos, 6);
    if (s.size() != 9) throw MalformedSeal("signer and reference are not 9 characters");
    h.signer = s.substr(0, 4);
    h.certificate_reference = s.substr(4);
    pos += 6;
  } else {
    need(4, "signer and reference length");
    const std::string s = decode_c40(data + pos, 4);
    if (s.size() != 6) throw MalformedSeal("signer and reference length are not 6 characters");
    h.signer = s.substr(0, 4);
    const char a = s[4], b = s[5];
    int length = 0;
    if (layout == ReferenceLayout::v4_hex_length) {
      if (!is_hex_digit(a) || !is_hex_digit(b)) throw MalformedSeal("reference length is not 2 hex digits");
      length = std::stoi(s.substr(4), nullptr, 16);
    } else {
      if (!is_decimal_digit(a) || !is_decimal_digit(b)) throw MalformedSeal("reference length is not 2 decimal digits");
      length = std::stoi(s.substr(4), nullptr, 10);
    }
    if (length == 0) throw MalformedSeal("certificate reference length is 0");
    pos += 4;
    const std::size_t bytes = c40_size(static_cast<std::size_t>(length));
    need(bytes, "certificate reference");
    h.certificate_reference = decode_c40(data + pos, bytes);
    if (h.certificate_reference.size() != static_cast<std::size_t>(length))
      throw MalformedSeal("certificate reference is not " + std::to_string(length) + " characters");
    pos += bytes;
  }
  for (char ch : h.signer)
    if (ch == '<') throw MalformedSeal("signer identifier has a filler");
  need(8, "dates and document type");
  h.issue_date = decode_vds_date(data + pos);
  h.signature_date = decode_vds_date(data + pos + 3);
  h.feature_reference = data[pos + 6];
  h.type_category = data[pos + 7];
  pos += 8;
  h.size = pos;
  c.seal.profile = find_vds_profile(h.feature_reference, h.type_category);

  // Message zone: TLV features up to the FF tag.
  while (true) {
    if (pos >= size) throw MalformedSeal("no signature zone: the seal is unsigned or truncated");
    const std::uint8_t tag = data[pos];
    if (tag == 0xFF) break;
    VdsFeature f;
    f.tag = tag;
    f.offset = pos++;
    bool this_non_der = false;
    const std::size_t length = read_length(data, size, pos, lenient, this_non_der);
    if (length > size - pos) throw MalformedSeal("feature " + hex_of(&tag, 1) + " runs past the end" + at(f.offset));
    if (this_non_der) {
      c.deviations.push_back("feature " + hex_of(&tag, 1) + " has a non-DER length (80 for 128, or not minimal)");
    }
    f.value.assign(data + pos, data + pos + length);
    pos += length;
    if (c.seal.profile != nullptr) {
      f.definition = c.seal.profile->find(tag);
      if (c.seal.find(tag) != nullptr)
        throw MalformedSeal("feature " + hex_of(&tag, 1) + " appears twice" + at(f.offset));
    }
    c.seal.features.push_back(std::move(f));
  }
  c.seal.signed_size = pos;
  ++pos;  // the FF tag
  bool sig_non_der = false;
  const std::size_t sig_length = read_length(data, size, pos, lenient, sig_non_der);
  if (sig_length != size - pos)
    throw MalformedSeal("signature zone holds " + std::to_string(size - pos) + " bytes but its length says " +
                        std::to_string(sig_length));
  if (sig_non_der) c.deviations.push_back("the signature zone has a non-DER length (80 for 128, or not minimal)");
  c.seal.signature.assign(data + pos, data + size);
  return c;
}

}  // namespace

const char* reference_layout_name(ReferenceLayout layout) noexcept {
  switch (layout) {
    case ReferenceLayout::v3_fixed: return "v3";
    case ReferenceLayout::v4_hex_length: return "v4";
    case ReferenceLayout::v4_decimal_length: return "v4_decimal_length";
    case ReferenceLayout::v4_byte_v3_layout: return "v4_byte_v3_layout";
  }
  return "v3";
}

const VdsFeature* VdsSeal::find(std::uint8_t tag) const noexcept {
  for (const auto& f : features)
    if (f.tag == tag) return &f;
  return nullptr;
}

bool looks_like_vds(const std::uint8_t* data, std::size_t size) noexcept {
  return data != nullptr && size >= 2 && data[0] == kVdsMagic && (data[1] == 0x02 || data[1] == 0x03);
}

Date decode_vds_date(const std::uint8_t* b) {
  const long v = (long{b[0]} << 16) | (long{b[1]} << 8) | long{b[2]};
  if (v > 12319999) throw MalformedSeal("date value " + std::to_string(v) + " has more than 8 digits");
  const int month = static_cast<int>(v / 1000000);
  const int day = static_cast<int>((v / 10000) % 100);
  const int year = static_cast<int>(v % 10000);
  if (!is_valid_date(year, month, day)) {
    char text[16];
    std::snprintf(text, sizeof text, "%08ld", v);
    throw MalformedSeal(std::string("date ") + text + " (MMDDYYYY) is not a calendar date");
  }
  return Date{year, month, day};
}

void encode_vds_date(const Date& d, std::uint8_t* b) {
  const long v = long{d.month} * 1000000 + long{d.day} * 10000 + d.year;
  b[0] = static_cast<std::uint8_t>(v >> 16);
  b[1] = static_cast<std::uint8_t>(v >> 8);
  b[2] = static_cast<std::uint8_t>(v);
}


VdsSeal parse_vds(const std::uint8_t* data, std::size_t size, const VdsParseOptions& options) {
  if (data == nullptr || size < 2) throw MalformedSeal("not a VDS: fewer than 2 bytes");
  if (size > kMaxVdsSize) throw MalformedSeal("VDS larger than " + std::to_string(kMaxVdsSize) + " bytes");
  if (data[0] != kVdsMagic) throw MalformedSeal("not a VDS: the first byte is " + hex_of(data, 1) + ", not DC");
  if (data[1] != 0x02 && data[1] != 0x03)
    throw MalformedSeal("VDS version byte " + hex_of(data + 1, 1) +
                        " is not 02 (version 3) or 03 (version 4): a proprietary profile");
  const bool lenient = !options.strict;
  std::vector<ReferenceLayout> layouts;
  if (data[1] == 0x02) {
    layouts = {ReferenceLayout::v3_fixed};
  } else {
    layouts = {ReferenceLayout::v4_hex_length};
    if (lenient) layouts.insert(layouts.end(), {ReferenceLayout::v4_decimal_length, ReferenceLayout::v4_byte_v3_layout});
  }
  std::vector<Candidate> fits;
  std::string first_error;
  for (ReferenceLayout layout : layouts) {
    try {
      Candidate c = parse_with_layout(data, size, layout, lenient);
      // Two layouts that split the same bytes the same way are one structure with two
      // readings of the reference ("05" as hex or decimal; DEME03123 as reference 123 or
      // 03123), not an ambiguity: keep the first and remember the other reading.
      bool same_structure = false;
      for (auto& f : fits) {
        if (f.seal.header.size != c.seal.header.size) continue;
        same_structure = true;
        auto& alt = f.seal.header.alternative_references;
        if (c.seal.header.certificate_reference != f.seal.header.certificate_reference)
          alt.push_back(c.seal.header.certificate_reference);
      }
      if (!same_structure) fits.push_back(std::move(c));
    } catch (const MalformedSeal& e) {
      if (first_error.empty()) first_error = e.what();
    }
  }
  if (fits.empty()) throw MalformedSeal(first_error);
  if (fits.size() > 1) {
    std::string names;
    for (const auto& c : fits) names += std::string(names.empty() ? "" : ", ") + reference_layout_name(c.seal.header.layout);
    throw MalformedSeal("ambiguous VDS header: it fits the layouts " + names);
  }
  Candidate c = std::move(fits.front());
  VdsSeal seal = std::move(c.seal);
  seal.deviations = std::move(c.deviations);
  if (seal.header.layout == ReferenceLayout::v4_decimal_length)
    seal.deviations.push_back("the certificate reference length is written in decimal, not hex (BSI TR-03171 seals)");
  if (seal.header.layout == ReferenceLayout::v4_byte_v3_layout)
    seal.deviations.push_back("version byte 03 (version 4) with the fixed 5-character reference of version 3");
  for (auto& f : seal.features) decode_feature(f, seal.warnings);
  if (seal.profile != nullptr) {
    bool mrz_found = false, mrz_required = false;
    for (std::size_t i = 0; i < seal.profile->feature_count; ++i) {
      const FeatureDefinition& d = seal.profile->features[i];
      const bool present = seal.find(d.tag) != nullptr;
      if (d.coding == FeatureCoding::mrz && seal.profile->one_mrz_of_alternatives) {
        mrz_required = mrz_required || d.required;
        mrz_found = mrz_found || present;
        continue;
      }
      if (d.required && !present) seal.warnings.push_back(std::string("required feature ") + d.name + " is missing");
    }
    if (mrz_required && !mrz_found) seal.warnings.push_back("the seal carries no MRZ feature");
  }
  return seal;
}

}  // namespace docverify::seal
