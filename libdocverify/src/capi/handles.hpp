#pragma once
// What the C API's opaque handles hold.
#include <mutex>
#include <string>
#include <vector>

#include "checks/verdict.hpp"
#include "docverify/docverify.h"
#include "mrz/mrz_result.hpp"

struct dv_context {
  docverify::Profile profile = docverify::Profile::kiosk;
  int reference_date = 0;  // YYYYMMDD, 0 = today at each call
  bool correct = true;
  int max_substitutions = 2;
  double ambiguity_margin = 1.0;
  docverify::VerdictPolicy policy;
};

struct dv_mrz_result {
  docverify::mrz::MrzResult result;
  docverify::Date today{};
  docverify::Profile profile = docverify::Profile::kiosk;
  // NUL-terminated copies of what accessors hand out, made once.
  std::vector<std::string> lines;
  std::string format_name;
  std::string fields[11];
  bool field_present[11] = {};
  std::vector<std::string> check_ids, check_groups, check_diagnoses, check_messages, check_units;
  std::vector<std::string> check_digit_fields;
  // The JSON report is made on first request (most kiosk flows read fields only); call_once
  // keeps concurrent readers of one result safe, as docs/threading.md promises.
  mutable std::once_flag json_once;
  mutable std::string json;
  const std::string& json_report() const;
};

namespace docverify::capi {
Date reference_date_of(const dv_context& ctx);
mrz::MrzOptions mrz_options_of(const dv_context& ctx);
// Makes the NUL-terminated strings the accessors hand out.
void materialise(dv_mrz_result& handle);
// A malloc'd copy for the caller (released by dv_free).
dv_status copy_out(const std::string& text, char** out);
}  // namespace docverify::capi
