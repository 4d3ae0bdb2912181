#pragma once
// Named corpora for benchmarks and accuracy harnesses: fixed lists of generator runs, so a
// figure measured on "phone" means the same documents on every machine and in every
// version that keeps the generator's output.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "synth/specimen.hpp"

namespace docverify::synth {

// One run of the generator: `count` documents of one format, capture and forgery.
struct CorpusEntry {
  mrz::Format format = mrz::Format::td3;
  Capture capture = Capture::scan;
  Forgery forgery = Forgery::none;
  std::uint64_t seed = 1;
  int count = 1;
  double dpi = 300;
  bool without_mrz = false;  // pages with no MRZ printed (negatives)
};

struct Corpus {
  std::string name;
  std::string purpose;
  std::vector<CorpusEntry> entries;
  int size() const noexcept;  // documents in all entries
};

// "scan", "kiosk", "phone", "negatives" (docs/specimen.md describes each).
std::vector<std::string> corpus_names();
// Throws InputError for a name not in corpus_names().
Corpus standard_corpus(std::string_view name);
std::vector<CorpusEntry> corpus_entries(std::string_view name);

// The generator's options for `entry` (defaults elsewhere, reference date 2026-12-01).
SpecimenOptions options_for(const CorpusEntry& entry);

// Document `index` (0 to size() - 1) of the corpus, in entry order.
Specimen make_corpus_specimen(const Corpus& corpus, int index, PageRenderer& renderer);

// Writes every document of the corpus into `directory` (created if needed) as
// write_specimens does, and `corpus.json` listing the entries and the names. Returns the
// names written.
std::vector<std::string> write_corpus(const Corpus& corpus, const std::string& directory);

}  // namespace docverify::synth
