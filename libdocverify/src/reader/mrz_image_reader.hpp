#pragma once
// Reads the MRZ from a photo or scan: locate (image/mrz_locator), rectify
// (image/mrz_rectifier), recognise every cell with the OCR-B classifier (ocr/), try both
// ways up, hand per-character alternatives to the MRZ engine's proven correction, and ask
// Tesseract for a second opinion when the check digits do not verify.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "mrz/mrz_result.hpp"

namespace docverify::reader {

enum class OcrEngine { builtin, builtin_then_tesseract, tesseract };

struct ReadOptions {
  mrz::MrzOptions mrz;               // date, profile, correction
  OcrEngine engine = OcrEngine::builtin_then_tesseract;
  // A character no check digit covers (names, some optional data) must be read at least
  // this surely for the result to count as valid.
  float min_uncovered_confidence = 0.80F;
  int max_documents = 4;
};

struct ImageQuality {
  double sharpness = 0;        // mean gradient at the MRZ ink edges, 0..1 (1: crisp)
  double glare = 0;            // share of saturated pixels over the MRZ quad
  double char_height_px = 0;   // MRZ capital height in the frame
  double dpi_estimate = 0;     // from the MRZ pitch (2.54 mm)
};

struct StageTimings {
  double decode_ms = 0, locate_ms = 0, recognise_ms = 0, tesseract_ms = 0, total_ms = 0;
};

struct FieldConfidence {
  std::string zone;   // "document_number", "surname", ...
  float confidence;   // lowest character confidence in the zone
};

struct MrzReadout {
  mrz::MrzResult mrz;
  bool valid = false;                  // every check digit verifies and no uncovered character is unsure
  float confidence = 0;                // lowest character confidence after correction
  std::vector<FieldConfidence> fields;
  std::vector<std::array<int, 2>> uncertain;   // line, column of unsure uncovered characters
  std::vector<cv::Point2f> mrz_quad;           // TL, TR, BR, BL in frame pixels
  std::vector<cv::Point2f> document_quad;      // projected from the MRZ through the format's page layout
  ImageQuality quality;
  bool tesseract_used = false;
  bool upside_down = false;                    // read against the frame's up: rotation 135-225 degrees
  int rotation_deg = 0;                        // reading direction in the frame, degrees counter-clockwise
  // Recogniser output per line (before correction) and per character confidences.
  std::vector<std::string> raw_lines;
  std::vector<std::vector<mrz::CharReading>> readings;
};

struct ImageReadResult {
  bool found = false;
  MrzReadout best;
  std::vector<MrzReadout> others;  // further documents in the frame
  StageTimings timings;
};

// True when some check digit covers (line, column) of `format` (the digit itself included).
bool covered_by_check_digit(mrz::Format format, int line, int column) noexcept;

// True when a character read with `confidence` below `floor` as `read` cannot be vouched
// for by the check digits: no check digit covers it; only the composite digit does (one
// mod-10 digit over up to 70 characters: several errors cancel about one time in ten); or
// a runner-up the recogniser also saw has the same value mod 10 (O and E, B and L, 0 and
// A: the check digit cannot tell them apart).
bool unsure_character(mrz::Format format, int line, int column, const mrz::CharReading& reading, char read, float floor) noexcept;

// Characters a reading cannot vouch for: unsure_character positions, corrections to
// characters the recogniser hardly saw, and every correction in a field corrected more
// than once (one mod-10 digit verifies two substitutions by chance about one time in
// ten). A result is valid only when this is 0; the stream session's vote too.
int count_unsure(const mrz::MrzResult& result, const mrz::MrzReading& reading, float floor);

// The reader's grey image of `image` (CV_8UC1 as it is, BGR or BGRA converted); throws
// InputError for other depths and channel counts.
cv::Mat grey_of(const cv::Mat& image);

class MrzImageReader {
 public:
  explicit MrzImageReader(ReadOptions options = {});
  ~MrzImageReader();
  MrzImageReader(MrzImageReader&&) noexcept;
  MrzImageReader& operator=(MrzImageReader&&) noexcept;

  // `image`: CV_8UC1, CV_8UC3 (BGR) or CV_8UC4 (BGRA).
  ImageReadResult read(const cv::Mat& image);
  // Encoded bytes or a file, decoded within image::DecodeLimits (timings.decode_ms set);
  // throws ImageError / ResourceError as image::decode_image does.
  ImageReadResult read_encoded(const unsigned char* data, std::size_t size);
  ImageReadResult read_file(const std::string& path);
  const ReadOptions& options() const noexcept { return options_; }

 private:
  ReadOptions options_;
  struct Tesseract;
  std::unique_ptr<Tesseract> tesseract_;  // made on first need
};

}  // namespace docverify::reader
