// The throw-away PKI: determinism, RFC 6979 vectors, chains, the ICAO extensions, CRLs, files.
#include "synth/test_pki.hpp"

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "errors/input_error.hpp"

namespace docverify::synth {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Date kToday{2026, 12, 1};

Bytes from_hex(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

Bytes text_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

// r||s → ECDSA-Sig-Value, as seals.md §1.5 tells a verifier to do.
Bytes plain_to_der(const Bytes& plain) {
  const int half = static_cast<int>(plain.size() / 2);
  crypto::EcdsaSigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(plain.data(), half, nullptr);
  BIGNUM* s = BN_bin2bn(plain.data() + half, half, nullptr);
  EXPECT_EQ(ECDSA_SIG_set0(sig.get(), r, s), 1);
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  Bytes out(der, der + (length > 0 ? length : 0));
  OPENSSL_free(der);
  return out;
}

bool verifies(EVP_PKEY* key, const char* hash, const Bytes& message, const Bytes& plain) {
  const Bytes der = plain_to_der(plain);
  crypto::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok =
      EVP_DigestVerifyInit_ex(ctx.get(), nullptr, hash, nullptr, nullptr, key, nullptr) == 1 &&
      EVP_DigestVerify(ctx.get(), der.data(), der.size(), message.data(), message.size()) == 1;
  ERR_clear_error();
  return ok;
}

// A chip.md §2 callback: forgive explicit EC parameters only when they match a named curve.
int forgive_explicit_parameters(int ok, X509_STORE_CTX* ctx) {
  if (ok || X509_STORE_CTX_get_error(ctx) != X509_V_ERR_EC_KEY_EXPLICIT_PARAMS) return ok;
  EVP_PKEY* key = X509_get0_pubkey(X509_STORE_CTX_get_current_cert(ctx));
  char name[64];
  size_t length = 0;
  return key != nullptr && EVP_PKEY_get_group_name(key, name, sizeof name, &length) == 1 &&
         length > 0;
}

struct ChainCheck {
  bool ok = false;
  int error = X509_V_OK;
};

ChainCheck verify_chain(const TestCertificate& csca, const TestCertificate& signer, Date at,
                        bool with_callback, const Bytes* crl = nullptr, bool strict = true) {
  crypto::X509StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), csca.certificate.get());
  unsigned long flags = strict ? X509_V_FLAG_X509_STRICT : 0;
  if (crl != nullptr) {
    const unsigned char* p = crl->data();
    crypto::X509CrlPtr parsed(d2i_X509_CRL(nullptr, &p, static_cast<long>(crl->size())));
    EXPECT_TRUE(parsed);
    X509_STORE_add_crl(store.get(), parsed.get());
    flags |= X509_V_FLAG_CRL_CHECK;
  }
  if (with_callback) X509_STORE_set_verify_cb(store.get(), forgive_explicit_parameters);
  crypto::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), signer.certificate.get(), nullptr);
  X509_STORE_CTX_set_flags(ctx.get(), flags);
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(days_from_civil(at) * 86400 + 43200));
  ChainCheck out;
  out.ok = X509_verify_cert(ctx.get()) == 1;
  out.error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  return out;
}

TestSignerSpec vds_nc_spec() {
  TestSignerSpec spec;
  spec.common_name = "NC";
  spec.serial = 0x5B;
  spec.curve = "prime256v1";
  spec.vds_nc = true;
  spec.document_types = {"NV"};
  return spec;
}

TEST(TestPki, SameSeedGivesIdenticalBytesAndOtherSeedsDiffer) {
  const TestPki a(7, kToday), b(7, kToday), other(8, kToday), explicit_a(7, kToday, true);
  EXPECT_EQ(a.csca().der, b.csca().der);
  EXPECT_EQ(a.csca().pem, b.csca().pem);
  EXPECT_NE(a.csca().der, other.csca().der);
  EXPECT_NE(a.csca().der, explicit_a.csca().der);

  const TestSignerSpec spec = vds_nc_spec();
  const TestCertificate first = a.issue_signer(spec), again = a.issue_signer(spec);
  EXPECT_EQ(first.der, b.issue_signer(spec).der);
  EXPECT_EQ(first.der, again.der);
  EXPECT_NE(first.der, other.issue_signer(spec).der);
  TestSignerSpec next_serial = spec;
  next_serial.serial = 0x5C;
  EXPECT_NE(first.der, a.issue_signer(next_serial).der);

  EXPECT_EQ(a.crl_der({0x27, 0x5B}), b.crl_der({0x5B, 0x27, 0x27}));
  EXPECT_NE(a.crl_der({0x27}), other.crl_der({0x27}));

  const Bytes message = text_bytes("DC03D9C5...");
  EXPECT_EQ(sign_plain_ecdsa(first.key.get(), message.data(), message.size()),
            sign_plain_ecdsa(again.key.get(), message.data(), message.size()));
}

TEST(PlainEcdsa, ReproducesTheRfc6979Vectors) {
  struct Vector {
    const char* curve;
    const char* private_key;
    const char* message;
    const char* hash;  // nullptr: the curve's own
    const char* r;
    const char* s;
  };
  const char* p256 = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
  const char* p384 =
      "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2"
      "EDF5";
  const char* p521 =
      "00FAD06DAA62BA3B25D2FB40133DA757205DE67F5BB0018FEE8C86E1B68C7E75CAA896EB32F1F47C70855836A6D1"
      "6F"
      "CC1466F6D8FBEC67DB89EC0C08B0E996B83538";
  const Vector vectors[] = {
      // RFC 6979 A.2.5
      {"prime256v1", p256, "sample", nullptr,
       "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
       "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
      {"prime256v1", p256, "test", nullptr,
       "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
       "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
      // A.2.6, with the curve's hash and with a shorter forced one
      {"secp384r1", p384, "sample", nullptr,
       "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80F"
       "ABE46",
       "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A386"
       "28AC8"},
      {"secp384r1", p384, "sample", "SHA256",
       "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8"
       "FB2CD",
       "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4F"
       "A0AB0"},
      // A.2.7: a 521-bit order, longer than the hash
      {"secp521r1", p521, "sample", nullptr,
       "00C328FAFCBD79DD77850370C46325D987CB525569FB63C5D3BC53950E6D4C5F174E25A1EE9017B5D450606ADD1"
       "52B"
       "534931D7D4E8455CC91F9B15BF05EC36E377FA",
       "00617CCE7CF5064806C467F678D3B4080D6F1CC50AF26CA209417308281B68AF282623EAA63E5B5C0723D8B8C37"
       "FF0"
       "777B1A20F8CCB1DCCC43997F1EE0E44DA4A67A"},
  };
  for (const Vector& v : vectors) {
    SCOPED_TRACE(std::string(v.curve) + " " + v.message + " " + (v.hash ? v.hash : "default"));
    const TestKey key = test_key_from_scalar(v.curve, from_hex(v.private_key));
    const Bytes message = text_bytes(v.message);
    Bytes expected = from_hex(v.r);
    const Bytes s = from_hex(v.s);
    expected.insert(expected.end(), s.begin(), s.end());
    EXPECT_EQ(sign_plain_ecdsa(key.key.get(), message.data(), message.size(), v.hash), expected);
  }
  // The public key computed from the scalar is the RFC's too.
  const TestKey key = test_key_from_scalar("P-256", from_hex(p256));
  EXPECT_EQ(key.curve, "prime256v1");
  unsigned char point[65];
  size_t length = 0;
  ASSERT_EQ(EVP_PKEY_get_octet_string_param(key.key.get(), "pub", point, sizeof point, &length), 1);
  EXPECT_EQ(Bytes(point, point + length),
            from_hex("0460FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
                     "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"));
}

TEST(PlainEcdsa, EveryCurveSignsAndVerifies) {
  struct Case {
    const char* curve;
    std::size_t signature_size;
    const char* hash;
  };
  const Case cases[] = {{"brainpoolP224r1", 56, "SHA224"}, {"brainpoolP256r1", 64, "SHA256"},
                        {"brainpoolP384r1", 96, "SHA384"}, {"brainpoolP512r1", 128, "SHA512"},
                        {"prime256v1", 64, "SHA256"},      {"secp384r1", 96, "SHA384"},
                        {"secp521r1", 132, "SHA512"}};
  const Bytes message = text_bytes("DC03D9C5D9CAC8A73A990F71340F71345D01 header and message zone");
  Bytes altered = message;
  altered[5] ^= 0x01;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.curve);
    const TestKey key = derive_test_key(3, "curve test", c.curve);
    EXPECT_EQ(key.curve, c.curve);
    const Bytes signature = sign_plain_ecdsa(key.key.get(), message.data(), message.size());
    ASSERT_EQ(signature.size(), c.signature_size);
    EXPECT_TRUE(verifies(key.key.get(), c.hash, message, signature));
    EXPECT_FALSE(verifies(key.key.get(), c.hash, altered, signature));
    EXPECT_EQ(signature, sign_plain_ecdsa(key.key.get(), message.data(), message.size()));
    EXPECT_NE(signature, sign_plain_ecdsa(key.key.get(), altered.data(), altered.size()));
    // The hash the curve implies is the one used: verifying with another fails.
    EXPECT_FALSE(verifies(key.key.get(), std::string(c.hash) == "SHA256" ? "SHA384" : "SHA256",
                          message, signature));
  }
  // Explicit parameters change the encoding, not the key or the signature.
  const TestKey named = derive_test_key(3, "explicit", "brainpoolP256r1");
  const TestKey explicit_key = derive_test_key(3, "explicit", "brainpoolP256r1", true);
  EXPECT_EQ(sign_plain_ecdsa(named.key.get(), message.data(), message.size()),
            sign_plain_ecdsa(explicit_key.key.get(), message.data(), message.size()));
  const Bytes empty;
  EXPECT_TRUE(
      verifies(named.key.get(), "SHA256", empty, sign_plain_ecdsa(named.key.get(), nullptr, 0)));
}

TEST(TestPki, SignersChainToTheirCscaOnly) {
  const TestPki pki(11, kToday);
  const TestCertificate signer = pki.issue_signer(TestSignerSpec{});
  EXPECT_EQ(X509_verify(signer.certificate.get(), X509_get0_pubkey(pki.csca().certificate.get())),
            1);
  EXPECT_EQ(
      X509_verify(pki.csca().certificate.get(), X509_get0_pubkey(pki.csca().certificate.get())), 1);
  const ChainCheck good = verify_chain(pki.csca(), signer, kToday, false);
  EXPECT_TRUE(good.ok) << X509_verify_cert_error_string(good.error);

  const TestPki stranger(12, kToday);  // same names, other keys
  EXPECT_NE(
      X509_verify(signer.certificate.get(), X509_get0_pubkey(stranger.csca().certificate.get())),
      1);
  ERR_clear_error();
  EXPECT_FALSE(verify_chain(stranger.csca(), signer, kToday, false).ok);

  TestSignerSpec expired;
  expired.serial = 0x28;
  expired.not_before = {2020, 1, 1};
  expired.not_after = {2023, 1, 1};
  const TestCertificate old = pki.issue_signer(expired);
  EXPECT_TRUE(verify_chain(pki.csca(), old, {2022, 6, 1}, false).ok);
  const ChainCheck late = verify_chain(pki.csca(), old, kToday, false);
  EXPECT_FALSE(late.ok);
  EXPECT_EQ(late.error, X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST(TestPki, ExplicitCscaParametersNeedTheError94Callback) {
  const TestPki named(5, kToday), explicit_pki(5, kToday, true);
  const auto parameter_type = [](const TestPki& pki) {
    X509_ALGOR* algorithm = nullptr;
    X509_PUBKEY_get0_param(nullptr, nullptr, nullptr, &algorithm,
                           X509_get_X509_PUBKEY(pki.csca().certificate.get()));
    int type = V_ASN1_UNDEF;
    const void* value = nullptr;
    X509_ALGOR_get0(nullptr, &type, &value, algorithm);
    return type;
  };
  EXPECT_EQ(parameter_type(named), V_ASN1_OBJECT);           // namedCurve OID
  EXPECT_EQ(parameter_type(explicit_pki), V_ASN1_SEQUENCE);  // ECParameters

  const TestCertificate signer = explicit_pki.issue_signer(TestSignerSpec{});
  const ChainCheck strict = verify_chain(explicit_pki.csca(), signer, kToday, false);
  EXPECT_FALSE(strict.ok);
  EXPECT_EQ(strict.error, X509_V_ERR_EC_KEY_EXPLICIT_PARAMS);
  const ChainCheck lax = verify_chain(explicit_pki.csca(), signer, kToday, false, nullptr, false);
  EXPECT_FALSE(lax.ok);  // OpenSSL 3.0 checks the curve encoding even without X509_STRICT
  EXPECT_EQ(lax.error, X509_V_ERR_EC_KEY_EXPLICIT_PARAMS);
  const ChainCheck forgiven = verify_chain(explicit_pki.csca(), signer, kToday, true);
  EXPECT_TRUE(forgiven.ok) << X509_verify_cert_error_string(forgiven.error);
  EXPECT_TRUE(verify_chain(named.csca(), named.issue_signer(TestSignerSpec{}), kToday, false).ok);
}

bool critical_extension(X509* cert, int nid) {
  const int index = X509_get_ext_by_NID(cert, nid, -1);
  return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, index)) == 1;
}

TEST(TestPki, CertificatesFollowTheThrowAwayPkiProfile) {
  const TestPki pki(2, kToday, false, "UT");
  X509* csca = pki.csca().certificate.get();
  int critical = -1;
  crypto::OpenSslPtr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> constraints(
      static_cast<BASIC_CONSTRAINTS*>(
          X509_get_ext_d2i(csca, NID_basic_constraints, &critical, nullptr)));
  ASSERT_TRUE(constraints);
  EXPECT_EQ(critical, 1);
  EXPECT_NE(constraints->ca, 0);
  ASSERT_NE(constraints->pathlen, nullptr);
  EXPECT_EQ(ASN1_INTEGER_get(constraints->pathlen), 0);
  EXPECT_EQ(X509_get_key_usage(csca), static_cast<std::uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  EXPECT_TRUE(critical_extension(csca, NID_key_usage));
  EXPECT_EQ(pki.csca().curve, "brainpoolP256r1");
  EXPECT_EQ(X509_get_signature_nid(csca), NID_ecdsa_with_SHA256);

  TestSignerSpec spec;
  spec.curve = "brainpoolP224r1";
  spec.not_before = {2026, 1, 15};
  spec.not_after = {2029, 1, 15};
  const TestCertificate signer = pki.issue_signer(spec);
  X509* cert = signer.certificate.get();
  EXPECT_EQ(X509_get_key_usage(cert), static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE));
  EXPECT_TRUE(critical_extension(cert, NID_key_usage));
  EXPECT_EQ(X509_check_ca(cert), 0);
  std::uint64_t serial = 0;
  ASSERT_EQ(ASN1_INTEGER_get_uint64(&serial, X509_get0_serialNumber(cert)), 1);
  EXPECT_EQ(serial, 0x27u);
  char text[64];
  ASSERT_GT(
      X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_countryName, text, sizeof text),
      0);
  EXPECT_STREQ(text, "UT");
  ASSERT_GT(
      X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, text, sizeof text), 0);
  EXPECT_STREQ(text, "TS");
  EXPECT_EQ(X509_NAME_cmp(X509_get_issuer_name(cert), X509_get_subject_name(csca)), 0);
  const crypto::OpenSslPtr<ASN1_TIME, ASN1_TIME_free> expected_start(
      ASN1_TIME_set(nullptr, static_cast<time_t>(days_from_civil(spec.not_before) * 86400)));
  EXPECT_EQ(ASN1_TIME_compare(X509_get0_notBefore(cert), expected_start.get()), 0);
  int days = -1, seconds = -1;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), X509_get0_notAfter(cert)),
            1);
  EXPECT_EQ(days, 1096);  // 2026-01-15 .. 2029-01-15, with 29 Feb 2028
  EXPECT_EQ(seconds, 0);
  EXPECT_EQ(signer.curve, "brainpoolP224r1");
  EXPECT_EQ(X509_check_private_key(cert, signer.key.get()), 1);
  // A plain signer carries neither VDS-NC extension.
  EXPECT_LT(X509_get_ext_by_NID(cert, NID_ext_key_usage, -1), 0);
  const crypto::OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free> doc_types(
      OBJ_txt2obj("2.23.136.1.1.6.2", 1));
  EXPECT_LT(X509_get_ext_by_OBJ(cert, doc_types.get(), -1), 0);
}

void free_sequence(ASN1_SEQUENCE_ANY* s) { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); }
using SequencePtr = crypto::OpenSslPtr<ASN1_SEQUENCE_ANY, free_sequence>;

// The document-type extension parsed back with OpenSSL's generic ASN.1 decoder.
std::vector<std::string> document_types_of(X509* cert, int& version, int& critical) {
  const crypto::OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free> oid(OBJ_txt2obj("2.23.136.1.1.6.2", 1));
  const int index = X509_get_ext_by_OBJ(cert, oid.get(), -1);
  if (index < 0) return {};
  X509_EXTENSION* extension = X509_get_ext(cert, index);
  critical = X509_EXTENSION_get_critical(extension);
  const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(extension);
  const unsigned char* p = ASN1_STRING_get0_data(value);
  SequencePtr sequence(d2i_ASN1_SEQUENCE_ANY(nullptr, &p, ASN1_STRING_length(value)));
  if (!sequence || sk_ASN1_TYPE_num(sequence.get()) != 2) return {};
  const ASN1_TYPE* first = sk_ASN1_TYPE_value(sequence.get(), 0);
  const ASN1_TYPE* second = sk_ASN1_TYPE_value(sequence.get(), 1);
  if (first->type != V_ASN1_INTEGER || second->type != V_ASN1_SET) return {};
  version = static_cast<int>(ASN1_INTEGER_get(first->value.integer));
  const unsigned char* q = ASN1_STRING_get0_data(second->value.set);
  SequencePtr set(d2i_ASN1_SET_ANY(nullptr, &q, ASN1_STRING_length(second->value.set)));
  std::vector<std::string> out;
  for (int i = 0; set && i < sk_ASN1_TYPE_num(set.get()); ++i) {
    const ASN1_TYPE* member = sk_ASN1_TYPE_value(set.get(), i);
    if (member->type != V_ASN1_PRINTABLESTRING) return {};
    const ASN1_STRING* s = member->value.printablestring;
    out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
  }
  return out;
}

TEST(TestPki, VdsNcSignerCarriesTheEkuAndTheDocumentTypes) {
  const TestPki pki(4, kToday);
  const TestCertificate signer = pki.issue_signer(vds_nc_spec());
  X509* cert = signer.certificate.get();
  int critical = -1;
  crypto::OpenSslPtr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free> usages(
      static_cast<EXTENDED_KEY_USAGE*>(
          X509_get_ext_d2i(cert, NID_ext_key_usage, &critical, nullptr)));
  ASSERT_TRUE(usages);
  ASSERT_EQ(sk_ASN1_OBJECT_num(usages.get()), 1);
  char oid[64];
  OBJ_obj2txt(oid, sizeof oid, sk_ASN1_OBJECT_value(usages.get(), 0), 1);
  EXPECT_STREQ(oid, "2.23.136.1.1.14.2");

  int version = -1;
  critical = -1;
  EXPECT_EQ(document_types_of(cert, version, critical), std::vector<std::string>{"NV"});
  EXPECT_EQ(version, 0);
  EXPECT_EQ(critical, 0);
  EXPECT_TRUE(verify_chain(pki.csca(), signer, kToday, false).ok);

  // Several types come out in DER SET OF order (shorter encodings first), without repeats.
  TestSignerSpec several = vds_nc_spec();
  several.document_types = {"NV", "P", "NT", "NV"};
  EXPECT_EQ(document_types_of(pki.issue_signer(several).certificate.get(), version, critical),
            (std::vector<std::string>{"P", "NT", "NV"}));

  // The two are independent, for negative tests.
  TestSignerSpec no_types = vds_nc_spec();
  no_types.document_types.clear();
  const TestCertificate without = pki.issue_signer(no_types);
  EXPECT_GE(X509_get_ext_by_NID(without.certificate.get(), NID_ext_key_usage, -1), 0);
  EXPECT_TRUE(document_types_of(without.certificate.get(), version, critical).empty());
}

TEST(TestPki, CrlListsTheRevokedSerials) {
  const TestPki pki(9, kToday);
  TestSignerSpec revoked_spec;
  revoked_spec.serial = 0x5B;
  const TestCertificate revoked = pki.issue_signer(revoked_spec);
  const TestCertificate kept = pki.issue_signer(TestSignerSpec{});
  const Bytes crl = pki.crl_der({0x5B});

  const unsigned char* p = crl.data();
  crypto::X509CrlPtr parsed(d2i_X509_CRL(nullptr, &p, static_cast<long>(crl.size())));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(p, crl.data() + crl.size());
  EXPECT_EQ(X509_CRL_verify(parsed.get(), X509_get0_pubkey(pki.csca().certificate.get())), 1);
  X509_REVOKED* entry = nullptr;
  EXPECT_EQ(X509_CRL_get0_by_cert(parsed.get(), &entry, revoked.certificate.get()), 1);
  EXPECT_EQ(X509_CRL_get0_by_cert(parsed.get(), &entry, kept.certificate.get()), 0);
  ASSERT_NE(X509_CRL_get_REVOKED(parsed.get()), nullptr);
  EXPECT_EQ(sk_X509_REVOKED_num(X509_CRL_get_REVOKED(parsed.get())), 1);

  const ChainCheck refused = verify_chain(pki.csca(), revoked, kToday, false, &crl);
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.error, X509_V_ERR_CERT_REVOKED);
  const ChainCheck accepted = verify_chain(pki.csca(), kept, kToday, false, &crl);
  EXPECT_TRUE(accepted.ok) << X509_verify_cert_error_string(accepted.error);
  const Bytes empty_crl = pki.crl_der({});
  EXPECT_TRUE(verify_chain(pki.csca(), revoked, kToday, false, &empty_crl).ok);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(TestPki, WriteFilesWritesLoadablePems) {
  char pattern[] = "/tmp/test_pki_XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::filesystem::path root(pattern);
  const std::filesystem::path folder = root / "pki";  // created by write_files
  const TestPki pki(6, kToday, true);
  const TestCertificate ts = pki.issue_signer(TestSignerSpec{});
  const TestCertificate nc = pki.issue_signer(vds_nc_spec());
  pki.write_files(folder.string(), {&ts, &nc});

  const auto load_certificate = [](const std::string& pem) {
    crypto::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return crypto::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  };
  const auto der_of = [](X509* cert) {
    unsigned char* raw = nullptr;
    const int length = i2d_X509(cert, &raw);
    Bytes out(raw, raw + (length > 0 ? length : 0));
    OPENSSL_free(raw);
    return out;
  };
  const crypto::X509Ptr csca = load_certificate(read_file(folder / "csca.pem"));
  ASSERT_TRUE(csca);
  EXPECT_EQ(der_of(csca.get()), pki.csca().der);
  for (const auto& [stem, signer] : {std::pair{"UTTS_27", &ts}, std::pair{"UTNC_5B", &nc}}) {
    SCOPED_TRACE(stem);
    const crypto::X509Ptr cert = load_certificate(read_file(folder / (std::string(stem) + ".pem")));
    ASSERT_TRUE(cert);
    EXPECT_EQ(der_of(cert.get()), signer->der);
    const std::string key_pem = read_file(folder / (std::string(stem) + ".key.pem"));
    EXPECT_EQ(key_pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
    crypto::BioPtr bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
    const crypto::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    ASSERT_TRUE(key);
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
  }
  EXPECT_THROW(pki.write_files(folder.string(), {nullptr}), InputError);
  std::filesystem::remove_all(root);
}

TEST(TestPki, RejectsWhatItCannotHonour) {
  EXPECT_THROW(TestPki(1, kToday, false, "U1"), InputError);
  EXPECT_THROW(TestPki(1, Date{2026, 2, 30}), InputError);
  const TestPki pki(1, kToday);
  const auto issue = [&](void (*change)(TestSignerSpec&)) {
    TestSignerSpec spec;
    change(spec);
    return pki.issue_signer(spec);
  };
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.country = "ut"; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.common_name = ""; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.common_name = "T/S"; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.serial = 0; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.curve = "brainpoolP999r1"; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.document_types = {"NVX"}; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) { s.document_types = {"I<"}; }), InputError);
  EXPECT_THROW(issue([](TestSignerSpec& s) {
                 s.not_before = {2027, 1, 1};
                 s.not_after = {2026, 1, 1};
               }),
               InputError);
  EXPECT_THROW(test_key_from_scalar("prime256v1", Bytes(32, 0x00)), InputError);
  EXPECT_THROW(test_key_from_scalar("prime256v1", Bytes(32, 0xFF)), InputError);  // >= n

  const Bytes message = text_bytes("x");
  EXPECT_THROW(sign_plain_ecdsa(nullptr, message.data(), message.size()), InputError);
  EXPECT_THROW(sign_plain_ecdsa(pki.csca().key.get(), message.data(), message.size(), "NOHASH"),
               InputError);
  // A public-only key: the CSCA certificate's.
  EXPECT_THROW(sign_plain_ecdsa(X509_get0_pubkey(pki.csca().certificate.get()), message.data(),
                                message.size()),
               InputError);
}

}  // namespace
}  // namespace docverify::synth
