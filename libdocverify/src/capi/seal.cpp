// The C API of barcodes and seals: trust stores, seal lists, accessors (docverify/seal.h).
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include <opencv2/imgproc.hpp>

#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/pixels.hpp"
#include "capi/secure_zero.hpp"
#include "crypto/trust_store.hpp"
#include "docverify/docverify.h"
#include "image/decode.hpp"
#include "report/json_writer.hpp"
#include "report/seal_report.hpp"
#include "seal/page_seals.hpp"
#include "seal/seal_verifier.hpp"
#include "seal/vds_nc.hpp"

using docverify::capi::fail;
using docverify::capi::guard;
namespace seal = docverify::seal;
namespace crypto = docverify::crypto;

namespace {

constexpr std::size_t kMaxStoredWarnings = 256;

const char* at(const std::vector<std::string>& v, size_t i) { return i < v.size() ? v[i].c_str() : nullptr; }

void add_field(dv_seal& h, std::string name, std::string value) {
  h.field_names.push_back(std::move(name));
  h.field_values.push_back(std::move(value));
}

void materialise_fields(dv_seal& h) {
  const seal::SealResult& r = h.result;
  if (r.vds) {
    const seal::VdsHeader& v = r.vds->header;
    add_field(h, "header.version", std::to_string(v.version));
    add_field(h, "header.issuing_country", v.issuing_country);
    add_field(h, "header.signer", v.signer);
    add_field(h, "header.certificate_reference", v.certificate_reference);
    add_field(h, "header.issue_date", docverify::format_iso_date(v.issue_date));
    add_field(h, "header.signature_date", docverify::format_iso_date(v.signature_date));
    add_field(h, "header.profile", r.vds->profile ? r.vds->profile->id : "");
    for (const auto& f : r.vds->features) {
      const std::string name = f.definition ? f.definition->name : "tag_" + std::to_string(f.tag);
      add_field(h, "feature." + name, f.text);
    }
  }
  if (r.vds_nc) {
    add_field(h, "header.type", r.vds_nc->type);
    add_field(h, "header.version", std::to_string(r.vds_nc->version));
    add_field(h, "header.issuing_state", r.vds_nc->issuing_state);
    for (auto& [path, value] : seal::flatten_message(r.vds_nc->message)) add_field(h, "message." + path, value);
  }
  if (r.aamva) {
    add_field(h, "header.iin", r.aamva->iin);
    add_field(h, "header.version", std::to_string(r.aamva->version));
    for (const auto& s : r.aamva->subfiles)
      for (const auto& e : s.elements) add_field(h, "aamva." + e.id, e.value);
  }
}

seal::SealOptions seal_options_of(const dv_context& ctx, const dv_seal_options* o) {
  seal::SealOptions so;
  so.trust = ctx.trust.get();
  so.mrz = docverify::capi::mrz_options_of(ctx);
  so.strict = o && (o->flags & DV_SEAL_STRICT) != 0;
  return so;
}

dv_status check_options(const dv_seal_options* o) {
  if (!o) return DV_OK;
  if (o->version < 1 || o->version > DV_SEAL_OPTIONS_VERSION)
    return fail(DV_E_VERSION, "seal options version " + std::to_string(o->version) + " is not known to this library");
  if ((o->flags & ~DV_SEAL_STRICT) != 0) return fail(DV_E_OUT_OF_RANGE, "unknown seal flags " + std::to_string(o->flags));
  const uint32_t all = (1u << DV_BARCODE_DATA_MATRIX) | (1u << DV_BARCODE_QR_CODE) | (1u << DV_BARCODE_PDF417) | (1u << DV_BARCODE_AZTEC);
  if ((o->symbologies & ~all) != 0) return fail(DV_E_OUT_OF_RANGE, "unknown symbology bits " + std::to_string(o->symbologies));
  if (o->max_symbols > 64) return fail(DV_E_OUT_OF_RANGE, "max_symbols must be at most 64");
  return DV_OK;
}

docverify::barcode::BarcodeReadOptions barcode_options_of(const dv_seal_options* o) {
  docverify::barcode::BarcodeReadOptions b;
  if (o && o->symbologies != 0) b.formats = o->symbologies;  // DV_BARCODE_* equal the engine's Symbology values
  if (o && o->max_symbols != 0) b.max_symbols = static_cast<int>(o->max_symbols);
  return b;
}

std::unique_ptr<dv_seal_list> list_of(std::vector<seal::SealResult> results, const seal::SealOptions& so, std::string source) {
  auto list = std::make_unique<dv_seal_list>();
  list->today = so.mrz.today;
  list->profile = so.mrz.profile;
  list->source = std::move(source);
  list->verdict = seal::seals_verdict(results, so.mrz.policy);
  for (auto& r : results) list->seals.push_back(docverify::capi::seal_handle(std::move(r), so.mrz));
  return list;
}

template <class Read>
dv_status read_with(dv_seal_list** out, dv_context* ctx, const dv_seal_options* options, const char* what, Read&& read) {
  return guard([&]() -> dv_status {
    if (!out) return fail(DV_E_INVALID_ARG, std::string(what) + ": out is NULL");
    *out = nullptr;
    if (!ctx) return fail(DV_E_INVALID_ARG, std::string(what) + ": ctx is NULL");
    if (const dv_status s = check_options(options); s != DV_OK) return s;
    const seal::SealOptions so = seal_options_of(*ctx, options);
    std::vector<seal::SealResult> results;
    std::string source;
    if (const dv_status s = read(so, results, source); s != DV_OK) return s;
    *out = list_of(std::move(results), so, std::move(source)).release();
    return DV_OK;
  });
}



}  // namespace

dv_seal::~dv_seal() {
  result.wipe();
  for (auto* v : {&field_values, &check_messages})
    for (auto& s : *v) docverify::capi::zeroise(s);
  docverify::capi::zeroise(signer);
  if (mrz) docverify::capi::zeroise(*mrz);
}

namespace docverify::capi {

std::unique_ptr<dv_seal> seal_handle(seal::SealResult result, const mrz::MrzOptions& options) {
  auto h = std::make_unique<dv_seal>();
  h->result = std::move(result);
  const seal::SealResult& r = h->result;
  if (r.mrz) {
    h->mrz = std::make_unique<dv_mrz_result>();
    h->mrz->result = *r.mrz;
    h->mrz->today = options.today;
    h->mrz->profile = options.profile;
    materialise(*h->mrz);
  }
  materialise_fields(*h);
  for (const auto& c : r.checks) {
    h->check_ids.emplace_back(c.id);
    h->check_diagnoses.emplace_back(c.diagnose == Diagnose::none ? std::string_view() : docverify::to_string(c.diagnose));
    h->check_messages.emplace_back(c.message.view());
  }
  h->algorithm = r.signature.algorithm;
  h->signer = r.signature.signer;
  h->message = r.signature.message;
  h->error = r.error;
  return h;
}

}  // namespace docverify::capi

namespace {
// Copy on write: contexts hold snapshots, so a store they share is never changed under them.
crypto::TrustStore& writable(dv_trust_store& h) {
  if (h.store.use_count() > 1) h.store = std::make_shared<crypto::TrustStore>(*h.store);
  return *h.store;
}
void keep_warnings(dv_trust_store& h, const crypto::TrustLoadReport& report) {
  for (const auto& w : report.warnings)
    if (h.warnings.size() < kMaxStoredWarnings) h.warnings.push_back(w);
}
}  // namespace

extern "C" {

DV_API dv_status dv_trust_store_new(dv_trust_store** out) {
  return guard([&]() -> dv_status {
    if (!out) return fail(DV_E_INVALID_ARG, "dv_trust_store_new: out is NULL");
    *out = nullptr;
    auto h = std::make_unique<dv_trust_store>();
    h->store = std::make_shared<crypto::TrustStore>();
    *out = h.release();
    return DV_OK;
  });
}

DV_API void dv_trust_store_free(dv_trust_store* store) { delete store; }


DV_API dv_status dv_trust_store_add_path(dv_trust_store* store, const char* path, size_t* out_added) {
  return guard([&]() -> dv_status {
    if (out_added) *out_added = 0;
    if (!store) return fail(DV_E_INVALID_ARG, "dv_trust_store_add_path: store is NULL");
    if (!path) return fail(DV_E_INVALID_ARG, "dv_trust_store_add_path: path is NULL");
    const std::lock_guard<std::mutex> lock(store->mutex);
    const crypto::TrustLoadReport report = writable(*store).add_path(path);
    keep_warnings(*store, report);
    if (out_added) *out_added = static_cast<size_t>(report.certificates);
    return DV_OK;
  });
}

DV_API dv_status dv_trust_store_add_bytes(dv_trust_store* store, const uint8_t* data, size_t size, const char* name,
                                          size_t* out_added) {
  return guard([&]() -> dv_status {
    if (out_added) *out_added = 0;
    if (!store) return fail(DV_E_INVALID_ARG, "dv_trust_store_add_bytes: store is NULL");
    if (!data && size > 0) return fail(DV_E_INVALID_ARG, "dv_trust_store_add_bytes: data is NULL");
    const std::lock_guard<std::mutex> lock(store->mutex);
    const crypto::TrustLoadReport report = writable(*store).add_bytes(data, size, name ? name : "bytes");
    keep_warnings(*store, report);
    if (out_added) *out_added = static_cast<size_t>(report.certificates);
    if (report.certificates == 0 && report.crls == 0)
      return fail(DV_E_UNUSABLE_INPUT, report.warnings.empty() ? std::string("no certificate or CRL in the bytes") : report.warnings.front());
    return DV_OK;
  });
}

DV_API size_t dv_trust_store_count(const dv_trust_store* store) {
  if (!store) return 0;
  const std::lock_guard<std::mutex> lock(store->mutex);
  return store->store ? store->store->size() : 0;
}

DV_API dv_status dv_trust_store_json_alloc(const dv_trust_store* store, char** out_json) {
  return guard([&]() -> dv_status {
    if (!store) return fail(DV_E_INVALID_ARG, "dv_trust_store_json_alloc: store is NULL");
    const std::lock_guard<std::mutex> lock(store->mutex);
    std::string out;
    docverify::report::JsonWriter w(out);
    w.begin_object();
    w.key("certificates").begin_array();
    for (const auto& c : store->store->certificates()) {
      w.begin_object();
      w.field("subject", c.subject).field("issuer", c.issuer).field("serial", c.serial_hex);
      w.field("not_before", docverify::format_iso_date(c.not_before)).field("not_after", docverify::format_iso_date(c.not_after));
      w.field("ca", c.is_ca).field("key", c.key_type + (c.key_curve.empty() ? "" : " " + c.key_curve));
      w.field("sha256", c.sha256_hex);
      w.end_object();
    }
    w.end_array();
    w.field("crls", static_cast<std::int64_t>(store->store->crl_count()));
    w.key("warnings").begin_array();
    for (const auto& s : store->warnings) w.value(s);
    w.end_array();
    w.end_object();
    out += '\n';
    return docverify::capi::copy_out(out, out_json);
  });
}

DV_API dv_status dv_context_set_trust_store(dv_context* ctx, const dv_trust_store* store) {
  return guard([&]() -> dv_status {
    if (!ctx) return fail(DV_E_INVALID_ARG, "dv_context_set_trust_store: ctx is NULL");
    if (store) {
      const std::lock_guard<std::mutex> lock(store->mutex);
      ctx->trust = store->store;  // the snapshot: later additions copy first
    } else {
      ctx->trust.reset();
    }
    return DV_OK;
  });
}

DV_API dv_status dv_seal_read_payload(dv_seal_list** out, dv_context* ctx, const uint8_t* data, size_t size,
                                      const dv_seal_options* options) {
  return read_with(out, ctx, options, "dv_seal_read_payload", [&](const seal::SealOptions& so, std::vector<seal::SealResult>& results,
                                                                  std::string& source) -> dv_status {
    if (!data && size > 0) return fail(DV_E_INVALID_ARG, "dv_seal_read_payload: data is NULL");
    results.push_back(seal::verify_seal(data, size, so));
    source = "payload";
    return DV_OK;
  });
}

DV_API dv_status dv_seal_read_image(dv_seal_list** out, dv_context* ctx, const dv_image_view* image, const dv_seal_options* options) {
  return read_with(out, ctx, options, "dv_seal_read_image", [&](const seal::SealOptions& so, std::vector<seal::SealResult>& results,
                                                                std::string& source) -> dv_status {
    if (const dv_status s = dv_image_view_check(image); s != DV_OK) return s;
    results = seal::read_page_seals(docverify::capi::mat_of(*image), so, barcode_options_of(options));
    source = "pixels";
    return DV_OK;
  });
}

DV_API dv_status dv_seal_read_encoded(dv_seal_list** out, dv_context* ctx, const dv_encoded_image* image,
                                      const dv_seal_options* options) {
  return read_with(out, ctx, options, "dv_seal_read_encoded", [&](const seal::SealOptions& so, std::vector<seal::SealResult>& results,
                                                                  std::string& source) -> dv_status {
    if (const dv_status s = dv_encoded_image_check(image, nullptr); s != DV_OK) return s;
    results = seal::read_page_seals(docverify::image::decode_image(image->data, image->size), so, barcode_options_of(options));
    source = "bytes";
    return DV_OK;
  });
}

DV_API dv_status dv_seal_read_file(dv_seal_list** out, dv_context* ctx, const char* path, const dv_seal_options* options) {
  return read_with(out, ctx, options, "dv_seal_read_file", [&](const seal::SealOptions& so, std::vector<seal::SealResult>& results,
                                                               std::string& source) -> dv_status {
    if (!path) return fail(DV_E_INVALID_ARG, "dv_seal_read_file: path is NULL");
    results = seal::read_page_seals(docverify::image::decode_image_file(path), so, barcode_options_of(options));
    source = path;
    return DV_OK;
  });
}

DV_API void dv_seal_list_free(dv_seal_list* list) { delete list; }
DV_API size_t dv_seal_list_count(const dv_seal_list* list) { return list ? list->seals.size() : 0; }
DV_API const dv_seal* dv_seal_list_at(const dv_seal_list* list, size_t index) {
  return list && index < list->seals.size() ? list->seals[index].get() : nullptr;
}
DV_API int32_t dv_seal_list_verdict(const dv_seal_list* list) {
  return list ? static_cast<int32_t>(list->verdict.status) : DV_VERDICT_NOT_DONE;
}

DV_API dv_status dv_seal_list_json_alloc(const dv_seal_list* list, char** out_json) {
  return guard([&]() -> dv_status {
    if (!list) return fail(DV_E_INVALID_ARG, "dv_seal_list_json_alloc: list is NULL");
    std::vector<seal::SealResult> results;  // the report writer takes results; copies are wiped below
    for (const auto& s : list->seals) results.push_back(s->result);
    std::string json = docverify::report::seal_report_json(results, list->verdict, {list->today, list->profile}, list->source);
    for (auto& r : results) r.wipe();
    const dv_status s = docverify::capi::copy_out(json, out_json);
    docverify::capi::zeroise(json);
    return s;
  });
}

DV_API dv_seal_kind dv_seal_get_kind(const dv_seal* s) { return s ? static_cast<dv_seal_kind>(s->result.kind) : -1; }

DV_API dv_barcode_symbology dv_seal_symbology(const dv_seal* s) {
  if (!s) return -1;
  const std::string& n = s->result.position.symbology;
  if (n == "data_matrix") return DV_BARCODE_DATA_MATRIX;
  if (n == "qr_code") return DV_BARCODE_QR_CODE;
  if (n == "pdf417") return DV_BARCODE_PDF417;
  if (n == "aztec") return DV_BARCODE_AZTEC;
  return DV_BARCODE_NONE;
}

DV_API dv_status dv_seal_corners(const dv_seal* s, double out_xy[8]) {
  return guard([&]() -> dv_status {
    if (!s || !out_xy) return fail(DV_E_INVALID_ARG, "dv_seal_corners: NULL argument");
    if (!s->result.position.on_image) return fail(DV_E_UNUSABLE_INPUT, "the seal was read from bytes: it has no position");
    for (int i = 0; i < 4; ++i) {
      out_xy[2 * i] = s->result.position.corners[static_cast<std::size_t>(i)][0];
      out_xy[2 * i + 1] = s->result.position.corners[static_cast<std::size_t>(i)][1];
    }
    return DV_OK;
  });
}

DV_API const uint8_t* dv_seal_payload(const dv_seal* s, size_t* out_size) {
  if (out_size) *out_size = s ? s->result.payload.size() : 0;
  return s && !s->result.payload.empty() ? s->result.payload.data() : nullptr;
}
DV_API bool dv_seal_malformed(const dv_seal* s) { return s && s->result.malformed; }
DV_API const char* dv_seal_error(const dv_seal* s) { return s ? s->error.c_str() : ""; }
DV_API int32_t dv_seal_signature_status(const dv_seal* s) { return s ? static_cast<int32_t>(s->result.signature.status) : -1; }
DV_API int32_t dv_seal_chain_status(const dv_seal* s) { return s ? static_cast<int32_t>(s->result.signature.chain) : -1; }
DV_API const char* dv_seal_signer(const dv_seal* s) { return s ? s->signer.c_str() : ""; }
DV_API const char* dv_seal_signature_algorithm(const dv_seal* s) { return s ? s->algorithm.c_str() : ""; }
DV_API const char* dv_seal_signature_message(const dv_seal* s) { return s ? s->message.c_str() : ""; }
DV_API const dv_mrz_result* dv_seal_mrz(const dv_seal* s) { return s ? s->mrz.get() : nullptr; }
DV_API size_t dv_seal_field_count(const dv_seal* s) { return s ? s->field_names.size() : 0; }

DV_API dv_status dv_seal_field(const dv_seal* s, size_t index, const char** out_name, const char** out_value) {
  return guard([&]() -> dv_status {
    if (!s) return fail(DV_E_INVALID_ARG, "dv_seal_field: seal is NULL");
    if (index >= s->field_names.size()) return fail(DV_E_OUT_OF_RANGE, "dv_seal_field: index out of range");
    if (out_name) *out_name = s->field_names[index].c_str();
    if (out_value) *out_value = s->field_values[index].c_str();
    return DV_OK;
  });
}

DV_API size_t dv_seal_check_count(const dv_seal* s) { return s ? s->check_ids.size() : 0; }
DV_API const char* dv_seal_check_id(const dv_seal* s, size_t i) { return s ? at(s->check_ids, i) : nullptr; }
DV_API int32_t dv_seal_check_status(const dv_seal* s, size_t i) {
  return s && i < s->result.checks.size() ? static_cast<int32_t>(s->result.checks[i].status) : -1;
}
DV_API bool dv_seal_check_critical(const dv_seal* s, size_t i) { return s && i < s->result.checks.size() && s->result.checks[i].critical; }
DV_API const char* dv_seal_check_diagnose(const dv_seal* s, size_t i) { return s ? at(s->check_diagnoses, i) : nullptr; }
DV_API const char* dv_seal_check_message(const dv_seal* s, size_t i) { return s ? at(s->check_messages, i) : nullptr; }
DV_API int32_t dv_seal_verdict(const dv_seal* s) { return s ? static_cast<int32_t>(s->result.verdict.status) : -1; }

DV_API dv_status dv_seal_json_alloc(const dv_seal* s, char** out_json) {
  return guard([&]() -> dv_status {
    if (!s) return fail(DV_E_INVALID_ARG, "dv_seal_json_alloc: seal is NULL");
    std::string json;
    docverify::report::JsonWriter w(json);
    docverify::report::write_seal(w, s->result);
    json += '\n';
    const dv_status st = docverify::capi::copy_out(json, out_json);
    docverify::capi::zeroise(json);
    return st;
  });
}

}  // extern "C"
