// Speed of read_barcodes on a 2 MP page (1700 x 1200, light grey with text and paper
// noise), one thread: a VDS-sized DataMatrix (160 bytes, 48 x 48 modules of 4 px) centred
// (zxing's whole-image pass finds it), off-centre (found by the region search), rotated
// 10 degrees; an AAMVA-sized PDF417 (400 bytes, 3 px modules) rotated 7 degrees (needs the
// deskewed crop); and the same page without any symbol (the cost of not finding).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include "barcode/barcode_reader.hpp"
#include "barcode/barcode_writer.hpp"

using namespace docverify::barcode;

namespace {

std::vector<std::uint8_t> vds_payload() {
  std::mt19937 rng(7);
  std::vector<std::uint8_t> b(160);
  for (auto& c : b) c = static_cast<std::uint8_t>(rng() & 0xFF);
  return b;
}

std::vector<std::uint8_t> aamva_payload() {
  std::string s = "@\n\x1e\rANSI 636000100002DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\n"
                  "DADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062019\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\n";
  while (s.size() < 400) s += "ZVBPADDING FIELD 0123456789\r";
  return {s.begin(), s.end()};
}

cv::Mat page() {
  cv::Mat p(1200, 1700, CV_8UC1, cv::Scalar(222));
  for (int i = 0; i < 6; ++i)
    cv::putText(p, "SPECIMEN 0123456789 DOCUMENT <<<", {60, 60 + i * 42}, cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(70), 2);
  cv::Mat noise(p.size(), CV_16S), p16;
  cv::RNG(11).fill(noise, cv::RNG::NORMAL, 0, 5);
  p.convertTo(p16, CV_16S);
  p16 += noise;
  p16.convertTo(p, CV_8U);
  return p;
}

cv::Mat with_symbol(const cv::Mat& symbol, cv::Point2f centre, double angle) {
  cv::Mat p = page();
  const cv::Point2f sc(symbol.cols / 2.0f, symbol.rows / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(sc, angle, 1.0);
  m.at<double>(0, 2) += centre.x - sc.x;
  m.at<double>(1, 2) += centre.y - sc.y;
  cv::warpAffine(symbol, p, m, p.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  return p;
}

void run(benchmark::State& state, const cv::Mat& image, std::size_t expected) {
  cv::setNumThreads(1);
  std::size_t found = 0, calls = 0;
  for (auto _ : state) {
    const std::vector<Barcode> r = read_barcodes(image);
    found += r.size();
    ++calls;
    benchmark::DoNotOptimize(r.data());
  }
  state.counters["found_per_call"] = static_cast<double>(found) / static_cast<double>(calls);
  if (found != expected * calls) state.SkipWithError("unexpected number of symbols");
}

void BM_ReadBarcodes_DataMatrixCentred(benchmark::State& state) {
  static const cv::Mat image = with_symbol(render_barcode(Symbology::data_matrix, vds_payload(), 4, 4), {850, 600}, 0);
  run(state, image, 1);
}
BENCHMARK(BM_ReadBarcodes_DataMatrixCentred)->Unit(benchmark::kMillisecond);

void BM_ReadBarcodes_DataMatrixOffCentre(benchmark::State& state) {
  static const cv::Mat image = with_symbol(render_barcode(Symbology::data_matrix, vds_payload(), 4, 4), {1350, 850}, 0);
  run(state, image, 1);
}
BENCHMARK(BM_ReadBarcodes_DataMatrixOffCentre)->Unit(benchmark::kMillisecond);

void BM_ReadBarcodes_DataMatrixRotated10(benchmark::State& state) {
  static const cv::Mat image = with_symbol(render_barcode(Symbology::data_matrix, vds_payload(), 4, 4), {1350, 850}, 10);
  run(state, image, 1);
}
BENCHMARK(BM_ReadBarcodes_DataMatrixRotated10)->Unit(benchmark::kMillisecond);

void BM_ReadBarcodes_Pdf417Rotated7(benchmark::State& state) {
  static const cv::Mat image = with_symbol(render_barcode(Symbology::pdf417, aamva_payload(), 3, 4), {900, 700}, 7);
  run(state, image, 1);
}
BENCHMARK(BM_ReadBarcodes_Pdf417Rotated7)->Unit(benchmark::kMillisecond);

void BM_ReadBarcodes_EmptyPage(benchmark::State& state) {
  static const cv::Mat image = page();
  run(state, image, 0);
}
BENCHMARK(BM_ReadBarcodes_EmptyPage)->Unit(benchmark::kMillisecond);

// The same page, DataMatrix only (what a VDS reader asks for).
void BM_ReadBarcodes_DataMatrixOnlyRotated10(benchmark::State& state) {
  static const cv::Mat image = with_symbol(render_barcode(Symbology::data_matrix, vds_payload(), 4, 4), {1350, 850}, 10);
  cv::setNumThreads(1);
  BarcodeReadOptions o;
  o.formats = symbology_bit(Symbology::data_matrix);
  for (auto _ : state) benchmark::DoNotOptimize(read_barcodes(image, o).size());
}
BENCHMARK(BM_ReadBarcodes_DataMatrixOnlyRotated10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
