#include "seal/seal_crosscheck.hpp"

#include <string>
#include <string_view>

namespace docverify::seal {

CheckRecord compare_seal_mrz(const SealResult& seal, const mrz::MrzResult& printed) {
  CheckRecord r;
  r.id = "seal.mrz_match";
  r.group = CheckGroup::text;
  r.critical = true;
  r.required = false;
  const VdsFeature* feature = nullptr;  // the first MRZ feature, the one seal.mrz parsed
  const VdsFeature* number = nullptr;   // an address sticker's document number
  if (seal.vds)
    for (const auto& f : seal.vds->features) {
      if (!f.mrz_lines.empty() && feature == nullptr) feature = &f;
      if (f.decoded && f.definition != nullptr && std::string_view(f.definition->name) == "document_number") number = &f;
    }
  if (feature == nullptr && number != nullptr) {
    std::string seal_number = number->text, printed_number = printed.fields.document_number;
    for (std::string* n : {&seal_number, &printed_number})
      while (!n->empty() && n->back() == '<') n->pop_back();
    if (seal_number == printed_number) {
      r.status = CheckStatus::ok;
      r.message = "the seal's document number is the printed one";
    } else {
      r.status = CheckStatus::error;
      r.diagnose = Diagnose::source_mismatch;
      r.message = "the seal names document " + seal_number + ", the page prints " + printed_number;
    }
    return r;
  }
  if (feature == nullptr) {
    // A verified seal that nothing ties to this document proves nothing about it: required,
    // so the verdict says so instead of reading the seal's ok as the document's.
    r.diagnose = Diagnose::not_in_mrz;
    r.required = seal.signature.status == CheckStatus::ok;
    r.message = "the seal carries no MRZ or document number: nothing ties it to this document";
    return r;
  }
  const mrz::MrzLines& lines = printed.lines;
  const std::size_t length = static_cast<std::size_t>(lines.length());
  if (static_cast<std::size_t>(lines.count()) != feature->mrz_lines.size() || lines.count() == 0 ||
      length != feature->mrz_lines[0].size()) {
    // Not the same document's MRZ: a seal of another document (a sticker beside the page
    // read, or a seal moved onto this page). A warning, as two documents may share a frame.
    r.status = CheckStatus::warning;
    r.critical = false;
    r.diagnose = Diagnose::source_mismatch;
    r.message = "the seal's MRZ (" + std::to_string(feature->mrz_lines.size()) + " lines of " +
                std::to_string(feature->mrz_lines[0].size()) + ") is not the shape of the printed MRZ: the seal belongs to another document";
    return r;
  }
  std::size_t compared = 0, differing = 0;
  std::string where;
  for (int l = 0; l < lines.count(); ++l)
    for (std::size_t i = 0; i < length; ++i) {
      if (static_cast<std::size_t>(l) * length + i >= feature->mrz_stored) break;
      ++compared;
      if (lines.at(l, static_cast<int>(i)) != feature->mrz_lines[static_cast<std::size_t>(l)][i] && ++differing <= 6)
        where += (where.empty() ? "" : ", ") + ("line " + std::to_string(l + 1) + " col " + std::to_string(i + 1));
    }
  r.measured = static_cast<double>(differing);
  r.threshold = 0;
  r.unit = "characters";
  if (differing > 0) {
    r.status = CheckStatus::error;
    r.diagnose = Diagnose::source_mismatch;
    r.message = std::to_string(differing) + " of " + std::to_string(compared) +
                " characters differ between the seal's MRZ and the printed MRZ (" + where + ")";
    return r;
  }
  if (seal.signature.status != CheckStatus::ok) {
    // Equal text from an unproven seal shows consistency, not authenticity.
    r.status = CheckStatus::ok;
    r.message = "the printed MRZ equals the seal's MRZ (" + std::to_string(compared) +
                " characters), but the seal's signature is not proven";
    return r;
  }
  r.status = CheckStatus::ok;
  r.message = "the printed MRZ equals the signed MRZ of the seal (" + std::to_string(compared) + " characters)";
  return r;
}

}  // namespace docverify::seal
