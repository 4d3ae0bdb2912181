#pragma once
// `docverify specimen`: synthetic documents with ground truth, deterministic by seed.
// Data pages in many looks, genuine or forged, as a flatbed scan, a kiosk reader (with IR
// and UV companions) or a phone photo captures them.
#include <cstdint>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "mrz/format.hpp"
#include "synth/capture.hpp"
#include "synth/forgery.hpp"
#include "synth/page.hpp"
#include "synth/page_style.hpp"

namespace docverify::synth {

// scan: a flatbed scan of the data page. kiosk: a kiosk reader's full page under even
// light, with infrared and ultraviolet companions that line up pixel for pixel.
// phone: a photo (perspective, rotation, clutter, light, glare, blur, noise, JPEG).
// no_document: a cluttered scene without any document (negatives).
enum class Capture { scan, kiosk, phone, no_document };
std::string_view capture_name(Capture c) noexcept;
bool parse_capture(std::string_view name, Capture& out) noexcept;

struct SpecimenOptions {
  mrz::Format format = mrz::Format::td3;
  int count = 1;
  std::uint64_t seed = 1;
  double dpi = 300;
  Date today{2026, 12, 1};  // anchors the random dates, so a corpus is reproducible
  Forgery forgery = Forgery::none;
  Capture capture = Capture::scan;
  FeatureChoice microtext = FeatureChoice::automatic;     // docs/specimen.md gives the rates
  FeatureChoice barcode_area = FeatureChoice::automatic;
  bool without_mrz = false;  // pages with no MRZ printed (negatives for MRZ locators)
  // Print an ICAO Visible Digital Seal over the genuine MRZ in the barcode area, signed by
  // the generator's test PKI (document_seal.hpp; MRV-A, MRV-B and TD2 only). Forgeries
  // change the page, never the seal.
  bool seal = false;
};

struct Specimen {
  std::string name;           // "td3-seed7-00003"
  Identity identity;
  PageStyle style;
  RenderedPage page;
  cv::Mat infrared, ultraviolet;  // kiosk capture only
  bool has_photo = false;         // phone and no_document captures
  PhotoCapture photo;
  std::string forgery_description;
  std::vector<ForgeryRegion> forgery_regions;
  std::vector<std::uint8_t> seal_payload;  // the printed seal's bytes (SpecimenOptions::seal)
  cv::Rect seal_box;                        // the DataMatrix on the page
  std::string ground_truth;   // JSON (docs/specimen.md)
};

// Document n of a corpus depends only on (options, n): corpora can be made in parallel or
// resumed, and the same seed and version give the same bytes.
Specimen make_specimen(const SpecimenOptions& options, int index, PageRenderer& renderer);

// Throws InputError for a count, dpi or date out of range.
void check_options(const SpecimenOptions& options);

// PNG bytes of an image, as `write_specimens` stores them.
std::vector<unsigned char> encode_png(const cv::Mat& image);

// Writes <name>.png and <name>.json for every document into `directory` (created if
// needed). Returns the names written.
std::vector<std::string> write_specimens(const SpecimenOptions& options, const std::string& directory);

// Writes one document's files (image, companions, ground truth) into an existing directory.
void write_specimen_files(const Specimen& specimen, const std::string& directory);

}  // namespace docverify::synth
