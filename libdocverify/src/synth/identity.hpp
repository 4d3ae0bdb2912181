#pragma once
// Random, plausible and entirely fictitious holders: names from several languages (with
// their diacritics and scripts), dates, numbers and codes for a chosen MRZ format.
#include <string>

#include "calendar/date.hpp"
#include "mrz/builder.hpp"
#include "synth/random.hpp"

namespace docverify::synth {

struct Identity {
  mrz::MrzFieldsInput fields;  // names as printed in the visual zone (UTF-8)
  std::string issuer_name;     // "KINGDOM OF THE NETHERLANDS"-style title for the page
};

// `today` anchors birth and expiry dates so a corpus is reproducible.
Identity random_identity(mrz::Format format, Random& rng, const Date& today);

}  // namespace docverify::synth
