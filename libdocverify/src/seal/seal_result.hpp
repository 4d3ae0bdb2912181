#pragma once
// What docverify found in one barcode: its kind, the decoded content, the signature and
// its chain, and the check records the verdict is made from (seals.md §8).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "checks/verdict.hpp"
#include "mrz/mrz_result.hpp"
#include "seal/aamva.hpp"
#include "seal/vds.hpp"
#include "seal/vds_nc.hpp"

namespace docverify::seal {

enum class SealKind : std::uint8_t { other = 0, icao_vds = 1, icao_vds_nc = 2, aamva = 3 };
const char* seal_kind_name(SealKind kind) noexcept;  // "other", "icao_vds", "icao_vds_nc", "aamva"

// The signature summary of §8: `status` ok only when the signature verifies and the signer
// chains to a trusted CSCA at the signature date; not_done when it cannot be verified.
struct SignatureReport {
  CheckStatus status = CheckStatus::not_done;
  CheckStatus chain = CheckStatus::not_done;
  std::string algorithm;       // "ECDSA brainpoolP256r1 SHA-256"
  std::string signer;          // the seal's own naming: "UTTS 5B", or the certificate's subject for VDS-NC
  std::string signer_subject;  // the certificate found, when found
  std::string signer_serial;
  std::string anchor_subject;  // the CSCA it chains to
  std::optional<Date> signer_not_after;
  std::string message;
};

struct BarcodePosition {
  std::string symbology;  // "data_matrix", "qr_code", "pdf417", "aztec"; "" for raw bytes
  std::array<std::array<float, 2>, 4> corners{};  // image pixels, when found on an image
  bool on_image = false;
};

struct SealResult {
  SealKind kind = SealKind::other;
  BarcodePosition position;
  std::vector<std::uint8_t> payload;  // the barcode's bytes
  bool malformed = false;
  std::string error;  // why it is malformed
  std::optional<VdsSeal> vds;
  std::optional<VdsNcSeal> vds_nc;
  std::optional<AamvaRecord> aamva;
  std::optional<mrz::MrzResult> mrz;  // an MRZ feature, through the MRZ engine
  SignatureReport signature;
  std::vector<CheckRecord> checks;
  Verdict verdict;

  // Overwrites personal data (payload, decoded fields) before the memory is released.
  void wipe() noexcept;
};

}  // namespace docverify::seal
