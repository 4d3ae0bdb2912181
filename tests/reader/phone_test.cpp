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
  int images = 0, exact = 0, accepted = 0, accepted_wrong = 0, extra_documents = 0;
  std::string wrong, extra;  // for the failure messages
};

void tally(Tally& t, const synth::Specimen& s, const ImageReadResult& r) {
  ++t.images;
  t.exact += read_exactly(r, s.page.mrz_lines);
  // Accepted-but-wrong: any readout (best or further) valid with lines other than printed.
  auto check = [&](const MrzReadout& ro, const char* which) {
    if (!ro.valid) return;
    ++t.accepted;
    if (lines_of(ro) != s.page.mrz_lines) {
      ++t.accepted_wrong;
      t.wrong += s.name + " (" + which + ") printed:\n" + joined(s.page.mrz_lines) + "accepted:\n" + joined(lines_of(ro));
    }
  };
  if (r.found) check(r.best, "best");
  // One document per photo: a further valid readout is the same document reported again
  // (or a wrong one, counted above).
  for (const auto& o : r.others) {
    check(o, "others");
    if (o.valid) {
      ++t.extra_documents;
      t.extra += s.name + ": further valid document\n" + joined(lines_of(o));
    }
  }
}

class IdCardPhoto : public ::testing::TestWithParam<Format> {};

// 20 photos per format, at least 85 % read exactly (the harness measures ~97 % on 540).
TEST_P(IdCardPhoto, MostReadExactlyNoneAcceptedWrong) {
  MrzImageReader reader(read_options());
  Tally t;
  std::string misses;
  for (int i = 0; i < 20; ++i) {
    const synth::Specimen s = specimen(GetParam(), Capture::phone, 51, i);
    const ImageReadResult r = read_photo(reader, s);
    tally(t, s, r);
    if (!read_exactly(r, s.page.mrz_lines))
      misses += s.name + (r.found ? " read:\n" + joined(lines_of(r.best)) : " not found\n");
  }
  EXPECT_GE(t.exact, 17) << t.exact << " of " << t.images << " read exactly; misses:\n" << misses;
  EXPECT_EQ(t.accepted_wrong, 0) << t.wrong;
}

INSTANTIATE_TEST_SUITE_P(Td1Td2, IdCardPhoto, ::testing::Values(Format::td1, Format::td2), format_param_name);

// 30 photos, five of each format, read once for the suite.
class PhotoInvariant : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    MrzImageReader reader(read_options());
    for (Format f : {Format::td1, Format::td2, Format::td3, Format::mrva, Format::mrvb, Format::fra_id})
      for (int i = 0; i < 5; ++i) {
        const synth::Specimen s = specimen(f, Capture::phone, 61, i);
        tally(mixed_, s, read_photo(reader, s));
      }
  }
  static Tally mixed_;
};
Tally PhotoInvariant::mixed_;

TEST_F(PhotoInvariant, NoPhotoOfAnyFormatIsAcceptedWithWrongLines) {
  EXPECT_EQ(mixed_.images, 30);
  EXPECT_EQ(mixed_.accepted_wrong, 0) << mixed_.wrong;
  // Not vacuous: most of the photos are accepted at all.
  EXPECT_GE(mixed_.accepted, 20) << mixed_.accepted << " of " << mixed_.images << " accepted";
}

TEST_F(PhotoInvariant, OneDocumentIsReportedOnce) {
  EXPECT_EQ(mixed_.extra_documents, 0) << mixed_.extra;
}

TEST(PhotoInvariantBuiltin, BuiltinOnlyEngineNeverAcceptsWrongLines) {
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
