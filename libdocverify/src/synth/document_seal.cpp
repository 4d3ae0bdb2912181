#include "synth/document_seal.hpp"

#include <algorithm>
#include <filesystem>

#include <opencv2/imgproc.hpp>

#include "barcode/barcode_writer.hpp"
#include "crypto/trust_store.hpp"
#include "errors/input_error.hpp"
#include "mrz/country_alpha2.hpp"
#include "seal/c40.hpp"
#include "seal/vds_builder.hpp"
#include "synth/identity.hpp"

namespace docverify::synth {
namespace {

constexpr std::uint64_t kPkiSeed = 0x5EA15EA1;

std::string alpha2_or_throw(const std::string& issuing_state) {
  const std::string_view a2 = mrz::alpha2_of(issuing_state);
  if (a2.empty()) throw InputError("no ISO 3166 country for the issuing state " + quote_input(issuing_state));
  return std::string(a2);
}

std::uint64_t seed_for(const std::string& country) {
  return kPkiSeed ^ (static_cast<std::uint64_t>(static_cast<unsigned char>(country[0])) << 40) ^
         (static_cast<std::uint64_t>(static_cast<unsigned char>(country[1])) << 32);
}

}  // namespace

SpecimenPki::SpecimenPki(Date today, const std::string& issuing_state)
    : country(alpha2_or_throw(issuing_state)), pki(seed_for(country), today, false, country) {
  TestSignerSpec spec;
  spec.country = country;
  spec.common_name = "TS";
  spec.serial = 0x5B;
  spec.curve = "brainpoolP256r1";
  signer = pki.issue_signer(spec);
}

std::vector<SpecimenPki> specimen_pkis(Date today) {
  std::vector<std::string> states = generator_issuing_states();
  states.insert(states.begin(), "UTO");
  std::vector<SpecimenPki> out;
  out.reserve(states.size());
  for (const std::string& state : states) out.emplace_back(today, state);
  return out;
}

void trust_specimen_pkis(crypto::TrustStore& trust, Date today) {
  for (const SpecimenPki& p : specimen_pkis(today)) {
    trust.add_bytes(p.pki.csca().der.data(), p.pki.csca().der.size(), "csca");
    trust.add_bytes(p.signer.der.data(), p.signer.der.size(), "signer");
  }
}

void write_specimen_pki(const std::string& directory, Date today) {
  for (const SpecimenPki& p : specimen_pkis(today)) {
    const std::filesystem::path dir = std::filesystem::path(directory) / p.country;
    p.pki.write_files(dir.string(), {&p.signer});
    std::filesystem::remove(dir / (p.country + "TS_5B.key.pem"));  // certificates only
  }
}

bool format_has_seal_profile(mrz::Format format) noexcept {
  return format == mrz::Format::mrva || format == mrz::Format::mrvb || format == mrz::Format::td2;
}

std::vector<std::uint8_t> make_document_seal(mrz::Format format, const std::vector<std::string>& mrz_lines,
                                             const std::string& issuing_state, const std::string& document_number,
                                             const Date& issue_date, const SpecimenPki& pki) {
  seal::VdsBuildSpec spec;
  spec.version = 4;
  spec.issuing_country = issuing_state.substr(0, 3);
  spec.issuing_country.resize(3, '<');  // "D" is written "D<<
  spec.signer = pki.country + "TS";
  spec.certificate_reference = "5B";
  spec.issue_date = issue_date;
  spec.signature_date = issue_date;
  // The passport number feature: 9 characters, filler-padded.
  std::string number = document_number.substr(0, 9);
  number.resize(9, '<');
  if (format == mrz::Format::mrva || format == mrz::Format::mrvb) {
    spec.feature_reference = 0x5D;
    spec.type_category = 0x01;
    const bool a = format == mrz::Format::mrva;
    spec.features = {{static_cast<std::uint8_t>(a ? 0x01 : 0x02), seal::vds_mrz_feature(mrz_lines, a ? 72 : 64)},
                     {0x03, {0x02}},               // two entries
                     {0x04, {0x00, 0x03, 0x00}},   // three months
                     {0x05, seal::encode_c40(number)}};
  } else if (format == mrz::Format::td2) {
    spec.feature_reference = 0xFB;
    spec.type_category = 0x06;
    spec.features = {{0x02, seal::vds_mrz_feature(mrz_lines, 72)}, {0x03, seal::encode_c40(number)}};
  } else {
    throw InputError("no Visible Digital Seal profile carries this MRZ format");
  }
  const std::vector<std::uint8_t> message = seal::build_vds_message(spec);
  return seal::append_vds_signature(message, sign_plain_ecdsa(pki.signer.key.get(), message.data(), message.size()));
}

cv::Rect draw_seal(cv::Mat& image, const cv::Rect& box, const std::vector<std::uint8_t>& payload) {
  // Rendered (and read back) at 4 pixels a module, then sampled at the module centres: one
  // pixel a module, scaled up by a whole number below.
  const cv::Mat rendered = barcode::render_barcode(barcode::Symbology::data_matrix, payload, 4, 0);
  cv::Mat unit;
  cv::resize(rendered, unit, cv::Size(rendered.cols / 4, rendered.rows / 4), 0, 0, cv::INTER_NEAREST);
  const int modules = std::max(unit.cols, unit.rows);
  const int side = std::min(box.width, box.height);
  const int module_px = side / (modules + 4);
  if (module_px < 2) return {};
  cv::Mat symbol;
  cv::resize(unit, symbol, cv::Size(unit.cols * module_px, unit.rows * module_px), 0, 0, cv::INTER_NEAREST);
  const cv::Rect at(box.x + (box.width - symbol.cols) / 2, box.y + (box.height - symbol.rows) / 2, symbol.cols, symbol.rows);
  const cv::Rect inside = at & cv::Rect(0, 0, image.cols, image.rows);
  if (inside != at) return {};
  cv::Mat target = image(at);
  // Dark modules in near-black ink over the paper; light modules leave the paper as it is.
  const cv::Scalar ink = image.channels() == 1 ? cv::Scalar(28) : cv::Scalar(28, 26, 30, 255);
  cv::Mat dark = symbol < 128;
  target.setTo(ink, dark);
  return at;
}

}  // namespace docverify::synth
