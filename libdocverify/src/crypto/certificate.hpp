#pragma once
// An X.509 certificate with the fields the seal and chip checks read, decoded once at load
// time. The X509 itself is shared (copies of a Certificate share one immutable X509), so a
// Certificate can be copied into results cheaply and read from many threads at once.
//
// Errors: the load functions throw CertificateError (an InputError) for bytes that are not a
// certificate or are over the size bound, with a message that says what is wrong. A malformed
// *optional* extension (the ICAO document type list) does not fail the load; it is recorded in
// `document_type_list_error` so a check that needs the list can fail with the reason.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/x509.h>

#include "calendar/date.hpp"
#include "errors/input_error.hpp"

namespace docverify::crypto {

class CertificateError : public InputError {
 public:
  using InputError::InputError;
};

// Real CSCA and signer certificates are 0.5-3 KiB; anything near this bound is not one.
inline constexpr std::size_t kMaxCertificateBytes = 256 * 1024;

// ICAO 9303-13 (VDS-NC) and 9303-12 OIDs the checks look for.
inline constexpr const char* kOidDocumentTypeList = "2.23.136.1.1.6.2";
inline constexpr const char* kOidVdsNcSigner = "2.23.136.1.1.14.2";
inline constexpr const char* kOidHealthCsca = "2.23.136.1.1.14.1";
inline constexpr const char* kOidMasterListSigner = "2.23.136.1.1.3";
inline constexpr const char* kOidCscaMasterList = "2.23.136.1.1.2";

struct Certificate {
  std::shared_ptr<X509> x509;  // never null in a Certificate returned by this module

  std::string subject;              // one line, "C=UT, O=docverify test, CN=TS"
  std::string issuer;               // same form
  std::string subject_country;      // first C of the subject ("" when none)
  std::string subject_common_name;  // first CN of the subject ("" when none)
  std::string serial_hex;           // uppercase, no leading zeros, "0" for zero; "-" prefix if negative
  std::string sha1_hex;             // of the DER, 40 uppercase hex digits
  std::string sha256_hex;           // of the DER, 64 uppercase hex digits

  Date not_before;
  Date not_after;
  std::time_t not_before_time = 0;  // seconds since 1970 UTC
  std::time_t not_after_time = 0;

  bool is_ca = false;        // OpenSSL X509_check_ca: basicConstraints CA, or a v1 self-signed root
  bool self_signed = false;  // subject == issuer (and key identifiers agree); signature not checked
  bool has_key_usage = false;
  std::uint32_t key_usage = 0;  // X509v3 KU_* bits (KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_CRL_SIGN)
  std::vector<std::string> extended_key_usages;  // dotted OIDs, in certificate order

  bool has_document_type_list = false;     // extension 2.23.136.1.1.6.2 present
  std::vector<std::string> document_types;  // its entries ("NV", "P", "ID" ...)
  std::string document_type_list_error;     // non-empty when the extension is present but malformed

  std::string key_type;                 // "EC", "RSA", ...
  std::string key_curve;                // EC only: "brainpoolP256r1", "explicit" for an unknown curve
  bool explicit_ec_parameters = false;  // EC key encoded with explicit domain parameters

  X509* get() const noexcept { return x509.get(); }
  EVP_PKEY* public_key() const noexcept;  // owned by the X509; null if OpenSSL cannot decode it
  std::vector<std::uint8_t> der() const;

  bool allows_digital_signature() const noexcept;  // keyUsage present with digitalSignature
  bool has_extended_key_usage(std::string_view oid) const noexcept;
  // True when the document type list allows `type`: an entry equal to it, or a one-letter entry
  // that is its first letter ("P" allows "PP"), as ICAO 9303-12 §7.1.1.6 describes. False when
  // the extension is absent or malformed.
  bool allows_document_type(std::string_view type) const noexcept;
};

// Takes ownership of `x509` (must not be null) and decodes the fields above.
Certificate certificate_from_x509(X509* x509);

Certificate load_certificate_der(const std::uint8_t* data, std::size_t size);
Certificate load_certificate_der(const std::vector<std::uint8_t>& der);
// The first CERTIFICATE block of PEM text (other blocks before it are skipped).
Certificate load_certificate_pem(std::string_view pem);

// Uppercase hex without leading zeros ("0" for an all-zero value); "" when `hex` is empty or has
// a non-hex character. The lookup key form of a certificate reference (seals.md §2).
std::string normalise_serial_hex(std::string_view hex);

std::string to_hex_upper(const std::uint8_t* data, std::size_t size);

// An X.509 name in the one-line form the Certificate fields use ("C=UT, O=docverify test, CN=TS"),
// control characters escaped, cut at 1024 characters; "" when OpenSSL cannot print it.
std::string format_name(const X509_NAME* name);

// ASN1_TIME to seconds since 1970 UTC; false when OpenSSL cannot read it.
bool asn1_time_to_time_t(const ASN1_TIME* time, std::time_t& out) noexcept;

}  // namespace docverify::crypto
