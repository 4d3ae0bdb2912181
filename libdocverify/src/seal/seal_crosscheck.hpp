#pragma once
// Cross-source checks: what a seal signs against what the document prints.
#include "checks/check.hpp"
#include "mrz/mrz_result.hpp"
#include "seal/seal_result.hpp"

namespace docverify::seal {

// `seal.mrz_match`: the seal's MRZ against the printed MRZ, character by character over
// the characters the seal holds. ERROR (critical) on any difference: the printed MRZ was
// altered, or the seal comes from another document. WARNING when the shapes differ (the
// seal of another document). A seal without an MRZ is compared by its document number
// (address stickers); with neither, NOT_DONE, required when the seal verified.
CheckRecord compare_seal_mrz(const SealResult& seal, const mrz::MrzResult& printed);

}  // namespace docverify::seal
