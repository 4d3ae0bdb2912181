#include "report/seal_report.hpp"

#include <cstdio>

#include "crypto/certificate.hpp"
#include "report/json_writer.hpp"
#include "seal/vds_nc.hpp"

namespace docverify::report {
namespace {

using seal::SealResult;

std::string hex(const std::vector<std::uint8_t>& bytes) { return crypto::to_hex_upper(bytes.data(), bytes.size()); }

std::string byte_hex(std::uint8_t b) { return hex({b}); }

void write_optional_date(JsonWriter& w, std::string_view key, const std::optional<Date>& d) {
  w.key(key);
  if (d) w.value(format_iso_date(*d));
  else w.null();
}

void write_vds(JsonWriter& w, const seal::VdsSeal& v) {
  const seal::VdsHeader& h = v.header;
  w.key("header").begin_object();
  w.field("version", h.version);
  w.field("issuing_country", h.issuing_country);
  w.field("signer", h.signer);
  w.field("certificate_reference", h.certificate_reference);
  w.key("alternative_references").begin_array();
  for (const auto& a : h.alternative_references) w.value(a);
  w.end_array();
  w.field("layout", seal::reference_layout_name(h.layout));
  w.field("issue_date", format_iso_date(h.issue_date));
  w.field("signature_date", format_iso_date(h.signature_date));
  w.field("feature_reference", byte_hex(h.feature_reference));
  w.field("type_category", byte_hex(h.type_category));
  w.end_object();
  w.key("profile");
  if (v.profile != nullptr) {
    w.begin_object();
    w.field("id", v.profile->id).field("document", v.profile->document).field("standard", v.profile->standard);
    w.end_object();
  } else {
    w.null();
  }
  w.key("features").begin_array();
  for (const auto& f : v.features) {
    w.begin_object();
    w.field("tag", static_cast<int>(f.tag));
    w.key("name");
    if (f.definition != nullptr) w.value(f.definition->name);
    else w.null();
    w.field("coding", f.definition != nullptr ? seal::feature_coding_name(f.definition->coding) : "bytes");
    w.field("size", static_cast<std::int64_t>(f.value.size()));
    w.field("decoded", f.decoded);
    w.field("value", f.text);
    if (!f.mrz_lines.empty()) {
      w.key("mrz_lines").begin_array();
      for (const auto& l : f.mrz_lines) w.value(l);
      w.end_array();
      w.field("mrz_stored_characters", static_cast<std::int64_t>(f.mrz_stored));
    }
    w.end_object();
  }
  w.end_array();
  w.key("deviations").begin_array();
  for (const auto& d : v.deviations) w.value(d);
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& d : v.warnings) w.value(d);
  w.end_array();
}

void write_vds_nc(JsonWriter& w, const seal::VdsNcSeal& v) {
  w.key("header").begin_object();
  w.field("type", v.type).field("version", v.version).field("issuing_state", v.issuing_state);
  w.end_object();
  w.field("algorithm", v.algorithm);
  bool truncated = false;
  const auto fields = seal::flatten_message(v.message, 256, &truncated);
  w.key("message").begin_object();
  for (const auto& [path, value] : fields) w.field(path, value);
  w.end_object();
  w.field("message_truncated", truncated);
  w.key("warnings").begin_array();
  for (const auto& d : v.warnings) w.value(d);
  w.end_array();
}

void write_aamva(JsonWriter& w, const seal::AamvaRecord& a) {
  w.key("header").begin_object();
  w.field("file_type", a.file_type).field("iin", a.iin).field("version", a.version);
  w.key("jurisdiction_version");
  if (a.jurisdiction_version >= 0) w.value(a.jurisdiction_version);
  else w.null();
  w.field("entries", a.entries);
  w.end_object();
  w.key("fields").begin_object();
  w.field("family_name", a.family_name).field("given_names", a.given_names).field("full_name", a.full_name);
  w.field("document_number", a.document_number).field("country", a.country).field("sex", a.sex);
  write_optional_date(w, "birth_date", a.birth_date);
  write_optional_date(w, "expiry_date", a.expiry_date);
  write_optional_date(w, "issue_date", a.issue_date);
  w.field("date_order", a.date_order).field("date_order_reason", a.date_order_reason);
  w.end_object();
  w.key("subfiles").begin_array();
  for (const auto& s : a.subfiles) {
    w.begin_object();
    w.field("type", s.type).field("offset", static_cast<std::int64_t>(s.offset)).field("length", static_cast<std::int64_t>(s.length));
    w.field("located_by_scan", s.located_by_scan);
    w.key("elements").begin_array();
    for (const auto& e : s.elements) {
      w.begin_object().field("id", e.id).field("name", e.name).field("value", e.value).end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& d : a.warnings) w.value(d);
  w.end_array();
}

std::string_view status_name(CheckStatus s) { return to_string(s); }

}  // namespace

void write_seal(JsonWriter& w, const SealResult& s) {
  w.begin_object();
  w.field("kind", seal::seal_kind_name(s.kind));
  w.key("barcode").begin_object();
  w.key("symbology");
  if (s.position.symbology.empty()) w.null();
  else w.value(s.position.symbology);
  w.key("corners");
  if (s.position.on_image) {
    w.begin_array();
    for (const auto& p : s.position.corners) w.begin_array().value(static_cast<double>(p[0])).value(static_cast<double>(p[1])).end_array();
    w.end_array();
  } else {
    w.null();
  }
  w.field("payload_size", static_cast<std::int64_t>(s.payload.size()));
  w.field("payload_hex", hex(s.payload));
  w.end_object();
  w.field("malformed", s.malformed);
  w.key("error");
  if (s.malformed) w.value(s.error);
  else w.null();
  if (s.vds) write_vds(w, *s.vds);
  if (s.vds_nc) write_vds_nc(w, *s.vds_nc);
  if (s.aamva) write_aamva(w, *s.aamva);
  if (s.mrz) write_mrz_object(w, *s.mrz);
  const seal::SignatureReport& g = s.signature;
  w.key("signature").begin_object();
  w.field("status", status_name(g.status));
  w.field("algorithm", g.algorithm);
  w.field("signer", g.signer);
  w.field("chain", status_name(g.chain));
  w.field("message", g.message);
  w.field("signer_subject", g.signer_subject);
  w.field("signer_serial", g.signer_serial);
  w.field("anchor", g.anchor_subject);
  write_optional_date(w, "signer_not_after", g.signer_not_after);
  w.end_object();
  write_checks(w, s.checks);
  write_verdict(w, s.verdict);
  w.end_object();
}

void write_seals_member(JsonWriter& w, const std::vector<SealResult>& seals) {
  w.key("seals").begin_array();
  for (const auto& s : seals) write_seal(w, s);
  w.end_array();
}

std::string seal_report_json(const std::vector<SealResult>& seals, const Verdict& verdict, const ReportContext& ctx,
                             const std::string& source) {
  std::string out;
  out.reserve(8192);
  JsonWriter w(out);
  w.begin_object();
  w.field("schema", kReportSchema);
  w.field("reference_date", format_iso_date(ctx.today));
  w.field("profile", to_string(ctx.profile));
  w.field("source", source);
  write_seals_member(w, seals);
  write_verdict(w, verdict);
  w.end_object();
  out += '\n';
  return out;
}

std::string seal_report_text(const std::vector<SealResult>& seals, const Verdict& verdict, const ReportContext&,
                             const std::string& source) {
  std::string out = source + ": " + std::to_string(seals.size()) + (seals.size() == 1 ? " barcode" : " barcodes") + ", verdict " +
                    std::string(to_string(verdict.status)) + "\n";
  for (const auto& s : seals) {
    out += "  ";
    out += seal::seal_kind_name(s.kind);
    if (!s.position.symbology.empty()) out += " in " + s.position.symbology;
    if (s.malformed) {
      out += ": MALFORMED: " + s.error + "\n";
      continue;
    }
    if (s.vds) {
      const auto& h = s.vds->header;
      out += ": " + std::string(s.vds->profile ? s.vds->profile->document : "unknown document") + ", issuer " + h.issuing_country +
             ", signer " + h.signer + " " + h.certificate_reference + ", signed " + format_iso_date(h.signature_date);
    } else if (s.vds_nc) {
      out += ": " + s.vds_nc->type + ", issuer " + s.vds_nc->issuing_state;
    } else if (s.aamva) {
      out += ": IIN " + s.aamva->iin + ", version " + std::to_string(s.aamva->version) + ", " + s.aamva->family_name;
    }
    out += "\n    signature " + std::string(to_string(s.signature.status)) + " (" + s.signature.message + ")\n";
    if (s.mrz) {
      for (int i = 0; i < s.mrz->lines.count(); ++i) out += "    " + std::string(s.mrz->lines.line(i)) + "\n";
    }
    for (const auto& c : s.checks)
      if (c.status != CheckStatus::ok)
        out += "    " + std::string(c.id) + ": " + std::string(to_string(c.status)) + " " + std::string(c.message.view()) + "\n";
  }
  return out;
}

}  // namespace docverify::report
