// Phone photos (perspective, rotation, clutter, light, blur, JPEG) as the generator takes
// them, read through the same path as users' files (JPEG bytes, decode_image, read): most
// ID cards read exactly and, the invariant that matters, nothing is ever accepted as valid
// with lines other than those printed. Frames without any MRZ are not found.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "image/decode.hpp"
#include "reader_fixtures.hpp"

namespace docverify::reader {
namespace {

using namespace docverify::reader::testing;
using mrz::Format;
using synth::Capture;

ImageReadResult read_photo(MrzImageReader& reader, const synth::Specimen& s) {
  EXPECT_TRUE(s.has_photo) << s.name;
  EXPECT_FALSE(s.photo.jpeg.empty()) << s.name;
  return reader.read(image::decode_image(s.photo.jpeg.data(), s.photo.jpeg.size()));
}

struct Tally {
  int images = 0, exact = 0, accepted = 0, accepted_wrong = 0;
  std::string wrong;  // the accepted-but-wrong readings, for the failure message
};

void tally(Tally& t, const synth::Specimen& s, const ImageReadResult& r) {
  ++t.images;
  const bool exact = read_exactly(r, s.page.mrz_lines);
  t.exact += exact;
  auto check = [&](const MrzReadout& ro) {
    if (!ro.valid) return;
    ++t.accepted;
    if (lines_of(ro) != s.page.mrz_lines) {
      ++t.accepted_wrong;
      t.wrong += s.name + " printed:\n" + joined(s.page.mrz_lines) + "accepted:\n" + joined(lines_of(ro));
    }
  };
  if (r.found) check(r.best);
  // One document per photo: any further readout accepted as valid is also accepted-but-wrong.
  for (const auto& o : r.others) {
    if (o.valid) {
      ++t.accepted_wrong;
      t.wrong += s.name + ": a second document accepted:\n" + joined(lines_of(o));
    }
  }
}

class IdCardPhoto : public ::testing::TestWithParam<Format> {};

TEST_P(IdCardPhoto, MostReadExactlyNoneAcceptedWrong) {
  MrzImageReader reader(read_options());
  Tally t;
  std::string misses;
  for (int i = 0; i < 10; ++i) {
    const synth::Specimen s = specimen(GetParam(), Capture::phone, 51, i);
    const ImageReadResult r = read_photo(reader, s);
    tally(t, s, r);
    if (!read_exactly(r, s.page.mrz_lines))
      misses += s.name + (r.found ? " read:\n" + joined(lines_of(r.best)) : " not found\n");
  }
  EXPECT_GE(t.exact, 7) << t.exact << " of " << t.images << " read exactly; misses:\n" << misses;
  EXPECT_EQ(t.accepted_wrong, 0) << t.wrong;
}

INSTANTIATE_TEST_SUITE_P(Td1Td2, IdCardPhoto, ::testing::Values(Format::td1, Format::td2),
                         [](const auto& info) { return std::string(mrz::format_name(info.param)); });

TEST(PhotoInvariant, NoPhotoOfAnyFormatIsAcceptedWithWrongLines) {
  MrzImageReader reader(read_options());
  Tally t;
  for (Format f : {Format::td1, Format::td2, Format::td3, Format::mrva, Format::mrvb, Format::fra_id})
    for (int i = 0; i < 5; ++i) {
      const synth::Specimen s = specimen(f, Capture::phone, 61, i);
      tally(t, s, read_photo(reader, s));
    }
  EXPECT_EQ(t.images, 30);
  EXPECT_EQ(t.accepted_wrong, 0) << t.wrong;
  // Not vacuous: most of the photos are accepted at all.
  EXPECT_GE(t.accepted, 18) << t.accepted << " of " << t.images << " accepted";
}

TEST(PhotoInvariant, BuiltinOnlyEngineNeverAcceptsWrongLines) {
  // Without Tesseract's second opinion, the same invariant on a few photos.
  MrzImageReader reader(read_options(OcrEngine::builtin));
  Tally t;
  for (Format f : {Format::td1, Format::td3, Format::fra_id})
    for (int i = 0; i < 3; ++i) {
      const synth::Specimen s = specimen(f, Capture::phone, 62, i);
      tally(t, s, read_photo(reader, s));
    }
  EXPECT_EQ(t.accepted_wrong, 0) << t.wrong;
}

// ---- negatives ---------------------------------------------------------------------------

TEST(Negatives, SceneWithoutDocumentIsNotFound) {
  MrzImageReader reader(read_options());
  int found = 0;
  std::string what;
  for (int i = 0; i < 20; ++i) {
    const synth::Specimen s = specimen(Format::td3, Capture::no_document, 71, i);
    const ImageReadResult r = read_photo(reader, s);
    if (r.found) {
      ++found;
      what += s.name + ":\n" + joined(lines_of(r.best));
    }
  }
  EXPECT_EQ(found, 0) << what;
}

TEST(Negatives, PlainImagesAreNotFound) {
  MrzImageReader reader(read_options());
  const cv::Size size(1600, 1100);
  cv::Mat white(size, CV_8UC3, cv::Scalar::all(255)), black(size, CV_8UC3, cv::Scalar::all(0));
  cv::Mat noise(size, CV_8UC3), fine_noise(size, CV_8UC1);
  cv::randu(noise, 0, 256);
  cv::randn(fine_noise, 128, 40);
  cv::Mat gradient(size, CV_8UC3);
  for (int y = 0; y < size.height; ++y)
    gradient.row(y).setTo(cv::Scalar(y * 255 / size.height, 255 - y * 255 / size.height, (y * 7) % 256));
  cv::Mat stripes(size, CV_8UC1, cv::Scalar::all(255));
  for (int y = 0; y < size.height; y += 30) stripes.rowRange(y, y + 12).setTo(0);
  cv::Mat checker(size, CV_8UC1);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) checker.at<unsigned char>(y, x) = ((x / 14 + y / 24) % 2) ? 0 : 255;
  const std::pair<const char*, cv::Mat> frames[] = {{"white", white},   {"black", black},     {"noise", noise},
                                                    {"gaussian", fine_noise}, {"gradient", gradient}, {"stripes", stripes},
                                                    {"checker", checker}};
  for (const auto& [name, frame] : frames) {
    const ImageReadResult r = reader.read(frame);
    EXPECT_FALSE(r.found) << name << ":\n" << joined(lines_of(r.best));
  }
}

TEST(Negatives, PageOfOrdinaryTextIsNotFound) {
  cv::Mat page(1400, 1000, CV_8UC3, cv::Scalar::all(255));
  const char* text[] = {"THE QUICK BROWN FOX JUMPS OVER", "THE LAZY DOG 0123456789 AND",
                        "PACK MY BOX WITH FIVE DOZEN", "LIQUOR JUGS<<SPHINX OF BLACK QUARTZ",
                        "JUDGE MY VOW 1974 08 12 UTOPIA", "P<UTOERIKSSON ANNA MARIA",  // MRZ-like words, no MRZ
                        "L898902C3 UTO 740812 F 120415", "HOW VEXINGLY QUICK DAFT ZEBRAS JUMP"};
  int y = 80;
  for (int rep = 0; rep < 3; ++rep)
    for (const char* line : text) {
      cv::putText(page, line, {40, y}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar::all(0), 2, cv::LINE_AA);
      y += 52;
    }
  MrzImageReader reader(read_options());
  const ImageReadResult r = reader.read(page);
  EXPECT_FALSE(r.found) << joined(lines_of(r.best));
  cv::Mat mono(page.size(), CV_8UC3, cv::Scalar::all(255));
  y = 80;
  for (int rep = 0; rep < 3; ++rep)
    for (const char* line : text) {
      cv::putText(mono, line, {40, y}, cv::FONT_HERSHEY_PLAIN, 2.0, cv::Scalar::all(0), 2, cv::LINE_8);
      y += 52;
    }
  const ImageReadResult m = reader.read(mono);
  EXPECT_FALSE(m.found) << joined(lines_of(m.best));
}

TEST(Negatives, PageWithoutMrzIsNotFound) {
  // A data page with everything but the MRZ: the visual zone's rows of print are not one.
  synth::SpecimenOptions o;
  o.format = Format::td3;
  o.seed = 72;
  o.without_mrz = true;
  MrzImageReader reader(read_options());
  for (int i = 0; i < 3; ++i) {
    const synth::Specimen s = synth::make_specimen(o, i, renderer());
    const ImageReadResult r = reader.read(s.page.image);
    EXPECT_FALSE(r.found) << s.name << ":\n" << joined(lines_of(r.best));
  }
}

}  // namespace
}  // namespace docverify::reader
