#pragma once
// Cross-source checks: what a seal signs against what the document prints.
#include "checks/check.hpp"
#include "mrz/mrz_result.hpp"
#include "seal/seal_result.hpp"

namespace docverify::seal {

// `seal.mrz_match`: the seal's MRZ against the printed MRZ, character by character over
// the characters the seal holds. ERROR (critical) on any difference: the printed MRZ was
// altered, or the seal comes from another document. NOT_DONE when the seal has no MRZ,
// its signature was not proven, or the shapes differ.
CheckRecord compare_seal_mrz(const SealResult& seal, const mrz::MrzResult& printed);

}  // namespace docverify::seal
