#include "synth/forgery.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "mrz/builder.hpp"
#include "synth/noise.hpp"

namespace docverify::synth {

namespace {
// In DV_FORGERY_* order: the C API's numbers index this list.
constexpr Forgery kAll[] = {Forgery::none,           Forgery::mrz_recomputed,   Forgery::mrz_unrecomputed,
                            Forgery::viz_rewritten,  Forgery::mrz_wrong_font,   Forgery::mrz_wrong_pitch,
                            Forgery::grey_copy,      Forgery::expired,          Forgery::specimen,
                            Forgery::photo_swap,     Forgery::copy_move,        Forgery::screen_recapture,
                            Forgery::colour_copy,    Forgery::ir_transparent_ink, Forgery::uv_bright_paper};
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
    case Forgery::photo_swap: return "photo_swap";
    case Forgery::copy_move: return "copy_move";
    case Forgery::screen_recapture: return "screen_recapture";
    case Forgery::colour_copy: return "colour_copy";
    case Forgery::ir_transparent_ink: return "ir_transparent_ink";
    case Forgery::uv_bright_paper: return "uv_bright_paper";
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
      // The old French card prints its issue month (the number's YYMM) instead: ten years
      // before an expiry that has passed (before 2004, when adults' cards got 15 years).
      if (fields.format == mrz::Format::fra_id && fields.document_number.size() >= 4) {
        const int year = std::min(expiry.year - 10, 2003);
        char yymm[8];
        std::snprintf(yymm, sizeof yymm, "%02d%02d", ((year % 100) + 100) % 100, expiry.month);
        fields.document_number.replace(0, 4, yymm);
      }
      plan.description = "genuine document past its expiry date";
      break;
    }
    case Forgery::specimen:
      fields.issuing_state = "UTO";
      fields.nationality = "UTO";
      id.issuer_name = "UTOPIA - SPECIMEN";
      plan.description = "specimen document (ICAO specimen codes)";
      break;
    case Forgery::photo_swap: plan.description = "portrait replaced by another with other noise and JPEG history"; break;
    case Forgery::copy_move: plan.description = "a digit of the visual-zone birth date copied over another digit"; break;
    case Forgery::screen_recapture: plan.description = "page photographed off a screen (moire, pixel grid, gamma)"; break;
    case Forgery::colour_copy: plan.description = "colour photocopy: fine background lines lost, halftone dots"; break;
    case Forgery::ir_transparent_ink:
      plan.tweaks.mrz_ir_transparent = true;
      plan.description = "counterfeit: MRZ printed in IR-transparent ink (missing in the kiosk's infrared image)";
      break;
    case Forgery::uv_bright_paper:
      plan.tweaks.uv_bright_paper = true;
      plan.description = "counterfeit on optically brightened paper (glows in the kiosk's ultraviolet image)";
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
      grey.convertTo(grey, -1, 0.82, 30.0);  // flatter contrast, greyer whites
      add_gaussian_noise(grey, 6.0, rng);
      cv::cvtColor(grey, page.image, cv::COLOR_GRAY2BGR);
      regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)});
      break;
    }
    case Forgery::expired: regions.push_back({"viz.expiry_date", viz(kVizExpiry)}); break;
    case Forgery::specimen: regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)}); break;
    case Forgery::photo_swap: {
      // Another face pasted in: different colours, then its own noise and a harsher JPEG.
      const cv::Rect box = page.portrait_box;
      cv::Mat roi = page.image(box);
      cv::Mat other = roi.clone();
      cv::Mat hsv;
      cv::cvtColor(other, hsv, cv::COLOR_BGR2HSV);
      std::vector<cv::Mat> ch;
      cv::split(hsv, ch);
      ch[0] += cv::Scalar(rng.integer(20, 60));
      cv::merge(ch, hsv);
      cv::cvtColor(hsv, other, cv::COLOR_HSV2BGR);
      cv::flip(other, other, 1);
      add_gaussian_noise(other, rng.uniform(4.0, 9.0), rng);
      std::vector<unsigned char> jpeg;
      cv::imencode(".jpg", other, jpeg, {cv::IMWRITE_JPEG_QUALITY, rng.integer(30, 60)});
      cv::imdecode(jpeg, cv::IMREAD_COLOR).copyTo(roi);
      regions.push_back({"portrait", box});
      break;
    }
    case Forgery::copy_move: {
      // Copy one digit of the VIZ birth date over another (the year's last two, say).
      const cv::Rect value = viz(kVizBirth);
      if (value.width > 8) {
        const int digit_w = value.width / 10;  // "YYYY-MM-DD": ten glyphs
        const cv::Rect src(value.x + 2 * digit_w, value.y, digit_w, value.height);
        const cv::Rect dst(value.x + 3 * digit_w, value.y, digit_w, value.height);
        page.image(src).clone().copyTo(page.image(dst));
        regions.push_back({"viz.birth_date", dst});
      }
      break;
    }
    case Forgery::screen_recapture: {
      // A display's pixel grid and the moire it makes with the camera, plus a gamma shift.
      const double period = std::max(2.5, page.dpi / 100.0) * rng.uniform(1.0, 1.6);
      const double angle = rng.uniform(-0.3, 0.3);
      const double gamma = rng.uniform(0.75, 0.9);
      cv::Mat out(page.image.size(), CV_8UC3);
      for (int y = 0; y < page.image.rows; ++y) {
        const auto* src = page.image.ptr<cv::Vec3b>(y);
        auto* dst = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < page.image.cols; ++x) {
          const double u = x * std::cos(angle) + y * std::sin(angle);
          const double moire = 0.88 + 0.12 * std::cos(2 * 3.14159265 * u / period);
          for (int k = 0; k < 3; ++k) {
            const double subpixel = (x % 3 == k) ? 1.0 : 0.86;  // RGB stripes
            const double v = 255.0 * std::pow(src[x][k] / 255.0, gamma) * moire * subpixel;
            dst[x][k] = static_cast<unsigned char>(v > 255 ? 255 : v);
          }
        }
      }
      page.image = out;
      regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)});
      break;
    }
    case Forgery::colour_copy: {
      // The copier loses fine lines and prints with halftone dots.
      cv::Mat blurred;
      cv::GaussianBlur(page.image, blurred, cv::Size(0, 0), std::max(1.0, page.dpi / 150.0));
      const int cell = std::max(3, static_cast<int>(page.dpi / 60.0));
      for (int y = 0; y < blurred.rows; ++y) {
        auto* p = blurred.ptr<cv::Vec3b>(y);
        for (int x = 0; x < blurred.cols; ++x) {
          const double dx = (x % cell) - cell / 2.0, dy = (y % cell) - cell / 2.0;
          const double r = std::sqrt(dx * dx + dy * dy) / (cell / 2.0);
          for (int k = 0; k < 3; ++k) {
            const double ink = 1.0 - p[x][k] / 255.0;  // dot radius follows ink coverage
            p[x][k] = r < std::sqrt(ink) * 1.1 ? static_cast<unsigned char>(p[x][k] * 0.8) : static_cast<unsigned char>(std::min(255.0, p[x][k] * 1.08));
          }
        }
      }
      page.image = blurred;
      regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)});
      break;
    }
    case Forgery::ir_transparent_ink: regions.push_back({"mrz", page.mrz_box}); break;
    case Forgery::uv_bright_paper: regions.push_back({"page", cv::Rect(0, 0, page.image.cols, page.image.rows)}); break;
  }
  return regions;
}

}  // namespace docverify::synth
