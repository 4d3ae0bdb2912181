#pragma once
// A barcode payload in, a verified seal out: sniffs the kind (ICAO VDS, VDS-NC, AAMVA),
// parses it, verifies the signature against the trust store and the signer's chain at the
// signature date, runs MRZ features through the MRZ engine, and writes the check records.
// A malformed or unverifiable seal is a result, never an exception.
#include <cstddef>
#include <cstdint>

#include "mrz/mrz_result.hpp"
#include "seal/seal_result.hpp"

namespace docverify::crypto {
class TrustStore;
}

namespace docverify::seal {

struct SealOptions {
  const crypto::TrustStore* trust = nullptr;  // nullptr or empty: signatures are not_done
  bool strict = false;                        // reject the real-world header/length quirks
  // Whether a signature that cannot be verified for want of a trust store leaves the
  // verdict not_done. Reading seals (`docverify seal`) requires it; `verify` without a trust
  // store reports the seal's records without letting them block the document's verdict.
  bool require_trust = true;
  mrz::MrzOptions mrz;                        // reference date, profile and policy
};

// Payloads above kMaxSealPayload (no barcode holds that much) are malformed, not parsed.
constexpr std::size_t kMaxSealPayload = 64 * 1024;

SealResult verify_seal(const std::uint8_t* data, std::size_t size, const SealOptions& options);

}  // namespace docverify::seal
