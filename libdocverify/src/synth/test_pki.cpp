#include "synth/test_pki.hpp"

#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "errors/input_error.hpp"

namespace docverify::synth {
namespace {

using crypto::BignumPtr;
using crypto::BioPtr;
using crypto::BnCtxPtr;
using crypto::EcdsaSigPtr;
using crypto::EcGroupPtr;
using crypto::EcPointPtr;
using crypto::EvpPkeyCtxPtr;
using crypto::EvpPkeyPtr;
using crypto::OpenSslPtr;
using crypto::X509CrlPtr;
using crypto::X509Ptr;

using Asn1BitStringPtr = OpenSslPtr<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using Asn1IntegerPtr = OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1ObjectPtr = OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free>;
using Asn1OctetStringPtr = OpenSslPtr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1TimePtr = OpenSslPtr<ASN1_TIME, ASN1_TIME_free>;
using AuthorityKeyIdPtr = OpenSslPtr<AUTHORITY_KEYID, AUTHORITY_KEYID_free>;
using BasicConstraintsPtr = OpenSslPtr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using EvpMdPtr = OpenSslPtr<EVP_MD, EVP_MD_free>;
using ExtendedKeyUsagePtr = OpenSslPtr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using OsslParamBldPtr = OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using OsslParamPtr = OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;
using X509ExtensionPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using X509NamePtr = OpenSslPtr<X509_NAME, X509_NAME_free>;
using X509RevokedPtr = OpenSslPtr<X509_REVOKED, X509_REVOKED_free>;

struct OpenSslBytesFree {
  void operator()(unsigned char* p) const noexcept { OPENSSL_free(p); }
};
using OpenSslBytes = std::unique_ptr<unsigned char, OpenSslBytesFree>;

using Bytes = std::vector<std::uint8_t>;

constexpr const char* kOrganisation = "docverify test";
constexpr const char* kCscaCurve = "brainpoolP256r1";
constexpr const char* kVdsNcSignerEku = "2.23.136.1.1.14.2";
constexpr const char* kDocumentTypeListOid = "2.23.136.1.1.6.2";
constexpr std::uint64_t kCscaSerial = 1;

// An OpenSSL call failed where valid input cannot make it fail: a bug or an exhausted
// resource, so not an InputError. The OpenSSL error queue says which.
[[noreturn]] void openssl_failure(const char* what) {
  std::string message = std::string("test PKI: ") + what + " failed";
  char text[256];
  for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
    ERR_error_string_n(code, text, sizeof text);
    message += "; ";
    message += text;
  }
  throw std::runtime_error(message);
}

void check(int ok, const char* what) {
  if (ok != 1) openssl_failure(what);
}

template <typename T>
T* check_ptr(T* p, const char* what) {
  if (p == nullptr) openssl_failure(what);
  return p;
}

BignumPtr new_bignum() { return BignumPtr(check_ptr(BN_new(), "BN_new")); }

// ---- curves and keys -----------------------------------------------------------------

int curve_nid(std::string_view curve) {
  const std::string name(curve);
  int nid = OBJ_sn2nid(name.c_str());
  if (nid == NID_undef) nid = EC_curve_nist2nid(name.c_str());  // "P-256" and friends
  if (nid == NID_undef) throw InputError("test PKI: unknown curve " + quote_input(curve));
  const EcGroupPtr probe(EC_GROUP_new_by_curve_name(nid));
  ERR_clear_error();  // a failed lookup leaves its reason behind; the message below says it
  if (!probe) throw InputError("test PKI: " + quote_input(curve) + " is not an EC curve");
  return nid;
}

EcGroupPtr group_of_key(const EVP_PKEY* key) {
  char name[80];
  size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name, sizeof name, &length) == 1 && length > 0) {
    const int nid = OBJ_sn2nid(name);
    if (nid != NID_undef) {
      if (EC_GROUP* group = EC_GROUP_new_by_curve_name(nid)) return EcGroupPtr(group);
    }
  }
  // A curve OpenSSL does not know by name: rebuild the group from its explicit parameters.
  ERR_clear_error();
  OSSL_PARAM* raw = nullptr;
  if (EVP_PKEY_todata(key, EVP_PKEY_KEY_PARAMETERS, &raw) != 1) {
    ERR_clear_error();
    throw InputError("plain ECDSA: the key has no EC domain parameters");
  }
  OsslParamPtr params(raw);
  EC_GROUP* group = EC_GROUP_new_from_params(params.get(), nullptr, nullptr);
  if (group == nullptr) {
    ERR_clear_error();
    throw InputError("plain ECDSA: the key's EC domain parameters cannot be used");
  }
  return EcGroupPtr(group);
}

TestKey key_from_scalar(int nid, const BIGNUM* scalar, bool explicit_parameters) {
  EcGroupPtr group(check_ptr(EC_GROUP_new_by_curve_name(nid), "EC_GROUP_new_by_curve_name"));
  BnCtxPtr bn_ctx(check_ptr(BN_CTX_new(), "BN_CTX_new"));
  EcPointPtr public_point(check_ptr(EC_POINT_new(group.get()), "EC_POINT_new"));
  check(EC_POINT_mul(group.get(), public_point.get(), scalar, nullptr, nullptr, bn_ctx.get()),
        "EC_POINT_mul");
  const std::size_t point_size = EC_POINT_point2oct(
      group.get(), public_point.get(), POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, bn_ctx.get());
  if (point_size == 0) openssl_failure("EC_POINT_point2oct");
  Bytes point(point_size);
  if (EC_POINT_point2oct(group.get(), public_point.get(), POINT_CONVERSION_UNCOMPRESSED,
                         point.data(), point.size(), bn_ctx.get()) != point_size)
    openssl_failure("EC_POINT_point2oct");

  const char* curve_name = OBJ_nid2sn(nid);
  OsslParamBldPtr builder(check_ptr(OSSL_PARAM_BLD_new(), "OSSL_PARAM_BLD_new"));
  check(OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve_name, 0),
        "OSSL_PARAM_BLD_push_utf8_string");
  check(OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar),
        "OSSL_PARAM_BLD_push_BN");
  check(OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()),
        "OSSL_PARAM_BLD_push_octet_string");
  if (explicit_parameters)
    check(OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_EC_ENCODING,
                                          OSSL_PKEY_EC_ENCODING_EXPLICIT, 0),
          "OSSL_PARAM_BLD_push_utf8_string");
  OsslParamPtr params(check_ptr(OSSL_PARAM_BLD_to_param(builder.get()), "OSSL_PARAM_BLD_to_param"));

  EvpPkeyCtxPtr ctx(
      check_ptr(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), "EVP_PKEY_CTX_new_from_name"));
  check(EVP_PKEY_fromdata_init(ctx.get()), "EVP_PKEY_fromdata_init");
  EVP_PKEY* raw = nullptr;
  check(EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()), "EVP_PKEY_fromdata");
  return TestKey{EvpPkeyPtr(raw), curve_name};
}

// ---- RFC 6979 deterministic ECDSA -------------------------------------------------------

EvpMdPtr fetch_digest(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) {
    ERR_clear_error();
    throw InputError(std::string("plain ECDSA: unknown hash ") + quote_input(name));
  }
  return EvpMdPtr(md);
}

const char* default_hash_name(const EC_GROUP* group) {
  const int bits = EC_GROUP_get_degree(group);
  if (bits <= 224) return "SHA224";
  if (bits <= 256) return "SHA256";
  if (bits <= 384) return "SHA384";
  return "SHA512";
}

Bytes hmac(const EVP_MD* md, const Bytes& key, const Bytes& message) {
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int length = 0;
  if (HMAC(md, key.data(), static_cast<int>(key.size()), message.data(), message.size(), out.data(),
           &length) == nullptr ||
      length != out.size())
    openssl_failure("HMAC");
  return out;
}

Bytes concat(std::initializer_list<const Bytes*> parts) {
  Bytes out;
  for (const Bytes* part : parts) out.insert(out.end(), part->begin(), part->end());
  return out;
}

// RFC 6979 §2.3.2: the leftmost qlen bits of the string as an integer.
BignumPtr bits_to_int(const Bytes& bits, int order_bits) {
  BignumPtr value(
      check_ptr(BN_bin2bn(bits.data(), static_cast<int>(bits.size()), nullptr), "BN_bin2bn"));
  const int extra = static_cast<int>(bits.size()) * 8 - order_bits;
  if (extra > 0) check(BN_rshift(value.get(), value.get(), extra), "BN_rshift");
  return value;
}

Bytes int_to_octets(const BIGNUM* value, std::size_t size) {
  Bytes out(size);
  if (BN_bn2binpad(value, out.data(), static_cast<int>(size)) != static_cast<int>(size))
    openssl_failure("BN_bn2binpad");
  return out;
}

struct SignatureHalves {
  BignumPtr r, s;
};

// ECDSA over a message hash with the RFC 6979 nonce (§3.2), the HMAC using the message hash.
SignatureHalves sign_digest(const EC_GROUP* group, const BIGNUM* private_scalar,
                            const Bytes& digest, const EVP_MD* md) {
  const BIGNUM* order = EC_GROUP_get0_order(group);
  const int order_bits = BN_num_bits(order);
  const auto order_bytes = static_cast<std::size_t>((order_bits + 7) / 8);
  BnCtxPtr bn_ctx(check_ptr(BN_CTX_new(), "BN_CTX_new"));

  // e = bits2int(h1); ECDSA and RFC 6979 both use it reduced mod n.
  BignumPtr e = bits_to_int(digest, order_bits);
  check(BN_nnmod(e.get(), e.get(), order, bn_ctx.get()), "BN_nnmod");
  const Bytes private_octets = int_to_octets(private_scalar, order_bytes);
  const Bytes digest_octets = int_to_octets(e.get(), order_bytes);  // bits2octets(h1)

  const std::size_t hash_size = static_cast<std::size_t>(EVP_MD_get_size(md));
  Bytes v(hash_size, 0x01);
  Bytes k(hash_size, 0x00);
  const Bytes zero{0x00}, one{0x01};
  k = hmac(md, k, concat({&v, &zero, &private_octets, &digest_octets}));
  v = hmac(md, k, v);
  k = hmac(md, k, concat({&v, &one, &private_octets, &digest_octets}));
  v = hmac(md, k, v);

  BignumPtr r = new_bignum(), s = new_bignum(), x = new_bignum(), k_inverse = new_bignum();
  BignumPtr sum = new_bignum();
  EcPointPtr point(check_ptr(EC_POINT_new(group), "EC_POINT_new"));
  // A candidate is rejected with probability about 2^-32 at worst (P-256); 64 rejections in
  // a row would mean a broken HMAC, not bad luck.
  for (int attempt = 0; attempt < 64; ++attempt) {
    Bytes t;
    while (t.size() * 8 < static_cast<std::size_t>(order_bits)) {
      v = hmac(md, k, v);
      t.insert(t.end(), v.begin(), v.end());
    }
    BignumPtr nonce = bits_to_int(t, order_bits);
    if (!BN_is_zero(nonce.get()) && BN_cmp(nonce.get(), order) < 0) {
      BN_set_flags(nonce.get(), BN_FLG_CONSTTIME);
      check(EC_POINT_mul(group, point.get(), nonce.get(), nullptr, nullptr, bn_ctx.get()),
            "EC_POINT_mul");
      check(EC_POINT_get_affine_coordinates(group, point.get(), x.get(), nullptr, bn_ctx.get()),
            "EC_POINT_get_affine_coordinates");
      check(BN_nnmod(r.get(), x.get(), order, bn_ctx.get()), "BN_nnmod");
      if (!BN_is_zero(r.get())) {
        check_ptr(BN_mod_inverse(k_inverse.get(), nonce.get(), order, bn_ctx.get()),
                  "BN_mod_inverse");
        check(BN_mod_mul(sum.get(), r.get(), private_scalar, order, bn_ctx.get()), "BN_mod_mul");
        check(BN_mod_add(sum.get(), sum.get(), e.get(), order, bn_ctx.get()), "BN_mod_add");
        check(BN_mod_mul(s.get(), k_inverse.get(), sum.get(), order, bn_ctx.get()), "BN_mod_mul");
        if (!BN_is_zero(s.get())) return SignatureHalves{std::move(r), std::move(s)};
      }
    }
    k = hmac(md, k, concat({&v, &zero}));
    v = hmac(md, k, v);
  }
  throw std::runtime_error("plain ECDSA: no usable RFC 6979 nonce after 64 candidates");
}

struct SigningKey {
  EcGroupPtr group;
  BignumPtr scalar;
};

SigningKey signing_key(const EVP_PKEY* key) {
  if (key == nullptr) throw InputError("plain ECDSA: no key");
  if (EVP_PKEY_is_a(key, "EC") != 1) throw InputError("plain ECDSA: the key is not an EC key");
  SigningKey out{group_of_key(key), nullptr};
  BIGNUM* scalar = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar) != 1 || scalar == nullptr) {
    ERR_clear_error();
    throw InputError("plain ECDSA: the key has no private part");
  }
  out.scalar.reset(scalar);
  BN_set_flags(out.scalar.get(), BN_FLG_CONSTTIME);
  return out;
}

Bytes digest_of(const EVP_MD* md, const std::uint8_t* data, std::size_t size) {
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int length = 0;
  static const std::uint8_t empty = 0;
  check(EVP_Digest(size == 0 ? &empty : data, size, out.data(), &length, md, nullptr),
        "EVP_Digest");
  return out;
}

// An ECDSA-Sig-Value (DER), as X.509 and CRL signatures carry it.
Bytes sign_der(const EVP_PKEY* key, const EVP_MD* md, const Bytes& data) {
  SigningKey signer = signing_key(key);
  SignatureHalves halves = sign_digest(signer.group.get(), signer.scalar.get(),
                                       digest_of(md, data.data(), data.size()), md);
  EcdsaSigPtr signature(check_ptr(ECDSA_SIG_new(), "ECDSA_SIG_new"));
  check(ECDSA_SIG_set0(signature.get(), halves.r.get(), halves.s.get()), "ECDSA_SIG_set0");
  halves.r.release();  // now owned by `signature`
  halves.s.release();
  unsigned char* raw = nullptr;
  const int length = i2d_ECDSA_SIG(signature.get(), &raw);
  if (length <= 0) openssl_failure("i2d_ECDSA_SIG");
  OpenSslBytes owned(raw);
  return Bytes(raw, raw + length);
}

// ---- small DER pieces -------------------------------------------------------------------

void append_der_length(Bytes& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  std::array<std::uint8_t, sizeof(std::size_t)> digits{};
  std::size_t count = 0;
  for (std::size_t rest = length; rest != 0; rest >>= 8) digits[count++] = rest & 0xFF;
  out.push_back(static_cast<std::uint8_t>(0x80 | count));
  while (count > 0) out.push_back(digits[--count]);
}

Bytes der_tlv(std::uint8_t tag, const Bytes& content) {
  Bytes out{tag};
  append_der_length(out, content.size());
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// 9303-12 §7.1.1.6: DocumentTypeListSyntax ::= SEQUENCE { version INTEGER {v0(0)},
// docTypeList SET OF PrintableString(SIZE(1..2)) }.
Bytes document_type_list_der(const std::vector<std::string>& types) {
  std::vector<Bytes> members;
  for (const std::string& type : types) {
    members.push_back(der_tlv(V_ASN1_PRINTABLESTRING, Bytes(type.begin(), type.end())));
  }
  // DER orders SET OF members by their encodings; equal ones add nothing.
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  Bytes set_content;
  for (const Bytes& m : members) set_content.insert(set_content.end(), m.begin(), m.end());
  Bytes sequence_content{V_ASN1_INTEGER, 0x01, 0x00};
  const Bytes set = der_tlv(V_ASN1_SET | V_ASN1_CONSTRUCTED, set_content);
  sequence_content.insert(sequence_content.end(), set.begin(), set.end());
  return der_tlv(V_ASN1_SEQUENCE | V_ASN1_CONSTRUCTED, sequence_content);
}

// SIGNED{...} ::= SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING } (certificates and CRLs).
Bytes signed_structure(const unsigned char* tbs, int tbs_size, const X509_ALGOR* algorithm,
                       const Bytes& signature) {
  unsigned char* raw = nullptr;
  const int algorithm_size = i2d_X509_ALGOR(algorithm, &raw);
  if (algorithm_size <= 0) openssl_failure("i2d_X509_ALGOR");
  OpenSslBytes owned(raw);
  Bytes content(tbs, tbs + tbs_size);
  content.insert(content.end(), raw, raw + algorithm_size);
  Bytes bits{0x00};  // no unused bits
  bits.insert(bits.end(), signature.begin(), signature.end());
  const Bytes bit_string = der_tlv(V_ASN1_BIT_STRING, bits);
  content.insert(content.end(), bit_string.begin(), bit_string.end());
  return der_tlv(V_ASN1_SEQUENCE | V_ASN1_CONSTRUCTED, content);
}

// ---- certificate pieces -----------------------------------------------------------------

Asn1TimePtr utc_midnight(const Date& date) {
  const auto seconds = static_cast<time_t>(days_from_civil(date) * 86400);
  // UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
  return Asn1TimePtr(check_ptr(ASN1_TIME_set(nullptr, seconds), "ASN1_TIME_set"));
}

Date add_days(const Date& date, int days) { return civil_from_days(days_from_civil(date) + days); }

void check_date(const Date& date, const char* what) {
  if (!is_valid_date(date.year, date.month, date.day) || date.year < 1950 || date.year > 9999)
    throw InputError(std::string("test PKI: ") + what + " " +
                     quote_input(std::to_string(date.year) + "-" + std::to_string(date.month) +
                                 "-" + std::to_string(date.day)) +
                     " is not a date from 1950 to 9999");
}

void check_country(const std::string& country) {
  const bool letters =
      country.size() == 2 &&
      std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!letters)
    throw InputError("test PKI: country " + quote_input(country) + " is not two letters A-Z");
}

void check_common_name(const std::string& name) {
  const bool allowed =
      !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == ' ' || c == '.' || c == '-';
      });
  if (!allowed)
    throw InputError("test PKI: common name " + quote_input(name) +
                     " is not 1-64 of A-Z a-z 0-9 space . -");
}

void check_document_type(const std::string& type) {
  const bool allowed =
      !type.empty() && type.size() <= 2 && std::all_of(type.begin(), type.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      });
  if (!allowed)
    throw InputError("test PKI: document type " + quote_input(type) + " is not 1-2 of A-Z 0-9");
}

std::string serial_hex(std::uint64_t serial) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), digits[serial & 0xF]);
    serial >>= 4;
  } while (serial != 0);
  return out;
}

X509NamePtr make_name(const std::string& country, const std::string& common_name) {
  X509NamePtr name(check_ptr(X509_NAME_new(), "X509_NAME_new"));
  const auto add = [&](const char* field, const std::string& value) {
    check(X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                     0),
          "X509_NAME_add_entry_by_txt");
  };
  add("C", country);
  add("O", kOrganisation);
  add("CN", common_name);
  return name;
}

Bytes subject_key_id(const X509* certificate) {
  // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  check(X509_pubkey_digest(certificate, EVP_sha1(), digest, &length), "X509_pubkey_digest");
  return Bytes(digest, digest + length);
}

Asn1OctetStringPtr octet_string(const Bytes& bytes) {
  Asn1OctetStringPtr out(check_ptr(ASN1_OCTET_STRING_new(), "ASN1_OCTET_STRING_new"));
  check(ASN1_OCTET_STRING_set(out.get(), bytes.data(), static_cast<int>(bytes.size())),
        "ASN1_OCTET_STRING_set");
  return out;
}

AuthorityKeyIdPtr authority_key_id(const Bytes& issuer_key_id) {
  AuthorityKeyIdPtr akid(check_ptr(AUTHORITY_KEYID_new(), "AUTHORITY_KEYID_new"));
  akid->keyid = octet_string(issuer_key_id).release();
  return akid;
}

void add_key_ids(X509* certificate, const Bytes& issuer_key_id) {
  check(X509_add1_ext_i2d(certificate, NID_subject_key_identifier,
                          octet_string(subject_key_id(certificate)).get(), 0, X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(subjectKeyIdentifier)");
  check(X509_add1_ext_i2d(certificate, NID_authority_key_identifier,
                          authority_key_id(issuer_key_id).get(), 0, X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(authorityKeyIdentifier)");
}

void add_key_usage(X509* certificate, std::initializer_list<int> bits) {
  Asn1BitStringPtr usage(check_ptr(ASN1_BIT_STRING_new(), "ASN1_BIT_STRING_new"));
  for (int bit : bits)
    check(ASN1_BIT_STRING_set_bit(usage.get(), bit, 1), "ASN1_BIT_STRING_set_bit");
  check(X509_add1_ext_i2d(certificate, NID_key_usage, usage.get(), 1, X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(keyUsage)");
}

// keyUsage bit numbers (RFC 5280 §4.2.1.3).
constexpr int kDigitalSignature = 0;
constexpr int kKeyCertSign = 5;
constexpr int kCrlSign = 6;

X509Ptr new_certificate(std::uint64_t serial, const X509_NAME* subject, const X509_NAME* issuer,
                        const Date& not_before, const Date& not_after, EVP_PKEY* subject_key) {
  X509Ptr certificate(check_ptr(X509_new(), "X509_new"));
  check(X509_set_version(certificate.get(), X509_VERSION_3), "X509_set_version");
  check(ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate.get()), serial),
        "ASN1_INTEGER_set_uint64");
  check(X509_set_subject_name(certificate.get(), subject), "X509_set_subject_name");
  check(X509_set_issuer_name(certificate.get(), issuer), "X509_set_issuer_name");
  check(X509_set1_notBefore(certificate.get(), utc_midnight(not_before).get()),
        "X509_set1_notBefore");
  check(X509_set1_notAfter(certificate.get(), utc_midnight(not_after).get()), "X509_set1_notAfter");
  check(X509_set_pubkey(certificate.get(), subject_key), "X509_set_pubkey");
  return certificate;
}

// OpenSSL 3.0 signs only with a random nonce and has no setter for a certificate's
// signature. So X509_sign fills in both AlgorithmIdentifiers (its random signature is thrown
// away), then the TBS is re-encoded, signed with the RFC 6979 signer, and the certificate
// is assembled from those DER pieces and parsed back.
TestCertificate finish_certificate(X509Ptr draft, EVP_PKEY* issuer_key, EvpPkeyPtr subject_key,
                                   std::string curve) {
  const EcGroupPtr issuer_group = group_of_key(issuer_key);
  const EvpMdPtr md = fetch_digest(default_hash_name(issuer_group.get()));
  if (X509_sign(draft.get(), issuer_key, md.get()) <= 0) openssl_failure("X509_sign");
  unsigned char* tbs = nullptr;
  const int tbs_size = i2d_re_X509_tbs(draft.get(), &tbs);
  if (tbs_size <= 0) openssl_failure("i2d_re_X509_tbs");
  OpenSslBytes owned_tbs(tbs);
  const ASN1_BIT_STRING* random_signature = nullptr;
  const X509_ALGOR* algorithm = nullptr;
  X509_get0_signature(&random_signature, &algorithm, draft.get());

  TestCertificate out;
  out.der = signed_structure(tbs, tbs_size, algorithm,
                             sign_der(issuer_key, md.get(), Bytes(tbs, tbs + tbs_size)));
  const unsigned char* p = out.der.data();
  out.certificate.reset(
      check_ptr(d2i_X509(nullptr, &p, static_cast<long>(out.der.size())), "d2i_X509"));
  BioPtr bio(check_ptr(BIO_new(BIO_s_mem()), "BIO_new"));
  check(PEM_write_bio_X509(bio.get(), out.certificate.get()), "PEM_write_bio_X509");
  char* text = nullptr;
  const long text_size = BIO_get_mem_data(bio.get(), &text);
  out.pem.assign(text, static_cast<std::size_t>(text_size));
  out.key = std::move(subject_key);
  out.curve = std::move(curve);
  return out;
}

Bytes key_id_of(const TestCertificate& certificate) {
  return subject_key_id(certificate.certificate.get());
}

std::string name_field(const X509* certificate, int nid) {
  char text[128];
  const int length =
      X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), nid, text, sizeof text);
  if (length <= 0) return {};
  return std::string(text, static_cast<std::size_t>(length));
}

std::string private_key_pem(const EVP_PKEY* key) {
  BioPtr bio(check_ptr(BIO_new(BIO_s_mem()), "BIO_new"));
  check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
        "PEM_write_bio_PrivateKey");
  char* text = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &text);
  return std::string(text, static_cast<std::size_t>(size));
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) throw ResourceError("test PKI: cannot write " + path.string());
}

}  // namespace

// ---- public functions -------------------------------------------------------------------

TestKey test_key_from_scalar(std::string_view curve, const std::vector<std::uint8_t>& scalar,
                             bool explicit_parameters) {
  const int nid = curve_nid(curve);
  EcGroupPtr group(check_ptr(EC_GROUP_new_by_curve_name(nid), "EC_GROUP_new_by_curve_name"));
  BignumPtr value(
      check_ptr(BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), nullptr), "BN_bin2bn"));
  BN_set_flags(value.get(), BN_FLG_CONSTTIME);
  if (BN_is_zero(value.get()) || BN_cmp(value.get(), EC_GROUP_get0_order(group.get())) >= 0)
    throw InputError("test PKI: a private scalar must be in [1, n-1] for " + quote_input(curve));
  return key_from_scalar(nid, value.get(), explicit_parameters);
}

TestKey derive_test_key(std::uint64_t seed, std::string_view label, std::string_view curve,
                        bool explicit_parameters) {
  const int nid = curve_nid(curve);
  EcGroupPtr group(check_ptr(EC_GROUP_new_by_curve_name(nid), "EC_GROUP_new_by_curve_name"));
  Bytes input;
  for (int shift = 56; shift >= 0; shift -= 8) input.push_back((seed >> shift) & 0xFF);
  input.insert(input.end(), label.begin(), label.end());
  const EvpMdPtr sha512 = fetch_digest("SHA512");
  const Bytes digest = digest_of(sha512.get(), input.data(), input.size());

  BnCtxPtr bn_ctx(check_ptr(BN_CTX_new(), "BN_CTX_new"));
  BignumPtr scalar(
      check_ptr(BN_bin2bn(digest.data(), static_cast<int>(digest.size()), nullptr), "BN_bin2bn"));
  BignumPtr order_minus_one(check_ptr(BN_dup(EC_GROUP_get0_order(group.get())), "BN_dup"));
  check(BN_sub_word(order_minus_one.get(), 1), "BN_sub_word");
  check(BN_nnmod(scalar.get(), scalar.get(), order_minus_one.get(), bn_ctx.get()), "BN_nnmod");
  check(BN_add_word(scalar.get(), 1), "BN_add_word");  // in [1, n-1]
  BN_set_flags(scalar.get(), BN_FLG_CONSTTIME);
  return key_from_scalar(nid, scalar.get(), explicit_parameters);
}

std::vector<std::uint8_t> sign_plain_ecdsa(const EVP_PKEY* key, const std::uint8_t* data,
                                           std::size_t size, const char* hash_name) {
  if (data == nullptr && size != 0) throw InputError("plain ECDSA: no data");
  SigningKey signer = signing_key(key);
  const EvpMdPtr md =
      fetch_digest(hash_name != nullptr ? hash_name : default_hash_name(signer.group.get()));
  const SignatureHalves halves = sign_digest(signer.group.get(), signer.scalar.get(),
                                             digest_of(md.get(), data, size), md.get());
  const BIGNUM* order = EC_GROUP_get0_order(signer.group.get());
  const auto field_bytes =
      static_cast<std::size_t>((EC_GROUP_get_degree(signer.group.get()) + 7) / 8);
  const std::size_t half = std::max(field_bytes, static_cast<std::size_t>(BN_num_bytes(order)));
  Bytes out = int_to_octets(halves.r.get(), half);
  const Bytes s = int_to_octets(halves.s.get(), half);
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

TestPki::TestPki(std::uint64_t seed, Date today, bool explicit_csca_parameters, std::string country)
    : seed_(seed), today_(today), country_(std::move(country)) {
  check_date(today_, "today");
  check_country(country_);
  TestKey key = derive_test_key(seed_, "docverify test PKI/" + country_ + "/CSCA", kCscaCurve,
                                explicit_csca_parameters);
  const X509NamePtr name = make_name(country_, "Test CSCA");
  X509Ptr draft = new_certificate(kCscaSerial, name.get(), name.get(), add_years(today_, -10),
                                  add_years(today_, 15), key.key.get());

  BasicConstraintsPtr constraints(check_ptr(BASIC_CONSTRAINTS_new(), "BASIC_CONSTRAINTS_new"));
  constraints->ca = 0xFF;  // DER TRUE; OpenSSL writes the int's low byte as the BOOLEAN
  constraints->pathlen = check_ptr(ASN1_INTEGER_new(), "ASN1_INTEGER_new");
  check(ASN1_INTEGER_set(constraints->pathlen, 0), "ASN1_INTEGER_set");
  check(X509_add1_ext_i2d(draft.get(), NID_basic_constraints, constraints.get(), 1,
                          X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(basicConstraints)");
  add_key_usage(draft.get(), {kKeyCertSign, kCrlSign});
  add_key_ids(draft.get(), subject_key_id(draft.get()));  // self-signed: AKI = own SKI

  EVP_PKEY* signing = key.key.get();
  csca_ = finish_certificate(std::move(draft), signing, std::move(key.key), std::move(key.curve));
}

TestCertificate TestPki::issue_signer(const TestSignerSpec& spec) const {
  check_country(spec.country);
  check_common_name(spec.common_name);
  if (spec.serial == 0) throw InputError("test PKI: a signer serial must be positive");
  for (const std::string& type : spec.document_types) check_document_type(type);
  const Date not_before = spec.not_before == Date{} ? add_years(today_, -1) : spec.not_before;
  const Date not_after = spec.not_after == Date{} ? add_years(today_, 3) : spec.not_after;
  check_date(not_before, "not_before");
  check_date(not_after, "not_after");
  if (compare_dates(not_after, not_before) < 0)
    throw InputError("test PKI: a signer's not_after is before its not_before");

  TestKey key = derive_test_key(seed_,
                                "docverify test PKI/" + country_ + "/signer/" + spec.country + "/" +
                                    spec.common_name + "/" + serial_hex(spec.serial),
                                spec.curve);
  const X509NamePtr subject = make_name(spec.country, spec.common_name);
  X509Ptr draft =
      new_certificate(spec.serial, subject.get(), X509_get_subject_name(csca_.certificate.get()),
                      not_before, not_after, key.key.get());
  add_key_usage(draft.get(), {kDigitalSignature});
  add_key_ids(draft.get(), key_id_of(csca_));
  if (spec.vds_nc) {
    ExtendedKeyUsagePtr usages(check_ptr(sk_ASN1_OBJECT_new_null(), "sk_ASN1_OBJECT_new_null"));
    Asn1ObjectPtr vds_nc_signer(check_ptr(OBJ_txt2obj(kVdsNcSignerEku, 1), "OBJ_txt2obj"));
    if (sk_ASN1_OBJECT_push(usages.get(), vds_nc_signer.get()) <= 0)
      openssl_failure("sk_ASN1_OBJECT_push");
    vds_nc_signer.release();  // now owned by `usages`
    // Critical, as an EKU that restricts a key's purpose usually is (confirm against the
    // 9303-13 barcode signer profile); OpenSSL knows the extension, so chains still verify.
    check(X509_add1_ext_i2d(draft.get(), NID_ext_key_usage, usages.get(), 1, X509V3_ADD_DEFAULT),
          "X509_add1_ext_i2d(extendedKeyUsage)");
  }
  if (!spec.document_types.empty()) {
    const Asn1ObjectPtr oid(check_ptr(OBJ_txt2obj(kDocumentTypeListOid, 1), "OBJ_txt2obj"));
    const Asn1OctetStringPtr value = octet_string(document_type_list_der(spec.document_types));
    // 9303-12 §7.1.1.6: always non-critical.
    const X509ExtensionPtr extension(
        check_ptr(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 0, value.get()),
                  "X509_EXTENSION_create_by_OBJ"));
    check(X509_add_ext(draft.get(), extension.get(), -1), "X509_add_ext");
  }
  return finish_certificate(std::move(draft), csca_.key.get(), std::move(key.key),
                            std::move(key.curve));
}

std::vector<std::uint8_t> TestPki::crl_der(
    const std::vector<std::uint64_t>& revoked_serials) const {
  std::vector<std::uint64_t> serials = revoked_serials;
  std::sort(serials.begin(), serials.end());
  serials.erase(std::unique(serials.begin(), serials.end()), serials.end());

  X509CrlPtr crl(check_ptr(X509_CRL_new(), "X509_CRL_new"));
  check(X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2), "X509_CRL_set_version");
  check(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(csca_.certificate.get())),
        "X509_CRL_set_issuer_name");
  const Asn1TimePtr this_update = utc_midnight(today_);
  check(X509_CRL_set1_lastUpdate(crl.get(), this_update.get()), "X509_CRL_set1_lastUpdate");
  check(X509_CRL_set1_nextUpdate(crl.get(), utc_midnight(add_days(today_, 90)).get()),
        "X509_CRL_set1_nextUpdate");
  for (std::uint64_t serial : serials) {
    X509RevokedPtr entry(check_ptr(X509_REVOKED_new(), "X509_REVOKED_new"));
    Asn1IntegerPtr number(check_ptr(ASN1_INTEGER_new(), "ASN1_INTEGER_new"));
    check(ASN1_INTEGER_set_uint64(number.get(), serial), "ASN1_INTEGER_set_uint64");
    check(X509_REVOKED_set_serialNumber(entry.get(), number.get()),
          "X509_REVOKED_set_serialNumber");
    check(X509_REVOKED_set_revocationDate(entry.get(), this_update.get()),
          "X509_REVOKED_set_revocationDate");
    check(X509_CRL_add0_revoked(crl.get(), entry.get()), "X509_CRL_add0_revoked");
    entry.release();  // now owned by the CRL
  }
  Asn1IntegerPtr crl_number(check_ptr(ASN1_INTEGER_new(), "ASN1_INTEGER_new"));
  check(ASN1_INTEGER_set(crl_number.get(), 1), "ASN1_INTEGER_set");
  check(X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, crl_number.get(), 0, X509V3_ADD_DEFAULT),
        "X509_CRL_add1_ext_i2d(cRLNumber)");
  check(X509_CRL_add1_ext_i2d(crl.get(), NID_authority_key_identifier,
                              authority_key_id(key_id_of(csca_)).get(), 0, X509V3_ADD_DEFAULT),
        "X509_CRL_add1_ext_i2d(authorityKeyIdentifier)");
  check(X509_CRL_sort(crl.get()), "X509_CRL_sort");

  // As for certificates: X509_CRL_sign sets the algorithms, the RFC 6979 signer the value.
  EVP_PKEY* key = csca_.key.get();
  const EcGroupPtr group = group_of_key(key);
  const EvpMdPtr md = fetch_digest(default_hash_name(group.get()));
  if (X509_CRL_sign(crl.get(), key, md.get()) <= 0) openssl_failure("X509_CRL_sign");
  unsigned char* tbs = nullptr;
  const int tbs_size = i2d_re_X509_CRL_tbs(crl.get(), &tbs);
  if (tbs_size <= 0) openssl_failure("i2d_re_X509_CRL_tbs");
  OpenSslBytes owned_tbs(tbs);
  const ASN1_BIT_STRING* random_signature = nullptr;
  const X509_ALGOR* algorithm = nullptr;
  X509_CRL_get0_signature(crl.get(), &random_signature, &algorithm);
  return signed_structure(tbs, tbs_size, algorithm,
                          sign_der(key, md.get(), Bytes(tbs, tbs + tbs_size)));
}

void TestPki::write_files(const std::string& directory,
                          const std::vector<const TestCertificate*>& signers) const {
  for (const TestCertificate* signer : signers)
    if (signer == nullptr || !signer->certificate || !signer->key)
      throw InputError("test PKI: write_files got an empty signer");
  const std::filesystem::path folder(directory);
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw ResourceError("test PKI: cannot create " + directory + ": " + error.message());
  write_text_file(folder / "csca.pem", csca_.pem);
  for (const TestCertificate* signer : signers) {
    const X509* certificate = signer->certificate.get();
    std::uint64_t serial = 0;
    if (ASN1_INTEGER_get_uint64(&serial, X509_get0_serialNumber(certificate)) != 1)
      openssl_failure("ASN1_INTEGER_get_uint64");
    const std::string country = name_field(certificate, NID_countryName);
    const std::string common_name = name_field(certificate, NID_commonName);
    // The names were checked when issued; check again, as they become file names.
    check_country(country);
    check_common_name(common_name);
    const std::string stem = country + common_name + "_" + serial_hex(serial);
    write_text_file(folder / (stem + ".pem"), signer->pem);
    write_text_file(folder / (stem + ".key.pem"), private_key_pem(signer->key.get()));
  }
}

}  // namespace docverify::synth
