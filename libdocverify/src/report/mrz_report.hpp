#pragma once
// The MRZ result as the versioned JSON report (docs/json-schema.md) and as a readable
// table. The CLI, the C API and the Python package all print these, so they agree.
#include <string>

#include "mrz/mrz_result.hpp"

namespace docverify::report {

// Version of the JSON report schema; bumped only on an incompatible change.
inline constexpr const char* kReportSchema = "docverify/1";

struct ReportContext {
  Date today{};
  Profile profile = Profile::kiosk;
};

class JsonWriter;
// The report's "mrz", "checks" and "verdict" members, for reports that embed an MRZ
// result (the image reader's).
void write_mrz_members(JsonWriter& w, const mrz::MrzResult& result);
// The "mrz" object alone, the "checks" array and the "verdict" object alone (seal reports have their own).
void write_mrz_object(JsonWriter& w, const mrz::MrzResult& result);
void write_checks(JsonWriter& w, const std::vector<CheckRecord>& checks);
void write_verdict(JsonWriter& w, const Verdict& verdict);

std::string mrz_report_json(const mrz::MrzResult& result, const ReportContext& context);
std::string mrz_report_text(const mrz::MrzResult& result, const ReportContext& context);

}  // namespace docverify::report
