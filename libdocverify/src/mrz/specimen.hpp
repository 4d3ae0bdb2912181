#pragma once
// Specimen values (spec: authenticity §2.6): ICAO example data and published national
// specimens. A specimen is not a forgery, but it is never a genuine travel document.
#include <string>
#include <vector>

#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

// Why the MRZ looks like a specimen. Strong: specimen codes, published specimen names and
// numbers. Weak: a generic word (SPECIMEN, MUSTER, ...) or a repeated-digit number alone,
// which a real document can carry.
struct SpecimenFindings {
  std::vector<std::string> reasons;
  bool strong = false;
};
SpecimenFindings specimen_findings(const MrzResult& result);

}  // namespace docverify::mrz
