#pragma once
// Specimen values (spec: authenticity §2.6): ICAO example data and published national
// specimens. A specimen is not a forgery, but it is never a genuine travel document.
#include <string>
#include <vector>

#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

// Why the MRZ looks like a specimen; empty when it does not.
std::vector<std::string> specimen_reasons(const MrzResult& result);

}  // namespace docverify::mrz
