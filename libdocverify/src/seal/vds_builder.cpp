#include "seal/vds_builder.hpp"

#include <cstdio>

#include "errors/input_error.hpp"
#include "seal/c40.hpp"
#include "seal/vds.hpp"

namespace docverify::seal {

void append_der_length(std::vector<std::uint8_t>& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
  } else if (length <= 0xFF) {
    out.push_back(0x81);
    out.push_back(static_cast<std::uint8_t>(length));
  } else if (length <= 0xFFFF) {
    out.push_back(0x82);
    out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length));
  } else {
    throw InputError("a VDS value cannot exceed 65535 bytes");
  }
}

std::vector<std::uint8_t> build_vds_message(const VdsBuildSpec& spec) {
  if (spec.version != 3 && spec.version != 4) throw InputError("VDS version must be 3 or 4");
  if (spec.issuing_country.size() != 3) throw InputError("issuing country must have 3 characters");
  if (spec.signer.size() != 4) throw InputError("signer identifier must have 4 characters");
  std::vector<std::uint8_t> out = {kVdsMagic, static_cast<std::uint8_t>(spec.version - 1)};
  auto append = [&out](const std::vector<std::uint8_t>& b) { out.insert(out.end(), b.begin(), b.end()); };
  append(encode_c40(spec.issuing_country));
  if (spec.version == 3) {
    std::string ref = spec.certificate_reference;
    if (ref.size() > 5) throw InputError("a version 3 certificate reference has at most 5 characters");
    ref.insert(0, 5 - ref.size(), '0');
    append(encode_c40(spec.signer + ref));
  } else {
    const std::size_t n = spec.certificate_reference.size();
    if (n == 0 || n > 0xFF) throw InputError("a version 4 certificate reference has 1-255 characters");
    char length[3];
    std::snprintf(length, sizeof length, "%02zX", n);
    append(encode_c40(spec.signer + length));
    append(encode_c40(spec.certificate_reference));
  }
  std::uint8_t date[3];
  for (const Date* d : {&spec.issue_date, &spec.signature_date}) {
    if (!is_valid_date(d->year, d->month, d->day)) throw InputError("VDS dates must be calendar dates");
    encode_vds_date(*d, date);
    out.insert(out.end(), date, date + 3);
  }
  out.push_back(spec.feature_reference);
  out.push_back(spec.type_category);
  for (const auto& [tag, value] : spec.features) {
    if (tag == 0xFF) throw InputError("feature tag FF is the signature zone's");
    out.push_back(tag);
    append_der_length(out, value.size());
    append(value);
  }
  return out;
}

std::vector<std::uint8_t> append_vds_signature(std::vector<std::uint8_t> message, const std::vector<std::uint8_t>& rs) {
  message.push_back(0xFF);
  append_der_length(message, rs.size());
  message.insert(message.end(), rs.begin(), rs.end());
  return message;
}

std::vector<std::uint8_t> vds_mrz_feature(const std::vector<std::string>& lines, std::size_t stored_characters) {
  std::string joined;
  for (const auto& l : lines) joined += l;
  if (joined.size() < stored_characters) joined.append(stored_characters - joined.size(), '<');
  joined.resize(stored_characters);
  return encode_c40(joined);
}

}  // namespace docverify::seal
