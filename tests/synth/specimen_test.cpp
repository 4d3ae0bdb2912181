// The document generator: deterministic, ground truth consistent with the image, MRZ
// geometry within the ICAO tolerances on the scan profile.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include <opencv2/imgproc.hpp>

#include "mrz/parser.hpp"
#include "synth/specimen.hpp"

namespace docverify::synth {
namespace {

SpecimenOptions options(mrz::Format f, std::uint64_t seed = 7) {
  SpecimenOptions o;
  o.format = f;
  o.seed = seed;
  o.dpi = 300;
  return o;
}

class Generator : public ::testing::TestWithParam<mrz::Format> {
 protected:
  static PageRenderer& renderer() {
    static PageRenderer r;  // fonts load once for the whole suite
    return r;
  }
};

TEST_P(Generator, SameSeedSameDocument) {
  const Specimen a = make_specimen(options(GetParam()), 3, renderer());
  const Specimen b = make_specimen(options(GetParam()), 3, renderer());
  EXPECT_EQ(a.ground_truth, b.ground_truth);
  ASSERT_EQ(a.page.image.size(), b.page.image.size());
  EXPECT_EQ(cv::norm(a.page.image, b.page.image, cv::NORM_INF), 0.0);
  const Specimen c = make_specimen(options(GetParam(), 8), 3, renderer());
  EXPECT_NE(a.ground_truth, c.ground_truth);
}

TEST_P(Generator, GroundTruthMrzIsValidAndMatchesTheFields) {
  for (int i = 0; i < 10; ++i) {
    const Specimen s = make_specimen(options(GetParam()), i, renderer());
    std::string text;
    for (const auto& l : s.page.mrz_lines) text += l + "\n";
    mrz::MrzOptions o;
    o.today = Date{2026, 12, 1};
    const mrz::MrzResult r = mrz::parse_mrz(text, o);
    EXPECT_EQ(r.format, GetParam()) << s.name;
    EXPECT_TRUE(r.valid) << s.name << "\n" << text;
    EXPECT_EQ(r.fields.document_number, s.identity.fields.document_number);
    EXPECT_EQ(r.fields.birth_date.iso(), s.identity.fields.birth_date);
    EXPECT_FALSE(r.verdict.specimen) << s.name;  // fictitious, but not ICAO specimen values
    // In date, the old French card too (its expiry follows from the issue month).
    EXPECT_EQ(r.verdict.status, VerdictStatus::ok) << s.name << "\n" << text;
  }
}

// ICAO 9303 / ISO 1831 geometry (authenticity spec 4.1-4.2), measured on the inked boxes,
// over many documents: the print variations (cut, height, ink weight, jitter) stay inside.
void expect_icao_geometry(const Specimen& s, mrz::Format format) {
  SCOPED_TRACE(s.name);
  const double px_per_mm = s.page.dpi / 25.4;
  const mrz::PageGeometry g = mrz::page_geometry(format);
  const double page_h = s.page.image.rows / px_per_mm;
  EXPECT_NEAR(s.page.image.cols / px_per_mm, g.width_mm, 0.75);
  EXPECT_NEAR(page_h, g.height_mm, 0.75);
  std::map<int, std::vector<cv::Rect>> by_line;
  for (const CharBox& c : s.page.chars)
    if (c.ch != '<' && c.box.area() > 0) by_line[c.line].push_back(c.box);
  ASSERT_EQ(by_line.size(), s.page.mrz_lines.size());
  for (auto& [line, boxes] : by_line) {
    std::sort(boxes.begin(), boxes.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
    // Line centre above the bottom edge.
    double centre = 0;
    for (const auto& b : boxes) centre += b.y + b.height / 2.0;
    centre = page_h - centre / static_cast<double>(boxes.size()) / px_per_mm;
    EXPECT_NEAR(centre, g.line_centres_mm[static_cast<std::size_t>(line)], 0.65) << "line " << line;
    // Character height about 2.46 mm (capitals) to 2.66 mm (digits).
    for (const auto& b : boxes) EXPECT_NEAR(b.height / px_per_mm, 2.5, 0.35) << "line " << line;
    // Baselines of neighbours within 0.65 mm, whole line within 1.30 mm.
    int lo = boxes.front().br().y, hi = lo;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      lo = std::min(lo, boxes[i].br().y), hi = std::max(hi, boxes[i].br().y);
      if (i > 0) {
        EXPECT_LE(std::abs(boxes[i].br().y - boxes[i - 1].br().y) / px_per_mm, 0.65) << "line " << line;
      }
    }
    EXPECT_LE((hi - lo) / px_per_mm, 1.30);
  }
  // First character cell from the left edge and the 2.54 mm pitch.
  const CharBox* first = nullptr;
  const CharBox* last = nullptr;
  for (const CharBox& c : s.page.chars) {
    if (c.line != 0 || c.ch == '<' || c.box.area() == 0) continue;
    if (!first) first = &c;
    last = &c;
  }
  ASSERT_TRUE(first && last && last != first);
  const double cell_left_mm = (first->box.x + first->box.width / 2.0) / px_per_mm - 2.54 / 2 - first->column * 2.54;
  EXPECT_NEAR(cell_left_mm, g.first_char_mm, 1.0);
  const double pitch_mm = ((last->box.x + last->box.width / 2.0) - (first->box.x + first->box.width / 2.0)) /
                          static_cast<double>(last->column - first->column) / px_per_mm;
  EXPECT_NEAR(pitch_mm, 2.54, 0.05);
}

TEST_P(Generator, MrzGeometryWithinIcaoTolerances) {
  for (int i = 0; i < 16; ++i) expect_icao_geometry(make_specimen(options(GetParam()), i, renderer()), GetParam());
  SpecimenOptions low = options(GetParam(), 3);
  low.dpi = 200;
  for (int i = 0; i < 4; ++i) expect_icao_geometry(make_specimen(low, i, renderer()), GetParam());
}

INSTANTIATE_TEST_SUITE_P(AllFormats, Generator,
                         ::testing::Values(mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrva,
                                           mrz::Format::mrvb, mrz::Format::fra_id),
                         [](const auto& p) { return std::string(mrz::format_name(p.param)); });

}  // namespace
}  // namespace docverify::synth

namespace docverify::synth {
namespace {

mrz::MrzResult parse_truth(const Specimen& s) {
  std::string text;
  for (const auto& l : s.page.mrz_lines) text += l + "\n";
  mrz::MrzOptions o;
  o.today = Date{2026, 12, 1};
  return mrz::parse_mrz(text, o);
}

class Forgeries : public ::testing::TestWithParam<Forgery> {
 protected:
  static PageRenderer& renderer() {
    static PageRenderer r;
    return r;
  }
  Specimen make(int index = 0) const {
    SpecimenOptions o;
    o.format = mrz::Format::td3;
    o.seed = 21;
    o.dpi = 200;
    o.forgery = GetParam();
    return make_specimen(o, index, renderer());
  }
};

TEST_P(Forgeries, DeterministicAndDescribed) {
  const Specimen a = make(2), b = make(2);
  EXPECT_EQ(a.ground_truth, b.ground_truth);
  EXPECT_EQ(cv::norm(a.page.image, b.page.image, cv::NORM_INF), 0.0);
  EXPECT_NE(a.ground_truth.find("\"type\":\"" + std::string(forgery_name(GetParam())) + "\""), std::string::npos);
  if (GetParam() != Forgery::none) {
    EXPECT_FALSE(a.forgery_description.empty());
    ASSERT_FALSE(a.forgery_regions.empty());
    for (const auto& r : a.forgery_regions) EXPECT_GT(r.box.area(), 0) << r.what;
  } else {
    EXPECT_TRUE(a.forgery_regions.empty());
  }
}

// The ground truth says what the engine must be able to find, and what it cannot.
TEST_P(Forgeries, GroundTruthMatchesWhatWasForged) {
  for (int i = 0; i < 5; ++i) {
    const Specimen s = make(i);
    const mrz::MrzResult r = parse_truth(s);
    SCOPED_TRACE(s.name);
    switch (GetParam()) {
      case Forgery::mrz_unrecomputed:
        EXPECT_FALSE(r.valid);  // the birth-date digit no longer fits
        EXPECT_EQ(r.check_digits[1].status, mrz::CheckDigitStatus::fail);
        break;
      case Forgery::mrz_recomputed:
        EXPECT_TRUE(r.valid);   // internally consistent: only print or other sources can tell
        EXPECT_EQ(r.fields.birth_date.iso(), s.identity.fields.birth_date);
        break;
      case Forgery::expired:
        EXPECT_TRUE(r.valid);
        EXPECT_EQ(r.verdict.status, VerdictStatus::error);
        break;
      case Forgery::specimen:
        EXPECT_TRUE(r.verdict.specimen);
        break;
      case Forgery::grey_copy: {
        std::vector<cv::Mat> ch;
        cv::split(s.page.image, ch);
        EXPECT_EQ(cv::norm(ch[0], ch[1], cv::NORM_INF), 0.0);
        EXPECT_TRUE(r.valid);
        break;
      }
      case Forgery::mrz_wrong_pitch: {
        const CharBox* first = nullptr;
        const CharBox* last = nullptr;
        for (const CharBox& c : s.page.chars) {
          if (c.line != 0 || c.ch == '<' || c.box.area() == 0) continue;
          if (!first) first = &c;
          last = &c;
        }
        ASSERT_TRUE(first && last && first != last);
        const double pitch_mm = ((last->box.x + last->box.width / 2.0) - (first->box.x + first->box.width / 2.0)) /
                                static_cast<double>(last->column - first->column) / (s.page.dpi / 25.4);
        EXPECT_NEAR(pitch_mm, 2.30, 0.05);
        break;
      }
      default:
        EXPECT_TRUE(r.valid);
        break;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kit, Forgeries, ::testing::ValuesIn(all_forgeries()),
                         [](const auto& p) { return std::string(forgery_name(p.param)); });

}  // namespace
}  // namespace docverify::synth

namespace docverify::synth {
namespace {

TEST(KioskCapture, InfraredAndUltravioletCompanionsLineUp) {
  static PageRenderer renderer;
  SpecimenOptions o;
  o.format = mrz::Format::td3;
  o.seed = 5;
  o.dpi = 200;
  o.capture = Capture::kiosk;
  const Specimen s = make_specimen(o, 1, renderer);
  ASSERT_FALSE(s.infrared.empty());
  ASSERT_FALSE(s.ultraviolet.empty());
  EXPECT_EQ(s.infrared.size(), s.page.image.size());
  EXPECT_EQ(s.ultraviolet.size(), s.page.image.size());
  EXPECT_NE(s.ground_truth.find("\"infrared\":\"" + s.name + "_ir.png\""), std::string::npos);

  cv::Mat ir;
  cv::cvtColor(s.infrared, ir, cv::COLOR_BGR2GRAY);
  // B900: the MRZ stays black...
  double mrz_min = 0;
  cv::minMaxLoc(ir(s.page.mrz_box), &mrz_min);
  EXPECT_LT(mrz_min, 60.0);
  // ...and the coloured background printing is gone: above the MRZ, apart from the portrait
  // and the VIZ values in carbon ink, IR sees plain paper.
  cv::Mat paper_only(s.page.image.size(), CV_8UC1, cv::Scalar(0));
  paper_only(cv::Rect(0, 0, s.page.image.cols, s.page.mrz_box.y - 10)).setTo(255);
  const cv::Rect page_rect(0, 0, s.page.image.cols, s.page.image.rows);
  const auto exclude = [&](const cv::Rect& r) {
    paper_only((cv::Rect(r.x - 4, r.y - 4, r.width + 8, r.height + 8)) & page_rect).setTo(0);
  };
  exclude(s.page.portrait_box);
  for (const cv::Rect& r : s.page.viz_value_boxes) exclude(r);
  cv::Scalar mean, sd;
  cv::meanStdDev(ir, mean, sd, paper_only);
  EXPECT_LT(sd[0], 3.0);
  cv::Mat visible_grey;
  cv::cvtColor(s.page.image, visible_grey, cv::COLOR_BGR2GRAY);
  cv::meanStdDev(visible_grey, mean, sd, paper_only);
  EXPECT_GT(sd[0], 3.0);  // the visible page does have a pattern there

  // UV: dull paper with bright fibres and the issuer's pattern.
  cv::Mat uv;
  cv::cvtColor(s.ultraviolet, uv, cv::COLOR_BGR2GRAY);
  EXPECT_LT(cv::mean(uv)[0], 70.0);
  EXPECT_GT(cv::countNonZero(uv > 150), 1000);

  // Deterministic like the visible page.
  const Specimen again = make_specimen(o, 1, renderer);
  EXPECT_EQ(cv::norm(again.infrared, s.infrared, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(again.ultraviolet, s.ultraviolet, cv::NORM_INF), 0.0);
  // The visible page of a kiosk capture is the scan page: companions do not disturb it.
  o.capture = Capture::scan;
  EXPECT_EQ(cv::norm(make_specimen(o, 1, renderer).page.image, s.page.image, cv::NORM_INF), 0.0);
}

}  // namespace
}  // namespace docverify::synth

namespace docverify::synth {
namespace {

TEST(PhoneCapture, PhotoWithQuadsAndParameters) {
  static PageRenderer renderer;
  SpecimenOptions o;
  o.format = mrz::Format::td1;
  o.seed = 17;
  o.capture = Capture::phone;
  for (int i = 0; i < 6; ++i) {
    const Specimen s = make_specimen(o, i, renderer);
    SCOPED_TRACE(s.name);
    ASSERT_TRUE(s.has_photo);
    ASSERT_FALSE(s.photo.jpeg.empty());
    EXPECT_GE(s.photo.mrz_char_px, 14.0);
    EXPECT_LE(s.photo.tilt_deg, 25.0);
    EXPECT_GE(s.photo.jpeg_quality, 40);
    EXPECT_LE(s.photo.jpeg_quality, 95);
    ASSERT_EQ(s.photo.document_quad.size(), 4U);
    ASSERT_EQ(s.photo.mrz_quad.size(), 4U);
    // The MRZ quad lies inside the document quad.
    std::vector<cv::Point2f> doc;
    for (const auto& p : s.photo.document_quad) doc.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    for (const auto& p : s.photo.mrz_quad)
      EXPECT_GE(cv::pointPolygonTest(doc, cv::Point2f(static_cast<float>(p.x), static_cast<float>(p.y)), true), -1.0);
    // The MRZ is darker than the page around it in the photo (ink is where the quad says).
    std::vector<cv::Point> mrz;
    for (const auto& p : s.photo.mrz_quad) mrz.emplace_back(static_cast<int>(p.x), static_cast<int>(p.y));
    cv::Mat mask = cv::Mat::zeros(s.photo.image.size(), CV_8UC1);
    cv::fillConvexPoly(mask, mrz, cv::Scalar(255));
    cv::Mat grey;
    cv::cvtColor(s.photo.image, grey, cv::COLOR_BGR2GRAY);
    double lo = 0, hi = 0;
    cv::minMaxLoc(grey, &lo, &hi, nullptr, nullptr, mask);
    EXPECT_GT(hi - lo, 60.0);  // dark strokes on bright paper inside the quad
    EXPECT_NE(s.ground_truth.find("\"profile\":\"phone\""), std::string::npos);
  }
  const Specimen a = make_specimen(o, 2, renderer), b = make_specimen(o, 2, renderer);
  EXPECT_EQ(a.photo.jpeg, b.photo.jpeg);
}

TEST(PhoneCapture, NoDocumentScenes) {
  static PageRenderer renderer;
  SpecimenOptions o;
  o.capture = Capture::no_document;
  const Specimen s = make_specimen(o, 0, renderer);
  ASSERT_TRUE(s.has_photo);
  EXPECT_TRUE(s.photo.document_quad.empty());
  EXPECT_NE(s.ground_truth.find("\"document\":false"), std::string::npos);
  EXPECT_NE(s.ground_truth.find("\"document_quad\":[]"), std::string::npos);
}

}  // namespace
}  // namespace docverify::synth

namespace docverify::synth {
namespace {

Specimen forged(Forgery f, Capture c = Capture::scan) {
  static PageRenderer renderer;
  SpecimenOptions o;
  o.format = mrz::Format::td3;
  o.seed = 31;
  o.dpi = 200;
  o.forgery = f;
  o.capture = c;
  return make_specimen(o, 0, renderer);
}

// Image-level forgeries change only what they say they change.
TEST(ForgeryRegions, PhotoSwapAndCopyMoveStayInTheirRegions) {
  const Specimen genuine = forged(Forgery::none);
  for (Forgery f : {Forgery::photo_swap, Forgery::copy_move}) {
    const Specimen s = forged(f);
    ASSERT_EQ(s.forgery_regions.size(), 1U);
    const cv::Rect r = s.forgery_regions[0].box;
    cv::Mat diff;
    cv::absdiff(s.page.image, genuine.page.image, diff);
    cv::cvtColor(diff, diff, cv::COLOR_BGR2GRAY);
    EXPECT_GT(cv::countNonZero(diff(r)), 0) << forgery_name(f);
    diff(r).setTo(0);
    EXPECT_EQ(cv::countNonZero(diff), 0) << forgery_name(f) << ": changes outside the region";
  }
}

TEST(ForgeryRegions, KioskCounterfeitsShowInTheirLight) {
  const Specimen genuine = forged(Forgery::none, Capture::kiosk);
  const Specimen ir = forged(Forgery::ir_transparent_ink, Capture::kiosk);
  double lo_genuine = 0, lo_forged = 0;
  cv::Mat g1, g2;
  cv::cvtColor(genuine.infrared(genuine.page.mrz_box), g1, cv::COLOR_BGR2GRAY);
  cv::cvtColor(ir.infrared(ir.page.mrz_box), g2, cv::COLOR_BGR2GRAY);
  cv::minMaxLoc(g1, &lo_genuine);
  cv::minMaxLoc(g2, &lo_forged);
  EXPECT_LT(lo_genuine, 60.0);
  EXPECT_GT(lo_forged, 150.0);  // nothing absorbs: the MRZ is gone in IR
  EXPECT_EQ(cv::norm(ir.page.image, genuine.page.image, cv::NORM_INF), 0.0);  // visible page alike
  const Specimen uv = forged(Forgery::uv_bright_paper, Capture::kiosk);
  EXPECT_LT(cv::mean(genuine.ultraviolet)[0], 70.0);
  EXPECT_GT(cv::mean(uv.ultraviolet)[0], 150.0);
}

}  // namespace
}  // namespace docverify::synth
