#include "verify/check_regions.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <opencv2/imgproc.hpp>

#include "mrz/check_plan.hpp"
#include "mrz/format.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::verify {
namespace {

// ICAO 9303-3: lines 4.23 mm apart at a 2.54 mm pitch.
constexpr double kLineSpacingPitches = 4.23 / 2.54;
constexpr double kQuadMarginPitches = 0.55;

cv::Point2f bilinear(const std::vector<cv::Point2f>& q, double u, double v) {
  const cv::Point2f top = q[0] + (q[1] - q[0]) * static_cast<float>(u);
  const cv::Point2f bottom = q[3] + (q[2] - q[3]) * static_cast<float>(u);
  return top + (bottom - top) * static_cast<float>(v);
}

CheckRegion box_of(std::vector<cv::Point2f> points) {
  if (points.empty()) return {};
  // Quads projected from the MRZ may lie far outside the frame: bounded first, so the box's
  // int arithmetic (x + width, the clip) cannot overflow.
  constexpr float kFar = 1e6F;
  for (cv::Point2f& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return {};
    p.x = std::clamp(p.x, -kFar, kFar), p.y = std::clamp(p.y, -kFar, kFar);
  }
  return region_of(cv::boundingRect(points));
}

CheckRegion clipped(CheckRegion r, cv::Size frame) {
  const cv::Rect c = cv::Rect(r.x, r.y, r.width, r.height) & cv::Rect(0, 0, frame.width, frame.height);
  return region_of(c);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The MRZ zones a logical check reads (ICAO positions of the value it judged).
std::vector<mrz::ZoneKind> zones_read_by(std::string_view id) {
  using Z = mrz::ZoneKind;
  if (id == "mrz.code.issuing_state") return {Z::issuing_state};
  if (id == "mrz.code.nationality") return {Z::nationality};
  if (id == "mrz.code.issuer_nationality") return {Z::issuing_state, Z::nationality};
  if (id == "mrz.syntax.date") return {Z::birth_date, Z::expiry_date};
  if (id == "mrz.syntax.sex") return {Z::sex};
  if (id == "mrz.syntax.name" || id == "text.specimen") return {Z::name, Z::surname, Z::given_names};
  if (id == "mrz.syntax.doc_code" || id == "doc_type.mrz_format") return {Z::document_code};
  if (id == "text.date.dob_past" || id == "text.date.age_range") return {Z::birth_date};
  if (id == "text.date.order") return {Z::birth_date, Z::expiry_date};
  if (id == "expiry.in_date") return {Z::expiry_date};
  if (id == "text.national.deu_passport_number" || id == "text.national.fra_id_issue_date") return {Z::document_number};
  if (id == "text.national.deu_code") return {Z::issuing_state, Z::nationality};
  if (id == "text.national.nld_bsn") return {Z::optional_data};
  if (id == "text.national.fra_id_department") return {Z::department};
  return {};
}

}  // namespace

CheckRegion region_of(const cv::Rect& r) { return {r.x, r.y, r.width, r.height}; }

CheckRegion mrz_span_region(const std::vector<cv::Point2f>& q, int lines, int length, int line, int start, int count) {
  if (q.size() != 4 || lines < 1 || length < 1 || count < 1) return {};
  const double height = 2 * kQuadMarginPitches + (lines - 1) * kLineSpacingPitches;  // pitches
  const double centre = kQuadMarginPitches + line * kLineSpacingPitches;
  const double v0 = std::max(0.0, (centre - kQuadMarginPitches) / height), v1 = std::min(1.0, (centre + kQuadMarginPitches) / height);
  const double u0 = static_cast<double>(start) / length, u1 = static_cast<double>(std::min(start + count, length)) / length;
  return box_of({bilinear(q, u0, v0), bilinear(q, u1, v0), bilinear(q, u1, v1), bilinear(q, u0, v1)});
}

void place_check_regions(VerifyResult& result) {
  if (!result.read.found) return;
  const reader::MrzReadout& best = result.read.best;
  const mrz::Layout& layout = mrz::layout_of(best.mrz.format);
  const cv::Size frame = result.frame_size;
  const CheckRegion mrz_box = clipped(box_of(best.mrz_quad), frame);
  const CheckRegion page_box = best.document_quad.empty() ? CheckRegion{0, 0, frame.width, frame.height}
                                                          : clipped(box_of(best.document_quad), frame);
  auto span = [&](const mrz::Span& s) {
    return clipped(mrz_span_region(best.mrz_quad, layout.lines, layout.length, s.line, s.start, s.length), frame);
  };
  auto rects = [&](const std::vector<cv::Rect>& rs) {
    std::vector<CheckRegion> out;
    for (const cv::Rect& r : rs) out.push_back(clipped(region_of(r), frame));
    return out;
  };
  const mrz::CheckPlan plan = mrz::plan_checks(layout, best.mrz.lines);

  for (CheckRecord& c : result.read.best.mrz.checks) {
    const std::string_view id = c.id;
    if (starts_with(id, "seal.")) continue;  // a seal's checks already point at its barcode
    c.regions.clear();
    if (c.status == CheckStatus::not_done) continue;
    if (starts_with(id, "mrz.check_digit.")) {
      for (std::uint8_t i = 0; i < plan.count; ++i) {
        const mrz::PlannedCheck& p = plan.checks[i];
        if (id.substr(16) != mrz::checked_field_name(p.field)) continue;
        c.regions.push_back(span(p.digit));
        for (std::uint8_t k = 0; k < p.span_count; ++k) c.regions.push_back(span(p.spans[k]));
      }
    } else if (id == "security.tamper.noise") {
      c.regions = rects(result.tamper.noise_regions);
    } else if (id == "security.tamper.copy_move") {
      c.regions = rects(result.tamper.copy_regions);
    } else if (id == "security.tamper.ela") {
      c.regions = rects(result.tamper.ela_regions);
    } else if (id == "security.tamper.inpaint") {
      c.regions = rects(result.inpaint.regions);
    } else if (starts_with(id, "text.viz.mrz.")) {
      for (const checks::VizField& f : result.viz.fields)
        if (id.substr(13) == f.field && !f.box.empty()) c.regions.push_back(clipped(region_of(f.box), frame));
    } else if (id == "mrz.print.position") {
      // The MRZ and the edges it was measured from.
      c.regions.push_back(mrz_box);
      for (const auto* edge : {&result.position.bottom_edge, &result.position.left_edge})
        if (edge->size() == 2) c.regions.push_back(clipped(box_of(*edge), frame));
    } else if (starts_with(id, "mrz.print.") || starts_with(id, "image_quality.") || starts_with(id, "security.ir.") ||
               starts_with(id, "mrz.syntax.alphabet") || starts_with(id, "mrz.syntax.field_format")) {
      c.regions.push_back(mrz_box);
    } else if (starts_with(id, "liveness.") || starts_with(id, "security.") || id == "text.viz.mrz_consistency") {
      c.regions.push_back(page_box);
    } else {
      for (mrz::ZoneKind kind : zones_read_by(id)) {
        const int z = layout.zone_index[static_cast<std::size_t>(kind)];
        if (z >= 0) c.regions.push_back(span(layout.zones[static_cast<std::size_t>(z)].span));
      }
    }
    // Boxes that fell outside the frame say nothing.
    c.regions.erase(std::remove_if(c.regions.begin(), c.regions.end(), [](const CheckRegion& r) { return r.width <= 0 || r.height <= 0; }),
                    c.regions.end());
  }
}

}  // namespace docverify::verify
