// C40, VDS dates and the VDS parser: the worked values of seals.md §1, every quirk of
// §2, and malformed seals (§7 "Negative seals", "Quirk seals", "Unit tables").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "crypto/certificate.hpp"
#include "seal/c40.hpp"
#include "seal/seal_error.hpp"
#include "seal/vds.hpp"
#include "seal/vds_builder.hpp"

namespace docverify::seal {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& h) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

Bytes fake_signature(std::size_t n) {
  Bytes s(n);
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return s;
}

const std::vector<std::string> kVisaMrz = {"VCUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                           "L898902C<3UTO6908061F9406236ZE184226B<<<<<<<"};

VdsBuildSpec visa_spec(int version) {
  VdsBuildSpec s;
  s.version = version;
  s.certificate_reference = version == 3 ? "27" : "5B";
  s.features = {{0x01, vds_mrz_feature(kVisaMrz, 72)}, {0x03, {0x01}}, {0x04, {0x00, 0x03, 0x00}}, {0x05, encode_c40("L898902C<")}};
  return s;
}

TEST(C40, WorkedValues) {
  EXPECT_EQ(encode_c40("UTO"), hex("D9C5"));
  EXPECT_EQ(encode_c40("D<<"), hex("6ABC"));
  EXPECT_EQ(encode_c40("DETS00027"), hex("6D32C8A519FC"));
  EXPECT_EQ(encode_c40("UTTS02"), hex("D9CAC8A7"));
  EXPECT_EQ(encode_c40("5B"), hex("3A99"));
  EXPECT_EQ(encode_c40("X"), hex("FE59"));
  EXPECT_EQ(decode_c40(hex("D9C5")), "UTO");
  EXPECT_EQ(decode_c40(hex("3A99")), "5B");
  EXPECT_EQ(decode_c40(hex("FE59")), "X");
  EXPECT_EQ(decode_c40(hex("6ABC")), "D<<");
}

TEST(C40, EveryPairAndTailRoundTrips) {
  const std::string set = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (char a : set)
    for (char b : set) {
      const std::string two{a, b};
      ASSERT_EQ(decode_c40(encode_c40(two)), two);
      ASSERT_EQ(encode_c40(two).size(), 2U);
      ASSERT_EQ(decode_c40(encode_c40(two + "Q")), two + "Q");
      ASSERT_EQ(decode_c40(encode_c40(std::string(1, a))), std::string(1, a));
    }
  EXPECT_EQ(c40_size(72), 48U);
  EXPECT_EQ(c40_size(64), 44U);
  EXPECT_EQ(encode_c40(std::string(64, 'A')).size(), 44U);
}

TEST(C40, IllegalInputIsRejected) {
  EXPECT_THROW(encode_c40("a"), InputError);
  EXPECT_THROW(encode_c40("-"), InputError);
  EXPECT_THROW(decode_c40(hex("D9")), MalformedSeal);          // odd length
  EXPECT_THROW(decode_c40(hex("FA02")), MalformedSeal);        // V = 64001 > 63999
  EXPECT_THROW(decode_c40(hex("0641")), MalformedSeal);        // c1 = 1
  EXPECT_THROW(decode_c40(hex("0C81")), MalformedSeal);        // c1 = 2
  EXPECT_THROW(decode_c40(hex("FE59D9C5")), MalformedSeal);    // FE not last
  EXPECT_THROW(decode_c40(hex("FE2E")), MalformedSeal);        // '-' outside the set
  EXPECT_THROW(decode_c40(hex("0001D9C5")), MalformedSeal);    // shift inside the data
}

TEST(VdsDate, WorkedValuesAndEveryDay) {
  std::uint8_t b[3];
  encode_vds_date(Date{2020, 1, 1}, b);
  EXPECT_EQ(Bytes(b, b + 3), hex("0F7134"));
  encode_vds_date(Date{2025, 5, 14}, b);
  EXPECT_EQ(Bytes(b, b + 3), hex("4E7609"));
  for (std::int64_t day = days_from_civil(Date{1900, 1, 1}); day <= days_from_civil(Date{2099, 12, 31}); ++day) {
    const Date d = civil_from_days(day);
    encode_vds_date(d, b);
    ASSERT_EQ(decode_vds_date(b), d);
  }
  const Bytes month13 = {static_cast<std::uint8_t>(13012020 >> 16), static_cast<std::uint8_t>((13012020 >> 8) & 0xFF),
                         static_cast<std::uint8_t>(13012020 & 0xFF)};
  EXPECT_THROW(decode_vds_date(month13.data()), MalformedSeal);
  const long feb31 = 2312021;
  const Bytes f = {static_cast<std::uint8_t>(feb31 >> 16), static_cast<std::uint8_t>((feb31 >> 8) & 0xFF),
                   static_cast<std::uint8_t>(feb31 & 0xFF)};
  EXPECT_THROW(decode_vds_date(f.data()), MalformedSeal);
  EXPECT_THROW(decode_vds_date(hex("FFFFFF").data()), MalformedSeal);
}

TEST(VdsParse, VersionFourHeaderExample) {
  const Bytes seal = append_vds_signature(build_vds_message(visa_spec(4)), fake_signature(64));
  EXPECT_EQ(Bytes(seal.begin(), seal.begin() + 13), hex("DC03D9C5D9CAC8A73A990F7134"));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  EXPECT_EQ(v.header.version, 4);
  EXPECT_EQ(v.header.issuing_country, "UTO");
  EXPECT_EQ(v.header.signer, "UTTS");
  EXPECT_EQ(v.header.certificate_reference, "5B");
  EXPECT_EQ(v.header.layout, ReferenceLayout::v4_hex_length);
  EXPECT_EQ(v.header.size, 18U);  // 16 + 2 * ceil(2 / 3)
  EXPECT_EQ(v.header.issue_date, (Date{2020, 1, 1}));
  ASSERT_NE(v.profile, nullptr);
  EXPECT_STREQ(v.profile->id, "icao_visa");
  EXPECT_EQ(v.signature, fake_signature(64));
  EXPECT_EQ(v.signed_size, seal.size() - 66);
  const VdsFeature* mrz = v.find(0x01);
  ASSERT_NE(mrz, nullptr);
  ASSERT_TRUE(mrz->decoded);
  ASSERT_EQ(mrz->mrz_lines.size(), 2U);
  EXPECT_EQ(mrz->mrz_lines[0], kVisaMrz[0]);
  EXPECT_EQ(mrz->mrz_lines[1], kVisaMrz[1].substr(0, 28) + std::string(16, '<'));
  EXPECT_EQ(v.find(0x05)->text, "L898902C<");
  EXPECT_EQ(v.find(0x03)->text, "1");
  EXPECT_EQ(v.find(0x04)->text, "0 days, 3 months, 0 years");
  EXPECT_TRUE(v.warnings.empty()) << v.warnings.front();
}

TEST(VdsParse, VersionThreeHeaderAndSerialKey) {
  const Bytes seal = append_vds_signature(build_vds_message(visa_spec(3)), fake_signature(56));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  EXPECT_EQ(v.header.version, 3);
  EXPECT_EQ(v.header.size, 18U);
  EXPECT_EQ(v.header.certificate_reference, "00027");
  // The signer lookup key: the reference as hex without leading zeros (seals.md §2).
  EXPECT_EQ(crypto::normalise_serial_hex(v.header.certificate_reference), "27");
  EXPECT_EQ(crypto::normalise_serial_hex("5b"), "5B");
  EXPECT_EQ(crypto::normalise_serial_hex("00000"), "0");
}

TEST(VdsParse, MrvBVisaStoresSixtyFourCharacters) {
  VdsBuildSpec s = visa_spec(4);
  const std::vector<std::string> mrvb = {"VCUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"};
  s.features = {{0x02, vds_mrz_feature(mrvb, 64)}, {0x03, {0x00}}, {0x04, {0x0E, 0x00, 0x00}}, {0x05, encode_c40("L8988901C")}};
  const Bytes seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  ASSERT_EQ(v.find(0x02)->value.size(), 44U);
  EXPECT_EQ(v.find(0x02)->mrz_lines[1], mrvb[1]);
}

TEST(VdsParse, UnknownProfilePassesFeaturesThrough) {
  VdsBuildSpec s = visa_spec(4);
  s.feature_reference = 0x42;
  s.type_category = 0x42;
  s.features = {{0x07, {1, 2, 3}}, {0x07, {4}}};
  const Bytes seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  EXPECT_EQ(v.profile, nullptr);
  ASSERT_EQ(v.features.size(), 2U);
  EXPECT_EQ(v.features[0].text, "010203");
  EXPECT_EQ(v.features[0].definition, nullptr);
}

TEST(VdsParse, DuplicateAndMissingFeaturesOfAKnownProfile) {
  VdsBuildSpec s = visa_spec(4);
  s.features.push_back({0x05, encode_c40("L898902C<")});
  Bytes seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  EXPECT_THROW(parse_vds(seal.data(), seal.size()), MalformedSeal);
  s = visa_spec(4);
  s.features.erase(s.features.begin());  // no MRZ
  seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  ASSERT_FALSE(v.warnings.empty());
  EXPECT_NE(v.warnings.back().find("no MRZ"), std::string::npos);
}

TEST(VdsParse, FeatureOfTheWrongSizeIsFlaggedNotDecoded) {
  VdsBuildSpec s = visa_spec(4);
  s.features[3].second = encode_c40("L898902C<<<<");  // 8 bytes where 6 are defined
  const Bytes seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  EXPECT_FALSE(v.find(0x05)->decoded);
  EXPECT_FALSE(v.warnings.empty());
}

TEST(VdsParse, NonDerLength80IsLenientOnly) {
  VdsBuildSpec s = visa_spec(4);
  s.feature_reference = 0x42;  // unknown profile: a 128-byte value is allowed
  s.features = {{0x07, Bytes(128, 0x41)}};
  Bytes seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  // Replace 81 80 by the single non-DER byte 80.
  const std::size_t len_at = 18 + 1;
  ASSERT_EQ(seal[len_at], 0x81);
  ASSERT_EQ(seal[len_at + 1], 0x80);
  seal.erase(seal.begin() + static_cast<long>(len_at));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  ASSERT_EQ(v.features.size(), 1U);
  EXPECT_EQ(v.features[0].value.size(), 128U);
  ASSERT_EQ(v.deviations.size(), 1U);
  EXPECT_NE(v.deviations[0].find("non-DER"), std::string::npos);
  EXPECT_TRUE(v.warnings.empty());
  VdsParseOptions strict;
  strict.strict = true;
  EXPECT_THROW(parse_vds(seal.data(), seal.size(), strict), MalformedSeal);
  // A non-minimal long form (81 05 for 5) is the same kind of deviation.
  VdsBuildSpec small = visa_spec(4);
  small.feature_reference = 0x42;
  small.features = {{0x07, Bytes(5, 0x41)}};
  Bytes long_form = append_vds_signature(build_vds_message(small), fake_signature(64));
  long_form.insert(long_form.begin() + 19, 0x81);
  EXPECT_FALSE(parse_vds(long_form.data(), long_form.size()).deviations.empty());
  EXPECT_THROW(parse_vds(long_form.data(), long_form.size(), strict), MalformedSeal);
}

TEST(VdsParse, DecimalReferenceLength) {
  // A 32-character hash-like reference with its length written "32" (decimal).
  const std::string reference = "0123456789ABCDEF0123456789ABCDEF";
  Bytes m = {0xDC, 0x03};
  const auto append = [&m](const Bytes& b) { m.insert(m.end(), b.begin(), b.end()); };
  append(encode_c40("D<<"));
  append(encode_c40("DEZV32"));
  append(encode_c40(reference));
  append(hex("0F71340F7134"));
  append({0x01, 0xC8});
  append({0x00, 0x10});
  append(Bytes(16, 0xAB));
  const Bytes seal = append_vds_signature(m, fake_signature(64));
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  EXPECT_EQ(v.header.layout, ReferenceLayout::v4_decimal_length);
  EXPECT_EQ(v.header.certificate_reference, reference);
  ASSERT_NE(v.profile, nullptr);
  EXPECT_EQ(v.find(0x00)->text, "abababababababababababababababab");
  EXPECT_FALSE(v.deviations.empty());
  VdsParseOptions strict;
  strict.strict = true;
  EXPECT_THROW(parse_vds(seal.data(), seal.size(), strict), MalformedSeal);
}

TEST(VdsParse, VersionFourByteWithVersionThreeLayout) {
  VdsBuildSpec s = visa_spec(3);
  s.signer = "DEME";
  s.certificate_reference = "03123";
  Bytes seal = append_vds_signature(build_vds_message(s), fake_signature(64));
  seal[1] = 0x03;
  const VdsSeal v = parse_vds(seal.data(), seal.size());
  // The same bytes read as the standard's v4 (length 03, reference "123") and as the
  // German v3 layout (reference "03123"): one structure, both references kept.
  EXPECT_EQ(v.header.layout, ReferenceLayout::v4_hex_length);
  EXPECT_EQ(v.header.signer, "DEME");
  EXPECT_EQ(v.header.certificate_reference, "123");
  ASSERT_EQ(v.header.alternative_references.size(), 1U);
  EXPECT_EQ(v.header.alternative_references[0], "03123");
  // With a 5-character reference that is not a valid v4 length, only the v3 layout fits.
  s.certificate_reference = "FFAFF";
  s.signer = "DE01";
  Bytes seal2 = append_vds_signature(build_vds_message(s), fake_signature(64));
  seal2[1] = 0x03;
  const VdsSeal v2 = parse_vds(seal2.data(), seal2.size());
  EXPECT_EQ(v2.header.layout, ReferenceLayout::v4_byte_v3_layout);
  EXPECT_EQ(v2.header.certificate_reference, "FFAFF");
  EXPECT_FALSE(v2.deviations.empty());
}

TEST(VdsParse, AmbiguousHeaderFails) {
  // Crafted so that the hex length (0x12 = 18 characters) and the decimal length (12)
  // both give valid dates and a message zone that ends exactly at the signature zone.
  Bytes m = {0xDC, 0x03};
  const auto append = [&m](const Bytes& b) { m.insert(m.end(), b.begin(), b.end()); };
  append(encode_c40("UTO"));
  append(encode_c40("UTTS12"));
  append(encode_c40("ABCDEFGHIJKL"));
  append(hex("1341B0100F7120119402"));
  append({0x5D, 0x01});
  const Bytes seal = append_vds_signature(m, fake_signature(64));
  try {
    parse_vds(seal.data(), seal.size());
    FAIL() << "an ambiguous header parsed";
  } catch (const MalformedSeal& e) {
    EXPECT_NE(std::string(e.what()).find("ambiguous"), std::string::npos) << e.what();
  }
}

TEST(VdsParse, MalformedSealsAreRejectedWithAReason) {
  const Bytes good = append_vds_signature(build_vds_message(visa_spec(4)), fake_signature(64));
  for (std::size_t n = 0; n < good.size(); ++n) EXPECT_THROW(parse_vds(good.data(), n), MalformedSeal) << n;
  Bytes bad = good;
  bad[0] = 0xDD;
  EXPECT_THROW(parse_vds(bad.data(), bad.size()), MalformedSeal);
  bad = good;
  bad[1] = 0x01;  // proprietary
  EXPECT_THROW(parse_vds(bad.data(), bad.size()), MalformedSeal);
  bad = good;
  bad[10] = 0xC0;  // issue date 12/61/1892
  EXPECT_THROW(parse_vds(bad.data(), bad.size()), MalformedSeal);
  bad = good;
  bad.push_back(0x00);  // bytes after the signature
  EXPECT_THROW(parse_vds(bad.data(), bad.size()), MalformedSeal);
  const Bytes unsigned_seal = build_vds_message(visa_spec(4));
  EXPECT_THROW(parse_vds(unsigned_seal.data(), unsigned_seal.size()), MalformedSeal);
  EXPECT_THROW(parse_vds(nullptr, 0), MalformedSeal);
  EXPECT_FALSE(looks_like_vds(nullptr, 10));
  EXPECT_TRUE(looks_like_vds(good.data(), good.size()));
}

TEST(VdsProfiles, TableIsConsistent) {
  ASSERT_GE(vds_profile_count(), 9U);
  for (std::size_t i = 0; i < vds_profile_count(); ++i) {
    const VdsProfile& p = vds_profile_at(i);
    EXPECT_EQ(find_vds_profile(p.feature_reference, p.type_category), &p) << p.id;
    for (std::size_t k = 0; k < p.feature_count; ++k) {
      const FeatureDefinition& f = p.features[k];
      EXPECT_LE(f.min_size, f.max_size) << p.id << " " << f.name;
      if (f.coding == FeatureCoding::mrz) {
        EXPECT_GE(std::size_t{f.mrz_lines} * f.mrz_line_length, f.max_size / 2 * 3 - 2) << p.id;
      }
    }
  }
}

}  // namespace
}  // namespace docverify::seal
