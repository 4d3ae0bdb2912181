#include "synth/forgery.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include <opencv2/imgproc.hpp>

#include "mrz/builder.hpp"

namespace docverify::synth {

namespace {
constexpr Forgery kAll[] = {Forgery::none,           Forgery::mrz_recomputed,  Forgery::mrz_unrecomputed,
                            Forgery::viz_rewritten,  Forgery::mrz_wrong_font,  Forgery::mrz_wrong_pitch,
                            Forgery::grey_copy,      Forgery::expired,         Forgery::specimen};
// VIZ rows as the page draws them (page.cpp).
constexpr int kVizSurname = 0;
constexpr int kVizBirth = 3;
constexpr int kVizExpiry = 6;

cv::Rect mrz_chars_box(const RenderedPage& page, int line, int first, int count) {
  cv::Rect box;
  for (const CharBox& c : page.chars)
    if (c.line == line && c.column >= first && c.column < first + count && c.box.area() > 0)
      box = box.area() > 0 ? (box | c.box) : c.box;
  return box;
}

// Where the birth date sits in each format's MRZ (0-based line, column).
std::pair<int, int> birth_position(mrz::Format f) {
  switch (f) {
    case mrz::Format::td1: return {1, 0};
    case mrz::Format::fra_id: return {1, 27};
    default: return {1, 13};
  }
}
}  // namespace

std::string_view forgery_name(Forgery f) noexcept {
  switch (f) {
    case Forgery::none: return "none";
    case Forgery::mrz_recomputed: return "mrz_recomputed";
    case Forgery::mrz_unrecomputed: return "mrz_unrecomputed";
    case Forgery::viz_rewritten: return "viz_rewritten";
    case Forgery::mrz_wrong_font: return "mrz_wrong_font";
    case Forgery::mrz_wrong_pitch: return "mrz_wrong_pitch";
    case Forgery::grey_copy: return "grey_copy";
    case Forgery::expired: return "expired";
    case Forgery::specimen: return "specimen";
  }
  return "none";
}

bool parse_forgery(std::string_view name, Forgery& out) noexcept {
  for (Forgery f : kAll) {
    if (forgery_name(f) == name) {
      out = f;
      return true;
    }
  }
  return false;
}

std::vector<Forgery> all_forgeries() { return {std::begin(kAll), std::end(kAll)}; }

ForgeryPlan plan_forgery(Forgery f, Identity& id, Random& rng, const Date& today) {
  ForgeryPlan plan;
  mrz::MrzFieldsInput& fields = id.fields;
  switch (f) {
    case Forgery::none: break;
    case Forgery::mrz_recomputed:
    case Forgery::mrz_unrecomputed: {
      // Make the holder some years younger, in the VIZ and in the MRZ.
      const std::vector<std::string> genuine = mrz::build_mrz(fields).lines;
      Date birth = *parse_iso_date(fields.birth_date);
      birth.year += rng.integer(3, 9);
      if (birth.month == 2 && birth.day == 29) birth.day = 28;
      if (compare_dates(birth, today) >= 0) birth.year -= 12;
      fields.birth_date = format_iso_date(birth);
      if (f == Forgery::mrz_unrecomputed) {
        // Only the six date characters change; every digit stays as the issuer printed it.
        std::vector<std::string> lines = genuine;
        const auto [line, col] = birth_position(fields.format);
        char yymmdd[16];
        std::snprintf(yymmdd, sizeof yymmdd, "%02d%02d%02d", birth.year % 100, birth.month % 100, birth.day % 100);
        lines[static_cast<std::size_t>(line)].replace(static_cast<std::size_t>(col), 6, yymmdd, 6);
        plan.tweaks.mrz_lines = lines;
        plan.description = "birth date changed in the visual zone and the MRZ; check digits not recomputed";
      } else {
        plan.description = "birth date changed in the visual zone and the MRZ; check digits recomputed";
      }
      break;
    }
    case Forgery::viz_rewritten: {
      static constexpr const char* kOther[] = {"Hoffmann", "Lindgren", "Moreno", "Kovač", "Jansen", "Petrov"};
      std::string other = rng.pick(kOther);
      if (other == fields.surname) other = "Brandt";
      plan.tweaks.rewritten_viz_row = kVizSurname;
      plan.tweaks.rewritten_viz_value = other;
      plan.description = "surname in the visual zone erased and reprinted in another font; MRZ unchanged";
      break;
    }
    case Forgery::mrz_wrong_font:
      plan.tweaks.mrz_in_wrong_font = true;
      plan.description = "MRZ retyped in a monospaced font instead of OCR-B";
      break;
    case Forgery::mrz_wrong_pitch:
      plan.tweaks.mrz_pitch_mm = 2.30;
      plan.description = "MRZ printed at 2.30 mm pitch instead of 2.54 mm";
      break;
    case Forgery::grey_copy: plan.description = "greyscale photocopy of a genuine page"; break;
    case Forgery::expired: {
      // Issued ten years before an expiry 1 to 900 days ago.
      const Date expiry = civil_from_days(days_from_civil(today) - rng.integer(1, 900));
      fields.expiry_date = fields.format == mrz::Format::fra_id ? "" : format_iso_date(expiry);
      plan.description = "genuine document past its expiry date";
      break;
    }
    case Forgery::specimen:
      fields.issuing_state = "UTO";
      fields.nationality = "UTO";
      id.issuer_name = "UTOPIA - SPECIMEN";
      plan.description = "specimen document (ICAO specimen codes)";
      break;
  }
  return plan;
}

std::vector<ForgeryRegion> finish_forgery(Forgery f, RenderedPage& page, Random& rng) {
  std::vector<ForgeryRegion> regions;
  auto viz = [&](int row) { return row < static_cast<int>(page.viz_value_boxes.size()) ? page.viz_value_boxes[static_cast<std::size_t>(row)] : cv::Rect(); };
  switch (f) {
    case Forgery::none: break;
    case Forgery::mrz_recomputed:
    case Forgery::mrz_unrecomputed: {
      regions.push_back({"viz.birth_date", viz(kVizBirth)});
      // The MRZ line holding the birth date (the recomputed digits sit there too): the
      // second line in every format.
      regions.push_back({"mrz", mrz_chars_box(page, 1, 0, 44)});
      break;
    }
    case Forgery::viz_rewritten: regions.push_back({"viz.surname", viz(kVizSurname)}); break;
    case Forgery::mrz_wrong_font:
    case Forgery::mrz_wrong_pitch: regions.push_back({"mrz", page.mrz_box}); break;
    case Forgery::grey_copy: {
      // Grey, flatter contrast, toner noise, and the fine background lines lost to the copier.
      cv::Mat grey;
      cv::cvtColor(page.image, grey, cv::COLOR_BGR2GRAY);
      cv::GaussianBlur(grey, grey, cv::Size(0, 0), std::max(0.6, page.dpi / 300.0));
      cv::Mat noisy(grey.size(), CV_8UC1);
      for (int y = 0; y < grey.rows; ++y) {
        const auto* src = grey.ptr<unsigned char>(y);
        auto* dst = noisy.ptr<unsigned char>(y);
        for (int x = 0; x < grey.cols; ++x) {
          const double v = 30.0 + src[x] * 0.82 + rng.normal(0.0, 6.0);
          dst[x] = static_cast<unsigned char>(v < 0 ? 0 : v > 255 ? 255 : v);
        }
      }
      cv::cvtColor(noisy, page.image, cv::COLOR_GRAY2BGR);
      regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)});
      break;
    }
    case Forgery::expired: regions.push_back({"viz.expiry_date", viz(kVizExpiry)}); break;
    case Forgery::specimen: regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)}); break;
  }
  return regions;
}

}  // namespace docverify::synth
