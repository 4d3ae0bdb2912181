#include "ocr/tesseract_reader.hpp"

#include <cstdlib>
#include <sstream>

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>

#include <algorithm>

namespace docverify::ocr {

std::string tessdata_directory() {
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env && *env) return env;
  for (const char* dir : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"}) {
    const std::string file = std::string(dir) + "/eng.traineddata";
    if (FILE* f = std::fopen(file.c_str(), "rb")) {
      std::fclose(f);
      return dir;
    }
  }
  return {};
}

namespace {

std::string clean(const char* text) {
  std::string out;
  if (!text) return out;
  for (const char* p = text; *p; ++p)
    if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '<' || *p == '\n') out.push_back(*p);
  return out;
}

}  // namespace

struct TesseractReader::Impl {
  tesseract::TessBaseAPI api;
  bool ok = false;
};

TesseractReader::TesseractReader() : impl_(std::make_unique<Impl>()) {
  const std::string data = tessdata_directory();
  if (data.empty()) return;
  if (impl_->api.Init(data.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) return;
  impl_->api.SetVariable("tessedit_char_whitelist", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<");
  impl_->api.SetVariable("load_system_dawg", "0");
  impl_->api.SetVariable("load_freq_dawg", "0");
  impl_->api.SetVariable("debug_file", "/dev/null");
  impl_->ok = true;
}

TesseractReader::~TesseractReader() {
  if (impl_ && impl_->ok) impl_->api.End();
}

bool TesseractReader::available() const noexcept { return impl_->ok; }

std::string TesseractReader::read_line(const cv::Mat& gray) {
  if (!impl_->ok || gray.empty()) return {};
  impl_->api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  impl_->api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  std::unique_ptr<char[]> text(impl_->api.GetUTF8Text());
  std::string s = clean(text.get());
  s.erase(std::remove(s.begin(), s.end(), '\n'), s.end());
  return s;
}

std::vector<std::string> TesseractReader::read_block(const cv::Mat& gray) {
  std::vector<std::string> lines;
  if (!impl_->ok || gray.empty()) return lines;
  impl_->api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  impl_->api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  std::unique_ptr<char[]> text(impl_->api.GetUTF8Text());
  std::istringstream in(clean(text.get()));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace docverify::ocr
