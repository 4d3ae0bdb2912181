#pragma once
// What the C API's opaque handles hold.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "checks/verdict.hpp"
#include "docverify/docverify.h"
#include "mrz/mrz_result.hpp"
#include "seal/seal_result.hpp"

namespace docverify::crypto {
class TrustStore;
}

struct dv_context {
  docverify::Profile profile = docverify::Profile::kiosk;
  int reference_date = 0;  // YYYYMMDD, 0 = today at each call
  bool correct = true;
  int max_substitutions = 2;
  double ambiguity_margin = 1.0;
  docverify::VerdictPolicy policy;
  // A snapshot of the trust store given (shared, read-only): seals verify against it.
  std::shared_ptr<const docverify::crypto::TrustStore> trust;
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

// A trust store being filled; contexts take snapshots of it (copy on write).
struct dv_trust_store {
  // Guards `store` and `warnings`: a context may take its snapshot on one thread while
  // another adds to the store.
  mutable std::mutex mutex;
  std::shared_ptr<docverify::crypto::TrustStore> store;
  std::vector<std::string> warnings;  // of every load, bounded
};

// One barcode's result with the NUL-terminated strings its accessors hand out.
struct dv_seal {
  docverify::seal::SealResult result;
  std::unique_ptr<dv_mrz_result> mrz;  // the MRZ feature, when the seal has one
  std::vector<std::string> field_names, field_values;
  std::vector<std::string> check_ids, check_diagnoses, check_messages;
  std::string algorithm, signer, message, error;
  ~dv_seal();  // wipes personal data
};

struct dv_seal_list {
  std::vector<std::unique_ptr<dv_seal>> seals;
  docverify::Verdict verdict;
  docverify::Date today{};
  docverify::Profile profile = docverify::Profile::kiosk;
  std::string source;
};

namespace docverify::capi {
// A seal handle for a result (the MRZ feature as a dv_mrz_result, strings made once).
std::unique_ptr<dv_seal> seal_handle(seal::SealResult result, const mrz::MrzOptions& options);
Date reference_date_of(const dv_context& ctx);
mrz::MrzOptions mrz_options_of(const dv_context& ctx);
// Makes the NUL-terminated strings the accessors hand out.
void materialise(dv_mrz_result& handle);
// A malloc'd copy for the caller (released by dv_free).
dv_status copy_out(const std::string& text, char** out);
}  // namespace docverify::capi
