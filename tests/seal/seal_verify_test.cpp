// Seals signed with the project's own test PKI (synth/test_pki), verified end to end:
// every curve, the negative seals of seals.md §7 (a changed byte, an unknown or expired
// or revoked signer, a wrong CSCA, a reference to another certificate, a wrong curve, a
// truncated signature), VDS-NC with its certificate checks, and the seal's MRZ against
// the printed one.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/trust_store.hpp"
#include "mrz/parser.hpp"
#include "seal/c40.hpp"
#include "seal/jcs.hpp"
#include "seal/json.hpp"
#include "seal/seal_crosscheck.hpp"
#include "seal/seal_verifier.hpp"
#include "seal/vds_builder.hpp"
#include "seal/vds_nc.hpp"
#include "synth/test_pki.hpp"

namespace docverify::seal {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::string signer_serial_hex(std::uint64_t serial) {
  char text[24];
  std::snprintf(text, sizeof text, "%llX", static_cast<unsigned long long>(serial));
  return text;
}

const Date kToday{2026, 6, 1};
const std::vector<std::string> kVisaMrz = {"VCUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                           "L898902C<3UTO6908061F2806239ZE184226B<<<<<<<"};

struct Pki {
  synth::TestPki pki{7, kToday};
  synth::TestPki other{8, kToday};  // another CSCA with the same names
  crypto::TrustStore trust;
  Pki() { trust.add_bytes(pki.csca().der.data(), pki.csca().der.size(), "csca.der"); }
  synth::TestCertificate signer(std::uint64_t serial, const std::string& curve = "brainpoolP256r1", bool add = true) {
    synth::TestSignerSpec spec;
    spec.serial = serial;
    spec.curve = curve;
    synth::TestCertificate c = pki.issue_signer(spec);
    if (add) trust.add_bytes(c.der.data(), c.der.size(), "signer.der");
    return c;
  }
};

VdsBuildSpec visa_spec(const std::string& reference, int version = 4) {
  VdsBuildSpec s;
  s.version = version;
  s.certificate_reference = reference;
  s.issue_date = {2026, 5, 1};
  s.signature_date = {2026, 5, 2};
  s.features = {{0x01, vds_mrz_feature(kVisaMrz, 72)}, {0x03, {0x02}}, {0x04, {0x00, 0x03, 0x00}}, {0x05, encode_c40("L898902C<")}};
  return s;
}

Bytes signed_seal(const VdsBuildSpec& spec, const synth::TestCertificate& signer) {
  const Bytes message = build_vds_message(spec);
  return append_vds_signature(message, synth::sign_plain_ecdsa(signer.key.get(), message.data(), message.size()));
}

SealOptions options_with(const crypto::TrustStore* trust) {
  SealOptions o;
  o.trust = trust;
  o.mrz.today = kToday;
  return o;
}

const CheckRecord* find_check(const SealResult& r, std::string_view id) {
  for (const auto& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

TEST(SealVerify, ValidSeal_EveryCurve) {
  Pki p;
  const char* curves[] = {"brainpoolP224r1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1",
                          "prime256v1", "secp384r1", "secp521r1"};
  std::uint64_t serial = 0x40;
  for (const char* curve : curves) {
    const auto signer = p.signer(++serial, curve);
    const Bytes seal = signed_seal(visa_spec(signer_serial_hex(serial)), signer);
    const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
    ASSERT_FALSE(r.malformed) << curve << ": " << r.error;
    EXPECT_EQ(r.kind, SealKind::icao_vds);
    EXPECT_EQ(r.signature.status, CheckStatus::ok) << curve << ": " << r.signature.message;
    EXPECT_EQ(r.signature.chain, CheckStatus::ok) << curve;
    EXPECT_NE(r.signature.algorithm.find(curve), std::string::npos) << r.signature.algorithm;
    EXPECT_EQ(r.verdict.status, VerdictStatus::ok) << curve << " " << (r.verdict.reasons.empty() ? "" : r.verdict.reasons[0]);
    ASSERT_TRUE(r.mrz.has_value());
    EXPECT_TRUE(r.mrz->valid);
  }
}

TEST(SealVerify, VersionThreeReferenceIsPaddedSerial) {
  Pki p;
  const auto signer = p.signer(0x27);
  const Bytes seal = signed_seal(visa_spec("27", 3), signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.vds->header.certificate_reference, "00027");
  EXPECT_EQ(r.signature.status, CheckStatus::ok) << r.signature.message;
}

TEST(SealVerify, OneChangedByteAnywhereFailsTheSignature) {
  Pki p;
  const auto signer = p.signer(0x5B);
  const Bytes seal = signed_seal(visa_spec("5B"), signer);
  const std::size_t sig_start = seal.size() - 64;
  // A byte in the dates, in the MRZ feature, and in r and in s.
  for (std::size_t at : {std::size_t{12}, std::size_t{30}, sig_start + 3, sig_start + 40}) {
    Bytes bad = seal;
    bad[at] ^= 0x01;
    const SealResult r = verify_seal(bad.data(), bad.size(), options_with(&p.trust));
    if (r.malformed) continue;  // a flipped date or C40 byte may no longer parse: also a failure
    EXPECT_EQ(r.signature.status, CheckStatus::error) << at;
    EXPECT_EQ(r.verdict.status, VerdictStatus::error) << at;
    const CheckRecord* c = find_check(r, "seal.signature");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->diagnose, Diagnose::signature_invalid);
  }
  // The printed MRZ character changed inside the seal's MRZ feature: parse stays fine.
  VdsBuildSpec edited = visa_spec("5B");
  Bytes forged = build_vds_message(edited);
  const Bytes genuine_sig(seal.end() - 64, seal.end());
  std::vector<std::string> mrz = kVisaMrz;
  mrz[0][5] = 'X';
  edited.features[0].second = vds_mrz_feature(mrz, 72);
  forged = append_vds_signature(build_vds_message(edited), genuine_sig);
  const SealResult r = verify_seal(forged.data(), forged.size(), options_with(&p.trust));
  ASSERT_FALSE(r.malformed);
  EXPECT_EQ(r.signature.status, CheckStatus::error);
}

TEST(SealVerify, UnknownSignerIsNotDoneNotFailed) {
  Pki p;
  const auto signer = p.signer(0x5B, "brainpoolP256r1", /*add=*/false);
  const Bytes seal = signed_seal(visa_spec("5B"), signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::not_done);
  EXPECT_EQ(find_check(r, "seal.signature")->diagnose, Diagnose::signer_unknown);
  EXPECT_EQ(r.verdict.status, VerdictStatus::not_done);
  const SealResult none = verify_seal(seal.data(), seal.size(), options_with(nullptr));
  EXPECT_EQ(find_check(none, "seal.signature")->diagnose, Diagnose::trust_missing);
  // Reading seals requires a verified signature: not_done, never ok.
  EXPECT_TRUE(find_check(none, "seal.signature")->required);
  EXPECT_EQ(none.verdict.status, VerdictStatus::not_done);
  // verify without a trust store reports the seal but does not block on it.
  SealOptions lenient = options_with(nullptr);
  lenient.require_trust = false;
  EXPECT_FALSE(find_check(verify_seal(seal.data(), seal.size(), lenient), "seal.signature")->required);
}

TEST(SealVerify, ReferenceToAnotherCertificateFails) {
  Pki p;
  const auto real = p.signer(0x5B);
  p.signer(0x5C);
  const Bytes seal = signed_seal(visa_spec("5C"), real);  // signed by 5B, names 5C
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::error);
}

TEST(SealVerify, WrongCurveAndTruncatedSignature) {
  Pki p;
  const auto p224 = p.signer(0x61, "brainpoolP224r1");
  const auto p256 = p.signer(0x62, "brainpoolP256r1");
  // Signed with the 224-bit key but naming the 256-bit certificate: 56 bytes for a 64-byte key.
  const Bytes seal = signed_seal(visa_spec("62"), p224);
  SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  ASSERT_FALSE(r.malformed);
  EXPECT_EQ(r.signature.status, CheckStatus::error);
  // A signature zone cut short (its length byte says more): malformed, no crash.
  const Bytes good = signed_seal(visa_spec("62"), p256);
  for (std::size_t cut = 1; cut <= 66; cut += 13) {
    const Bytes truncated(good.begin(), good.end() - static_cast<long>(cut));
    r = verify_seal(truncated.data(), truncated.size(), options_with(&p.trust));
    EXPECT_TRUE(r.malformed) << cut;
    EXPECT_EQ(r.verdict.status, VerdictStatus::error);
  }
  // The signature zone's own length consistent but r||s short: a bad length, an error.
  const Bytes message = build_vds_message(visa_spec("62"));
  Bytes rs = synth::sign_plain_ecdsa(p256.key.get(), message.data(), message.size());
  rs.resize(60);
  const Bytes short_sig = append_vds_signature(message, rs);
  r = verify_seal(short_sig.data(), short_sig.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::error);
}

TEST(SealVerify, ZeroAndOversizedSignatureValuesFail) {
  Pki p;
  p.signer(0x63);
  const Bytes message = build_vds_message(visa_spec("63"));
  const Bytes zeros(64, 0x00);
  Bytes seal = append_vds_signature(message, zeros);
  SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::error);
  seal = append_vds_signature(message, Bytes(64, 0xFF));  // r, s >= n
  r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::error);
}

TEST(SealVerify, ExpiredAtSigningFailsTheChainExpiredSinceIsAWarning) {
  Pki p;
  synth::TestSignerSpec spec;
  spec.serial = 0x70;
  spec.not_before = {2020, 1, 1};
  spec.not_after = {2026, 4, 1};  // before the signature date 2026-05-02
  auto expired = p.pki.issue_signer(spec);
  p.trust.add_bytes(expired.der.data(), expired.der.size(), "expired");
  Bytes seal = signed_seal(visa_spec("70"), expired);
  SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.chain, CheckStatus::error) << find_check(r, "seal.chain")->message.view();
  EXPECT_EQ(r.signature.status, CheckStatus::error);

  spec.serial = 0x71;
  spec.not_after = {2026, 5, 20};  // valid when signed, expired on the reference date
  auto lapsed = p.pki.issue_signer(spec);
  p.trust.add_bytes(lapsed.der.data(), lapsed.der.size(), "lapsed");
  seal = signed_seal(visa_spec("71"), lapsed);
  r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::ok) << r.signature.message;
  EXPECT_EQ(find_check(r, "seal.signer_validity")->status, CheckStatus::warning);
}

TEST(SealVerify, SignerOfAnotherCscaFailsTheChain) {
  Pki p;
  synth::TestSignerSpec spec;
  spec.serial = 0x80;
  auto foreign = p.other.issue_signer(spec);  // same C/CN names, another CSCA's key
  p.trust.add_bytes(foreign.der.data(), foreign.der.size(), "foreign");
  const Bytes seal = signed_seal(visa_spec("80"), foreign);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.chain, CheckStatus::error);
  EXPECT_EQ(r.signature.status, CheckStatus::error);
}

TEST(SealVerify, RevokedSignerFails) {
  Pki p;
  const auto signer = p.signer(0x90);
  const Bytes crl = p.pki.crl_der({0x90});
  p.trust.add_bytes(crl.data(), crl.size(), "csca.crl");
  const Bytes seal = signed_seal(visa_spec("90"), signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::error);
  EXPECT_EQ(find_check(r, "seal.chain")->diagnose, Diagnose::revoked);
}

TEST(SealVerify, ExplicitParameterCscaIsForgiven) {
  synth::TestPki pki(11, kToday, /*explicit_csca_parameters=*/true);
  crypto::TrustStore trust;
  trust.add_bytes(pki.csca().der.data(), pki.csca().der.size(), "csca");
  synth::TestSignerSpec spec;
  spec.serial = 0x5B;
  const auto signer = pki.issue_signer(spec);
  trust.add_bytes(signer.der.data(), signer.der.size(), "signer");
  const Bytes seal = signed_seal(visa_spec("5B"), signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&trust));
  EXPECT_EQ(r.signature.status, CheckStatus::ok) << r.signature.message;
}

TEST(SealVerify, SealMrzAgainstThePrintedMrz) {
  Pki p;
  const auto signer = p.signer(0x5B);
  const Bytes seal = signed_seal(visa_spec("5B"), signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  mrz::MrzOptions o;
  o.today = kToday;
  const mrz::MrzResult printed = mrz::parse_mrz(kVisaMrz[0] + "\n" + kVisaMrz[1], o);
  EXPECT_EQ(compare_seal_mrz(r, printed).status, CheckStatus::ok);
  std::vector<std::string> edited = kVisaMrz;
  edited[1].replace(13, 6, "7001010");  // another birth date
  edited[1].resize(44, '<');
  const mrz::MrzResult altered = mrz::parse_mrz(edited[0] + "\n" + edited[1], o);
  const CheckRecord c = compare_seal_mrz(r, altered);
  EXPECT_EQ(c.status, CheckStatus::error);
  EXPECT_EQ(c.diagnose, Diagnose::source_mismatch);
  // The optional-data tail the seal does not store is not compared.
  std::vector<std::string> tail = kVisaMrz;
  tail[1][40] = 'Q';
  EXPECT_EQ(compare_seal_mrz(r, mrz::parse_mrz(tail[0] + "\n" + tail[1], o)).status, CheckStatus::ok);
}

TEST(SealVerify, IssuingStateMustBeTheSignersAndItsCscas) {
  Pki p;  // C=UT signers under a C=UT CSCA
  const auto signer = p.signer(0x5B);
  VdsBuildSpec spec = visa_spec("5B");
  spec.issuing_country = "FRA";  // a UT signer sealing a French document
  const Bytes seal = signed_seal(spec, signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::error);
  EXPECT_EQ(find_check(r, "seal.chain")->diagnose, Diagnose::chain_invalid);
  EXPECT_NE(std::string(find_check(r, "seal.chain")->message.view()).find("FRA"), std::string::npos);
}

TEST(SealVerify, EveryCandidateCertificateIsTried) {
  // Two certificates answer to UTTS / 5B (a renewed signer under another CSCA); the seal was
  // signed by the second one loaded.
  Pki p;
  synth::TestSignerSpec spec;
  spec.serial = 0x5B;
  const auto stale = p.other.issue_signer(spec);
  p.trust.add_bytes(stale.der.data(), stale.der.size(), "stale");
  const auto current = p.signer(0x5B);
  const Bytes seal = signed_seal(visa_spec("5B"), current);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  EXPECT_EQ(r.signature.status, CheckStatus::ok) << r.signature.message;
}

TEST(SealVerify, SealOfAnotherShapeOrWithoutMrzIsNotBound) {
  Pki p;
  const auto signer = p.signer(0x5B);
  const Bytes seal = signed_seal(visa_spec("5B"), signer);
  const SealResult r = verify_seal(seal.data(), seal.size(), options_with(&p.trust));
  mrz::MrzOptions o;
  o.today = kToday;
  const mrz::MrzResult passport = mrz::parse_mrz(
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", o);
  EXPECT_EQ(compare_seal_mrz(r, passport).status, CheckStatus::error) << "visa MRV-A vs passport: same shape, other text";
  const mrz::MrzResult card = mrz::parse_mrz(
      "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<", o);
  const CheckRecord c = compare_seal_mrz(r, card);
  EXPECT_EQ(c.status, CheckStatus::warning);
  EXPECT_EQ(c.diagnose, Diagnose::source_mismatch);
  // An address sticker: no MRZ, its document number must be the card's.
  VdsBuildSpec sticker = visa_spec("5B");
  sticker.feature_reference = 0xF9;
  sticker.type_category = 0x08;
  sticker.features = {{0x01, encode_c40("D23145890")}, {0x02, encode_c40("053150000")}, {0x03, encode_c40("51147KOELN")}};
  const Bytes s2 = signed_seal(sticker, signer);
  const SealResult r2 = verify_seal(s2.data(), s2.size(), options_with(&p.trust));
  ASSERT_EQ(r2.signature.status, CheckStatus::ok) << r2.signature.message;
  EXPECT_EQ(compare_seal_mrz(r2, card).status, CheckStatus::ok) << compare_seal_mrz(r2, card).message.view();
  const mrz::MrzResult other_card = mrz::parse_mrz(
      "I<UTOD231458916<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<", o);
  EXPECT_EQ(compare_seal_mrz(r2, other_card).status, CheckStatus::error);
}

TEST(SealVerify, OversizedPayloadIsMalformedNotParsed) {
  const Bytes huge(kMaxSealPayload + 1, 0xDC);
  const SealResult r = verify_seal(huge.data(), huge.size(), options_with(nullptr));
  EXPECT_TRUE(r.malformed);
  EXPECT_TRUE(r.payload.empty());
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
}

// ---- VDS-NC ---------------------------------------------------------------------------


const char* kVaccData =
    R"({"hdr":{"t":"icao.vacc","v":1,"is":"UTO"},"msg":{"uvci":"U32870","pid":{"n":"Müller Zoë","dob":"1990-01-02"},)"
    R"("ve":[{"des":"XM68M6","nam":"Comirnaty","dis":"RA01.0","vd":[{"dvc":"2021-04-01","seq":1,"ctr":"UTO","adm":"X","lot":"VC1"}]}]}})";

std::string vds_nc(const std::string& data_text, const synth::TestCertificate& signer, const std::string& alg = "ES256") {
  const std::string canonical = canonical_json(parse_json(data_text));
  const Bytes rs = synth::sign_plain_ecdsa(signer.key.get(), reinterpret_cast<const std::uint8_t*>(canonical.data()),
                                           canonical.size(), "SHA256");
  return R"({"data":)" + data_text + R"(,"sig":{"alg":")" + alg + R"(","cer":")" + encode_base64url(signer.der) +
         R"(","sigvl":")" + encode_base64url(rs) + R"("}})";
}

synth::TestCertificate vds_nc_signer(Pki& p, bool eku, std::vector<std::string> types) {
  synth::TestSignerSpec spec;
  spec.serial = 0xA0;
  spec.curve = "prime256v1";
  spec.vds_nc = eku;
  spec.document_types = std::move(types);
  return p.pki.issue_signer(spec);
}

SealResult verify_text(const std::string& text, const crypto::TrustStore& trust) {
  return verify_seal(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), options_with(&trust));
}

TEST(SealVerify, VdsNcVerifiesWithReorderedKeysAndFailsOnAChangedValue) {
  Pki p;
  const auto signer = vds_nc_signer(p, true, {"NV"});
  const std::string seal = vds_nc(kVaccData, signer);
  SealResult r = verify_text(seal, p.trust);
  ASSERT_FALSE(r.malformed) << r.error;
  EXPECT_EQ(r.kind, SealKind::icao_vds_nc);
  EXPECT_EQ(r.signature.status, CheckStatus::ok) << r.signature.message;
  EXPECT_EQ(r.verdict.status, VerdictStatus::ok);

  // Reordered members and whitespace: the same canonical data, still valid.
  std::string reordered = seal;
  const std::string hdr = R"({"t":"icao.vacc","v":1,"is":"UTO"})";
  reordered.replace(reordered.find(hdr), hdr.size(), R"({ "is" : "UTO", "v" : 1, "t" : "icao.vacc" })");
  r = verify_text(reordered, p.trust);
  EXPECT_EQ(r.signature.status, CheckStatus::ok) << r.signature.message;

  // One letter of the name changed: parses, fails the signature.
  std::string altered = seal;
  altered.replace(altered.find("Zoë"), 4, "Zoe");
  r = verify_text(altered, p.trust);
  ASSERT_FALSE(r.malformed);
  EXPECT_EQ(r.signature.status, CheckStatus::error);
  EXPECT_EQ(r.verdict.status, VerdictStatus::error);
}

TEST(SealVerify, VdsNcCertificateMustCarryEkuAndDocumentType) {
  Pki p;
  SealResult r = verify_text(vds_nc(kVaccData, vds_nc_signer(p, false, {"NV"})), p.trust);
  EXPECT_EQ(r.signature.status, CheckStatus::error) << "no EKU";
  r = verify_text(vds_nc(kVaccData, vds_nc_signer(p, true, {})), p.trust);
  EXPECT_EQ(r.signature.status, CheckStatus::error) << "no document type list";
  r = verify_text(vds_nc(kVaccData, vds_nc_signer(p, true, {"NT"})), p.trust);
  EXPECT_EQ(r.signature.status, CheckStatus::error) << "test certificate type only";
  // ES384 (a 96-byte r||s) named for a P-256 certificate: the algorithm does not fit the key.
  {
    std::string text = vds_nc(kVaccData, vds_nc_signer(p, true, {"NV"}), "ES384");
    const std::size_t at = text.find(R"("sigvl":")") + 9;
    text.replace(at, text.find('"', at) - at, encode_base64url(Bytes(96, 0x11)));
    r = verify_text(text, p.trust);
    ASSERT_FALSE(r.malformed) << r.error;
    EXPECT_EQ(r.signature.status, CheckStatus::error);
    EXPECT_NE(r.signature.message.find("does not fit"), std::string::npos) << r.signature.message;
  }
  // A type without a known document type: its certificate restriction cannot be checked.
  {
    std::string data = kVaccData;
    data.replace(data.find("icao.vacc"), 9, "icao.other");
    r = verify_text(vds_nc(data, vds_nc_signer(p, true, {"NV"})), p.trust);
    EXPECT_EQ(r.signature.status, CheckStatus::not_done);
    EXPECT_EQ(r.verdict.status, VerdictStatus::not_done);
  }
  // The certificate chains to no trusted CSCA.
  crypto::TrustStore empty_but_other;
  empty_but_other.add_bytes(p.other.csca().der.data(), p.other.csca().der.size(), "other");
  r = verify_text(vds_nc(kVaccData, vds_nc_signer(p, true, {"NV"})), empty_but_other);
  EXPECT_EQ(r.signature.status, CheckStatus::error);
}

TEST(SealVerify, NotASealIsListedAsOther) {
  const std::string text = "https://example.org/not-a-seal";
  const SealResult r = verify_seal(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), options_with(nullptr));
  EXPECT_EQ(r.kind, SealKind::other);
  EXPECT_FALSE(r.malformed);
  EXPECT_TRUE(r.checks.empty());
  EXPECT_EQ(r.verdict.status, VerdictStatus::not_done);
}

}  // namespace
}  // namespace docverify::seal
