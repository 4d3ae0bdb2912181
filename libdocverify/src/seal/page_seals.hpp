#pragma once
// Every barcode on a page image, each through the seal verifier: the image path of
// `docverify seal IMAGE` and of the seals `verify` reports.
#include <vector>

#include <opencv2/core.hpp>

#include "barcode/barcode_reader.hpp"
#include "seal/seal_verifier.hpp"

namespace docverify::seal {

// Barcodes in reading order (barcode::read_barcodes), each verified; plain barcodes
// that are no seal are listed as kind `other`.
std::vector<SealResult> read_page_seals(const cv::Mat& image, const SealOptions& options,
                                        const barcode::BarcodeReadOptions& barcodes = {});

// One verdict over several seals: every seal's checks together, under the policy. No seal
// at all: not_done.
Verdict seals_verdict(const std::vector<SealResult>& seals, const VerdictPolicy& policy);

}  // namespace docverify::seal
