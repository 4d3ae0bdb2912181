#pragma once
// Visible Digital Seals for generated documents: the generator's own test PKI signs a
// seal over the document's MRZ (ICAO visa profile for MRV-A/MRV-B, the residence-permit
// profile for TD2), and the seal is printed as a DataMatrix in the page's barcode area.
// A data forgery changes the printed page, never the seal: seal.mrz_match catches it.
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "calendar/date.hpp"
#include "mrz/format.hpp"
#include "synth/test_pki.hpp"

namespace docverify::crypto {
class TrustStore;
}

namespace docverify::synth {

// The PKI the generated seals of one issuing state are signed with: a CSCA C=<alpha-2> and
// the barcode signer <alpha-2>TS serial 0x5B (brainpoolP256r1), e.g. "NLTS" for NLD, "DETS"
// for D, "UTTS" for the specimen code UTO; deterministic from the state and `today`, so
// `docverify specimen --pki-out DIR` and the documents of any run agree.
struct SpecimenPki {
  SpecimenPki(Date today, const std::string& issuing_state = "UTO");
  std::string country;  // alpha-2
  TestPki pki;
  TestCertificate signer;
};

// The PKIs of the specimen code UTO and of every state the generator issues for.
std::vector<SpecimenPki> specimen_pkis(Date today);

// Adds every specimen PKI's CSCA and seal signer to `trust` (tests, benchmarks).
void trust_specimen_pkis(crypto::TrustStore& trust, Date today);

// Writes, for the specimen code UTO and every state the generator issues for, its CSCA and
// seal signer into DIR/<alpha-2>/ (csca.pem, <alpha-2>TS_5B.pem): one trust folder for
// `--trust DIR`. Certificates only.
void write_specimen_pki(const std::string& directory, Date today);

// Whether the generator can seal documents of this format (a VDS profile carries its MRZ).
bool format_has_seal_profile(mrz::Format format) noexcept;

// The signed seal's bytes for a document's MRZ lines. Throws InputError for a format
// without a seal profile.
std::vector<std::uint8_t> make_document_seal(mrz::Format format, const std::vector<std::string>& mrz_lines,
                                             const std::string& issuing_state, const std::string& document_number,
                                             const Date& issue_date, const SpecimenPki& pki);

// Prints the seal as a DataMatrix centred in `box` (black modules, as carbon ink shows in
// infrared too); the module size is the largest that fits with a 2-module quiet zone.
// Returns the symbol's area, empty when it cannot fit at 2 pixels a module.
cv::Rect draw_seal(cv::Mat& image, const cv::Rect& box, const std::vector<std::uint8_t>& payload);

}  // namespace docverify::synth
