#pragma once
// Writes Visible Digital Seals: the document generator's seals and the tests' fixtures.
// The signature is made by the caller over build_vds_message()'s bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "calendar/date.hpp"

namespace docverify::seal {

struct VdsBuildSpec {
  int version = 4;                          // 3 or 4
  std::string issuing_country = "UTO";
  std::string signer = "UTTS";              // country (2) + signer (2)
  std::string certificate_reference = "5B"; // the serial in hex (v3 pads it to 5 characters)
  Date issue_date{2020, 1, 1};
  Date signature_date{2020, 1, 1};
  std::uint8_t feature_reference = 0x5D;
  std::uint8_t type_category = 0x01;
  std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>> features;  // in order
};

// Header and message zone: the bytes the signature covers.
std::vector<std::uint8_t> build_vds_message(const VdsBuildSpec& spec);
// The seal: message + FF ‖ length ‖ r‖s.
std::vector<std::uint8_t> append_vds_signature(std::vector<std::uint8_t> message, const std::vector<std::uint8_t>& rs);
// An MRZ feature: C40 of the first `stored_characters` characters of the joined lines
// (a visa stores line 1 and 28 characters of line 2).
std::vector<std::uint8_t> vds_mrz_feature(const std::vector<std::string>& lines, std::size_t stored_characters);
// A DER length (short form, 81 xx, 82 xxxx).
void append_der_length(std::vector<std::uint8_t>& out, std::size_t length);

}  // namespace docverify::seal
