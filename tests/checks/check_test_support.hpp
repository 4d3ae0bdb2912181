#pragma once
// What the verifier's tests share: one page renderer (its fonts load once) and a check
// record looked up by id.
#include <string_view>

#include "synth/specimen.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::verify {

inline synth::PageRenderer& renderer() {
  static synth::PageRenderer r;
  return r;
}

// Document `index` of a generated corpus.
inline synth::Specimen specimen_of(mrz::Format f, synth::Forgery forgery, int index, std::uint64_t seed,
                                   synth::Capture capture = synth::Capture::scan) {
  synth::SpecimenOptions o;
  o.format = f;
  o.forgery = forgery;
  o.capture = capture;
  o.seed = seed;
  return synth::make_specimen(o, index, renderer());
}

inline const CheckRecord* find(const VerifyResult& r, std::string_view id) {
  for (const auto& c : r.read.best.mrz.checks)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace docverify::verify
