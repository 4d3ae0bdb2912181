#pragma once
// Tesseract (Debian's LSTM `eng` model) on a document's visual zone: printed words with
// their boxes and confidences, in reading order, any characters (UTF-8). One instance per
// thread: Tesseract's API object is not shareable.
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace docverify::ocr {

struct VizWord {
  std::string text;  // UTF-8 as read
  cv::Rect box;      // in the image given to read()
  float confidence = 0;  // 0-1
  int line = 0;      // words with the same number were read as one text line
};

class VizTextReader {
 public:
  // Looks for eng.traineddata under TESSDATA_PREFIX, then Debian's paths.
  VizTextReader();
  ~VizTextReader();
  VizTextReader(const VizTextReader&) = delete;
  VizTextReader& operator=(const VizTextReader&) = delete;

  // False when Tesseract or its English model could not be loaded (then read gives nothing).
  bool available() const noexcept;
  // The text of a page (labels and values, any layout) from an 8-bit grey image.
  std::vector<VizWord> read(const cv::Mat& gray);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docverify::ocr
