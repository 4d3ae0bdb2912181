#pragma once
// Seals and barcodes in the JSON report (docs/json-schema.md, "seals"): one entry per
// barcode, the kind, the position, the decoded content, the signature summary, the
// checks and the seal's own verdict.
#include <string>
#include <vector>

#include "report/mrz_report.hpp"
#include "seal/seal_result.hpp"

namespace docverify::report {

// One seal as a JSON object (the writer is positioned where a value may go).
void write_seal(JsonWriter& w, const seal::SealResult& seal);
// The "seals" array member.
void write_seals_member(JsonWriter& w, const std::vector<seal::SealResult>& seals);

// `docverify seal`'s report: the seals of one image or raw payload, and a verdict over
// all of them (the first decisive seal decides).
std::string seal_report_json(const std::vector<seal::SealResult>& seals, const Verdict& verdict,
                             const ReportContext& context, const std::string& source);
std::string seal_report_text(const std::vector<seal::SealResult>& seals, const Verdict& verdict,
                             const ReportContext& context, const std::string& source);

}  // namespace docverify::report
