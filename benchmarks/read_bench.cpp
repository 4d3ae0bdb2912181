// Speed of the MRZ image reader from a decoded buffer, one thread: 1280 x 960 frames (a
// kiosk page scaled into the frame, as a document camera delivers it) and the generator's
// phone photos at their own size. Accuracy is measured by docverify_mrz_read_accuracy.
#include <benchmark/benchmark.h>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "reader/mrz_image_reader.hpp"
#include "synth/specimen.hpp"

using namespace docverify;

namespace {

std::vector<cv::Mat> frames(synth::Capture capture, bool fit_1280x960) {
  cv::setNumThreads(1);
  synth::PageRenderer renderer;
  std::vector<cv::Mat> out;
  const mrz::Format formats[] = {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3};
  for (mrz::Format f : formats) {
    synth::SpecimenOptions o;
    o.format = f;
    o.capture = capture;
    o.seed = 77;
    for (int i = 0; i < 4; ++i) {
      const synth::Specimen s = synth::make_specimen(o, i, renderer);
      cv::Mat img = s.has_photo ? cv::imdecode(s.photo.jpeg, cv::IMREAD_COLOR) : s.page.image;
      if (fit_1280x960) {
        const double k = std::min(1280.0 * 0.9 / img.cols, 960.0 * 0.9 / img.rows);
        cv::Mat small;
        cv::resize(img, small, {}, k, k, cv::INTER_AREA);
        cv::Mat frame(960, 1280, CV_8UC3, cv::Scalar(40, 40, 40));
        small.copyTo(frame(cv::Rect((1280 - small.cols) / 2, (960 - small.rows) / 2, small.cols, small.rows)));
        img = frame;
      }
      out.push_back(img);
    }
  }
  return out;
}

void run(benchmark::State& state, const std::vector<cv::Mat>& images) {
  reader::ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.engine = reader::OcrEngine::builtin;
  reader::MrzImageReader r(o);
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto result = r.read(images[i++ % images.size()]);
    found += result.found;
    benchmark::DoNotOptimize(result.found);
  }
  state.counters["found_rate"] = static_cast<double>(found) / static_cast<double>(std::max<size_t>(1, i));
}

void BM_ReadMrz_Kiosk1280x960(benchmark::State& state) {
  static const auto images = frames(synth::Capture::kiosk, true);
  run(state, images);
}
BENCHMARK(BM_ReadMrz_Kiosk1280x960)->Unit(benchmark::kMillisecond);

void BM_ReadMrz_Phone1200x1600(benchmark::State& state) {
  static const auto images = frames(synth::Capture::phone, false);
  run(state, images);
}
BENCHMARK(BM_ReadMrz_Phone1200x1600)->Unit(benchmark::kMillisecond);

void BM_ReadMrz_NoDocument(benchmark::State& state) {
  static const auto images = frames(synth::Capture::no_document, false);
  run(state, images);
}
BENCHMARK(BM_ReadMrz_NoDocument)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
