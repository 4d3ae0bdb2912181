// Accuracy and speed of the MRZ image reader on corpora regenerated from the synthetic
// generator (nothing is committed but the recipe below), with a Tesseract-only baseline
// measured in the same run. Prints one table per engine: per capture profile and format,
// exact full-MRZ match rate, character accuracy, not-found rate, accepted-but-wrong count,
// false MRZs on negatives, median and p95 milliseconds per image (decode apart).
//
//   docverify_mrz_read_accuracy [--per-format N] [--baseline-per-format N] [--seed S]
//
// Default: 84 images per format and profile (504 per profile) and 200 negatives; the
// baseline reads 6 per format and profile (it is slow: that is the point of comparing).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "image/decode.hpp"
#include "reader/mrz_image_reader.hpp"
#include "synth/specimen.hpp"

using namespace docverify;

namespace {

struct Cell {
  int images = 0, exact = 0, found = 0, accepted = 0, accepted_wrong = 0;
  long chars = 0, chars_right = 0;
  std::vector<double> ms, decode_ms;
};

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

struct Run {
  std::map<std::pair<std::string, std::string>, Cell> cells;  // (profile, format)
  int negatives = 0, false_mrz = 0;
  std::vector<double> negative_ms;
};

void score(Cell& c, const synth::Specimen& s, const reader::ImageReadResult& r, double ms, double decode_ms) {
  ++c.images;
  c.ms.push_back(ms);
  c.decode_ms.push_back(decode_ms);
  const auto& truth = s.page.mrz_lines;
  long n = 0;
  for (const auto& l : truth) n += static_cast<long>(l.size());
  c.chars += n;
  if (!r.found) return;
  ++c.found;
  bool exact = r.best.mrz.lines.count() == static_cast<int>(truth.size());
  for (int i = 0; i < r.best.mrz.lines.count() && i < static_cast<int>(truth.size()); ++i) {
    const std::string_view got = r.best.mrz.lines.line(i);
    const std::string& want = truth[static_cast<size_t>(i)];
    if (got != want) exact = false;
    for (size_t k = 0; k < std::min(got.size(), want.size()); ++k) c.chars_right += got[k] == want[k];
  }
  c.exact += exact;
  if (r.best.valid) {
    ++c.accepted;
    if (!exact) ++c.accepted_wrong;
  }
}

void print(const char* title, const Run& run) {
  std::printf("\n%s\n", title);
  std::printf("| profile | format | images | exact | char acc | not found | accepted | accepted-but-wrong | median ms | p95 ms | decode ms |\n");
  std::printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::map<std::string, Cell> totals;
  for (const auto& [key, c] : run.cells) {
    auto& t = totals[key.first];
    t.images += c.images, t.exact += c.exact, t.found += c.found, t.accepted += c.accepted, t.accepted_wrong += c.accepted_wrong;
    t.chars += c.chars, t.chars_right += c.chars_right;
    t.ms.insert(t.ms.end(), c.ms.begin(), c.ms.end());
    t.decode_ms.insert(t.decode_ms.end(), c.decode_ms.begin(), c.decode_ms.end());
  }
  auto row = [](const std::string& p, const std::string& f, const Cell& c) {
    std::printf("| %s | %s | %d | %.1f %% | %.2f %% | %.1f %% | %.1f %% | %d | %.1f | %.1f | %.1f |\n", p.c_str(), f.c_str(), c.images,
                100.0 * c.exact / std::max(1, c.images), 100.0 * static_cast<double>(c.chars_right) / static_cast<double>(std::max(1L, c.chars)),
                100.0 * (c.images - c.found) / std::max(1, c.images), 100.0 * c.accepted / std::max(1, c.images), c.accepted_wrong,
                percentile(c.ms, 0.5), percentile(c.ms, 0.95), percentile(c.decode_ms, 0.5));
  };
  for (const auto& [key, c] : run.cells) row(key.first, key.second, c);
  for (const auto& [p, c] : totals) row(p, "**all**", c);
  std::printf("| negatives | - | %d | - | - | - | - | false MRZ: %d | %.1f | %.1f | - |\n", run.negatives, run.false_mrz,
              percentile(run.negative_ms, 0.5), percentile(run.negative_ms, 0.95));
}

}  // namespace

int main(int argc, char** argv) {
  int per_format = 84, baseline_per_format = 6, negatives = 200;
  std::uint64_t seed = 9303;
  std::string dump;  // --dump DIR: write the images not read as valid, for a look
  std::string only;  // --only PROFILE: one capture profile
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--per-format")) per_format = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--baseline-per-format")) baseline_per_format = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--negatives")) negatives = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dump")) dump = argv[i + 1];
    else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
    else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  const mrz::Format formats[] = {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrva, mrz::Format::mrvb, mrz::Format::fra_id};
  const synth::Capture captures[] = {synth::Capture::scan, synth::Capture::kiosk, synth::Capture::phone};
  cv::setNumThreads(1);  // single-threaded figures, as the targets are stated
  synth::PageRenderer renderer;
  reader::ReadOptions ours_options;
  ours_options.mrz.today = Date{2026, 12, 1};
  reader::ReadOptions baseline_options = ours_options;
  baseline_options.engine = reader::OcrEngine::tesseract;
  reader::MrzImageReader ours(ours_options), baseline(baseline_options);
  Run run_ours, run_baseline;

  auto read_encoded = [](reader::MrzImageReader& r, const std::vector<unsigned char>& bytes, double& ms, double& decode_ms) {
    const auto t0 = std::chrono::steady_clock::now();
    const cv::Mat img = image::decode_image(bytes.data(), bytes.size());
    const auto t1 = std::chrono::steady_clock::now();
    reader::ImageReadResult result = r.read(img);
    const auto t2 = std::chrono::steady_clock::now();
    decode_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return result;
  };

  for (synth::Capture capture : captures) {
    if (!only.empty() && only != synth::capture_name(capture)) continue;
    // Kiosks read the MRZ in infrared, where the background print has gone.
    const bool use_infrared = capture == synth::Capture::kiosk;
    for (mrz::Format format : formats) {
      synth::SpecimenOptions o;
      o.format = format;
      o.capture = capture;
      o.seed = seed + static_cast<std::uint64_t>(format) * 1000 + static_cast<std::uint64_t>(capture) * 100000;
      o.dpi = capture == synth::Capture::scan ? 300 : 300;
      o.count = per_format;
      for (int i = 0; i < per_format; ++i) {
        const synth::Specimen s = synth::make_specimen(o, i, renderer);
        const std::vector<unsigned char> bytes =
            s.has_photo ? s.photo.jpeg : synth::encode_png(use_infrared && !s.infrared.empty() ? s.infrared : s.page.image);
        const std::string key_profile(synth::capture_name(capture));
        const std::string key_format(mrz::format_name(format));
        double ms = 0, dms = 0;
        const auto result = read_encoded(ours, bytes, ms, dms);
        score(run_ours.cells[{key_profile, key_format}], s, result, ms, dms);
        bool wrong = false;
        if (result.found)
          for (int li = 0; li < result.best.mrz.lines.count() && li < static_cast<int>(s.page.mrz_lines.size()); ++li)
            wrong |= result.best.mrz.lines.line(li) != s.page.mrz_lines[static_cast<size_t>(li)];
        if (!dump.empty() && (!(result.found && result.best.valid) || wrong)) {
          const std::string tag = result.found && result.best.valid && wrong ? "-ACCEPTED-WRONG" : "";
          std::FILE* f = std::fopen((dump + "/" + s.name + "-" + key_profile + tag + (s.has_photo ? ".jpg" : ".png")).c_str(), "wb");
          if (f) std::fwrite(bytes.data(), 1, bytes.size(), f), std::fclose(f);
        }
        if (i < baseline_per_format) {
          const auto b = read_encoded(baseline, bytes, ms, dms);
          score(run_baseline.cells[{key_profile, key_format}], s, b, ms, dms);
        }
      }
      std::fprintf(stderr, "%s %s done\n", std::string(synth::capture_name(capture)).c_str(), std::string(mrz::format_name(format)).c_str());
    }
  }
  synth::SpecimenOptions neg;
  neg.capture = synth::Capture::no_document;
  neg.seed = seed + 7;
  neg.count = negatives;
  for (int i = 0; i < negatives; ++i) {
    const synth::Specimen s = synth::make_specimen(neg, i, renderer);
    double ms = 0, dms = 0;
    const auto r = read_encoded(ours, s.photo.jpeg, ms, dms);
    ++run_ours.negatives;
    run_ours.false_mrz += r.found;
    run_ours.negative_ms.push_back(ms);
    if (i < baseline_per_format * 3) {
      const auto b = read_encoded(baseline, s.photo.jpeg, ms, dms);
      ++run_baseline.negatives;
      run_baseline.false_mrz += b.found;
      run_baseline.negative_ms.push_back(ms);
    }
  }
  print("docverify (OCR-B classifier, Tesseract as second opinion)", run_ours);
  print("Tesseract only (Debian eng, MRZ whitelist, on the located and rectified band)", run_baseline);
  return 0;
}
