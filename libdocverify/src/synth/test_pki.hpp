#pragma once
// A throw-away PKI for synthetic documents and tests: a CSCA, barcode/document signers under
// it, CRLs, and plain (r||s) ECDSA signatures, all made in memory and all deterministic, so
// a seed gives the same keys, certificates, CRLs and seals on every run and platform.
//
// Test material only: the keys are derived from a public seed, and the signer is not
// hardened against side channels. Never use it for real keys.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"
#include "crypto/openssl_ptr.hpp"

namespace docverify::synth {

struct TestKey {
  crypto::EvpPkeyPtr key;
  std::string curve;  // OpenSSL short name, e.g. "brainpoolP256r1"
};

struct TestCertificate {
  crypto::X509Ptr certificate;
  crypto::EvpPkeyPtr key;  // the subject's private key
  std::string curve;
  std::vector<std::uint8_t> der;
  std::string pem;
};

struct TestSignerSpec {
  std::string country = "UT";             // subject C: two letters A-Z
  std::string common_name = "TS";         // subject CN: 1-64 of A-Z a-z 0-9 space . -
                                          // (the VDS signer identifier is C+CN, e.g. "UTTS")
  std::uint64_t serial = 0x27;            // > 0; the VDS certificate reference is its hex
  std::string curve = "brainpoolP256r1";  // also brainpoolP224r1/P384r1/P512r1, prime256v1,
                                          // secp384r1, secp521r1 (any named curve OpenSSL knows)
  // notBefore and notAfter, each at 00:00:00 UTC of the day. Left at {0,0,0}: one year
  // before the PKI's `today` and three years after it.
  Date not_before, not_after;
  bool vds_nc = false;  // adds EKU 2.23.136.1.1.14.2 (VDS-NC signer)
  // Non-empty: adds the ICAO document-type extension 2.23.136.1.1.6.2 (9303-12 §7.1.1.6),
  // e.g. {"NV"}. Each entry is 1-2 of A-Z 0-9. Kept apart from `vds_nc` so that tests can
  // make a VDS-NC signer that lacks either one.
  std::vector<std::string> document_types;
};

// Deterministic test key: the private scalar is SHA-512(seed as 8 bytes big-endian ‖ label)
// mod (n-1) + 1. `explicit_parameters` makes the key encode its curve as explicit domain
// parameters (the ICAO quirk) instead of a named-curve OID. Throws InputError for an unknown
// curve.
TestKey derive_test_key(std::uint64_t seed, std::string_view label, std::string_view curve,
                        bool explicit_parameters = false);

// A key from a given private scalar (big-endian), e.g. a published test vector. Throws
// InputError unless 1 <= scalar < n.
TestKey test_key_from_scalar(std::string_view curve, const std::vector<std::uint8_t>& scalar,
                             bool explicit_parameters = false);

class TestPki {
 public:
  // Deterministic: the same seed gives byte-identical keys and certificates. The CSCA is
  // C=<country>, O=docverify test, CN=Test CSCA, serial 1, brainpoolP256r1 signing with
  // SHA-256, valid from 10 years before `today` to 15 years after; basicConstraints critical
  // CA:TRUE pathlen:0, keyUsage critical keyCertSign+cRLSign, SKI and AKI (key ids).
  // With `explicit_csca_parameters` its public key carries explicit EC parameters, so
  // OpenSSL 3.0's X509_verify_cert reports X509_V_ERR_EC_KEY_EXPLICIT_PARAMS (94) for it,
  // with or without X509_V_FLAG_X509_STRICT (chip.md §2).
  TestPki(std::uint64_t seed, Date today, bool explicit_csca_parameters = false,
          std::string country = "UT");

  const TestCertificate& csca() const noexcept { return csca_; }
  Date today() const noexcept { return today_; }

  // A signer certificate issued by this CSCA: subject C, O=docverify test, CN; keyUsage
  // critical digitalSignature; SKI and AKI; the key derived from (seed, CSCA country, C, CN,
  // serial) on the spec's curve. Deterministic too. Throws InputError for a spec it cannot honour.
  TestCertificate issue_signer(const TestSignerSpec& spec) const;

  // A v2 CRL by the CSCA (DER): thisUpdate = today, nextUpdate = today + 90 days, CRL number
  // 1, AKI, each serial revoked on `today` (duplicates dropped, sorted). Deterministic.
  std::vector<std::uint8_t> crl_der(const std::vector<std::uint64_t>& revoked_serials) const;

  // Writes csca.pem and, per signer, <C><CN>_<serial hex>.pem and <C><CN>_<serial hex>.key.pem
  // (unencrypted PKCS#8), e.g. UTTS_27.pem. Creates the directory if needed. Throws
  // ResourceError when a file cannot be written, InputError for a null signer.
  void write_files(const std::string& directory,
                   const std::vector<const TestCertificate*>& signers) const;

 private:
  std::uint64_t seed_;
  Date today_;
  std::string country_;
  TestCertificate csca_;
};

// Deterministic plain ECDSA signature r||s (BSI TR-03111; each half left-padded to the size
// of the curve's order, which is the field size for every curve above) over `data`. The hash
// follows the curve size unless `hash_name` (an OpenSSL digest name, e.g. "SHA256") forces
// one: up to 224 bits SHA-224, 256 SHA-256, 384 SHA-384, above that SHA-512. The nonce is
// RFC 6979's (HMAC-DRBG over the private key and the message hash, with the same hash), so
// the same key and data always give the same signature, and the RFC's test vectors hold.
// Throws InputError for a key that is not an EC private key or an unknown hash name.
std::vector<std::uint8_t> sign_plain_ecdsa(const EVP_PKEY* key, const std::uint8_t* data,
                                           std::size_t size, const char* hash_name = nullptr);

}  // namespace docverify::synth
