// The locator and the recogniser where light and print work against them: glare that
// washes out part of the MRZ, a line lost to glare, the format grammar on the first
// letter, per-cell ink levels; and which characters the check digits cannot vouch for.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "image/mrz_locator.hpp"
#include "mrz/format.hpp"
#include "ocr/cell.hpp"
#include "reader_fixtures.hpp"

namespace docverify::reader {
namespace {

using namespace docverify::reader::testing;
using mrz::Format;
using synth::Capture;

// Additive light of `strength` grey levels, Gaussian around `centre` (as a lamp's
// reflection adds to paper and ink alike, then clips at white).
cv::Mat with_glare(const cv::Mat& page, cv::Point2f centre, double radius, double strength) {
  cv::Mat f;
  page.convertTo(f, CV_32F);
  for (int y = 0; y < f.rows; ++y)
    for (int x = 0; x < f.cols; ++x) {
      const double d2 = ((x - centre.x) * (x - centre.x) + (y - centre.y) * (y - centre.y)) / (radius * radius);
      if (d2 > 9) continue;
      const auto add = static_cast<float>(strength * std::exp(-d2));
      float* p = f.ptr<float>(y) + static_cast<ptrdiff_t>(x) * f.channels();
      for (int c = 0; c < f.channels(); ++c) p[c] += add;
    }
  cv::Mat out;
  f.convertTo(out, CV_8U);
  return out;
}

// Glare over the start of every MRZ line: the washed-out characters keep enough contrast
// for a reader that measures ink locally, and nothing is accepted that is not printed.
TEST(Glare, WashedOutStartOfTheMrzIsStillRead) {
  MrzImageReader reader(read_options(OcrEngine::builtin));
  int exact = 0, wrong_accepted = 0;
  for (Format f : {Format::td1, Format::td3, Format::mrvb}) {
    const synth::Specimen s = specimen(f, Capture::scan, 71);
    SCOPED_TRACE(s.name);
    const cv::Rect box = s.page.mrz_box;
    const cv::Mat lit = with_glare(s.page.image, cv::Point2f(static_cast<float>(box.x + box.width * 0.15), static_cast<float>(box.y + box.height / 2)),
                                   box.height * 0.9, 175);
    const ImageReadResult r = reader.read(lit);
    exact += read_exactly(r, s.page.mrz_lines);
    wrong_accepted += r.found && r.best.valid && lines_of(r.best) != s.page.mrz_lines;
  }
  EXPECT_EQ(exact, 3);
  EXPECT_EQ(wrong_accepted, 0);
}

// A document camera's frame: the page scaled into 1280 x 960 on a dark surround; the MRZ
// box's centre in frame pixels.
cv::Mat camera_frame(const synth::Specimen& s, cv::Point2f& mrz_centre) {
  const cv::Mat& page = s.page.image;
  const double k = std::min(1280.0 * 0.9 / page.cols, 960.0 * 0.9 / page.rows);
  cv::Mat small;
  cv::resize(page, small, {}, k, k, cv::INTER_AREA);
  cv::Mat frame(960, 1280, page.type(), cv::Scalar::all(40));
  const cv::Point offset((1280 - small.cols) / 2, (960 - small.rows) / 2);
  small.copyTo(frame(cv::Rect(offset, small.size())));
  const cv::Rect& b = s.page.mrz_box;
  mrz_centre = cv::Point2f(static_cast<float>(offset.x + (b.x + b.width / 2.0) * k), static_cast<float>(offset.y + (b.y + b.height / 2.0) * k));
  return frame;
}

// One MRZ is one candidate: a block that holds a row of an MRZ already found (the MRZ
// joined to the print above it) is not searched again, and the regions (pages) around it
// are not searched at all.
TEST(Search, EachMrzIsOneCandidate) {
  for (Format f : {Format::td1, Format::td2, Format::td3})
    for (int i = 0; i < 4; ++i) {
      synth::SpecimenOptions o;
      o.format = f;
      o.capture = Capture::kiosk;
      o.seed = 77;
      const synth::Specimen s = synth::make_specimen(o, i, renderer());
      SCOPED_TRACE(s.name);
      cv::Point2f centre;
      cv::Mat gray;
      cv::cvtColor(camera_frame(s, centre), gray, cv::COLOR_BGR2GRAY);
      const std::vector<image::MrzCandidate> found = image::locate_mrz(gray);
      ASSERT_EQ(found.size(), 1U);
      EXPECT_GE(cv::pointPolygonTest(found[0].quad(), centre, false), 0);
    }
}

// Until an MRZ is read the search goes on: a candidate that was not read (the reader
// never calls found_mrz) leaves its block's neighbours and the fallbacks to be searched.
TEST(Search, CandidatesNotReadLeaveTheSearchGoing) {
  synth::SpecimenOptions o;
  o.format = Format::td3;
  o.capture = Capture::kiosk;
  o.seed = 77;
  int more_when_unread = 0;
  for (int i = 0; i < 4; ++i) {
    const synth::Specimen s = synth::make_specimen(o, i, renderer());
    cv::Point2f centre;
    cv::Mat gray;
    cv::cvtColor(camera_frame(s, centre), gray, cv::COLOR_BGR2GRAY);
    image::MrzSearch read_search(gray), unread_search(gray);
    int read_count = 0, unread_count = 0;
    for (image::MrzCandidate c; read_search.next(c); ++read_count) read_search.found_mrz(c);
    for (image::MrzCandidate c; unread_search.next(c);) ++unread_count;
    EXPECT_EQ(read_count, 1) << s.name;
    EXPECT_GE(unread_count, read_count) << s.name;
    more_when_unread += unread_count > read_count;
  }
  EXPECT_GT(more_when_unread, 0);  // some MRZ is offered again through another block
}

// A TD1 whose first line glare made unreadable to the row finder: the reader tries the
// third line where the spacing puts it.
TEST(Candidate, RowAddedAtTheRowsSpacing) {
  image::MrzCandidate c;
  c.chars_per_row = 30;
  c.pitch = 10;
  image::MrzRow a, b;
  a.left = {100, 200}, a.right = {390, 210};
  b.left = {99, 240}, b.right = {389, 250};
  c.rows = {a, b};
  const image::MrzCandidate above = c.with_row_added(true), below = c.with_row_added(false);
  ASSERT_EQ(above.rows.size(), 3u);
  ASSERT_EQ(below.rows.size(), 3u);
  EXPECT_NEAR(above.rows[0].left.x, 101, 1e-3);
  EXPECT_NEAR(above.rows[0].left.y, 160, 1e-3);
  EXPECT_NEAR(above.rows[1].left.y, 200, 1e-3);  // the found rows keep their places
  EXPECT_NEAR(below.rows[2].right.x, 388, 1e-3);
  EXPECT_NEAR(below.rows[2].right.y, 290, 1e-3);
}

TEST(Grammar, DocumentCodeFirstLettersFollowIcao) {
  EXPECT_EQ(mrz::document_code_first_letters(Format::td3), "P");
  EXPECT_EQ(mrz::document_code_first_letters(Format::mrva), "V");
  EXPECT_EQ(mrz::document_code_first_letters(Format::mrvb), "V");
  EXPECT_EQ(mrz::document_code_first_letters(Format::td1), "ACI");
  EXPECT_EQ(mrz::document_code_first_letters(Format::td2), "ACI");
  EXPECT_EQ(mrz::document_code_first_letters(Format::fra_id), "I");
}

// A canonical line strip: dark bars one pitch apart on paper, with `light` added to the
// paper and ink of the right half.
cv::Mat strip_with_light(float light) {
  cv::Mat strip(ocr::kLineHeightPx, 40 * ocr::kPitchPx, CV_8U, cv::Scalar(200));
  for (int i = 0; i < 40; ++i)
    cv::rectangle(strip, cv::Rect(i * ocr::kPitchPx + 5, 4, 4, ocr::kLineHeightPx - 8), cv::Scalar(40), cv::FILLED);
  cv::Mat right = strip.colRange(strip.cols / 2, strip.cols);
  right += cv::Scalar(light);
  return strip;
}

std::vector<float> centres() {
  std::vector<float> xs;
  for (int i = 0; i < 40; ++i) xs.push_back((i + 0.5F) * ocr::kPitchPx);
  return xs;
}

TEST(CellInkLevels, EvenLightKeepsTheLineLevels) {
  const cv::Mat strip = strip_with_light(0);
  const ocr::InkLevels line = ocr::measure_ink_levels(strip);
  for (const ocr::InkLevels& lv : ocr::measure_cell_ink_levels(strip, centres())) {
    EXPECT_FLOAT_EQ(lv.paper, line.paper);
    EXPECT_FLOAT_EQ(lv.ink, line.ink);
  }
}

TEST(CellInkLevels, CellsUnderGlareGetTheirOwnLevels) {
  const cv::Mat strip = strip_with_light(50);  // paper 250 and ink 90 on the right
  const auto levels = ocr::measure_cell_ink_levels(strip, centres());
  ASSERT_EQ(levels.size(), 40u);
  EXPECT_NEAR(levels.front().paper, 200, 2);
  EXPECT_NEAR(levels.back().paper, 250, 2);
  EXPECT_NEAR(levels.back().ink, 90, 3);  // the ink as it looks there, not the line's 40
  EXPECT_TRUE(ocr::measure_cell_ink_levels(strip, {}).empty());
}

mrz::CharReading reading_of(std::initializer_list<std::pair<char, float>> candidates) {
  mrz::CharReading r;
  for (const auto& [ch, p] : candidates) r.candidates.push_back({ch, p});
  return r;
}

// An accepted-but-wrong FRA_ID photo (MOREAU read MURLAU, HELENE read HELLNE, the
// composite digit still verifying) led to these rules.
TEST(Acceptance, RivalWithTheSameValueModTenIsUnsure) {
  // TD3 line 2, column 1: the document number, under its own check digit.
  EXPECT_TRUE(unsure_character(Format::td3, 1, 0, reading_of({{'E', 0.6F}, {'O', 0.3F}}), 'E', 0.8F));   // 14 and 24
  EXPECT_TRUE(unsure_character(Format::td3, 1, 0, reading_of({{'0', 0.7F}, {'A', 0.2F}}), '0', 0.8F));   // 0 and 10
  EXPECT_FALSE(unsure_character(Format::td3, 1, 0, reading_of({{'E', 0.6F}, {'F', 0.3F}}), 'E', 0.8F));  // the digit tells
  EXPECT_FALSE(unsure_character(Format::td3, 1, 0, reading_of({{'E', 0.9F}, {'O', 0.1F}}), 'E', 0.8F));  // read surely
  EXPECT_FALSE(unsure_character(Format::td3, 1, 0, reading_of({{'E', 0.6F}, {'O', 0.01F}}), 'E', 0.8F)); // no real rival
}

TEST(Acceptance, CompositeOnlyAndUncoveredPositionsNeedTheFloor) {
  // FRA_ID line 1, column 6: the surname, under the composite digit only.
  EXPECT_TRUE(mrz::layout_of(Format::fra_id).lines == 2);
  EXPECT_TRUE(covered_by_check_digit(Format::fra_id, 0, 5));
  EXPECT_TRUE(unsure_character(Format::fra_id, 0, 5, reading_of({{'O', 0.6F}, {'U', 0.3F}}), 'O', 0.8F));
  EXPECT_FALSE(unsure_character(Format::fra_id, 0, 5, reading_of({{'O', 0.95F}}), 'O', 0.8F));
  // TD3 line 1, column 11: the name, under no check digit.
  EXPECT_FALSE(covered_by_check_digit(Format::td3, 0, 10));
  EXPECT_TRUE(unsure_character(Format::td3, 0, 10, reading_of({{'K', 0.7F}}), 'K', 0.8F));
}

}  // namespace
}  // namespace docverify::reader
