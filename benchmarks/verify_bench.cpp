// Speed of `verify` per 300 dpi scan, one thread: the read plus every image check, without
// and with the Tesseract read of the visual zone, and the kiosk's IR/UV checks. Detection
// rates are measured by docverify_verify_accuracy.
#include <benchmark/benchmark.h>

#include <opencv2/core/utility.hpp>

#include "synth/specimen.hpp"
#include "verify/document_verifier.hpp"

using namespace docverify;

namespace {

struct Page {
  cv::Mat visible;
  verify::CompanionImages companions;
};

const std::vector<Page>& pages() {
  static const std::vector<Page> out = [] {
    cv::setNumThreads(1);
    synth::PageRenderer renderer;
    std::vector<Page> p;
    for (mrz::Format f : {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3}) {
      synth::SpecimenOptions o;
      o.format = f;
      o.capture = synth::Capture::kiosk;
      o.seed = 91;
      for (int i = 0; i < 3; ++i) {
        synth::Specimen s = synth::make_specimen(o, i, renderer);
        p.push_back({s.page.image, {s.infrared, s.ultraviolet}});
      }
    }
    return p;
  }();
  return out;
}

void run(benchmark::State& state, bool visual_zone, bool companions) {
  reader::ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.mrz.profile = Profile::trainer;
  o.engine = reader::OcrEngine::builtin;
  verify::DocumentVerifier v(o, {visual_zone});
  const auto& p = pages();
  size_t i = 0;
  for (auto _ : state) {
    const Page& page = p[i++ % p.size()];
    const auto r = v.verify(page.visible, companions ? page.companions : verify::CompanionImages{});
    benchmark::DoNotOptimize(r.read.found);
  }
}

void BM_Verify_Scan300dpi(benchmark::State& state) { run(state, false, false); }
void BM_Verify_Scan300dpi_WithVisualZone(benchmark::State& state) { run(state, true, false); }
void BM_Verify_Kiosk300dpi_IrUv(benchmark::State& state) { run(state, false, true); }

}  // namespace

BENCHMARK(BM_Verify_Scan300dpi)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Verify_Scan300dpi_WithVisualZone)->Unit(benchmark::kMillisecond)->Iterations(18);
BENCHMARK(BM_Verify_Kiosk300dpi_IrUv)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
