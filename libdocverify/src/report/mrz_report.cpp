#include "report/mrz_report.hpp"

#include <cmath>
#include <cstdio>

#include "report/json_writer.hpp"

namespace docverify::report {
namespace {

using mrz::CheckDigitStatus;
using mrz::FieldId;
using mrz::MrzResult;

std::string one_char(char c) { return std::string(1, c); }

void write_date(JsonWriter& w, std::string_view key, const mrz::MrzDate& d) {
  const std::string iso = d.iso();
  w.key(key);
  if (iso.empty()) w.null();
  else w.value(iso);
}

void write_correction(JsonWriter& w, const mrz::Correction& c, bool with_proof) {
  w.begin_object();
  w.field("line", c.line + 1).field("column", c.column + 1);
  w.field("from", one_char(c.from)).field("to", one_char(c.to));
  if (with_proof) w.field("proven_by", mrz::checked_field_name(c.proven_by));
  w.end_object();
}

void write_lines(JsonWriter& w, std::string_view key, const mrz::MrzLines& lines) {
  w.key(key).begin_array();
  for (int i = 0; i < lines.count(); ++i) w.value(lines.line(i));
  w.end_array();
}

}  // namespace

std::string mrz_report_json(const MrzResult& r, const ReportContext& ctx) {
  std::string out;
  out.reserve(16384);  // one buffer: growing would free copies of personal data along the way
  JsonWriter w(out);
  w.begin_object();
  w.field("schema", kReportSchema);
  w.field("reference_date", format_iso_date(ctx.today));
  w.field("profile", to_string(ctx.profile));
  write_mrz_members(w, r);
  w.end_object();
  out += '\n';
  return out;
}

void write_mrz_object(JsonWriter& w, const MrzResult& r) {
  w.key("mrz").begin_object();
  w.field("format", mrz::format_name(r.format));
  write_lines(w, "lines", r.lines);
  write_lines(w, "lines_read", r.lines_read);
  w.field("valid", r.valid);
  w.field("long_document_number", r.long_document_number);
  const mrz::MrzFields& f = r.fields;
  w.key("fields").begin_object();
  w.field("document_code", f.document_code);
  w.field("issuing_state", f.issuing_state);
  w.field("document_number", f.document_number);
  w.field("nationality", f.nationality);
  write_date(w, "birth_date", f.birth_date);
  w.key("sex");
  if (f.sex) w.value(one_char(f.sex));
  else w.null();
  write_date(w, "expiry_date", f.expiry_date);
  w.field("surname", f.surname);
  w.field("given_names", f.given_names);
  w.field("optional_data", f.optional_data);
  w.field("optional_data_2", f.optional_data_2);
  w.end_object();

  w.key("check_digits").begin_array();
  for (std::uint8_t i = 0; i < r.check_digit_count; ++i) {
    const auto& cd = r.check_digits[i];
    w.begin_object();
    w.field("field", mrz::checked_field_name(cd.field));
    w.field("status", mrz::to_string(cd.status));
    w.key("expected");
    if (cd.expected) w.value(one_char(cd.expected));
    else w.null();
    w.field("found", one_char(cd.found));
    w.field("line", cd.line + 1).field("column", cd.column + 1);
    w.field("corrected", cd.corrected);
    w.end_object();
  }
  w.end_array();

  w.key("uncovered_fields").begin_array();
  for (int i = 0; i < mrz::kFieldCount; ++i)
    if (r.is_uncovered(static_cast<FieldId>(i))) w.value(mrz::field_name(static_cast<FieldId>(i)));
  w.end_array();

  w.key("corrections").begin_array();
  for (const auto& c : r.corrections) write_correction(w, c, true);
  w.end_array();
  w.key("ambiguities").begin_array();
  for (const auto& a : r.ambiguities) {
    w.begin_object();
    w.field("check", mrz::checked_field_name(a.check));
    w.key("readings").begin_array();
    for (const auto& reading : a.readings) {
      w.begin_array();
      for (const auto& c : reading) write_correction(w, c, false);
      w.end_array();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();  // mrz
}

void write_mrz_members(JsonWriter& w, const MrzResult& r) {
  write_mrz_object(w, r);
  write_checks(w, r.checks);
  write_verdict(w, r.verdict);
}

void write_checks(JsonWriter& w, const std::vector<CheckRecord>& checks) {
  w.key("checks").begin_array();
  for (const auto& c : checks) {
    w.begin_object();
    w.field("id", c.id);
    w.field("group", to_string(c.group));
    w.field("status", to_string(c.status));
    w.field("critical", c.critical);
    w.field("required", c.required);
    w.key("diagnose");
    if (c.diagnose == Diagnose::none) w.null();
    else w.value(to_string(c.diagnose));
    w.field("message", c.message.view());
    // Measuring checks (image checks) say what they measured and the limit held to.
    if (!std::isnan(c.measured)) {
      w.field("measured", c.measured);
      if (!std::isnan(c.threshold)) w.field("threshold", c.threshold);
      if (!c.unit.empty()) w.field("unit", c.unit);
    }
    if (c.ignored) w.field("ignored", true);
    if (!c.regions.empty()) {
      w.key("regions").begin_array();
      for (const CheckRegion& g : c.regions) w.begin_array().value(g.x).value(g.y).value(g.width).value(g.height).end_array();
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();

}

void write_verdict(JsonWriter& w, const Verdict& verdict) {
  w.key("verdict").begin_object();
  w.field("status", to_string(verdict.status));
  w.key("reasons").begin_array();
  for (const auto& s : verdict.reasons) w.value(s);
  w.end_array();
  w.field("incomplete", verdict.incomplete);
  w.key("not_done").begin_array();
  for (const auto& s : verdict.not_done) w.value(s);
  w.end_array();
  w.field("specimen", verdict.specimen);
  w.end_object();
}

namespace {

std::string_view format_title(mrz::Format f) {
  switch (f) {
    case mrz::Format::td1: return "ID card, 3 lines of 30";
    case mrz::Format::td2: return "ID document, 2 lines of 36";
    case mrz::Format::td3: return "passport, 2 lines of 44";
    case mrz::Format::mrva: return "visa, full size, 2 lines of 44";
    case mrz::Format::mrvb: return "visa, small, 2 lines of 36";
    case mrz::Format::fra_id: return "French national ID card 1988-2021, 2 lines of 36";
  }
  return "";
}

void row(std::string& out, std::string_view label, std::string_view value, int width = 18) {
  out += "  ";
  out += label;
  for (int i = static_cast<int>(label.size()); i < width; ++i) out += ' ';
  out += value.empty() ? std::string_view("-") : value;
  out += '\n';
}

std::string upper_status(CheckStatus s) {
  switch (s) {
    case CheckStatus::ok: return "ok";
    case CheckStatus::warning: return "WARNING";
    case CheckStatus::error: return "ERROR";
    case CheckStatus::not_done: return "NOT DONE";
  }
  return "?";
}

}  // namespace

std::string mrz_report_text(const MrzResult& r, const ReportContext& ctx) {
  std::string out;
  out.reserve(16384);
  out += "MRZ ";
  out += mrz::format_name(r.format);
  out += " (";
  out += format_title(r.format);
  out += ")  ";
  out += r.valid ? "valid: syntax and check digits right\n" : "NOT valid: see the checks below\n";
  for (int i = 0; i < r.lines.count(); ++i) {
    out += "  ";
    out += r.lines.line(i);
    out += '\n';
  }
  const mrz::MrzFields& f = r.fields;
  out += "\nFields\n";
  row(out, "document code", f.document_code);
  row(out, "issuing state", f.issuing_state);
  row(out, "document number", f.document_number);
  row(out, "nationality", f.nationality);
  row(out, "birth date", f.birth_date.iso());
  row(out, "sex", f.sex ? one_char(f.sex) : std::string());
  row(out, "expiry date", r.format == mrz::Format::fra_id ? std::string("(not in this MRZ)") : f.expiry_date.iso());
  row(out, "surname", f.surname);
  row(out, "given names", f.given_names);
  row(out, "optional data", f.optional_data);
  if (r.format == mrz::Format::td1) row(out, "optional data 2", f.optional_data_2);

  out += "\nCheck digits\n";
  for (std::uint8_t i = 0; i < r.check_digit_count; ++i) {
    const auto& cd = r.check_digits[i];
    std::string v(mrz::to_string(cd.status));
    v += "  found '";
    v += cd.found;
    v += "'";
    if (cd.expected) {
      v += " computed '";
      v += cd.expected;
      v += "'";
    }
    if (cd.corrected) v += "  (after correction)";
    std::string label(mrz::checked_field_name(cd.field));
    for (auto& ch : label)
      if (ch == '_') ch = ' ';
    row(out, label, v);
  }
  std::string uncovered;
  for (int i = 0; i < mrz::kFieldCount; ++i) {
    if (!r.is_uncovered(static_cast<FieldId>(i))) continue;
    if (!uncovered.empty()) uncovered += ", ";
    uncovered += mrz::field_name(static_cast<FieldId>(i));
  }
  out += "  no check digit covers: " + (uncovered.empty() ? std::string("(none)") : uncovered) + "\n";

  if (!r.corrections.empty() || !r.ambiguities.empty()) {
    out += "\nCorrections\n";
    for (const auto& c : r.corrections) {
      char buf[128];
      std::snprintf(buf, sizeof buf, "  line %d column %d: '%c' -> '%c' (proven by the %s check digit)\n", c.line + 1,
                    c.column + 1, c.from, c.to, std::string(mrz::checked_field_name(c.proven_by)).c_str());
      out += buf;
    }
    for (const auto& a : r.ambiguities) {
      out += "  not applied: " + std::to_string(a.readings.size()) + " readings verify the " +
             std::string(mrz::checked_field_name(a.check)) + " check digit equally well\n";
    }
  }

  out += "\nChecks\n";
  for (const auto& c : r.checks) {
    std::string s = upper_status(c.status);
    s.resize(9, ' ');
    std::string id(c.id);
    id.resize(std::max<std::size_t>(id.size() + 1, 34), ' ');
    out += "  " + s + id + std::string(c.message.view()) + "\n";
  }
  out += "\nVerdict: ";
  std::string v(to_string(r.verdict.status));
  for (auto& ch : v) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
  out += v;
  if (r.verdict.specimen) out += " (specimen)";
  out += "   [profile " + std::string(to_string(ctx.profile)) + ", reference date " + format_iso_date(ctx.today) + "]\n";
  for (const auto& reason : r.verdict.reasons) out += "  - " + reason + "\n";
  if (r.verdict.incomplete) out += "  incomplete: some required checks could not be done\n";
  return out;
}

}  // namespace docverify::report
