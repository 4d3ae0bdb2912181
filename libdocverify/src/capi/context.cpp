// C API: versions, status text, errors, memory, contexts and their parameters.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/secure_zero.hpp"
#include "calendar/date.hpp"
#include "version.hpp"

namespace docverify::capi {

namespace {
thread_local std::string t_last_error;
}

void set_last_error(const char* prefix, const char* detail) noexcept {
  if (!t_last_error.empty()) secure_zero(&t_last_error[0], t_last_error.size());
  try {
    t_last_error.assign(prefix ? prefix : "");
    t_last_error.append(detail ? detail : "");
  } catch (...) {
    t_last_error.clear();  // out of memory while reporting: an empty text is still valid
  }
}
void clear_last_error() noexcept {
  if (!t_last_error.empty()) secure_zero(&t_last_error[0], t_last_error.size());
  t_last_error.clear();
}
const char* last_error_c_str() noexcept { return t_last_error.c_str(); }

}  // namespace docverify::capi

namespace {

struct ParamBounds {
  dv_param param;
  const char* name;
  double min, max, default_value;
  bool integer;
};

// One row per parameter; the C API's bounds query reads the same table the setter checks.
constexpr ParamBounds kParams[] = {
    {DV_PARAM_PROFILE, "DV_PARAM_PROFILE", 0, 2, DV_PROFILE_KIOSK, true},
    {DV_PARAM_REFERENCE_DATE, "DV_PARAM_REFERENCE_DATE", 0, 99991231, 0, true},
    {DV_PARAM_MRZ_CORRECTION, "DV_PARAM_MRZ_CORRECTION", 0, 1, 1, true},
    {DV_PARAM_MRZ_MAX_SUBSTITUTIONS, "DV_PARAM_MRZ_MAX_SUBSTITUTIONS", 0, 4, 2, true},
    {DV_PARAM_MRZ_AMBIGUITY_MARGIN, "DV_PARAM_MRZ_AMBIGUITY_MARGIN", 0, 10, 1, false},
    {DV_PARAM_VERDICT_MIN_WARNINGS, "DV_PARAM_VERDICT_MIN_WARNINGS", 0, 100, 1, true},
};

const ParamBounds* bounds_of(dv_param p) {
  for (const auto& b : kParams)
    if (b.param == p) return &b;
  return nullptr;
}

}  // namespace

using docverify::capi::fail;
using docverify::capi::guard;

static_assert(DV_VERSION_MAJOR == docverify::kVersionMajor && DV_VERSION_MINOR == docverify::kVersionMinor &&
                  DV_VERSION_PATCH == docverify::kVersionPatch,
              "docverify.h version macros must match the project version in CMakeLists.txt");

extern "C" {

DV_API const char* dv_version_string(void) { return DV_VERSION_STRING; }
DV_API uint32_t dv_version_number(void) { return DV_VERSION_NUMBER; }
DV_API uint32_t dv_abi_version(void) { return DV_ABI_VERSION; }

DV_API const char* dv_status_str(dv_status status) {
  switch (status) {
    case DV_OK: return "ok";
    case DV_E_INVALID_ARG: return "invalid argument";
    case DV_E_NOMEM: return "out of memory";
    case DV_E_INTERNAL: return "internal error";
    case DV_E_BUFFER_TOO_SMALL: return "buffer too small";
    case DV_E_VERSION: return "unsupported struct version";
    case DV_E_UNUSABLE_INPUT: return "unusable input";
    case DV_E_OUT_OF_RANGE: return "out of range";
    case DV_E_UTF8: return "invalid UTF-8";
    case DV_E_IO: return "input/output error";
    case DV_E_IMAGE: return "invalid image";
    case DV_E_UNSUPPORTED: return "unsupported";
    default: return "unknown status";
  }
}

DV_API const char* dv_last_error_message(void) { return docverify::capi::last_error_c_str(); }

DV_API void dv_free(void* memory) { std::free(memory); }

DV_API dv_status dv_context_new(dv_context** out, const dv_context_options* opts) {
  return guard([&]() -> dv_status {
    if (!out) return fail(DV_E_INVALID_ARG, "dv_context_new: out is NULL");
    *out = nullptr;
    dv_context_options o = DV_CONTEXT_OPTIONS_INIT;
    if (opts) {
      if (opts->version < 1 || opts->version > DV_CONTEXT_OPTIONS_VERSION)
        return fail(DV_E_VERSION, "dv_context_new: options version " + std::to_string(opts->version) +
                                      " is not known to this library (it knows 1 to " +
                                      std::to_string(DV_CONTEXT_OPTIONS_VERSION) + ")");
      o = *opts;
    }
    auto ctx = std::make_unique<dv_context>();
    dv_status s = dv_context_set_param(ctx.get(), DV_PARAM_PROFILE, o.profile);
    if (s == DV_OK) s = dv_context_set_param(ctx.get(), DV_PARAM_REFERENCE_DATE, o.reference_date);
    if (s != DV_OK) return s;
    *out = ctx.release();
    return DV_OK;
  });
}

DV_API void dv_context_free(dv_context* ctx) { delete ctx; }

DV_API dv_status dv_param_bounds(dv_param param, double* out_min, double* out_max, double* out_default) {
  return guard([&]() -> dv_status {
    if (out_min) *out_min = 0;
    if (out_max) *out_max = 0;
    if (out_default) *out_default = 0;
    const ParamBounds* b = bounds_of(param);
    if (!b) return fail(DV_E_OUT_OF_RANGE, "unknown parameter " + std::to_string(param));
    if (out_min) *out_min = b->min;
    if (out_max) *out_max = b->max;
    if (out_default) *out_default = b->default_value;
    return DV_OK;
  });
}

DV_API dv_status dv_context_set_param(dv_context* ctx, dv_param param, double value) {
  return guard([&]() -> dv_status {
    if (!ctx) return fail(DV_E_INVALID_ARG, "dv_context_set_param: ctx is NULL");
    const ParamBounds* b = bounds_of(param);
    if (!b) return fail(DV_E_OUT_OF_RANGE, "unknown parameter " + std::to_string(param));
    if (!(value >= b->min && value <= b->max))  // also refuses NaN
      return fail(DV_E_OUT_OF_RANGE, std::string(b->name) + " must be within " + std::to_string(b->min) + " and " +
                                         std::to_string(b->max));
    if (b->integer && value != std::floor(value))
      return fail(DV_E_OUT_OF_RANGE, std::string(b->name) + " takes whole numbers");
    switch (param) {
      case DV_PARAM_PROFILE: ctx->profile = static_cast<docverify::Profile>(static_cast<int>(value)); break;
      case DV_PARAM_REFERENCE_DATE: {
        const int d = static_cast<int>(value);
        if (d != 0 && !docverify::is_valid_date(d / 10000, d / 100 % 100, d % 100))
          return fail(DV_E_OUT_OF_RANGE, "reference date " + std::to_string(d) + " is not a calendar date YYYYMMDD");
        ctx->reference_date = d;
        break;
      }
      case DV_PARAM_MRZ_CORRECTION: ctx->correct = value != 0.0; break;
      case DV_PARAM_MRZ_MAX_SUBSTITUTIONS: ctx->max_substitutions = static_cast<int>(value); break;
      case DV_PARAM_MRZ_AMBIGUITY_MARGIN: ctx->ambiguity_margin = value; break;
      case DV_PARAM_VERDICT_MIN_WARNINGS: ctx->policy.warnings_for_suspect = static_cast<int>(value); break;
      default: return fail(DV_E_OUT_OF_RANGE, "unknown parameter");
    }
    return DV_OK;
  });
}

DV_API dv_status dv_context_get_param(const dv_context* ctx, dv_param param, double* out_value) {
  return guard([&]() -> dv_status {
    if (out_value) *out_value = 0;
    if (!ctx || !out_value) return fail(DV_E_INVALID_ARG, "dv_context_get_param: ctx or out_value is NULL");
    switch (param) {
      case DV_PARAM_PROFILE: *out_value = static_cast<double>(ctx->profile); break;
      case DV_PARAM_REFERENCE_DATE: *out_value = ctx->reference_date; break;
      case DV_PARAM_MRZ_CORRECTION: *out_value = ctx->correct ? 1.0 : 0.0; break;
      case DV_PARAM_MRZ_MAX_SUBSTITUTIONS: *out_value = ctx->max_substitutions; break;
      case DV_PARAM_MRZ_AMBIGUITY_MARGIN: *out_value = ctx->ambiguity_margin; break;
      case DV_PARAM_VERDICT_MIN_WARNINGS: *out_value = ctx->policy.warnings_for_suspect; break;
      default: return fail(DV_E_OUT_OF_RANGE, "unknown parameter " + std::to_string(param));
    }
    return DV_OK;
  });
}

DV_API dv_status dv_context_set_check_policy(dv_context* ctx, const char* check_id, int32_t weight, int32_t required) {
  return guard([&]() -> dv_status {
    if (!ctx || !check_id) return fail(DV_E_INVALID_ARG, "dv_context_set_check_policy: ctx or check_id is NULL");
    const std::string_view id(check_id, strnlen(check_id, 65));
    if (!docverify::valid_check_pattern(id))
      return fail(DV_E_INVALID_ARG, "check id '" + std::string(id) + "' is not an id, 'family.*' or '*' (lower case, at most 64 characters)");
    if (weight < DV_WEIGHT_AS_REPORTED || weight > DV_WEIGHT_UNCHANGED) return fail(DV_E_OUT_OF_RANGE, "unknown weight " + std::to_string(weight));
    if (required < -1 || required > 1) return fail(DV_E_OUT_OF_RANGE, "required must be -1, 0 or 1");
    if (ctx->policy.rules.size() >= docverify::VerdictPolicy::kMaxRules) return fail(DV_E_OUT_OF_RANGE, "at most 64 check policies");
    ctx->policy.rules.push_back({std::string(id), static_cast<docverify::CheckWeight>(weight), required});
    return DV_OK;
  });
}

DV_API dv_status dv_context_clear_check_policies(dv_context* ctx) {
  return guard([&]() -> dv_status {
    if (!ctx) return fail(DV_E_INVALID_ARG, "dv_context_clear_check_policies: ctx is NULL");
    ctx->policy.rules.clear();
    return DV_OK;
  });
}

}  // extern "C"
