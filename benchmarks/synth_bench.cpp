// Document generator speed: pages drawn per second (target: 20 TD3 pages at 300 dpi on one core).
#include <benchmark/benchmark.h>

#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "synth/specimen.hpp"

namespace {

using namespace docverify;

void BM_RenderPage(benchmark::State& state, mrz::Format format, double dpi) {
  synth::PageRenderer renderer;
  synth::SpecimenOptions o;
  o.format = format;
  o.dpi = dpi;
  int i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(synth::make_specimen(o, i++, renderer).page.image.data);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_RenderPage, TD3_300dpi, mrz::Format::td3, 300.0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RenderPage, TD1_300dpi, mrz::Format::td1, 300.0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RenderPage, TD3_600dpi, mrz::Format::td3, 600.0)->Unit(benchmark::kMillisecond);

// Drawing plus PNG encoding, as `docverify specimen` writes them.
void BM_RenderAndEncodeTd3(benchmark::State& state) {
  synth::PageRenderer renderer;
  synth::SpecimenOptions o;
  int i = 0;
  std::vector<unsigned char> png;
  for (auto _ : state) {
    const auto s = synth::make_specimen(o, i++, renderer);
    cv::imencode(".png", s.page.image, png, {cv::IMWRITE_PNG_COMPRESSION, 6});
    benchmark::DoNotOptimize(png.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderAndEncodeTd3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
