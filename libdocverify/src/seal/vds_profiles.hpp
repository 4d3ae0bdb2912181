#pragma once
// The message-zone profiles of ICAO 9303-13 and BSI TR-03137 Visible Digital Seals, as
// data: a profile is selected by (document feature definition reference, document type
// category) and lists its features. Adding a document type means adding table rows.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace docverify::seal {

// How a feature's value is written.
enum class FeatureCoding : std::uint8_t {
  bytes = 0,     // opaque, shown as hex
  c40 = 1,       // C40 text
  mrz = 2,       // C40 MRZ, restored to full lines (see FeatureDefinition::mrz_lines)
  byte = 3,      // one unsigned byte (a count)
  utf8 = 4,      // UTF-8 text
  duration = 5,  // 3 bytes: days, months, years (9303-13 visa duration of stay)
  uuid = 6,      // 16 bytes, shown as 32 hex digits
};
const char* feature_coding_name(FeatureCoding) noexcept;

struct FeatureDefinition {
  std::uint8_t tag;
  const char* name;           // snake_case, as in the JSON report
  FeatureCoding coding;
  std::uint16_t min_size;     // bytes
  std::uint16_t max_size;
  bool required;
  std::uint8_t mrz_lines;     // for coding mrz: the document's MRZ shape
  std::uint8_t mrz_line_length;
};

struct VdsProfile {
  std::uint8_t feature_reference;
  std::uint8_t type_category;
  const char* id;             // "icao_visa", "residence_permit", ...
  const char* document;       // English name
  const char* standard;       // where it is defined
  const FeatureDefinition* features;
  std::size_t feature_count;
  // Profiles that hold the MRZ in one of several alternative features (a visa has an
  // MRV-A or an MRV-B MRZ): their `required` MRZ features count as one.
  bool one_mrz_of_alternatives;

  const FeatureDefinition* find(std::uint8_t tag) const noexcept;
};

// The profile for a header's reference and category, or nullptr when none is known
// (the features are then passed through as raw bytes).
const VdsProfile* find_vds_profile(std::uint8_t feature_reference, std::uint8_t type_category) noexcept;

// Every known profile, for documentation and tests.
std::size_t vds_profile_count() noexcept;
const VdsProfile& vds_profile_at(std::size_t index) noexcept;

}  // namespace docverify::seal
