// The looks of the generated pages: layout variants, issuer emblems, microtext, the barcode
// area, pages without MRZ, and the standard corpora.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"
#include "synth/corpus.hpp"
#include "synth/specimen.hpp"

namespace docverify::synth {
namespace {

PageRenderer& shared_renderer() {
  static PageRenderer r;  // fonts load once
  return r;
}

SpecimenOptions options(mrz::Format f, std::uint64_t seed, double dpi = 150) {
  SpecimenOptions o;
  o.format = f;
  o.seed = seed;
  o.dpi = dpi;
  return o;
}

constexpr mrz::Format kFormats[] = {mrz::Format::td1, mrz::Format::td2,  mrz::Format::td3,
                                    mrz::Format::mrva, mrz::Format::mrvb, mrz::Format::fra_id};

bool disjoint(const cv::Rect& a, const cv::Rect& b) { return (a & b).area() == 0; }

class Looks : public ::testing::TestWithParam<mrz::Format> {};

TEST_P(Looks, BarcodeAreaInsideThePageAndClearOfEverythingElse) {
  SpecimenOptions o = options(GetParam(), 5);
  o.barcode_area = FeatureChoice::on;
  const mrz::PageGeometry g = mrz::page_geometry(GetParam());
  for (int i = 0; i < 24; ++i) {
    const Specimen s = make_specimen(o, i, shared_renderer());
    SCOPED_TRACE(s.name);
    const cv::Rect page(0, 0, s.page.image.cols, s.page.image.rows);
    const cv::Rect b = s.page.barcode_box;
    ASSERT_GT(b.area(), 0);
    EXPECT_EQ(b & page, b);
    // Not in the MRZ clear zone (9303-3), let alone on the MRZ.
    const double px_per_mm = s.page.dpi / 25.4;
    const int zone_top = static_cast<int>(s.page.image.rows - (g.line_centres_mm.front() + 3.0) * px_per_mm);
    EXPECT_LE(b.br().y, zone_top);
    EXPECT_TRUE(disjoint(b, s.page.mrz_box));
    EXPECT_TRUE(disjoint(b, s.page.portrait_box));
    EXPECT_TRUE(disjoint(b, s.page.signature_box));
    EXPECT_TRUE(disjoint(b, s.page.emblem_box));
    for (const cv::Rect& v : s.page.viz_value_boxes) EXPECT_TRUE(disjoint(b, v));
    // Square enough for a 2D code, and at least 12 mm on a side.
    EXPECT_GE(b.width / px_per_mm, 12.0);
    EXPECT_NEAR(static_cast<double>(b.width) / b.height, 1.0, 0.05);
    EXPECT_NE(s.ground_truth.find("\"barcode_box\":[" + std::to_string(b.x) + ","), std::string::npos);
  }
  o.barcode_area = FeatureChoice::off;
  const Specimen none = make_specimen(o, 0, shared_renderer());
  EXPECT_EQ(none.page.barcode_box.area(), 0);
  EXPECT_NE(none.ground_truth.find("\"barcode_box\":null"), std::string::npos);
}

TEST_P(Looks, PageElementsDoNotOverlapAndStayOnThePage) {
  for (int i = 0; i < 24; ++i) {
    const Specimen s = make_specimen(options(GetParam(), 9), i, shared_renderer());
    SCOPED_TRACE(s.name);
    const cv::Rect page(0, 0, s.page.image.cols, s.page.image.rows);
    const std::vector<cv::Rect> parts = {s.page.portrait_box, s.page.signature_box, s.page.emblem_box, s.page.mrz_box};
    for (const cv::Rect& r : parts) EXPECT_EQ(r & page, r);
    for (std::size_t a = 0; a < parts.size(); ++a)
      for (std::size_t b = a + 1; b < parts.size(); ++b) EXPECT_TRUE(disjoint(parts[a], parts[b])) << a << " " << b;
    for (const cv::Rect& v : s.page.viz_value_boxes) {
      EXPECT_EQ(v & page, v);
      EXPECT_TRUE(disjoint(v, s.page.portrait_box));
      EXPECT_TRUE(disjoint(v, s.page.signature_box));
      EXPECT_TRUE(disjoint(v, s.page.mrz_box));
    }
    if (s.page.microtext_box.area() > 0) {
      EXPECT_TRUE(disjoint(s.page.microtext_box, s.page.mrz_box));
      EXPECT_TRUE(disjoint(s.page.microtext_box, s.page.portrait_box));
    }
  }
}

TEST_P(Looks, MicrotextLineWhenAsked) {
  SpecimenOptions o = options(GetParam(), 12, 300);
  o.microtext = FeatureChoice::on;
  for (int i = 0; i < 4; ++i) {
    const Specimen s = make_specimen(o, i, shared_renderer());
    SCOPED_TRACE(s.name);
    const cv::Rect m = s.page.microtext_box;
    ASSERT_GT(m.area(), 0);
    const double px_per_mm = s.page.dpi / 25.4;
    EXPECT_LE(m.height / px_per_mm, 0.8);            // 0.3-0.5 mm capitals, a line to the eye
    EXPECT_GE(m.width / px_per_mm, mrz::page_geometry(GetParam()).width_mm * 0.6);
    // The issuer's name, repeated.
    const std::string& name = s.identity.issuer_name;
    const std::size_t first = s.page.microtext.find(name);
    ASSERT_NE(first, std::string::npos);
    EXPECT_NE(s.page.microtext.find(name, first + name.size()), std::string::npos);
    // Inked: darker than the paper around it.
    cv::Mat grey;
    cv::cvtColor(s.page.image(m), grey, cv::COLOR_BGR2GRAY);
    double lo = 0, hi = 0;
    cv::minMaxLoc(grey, &lo, &hi);
    EXPECT_GT(hi - lo, 40.0);
    EXPECT_NE(s.ground_truth.find("\"microtext\":{\"text\":"), std::string::npos);
  }
  o.microtext = FeatureChoice::off;
  const Specimen none = make_specimen(o, 0, shared_renderer());
  EXPECT_EQ(none.page.microtext_box.area(), 0);
  EXPECT_NE(none.ground_truth.find("\"microtext\":null"), std::string::npos);
}

TEST_P(Looks, PagesWithoutMrz) {
  SpecimenOptions o = options(GetParam(), 4);
  o.without_mrz = true;
  const Specimen s = make_specimen(o, 0, shared_renderer());
  EXPECT_TRUE(s.page.mrz_lines.empty());
  EXPECT_TRUE(s.page.chars.empty());
  EXPECT_EQ(s.page.mrz_box.area(), 0);
  EXPECT_NE(s.ground_truth.find("\"mrz_printed\":false"), std::string::npos);
  EXPECT_NE(s.name.find("-nomrz-"), std::string::npos);
  // The MRZ zone is blank paper: nothing dark there.
  const mrz::PageGeometry g = mrz::page_geometry(GetParam());
  const int zone_top = static_cast<int>(s.page.image.rows - (g.line_centres_mm.front() + 3.0) * s.page.dpi / 25.4);
  cv::Mat grey;
  cv::cvtColor(s.page.image(cv::Rect(0, zone_top + 2, s.page.image.cols, s.page.image.rows - zone_top - 2)), grey,
               cv::COLOR_BGR2GRAY);
  double lo = 0;
  cv::minMaxLoc(grey, &lo);
  EXPECT_GT(lo, 150.0);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, Looks, ::testing::ValuesIn(kFormats),
                         [](const auto& p) { return std::string(mrz::format_name(p.param)); });

TEST(Looks, LayoutsAndPrintVaryAcrossDocuments) {
  std::set<bool> portrait_sides, barcode, microtext, mrz_cuts;
  std::set<TextFont> caption_fonts, value_fonts;
  std::set<std::string> languages, backgrounds;
  std::set<int> portrait_x, mrz_cap_heights;
  for (int i = 0; i < 50; ++i) {
    const Specimen s = make_specimen(options(mrz::Format::td3, 100), i, shared_renderer());
    portrait_sides.insert(s.style.portrait_right);
    portrait_x.insert(s.page.portrait_box.x);
    barcode.insert(s.page.barcode_box.area() > 0);
    microtext.insert(s.page.microtext_box.area() > 0);
    mrz_cuts.insert(s.style.mrz.sharp_cut);
    caption_fonts.insert(s.style.caption_font);
    value_fonts.insert(s.style.value_font);
    languages.insert(s.style.caption_languages);
    backgrounds.insert(std::to_string(s.style.rosette) + std::to_string(s.style.waves) + std::to_string(s.style.rings) +
                       std::to_string(s.style.crosshatch));
    mrz_cap_heights.insert(static_cast<int>(s.style.mrz.cap_height_mm * 100));
  }
  EXPECT_EQ(portrait_sides.size(), 2U);
  EXPECT_GE(portrait_x.size(), 10U);  // side and size both vary
  EXPECT_EQ(barcode.size(), 2U);
  EXPECT_EQ(microtext.size(), 2U);
  EXPECT_EQ(mrz_cuts.size(), 2U);
  EXPECT_GE(caption_fonts.size(), 4U);
  EXPECT_GE(value_fonts.size(), 4U);
  EXPECT_GE(languages.size(), 5U);
  EXPECT_GE(backgrounds.size(), 5U);
  EXPECT_GE(mrz_cap_heights.size(), 8U);
}

TEST(Looks, StyleIsDeterministicAndForcingAFeatureKeepsTheRest) {
  SpecimenOptions o = options(mrz::Format::td1, 33);
  const Specimen a = make_specimen(o, 2, shared_renderer());
  const Specimen b = make_specimen(o, 2, shared_renderer());
  EXPECT_EQ(encode_png(a.page.image), encode_png(b.page.image));  // byte-identical
  EXPECT_EQ(a.ground_truth, b.ground_truth);
  o.barcode_area = a.page.barcode_box.area() > 0 ? FeatureChoice::off : FeatureChoice::on;
  const Specimen c = make_specimen(o, 2, shared_renderer());
  EXPECT_EQ(c.identity.fields.document_number, a.identity.fields.document_number);
  EXPECT_EQ(c.style.portrait_right, a.style.portrait_right);
  EXPECT_EQ(c.style.mrz.cap_height_mm, a.style.mrz.cap_height_mm);
  EXPECT_NE(c.page.barcode_box.area() > 0, a.page.barcode_box.area() > 0);
}

TEST(IssuerDesigns, StablePerIssuerAndSeedDifferentAcrossIssuers) {
  const char* issuers[] = {"NLD", "D", "FRA", "ESP", "POL", "SWE", "RUS", "GRC", "GBR"};
  std::set<std::tuple<int, int, int, int>> looks;
  std::vector<cv::Mat> drawn;
  for (const char* code : issuers) {
    const IssuerDesign d = issuer_design(code, 1);
    const IssuerDesign again = issuer_design(code, 1);
    EXPECT_EQ(d.key, again.key);
    EXPECT_EQ(d.primary, again.primary);
    looks.insert({static_cast<int>(d.shape), static_cast<int>(d.primary[0]), static_cast<int>(d.primary[2]), d.points});
    cv::Mat img(120, 120, CV_8UC3, cv::Scalar(255, 255, 255));
    draw_emblem(img, cv::Rect(10, 10, 100, 100), d);
    // An emblem is drawn: a good part of its box is inked.
    cv::Mat grey;
    cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
    EXPECT_GT(cv::countNonZero(grey < 230), 1000) << code;  // a tenth of its box inked or more
    drawn.push_back(img);
  }
  EXPECT_GE(looks.size(), 7U);  // nearly every issuer looks different
  int differing_pairs = 0, pairs = 0;
  for (std::size_t a = 0; a < drawn.size(); ++a)
    for (std::size_t b = a + 1; b < drawn.size(); ++b, ++pairs) differing_pairs += cv::norm(drawn[a], drawn[b], cv::NORM_INF) > 0;
  EXPECT_EQ(differing_pairs, pairs);
  // Another corpus seed redraws the issuer's look.
  int changed = 0;
  for (const char* code : issuers) changed += issuer_design(code, 1).key != issuer_design(code, 2).key;
  EXPECT_EQ(changed, 9);
}

TEST(IssuerDesigns, PagesCarryTheirIssuersEmblem) {
  SpecimenOptions o = options(mrz::Format::td3, 21);
  for (int i = 0; i < 6; ++i) {
    const Specimen s = make_specimen(o, i, shared_renderer());
    const IssuerDesign expected = issuer_design(s.identity.fields.issuing_state, o.seed);
    EXPECT_EQ(s.style.issuer.key, expected.key);
    ASSERT_GT(s.page.emblem_box.area(), 0);
    cv::Mat grey;
    cv::cvtColor(s.page.image(s.page.emblem_box), grey, cv::COLOR_BGR2GRAY);
    double lo = 0, hi = 0;
    cv::minMaxLoc(grey, &lo, &hi);
    EXPECT_GT(hi - lo, 40.0) << s.name;
    EXPECT_NE(s.ground_truth.find("\"emblem\":{\"shape\":\"" + std::string(emblem_shape_name(expected.shape))),
              std::string::npos);
  }
}

TEST(PhoneLooks, BarcodeQuadLiesInTheDocumentQuad) {
  SpecimenOptions o = options(mrz::Format::td3, 8, 300);
  o.capture = Capture::phone;
  o.barcode_area = FeatureChoice::on;
  const Specimen s = make_specimen(o, 1, shared_renderer());
  const std::vector<cv::Point2d> quad = map_box(s.photo.page_to_photo, s.page.barcode_box);
  ASSERT_EQ(quad.size(), 4U);
  std::vector<cv::Point2f> doc;
  for (const auto& p : s.photo.document_quad) doc.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  for (const auto& p : quad)
    EXPECT_GE(cv::pointPolygonTest(doc, cv::Point2f(static_cast<float>(p.x), static_cast<float>(p.y)), true), -1.0);
  // The MRZ quad is the same mapping as before.
  const std::vector<cv::Point2d> mrz = map_box(s.photo.page_to_photo, s.page.mrz_box);
  for (std::size_t k = 0; k < 4; ++k) EXPECT_NEAR(mrz[k].x, s.photo.mrz_quad[k].x, 1e-9);
  EXPECT_NE(s.ground_truth.find("\"barcode_quad\":[["), std::string::npos);
}

TEST(Corpora, StandardCorporaAreLargeAndCoverEveryFormat) {
  for (const std::string& name : corpus_names()) {
    SCOPED_TRACE(name);
    const Corpus c = standard_corpus(name);
    EXPECT_GE(c.size(), 500);
    std::set<mrz::Format> formats;
    std::set<std::tuple<int, int, std::uint64_t>> runs;  // no two entries draw the same documents
    for (const CorpusEntry& e : c.entries) {
      EXPECT_GT(e.count, 0);
      if (e.capture != Capture::no_document) formats.insert(e.format);
      EXPECT_TRUE(runs.insert({static_cast<int>(e.format), static_cast<int>(e.capture), e.seed}).second);
      if (name == "scan" || name == "kiosk" || name == "phone") {
        EXPECT_EQ(capture_name(e.capture), name);
      }
    }
    EXPECT_EQ(formats.size(), 6U);
    EXPECT_EQ(corpus_entries(name).size(), c.entries.size());
  }
  // Per profile: at least 500 documents of each capture across all six formats.
  int scenes = 0, pages_without_mrz = 0;
  for (const CorpusEntry& e : corpus_entries("negatives")) {
    scenes += e.capture == Capture::no_document ? e.count : 0;
    pages_without_mrz += e.without_mrz ? e.count : 0;
  }
  EXPECT_GT(scenes, 0);
  EXPECT_GT(pages_without_mrz, 0);
  EXPECT_THROW(standard_corpus("mystery"), docverify::InputError);
}

TEST(Corpora, DocumentsOfACorpusAreTheGeneratorsDocuments) {
  const Corpus c = standard_corpus("scan");
  const Specimen first = make_corpus_specimen(c, 0, shared_renderer());
  EXPECT_EQ(first.ground_truth, make_specimen(options_for(c.entries[0]), 0, shared_renderer()).ground_truth);
  // The last document belongs to the last entry.
  const CorpusEntry& last = c.entries.back();
  const Specimen end = make_corpus_specimen(c, c.size() - 1, shared_renderer());
  EXPECT_EQ(end.identity.fields.format, last.format);
  EXPECT_EQ(end.page.dpi, last.dpi);
  EXPECT_THROW(make_corpus_specimen(c, c.size(), shared_renderer()), docverify::InputError);
  const Specimen scene = make_corpus_specimen(standard_corpus("negatives"), 0, shared_renderer());
  EXPECT_TRUE(scene.has_photo);
  EXPECT_EQ(scene.name.rfind("nodoc-", 0), 0U);
  EXPECT_NE(scene.ground_truth.find("\"mrz_printed\":false"), std::string::npos);
}

}  // namespace
}  // namespace docverify::synth
