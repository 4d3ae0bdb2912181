#include "seal/vds_profiles.hpp"

#include <iterator>

namespace docverify::seal {
namespace {

using C = FeatureCoding;

// ICAO 9303-13 visa: the MRZ of an MRV-A (2 x 44) or MRV-B (2 x 36) sticker, of which the
// seal stores line 1 and the first 28 characters of line 2.
constexpr FeatureDefinition kIcaoVisa[] = {
    {0x01, "mrz_mrv_a", C::mrz, 48, 48, true, 2, 44},
    {0x02, "mrz_mrv_b", C::mrz, 44, 44, true, 2, 36},
    {0x03, "number_of_entries", C::byte, 1, 1, true, 0, 0},
    {0x04, "duration_of_stay", C::duration, 3, 3, true, 0, 0},
    {0x05, "passport_number", C::c40, 6, 6, true, 0, 0},
    {0x06, "visa_type", C::bytes, 1, 4, false, 0, 0},
    {0x07, "additional_features", C::bytes, 0, 254, false, 0, 0},
};
// ICAO 9303-13 emergency travel document: 72 MRZ characters.
constexpr FeatureDefinition kIcaoEmergencyTravelDocument[] = {
    {0x02, "mrz", C::mrz, 48, 48, true, 2, 36},
};
// BSI TR-03137 residence permit (sticker) and its supplementary sheet.
constexpr FeatureDefinition kResidencePermit[] = {
    {0x02, "mrz", C::mrz, 48, 48, true, 2, 36},
    {0x03, "passport_number", C::c40, 6, 6, true, 0, 0},
};
constexpr FeatureDefinition kSupplementarySheet[] = {
    {0x04, "mrz", C::mrz, 48, 48, true, 2, 36},
    {0x05, "sheet_number", C::c40, 6, 6, true, 0, 0},
};
// BSI TR-03137 arrival attestation: MRZ and the 12-character AZR number.
constexpr FeatureDefinition kArrivalAttestation[] = {
    {0x02, "mrz", C::mrz, 48, 48, true, 2, 36},
    {0x03, "azr_number", C::c40, 8, 8, true, 0, 0},
};
constexpr FeatureDefinition kSocialInsuranceCard[] = {
    {0x01, "social_insurance_number", C::c40, 8, 8, true, 0, 0},
    {0x02, "surname", C::utf8, 1, 90, true, 0, 0},
    {0x03, "first_name", C::utf8, 1, 90, true, 0, 0},
    {0x04, "birth_name", C::utf8, 1, 90, false, 0, 0},
};
// Address stickers for the German ID card, residence permit card and passport.
constexpr FeatureDefinition kAddressStickerCard[] = {
    {0x01, "document_number", C::c40, 6, 6, true, 0, 0},
    {0x02, "municipality_code", C::c40, 6, 6, true, 0, 0},
    {0x03, "address", C::c40, 6, 18, true, 0, 0},
};
constexpr FeatureDefinition kAddressStickerPassport[] = {
    {0x01, "document_number", C::c40, 6, 6, true, 0, 0},
    {0x02, "municipality_code", C::c40, 6, 6, true, 0, 0},
    {0x03, "postal_code", C::c40, 4, 4, true, 0, 0},
};
// German profile-based administrative documents (BSI TR-03171): tag 00 names the
// profile by UUID; the other tags belong to that profile and are passed through.
constexpr FeatureDefinition kProfileBasedDocument[] = {
    {0x00, "profile_uuid", C::uuid, 16, 16, true, 0, 0},
};

#define DV_FEATURES(table) table, std::size(table)
constexpr VdsProfile kProfiles[] = {
    {0x5D, 0x01, "icao_visa", "visa", "ICAO 9303-13", DV_FEATURES(kIcaoVisa), true},
    {0x5E, 0x03, "icao_emergency_travel_document", "emergency travel document", "ICAO 9303-13",
     DV_FEATURES(kIcaoEmergencyTravelDocument), false},
    {0xFB, 0x06, "residence_permit", "residence permit", "BSI TR-03137", DV_FEATURES(kResidencePermit), false},
    {0xFA, 0x06, "supplementary_sheet", "supplementary sheet", "BSI TR-03137", DV_FEATURES(kSupplementarySheet), false},
    {0xFD, 0x02, "arrival_attestation", "arrival attestation", "BSI TR-03137", DV_FEATURES(kArrivalAttestation), false},
    {0xFC, 0x04, "social_insurance_card", "social insurance card", "BSI TR-03137", DV_FEATURES(kSocialInsuranceCard),
     false},
    {0xF9, 0x08, "address_sticker_id_card", "address sticker (ID card)", "BSI TR-03137",
     DV_FEATURES(kAddressStickerCard), false},
    {0xF9, 0x0C, "address_sticker_residence_permit", "address sticker (residence permit card)", "BSI TR-03137",
     DV_FEATURES(kAddressStickerCard), false},
    {0xF8, 0x0A, "address_sticker_passport", "address sticker (passport)", "BSI TR-03137",
     DV_FEATURES(kAddressStickerPassport), false},
    {0x01, 0xC8, "profile_based_document", "profile-based administrative document", "BSI TR-03171",
     DV_FEATURES(kProfileBasedDocument), false},
};
#undef DV_FEATURES

}  // namespace

const char* feature_coding_name(FeatureCoding coding) noexcept {
  switch (coding) {
    case C::bytes: return "bytes";
    case C::c40: return "c40";
    case C::mrz: return "mrz";
    case C::byte: return "byte";
    case C::utf8: return "utf8";
    case C::duration: return "duration";
    case C::uuid: return "uuid";
  }
  return "bytes";
}

const FeatureDefinition* VdsProfile::find(std::uint8_t tag) const noexcept {
  for (std::size_t i = 0; i < feature_count; ++i)
    if (features[i].tag == tag) return &features[i];
  return nullptr;
}

const VdsProfile* find_vds_profile(std::uint8_t feature_reference, std::uint8_t type_category) noexcept {
  for (const auto& p : kProfiles)
    if (p.feature_reference == feature_reference && p.type_category == type_category) return &p;
  return nullptr;
}

std::size_t vds_profile_count() noexcept { return std::size(kProfiles); }
const VdsProfile& vds_profile_at(std::size_t index) noexcept { return kProfiles[index < std::size(kProfiles) ? index : 0]; }

}  // namespace docverify::seal
