#include "checks/check.hpp"

namespace docverify {

void CheckMessage::wipe() noexcept {
  if (!owned_) return;
  std::string& s = *owned_;
  s.resize(s.capacity());
  volatile char* p = &s[0];
  for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
  s.clear();
}

std::string_view to_string(CheckStatus s) noexcept {
  switch (s) {
    case CheckStatus::ok: return "ok";
    case CheckStatus::warning: return "warning";
    case CheckStatus::error: return "error";
    case CheckStatus::not_done: break;
  }
  return "not_done";
}

std::string_view to_string(CheckGroup g) noexcept {
  switch (g) {
    case CheckGroup::image_quality: return "image_quality";
    case CheckGroup::doc_type: return "doc_type";
    case CheckGroup::mrz: return "mrz";
    case CheckGroup::text: return "text";
    case CheckGroup::security: return "security";
    case CheckGroup::liveness: return "liveness";
    case CheckGroup::expiry: return "expiry";
    case CheckGroup::portrait: return "portrait";
  }
  return "unknown";
}

std::string_view to_string(Diagnose d) noexcept {
  switch (d) {
    case Diagnose::none: return "";
    case Diagnose::invalid_input: return "INVALID_INPUT";
    case Diagnose::internal_error: return "INTERNAL_ERROR";
    case Diagnose::uncertain: return "UNCERTAIN";
    case Diagnose::required_image_missing: return "REQUIRED_IMAGE_MISSING";
    case Diagnose::resolution_too_low: return "RESOLUTION_TOO_LOW";
    case Diagnose::quality_gate_failed: return "QUALITY_GATE_FAILED";
    case Diagnose::doc_type_unknown: return "DOC_TYPE_UNKNOWN";
    case Diagnose::template_missing: return "TEMPLATE_MISSING";
    case Diagnose::not_available: return "NOT_AVAILABLE";
    case Diagnose::checksum_invalid: return "CHECKSUM_INVALID";
    case Diagnose::syntax: return "SYNTAX";
    case Diagnose::logic: return "LOGIC";
    case Diagnose::field_format: return "FIELD_FORMAT";
    case Diagnose::source_mismatch: return "SOURCE_MISMATCH";
    case Diagnose::crosscheck_aggregate: return "CROSSCHECK_AGGREGATE";
    case Diagnose::century_ambiguous: return "CENTURY_AMBIGUOUS";
    case Diagnose::code_unknown: return "CODE_UNKNOWN";
    case Diagnose::code_deprecated: return "CODE_DEPRECATED";
    case Diagnose::code_role: return "CODE_ROLE";
    case Diagnose::validity_period: return "VALIDITY_PERIOD";
    case Diagnose::specimen: return "SPECIMEN";
    case Diagnose::expired: return "EXPIRED";
    case Diagnose::not_in_mrz: return "NOT_IN_MRZ";
    case Diagnose::symbol_position: return "SYMBOL_POSITION";
    case Diagnose::background: return "BACKGROUND";
    case Diagnose::mrz_width: return "MRZ_WIDTH";
    case Diagnose::mrz_height: return "MRZ_HEIGHT";
    case Diagnose::line_position: return "LINE_POSITION";
    case Diagnose::font: return "FONT";
    case Diagnose::pitch: return "PITCH";
    case Diagnose::baseline: return "BASELINE";
    case Diagnose::skew: return "SKEW";
    case Diagnose::stroke: return "STROKE";
    case Diagnose::text_position: return "TEXT_POSITION";
    case Diagnose::font_inconsistent: return "FONT_INCONSISTENT";
    case Diagnose::background_inconsistent: return "BACKGROUND_INCONSISTENT";
    case Diagnose::ir_low_contrast: return "IR_LOW_CONTRAST";
    case Diagnose::ir_visibility: return "IR_VISIBILITY";
    case Diagnose::uv_dull_fail_mrz: return "UV_DULL_FAIL_MRZ";
    case Diagnose::uv_dull_fail_photo: return "UV_DULL_FAIL_PHOTO";
    case Diagnose::uv_dull_fail_blank: return "UV_DULL_FAIL_BLANK";
    case Diagnose::false_luminescence: return "FALSE_LUMINESCENCE";
    case Diagnose::uv_feature_absent: return "UV_FEATURE_ABSENT";
    case Diagnose::white_uv_identical: return "WHITE_UV_IDENTICAL";
    case Diagnose::images_not_registered: return "IMAGES_NOT_REGISTERED";
    case Diagnose::white_ir_identical: return "WHITE_IR_IDENTICAL";
    case Diagnose::screen_detected: return "SCREEN_DETECTED";
    case Diagnose::grey_copy_detected: return "GREY_COPY_DETECTED";
    case Diagnose::colour_copy_suspected: return "COLOUR_COPY_SUSPECTED";
    case Diagnose::not_live: return "NOT_LIVE";
    case Diagnose::tamper_local: return "TAMPER_LOCAL";
    case Diagnose::copy_move: return "COPY_MOVE";
    case Diagnose::photo_area: return "PHOTO_AREA";
    case Diagnose::photo_substitution_suspected: return "PHOTO_SUBSTITUTION_SUSPECTED";
    case Diagnose::signature_invalid: return "SIGNATURE_INVALID";
    case Diagnose::signer_unknown: return "SIGNER_UNKNOWN";
    case Diagnose::chain_invalid: return "CHAIN_INVALID";
    case Diagnose::signer_expired: return "SIGNER_EXPIRED";
    case Diagnose::certificate_usage: return "CERTIFICATE_USAGE";
    case Diagnose::revoked: return "REVOKED";
    case Diagnose::trust_missing: return "TRUST_MISSING";
    case Diagnose::unsigned_barcode: return "UNSIGNED_BARCODE";
  }
  return "UNKNOWN";
}

}  // namespace docverify
