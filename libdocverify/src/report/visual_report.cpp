#include "report/visual_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace docverify::report {
namespace {

const cv::Scalar kRed(40, 40, 220), kOrange(0, 140, 255), kBlue(200, 120, 0), kCyan(200, 200, 0), kGreen(60, 160, 60),
    kGrey(140, 140, 140);

bool flagged(const CheckRecord& c) { return !c.ignored && (c.status == CheckStatus::warning || c.status == CheckStatus::error); }

// Explainers (error levels, inpainting traces) never fail but name areas for a person.
bool explains(const CheckRecord& c) {
  return c.status == CheckStatus::ok && !c.regions.empty() && (c.id == "security.tamper.ela" || c.id == "security.tamper.inpaint");
}
const cv::Scalar kMagenta(200, 60, 200);

cv::Scalar colour_of(CheckStatus s) {
  switch (s) {
    case CheckStatus::error: return kRed;
    case CheckStatus::warning: return kOrange;
    case CheckStatus::ok: return kGreen;
    case CheckStatus::not_done: break;
  }
  return kGrey;
}

cv::Scalar colour_of(VerdictStatus v) {
  switch (v) {
    case VerdictStatus::error: return kRed;
    case VerdictStatus::suspect: return kOrange;
    case VerdictStatus::ok: return kGreen;
    case VerdictStatus::not_done: break;
  }
  return kGrey;
}

const CheckRecord* record_of(const reader::ImageReadResult& r, std::string_view id) {
  if (!r.found) return nullptr;
  for (const auto& c : r.best.mrz.checks)
    if (c.id == id) return &c;
  return nullptr;
}

// The map blended over `page` (already at evidence scale): colour where a cell reaches half
// its limit, stronger towards and past it.
void overlay(cv::Mat& page, const HeatMap& m, double scale) {
  if (m.values.empty() || m.cell_px <= 0 || m.limit <= 0) return;
  cv::Mat level;
  m.values.convertTo(level, CV_32F, 1.0 / m.limit);
  cv::Mat bounded = cv::min(cv::max(level, 0.0), 1.5), level8;
  bounded.convertTo(level8, CV_8U, 255.0 / 1.5);
  cv::Mat colours;
  cv::applyColorMap(level8, colours, cv::COLORMAP_JET);
  const double cell = m.cell_px * scale;
  for (int y = 0; y < m.values.rows; ++y)
    for (int x = 0; x < m.values.cols; ++x) {
      const float v = level.at<float>(y, x);
      if (!(v >= 0.5f)) continue;
      const cv::Rect box = cv::Rect(cv::Point(static_cast<int>(std::lround((m.origin.x + x * m.cell_px) * scale)),
                                              static_cast<int>(std::lround((m.origin.y + y * m.cell_px) * scale))),
                                    cv::Size(std::max(1, static_cast<int>(std::ceil(cell))), std::max(1, static_cast<int>(std::ceil(cell))))) &
                           cv::Rect(0, 0, page.cols, page.rows);
      if (box.empty()) continue;
      const double alpha = std::min(0.6, 0.25 + 0.35 * (v - 0.5));
      cv::Mat roi = page(box);
      const cv::Vec3b c = colours.at<cv::Vec3b>(y, x);
      cv::addWeighted(roi, 1 - alpha, cv::Mat(roi.size(), roi.type(), cv::Scalar(c[0], c[1], c[2])), alpha, 0, roi);
    }
}

void outline(cv::Mat& page, const std::vector<cv::Point2f>& quad, double scale, const cv::Scalar& colour, int thickness) {
  if (quad.size() != 4) return;
  std::vector<cv::Point> q;
  for (const auto& p : quad) q.emplace_back(static_cast<int>(std::lround(p.x * scale)), static_cast<int>(std::lround(p.y * scale)));
  cv::polylines(page, q, true, colour, thickness, cv::LINE_AA);
}

void label(cv::Mat& page, const std::string& text, cv::Point at, const cv::Scalar& colour, double font_scale) {
  int base = 0;
  const int thickness = std::max(1, static_cast<int>(std::lround(font_scale * 2)));
  const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, font_scale, thickness, &base);
  at.x = std::clamp(at.x, 0, std::max(0, page.cols - size.width - 4));
  at.y = std::clamp(at.y, size.height + 4, std::max(size.height + 4, page.rows - 2));
  cv::rectangle(page, cv::Rect(at.x, at.y - size.height - 4, size.width + 4, size.height + base + 4), colour, cv::FILLED);
  cv::putText(page, text, cv::Point(at.x + 2, at.y - 1), cv::FONT_HERSHEY_SIMPLEX, font_scale, cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
}

// Hershey fonts are ASCII: anything else (a name's letters in a message) becomes '?'.
std::string ascii(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (c < 0x80) out += static_cast<char>(c);
    else if ((c & 0xC0) != 0x80) out += '?';
  return out;
}

std::string base64(const std::vector<unsigned char>& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned>(bytes[i]) << 16) | (i + 1 < bytes.size() ? static_cast<unsigned>(bytes[i + 1]) << 8 : 0U) |
                       (i + 2 < bytes.size() ? static_cast<unsigned>(bytes[i + 2]) : 0U);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string jpeg_uri(const cv::Mat& image) {
  std::vector<unsigned char> bytes;
  if (image.empty() || !cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 88})) return {};
  return "data:image/jpeg;base64," + base64(bytes);
}

std::string number(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// The page dimmed with one heat map over it, for the HTML's evidence panels.
cv::Mat heat_panel(const PageEvidence& e, const HeatMap& m) {
  cv::Mat panel;
  cv::cvtColor(e.page, panel, cv::COLOR_BGR2GRAY);
  cv::cvtColor(panel, panel, cv::COLOR_GRAY2BGR);
  overlay(panel, m, e.scale);
  return panel;
}

}  // namespace

cv::Mat evidence_copy(const cv::Mat& image, double* scale) {
  double s = 1;
  cv::Mat bgr;
  if (image.empty()) return bgr;
  // Reduced first, so no full-size copy of the page is left behind in freed memory.
  cv::Mat reduced = image;
  const int side = std::max(image.cols, image.rows);
  if (side > kEvidenceMaxSide) {
    s = static_cast<double>(kEvidenceMaxSide) / side;
    cv::resize(image, reduced, cv::Size(), s, s, cv::INTER_AREA);
  }
  if (reduced.channels() == 1) cv::cvtColor(reduced, bgr, cv::COLOR_GRAY2BGR);
  else if (reduced.channels() == 4) cv::cvtColor(reduced, bgr, cv::COLOR_BGRA2BGR);
  else bgr = reduced.data == image.data ? image.clone() : reduced;
  if (scale) *scale = s;
  return bgr;
}

cv::Mat annotated_page(const PageEvidence& e, const reader::ImageReadResult& r) {
  if (e.page.empty()) return {};
  cv::Mat page = e.page.clone();
  const double s = e.scale;
  const int side = std::max(page.cols, page.rows);
  const int thick = std::max(2, side / 500);
  const double font = std::max(0.5, side / 1600.0);
  for (const HeatMap& m : e.heat_maps) {
    const CheckRecord* c = record_of(r, m.check_id);
    if (c && flagged(*c)) overlay(page, m, s);
  }
  if (r.found) {
    outline(page, r.best.document_quad, s, kBlue, std::max(1, thick / 2));
    outline(page, r.best.mrz_quad, s, kCyan, std::max(1, thick / 2));
    auto box_of = [s](const CheckRegion& g) {
      return cv::Rect(static_cast<int>(std::lround(g.x * s)), static_cast<int>(std::lround(g.y * s)),
                      std::max(1, static_cast<int>(std::lround(g.width * s))), std::max(1, static_cast<int>(std::lround(g.height * s))));
    };
    int n = 0;
    for (const CheckRecord& c : r.best.mrz.checks) {
      if (explains(c))
        for (const CheckRegion& g : c.regions) cv::rectangle(page, box_of(g), kMagenta, std::max(1, thick / 2), cv::LINE_AA);
      if (!flagged(c)) continue;
      ++n;
      for (const CheckRegion& g : c.regions) {
        const cv::Rect box = box_of(g);
        cv::rectangle(page, box, colour_of(c.status), thick, cv::LINE_AA);
        label(page, std::to_string(n), box.tl(), colour_of(c.status), font);
      }
    }
  }
  // The verdict as a banner under the page.
  const VerdictStatus verdict = r.found ? r.best.mrz.verdict.status : VerdictStatus::not_done;
  const int banner = static_cast<int>(std::lround(40 * font));
  cv::Mat out(page.rows + banner, page.cols, CV_8UC3, colour_of(verdict));
  page.copyTo(out(cv::Rect(0, 0, page.cols, page.rows)));
  std::string text = "docverify: " + std::string(to_string(verdict));
  if (!r.found) text += " (no MRZ found)";
  else if (r.best.mrz.verdict.incomplete) text += " (incomplete: required checks not done)";
  cv::putText(out, ascii(text), cv::Point(static_cast<int>(10 * font), page.rows + banner * 3 / 4), cv::FONT_HERSHEY_SIMPLEX, font,
              cv::Scalar(255, 255, 255), std::max(1, static_cast<int>(std::lround(font * 2))), cv::LINE_AA);
  return out;
}

std::vector<unsigned char> annotated_png(const PageEvidence& e, const reader::ImageReadResult& r) {
  std::vector<unsigned char> png;
  const cv::Mat page = annotated_page(e, r);
  if (!page.empty()) cv::imencode(".png", page, png);
  return png;
}

std::string html_report(const PageEvidence& e, const reader::ImageReadResult& r, const ReportContext& ctx, const std::string& source) {
  auto hex = [](const cv::Scalar& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(c[2]), static_cast<int>(c[1]), static_cast<int>(c[0]));
    return std::string(buf);
  };
  const VerdictStatus verdict = r.found ? r.best.mrz.verdict.status : VerdictStatus::not_done;
  std::string h;
  h += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>docverify: " + escape(source) + "</title>\n";
  h += "<style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
       ".verdict{color:#fff;padding:.6em 1em;font-size:1.4em;border-radius:4px}"
       ".pill{color:#fff;padding:0 .5em;border-radius:3px;font-size:.9em;white-space:nowrap}"
       "table{border-collapse:collapse;width:100%;font-size:.92em}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}"
       "img{max-width:100%;height:auto;border:1px solid #ccc}.mrz{font-family:monospace;font-size:1.1em;background:#f4f4f4;padding:.5em}"
       ".panels figure{display:inline-block;width:31%;margin:.5%;vertical-align:top}.num{font-weight:bold}"
       "@media print{.panels figure{width:45%}}</style></head><body>\n";
  h += "<h1>Document verification</h1>\n<p>Source: <code>" + escape(source) + "</code> &middot; profile <b>" +
       escape(to_string(ctx.profile)) + "</b> &middot; reference date " + escape(format_iso_date(ctx.today)) + "</p>\n";
  h += "<div class=\"verdict\" style=\"background:" + hex(colour_of(verdict)) + "\">Verdict: " + escape(to_string(verdict));
  if (!r.found) h += " &mdash; no MRZ found, nothing could be checked";
  else if (r.best.mrz.verdict.incomplete) h += " &mdash; incomplete: required checks could not be done";
  if (r.found && r.best.mrz.verdict.specimen) h += " &mdash; SPECIMEN";
  h += "</div>\n";
  if (r.found && !r.best.mrz.verdict.reasons.empty()) {
    h += "<h2>Reasons</h2><ul>";
    for (const auto& reason : r.best.mrz.verdict.reasons) h += "<li>" + escape(reason) + "</li>";
    h += "</ul>\n";
  }
  const cv::Mat annotated = annotated_page(e, r);
  if (!annotated.empty())
    h += "<h2>The page</h2><p>Numbered boxes: the checks below that flagged (red error, orange warning); blue: the "
         "document as located, cyan: the MRZ; magenta: areas an explainer points at (it decides nothing); colour wash: heat maps "
         "of flagged checks.</p><img alt=\"annotated page\" src=\"" +
         jpeg_uri(annotated) + "\">\n";
  if (r.found) {
    const mrz::MrzResult& m = r.best.mrz;
    h += "<h2>MRZ (" + escape(mrz::format_name(m.format)) + ")</h2><div class=\"mrz\">";
    for (int i = 0; i < m.lines.count(); ++i) h += escape(m.lines.line(i)) + "<br>";
    h += "</div><p>" + escape(m.fields.surname) + ", " + escape(m.fields.given_names) + " &middot; document " +
         escape(m.fields.document_number) + " &middot; issuer " + escape(m.fields.issuing_state) + "</p>\n";

    h += "<h2>Checks</h2><table><tr><th>#</th><th>check</th><th>status</th><th>measured</th><th>threshold</th><th>message</th></tr>\n";
    int n = 0;
    for (const CheckRecord& c : m.checks) {
      const std::string num = flagged(c) ? std::to_string(++n) : "";
      h += "<tr><td class=\"num\">" + num + "</td><td><code>" + escape(c.id) + "</code><br><small>" + escape(to_string(c.group)) +
           (c.ignored ? ", ignored by the verdict policy" : std::string(c.critical ? ", critical" : "") + (c.required ? ", required" : "")) + "</small></td><td><span class=\"pill\" style=\"background:" +
           hex(colour_of(c.status)) + "\">" + escape(to_string(c.status)) + "</span>";
      if (c.diagnose != Diagnose::none) h += "<br><small>" + escape(to_string(c.diagnose)) + "</small>";
      h += "</td><td>" + number(c.measured) + " <small>" + escape(c.unit) + "</small></td><td>" + number(c.threshold) + "</td><td>" +
           escape(c.message.view()) + "</td></tr>\n";
    }
    h += "</table>\n<h2>Not checked</h2><p>Checks that could not run on this input (they are never counted as passed):</p><ul>";
    bool any = false;
    for (const CheckRecord& c : m.checks)
      if (c.status == CheckStatus::not_done) {
        any = true;
        h += "<li><code>" + escape(c.id) + "</code>" + (c.required ? " <b>(required)</b>" : "") + ": " + escape(c.message.view()) + "</li>";
      }
    if (!any) h += "<li>none</li>";
    h += "</ul>\n";
  }
  if (!e.page.empty() && (!e.heat_maps.empty() || !e.infrared.empty() || !e.ultraviolet.empty())) {
    h += "<h2>Evidence</h2><div class=\"panels\">";
    for (const HeatMap& m : e.heat_maps) {
      const CheckRecord* c = record_of(r, m.check_id);
      h += "<figure><img alt=\"heat map\" src=\"" + jpeg_uri(heat_panel(e, m)) + "\"><figcaption><code>" + escape(m.check_id) + "</code> " +
           (c ? escape(to_string(c->status)) : std::string("-")) + ": " + escape(m.what) + " (colour from half the limit " +
           number(m.limit) + ")</figcaption></figure>";
    }
    if (!e.infrared.empty()) h += "<figure><img alt=\"infrared\" src=\"" + jpeg_uri(e.infrared) + "\"><figcaption>infrared (B900)</figcaption></figure>";
    if (!e.ultraviolet.empty())
      h += "<figure><img alt=\"ultraviolet\" src=\"" + jpeg_uri(e.ultraviolet) + "\"><figcaption>ultraviolet (365 nm)</figcaption></figure>";
    h += "</div>\n";
  }
  h += "<p><small>docverify " + std::string(kReportSchema) +
       " &middot; every name and number on this page is personal data: handle the file as the document itself.</small></p></body></html>\n";
  return h;
}

}  // namespace docverify::report
