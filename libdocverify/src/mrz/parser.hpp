#pragma once
// The MRZ engine's entry points: text or a recogniser's reading in, a full result out.
#include <string_view>

#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

// Parses, corrects where proven, validates and decides a verdict.
// Throws MrzInputError when the text is not shaped like an MRZ (a failed check is not
// an error: it is reported in the result).
MrzResult parse_mrz(std::string_view text, const MrzOptions& options);

// Same for a recogniser's output with per-character alternatives and confidences.
MrzResult parse_mrz_reading(const MrzReading& reading, const MrzOptions& options);

}  // namespace docverify::mrz
