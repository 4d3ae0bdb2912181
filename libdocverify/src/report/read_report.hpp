#pragma once
// The image reader's result as JSON (docs/json-schema.md, "image" member) and as text: the
// MRZ report of the text engine plus what the image adds (found, confidence, quads,
// quality, timings, other documents in the frame).
#include <string>

#include "reader/mrz_image_reader.hpp"
#include "report/mrz_report.hpp"
#include "seal/seal_result.hpp"

namespace docverify::report {

// `seals` (verify calls): the page's barcodes, written as the "seals" member; nullptr for
// plain reads, which have none.
std::string read_report_json(const reader::ImageReadResult& result, const ReportContext& context, const std::string& source,
                             const std::vector<seal::SealResult>* seals = nullptr);
std::string read_report_text(const reader::ImageReadResult& result, const ReportContext& context, const std::string& source,
                             const std::vector<seal::SealResult>* seals = nullptr);

}  // namespace docverify::report
