#pragma once
// The two-letter country of an MRZ issuer code: X.509 certificates name their country with
// ISO 3166-1 alpha-2 (C=DE), documents and seals with the MRZ's alpha-3 or ICAO code (D, DEU,
// GBD). Seal and chip checks tie one to the other.
#include <string_view>

namespace docverify::mrz {

// "DE" for "D", "DEU" or "D<<"; "GB" for GBR and the British codes GBD, GBN, GBO, GBP, GBS;
// "EU" for EUE, "UN" for the United Nations codes, "XK" for RKS, "UT" for the specimen code
// UTO. Empty when the code is unknown.
std::string_view alpha2_of(std::string_view mrz_code) noexcept;

}  // namespace docverify::mrz
