// libFuzzer target: arbitrary bytes as an AAMVA PDF417 payload. Either MalformedSeal or a
// record whose every string is valid UTF-8 and whose subfiles lie inside the payload;
// never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "seal/aamva.hpp"
#include "seal/seal_error.hpp"

namespace {

bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)docverify::seal::looks_like_aamva(data, size);
  try {
    const auto r = docverify::seal::parse_aamva(data, size);
    require(valid_utf8(r.file_type) && valid_utf8(r.iin) && valid_utf8(r.family_name) && valid_utf8(r.given_names) &&
            valid_utf8(r.full_name) && valid_utf8(r.document_number) && valid_utf8(r.country) &&
            valid_utf8(r.date_order_reason));
    for (const auto& w : r.warnings) require(valid_utf8(w));
    std::size_t elements = 0;
    for (const auto& s : r.subfiles) {
      require(valid_utf8(s.type) && s.offset + s.length <= size);
      for (const auto& e : s.elements) require(valid_utf8(e.id) && valid_utf8(e.name) && valid_utf8(e.value));
      elements += s.elements.size();
    }
    require(elements <= docverify::seal::kMaxAamvaElements && r.warnings.size() <= 101);
    (void)r.find("DAQ");
  } catch (const docverify::seal::MalformedSeal&) {
  }
  return 0;
}
