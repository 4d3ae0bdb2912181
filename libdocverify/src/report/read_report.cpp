#include "report/read_report.hpp"

#include "report/seal_report.hpp"
#include "seal/page_seals.hpp"

#include <cmath>
#include <cstdio>

#include "calendar/date.hpp"
#include "report/json_writer.hpp"

namespace docverify::report {

namespace {

// Measurements to a precision that means something (0.01 px, 0.001 of a ratio, 0.01 ms).
double rounded(double v, double step) {
  const double per_unit = std::round(1.0 / step);  // 100 for 0.01: an exact divisor
  return std::round(v * per_unit) / per_unit;
}

void write_quad(JsonWriter& w, std::string_view name, const std::vector<cv::Point2f>& quad) {
  w.key(name).begin_array();
  for (const auto& p : quad) {
    w.begin_array();
    w.value(rounded(p.x, 0.01)).value(rounded(p.y, 0.01));
    w.end_array();
  }
  w.end_array();
}

void write_image_members(JsonWriter& w, const reader::MrzReadout& r) {
  w.field("valid", r.valid);
  w.field("confidence", rounded(r.confidence, 0.0001));
  w.field("rotation_deg", r.rotation_deg);
  w.field("upside_down", r.upside_down);
  w.field("tesseract_used", r.tesseract_used);
  w.key("raw_lines").begin_array();
  for (const auto& l : r.raw_lines) w.value(l);
  w.end_array();
  w.key("field_confidence").begin_object();
  for (const auto& f : r.fields) w.field(f.zone, rounded(f.confidence, 0.0001));
  w.end_object();
  w.key("uncertain").begin_array();
  for (const auto& u : r.uncertain) {
    w.begin_object();
    w.field("line", u[0] + 1).field("column", u[1] + 1);
    w.end_object();
  }
  w.end_array();
  write_quad(w, "mrz_quad", r.mrz_quad);
  write_quad(w, "document_quad", r.document_quad);
  w.key("quality").begin_object();
  w.field("sharpness", rounded(r.quality.sharpness, 0.001));
  w.field("glare", rounded(r.quality.glare, 0.0001));
  w.field("char_height_px", rounded(r.quality.char_height_px, 0.01));
  w.field("dpi_estimate", rounded(r.quality.dpi_estimate, 0.1));
  w.end_object();
}

std::string read_report_text_of_mrz(const reader::ImageReadResult& result, const ReportContext& ctx, const std::string& source);

}  // namespace

std::string read_report_json(const reader::ImageReadResult& result, const ReportContext& ctx, const std::string& source,
                             const std::vector<seal::SealResult>* seals) {
  std::string out;
  out.reserve(16384);
  JsonWriter w(out);
  w.begin_object();
  w.field("schema", kReportSchema);
  w.field("reference_date", format_iso_date(ctx.today));
  w.field("profile", to_string(ctx.profile));
  w.key("image").begin_object();
  w.field("source", source);
  w.field("found", result.found);
  if (result.found) write_image_members(w, result.best);
  w.key("timings_ms").begin_object();
  w.field("decode", rounded(result.timings.decode_ms, 0.01));
  w.field("locate", rounded(result.timings.locate_ms, 0.01));
  w.field("recognise", rounded(result.timings.recognise_ms, 0.01));
  w.field("tesseract", rounded(result.timings.tesseract_ms, 0.01));
  w.field("total", rounded(result.timings.total_ms, 0.01));
  w.end_object();
  w.key("others").begin_array();
  for (const auto& o : result.others) {
    w.begin_object();
    w.field("format", mrz::format_name(o.mrz.format));
    w.key("lines").begin_array();
    for (int i = 0; i < o.mrz.lines.count(); ++i) w.value(o.mrz.lines.line(i));
    w.end_array();
    write_image_members(w, o);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  if (result.found) write_mrz_members(w, result.best.mrz);
  if (seals != nullptr) write_seals_member(w, *seals);
  w.end_object();
  out += '\n';
  return out;
}

std::string read_report_text(const reader::ImageReadResult& result, const ReportContext& ctx, const std::string& source,
                             const std::vector<seal::SealResult>* seals) {
  std::string text = read_report_text_of_mrz(result, ctx, source);
  if (seals != nullptr && !seals->empty()) text += seal_report_text(*seals, seal::seals_verdict(*seals, VerdictPolicy{}), ctx, "  barcodes");
  return text;
}

namespace {
std::string read_report_text_of_mrz(const reader::ImageReadResult& result, const ReportContext& ctx, const std::string& source) {
  std::string out = source + ": ";
  char buf[256];
  if (!result.found) {
    std::snprintf(buf, sizeof buf, "no MRZ found (%.1f ms)\n", result.timings.total_ms);
    return out + buf;
  }
  const auto& b = result.best;
  std::snprintf(buf, sizeof buf, "MRZ found, %s, confidence %.2f, %d deg, %.0f dpi, %.1f ms%s\n", b.valid ? "valid" : "NOT valid",
                static_cast<double>(b.confidence), b.rotation_deg, b.quality.dpi_estimate, result.timings.total_ms,
                b.tesseract_used ? ", Tesseract consulted" : "");
  out += buf;
  if (!b.uncertain.empty()) {
    out += "  unsure characters (no check digit covers them, or a correction is weakly proven):";
    for (const auto& u : b.uncertain) {
      std::snprintf(buf, sizeof buf, " %d:%d", u[0] + 1, u[1] + 1);
      out += buf;
    }
    out += "\n";
  }
  out += mrz_report_text(b.mrz, ctx);
  for (const auto& o : result.others) {
    out += "  another document in the frame:";
    for (int i = 0; i < o.mrz.lines.count(); ++i) out += std::string(" ") + std::string(o.mrz.lines.line(i));
    out += "\n";
  }
  return out;
}

}  // namespace

}  // namespace docverify::report
