#include "ocr/viz_text_reader.hpp"


#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include "ocr/tesseract_reader.hpp"

namespace docverify::ocr {

struct VizTextReader::Impl {
  tesseract::TessBaseAPI api;
  bool ok = false;
};

VizTextReader::VizTextReader() : impl_(std::make_unique<Impl>()) {
  // Leptonica prints its complaints about odd layout boxes to stderr; a library must not.
  setMsgSeverity(L_SEVERITY_NONE);
  const std::string data = tessdata_directory();
  if (data.empty()) return;
  if (impl_->api.Init(data.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) return;
  impl_->api.SetVariable("debug_file", "/dev/null");
  // Names and document numbers are not English words: the dictionaries only pull them
  // towards words they are not.
  impl_->api.SetVariable("load_system_dawg", "0");
  impl_->api.SetVariable("load_freq_dawg", "0");
  impl_->api.SetPageSegMode(tesseract::PSM_SPARSE_TEXT);  // values stand apart from the labels and the art
  impl_->ok = true;
}

VizTextReader::~VizTextReader() {
  if (impl_ && impl_->ok) impl_->api.End();
}

bool VizTextReader::available() const noexcept { return impl_->ok; }

std::vector<VizWord> VizTextReader::read(const cv::Mat& gray) {
  std::vector<VizWord> words;
  if (!impl_->ok || gray.empty() || gray.type() != CV_8UC1) return words;
  impl_->api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  if (impl_->api.Recognize(nullptr) != 0) return words;
  std::unique_ptr<tesseract::ResultIterator> it(impl_->api.GetIterator());
  if (!it) return words;
  int line = -1;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || !*text.get()) continue;
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1);
    words.push_back({text.get(), cv::Rect(x0, y0, x1 - x0, y1 - y0), it->Confidence(tesseract::RIL_WORD) / 100.0f, line});
  } while (it->Next(tesseract::RIL_WORD));
  impl_->api.Clear();
  return words;
}

}  // namespace docverify::ocr
