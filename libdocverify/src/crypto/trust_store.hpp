#pragma once
// Trusted certificates (CSCAs, link certificates, barcode and document signers), their CRLs and
// CSCA Master Lists, and X.509 chain validation against them (seals.md §2-§3, chip.md §2-§3).
//
// Threading: a TrustStore is filled first (add_*), then read. All const member functions may run
// concurrently from any number of threads; they build their OpenSSL verification objects per
// call, and verify_chain's result cache is behind a mutex. A non-const call must not overlap any other call. Pointers and
// references returned by the lookups stay valid until the next non-const call.
//
// Copying: a copy shares the immutable X509/X509_CRL objects and copies the indexes (O(n) small
// strings); moving is cheap. Share one filled store across contexts by const reference or a
// shared_ptr<const TrustStore>.
//
// Errors: add_path throws ResourceError when the path does not exist or a named file cannot be
// read. Content that cannot be used (an unknown file, a malformed certificate, a Master List whose
// signature fails) never throws; it becomes a warning in the TrustLoadReport. verify_chain never
// throws for bad certificates (only std::bad_alloc).
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <openssl/x509.h>

#include "crypto/certificate.hpp"

namespace docverify::crypto {

// Bounds on what one store accepts (seals.md: untrusted trust material is bounded too).
inline constexpr std::size_t kMaxTrustFileBytes = 64u * 1024u * 1024u;
inline constexpr std::size_t kMaxTrustCertificates = 100000;
inline constexpr std::size_t kMaxTrustCrls = 100000;
inline constexpr int kMaxTrustDirectoryDepth = 8;
inline constexpr std::size_t kMaxTrustDirectoryFiles = 20000;

struct TrustLoadReport {
  int certificates = 0;  // newly added (duplicates by SHA-256 are not counted)
  int crls = 0;          // newly added
  int master_lists = 0;  // CSCA Master Lists read (their certificates count in `certificates`)
  std::vector<std::string> warnings;
};

struct ChainPolicy {
  // Use the loaded CRLs of the leaf's issuer. Without one the result says revocation_unknown.
  bool check_crls = true;
  // Forgive X509_V_ERR_EC_KEY_EXPLICIT_PARAMS (OpenSSL error 94) when OpenSSL recognises the
  // explicit parameters as a built-in curve (chip.md §2.2). A modified curve still fails.
  bool allow_explicit_ec_parameters = true;
  // The leaf must carry keyUsage with digitalSignature (ICAO 9303-12 signer profile).
  bool require_digital_signature = true;
  // Dotted OID the leaf must list in extendedKeyUsage ("2.23.136.1.1.14.2" for VDS-NC); "" = none.
  std::string required_extended_key_usage;
  // Longest chain accepted, leaf and anchor included (CSCA -> link -> signer is 3).
  int max_chain_length = 6;
};

enum class ChainStatus : std::uint8_t { not_done, ok, error };
const char* chain_status_name(ChainStatus status) noexcept;  // "not_done", "ok", "error"

struct ChainResult {
  ChainStatus status = ChainStatus::not_done;
  std::string message;         // why, in one sentence (an ok message does not repeat revocation_unknown)
  std::string anchor_subject;  // the trusted CSCA the chain ended at ("" when none)
  std::string anchor_country;  // its C
  int verify_error = 0;        // X509_V_ERR_* of the failure, 0 when none came from OpenSSL
  bool explicit_parameters = false;  // a certificate's explicit EC parameters were forgiven
  bool revoked = false;              // the leaf is on a valid CRL of its issuer
  bool revocation_unknown = true;    // no usable CRL of the leaf's issuer was loaded
  bool leaf_expired_at_reference = false;  // the leaf was outside its validity at `at`
  std::vector<std::string> warnings;       // accepted quirks, ignored CRLs ...
};

class TrustStore {
 public:
  TrustStore();
  // A file or a directory (recursive, at most kMaxTrustDirectoryDepth levels and
  // kMaxTrustDirectoryFiles files, in sorted path order). Each file may be a PEM bundle
  // (certificates and CRLs), a DER certificate, a DER CRL, a CSCA Master List (CMS SignedData,
  // eContentType 2.23.136.1.1.2) or an ICAO PKD LDIF (userCertificate;binary::,
  // cACertificate;binary::, certificateRevocationList;binary::, pkdMasterListContent::).
  // Unknown files are warnings. Master List signers are authenticated at the end of the call,
  // against CSCAs loaded from outside any Master List (so file order does not matter), without
  // a validity-date check; an unauthenticated list still loads, with a warning.
  TrustLoadReport add_path(const std::string& path);
  // One file's bytes; `name` is used in warnings only.
  TrustLoadReport add_bytes(const std::uint8_t* data, std::size_t size, std::string_view name);
  // True when added, false for a duplicate (same SHA-256) or when the store is full.
  bool add_certificate(Certificate certificate);
  // True when added, false for a duplicate or when the store is full. Takes ownership.
  bool add_crl(X509_CRL* crl);

  std::size_t size() const noexcept { return certificates_.size(); }
  std::size_t crl_count() const noexcept { return crls_.size(); }
  const std::vector<Certificate>& certificates() const noexcept { return certificates_; }

  // Barcode signer lookup (seals.md §2): subject C + CN + serial in hex. Country and common name
  // compare case-insensitively (ASCII); the serial is normalised (case, leading zeros). nullptr
  // when none; the first loaded when several match (find_signers lists them all).
  const Certificate* find_signer(std::string_view country, std::string_view common_name,
                                 std::string_view serial_hex) const;
  std::vector<const Certificate*> find_signers(std::string_view country, std::string_view common_name,
                                               std::string_view serial_hex) const;
  // 40 (SHA-1) or 64 (SHA-256) hex digits of the DER, any case; nullptr otherwise.
  const Certificate* find_by_fingerprint(std::string_view hex) const;

  // Validates `leaf` (in the store or not, e.g. the `cer` of a VDS-NC) up to a trusted
  // self-signed CA certificate of the store, with every certificate checked at time `at` (the
  // seal's signature date). CA certificates of the store that are not self-signed (link
  // certificates) serve as intermediates; non-CA certificates of the store are never anchors nor
  // intermediates. Revocation: see ChainResult; a CRL counts only when its signature verifies
  // with the leaf's issuer key. A CRL is applied whatever its own dates relative to `at`, since a
  // CRL fetched today legitimately postdates an older seal; a listed leaf is revoked whatever its
  // revocation date (conservative: ICAO CRLs rarely say the reason).
  ChainResult verify_chain(const Certificate& leaf, std::time_t at, const ChainPolicy& policy = {}) const;

 private:
  class Loader;  // parses files into the store (a nested class, so it may use the private adders)

  ChainResult verify_chain_impl(const Certificate& leaf, const std::time_t* at, const ChainPolicy& policy,
                                bool anchors_outside_master_lists_only) const;
  bool add_certificate_from(Certificate certificate, bool from_master_list);

  std::vector<Certificate> certificates_;
  std::vector<bool> from_master_list_;  // parallel to certificates_
  std::unordered_map<std::string, std::size_t> by_sha256_;
  std::unordered_map<std::string, std::size_t> by_sha1_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_signer_key_;  // in load order
  std::unordered_multimap<unsigned long, std::size_t> ca_by_subject_hash_;
  std::vector<std::shared_ptr<X509_CRL>> crls_;
  std::unordered_map<std::string, std::size_t> crl_by_sha256_;
  std::unordered_multimap<unsigned long, std::size_t> crl_by_issuer_hash_;
  // verify_chain's results by (leaf, time, policy): the store does not change between adds,
  // so a signer's chain is validated once, not for every seal it signed. Replaced (not
  // cleared) by every add, so copies made before keep theirs.
  struct ChainCache;
  std::shared_ptr<ChainCache> chain_cache_;
};

}  // namespace docverify::crypto
