#pragma once
// ICAO 9303-13 Visible Digital Seal (VDS): header v3/v4, message zone, signature zone.
// Parsing only; the signature is verified by seal_verifier with the trust store.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "seal/vds_profiles.hpp"

namespace docverify::seal {

// How the header's certificate reference was laid out. Real seals deviate from 9303-13
// (seals.md §2): each deviation accepted is named here and in the warnings.
enum class ReferenceLayout : std::uint8_t {
  v3_fixed = 0,           // version 3: 5 characters
  v4_hex_length = 1,      // version 4 as the standard says: 2 hex digits give the length
  v4_decimal_length = 2,  // German profile-based seals: the length digits are decimal
  v4_byte_v3_layout = 3,  // version byte 4 with the fixed 5-character v3 reference
};
const char* reference_layout_name(ReferenceLayout) noexcept;

struct VdsHeader {
  int version = 0;                    // 3 or 4 (the version byte plus one)
  std::string issuing_country;        // 3 characters, '<' filled
  std::string signer;                 // 4 characters: country (2) + signer (2), e.g. "UTTS"
  std::string certificate_reference;  // as written, e.g. "00027" or "5B"
  // Readings of the same bytes under another layout (a version-4 byte with the v3
  // reference: "DEME03123" is signer DEME, reference "123" by the standard, "03123" in
  // German arrival attestations). The signer lookup tries them after the first.
  std::vector<std::string> alternative_references;
  ReferenceLayout layout = ReferenceLayout::v3_fixed;
  Date issue_date;
  Date signature_date;
  std::uint8_t feature_reference = 0;
  std::uint8_t type_category = 0;
  std::size_t size = 0;  // header bytes
};

// One message-zone feature as found (tag, value) and, when the profile knows it, decoded.
struct VdsFeature {
  std::uint8_t tag = 0;
  std::vector<std::uint8_t> value;
  std::size_t offset = 0;  // of the tag byte in the seal
  const FeatureDefinition* definition = nullptr;  // nullptr: unknown tag, passed through
  std::string text;        // decoded value (C40/MRZ/UTF-8 text, a number, hex for bytes)
  std::vector<std::string> mrz_lines;  // coding mrz: the full MRZ lines, the missing tail as '<'
  std::size_t mrz_stored = 0;          // how many of their characters the seal really holds
  bool decoded = false;    // false when the value does not follow its definition
};

struct VdsParseOptions {
  // Strict rejects the real-world deviations that lenient parsing accepts with a warning
  // (the non-DER 0x80 length, the non-standard reference layouts).
  bool strict = false;
};

struct VdsSeal {
  VdsHeader header;
  const VdsProfile* profile = nullptr;  // nullptr: unknown document type
  std::vector<VdsFeature> features;
  std::size_t signed_size = 0;          // bytes 0 .. signed_size-1 are signed (up to the FF tag)
  std::vector<std::uint8_t> signature;  // r || s
  // Real-world deviations from 9303-13 that lenient parsing accepted (the 80 length, a
  // non-standard reference layout): genuine seals of some states carry them.
  std::vector<std::string> deviations;
  // Content that does not fit its profile: a missing or wrongly sized feature, text that
  // does not decode.
  std::vector<std::string> warnings;
  const VdsFeature* find(std::uint8_t tag) const noexcept;
};

constexpr std::uint8_t kVdsMagic = 0xDC;
constexpr std::size_t kMaxVdsSize = 8192;  // a DataMatrix holds at most 1556 bytes

bool looks_like_vds(const std::uint8_t* data, std::size_t size) noexcept;

// Parses a seal. Throws MalformedSeal with what is wrong and where: bad magic or
// version, invalid dates or C40, a length past the end, no signature zone, a header that
// fits none or several layouts.
VdsSeal parse_vds(const std::uint8_t* data, std::size_t size, const VdsParseOptions& options = {});

// The 3-byte MMDDYYYY date encoding. decode throws MalformedSeal for a non-date.
Date decode_vds_date(const std::uint8_t* three_bytes);
void encode_vds_date(const Date& date, std::uint8_t* three_bytes);

}  // namespace docverify::seal
