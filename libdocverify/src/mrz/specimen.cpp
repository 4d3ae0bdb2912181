#include "mrz/specimen.hpp"

#include <cstdint>
#include <string_view>

#include "mrz/fields.hpp"

namespace docverify::mrz {
namespace {

// Names as written in the MRZ (fillers between components), from ICAO 9303 Parts 4-7
// and published national specimens.
constexpr std::string_view kSpecimenNames[] = {
    "ERIKSSON<<ANNA<MARIA",
    "ARKFREITH",
    "BENNELONG<WOOLOOMOOLOO<WARRANDYTE<WARNAMBOOL<<DINGO<POTOROO",
    "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGUANG",
    "CHAYAPA<DEJTHAMRONG<KRASUANG",
    "PAPANDROPOULOUS<<JONATHON",
    "SATRIYA<SUDARPA",
    "SMITH<JONES<<SUSIE<MARGARET",
    "VAN<DER<MUELLEN<<MARTIN",
    "VILARCHAO<FERNANDEZ<<JOSE<RAMON",
    "HENG<<DEBORAH<MING<LO",
    "OCONNOR<<ENYA<SIOBHAN",
    "AL<BASRI<<HUDA<MUHAMMAD<JAWAD",
    "MUSTERMANN<<ERIKA",
    "SPECIMEN<<BIOMETRIA",
    "ZHENGJIAN<<YANGBEN",
};

// Generic words (weak alone). MUSTERMANN and ZHENGJIAN count only as the full specimen
// names above: Zhengjian is a real given name.
constexpr std::string_view kSpecimenWords[] = {"SPECIMEN", "MUSTER", "MUESTRA", "ECHANTILLON", "SPECIMENS"};

constexpr std::string_view kSpecimenNumbers[] = {"L898902C3", "D23145890", "HA672242", "C01X00T47",
                                                 "T22000129", "E00000000", "L8988901C"};

constexpr std::string_view kSpecimenPersonalNumbers[] = {"ZE184226B", "1111111111"};

// FNV-1a: specimen names and words are compared only when their hash matches, so an
// ordinary document pays one pass over its name.
constexpr std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

template <std::size_t N>
struct Hashes {
  std::uint64_t h[N];
  constexpr explicit Hashes(const std::string_view (&items)[N]) : h() {
    for (std::size_t i = 0; i < N; ++i) h[i] = fnv1a(items[i]);
  }
};
constexpr Hashes kNameHashes(kSpecimenNames);
constexpr Hashes kWordHashes(kSpecimenWords);

template <std::size_t N>
const std::string_view* match(std::string_view s, const std::string_view (&items)[N], const Hashes<N>& hashes) {
  const std::uint64_t h = fnv1a(s);
  for (std::size_t i = 0; i < N; ++i)
    if (hashes.h[i] == h && items[i] == s) return &items[i];
  return nullptr;
}

bool repeated_digit(std::string_view s) {
  if (s.size() < 6) return false;
  for (char c : s)
    if (c != s[0]) return false;
  return s[0] >= '0' && s[0] <= '9';
}

// The whole name as printed, fillers inside kept, trailing fillers removed. ICAO formats
// return a view of the lines; the French card joins its two zones in `storage`.
std::string_view printed_name(const MrzResult& r, std::string& storage) {
  const Layout& layout = layout_of(r.format);
  if (const Zone* z = find_zone(layout, ZoneKind::name)) return strip_trailing_fillers(r.lines.span(z->span));
  storage.assign(strip_trailing_fillers(r.lines.span(find_zone(layout, ZoneKind::surname)->span)));
  storage += "<<";
  storage += strip_trailing_fillers(r.lines.span(find_zone(layout, ZoneKind::given_names)->span));
  return storage;
}

// Calls `fn` for every word of a name ('<'-separated, non-empty).
template <class Fn>
void for_each_word(std::string_view name, Fn&& fn) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '<') {
      if (i > start) fn(name.substr(start, i - start));
      start = i + 1;
    }
  }
}

}  // namespace

SpecimenFindings specimen_findings(const MrzResult& r) {
  SpecimenFindings found;
  std::vector<std::string>& reasons = found.reasons;
  auto strong = [&](std::string reason) {
    reasons.push_back(std::move(reason));
    found.strong = true;
  };
  const MrzFields& f = r.fields;
  const std::string_view issuer = f.issuing_state, nationality = f.nationality, number = f.document_number;
  for (std::string_view code : {std::string_view("UTO"), std::string_view("YTO")}) {
    if (issuer == code) strong("issuing state " + std::string(code) + " is a specimen code");
    if (nationality == code) strong("nationality " + std::string(code) + " is a specimen code");
  }
  std::string storage;
  const std::string_view name = printed_name(r, storage);
  if (const auto* s = match(name, kSpecimenNames, kNameHashes))
    strong("name " + std::string(*s) + " is a published specimen name");
  for_each_word(name, [&](std::string_view word) {
    if (word.size() < 6) return;  // every specimen word is longer
    if (const auto* w = match(word, kSpecimenWords, kWordHashes))
      reasons.push_back("name contains the word " + std::string(*w));
  });
  if (number.size() == 8 || number.size() == 9) {
    for (std::string_view n : kSpecimenNumbers)
      if (number == n) strong("document number " + std::string(n) + " is a published specimen number");
  }
  if (repeated_digit(number)) reasons.push_back("document number " + f.document_number + " repeats one digit");
  for (std::string_view n : kSpecimenPersonalNumbers)
    if (std::string_view(f.optional_data) == n || std::string_view(f.optional_data_2) == n)
      strong("personal number " + std::string(n) + " is a published specimen value");
  return found;
}

}  // namespace docverify::mrz
