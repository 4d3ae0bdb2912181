// Crypto module tests over a throw-away PKI generated here with the OpenSSL C API: CSCAs
// (named, explicit and modified-generator parameters), barcode signers on seven curves, CRLs,
// a CSCA Master List (CMS SignedData) and a PKD-style LDIF. Nothing touches real documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "calendar/date.hpp"
#include "crypto/certificate.hpp"
#include "crypto/ecdsa_plain.hpp"
#include "crypto/openssl_ptr.hpp"
#include "crypto/trust_store.hpp"

namespace docverify::crypto {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Asn1TimePtr = OpenSslPtr<ASN1_TIME, ASN1_TIME_free>;
using Asn1IntegerPtr = OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1ObjectPtr = OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free>;
using X509ExtensionPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using OctetStringPtr = OpenSslPtr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using ParamBuildPtr = OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamPtr = OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;

std::time_t utc(int year, int month, int day) {
  return static_cast<std::time_t>(days_from_civil(Date{year, month, day}) * 86400);
}

// The seals under test were "signed" on this day.
const std::time_t kReference = utc(2025, 6, 1);

void require(bool ok, const char* what) {
  if (!ok) {
    ERR_print_errors_fp(stderr);
    throw std::runtime_error(std::string("test PKI: ") + what);
  }
}

EvpPkeyPtr ec_key(const char* curve, bool explicit_parameters = false) {
  const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  require(ctx && EVP_PKEY_keygen_init(ctx.get()) == 1, "keygen init");
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(curve), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_EC_ENCODING,
                                       const_cast<char*>(explicit_parameters ? OSSL_PKEY_EC_ENCODING_EXPLICIT
                                                                             : OSSL_PKEY_EC_ENCODING_GROUP),
                                       0),
      OSSL_PARAM_construct_end()};
  require(EVP_PKEY_CTX_set_params(ctx.get(), params) == 1, "keygen params");
  EVP_PKEY* key = nullptr;
  require(EVP_PKEY_keygen(ctx.get(), &key) == 1, "keygen");
  return EvpPkeyPtr(key);
}

// brainpoolP256r1 with the generator G replaced by 2G: valid-looking explicit parameters that
// match no named curve (chip.md §8).
EvpPkeyPtr modified_generator_key() {
  const EcGroupPtr group(EC_GROUP_new_by_curve_name(NID_brainpoolP256r1));
  const BignumPtr p(BN_new()), a(BN_new()), b(BN_new());
  require(group && p && a && b && EC_GROUP_get_curve(group.get(), p.get(), a.get(), b.get(), nullptr) == 1, "curve");
  const EcPointPtr doubled(EC_POINT_new(group.get()));
  require(doubled && EC_POINT_dbl(group.get(), doubled.get(), EC_GROUP_get0_generator(group.get()), nullptr) == 1, "2G");
  unsigned char generator[133];
  const std::size_t generator_size = EC_POINT_point2oct(group.get(), doubled.get(), POINT_CONVERSION_UNCOMPRESSED,
                                                        generator, sizeof generator, nullptr);
  const ParamBuildPtr build(OSSL_PARAM_BLD_new());
  require(build && OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_EC_FIELD_TYPE, SN_X9_62_prime_field, 0) &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_EC_P, p.get()) &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_EC_A, a.get()) &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_EC_B, b.get()) &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_EC_ORDER, EC_GROUP_get0_order(group.get())) &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_EC_COFACTOR, EC_GROUP_get0_cofactor(group.get())) &&
              OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_EC_GENERATOR, generator, generator_size),
          "explicit params");
  const ParamPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  const EvpPkeyCtxPtr from(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* domain = nullptr;
  require(params && from && EVP_PKEY_fromdata_init(from.get()) == 1 &&
              EVP_PKEY_fromdata(from.get(), &domain, EVP_PKEY_KEY_PARAMETERS, params.get()) == 1,
          "fromdata");
  const EvpPkeyPtr domain_key(domain);
  const EvpPkeyCtxPtr gen(EVP_PKEY_CTX_new_from_pkey(nullptr, domain_key.get(), nullptr));
  EVP_PKEY* key = nullptr;
  require(gen && EVP_PKEY_keygen_init(gen.get()) == 1 && EVP_PKEY_keygen(gen.get(), &key) == 1, "modified keygen");
  return EvpPkeyPtr(key);
}

Bytes der_tlv(std::uint8_t tag, const Bytes& content) {
  Bytes out{tag};
  const std::size_t n = content.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n < 0x100) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
  } else if (n < 0x10000) {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  } else {
    out.insert(out.end(), {0x83, static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8),
                           static_cast<std::uint8_t>(n)});
  }
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

Bytes concat(const std::vector<Bytes>& parts) {
  Bytes out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

Bytes text_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

// DocumentTypeList ::= SEQUENCE { version INTEGER, docTypeList SET OF PrintableString }
Bytes document_type_list(const std::vector<std::string>& types) {
  std::vector<Bytes> entries;
  for (const auto& type : types) entries.push_back(der_tlv(0x13, text_bytes(type)));
  return der_tlv(0x30, concat({der_tlv(0x02, {0x00}), der_tlv(0x31, concat(entries))}));
}

struct CertSpec {
  std::string country = "UT";
  std::string organisation = "docverify test";
  std::string common_name;
  long serial = 1;
  std::time_t not_before = utc(2020, 1, 1);
  std::time_t not_after = utc(2030, 1, 1);
  bool ca = false;
  std::string key_usage = "critical,digitalSignature";  // "" = no extension
  std::string extended_key_usage;                        // "" = no extension
  bool with_document_types = false;
  std::vector<std::string> document_types;
  Bytes raw_document_type_value;  // overrides document_types when non-empty
};

void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  const X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value.c_str()));
  require(extension && X509_add_ext(cert, extension.get(), -1) == 1, "extension");
}

// Issues a certificate for `subject_key`, signed by `issuer_key` under `issuer` (null: self-signed).
X509Ptr issue(const CertSpec& spec, EVP_PKEY* subject_key, const X509* issuer, EVP_PKEY* issuer_key,
              const EVP_MD* md = EVP_sha256()) {
  X509Ptr cert(X509_new());
  require(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), spec.serial);
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto add_entry = [name](const char* field, const std::string& value) {
    if (!value.empty()) {
      X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                 -1, 0);
    }
  };
  add_entry("C", spec.country);
  add_entry("O", spec.organisation);
  add_entry("CN", spec.common_name);
  require(X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name) == 1, "issuer");
  const Asn1TimePtr from(ASN1_TIME_set(nullptr, spec.not_before));
  const Asn1TimePtr until(ASN1_TIME_set(nullptr, spec.not_after));
  X509_set1_notBefore(cert.get(), from.get());
  X509_set1_notAfter(cert.get(), until.get());
  require(X509_set_pubkey(cert.get(), subject_key) == 1, "pubkey");

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer != nullptr ? const_cast<X509*>(issuer) : cert.get(), cert.get(), nullptr, nullptr, 0);
  add_extension(cert.get(), &ctx, NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (!spec.key_usage.empty()) add_extension(cert.get(), &ctx, NID_key_usage, spec.key_usage);
  add_extension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
  add_extension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  if (!spec.extended_key_usage.empty()) add_extension(cert.get(), &ctx, NID_ext_key_usage, spec.extended_key_usage);
  if (spec.with_document_types || !spec.raw_document_type_value.empty()) {
    const Bytes value =
        spec.raw_document_type_value.empty() ? document_type_list(spec.document_types) : spec.raw_document_type_value;
    const Asn1ObjectPtr oid(OBJ_txt2obj(kOidDocumentTypeList, 1));
    const OctetStringPtr octets(ASN1_OCTET_STRING_new());
    require(oid && octets && ASN1_OCTET_STRING_set(octets.get(), value.data(), static_cast<int>(value.size())) == 1,
            "doc type value");
    const X509ExtensionPtr extension(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 0, octets.get()));
    require(extension && X509_add_ext(cert.get(), extension.get(), -1) == 1, "doc type extension");
  }
  require(X509_sign(cert.get(), issuer_key, md) > 0, "X509_sign");
  return cert;
}

Certificate as_certificate(const X509Ptr& cert) {
  X509_up_ref(cert.get());
  return certificate_from_x509(cert.get());
}

Bytes der_of(const X509* cert) {
  const int length = i2d_X509(cert, nullptr);
  Bytes out(static_cast<std::size_t>(length));
  unsigned char* p = out.data();
  i2d_X509(cert, &p);
  return out;
}

Bytes der_of_crl(X509_CRL* crl) {
  const int length = i2d_X509_CRL(crl, nullptr);
  Bytes out(static_cast<std::size_t>(length));
  unsigned char* p = out.data();
  i2d_X509_CRL(crl, &p);
  return out;
}

std::string pem_of(const X509* cert) {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string pem_of_crl(X509_CRL* crl) {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(bio.get(), crl);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

X509CrlPtr make_crl(const X509* ca, EVP_PKEY* ca_key, const std::vector<long>& revoked_serials, std::time_t this_update,
                    std::time_t next_update) {
  X509CrlPtr crl(X509_CRL_new());
  require(crl && X509_CRL_set_version(crl.get(), 1) == 1 &&
              X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca)) == 1,
          "CRL");
  const Asn1TimePtr last(ASN1_TIME_set(nullptr, this_update));
  const Asn1TimePtr next(ASN1_TIME_set(nullptr, next_update));
  X509_CRL_set1_lastUpdate(crl.get(), last.get());
  X509_CRL_set1_nextUpdate(crl.get(), next.get());
  for (const long serial : revoked_serials) {
    X509_REVOKED* entry = X509_REVOKED_new();
    const Asn1IntegerPtr number(ASN1_INTEGER_new());
    ASN1_INTEGER_set(number.get(), serial);
    const Asn1TimePtr when(ASN1_TIME_set(nullptr, utc(2024, 3, 1)));
    X509_REVOKED_set_serialNumber(entry, number.get());
    X509_REVOKED_set_revocationDate(entry, when.get());
    require(X509_CRL_add0_revoked(crl.get(), entry) == 1, "revoked entry");
  }
  X509_CRL_sort(crl.get());
  require(X509_CRL_sign(crl.get(), ca_key, EVP_sha256()) > 0, "CRL sign");
  return crl;
}

// CMS SignedData with eContentType 2.23.136.1.1.2 over CscaMasterList { 0, SET OF Certificate }.
Bytes make_master_list(const std::vector<const X509*>& certificates, X509* signer, EVP_PKEY* signer_key) {
  std::vector<Bytes> entries;
  for (const X509* cert : certificates) entries.push_back(der_of(cert));
  const Bytes content = der_tlv(0x30, concat({der_tlv(0x02, {0x00}), der_tlv(0x31, concat(entries))}));
  CmsPtr cms(CMS_sign(signer, signer_key, nullptr, nullptr, CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP));
  require(cms != nullptr, "CMS_sign");
  const Asn1ObjectPtr type(OBJ_txt2obj(kOidCscaMasterList, 1));
  require(type && CMS_set1_eContentType(cms.get(), type.get()) == 1, "eContentType");
  const BioPtr data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  require(CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) == 1, "CMS_final");
  const BioPtr out(BIO_new(BIO_s_mem()));
  require(i2d_CMS_bio(out.get(), cms.get()) == 1, "i2d_CMS_bio");
  char* bytes = nullptr;
  const long length = BIO_get_mem_data(out.get(), &bytes);
  return Bytes(bytes, bytes + length);
}

std::string base64(const Bytes& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// An LDIF attribute folded at 76 columns, continuation lines starting with one space (RFC 2849).
std::string ldif_attribute(const std::string& name, const Bytes& value) {
  const std::string line = name + ":: " + base64(value);
  std::string out = line.substr(0, 76) + "\n";
  for (std::size_t pos = 76; pos < line.size(); pos += 75) out += " " + line.substr(pos, 75) + "\n";
  return out;
}

// DER ECDSA signature -> TR-03111 r || s of `half` bytes each.
Bytes plain_signature(EVP_PKEY* key, const Bytes& data, const EVP_MD* md) {
  const EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  require(ctx && EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) == 1, "sign init");
  std::size_t length = 0;
  require(EVP_DigestSign(ctx.get(), nullptr, &length, data.data(), data.size()) == 1, "sign size");
  Bytes der(length);
  require(EVP_DigestSign(ctx.get(), der.data(), &length, data.data(), data.size()) == 1, "sign");
  const unsigned char* p = der.data();
  const EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(length)));
  require(sig != nullptr, "d2i_ECDSA_SIG");
  const std::size_t half = plain_signature_half_size(key);
  Bytes rs(2 * half);
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), rs.data(), static_cast<int>(half));
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), rs.data() + half, static_cast<int>(half));
  return rs;
}

struct CurveCase {
  const char* curve;
  const EVP_MD* (*md)();
  std::size_t half;
  const char* hash;
};

const std::vector<CurveCase>& curve_cases() {
  static const std::vector<CurveCase> cases = {
      {"brainpoolP224r1", EVP_sha224, 28, "SHA-224"}, {"brainpoolP256r1", EVP_sha256, 32, "SHA-256"},
      {"brainpoolP384r1", EVP_sha384, 48, "SHA-384"}, {"brainpoolP512r1", EVP_sha512, 64, "SHA-512"},
      {"prime256v1", EVP_sha256, 32, "SHA-256"},      {"secp384r1", EVP_sha384, 48, "SHA-384"},
      {"secp521r1", EVP_sha512, 66, "SHA-512"}};
  return cases;
}

// The throw-away PKI shared by the tests (built once; read only).
struct TestPki {
  EvpPkeyPtr csca_key = ec_key("brainpoolP256r1");
  X509Ptr csca;
  EvpPkeyPtr explicit_csca_key = ec_key("brainpoolP256r1", true);
  X509Ptr explicit_csca;
  EvpPkeyPtr modified_csca_key = modified_generator_key();
  X509Ptr modified_csca;
  EvpPkeyPtr other_csca_key = ec_key("secp384r1");
  X509Ptr other_csca;
  EvpPkeyPtr renewed_csca_key = ec_key("brainpoolP256r1");  // same subject name as csca, new key
  X509Ptr renewed_csca;

  std::vector<EvpPkeyPtr> signer_keys;  // one per curve_cases()
  std::vector<X509Ptr> signers;         // under csca; [0] serial 0x27, [1] serial 0x5B
  EvpPkeyPtr key = ec_key("prime256v1");
  X509Ptr expired_signer, revoked_signer, foreign_signer, explicit_signer, modified_signer, renewed_signer;
  X509Ptr vdsnc_signer, no_digital_signature_signer, self_signed_leaf;
  X509CrlPtr crl;

  TestPki() {
    CertSpec spec;
    spec.common_name = "Test CSCA";
    spec.ca = true;
    spec.serial = 1;
    spec.not_before = utc(2015, 1, 1);
    spec.not_after = utc(2040, 1, 1);
    spec.key_usage = "critical,keyCertSign,cRLSign";
    csca = issue(spec, csca_key.get(), nullptr, csca_key.get());
    spec.common_name = "Test CSCA explicit";
    explicit_csca = issue(spec, explicit_csca_key.get(), nullptr, explicit_csca_key.get());
    spec.common_name = "Test CSCA odd generator";
    modified_csca = issue(spec, modified_csca_key.get(), nullptr, modified_csca_key.get());
    spec.country = "UV";
    spec.common_name = "Other CSCA";
    other_csca = issue(spec, other_csca_key.get(), nullptr, other_csca_key.get(), EVP_sha384());
    spec.country = "UT";
    spec.common_name = "Test CSCA";
    spec.serial = 2;
    renewed_csca = issue(spec, renewed_csca_key.get(), nullptr, renewed_csca_key.get());

    CertSpec leaf;
    leaf.common_name = "TS";
    const long serials[] = {0x27, 0x5B, 0x101, 0x102, 0x103, 0x104, 0x105};
    for (std::size_t i = 0; i < curve_cases().size(); ++i) {
      signer_keys.push_back(ec_key(curve_cases()[i].curve));
      leaf.serial = serials[i];
      signers.push_back(issue(leaf, signer_keys.back().get(), csca.get(), csca_key.get()));
    }
    leaf.serial = 0x200;
    leaf.not_before = utc(2018, 1, 1);
    leaf.not_after = utc(2021, 1, 1);
    expired_signer = issue(leaf, key.get(), csca.get(), csca_key.get());
    leaf.not_before = utc(2020, 1, 1);
    leaf.not_after = utc(2030, 1, 1);
    leaf.serial = 0x201;
    revoked_signer = issue(leaf, key.get(), csca.get(), csca_key.get());
    leaf.serial = 0x202;
    leaf.country = "UV";
    foreign_signer = issue(leaf, key.get(), other_csca.get(), other_csca_key.get());
    leaf.country = "UT";
    leaf.serial = 0x203;
    explicit_signer = issue(leaf, key.get(), explicit_csca.get(), explicit_csca_key.get());
    leaf.serial = 0x204;
    modified_signer = issue(leaf, key.get(), modified_csca.get(), modified_csca_key.get());
    leaf.serial = 0x205;
    renewed_signer = issue(leaf, key.get(), renewed_csca.get(), renewed_csca_key.get());
    leaf.serial = 0x206;
    leaf.key_usage = "critical,keyAgreement";
    no_digital_signature_signer = issue(leaf, key.get(), csca.get(), csca_key.get());
    leaf.key_usage = "critical,digitalSignature";

    CertSpec vdsnc = leaf;
    vdsnc.country = "UT";
    vdsnc.common_name = "VDS-NC signer";
    vdsnc.serial = 0x300;
    vdsnc.extended_key_usage = kOidVdsNcSigner;
    vdsnc.with_document_types = true;
    vdsnc.document_types = {"NV"};
    vdsnc_signer = issue(vdsnc, key.get(), csca.get(), csca_key.get());

    CertSpec lonely = leaf;
    lonely.common_name = "self-signed leaf";
    lonely.serial = 0x400;
    self_signed_leaf = issue(lonely, key.get(), nullptr, key.get());

    crl = make_crl(csca.get(), csca_key.get(), {0x201}, utc(2025, 1, 1), utc(2026, 1, 1));
  }
};

const TestPki& pki() {
  static const TestPki instance;
  return instance;
}

TrustStore store_with(const std::vector<const X509*>& certificates) {
  TrustStore store;
  for (const X509* cert : certificates) {
    const Bytes der = der_of(cert);
    store.add_certificate(load_certificate_der(der));
  }
  return store;
}

Bytes sample_data() { return text_bytes("DC03D9C5D9CAC8A73A990F7134 header and message zone"); }

// ------------------------------------------------------------------------------------------
// Plain ECDSA

TEST(EcdsaPlain, ValidOnEveryCurve) {
  const Bytes data = sample_data();
  for (std::size_t i = 0; i < curve_cases().size(); ++i) {
    const CurveCase& c = curve_cases()[i];
    EVP_PKEY* key = pki().signer_keys[i].get();
    EXPECT_EQ(plain_signature_half_size(key), c.half) << c.curve;
    const Bytes rs = plain_signature(key, data, c.md());
    ASSERT_EQ(rs.size(), 2 * c.half) << c.curve;
    const SignatureCheck check = verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size());
    EXPECT_EQ(check.status, SignatureStatus::valid) << c.curve << ": " << check.message;
    EXPECT_EQ(check.curve, c.curve);
    EXPECT_EQ(check.hash, c.hash) << c.curve;
  }
}

TEST(EcdsaPlain, ChangedDataOrSignatureByteIsInvalid) {
  for (std::size_t i = 0; i < curve_cases().size(); ++i) {
    EVP_PKEY* key = pki().signer_keys[i].get();
    Bytes data = sample_data();
    Bytes rs = plain_signature(key, data, curve_cases()[i].md());
    data[7] ^= 0x01;
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size()).status, SignatureStatus::invalid)
        << curve_cases()[i].curve;
    data[7] ^= 0x01;
    rs[rs.size() - 1] ^= 0x01;  // the last byte of s; s stays below n
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size()).status, SignatureStatus::invalid)
        << curve_cases()[i].curve;
  }
}

TEST(EcdsaPlain, WrongLengthIsBadLength) {
  EVP_PKEY* key = pki().signer_keys[1].get();  // brainpoolP256r1
  const Bytes data = sample_data();
  Bytes rs = plain_signature(key, data, EVP_sha256());
  EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size() - 1).status,
            SignatureStatus::bad_length);
  EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), 0).status, SignatureStatus::bad_length);
  EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), nullptr, 64).status, SignatureStatus::bad_length);
  rs.push_back(0);
  const SignatureCheck check = verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size());
  EXPECT_EQ(check.status, SignatureStatus::bad_length);
  EXPECT_NE(check.message.find("64"), std::string::npos) << check.message;
}

TEST(EcdsaPlain, ZeroOrTooLargeHalvesAreOutOfRange) {
  for (std::size_t i = 0; i < curve_cases().size(); ++i) {
    EVP_PKEY* key = pki().signer_keys[i].get();
    const std::size_t half = curve_cases()[i].half;
    const Bytes data = sample_data();
    const Bytes good = plain_signature(key, data, curve_cases()[i].md());

    Bytes zero_r = good;
    std::fill(zero_r.begin(), zero_r.begin() + static_cast<std::ptrdiff_t>(half), 0);
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), zero_r.data(), zero_r.size()).status,
              SignatureStatus::out_of_range);

    Bytes zero_s = good;
    std::fill(zero_s.begin() + static_cast<std::ptrdiff_t>(half), zero_s.end(), 0);
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), zero_s.data(), zero_s.size()).status,
              SignatureStatus::out_of_range);

    // s = n and r = n exactly, then all ones (>= n for every curve here).
    BIGNUM* order_raw = nullptr;
    ASSERT_EQ(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_ORDER, &order_raw), 1);
    const BignumPtr order(order_raw);
    Bytes s_is_n = good;
    BN_bn2binpad(order.get(), s_is_n.data() + half, static_cast<int>(half));
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), s_is_n.data(), s_is_n.size()).status,
              SignatureStatus::out_of_range)
        << curve_cases()[i].curve;
    Bytes r_is_n = good;
    BN_bn2binpad(order.get(), r_is_n.data(), static_cast<int>(half));
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), r_is_n.data(), r_is_n.size()).status,
              SignatureStatus::out_of_range);
    Bytes ones = good;
    std::fill(ones.begin() + static_cast<std::ptrdiff_t>(half), ones.end(), 0xFF);
    EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), ones.data(), ones.size()).status,
              SignatureStatus::out_of_range);
  }
}

TEST(EcdsaPlain, KeyOfAnotherCurveFails) {
  const Bytes data = sample_data();
  // brainpoolP256r1 signature, P-256 key: same width, and r, s < n(bp256) < n(P-256), so in range.
  const Bytes bp = plain_signature(pki().signer_keys[1].get(), data, EVP_sha256());
  EXPECT_EQ(verify_plain_ecdsa(pki().signer_keys[4].get(), data.data(), data.size(), bp.data(), bp.size()).status,
            SignatureStatus::invalid);
  // P-256 signature, P-384 key: wrong width.
  const Bytes p256 = plain_signature(pki().signer_keys[4].get(), data, EVP_sha256());
  EXPECT_EQ(verify_plain_ecdsa(pki().signer_keys[5].get(), data.data(), data.size(), p256.data(), p256.size()).status,
            SignatureStatus::bad_length);
  // Same curve, another key.
  EXPECT_EQ(verify_plain_ecdsa(pki().key.get(), data.data(), data.size(), p256.data(), p256.size()).status,
            SignatureStatus::invalid);
}

TEST(EcdsaPlain, ForcedHash) {
  EVP_PKEY* key = pki().signer_keys[4].get();  // P-256
  const Bytes data = sample_data();
  const Bytes rs = plain_signature(key, data, EVP_sha256());
  const SignatureCheck es256 = verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size(), "ES256");
  EXPECT_EQ(es256.status, SignatureStatus::valid) << es256.message;
  EXPECT_EQ(es256.hash, "SHA-256");
  EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size(), "sha256").hash, "SHA-256");
  const SignatureCheck sha384 = verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size(), "SHA-384");
  EXPECT_EQ(sha384.status, SignatureStatus::invalid);
  EXPECT_EQ(sha384.hash, "SHA-384");
  EXPECT_EQ(verify_plain_ecdsa(key, data.data(), data.size(), rs.data(), rs.size(), "NO-SUCH-HASH").status,
            SignatureStatus::unsupported_hash);
}

TEST(EcdsaPlain, UnsupportedKeys) {
  const Bytes data = sample_data();
  const Bytes rs(64, 0x11);
  EXPECT_EQ(verify_plain_ecdsa(nullptr, data.data(), data.size(), rs.data(), rs.size()).status,
            SignatureStatus::unsupported_key);
  const EvpPkeyPtr rsa(EVP_RSA_gen(1024));
  ASSERT_TRUE(rsa);
  const SignatureCheck check = verify_plain_ecdsa(rsa.get(), data.data(), data.size(), rs.data(), rs.size());
  EXPECT_EQ(check.status, SignatureStatus::unsupported_key);
  EXPECT_NE(check.message.find("RSA"), std::string::npos) << check.message;
  EXPECT_EQ(plain_signature_half_size(rsa.get()), 0U);
  EXPECT_EQ(ERR_peek_error(), 0UL) << "the OpenSSL error queue is left clean";
}

TEST(EcdsaPlain, ExplicitParameterKeys) {
  const Bytes data = sample_data();
  EVP_PKEY* named_as_explicit = pki().explicit_csca_key.get();
  const Bytes rs = plain_signature(named_as_explicit, data, EVP_sha256());
  const SignatureCheck check = verify_plain_ecdsa(named_as_explicit, data.data(), data.size(), rs.data(), rs.size());
  EXPECT_EQ(check.status, SignatureStatus::valid) << check.message;
  EXPECT_EQ(check.curve, "brainpoolP256r1");

  EVP_PKEY* odd = pki().modified_csca_key.get();
  const Bytes odd_rs = plain_signature(odd, data, EVP_sha256());
  const SignatureCheck odd_check = verify_plain_ecdsa(odd, data.data(), data.size(), odd_rs.data(), odd_rs.size());
  EXPECT_EQ(odd_check.status, SignatureStatus::valid) << odd_check.message;  // the maths holds; trust is the chain's job
  EXPECT_EQ(odd_check.curve, "explicit");
}

TEST(EcdsaPlain, EmptyMessage) {
  EVP_PKEY* key = pki().signer_keys[4].get();
  const Bytes empty;
  const Bytes rs = plain_signature(key, empty, EVP_sha256());
  EXPECT_EQ(verify_plain_ecdsa(key, nullptr, 0, rs.data(), rs.size()).status, SignatureStatus::valid);
  EXPECT_EQ(verify_plain_ecdsa(key, nullptr, 5, rs.data(), rs.size()).status, SignatureStatus::invalid);
}

// ------------------------------------------------------------------------------------------
// Certificates

TEST(Certificate, FieldsOfABarcodeSigner) {
  const Certificate cert = as_certificate(pki().signers[0]);
  EXPECT_EQ(cert.subject_country, "UT");
  EXPECT_EQ(cert.subject_common_name, "TS");
  EXPECT_EQ(cert.subject, "C=UT, O=docverify test, CN=TS");
  EXPECT_EQ(cert.issuer, "C=UT, O=docverify test, CN=Test CSCA");
  EXPECT_EQ(cert.serial_hex, "27");
  EXPECT_EQ(as_certificate(pki().signers[1]).serial_hex, "5B");
  EXPECT_EQ(as_certificate(pki().signers[2]).serial_hex, "101");
  EXPECT_EQ(cert.sha1_hex.size(), 40U);
  EXPECT_EQ(cert.sha256_hex.size(), 64U);
  EXPECT_EQ(cert.not_before, (Date{2020, 1, 1}));
  EXPECT_EQ(cert.not_after, (Date{2030, 1, 1}));
  EXPECT_EQ(cert.not_before_time, utc(2020, 1, 1));
  EXPECT_FALSE(cert.is_ca);
  EXPECT_FALSE(cert.self_signed);
  EXPECT_TRUE(cert.has_key_usage);
  EXPECT_TRUE(cert.allows_digital_signature());
  EXPECT_EQ(cert.key_usage & KU_KEY_CERT_SIGN, 0U);
  EXPECT_TRUE(cert.extended_key_usages.empty());
  EXPECT_FALSE(cert.has_document_type_list);
  EXPECT_EQ(cert.key_type, "EC");
  EXPECT_EQ(cert.key_curve, "brainpoolP224r1");
  EXPECT_FALSE(cert.explicit_ec_parameters);
  EXPECT_NE(cert.public_key(), nullptr);
  EXPECT_EQ(cert.der(), der_of(pki().signers[0].get()));
}

TEST(Certificate, FieldsOfACsca) {
  const Certificate csca = as_certificate(pki().csca);
  EXPECT_TRUE(csca.is_ca);
  EXPECT_TRUE(csca.self_signed);
  EXPECT_NE(csca.key_usage & KU_KEY_CERT_SIGN, 0U);
  EXPECT_FALSE(csca.allows_digital_signature());
  const Certificate explicit_csca = as_certificate(pki().explicit_csca);
  EXPECT_TRUE(explicit_csca.explicit_ec_parameters);
  EXPECT_EQ(explicit_csca.key_curve, "brainpoolP256r1");
  EXPECT_EQ(as_certificate(pki().modified_csca).key_curve, "explicit");
}

TEST(Certificate, VdsNcSignerExtensions) {
  const Certificate cert = as_certificate(pki().vdsnc_signer);
  EXPECT_EQ(cert.extended_key_usages, std::vector<std::string>{kOidVdsNcSigner});
  EXPECT_TRUE(cert.has_extended_key_usage("2.23.136.1.1.14.2"));
  EXPECT_FALSE(cert.has_extended_key_usage("2.23.136.1.1.14.1"));
  EXPECT_TRUE(cert.has_document_type_list);
  EXPECT_TRUE(cert.document_type_list_error.empty()) << cert.document_type_list_error;
  EXPECT_EQ(cert.document_types, std::vector<std::string>{"NV"});
  EXPECT_TRUE(cert.allows_document_type("NV"));
  EXPECT_TRUE(cert.allows_document_type("nv"));
  EXPECT_FALSE(cert.allows_document_type("NT"));
  EXPECT_FALSE(cert.allows_document_type("N"));
  EXPECT_FALSE(cert.allows_document_type(""));
}

TEST(Certificate, DocumentTypeListVariants) {
  CertSpec spec;
  spec.common_name = "DS";
  spec.with_document_types = true;
  spec.document_types = {"P", "ID"};
  const Certificate list = as_certificate(issue(spec, pki().key.get(), pki().csca.get(), pki().csca_key.get()));
  EXPECT_TRUE(list.allows_document_type("PP"));  // one-letter entry allows the whole family
  EXPECT_TRUE(list.allows_document_type("P"));
  EXPECT_TRUE(list.allows_document_type("ID"));
  EXPECT_FALSE(list.allows_document_type("IR"));

  // Each type in its own SET (a known encoding mistake) is still read.
  spec.raw_document_type_value =
      der_tlv(0x30, concat({der_tlv(0x02, {0x00}), der_tlv(0x31, der_tlv(0x13, text_bytes("AC"))),
                            der_tlv(0x31, der_tlv(0x13, text_bytes("NV")))}));
  const Certificate split = as_certificate(issue(spec, pki().key.get(), pki().csca.get(), pki().csca_key.get()));
  EXPECT_EQ(split.document_types, (std::vector<std::string>{"AC", "NV"}));

  // Garbage in the extension: loads, but allows nothing and says why.
  spec.raw_document_type_value = {0x30, 0x05, 0x02, 0x01, 0x00, 0x04, 0x00};
  const Certificate bad = as_certificate(issue(spec, pki().key.get(), pki().csca.get(), pki().csca_key.get()));
  EXPECT_TRUE(bad.has_document_type_list);
  EXPECT_FALSE(bad.document_type_list_error.empty());
  EXPECT_FALSE(bad.allows_document_type("NV"));
  spec.raw_document_type_value = {0x30, 0x7F, 0x02};
  const Certificate truncated = as_certificate(issue(spec, pki().key.get(), pki().csca.get(), pki().csca_key.get()));
  EXPECT_FALSE(truncated.document_type_list_error.empty());
}

TEST(Certificate, SerialNormalisation) {
  EXPECT_EQ(normalise_serial_hex("00027"), "27");
  EXPECT_EQ(normalise_serial_hex("5b"), "5B");
  EXPECT_EQ(normalise_serial_hex("000"), "0");
  EXPECT_EQ(normalise_serial_hex("0100"), "100");
  EXPECT_EQ(normalise_serial_hex(""), "");
  EXPECT_EQ(normalise_serial_hex("12G"), "");
  EXPECT_EQ(normalise_serial_hex("-5"), "");
  CertSpec spec;
  spec.common_name = "zero";
  spec.serial = 0;
  EXPECT_EQ(as_certificate(issue(spec, pki().key.get(), pki().csca.get(), pki().csca_key.get())).serial_hex, "0");
  spec.serial = 0x100;
  EXPECT_EQ(as_certificate(issue(spec, pki().key.get(), pki().csca.get(), pki().csca_key.get())).serial_hex, "100");
}

TEST(Certificate, MalformedInputThrows) {
  const Bytes der = der_of(pki().signers[0].get());
  EXPECT_THROW(load_certificate_der(nullptr, 0), CertificateError);
  EXPECT_THROW(load_certificate_der(Bytes{0x30, 0x03, 0x02, 0x01, 0x00}), CertificateError);
  EXPECT_THROW(load_certificate_der(der.data(), der.size() - 1), CertificateError);
  Bytes trailing = der;
  trailing.push_back(0);
  EXPECT_THROW(load_certificate_der(trailing), CertificateError);
  const Bytes huge(kMaxCertificateBytes + 1, 0x30);
  EXPECT_THROW(load_certificate_der(huge), CertificateError);
  try {
    load_certificate_der(Bytes{0x04, 0x00});
    FAIL() << "no exception";
  } catch (const InputError& e) {  // the module's errors are InputErrors
    EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos);
  }
  EXPECT_THROW(load_certificate_pem("no pem here"), CertificateError);
  EXPECT_THROW(load_certificate_pem(""), CertificateError);
}

TEST(Certificate, PemLoads) {
  const std::string pem = "# a comment line\n" + pem_of_crl(pki().crl.get()) + pem_of(pki().signers[1].get());
  const Certificate cert = load_certificate_pem(pem);
  EXPECT_EQ(cert.serial_hex, "5B");
}

// ------------------------------------------------------------------------------------------
// Trust store lookups

TEST(TrustStore, FindsBarcodeSignerByCountryNameAndSerial) {
  std::vector<const X509*> all{pki().csca.get()};
  for (const auto& signer : pki().signers) all.push_back(signer.get());
  const TrustStore store = store_with(all);
  EXPECT_EQ(store.size(), 1 + curve_cases().size());

  const Certificate* v3 = store.find_signer("UT", "TS", "00027");  // DETS00027 style
  ASSERT_NE(v3, nullptr);
  EXPECT_EQ(v3->serial_hex, "27");
  EXPECT_EQ(v3->key_curve, "brainpoolP224r1");
  const Certificate* v4 = store.find_signer("ut", "ts", "5b");  // UTTS5B style
  ASSERT_NE(v4, nullptr);
  EXPECT_EQ(v4->serial_hex, "5B");
  EXPECT_EQ(store.find_signer("UT", "TS", "28"), nullptr);
  EXPECT_EQ(store.find_signer("UV", "TS", "27"), nullptr);
  EXPECT_EQ(store.find_signer("UT", "TT", "27"), nullptr);
  EXPECT_EQ(store.find_signer("UT", "TS", ""), nullptr);
  EXPECT_EQ(store.find_signer("UT", "TS", "2X"), nullptr);
  EXPECT_EQ(store.find_signers("UT", "TS", "27").size(), 1U);

  EXPECT_EQ(store.find_by_fingerprint(v3->sha1_hex), v3);
  EXPECT_EQ(store.find_by_fingerprint(v4->sha256_hex), v4);
  std::string lower = v4->sha256_hex;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
  EXPECT_EQ(store.find_by_fingerprint(lower), v4);
  EXPECT_EQ(store.find_by_fingerprint(v4->sha256_hex.substr(0, 63)), nullptr);
  EXPECT_EQ(store.find_by_fingerprint(std::string(40, '0')), nullptr);
  EXPECT_EQ(store.find_by_fingerprint(std::string(40, 'z')), nullptr);
}

TEST(TrustStore, DuplicatesAreNotAddedTwice) {
  TrustStore store;
  EXPECT_TRUE(store.add_certificate(as_certificate(pki().csca)));
  EXPECT_FALSE(store.add_certificate(as_certificate(pki().csca)));
  const Bytes der = der_of(pki().csca.get());
  const TrustLoadReport report = store.add_bytes(der.data(), der.size(), "csca.der");
  EXPECT_EQ(report.certificates, 0);
  EXPECT_EQ(store.size(), 1U);
}

// ------------------------------------------------------------------------------------------
// Chain validation

TEST(TrustStoreChain, SignerChainsToItsCsca) {
  const TrustStore store = store_with({pki().csca.get(), pki().other_csca.get()});
  for (const auto& signer : pki().signers) {
    const ChainResult chain = store.verify_chain(as_certificate(signer), kReference);
    EXPECT_EQ(chain.status, ChainStatus::ok) << chain.message;
    EXPECT_EQ(chain.anchor_subject, "C=UT, O=docverify test, CN=Test CSCA");
    EXPECT_EQ(chain.anchor_country, "UT");
    EXPECT_TRUE(chain.revocation_unknown);
    EXPECT_FALSE(chain.revoked);
    EXPECT_FALSE(chain.explicit_parameters);
    EXPECT_FALSE(chain.leaf_expired_at_reference);
  }
  EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(TrustStoreChain, SignerOfAnotherCscaFails) {
  const TrustStore store = store_with({pki().csca.get()});
  const ChainResult chain = store.verify_chain(as_certificate(pki().foreign_signer), kReference);
  EXPECT_EQ(chain.status, ChainStatus::error);
  EXPECT_NE(chain.message.find("Other CSCA"), std::string::npos) << chain.message;
  EXPECT_TRUE(chain.anchor_subject.empty());
  // With the other CSCA loaded it chains.
  const TrustStore both = store_with({pki().csca.get(), pki().other_csca.get()});
  const ChainResult ok = both.verify_chain(as_certificate(pki().foreign_signer), kReference);
  EXPECT_EQ(ok.status, ChainStatus::ok) << ok.message;
  EXPECT_EQ(ok.anchor_country, "UV");
}

TEST(TrustStoreChain, RenewedCscaWithTheSameNameIsTellApart) {
  const TrustStore store = store_with({pki().csca.get(), pki().renewed_csca.get()});
  const ChainResult renewed = store.verify_chain(as_certificate(pki().renewed_signer), kReference);
  EXPECT_EQ(renewed.status, ChainStatus::ok) << renewed.message;
  const ChainResult old = store.verify_chain(as_certificate(pki().signers[0]), kReference);
  EXPECT_EQ(old.status, ChainStatus::ok) << old.message;
  const TrustStore only_old = store_with({pki().csca.get()});
  EXPECT_EQ(only_old.verify_chain(as_certificate(pki().renewed_signer), kReference).status, ChainStatus::error);
}

TEST(TrustStoreChain, ExpiredAtReferenceFails) {
  const TrustStore store = store_with({pki().csca.get()});
  const Certificate expired = as_certificate(pki().expired_signer);
  const ChainResult chain = store.verify_chain(expired, kReference);
  EXPECT_EQ(chain.status, ChainStatus::error);
  EXPECT_TRUE(chain.leaf_expired_at_reference);
  EXPECT_EQ(chain.verify_error, X509_V_ERR_CERT_HAS_EXPIRED) << chain.message;
  // A seal signed while the certificate was valid still chains.
  const ChainResult earlier = store.verify_chain(expired, utc(2019, 6, 1));
  EXPECT_EQ(earlier.status, ChainStatus::ok) << earlier.message;
  EXPECT_FALSE(earlier.leaf_expired_at_reference);
  // Not yet valid.
  const ChainResult too_early = store.verify_chain(as_certificate(pki().signers[0]), utc(2019, 6, 1));
  EXPECT_EQ(too_early.status, ChainStatus::error);
  EXPECT_EQ(too_early.verify_error, X509_V_ERR_CERT_NOT_YET_VALID);
}

TEST(TrustStoreChain, RevokedByCrlFails) {
  TrustStore store = store_with({pki().csca.get()});
  const Bytes crl = der_of_crl(pki().crl.get());
  const TrustLoadReport report = store.add_bytes(crl.data(), crl.size(), "csca.crl");
  EXPECT_EQ(report.crls, 1);
  EXPECT_TRUE(report.warnings.empty());
  const ChainResult revoked = store.verify_chain(as_certificate(pki().revoked_signer), kReference);
  EXPECT_EQ(revoked.status, ChainStatus::error);
  EXPECT_TRUE(revoked.revoked);
  EXPECT_FALSE(revoked.revocation_unknown);
  EXPECT_EQ(revoked.verify_error, X509_V_ERR_CERT_REVOKED);
  EXPECT_NE(revoked.message.find("2024-03-01"), std::string::npos) << revoked.message;

  const ChainResult good = store.verify_chain(as_certificate(pki().signers[0]), kReference);
  EXPECT_EQ(good.status, ChainStatus::ok) << good.message;
  EXPECT_FALSE(good.revocation_unknown);

  // A CRL issued after the seal was signed still applies (OpenSSL's own CRL check would call it
  // "not yet valid" at the seal's date).
  const ChainResult old_seal = store.verify_chain(as_certificate(pki().revoked_signer), utc(2023, 1, 1));
  EXPECT_TRUE(old_seal.revoked);
  EXPECT_EQ(old_seal.status, ChainStatus::error);

  ChainPolicy no_crls;
  no_crls.check_crls = false;
  const ChainResult unchecked = store.verify_chain(as_certificate(pki().revoked_signer), kReference, no_crls);
  EXPECT_EQ(unchecked.status, ChainStatus::ok);
  EXPECT_TRUE(unchecked.revocation_unknown);
}

TEST(TrustStoreChain, CrlNotSignedByTheIssuerIsIgnored) {
  TrustStore store = store_with({pki().csca.get()});
  // Same issuer name, signed with the renewed CSCA's key: not a CRL of this CSCA.
  const X509CrlPtr forged = make_crl(pki().csca.get(), pki().renewed_csca_key.get(), {0x27}, utc(2025, 1, 1), utc(2026, 1, 1));
  ASSERT_TRUE(store.add_crl(X509_CRL_dup(forged.get())));
  const ChainResult chain = store.verify_chain(as_certificate(pki().signers[0]), kReference);
  EXPECT_EQ(chain.status, ChainStatus::ok) << chain.message;
  EXPECT_FALSE(chain.revoked);
  EXPECT_TRUE(chain.revocation_unknown);
  EXPECT_FALSE(chain.warnings.empty());
}

TEST(TrustStoreChain, ExplicitParametersOnAKnownCurveAreForgiven) {
  const TrustStore store = store_with({pki().explicit_csca.get()});
  const Certificate signer = as_certificate(pki().explicit_signer);
  const ChainResult chain = store.verify_chain(signer, kReference);
  EXPECT_EQ(chain.status, ChainStatus::ok) << chain.message;
  EXPECT_TRUE(chain.explicit_parameters);
  EXPECT_FALSE(chain.warnings.empty());

  ChainPolicy strict;
  strict.allow_explicit_ec_parameters = false;
  const ChainResult refused = store.verify_chain(signer, kReference, strict);
  EXPECT_EQ(refused.status, ChainStatus::error);
  EXPECT_EQ(refused.verify_error, X509_V_ERR_EC_KEY_EXPLICIT_PARAMS) << refused.message;
}

TEST(TrustStoreChain, ModifiedGeneratorFails) {
  const TrustStore store = store_with({pki().modified_csca.get()});
  const ChainResult chain = store.verify_chain(as_certificate(pki().modified_signer), kReference);
  EXPECT_EQ(chain.status, ChainStatus::error);
  EXPECT_FALSE(chain.explicit_parameters);
  EXPECT_EQ(chain.verify_error, X509_V_ERR_EC_KEY_EXPLICIT_PARAMS) << chain.message;
}

TEST(TrustStoreChain, LeafKeyUsageAndExtendedKeyUsage) {
  const TrustStore store = store_with({pki().csca.get()});
  const ChainResult no_ds = store.verify_chain(as_certificate(pki().no_digital_signature_signer), kReference);
  EXPECT_EQ(no_ds.status, ChainStatus::error);
  EXPECT_NE(no_ds.message.find("digitalSignature"), std::string::npos) << no_ds.message;
  ChainPolicy lax;
  lax.require_digital_signature = false;
  EXPECT_EQ(store.verify_chain(as_certificate(pki().no_digital_signature_signer), kReference, lax).status,
            ChainStatus::ok);

  ChainPolicy vdsnc;
  vdsnc.required_extended_key_usage = kOidVdsNcSigner;
  const ChainResult with_eku = store.verify_chain(as_certificate(pki().vdsnc_signer), kReference, vdsnc);
  EXPECT_EQ(with_eku.status, ChainStatus::ok) << with_eku.message;
  const ChainResult without = store.verify_chain(as_certificate(pki().signers[4]), kReference, vdsnc);
  EXPECT_EQ(without.status, ChainStatus::error);
  EXPECT_NE(without.message.find("2.23.136.1.1.14.2"), std::string::npos);
}

TEST(TrustStoreChain, LinkCertificateServesAsIntermediate) {
  // New CSCA key certified by the old CSCA (a link certificate); the signer is under the new key.
  const EvpPkeyPtr new_key = ec_key("brainpoolP384r1");
  CertSpec link;
  link.common_name = "Test CSCA 2";
  link.ca = true;
  link.serial = 10;
  link.key_usage = "critical,keyCertSign,cRLSign";
  const X509Ptr link_cert = issue(link, new_key.get(), pki().csca.get(), pki().csca_key.get());
  const X509Ptr new_root = issue(link, new_key.get(), nullptr, new_key.get());
  CertSpec leaf;
  leaf.common_name = "TS";
  leaf.serial = 0x77;
  const X509Ptr signer = issue(leaf, pki().key.get(), new_root.get(), new_key.get());

  const TrustStore store = store_with({pki().csca.get(), link_cert.get()});
  const ChainResult chain = store.verify_chain(as_certificate(signer), kReference);
  EXPECT_EQ(chain.status, ChainStatus::ok) << chain.message;
  EXPECT_EQ(chain.anchor_subject, "C=UT, O=docverify test, CN=Test CSCA");

  ChainPolicy short_chains;
  short_chains.max_chain_length = 2;
  EXPECT_EQ(store.verify_chain(as_certificate(signer), kReference, short_chains).status, ChainStatus::error);
  const TrustStore link_only = store_with({link_cert.get()});
  EXPECT_EQ(link_only.verify_chain(as_certificate(signer), kReference).status, ChainStatus::error);
}

TEST(TrustStoreChain, LeafCertificatesInTheStoreAreNotAnchors) {
  const TrustStore store = store_with({pki().self_signed_leaf.get(), pki().signers[0].get()});
  EXPECT_EQ(store.verify_chain(as_certificate(pki().self_signed_leaf), kReference).status, ChainStatus::error);
  EXPECT_EQ(store.verify_chain(as_certificate(pki().signers[0]), kReference).status, ChainStatus::error);
  // A CSCA in the store validates as itself.
  const TrustStore cscas = store_with({pki().csca.get()});
  EXPECT_EQ(cscas.verify_chain(as_certificate(pki().csca), kReference, ChainPolicy{true, true, false, "", 6}).status,
            ChainStatus::ok);
}

TEST(TrustStoreChain, ConcurrentReaders) {
  TrustStore store = store_with({pki().csca.get(), pki().explicit_csca.get(), pki().signers[1].get()});
  const Bytes crl = der_of_crl(pki().crl.get());
  store.add_bytes(crl.data(), crl.size(), "crl");
  const TrustStore& shared = store;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&shared, &failures] {
      const Certificate good = as_certificate(pki().signers[1]);
      const Certificate revoked = as_certificate(pki().revoked_signer);
      const Certificate explicit_signer = as_certificate(pki().explicit_signer);
      for (int i = 0; i < 50; ++i) {
        if (shared.verify_chain(good, kReference).status != ChainStatus::ok) ++failures;
        if (!shared.verify_chain(revoked, kReference).revoked) ++failures;
        if (!shared.verify_chain(explicit_signer, kReference).explicit_parameters) ++failures;
        if (shared.find_signer("UT", "TS", "5B") == nullptr) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

// ------------------------------------------------------------------------------------------
// Loading: PEM bundles, Master Lists, LDIF, files and directories

struct MasterListFixture {
  EvpPkeyPtr signer_key = ec_key("brainpoolP256r1");
  X509Ptr signer;
  Bytes master_list;
  MasterListFixture() {
    CertSpec spec;
    spec.common_name = "Master List Signer";
    spec.serial = 0x500;
    spec.extended_key_usage = kOidMasterListSigner;
    signer = issue(spec, signer_key.get(), pki().csca.get(), pki().csca_key.get());
    master_list = make_master_list({pki().other_csca.get(), pki().explicit_csca.get()}, signer.get(), signer_key.get());
  }
};

bool any_warning_contains(const TrustLoadReport& report, const std::string& text) {
  return std::any_of(report.warnings.begin(), report.warnings.end(),
                     [&text](const std::string& w) { return w.find(text) != std::string::npos; });
}

TEST(TrustStoreLoad, PemBundleWithCertificatesAndCrl) {
  const std::string bundle = "Test bundle\n" + pem_of(pki().csca.get()) + "\n" + pem_of(pki().signers[0].get()) +
                             pem_of_crl(pki().crl.get());
  TrustStore store;
  const TrustLoadReport report =
      store.add_bytes(reinterpret_cast<const std::uint8_t*>(bundle.data()), bundle.size(), "bundle.pem");
  EXPECT_EQ(report.certificates, 2);
  EXPECT_EQ(report.crls, 1);
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
  EXPECT_EQ(store.crl_count(), 1U);
}

TEST(TrustStoreLoad, MasterListCertificatesLoadAsCandidates) {
  const MasterListFixture fixture;
  TrustStore store;
  const TrustLoadReport report = store.add_bytes(fixture.master_list.data(), fixture.master_list.size(), "test.ml");
  EXPECT_EQ(report.master_lists, 1);
  EXPECT_EQ(report.certificates, 2);
  EXPECT_TRUE(any_warning_contains(report, "not authenticated")) << (report.warnings.empty() ? "" : report.warnings[0]);
  // The listed CSCAs act as anchors.
  EXPECT_EQ(store.verify_chain(as_certificate(pki().foreign_signer), kReference).status, ChainStatus::ok);
  EXPECT_EQ(store.verify_chain(as_certificate(pki().explicit_signer), kReference).status, ChainStatus::ok);
  EXPECT_EQ(store.verify_chain(as_certificate(pki().signers[0]), kReference).status, ChainStatus::error);
}

TEST(TrustStoreLoad, MasterListSignerChainedToALoadedCsca) {
  const MasterListFixture fixture;
  TrustStore store = store_with({pki().csca.get()});
  const TrustLoadReport report = store.add_bytes(fixture.master_list.data(), fixture.master_list.size(), "test.ml");
  EXPECT_EQ(report.certificates, 2);
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
}

TEST(TrustStoreLoad, MasterListThatVouchesForItselfIsNotAuthenticated) {
  // The list carries the CSCA that issued its own signer: that proves nothing.
  const MasterListFixture fixture;
  const Bytes self_vouching = make_master_list({pki().csca.get()}, fixture.signer.get(), fixture.signer_key.get());
  TrustStore store;
  const TrustLoadReport report = store.add_bytes(self_vouching.data(), self_vouching.size(), "self.ml");
  EXPECT_EQ(report.certificates, 1);
  EXPECT_TRUE(any_warning_contains(report, "not authenticated"));
}

TEST(TrustStoreLoad, TamperedMasterListLoadsNothing) {
  const MasterListFixture fixture;
  Bytes tampered = fixture.master_list;
  // Change one byte inside the first listed certificate's signature (eContent), keeping it parseable.
  const Bytes first = der_of(pki().other_csca.get());
  const auto at = std::search(tampered.begin(), tampered.end(), first.begin(), first.end());
  ASSERT_NE(at, tampered.end());
  *(at + static_cast<std::ptrdiff_t>(first.size()) - 3) ^= 0x01;
  TrustStore store = store_with({pki().csca.get()});
  const std::size_t before = store.size();
  const TrustLoadReport report = store.add_bytes(tampered.data(), tampered.size(), "tampered.ml");
  EXPECT_TRUE(any_warning_contains(report, "signature does not verify"));
  EXPECT_EQ(report.master_lists, 1);
  // A changed list could carry a rogue CSCA: none of its certificates becomes an anchor.
  EXPECT_EQ(report.certificates, 0);
  EXPECT_EQ(store.size(), before);
}

TEST(TrustStoreLoad, CmsOfAnotherContentTypeIsIgnored) {
  const MasterListFixture fixture;
  const Bytes text = text_bytes("hello");
  const BioPtr data(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  const CmsPtr cms(CMS_sign(fixture.signer.get(), fixture.signer_key.get(), nullptr, data.get(), CMS_BINARY));
  ASSERT_TRUE(cms);
  const BioPtr out(BIO_new(BIO_s_mem()));
  ASSERT_EQ(i2d_CMS_bio(out.get(), cms.get()), 1);
  char* bytes = nullptr;
  const long length = BIO_get_mem_data(out.get(), &bytes);
  TrustStore store;
  const TrustLoadReport report =
      store.add_bytes(reinterpret_cast<const std::uint8_t*>(bytes), static_cast<std::size_t>(length), "data.p7");
  EXPECT_EQ(report.master_lists, 0);
  EXPECT_EQ(report.certificates, 0);
  EXPECT_TRUE(any_warning_contains(report, "1.2.840.113549.1.7.1"));
}

TEST(TrustStoreLoad, PkdLdifWithFoldedLines) {
  const MasterListFixture fixture;
  std::string ldif = "version: 1\n\n";
  ldif += "dn: cn=C\\=UT\\,O\\=docverify test\\,CN\\=TS+sn=27,o=dsc,c=UT,dc=data,dc=download,dc=pkd,dc=icao,dc=int\n";
  ldif += "objectClass: inetOrgPerson\nsn: 27\n";
  ldif += ldif_attribute("userCertificate;binary", der_of(pki().signers[0].get()));
  ldif += "\n# a comment that is\n  folded too\n\n";
  ldif += "dn: cn=C\\=UT,o=crl,c=UT,dc=data,dc=download,dc=pkd,dc=icao,dc=int\r\n";
  ldif += ldif_attribute("certificateRevocationList;binary", der_of_crl(pki().crl.get()));
  ldif += "\ndn: cn=ml,o=ml,c=UT,dc=data,dc=download,dc=pkd,dc=icao,dc=int\n";
  ldif += ldif_attribute("pkdMasterListContent", fixture.master_list);
  ldif += "pkdVersion: 5\n";
  ASSERT_NE(ldif.find("\n "), std::string::npos);  // really folded

  TrustStore store = store_with({pki().csca.get()});
  const TrustLoadReport report =
      store.add_bytes(reinterpret_cast<const std::uint8_t*>(ldif.data()), ldif.size(), "icaopkd-001-complete-000001.ldif");
  EXPECT_EQ(report.certificates, 3);  // the DSC and the two listed CSCAs
  EXPECT_EQ(report.crls, 1);
  EXPECT_EQ(report.master_lists, 1);
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
  EXPECT_NE(store.find_signer("UT", "TS", "27"), nullptr);
}

TEST(TrustStoreLoad, BadLdifValuesWarn) {
  const std::string ldif =
      "dn: cn=x\nuserCertificate;binary:: not*base64\ncertificateRevocationList;binary:: AAAA\n"
      "pkdMasterListContent:: MAA=\nuserCertificate;binary:: QQ\n";
  TrustStore store;
  const TrustLoadReport report =
      store.add_bytes(reinterpret_cast<const std::uint8_t*>(ldif.data()), ldif.size(), "bad.ldif");
  EXPECT_EQ(report.certificates, 0);
  EXPECT_GE(report.warnings.size(), 4U);
}

TEST(TrustStoreLoad, GarbageGivesWarningsNotErrors) {
  std::mt19937 random(7);
  const Bytes der = der_of(pki().signers[0].get());
  std::vector<std::pair<std::string, Bytes>> inputs = {
      {"empty", {}},
      {"text", text_bytes("hello world\n")},
      {"truncated.der", Bytes(der.begin(), der.begin() + 100)},
      {"seq.der", {0x30, 0x80, 0x00, 0x00}},
      {"bad.pem", text_bytes("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n")},
      {"odd.pem", text_bytes("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")},
      {"unterminated.pem", text_bytes("-----BEGIN CERTIFICATE-----\nMIIB\n")},
      {"dn.ldif", text_bytes("dn: cn=nothing\n")},
  };
  for (int i = 0; i < 20; ++i) {
    Bytes noise(static_cast<std::size_t>(1 + random() % 3000));
    for (auto& b : noise) b = static_cast<std::uint8_t>(random());
    if (i % 2 == 0) noise[0] = 0x30;
    inputs.emplace_back("noise" + std::to_string(i), noise);
  }
  for (int i = 0; i < 20; ++i) {  // a certificate with one random byte changed
    Bytes mutated = der;
    mutated[random() % mutated.size()] ^= static_cast<std::uint8_t>(1 + random() % 255);
    inputs.emplace_back("mutated" + std::to_string(i), mutated);
  }
  TrustStore store;
  for (const auto& [name, bytes] : inputs) {
    const TrustLoadReport report = store.add_bytes(bytes.data(), bytes.size(), name);
    if (name.rfind("mutated", 0) != 0) {
      EXPECT_EQ(report.certificates, 0) << name;
      EXPECT_FALSE(report.warnings.empty()) << name;
    }
  }
  EXPECT_EQ(ERR_peek_error(), 0UL);
}

class TempDirectory {
 public:
  TempDirectory() {
    path_ = std::filesystem::temp_directory_path() /
            ("docverify-crypto-test-" + std::to_string(std::random_device{}()) + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& relative, const Bytes& bytes) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }

 private:
  std::filesystem::path path_;
};

TEST(TrustStoreLoad, DirectoryTreeInAnyOrder) {
  const MasterListFixture fixture;
  const TempDirectory dir;
  // The Master List sorts before the CSCA that authenticates its signer; the check waits for the end.
  dir.write("a/00-list.ml", fixture.master_list);
  dir.write("b/csca.der", der_of(pki().csca.get()));
  dir.write("b/nested/signers.pem", text_bytes(pem_of(pki().signers[0].get()) + pem_of(pki().signers[1].get())));
  dir.write("b/nested/csca.crl", der_of_crl(pki().crl.get()));
  dir.write("c/readme.txt", text_bytes("not trust material"));
  dir.write("c/empty.bin", {});
  std::string deep = "d";
  for (int i = 0; i < kMaxTrustDirectoryDepth + 2; ++i) deep += "/d";
  dir.write(deep + "/too-deep.der", der_of(pki().other_csca.get()));

  TrustStore store;
  const TrustLoadReport report = store.add_path(dir.path().string());
  EXPECT_EQ(report.certificates, 5);  // 2 from the list, the CSCA, 2 signers; not the too-deep one
  EXPECT_EQ(report.crls, 1);
  EXPECT_EQ(report.master_lists, 1);
  EXPECT_FALSE(any_warning_contains(report, "not authenticated"));
  EXPECT_TRUE(any_warning_contains(report, "readme.txt"));
  EXPECT_TRUE(any_warning_contains(report, "empty.bin"));
  EXPECT_TRUE(any_warning_contains(report, "deeper"));
  EXPECT_EQ(store.verify_chain(as_certificate(pki().revoked_signer), kReference).revoked, true);

  // A single file works too.
  TrustStore single;
  EXPECT_EQ(single.add_path((dir.path() / "b/csca.der").string()).certificates, 1);
}

TEST(TrustStoreLoad, MissingPathIsAResourceError) {
  TrustStore store;
  EXPECT_THROW(store.add_path("/nonexistent/docverify/trust"), ResourceError);
}

TEST(TrustStoreLoad, OversizedInputIsSkipped) {
  TrustStore store;
  const Bytes big(kMaxTrustFileBytes + 1, 0x30);
  const TrustLoadReport report = store.add_bytes(big.data(), big.size(), "big.bin");
  EXPECT_TRUE(any_warning_contains(report, "limit"));
  EXPECT_EQ(store.size(), 0U);
}

}  // namespace
}  // namespace docverify::crypto
