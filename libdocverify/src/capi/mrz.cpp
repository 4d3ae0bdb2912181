// C API: MRZ parsing and the result accessors.
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string_view>

#include "capi/firewall.hpp"
#include "capi/formats.hpp"
#include "capi/handles.hpp"
#include "capi/secure_zero.hpp"
#include "mrz/builder.hpp"
#include "mrz/parser.hpp"
#include "report/mrz_report.hpp"

using docverify::capi::fail;
using docverify::capi::guard;
namespace mrz = docverify::mrz;

namespace docverify::capi {

docverify::Date reference_date_of(const dv_context& ctx) {
  if (ctx.reference_date == 0) return docverify::today_utc();
  return docverify::Date{ctx.reference_date / 10000, ctx.reference_date / 100 % 100, ctx.reference_date % 100};
}


// Strings handed out by accessors are made once, NUL-terminated, owned by the handle.
void materialise(dv_mrz_result& h) {
  const mrz::MrzResult& r = h.result;
  for (int i = 0; i < r.lines.count(); ++i) h.lines.emplace_back(r.lines.line(i));
  h.format_name = std::string(mrz::format_name(r.format));
  const mrz::MrzFields& f = r.fields;
  h.fields[DV_FIELD_DOCUMENT_CODE - 1] = f.document_code;
  h.fields[DV_FIELD_ISSUING_STATE - 1] = f.issuing_state;
  h.fields[DV_FIELD_DOCUMENT_NUMBER - 1] = f.document_number;
  h.fields[DV_FIELD_NATIONALITY - 1] = f.nationality;
  h.fields[DV_FIELD_BIRTH_DATE - 1] = f.birth_date.iso();
  h.fields[DV_FIELD_SEX - 1] = f.sex ? std::string(1, f.sex) : std::string();
  h.fields[DV_FIELD_EXPIRY_DATE - 1] = f.expiry_date.iso();
  h.fields[DV_FIELD_SURNAME - 1] = f.surname;
  h.fields[DV_FIELD_GIVEN_NAMES - 1] = f.given_names;
  h.fields[DV_FIELD_OPTIONAL_DATA - 1] = f.optional_data;
  h.fields[DV_FIELD_OPTIONAL_DATA_2 - 1] = f.optional_data_2;
  for (bool& present : h.field_present) present = true;
  h.field_present[DV_FIELD_BIRTH_DATE - 1] = !h.fields[DV_FIELD_BIRTH_DATE - 1].empty();
  h.field_present[DV_FIELD_EXPIRY_DATE - 1] = !h.fields[DV_FIELD_EXPIRY_DATE - 1].empty();
  h.field_present[DV_FIELD_SEX - 1] = f.sex != '\0';
  for (const auto& c : r.checks) {
    h.check_ids.emplace_back(c.id);
    h.check_groups.emplace_back(docverify::to_string(c.group));
    h.check_diagnoses.emplace_back(docverify::to_string(c.diagnose));
    h.check_messages.emplace_back(c.message.view());
    h.check_units.emplace_back(c.unit);
  }
  for (std::uint8_t i = 0; i < r.check_digit_count; ++i)
    h.check_digit_fields.emplace_back(mrz::checked_field_name(r.check_digits[i].field));
}

dv_status copy_out(const std::string& text, char** out) {
  if (!out) return fail(DV_E_INVALID_ARG, "the out pointer is NULL");
  *out = nullptr;
  char* p = static_cast<char*>(std::malloc(text.size() + 1));  // released by dv_free
  if (!p) return fail(DV_E_NOMEM, "out of memory");
  std::memcpy(p, text.data(), text.size() + 1);
  *out = p;
  return DV_OK;
}

mrz::MrzOptions mrz_options_of(const dv_context& ctx) {
  mrz::MrzOptions o;
  o.today = reference_date_of(ctx);
  o.profile = ctx.profile;
  o.correct = ctx.correct;
  o.max_substitutions = ctx.max_substitutions;
  o.policy = ctx.policy;
  o.ambiguity_margin = ctx.ambiguity_margin;
  return o;
}

}  // namespace docverify::capi

namespace {
const char* at(const std::vector<std::string>& v, size_t i) { return i < v.size() ? v[i].c_str() : nullptr; }
}  // namespace
using docverify::capi::copy_out;
using docverify::capi::materialise;

const std::string& dv_mrz_result::json_report() const {
  std::call_once(json_once, [this] { json = docverify::report::mrz_report_json(result, {today, profile}); });
  return json;
}

extern "C" {

DV_API dv_status dv_mrz_parse(dv_mrz_result** out, dv_context* ctx, const char* text, size_t length) {
  return guard([&]() -> dv_status {
    if (!out) return fail(DV_E_INVALID_ARG, "dv_mrz_parse: out is NULL");
    *out = nullptr;
    if (!ctx) return fail(DV_E_INVALID_ARG, "dv_mrz_parse: ctx is NULL");
    if (!text && length > 0) return fail(DV_E_INVALID_ARG, "dv_mrz_parse: text is NULL");
    const mrz::MrzOptions o = docverify::capi::mrz_options_of(*ctx);
    auto handle = std::make_unique<dv_mrz_result>();
    {
      mrz::MrzResult parsed = mrz::parse_mrz(std::string_view(text ? text : "", length), o);
      handle->result = std::move(parsed);
      docverify::capi::zeroise(parsed);  // what the move left behind (inline buffers, arrays)
    }
    handle->today = o.today;
    handle->profile = o.profile;
    materialise(*handle);
    *out = handle.release();
    return DV_OK;
  });
}

DV_API void dv_mrz_result_free(dv_mrz_result* result) {
  if (!result) return;
  docverify::capi::zeroise(*result);
  delete result;
}

DV_API dv_mrz_format dv_mrz_result_format(const dv_mrz_result* r) { return r ? docverify::capi::format_code(r->result.format) : DV_MRZ_UNKNOWN; }
DV_API const char* dv_mrz_result_format_name(const dv_mrz_result* r) { return r ? r->format_name.c_str() : nullptr; }
DV_API bool dv_mrz_result_valid(const dv_mrz_result* r) { return r && r->result.valid; }
DV_API bool dv_mrz_result_failed(const dv_mrz_result* r) { return !r || r->result.some_check_failed(); }
DV_API size_t dv_mrz_result_line_count(const dv_mrz_result* r) { return r ? r->lines.size() : 0; }
DV_API const char* dv_mrz_result_line(const dv_mrz_result* r, size_t i) { return r ? at(r->lines, i) : nullptr; }

DV_API const char* dv_mrz_result_field(const dv_mrz_result* r, dv_mrz_field field) {
  if (!r || field < 1 || field > 11 || !r->field_present[field - 1]) return nullptr;
  return r->fields[field - 1].c_str();
}

DV_API bool dv_mrz_result_field_uncovered(const dv_mrz_result* r, dv_mrz_field field) {
  if (!r || field < 1 || field > 11) return false;
  return r->result.is_uncovered(static_cast<mrz::FieldId>(field - 1));
}

DV_API size_t dv_mrz_result_check_digit_count(const dv_mrz_result* r) { return r ? r->check_digit_fields.size() : 0; }
DV_API const char* dv_mrz_result_check_digit_field(const dv_mrz_result* r, size_t i) {
  return r ? at(r->check_digit_fields, i) : nullptr;
}
DV_API int32_t dv_mrz_result_check_digit_status(const dv_mrz_result* r, size_t i) {
  if (!r || i >= r->result.check_digit_count) return -1;
  switch (r->result.check_digits[i].status) {
    case mrz::CheckDigitStatus::ok: return DV_DIGIT_OK;
    case mrz::CheckDigitStatus::absent: return DV_DIGIT_ABSENT;
    case mrz::CheckDigitStatus::fail: break;
  }
  return DV_DIGIT_FAIL;
}

DV_API size_t dv_mrz_result_correction_count(const dv_mrz_result* r) { return r ? r->result.corrections.size() : 0; }
DV_API dv_status dv_mrz_result_correction(const dv_mrz_result* r, size_t i, uint32_t* line, uint32_t* column,
                                          char* from, char* to) {
  return guard([&]() -> dv_status {
    if (line) *line = 0;
    if (column) *column = 0;
    if (from) *from = '\0';
    if (to) *to = '\0';
    if (!r) return fail(DV_E_INVALID_ARG, "dv_mrz_result_correction: result is NULL");
    if (i >= r->result.corrections.size()) return fail(DV_E_OUT_OF_RANGE, "no correction " + std::to_string(i));
    const mrz::Correction& c = r->result.corrections[i];
    if (line) *line = c.line + 1U;
    if (column) *column = c.column + 1U;
    if (from) *from = c.from;
    if (to) *to = c.to;
    return DV_OK;
  });
}

DV_API size_t dv_mrz_result_check_count(const dv_mrz_result* r) { return r ? r->check_ids.size() : 0; }
DV_API const char* dv_mrz_result_check_id(const dv_mrz_result* r, size_t i) { return r ? at(r->check_ids, i) : nullptr; }
DV_API const char* dv_mrz_result_check_group(const dv_mrz_result* r, size_t i) { return r ? at(r->check_groups, i) : nullptr; }
DV_API int32_t dv_mrz_result_check_status(const dv_mrz_result* r, size_t i) {
  if (!r || i >= r->result.checks.size()) return -1;
  return static_cast<int32_t>(r->result.checks[i].status);  // same values as DV_CHECK_*
}
DV_API bool dv_mrz_result_check_critical(const dv_mrz_result* r, size_t i) {
  return r && i < r->result.checks.size() && r->result.checks[i].critical;
}
DV_API const char* dv_mrz_result_check_diagnose(const dv_mrz_result* r, size_t i) {
  return r ? at(r->check_diagnoses, i) : nullptr;
}
DV_API const char* dv_mrz_result_check_message(const dv_mrz_result* r, size_t i) {
  return r ? at(r->check_messages, i) : nullptr;
}

DV_API double dv_mrz_result_check_measured(const dv_mrz_result* r, size_t i) {
  return r && i < r->result.checks.size() ? r->result.checks[i].measured : std::numeric_limits<double>::quiet_NaN();
}
DV_API double dv_mrz_result_check_threshold(const dv_mrz_result* r, size_t i) {
  return r && i < r->result.checks.size() ? r->result.checks[i].threshold : std::numeric_limits<double>::quiet_NaN();
}
DV_API const char* dv_mrz_result_check_unit(const dv_mrz_result* r, size_t i) {
  const char* unit = r ? at(r->check_units, i) : nullptr;
  return unit ? unit : "";
}
DV_API size_t dv_mrz_result_check_region_count(const dv_mrz_result* r, size_t i) {
  return r && i < r->result.checks.size() ? r->result.checks[i].regions.size() : 0;
}
DV_API dv_status dv_mrz_result_check_region(const dv_mrz_result* r, size_t i, size_t region, int32_t out_xywh[4]) {
  return guard([&]() -> dv_status {
    if (out_xywh) out_xywh[0] = out_xywh[1] = out_xywh[2] = out_xywh[3] = 0;
    if (!r || !out_xywh) return fail(DV_E_INVALID_ARG, "dv_mrz_result_check_region: result or out_xywh is NULL");
    if (i >= r->result.checks.size()) return fail(DV_E_OUT_OF_RANGE, "no check " + std::to_string(i));
    const auto& regions = r->result.checks[i].regions;
    if (region >= regions.size()) return fail(DV_E_OUT_OF_RANGE, "check " + std::to_string(i) + " has no region " + std::to_string(region));
    const docverify::CheckRegion& g = regions[region];
    out_xywh[0] = g.x, out_xywh[1] = g.y, out_xywh[2] = g.width, out_xywh[3] = g.height;
    return DV_OK;
  });
}

DV_API int32_t dv_mrz_result_verdict(const dv_mrz_result* r) {
  return r ? static_cast<int32_t>(r->result.verdict.status) : DV_VERDICT_NOT_DONE;  // same values as DV_VERDICT_*
}
DV_API bool dv_mrz_result_specimen(const dv_mrz_result* r) { return r && r->result.verdict.specimen; }
DV_API bool dv_mrz_result_incomplete(const dv_mrz_result* r) { return r && r->result.verdict.incomplete; }
DV_API size_t dv_mrz_result_reason_count(const dv_mrz_result* r) { return r ? r->result.verdict.reasons.size() : 0; }
DV_API const char* dv_mrz_result_reason(const dv_mrz_result* r, size_t i) {
  return r ? at(r->result.verdict.reasons, i) : nullptr;
}

DV_API dv_status dv_mrz_result_json(const dv_mrz_result* r, char* buffer, size_t capacity, size_t* needed) {
  return guard([&]() -> dv_status {
    if (needed) *needed = 0;
    if (!r) return fail(DV_E_INVALID_ARG, "dv_mrz_result_json: result is NULL");
    const std::string& json = r->json_report();
    const size_t size = json.size() + 1;
    if (needed) *needed = size;
    if (!buffer || capacity < size)
      return fail(DV_E_BUFFER_TOO_SMALL, "the JSON report needs " + std::to_string(size) + " bytes");
    std::memcpy(buffer, json.c_str(), size);
    return DV_OK;
  });
}

DV_API dv_status dv_mrz_result_json_alloc(const dv_mrz_result* r, char** out) {
  return guard([&]() -> dv_status {
    if (!r) {
      if (out) *out = nullptr;
      return fail(DV_E_INVALID_ARG, "dv_mrz_result_json_alloc: result is NULL");
    }
    return copy_out(r->json_report(), out);
  });
}

DV_API dv_status dv_mrz_result_text_alloc(const dv_mrz_result* r, char** out) {
  return guard([&]() -> dv_status {
    if (!r) {
      if (out) *out = nullptr;
      return fail(DV_E_INVALID_ARG, "dv_mrz_result_text_alloc: result is NULL");
    }
    std::string text = docverify::report::mrz_report_text(r->result, {r->today, r->profile});
    const dv_status s = copy_out(text, out);
    docverify::capi::zeroise(text);
    return s;
  });
}

DV_API dv_status dv_mrz_build(const dv_mrz_fields* fields, char** out_text, bool* out_name_truncated) {
  return guard([&]() -> dv_status {
    if (out_text) *out_text = nullptr;
    if (out_name_truncated) *out_name_truncated = false;
    if (!fields || !out_text) return fail(DV_E_INVALID_ARG, "dv_mrz_build: fields or out_text is NULL");
    if (fields->version < 1 || fields->version > DV_MRZ_FIELDS_VERSION)
      return fail(DV_E_VERSION, "dv_mrz_fields version " + std::to_string(fields->version) + " is not known to this library");
    mrz::MrzFieldsInput in;
    if (!docverify::capi::format_of(fields->format, in.format))
      return fail(DV_E_INVALID_ARG, "unknown MRZ format " + std::to_string(fields->format));
    auto str = [](const char* p) { return p ? std::string(p) : std::string(); };
    in.document_code = str(fields->document_code);
    in.issuing_state = str(fields->issuing_state);
    in.document_number = str(fields->document_number);
    in.nationality = str(fields->nationality);
    in.birth_date = str(fields->birth_date);
    in.sex = fields->sex;
    in.expiry_date = str(fields->expiry_date);
    in.surname = str(fields->surname);
    in.given_names = str(fields->given_names);
    in.optional_data = str(fields->optional_data);
    in.optional_data_2 = str(fields->optional_data_2);
    const mrz::BuiltMrz built = mrz::build_mrz(in);  // invalid_argument names the field
    std::string text;
    for (const auto& l : built.lines) text += l + "\n";
    const dv_status s = copy_out(text, out_text);
    if (s == DV_OK && out_name_truncated) *out_name_truncated = built.name_truncated;
    docverify::capi::zeroise(text);
    return s;
  });
}

}  // extern "C"
