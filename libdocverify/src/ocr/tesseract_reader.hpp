#pragma once
// Tesseract (Debian's LSTM `eng` model) as a second opinion on a rectified MRZ and as the
// baseline the accuracy harness compares against. The character whitelist keeps it to the
// MRZ alphabet. One instance per thread: Tesseract's API object is not shareable.
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace docverify::ocr {

// Where eng.traineddata is: TESSDATA_PREFIX, then Debian's paths; "" when nowhere.
std::string tessdata_directory();

class TesseractReader {
 public:
  // Looks for eng.traineddata under TESSDATA_PREFIX, then Debian's paths.
  TesseractReader();
  ~TesseractReader();
  TesseractReader(const TesseractReader&) = delete;
  TesseractReader& operator=(const TesseractReader&) = delete;

  // False when Tesseract or its English model could not be loaded (then every read is empty).
  bool available() const noexcept;
  // One text line (page segmentation "single line"); spaces removed.
  std::string read_line(const cv::Mat& gray);
  // A block of lines (page segmentation "uniform block"); one string per line read.
  std::vector<std::string> read_block(const cv::Mat& gray);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docverify::ocr
