// The MRZ image reader on generated pages: every format as a flatbed scan, any
// orientation, several documents in one frame, and frames of every pixel layout and odd
// size. Ground truth comes from the generator; nothing is mocked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"
#include "reader_fixtures.hpp"

namespace docverify::reader {
namespace {

using namespace docverify::reader::testing;
using mrz::Format;
using synth::Capture;

class ScanPage : public ::testing::TestWithParam<Format> {};

TEST_P(ScanPage, ReadsExactlyAndValid) {
  MrzImageReader reader(read_options());
  for (std::uint64_t seed : {11u, 12u, 13u}) {
    const synth::Specimen s = specimen(GetParam(), Capture::scan, seed);
    SCOPED_TRACE(s.name);
    const ImageReadResult r = reader.read(s.page.image);
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.best.mrz.format, GetParam());
    EXPECT_TRUE(r.best.valid) << joined(lines_of(r.best));
    EXPECT_EQ(lines_of(r.best), s.page.mrz_lines);
    // (upside_down is not asserted: docs/image-reader.md defines it relative to the located
    // block, not to the frame, and it is true for most upright pages.)
    EXPECT_LE(angle_between(r.best.rotation_deg, 0), 3) << r.best.rotation_deg;
    EXPECT_TRUE(r.others.empty()) << r.others.size() << " further documents on one page";
    // The MRZ quad lies on the page, around the MRZ the generator printed.
    ASSERT_EQ(r.best.mrz_quad.size(), 4u);
    const cv::Rect2f quad_box = cv::boundingRect(r.best.mrz_quad);
    const cv::Rect2f truth(s.page.mrz_box);
    const float overlap = (quad_box & truth).area();
    EXPECT_GT(overlap, 0.8F * truth.area()) << quad_box << " vs " << truth;
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, ScanPage,
                         ::testing::Values(Format::td1, Format::td2, Format::td3, Format::mrva, Format::mrvb, Format::fra_id),
                         format_param_name);

// ---- orientation ------------------------------------------------------------------------

// The page turned counter-clockwise by `degrees` on a white canvas large enough for any angle.
cv::Mat turned(const cv::Mat& page, double degrees) {
  const int side = static_cast<int>(std::ceil(std::hypot(page.cols, page.rows))) + 40;
  cv::Mat canvas(side, side, page.type(), cv::Scalar::all(255));
  page.copyTo(canvas(cv::Rect((side - page.cols) / 2, (side - page.rows) / 2, page.cols, page.rows)));
  const cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(side / 2.0F, side / 2.0F), degrees, 1.0);
  cv::Mat out;
  cv::warpAffine(canvas, out, m, canvas.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(255));
  return out;
}

struct Turn {
  const char* name;
  int ccw_degrees;  // reading direction in the turned frame
  std::function<cv::Mat(const cv::Mat&)> apply;
};

class Orientation : public ::testing::TestWithParam<Format> {};

TEST_P(Orientation, EveryTurnReadsExactly) {
  const synth::Specimen s = specimen(GetParam(), Capture::scan, 21);
  const std::vector<Turn> turns = {
      {"90 ccw", 90, [](const cv::Mat& m) { cv::Mat o; cv::rotate(m, o, cv::ROTATE_90_COUNTERCLOCKWISE); return o; }},
      {"180", 180, [](const cv::Mat& m) { cv::Mat o; cv::rotate(m, o, cv::ROTATE_180); return o; }},
      {"90 cw", 270, [](const cv::Mat& m) { cv::Mat o; cv::rotate(m, o, cv::ROTATE_90_CLOCKWISE); return o; }},
      {"37 ccw", 37, [](const cv::Mat& m) { return turned(m, 37); }},
      {"143 ccw", 143, [](const cv::Mat& m) { return turned(m, 143); }},
      {"-20", 340, [](const cv::Mat& m) { return turned(m, -20); }},
  };
  MrzImageReader reader(read_options());
  for (const Turn& t : turns) {
    SCOPED_TRACE(std::string(s.name) + " turned " + t.name);
    const ImageReadResult r = reader.read(t.apply(s.page.image));
    EXPECT_TRUE(r.found);
    if (!r.found) continue;  // the other turns are still tried
    EXPECT_TRUE(r.best.valid);
    EXPECT_EQ(lines_of(r.best), s.page.mrz_lines);
    EXPECT_LE(angle_between(r.best.rotation_deg, t.ccw_degrees), 4) << "rotation_deg " << r.best.rotation_deg;
  }
}

TEST_P(Orientation, HalfTurnIsReportedUpsideDown) {
  const synth::Specimen s = specimen(GetParam(), Capture::scan, 22);
  cv::Mat flipped;
  cv::rotate(s.page.image, flipped, cv::ROTATE_180);
  MrzImageReader reader(read_options());
  const ImageReadResult upright = reader.read(s.page.image);
  const ImageReadResult r = reader.read(flipped);
  ASSERT_TRUE(upright.found);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(lines_of(r.best), s.page.mrz_lines);
  // The frame's content is upside down relative to the upright frame: either flag or angle says so.
  EXPECT_TRUE(r.best.upside_down || angle_between(r.best.rotation_deg, 180) <= 4)
      << "upside_down " << r.best.upside_down << " rotation_deg " << r.best.rotation_deg;
  EXPECT_LE(angle_between(upright.best.rotation_deg, 0), 3);
  // The quads follow the page: the half-turned MRZ quad is the upright one mapped through the turn.
  ASSERT_EQ(r.best.mrz_quad.size(), 4u);
  const cv::Point2f centre_up = (upright.best.mrz_quad[0] + upright.best.mrz_quad[2]) * 0.5F;
  const cv::Point2f centre_r = (r.best.mrz_quad[0] + r.best.mrz_quad[2]) * 0.5F;
  EXPECT_NEAR(centre_r.x, static_cast<float>(s.page.image.cols - 1) - centre_up.x, 15.0F);
  EXPECT_NEAR(centre_r.y, static_cast<float>(s.page.image.rows - 1) - centre_up.y, 15.0F);
}

INSTANTIATE_TEST_SUITE_P(Formats, Orientation, ::testing::Values(Format::td1, Format::td3, Format::mrvb),
                         format_param_name);

// ---- several documents in one frame ------------------------------------------------------

cv::Mat side_by_side(const cv::Mat& a, const cv::Mat& b) {
  const int gap = 120;
  cv::Mat canvas(std::max(a.rows, b.rows) + 2 * gap, a.cols + b.cols + 3 * gap, CV_8UC3, cv::Scalar::all(255));
  a.copyTo(canvas(cv::Rect(gap, gap, a.cols, a.rows)));
  b.copyTo(canvas(cv::Rect(2 * gap + a.cols, gap, b.cols, b.rows)));
  return canvas;
}

void expect_both_reported(const synth::Specimen& a, const synth::Specimen& b) {
  const cv::Mat frame = side_by_side(a.page.image, b.page.image);
  MrzImageReader reader(read_options());
  const ImageReadResult r = reader.read(frame);
  ASSERT_TRUE(r.found);
  std::vector<std::vector<std::string>> reported = {lines_of(r.best)};
  for (const auto& o : r.others) reported.push_back(lines_of(o));
  EXPECT_EQ(reported.size(), 2u) << "documents reported: " << reported.size();
  EXPECT_NE(std::find(reported.begin(), reported.end(), a.page.mrz_lines), reported.end()) << "missing\n" << joined(a.page.mrz_lines);
  EXPECT_NE(std::find(reported.begin(), reported.end(), b.page.mrz_lines), reported.end()) << "missing\n" << joined(b.page.mrz_lines);
  EXPECT_TRUE(r.best.valid);
  for (const auto& o : r.others) EXPECT_TRUE(o.valid) << joined(lines_of(o));
  // The two readouts lie on different halves of the frame.
  if (!r.others.empty()) {
    const float x0 = cv::boundingRect(r.best.mrz_quad).x, x1 = cv::boundingRect(r.others.front().mrz_quad).x;
    EXPECT_GT(std::abs(x0 - x1), static_cast<float>(std::min(a.page.image.cols, b.page.image.cols)) / 2);
  }
}

TEST(MultipleDocuments, PassportAndIdCardSideBySide) {
  expect_both_reported(specimen(Format::td3, Capture::scan, 31), specimen(Format::td1, Capture::scan, 32));
}

TEST(MultipleDocuments, TwoPassportsSideBySide) {
  expect_both_reported(specimen(Format::td3, Capture::scan, 33), specimen(Format::td3, Capture::scan, 34));
}

TEST(MultipleDocuments, MaxDocumentsOneReportsOnlyOne) {
  const synth::Specimen a = specimen(Format::td3, Capture::scan, 33), b = specimen(Format::td3, Capture::scan, 34);
  ReadOptions o = read_options();
  o.max_documents = 1;
  MrzImageReader reader(o);
  const ImageReadResult r = reader.read(side_by_side(a.page.image, b.page.image));
  ASSERT_TRUE(r.found);
  EXPECT_TRUE(r.others.empty());
  EXPECT_TRUE(lines_of(r.best) == a.page.mrz_lines || lines_of(r.best) == b.page.mrz_lines) << joined(lines_of(r.best));
}

// ---- pixel layouts and odd frames -------------------------------------------------------

TEST(FrameLayouts, GreyAndBgraReadTheSameAsBgr) {
  const synth::Specimen s = specimen(Format::td2, Capture::scan, 41);
  cv::Mat grey, bgra;
  cv::cvtColor(s.page.image, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(s.page.image, bgra, cv::COLOR_BGR2BGRA);
  ASSERT_EQ(grey.type(), CV_8UC1);
  ASSERT_EQ(bgra.type(), CV_8UC4);
  MrzImageReader reader(read_options());
  const ImageReadResult from_bgr = reader.read(s.page.image);
  const ImageReadResult from_grey = reader.read(grey);
  const ImageReadResult from_bgra = reader.read(bgra);
  ASSERT_TRUE(from_bgr.found);
  ASSERT_TRUE(from_grey.found);
  ASSERT_TRUE(from_bgra.found);
  EXPECT_EQ(lines_of(from_bgr.best), s.page.mrz_lines);
  EXPECT_EQ(lines_of(from_grey.best), lines_of(from_bgr.best));
  EXPECT_EQ(lines_of(from_bgra.best), lines_of(from_bgr.best));
  EXPECT_EQ(from_grey.best.valid, from_bgr.best.valid);
  EXPECT_EQ(from_bgra.best.valid, from_bgr.best.valid);
}

TEST(FrameLayouts, RegionOfInterestIsRead) {
  // A non-continuous Mat (a view into a larger frame) reads like a copy of it.
  const synth::Specimen s = specimen(Format::td1, Capture::scan, 42);
  cv::Mat big(s.page.image.rows + 100, s.page.image.cols + 300, CV_8UC3, cv::Scalar(0, 0, 255));
  s.page.image.copyTo(big(cv::Rect(150, 50, s.page.image.cols, s.page.image.rows)));
  const cv::Mat view = big(cv::Rect(150, 50, s.page.image.cols, s.page.image.rows));
  ASSERT_FALSE(view.isContinuous());
  MrzImageReader reader(read_options());
  const ImageReadResult r = reader.read(view);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(lines_of(r.best), s.page.mrz_lines);
}

TEST(FrameLayouts, TinyAndExtremeFramesDoNotCrash) {
  MrzImageReader reader(read_options());
  for (const cv::Size size : {cv::Size(1, 1), cv::Size(2, 2), cv::Size(20000, 20), cv::Size(20, 20000), cv::Size(3, 500)}) {
    SCOPED_TRACE(std::to_string(size.width) + " x " + std::to_string(size.height));
    cv::Mat white(size, CV_8UC3, cv::Scalar::all(255)), black(size, CV_8UC1, cv::Scalar::all(0));
    cv::Mat noise(size, CV_8UC3);
    cv::randu(noise, 0, 256);
    for (const cv::Mat* m : {&white, &black, &noise}) {
      ImageReadResult r;
      EXPECT_NO_THROW(r = reader.read(*m));
      EXPECT_FALSE(r.found);
    }
  }
}

TEST(FrameLayouts, LongStripWithAnMrzBandIsRead) {
  // Only the MRZ band of a page, cut out: a wide, low frame.
  const synth::Specimen s = specimen(Format::td3, Capture::scan, 43);
  const cv::Rect band = (s.page.mrz_box + cv::Size(60, 60) - cv::Point(30, 30)) & cv::Rect(0, 0, s.page.image.cols, s.page.image.rows);
  MrzImageReader reader(read_options());
  const ImageReadResult r = reader.read(s.page.image(band).clone());
  ASSERT_TRUE(r.found);
  EXPECT_EQ(lines_of(r.best), s.page.mrz_lines);
}

TEST(FrameLayouts, UnsupportedLayoutsThrowInputError) {
  MrzImageReader reader(read_options());
  EXPECT_THROW(reader.read(cv::Mat()), InputError);
  EXPECT_THROW(reader.read(cv::Mat(100, 100, CV_16UC1, cv::Scalar::all(0))), InputError);
  EXPECT_THROW(reader.read(cv::Mat(100, 100, CV_32FC3, cv::Scalar::all(0))), InputError);
  EXPECT_THROW(reader.read(cv::Mat(100, 100, CV_8UC2, cv::Scalar::all(0))), InputError);
}

TEST(FrameLayouts, ReaderIsReusableAndDeterministic) {
  const synth::Specimen s = specimen(Format::mrva, Capture::scan, 44);
  MrzImageReader reader(read_options());
  const ImageReadResult a = reader.read(s.page.image);
  const ImageReadResult b = reader.read(cv::Mat(10, 10, CV_8UC3, cv::Scalar::all(255)));
  const ImageReadResult c = reader.read(s.page.image);
  ASSERT_TRUE(a.found);
  EXPECT_FALSE(b.found);
  ASSERT_TRUE(c.found);
  EXPECT_EQ(lines_of(a.best), lines_of(c.best));
  EXPECT_EQ(a.best.confidence, c.best.confidence);
  EXPECT_EQ(a.best.rotation_deg, c.best.rotation_deg);
}

}  // namespace
}  // namespace docverify::reader
