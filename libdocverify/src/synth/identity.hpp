#pragma once
// Random, plausible and entirely fictitious holders: names from several languages (with
// their diacritics and scripts), dates, numbers and codes for a chosen MRZ format.
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"
#include "mrz/builder.hpp"
#include "synth/random.hpp"

namespace docverify::synth {

struct Identity {
  mrz::MrzFieldsInput fields;  // names as printed in the visual zone (UTF-8)
  std::string issuer_name;     // "KINGDOM OF THE NETHERLANDS"-style title for the page
  std::string issuer_language; // ISO 639-1 code of the issuer's language ("nl"), for captions
};

// `today` anchors birth and expiry dates so a corpus is reproducible.
// Names follow the sex field: female given names (and the feminine surname, where the
// language inflects it) for F, male for M, either for X.
Identity random_identity(mrz::Format format, Random& rng, const Date& today);

// The issuing states the generator draws holders from, as MRZ codes ("NLD", "D", ...).
std::vector<std::string> generator_issuing_states();

// Audits of the name tables (tests): 'F' or 'M' when the given names all come from that
// sex's table, '?' when not. For a surname: 'F'/'M' for an inflected form, 'X' for a form
// both sexes share, '?' for a name not in the tables.
char sex_of_given_names(std::string_view given_names);
char sex_of_surname(std::string_view surname);

}  // namespace docverify::synth
