#include "seal/aamva.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "errors/input_error.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

// ---------------------------------------------------------------------------------------
// The element table. One row per meaning: an ID whose meaning changed between versions
// has one row per version range. Versions: 01 = DL/ID-2000, 02 = CDS 09-2003, 03 = CDS
// 03-2005, 04 = 07-2009, 05 = 07-2010, 06 = 07-2011, 07 = 06-2012, 08 = 08-2013,
// 09 = 2016, 10 = 2020. `mandatory_*` is the version range in which Annex D lists the
// element as mandatory (0, 0: never); `dl_only` rows are mandatory in DL subfiles only.
// Sources (secondary; the standard itself is not public text): seals.md §5, the 2016/2020
// "minimum mandatory data elements" list as republished by vendors, and open-source
// parsers' per-version tables. Version 01's mandatory set is the least certain.
struct ElementDefinition {
  std::string_view id;
  std::string_view name;
  int first_version;
  int last_version;
  int mandatory_first;
  int mandatory_last;
  bool dl_only;
};

constexpr int kLatestVersion = 10;
constexpr int kOpen = 99;  // "and every later version"

constexpr ElementDefinition kElements[] = {
    // ---- version 01 (AAMVA DL/ID-2000) ----
    {"DAA", "Driver License Name", 1, 1, 1, 1, false},
    {"DAB", "Driver Last Name", 1, 1, 0, 0, false},
    {"DAC", "Driver First Name", 1, 1, 0, 0, false},
    {"DAD", "Driver Middle Name or Initial", 1, 1, 0, 0, false},
    {"DAE", "Driver Name Suffix", 1, 1, 0, 0, false},
    {"DAF", "Driver Name Prefix", 1, 1, 0, 0, false},
    {"DAG", "Driver Mailing Street Address 1", 1, 1, 1, 1, false},
    {"DAH", "Driver Mailing Street Address 2", 1, 1, 0, 0, false},
    {"DAI", "Driver Mailing City", 1, 1, 1, 1, false},
    {"DAJ", "Driver Mailing Jurisdiction Code", 1, 1, 1, 1, false},
    {"DAK", "Driver Mailing Postal Code", 1, 1, 1, 1, false},
    {"DAL", "Driver Residence Street Address 1", 1, 1, 0, 0, false},
    {"DAM", "Driver Residence Street Address 2", 1, 1, 0, 0, false},
    {"DAN", "Driver Residence City", 1, 1, 0, 0, false},
    {"DAO", "Driver Residence Jurisdiction Code", 1, 1, 0, 0, false},
    {"DAP", "Driver Residence Postal Code", 1, 1, 0, 0, false},
    {"DAQ", "Driver License/ID Number", 1, 1, 1, 1, false},
    {"DAR", "Driver License Classification Code", 1, 1, 1, 1, true},
    {"DAS", "Driver License Restriction Code", 1, 1, 1, 1, true},
    {"DAT", "Driver License Endorsements Code", 1, 1, 1, 1, true},
    {"DAU", "Height (FT/IN)", 1, 1, 0, 0, false},
    {"DAV", "Height (CM)", 1, 1, 0, 0, false},
    {"DAW", "Weight (LBS)", 1, 1, 0, 0, false},
    {"DAX", "Weight (KG)", 1, 1, 0, 0, false},
    {"DAY", "Eye Color", 1, 1, 1, 1, false},
    {"DAZ", "Hair Color", 1, 1, 0, 0, false},
    {"DBA", "Driver License Expiration Date", 1, 1, 1, 1, false},
    {"DBB", "Date of Birth", 1, 1, 1, 1, false},
    {"DBC", "Driver Sex", 1, 1, 1, 1, false},
    {"DBD", "Driver License or ID Document Issue Date", 1, 1, 1, 1, false},
    {"DBE", "Issue Timestamp", 1, 1, 0, 0, false},
    {"DBF", "Number of Duplicates", 1, 1, 0, 0, false},
    {"DBG", "Medical Indicator/Codes", 1, 1, 0, 0, false},
    {"DBH", "Organ Donor", 1, 1, 0, 0, false},
    {"DBI", "Non-Resident Indicator", 1, 1, 0, 0, false},
    {"DBJ", "Unique Customer Identifier", 1, 1, 0, 0, false},
    {"DBK", "Social Security Number", 1, 1, 0, 0, false},
    {"DBL", "Driver AKA Date of Birth", 1, 1, 0, 0, false},
    {"DBM", "Driver AKA Social Security Number", 1, 1, 0, 0, false},
    {"DBN", "Driver AKA Name", 1, 1, 0, 0, false},
    {"DBO", "Driver AKA Last Name", 1, 1, 0, 0, false},
    {"DBP", "Driver AKA First Name", 1, 1, 0, 0, false},
    {"DBQ", "Driver AKA Middle Name", 1, 1, 0, 0, false},
    {"DBR", "Driver AKA Suffix", 1, 1, 0, 0, false},
    {"DBS", "Driver AKA Prefix", 1, 1, 0, 0, false},
    {"PAA", "Driver Permit Classification Code", 1, 1, 0, 0, false},
    {"PAB", "Driver Permit Expiration Date", 1, 1, 0, 0, false},
    {"PAC", "Permit Identifier", 1, 1, 0, 0, false},
    {"PAD", "Driver Permit Issue Date", 1, 1, 0, 0, false},
    {"PAE", "Driver Permit Restriction Code", 1, 1, 0, 0, false},
    {"PAF", "Driver Permit Endorsement Code", 1, 1, 0, 0, false},
    // ---- versions 02 on (Card Design Specification 2003 and later) ----
    {"DCA", "Jurisdiction-specific vehicle class", 2, kOpen, 2, kOpen, true},
    {"DCB", "Jurisdiction-specific restriction codes", 2, kOpen, 2, kOpen, true},
    {"DCD", "Jurisdiction-specific endorsement codes", 2, kOpen, 2, kOpen, true},
    {"DBA", "Document Expiration Date", 2, kOpen, 2, kOpen, false},
    {"DCS", "Customer Family Name", 2, kOpen, 2, kOpen, false},
    {"DCT", "Customer Given Names", 2, 3, 2, 3, false},
    {"DAC", "Customer First Name", 4, kOpen, 4, kOpen, false},
    {"DAD", "Customer Middle Name(s)", 4, kOpen, 4, kOpen, false},
    {"DBD", "Document Issue Date", 2, kOpen, 2, kOpen, false},
    {"DBB", "Date of Birth", 2, kOpen, 2, kOpen, false},
    {"DBC", "Physical Description - Sex", 2, kOpen, 2, kOpen, false},
    {"DAY", "Physical Description - Eye Color", 2, kOpen, 2, kOpen, false},
    {"DAU", "Physical Description - Height", 2, kOpen, 2, kOpen, false},
    {"DAG", "Address - Street 1", 2, kOpen, 2, kOpen, false},
    {"DAH", "Address - Street 2", 2, kOpen, 0, 0, false},
    {"DAI", "Address - City", 2, kOpen, 2, kOpen, false},
    {"DAJ", "Address - Jurisdiction Code", 2, kOpen, 2, kOpen, false},
    {"DAK", "Address - Postal Code", 2, kOpen, 2, kOpen, false},
    {"DAQ", "Customer ID Number", 2, kOpen, 2, kOpen, false},
    {"DCF", "Document Discriminator", 2, kOpen, 2, kOpen, false},
    {"DCG", "Country Identification", 2, kOpen, 2, kOpen, false},
    {"DCH", "Federal Commercial Vehicle Codes", 2, 3, 2, 3, true},
    {"DDE", "Family name truncation", 4, kOpen, 4, kOpen, false},
    {"DDF", "First name truncation", 4, kOpen, 4, kOpen, false},
    {"DDG", "Middle name truncation", 4, kOpen, 4, kOpen, false},
    {"DAZ", "Hair color", 2, kOpen, 0, 0, false},
    {"DCI", "Place of birth", 2, kOpen, 0, 0, false},
    {"DCJ", "Audit information", 2, kOpen, 0, 0, false},
    {"DCK", "Inventory control number", 2, kOpen, 0, 0, false},
    {"DBN", "Alias / AKA Name", 2, 2, 0, 0, false},
    {"DBN", "Alias / AKA Family Name", 3, kOpen, 0, 0, false},
    {"DBG", "Alias / AKA Given Name", 3, kOpen, 0, 0, false},
    {"DBS", "Alias / AKA Suffix Name", 3, kOpen, 0, 0, false},
    {"DCU", "Name Suffix", 2, kOpen, 0, 0, false},
    {"DCE", "Physical Description - Weight Range", 2, kOpen, 0, 0, false},
    {"DCL", "Race / ethnicity", 2, kOpen, 0, 0, false},
    {"DCM", "Standard vehicle classification", 2, kOpen, 0, 0, false},
    {"DCN", "Standard endorsement code", 2, kOpen, 0, 0, false},
    {"DCO", "Standard restriction code", 2, kOpen, 0, 0, false},
    {"DCP", "Jurisdiction-specific vehicle classification description", 2, kOpen, 0, 0, false},
    {"DCQ", "Jurisdiction-specific endorsement code description", 2, kOpen, 0, 0, false},
    {"DCR", "Jurisdiction-specific restriction code description", 2, kOpen, 0, 0, false},
    {"DDA", "Compliance Type", 4, kOpen, 0, 0, false},
    {"DDB", "Card Revision Date", 4, kOpen, 0, 0, false},
    {"DDC", "HAZMAT Endorsement Expiration Date", 4, kOpen, 0, 0, false},
    {"DDD", "Limited Duration Document Indicator", 4, kOpen, 0, 0, false},
    {"DAW", "Weight (pounds)", 4, kOpen, 0, 0, false},
    {"DAX", "Weight (kilograms)", 4, kOpen, 0, 0, false},
    {"DDH", "Under 18 Until", 5, kOpen, 0, 0, false},
    {"DDI", "Under 19 Until", 5, kOpen, 0, 0, false},
    {"DDJ", "Under 21 Until", 5, kOpen, 0, 0, false},
    {"DDK", "Organ Donor Indicator", 6, kOpen, 0, 0, false},
    {"DDL", "Veteran Indicator", 7, kOpen, 0, 0, false},
};

// Issuers that are not US states, and the US territories whose IINs sit among them (so
// "604xxx" is not a Canadian range). Every other IIN 636000-636062 is a US state or DC.
struct IssuerCountry {
  std::string_view iin;
  std::string_view jurisdiction;
  std::string_view country;
};
constexpr IssuerCountry kIssuers[] = {
    {"604426", "PE", "CAN"}, {"604427", "AS", "USA"}, {"604428", "QC", "CAN"},
    {"604429", "YT", "CAN"}, {"604430", "MP", "USA"}, {"604431", "PR", "USA"},
    {"604432", "AB", "CAN"}, {"604433", "NU", "CAN"}, {"604434", "NT", "CAN"},
    {"636012", "ON", "CAN"}, {"636013", "NS", "CAN"}, {"636016", "NL", "CAN"},
    {"636017", "NB", "CAN"}, {"636028", "BC", "CAN"}, {"636044", "SK", "CAN"},
    {"636048", "MB", "CAN"}, {"636056", "Coahuila", "MEX"}, {"636057", "Hidalgo", "MEX"},
};
constexpr int kFirstStateIin = 636000;
constexpr int kLastStateIin = 636062;

int clamp_version(int version) noexcept {
  if (version < 1) return 1;
  return version > kLatestVersion ? kLatestVersion : version;
}

const ElementDefinition* find_definition(std::string_view id, int version) noexcept {
  const int v = clamp_version(version);
  for (const auto& e : kElements)
    if (e.id == id && v >= e.first_version && v <= e.last_version) return &e;
  return nullptr;
}

// The definition from the version nearest to `version`, for an element used outside
// the versions that define it (e.g. DAB on a version 03 Alberta card).
const ElementDefinition* nearest_definition(std::string_view id, int version) noexcept {
  const int v = clamp_version(version);
  const ElementDefinition* best = nullptr;
  int best_distance = 1000;
  for (const auto& e : kElements) {
    if (e.id != id) continue;
    const int distance = v < e.first_version ? e.first_version - v : v - std::min(e.last_version, kLatestVersion);
    if (distance < best_distance) {
      best = &e;
      best_distance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// Byte helpers.
constexpr std::uint8_t kLf = 0x0A, kRs = 0x1E, kCr = 0x0D;
constexpr std::size_t kMaxPreamble = 8;  // bytes tolerated between '@' and the file type (3 standard)
constexpr std::size_t kMaxWarnings = 100;

bool is_digit(std::uint8_t c) noexcept { return c >= '0' && c <= '9'; }
bool is_upper(std::uint8_t c) noexcept { return c >= 'A' && c <= 'Z'; }
bool is_line_end(std::uint8_t c) noexcept { return c == kLf || c == kCr; }
bool is_blank(std::uint8_t c) noexcept { return c == ' ' || c == '\t' || c == kLf || c == kCr; }
std::uint8_t to_upper(std::uint8_t c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<std::uint8_t>(c - 32) : c; }

bool equals_ignore_case(const std::uint8_t* p, std::string_view upper) noexcept {
  for (std::size_t i = 0; i < upper.size(); ++i)
    if (to_upper(p[i]) != static_cast<std::uint8_t>(upper[i])) return false;
  return true;
}

bool all_digits(const std::uint8_t* p, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    if (!is_digit(p[i])) return false;
  return true;
}

int digits_value(const std::uint8_t* p, std::size_t n) noexcept {
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v * 10 + (p[i] - '0');
  return v;
}

std::string hex_bytes(const std::uint8_t* p, std::size_t n) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%02X", p[i]);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

// Length of a well-formed UTF-8 sequence starting at p (at most n bytes), 0 if none.
std::size_t utf8_sequence_length(const std::uint8_t* p, std::size_t n) noexcept {
  const std::uint8_t c = p[0];
  std::size_t len = 0;
  std::uint32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
  else return 0;
  if (len > n) return 0;
  std::uint32_t cp = c & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void append_code_point(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr std::uint32_t kReplacement = 0xFFFD;

// quote_input for text that is already UTF-8: the cut backs off to a character boundary,
// so a warning never ends in half a character.
std::string quoted(std::string_view v) {
  constexpr std::size_t kMax = 40;
  if (v.size() <= kMax) return quote_input(v, kMax);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(v.substr(0, cut)) + "...'";
}

// Payload bytes to UTF-8: see the header for the UTF-8 / Latin-1 decision.
class TextDecoder {
 public:
  TextDecoder(const std::uint8_t* data, std::size_t size) {
    bool multibyte = false;
    std::size_t i = 0;
    utf8_ = true;
    while (i < size) {
      if (data[i] < 0x80) {
        ++i;
        continue;
      }
      const std::size_t len = utf8_sequence_length(data + i, size - i);
      if (len == 0) {
        utf8_ = false;
        break;
      }
      multibyte = true;
      i += len;
    }
    utf8_ = utf8_ && multibyte;
  }
  bool utf8() const noexcept { return utf8_; }

  struct Text {
    std::string text;
    bool non_ascii = false;
    bool replaced = false;  // control bytes or broken sequences became U+FFFD
  };

  Text decode(const std::uint8_t* p, std::size_t n) const {
    Text t;
    t.text.reserve(n);
    for (std::size_t i = 0; i < n;) {
      const std::uint8_t c = p[i];
      if (c >= 0x20 && c < 0x7F) {
        t.text += static_cast<char>(c);
        ++i;
      } else if (c < 0x80) {  // C0 control or DEL: not text
        append_code_point(t.text, kReplacement);
        t.replaced = true;
        ++i;
      } else if (utf8_) {
        t.non_ascii = true;
        const std::size_t len = utf8_sequence_length(p + i, n - i);
        if (len == 0) {  // cut mid-sequence at a field boundary
          append_code_point(t.text, kReplacement);
          t.replaced = true;
          ++i;
        } else {
          t.text.append(reinterpret_cast<const char*>(p + i), len);
          i += len;
        }
      } else {
        t.non_ascii = true;
        if (c < 0xA0) {  // C1 controls in Latin-1
          append_code_point(t.text, kReplacement);
          t.replaced = true;
        } else {
          append_code_point(t.text, c);
        }
        ++i;
      }
    }
    return t;
  }

 private:
  bool utf8_ = false;
};

// ---------------------------------------------------------------------------------------
enum class DateOrder { ccyymmdd, mmddccyy };
const char* order_name(DateOrder o) noexcept { return o == DateOrder::ccyymmdd ? "CCYYMMDD" : "MMDDCCYY"; }

std::optional<Date> date_in_order(std::string_view d, DateOrder order) noexcept {
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + (d[at + i] - '0');
    return v;
  };
  Date r;
  if (order == DateOrder::ccyymmdd) r = Date{num(0, 4), num(4, 2), num(6, 2)};
  else r = Date{num(4, 4), num(0, 2), num(2, 2)};
  if (!is_valid_date(r.year, r.month, r.day)) return std::nullopt;
  return r;
}

std::string trim_spaces(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  return std::string(s.substr(b, e - b));
}

// Name parts: commas (multiple middle names, DCT "FIRST,MIDDLE") become single spaces.
std::string join_name_parts(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (c == ',' || c == ' ' || c == '$') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// A family name as written, minus the padding and trailing commas seen on real cards.
std::string clean_family_name(std::string_view s) {
  std::string out = trim_spaces(s);
  while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
  return out;
}

bool is_no_value(std::string_view v) { return v.empty() || v == "NONE" || v == "unavl" || v == "unavail"; }

// ---------------------------------------------------------------------------------------
class AamvaParser {
 public:
  AamvaParser(const std::uint8_t* data, std::size_t size) : data_(data), size_(size), text_(data, size) {}

  AamvaRecord parse() {
    parse_header();
    parse_designators();
    locate_subfiles();
    if (located_.empty())
      throw MalformedSeal("AAMVA: no subfile found (no designator points at one, and no 'DL' or 'ID' "
                          "followed by an element ID after byte " + std::to_string(header_end_) + ")");
    read_subfiles();
    decode_fields();
    return std::move(record_);
  }

 private:
  struct Designator {
    std::string type;
    std::size_t index = 0;
    std::size_t declared_offset = 0, declared_length = 0;
    bool offset_valid = false, length_valid = false;
  };
  struct Located {
    std::size_t designator;  // index into designators_
    std::size_t start;
    bool scanned;
  };

  void warn(std::string message) {
    if (record_.warnings.size() < kMaxWarnings) record_.warnings.push_back(std::move(message));
    else if (record_.warnings.size() == kMaxWarnings) record_.warnings.push_back("further warnings omitted");
  }

  std::string decode_plain(const std::uint8_t* p, std::size_t n) const { return text_.decode(p, n).text; }

  void parse_header() {
    std::size_t at = 0;
    while (at < size_ && is_blank(data_[at])) ++at;
    if (at == size_) throw MalformedSeal("AAMVA: empty payload (no compliance indicator '@')");
    if (data_[at] != '@')
      throw MalformedSeal("AAMVA: byte " + std::to_string(at) + " is " + hex_bytes(data_ + at, 1) +
                          ", not the compliance indicator '@'");
    if (at > 0) warn("AAMVA: " + std::to_string(at) + " whitespace byte(s) before '@' ignored");

    // The file type: where the standard puts it (3 separators after '@') or a little off.
    std::size_t file_type_at = 0;
    bool found = false;
    const auto matches_at = [&](std::size_t p) {
      return p + 5 <= size_ && (equals_ignore_case(data_ + p, "ANSI ") || equals_ignore_case(data_ + p, "AAMVA"));
    };
    if (matches_at(at + 4)) {
      file_type_at = at + 4;
      found = true;
    } else {
      for (std::size_t p = at + 1; p <= at + 1 + kMaxPreamble && p + 5 <= size_; ++p)
        if (matches_at(p)) {
          file_type_at = p;
          found = true;
          break;
        }
    }
    if (!found)
      throw MalformedSeal("AAMVA: no file type 'ANSI ' or 'AAMVA' within " + std::to_string(kMaxPreamble) +
                          " bytes after '@' at byte " + std::to_string(at));
    const std::size_t preamble = file_type_at - at - 1;
    const bool standard_separators =
        preamble == 3 && data_[at + 1] == kLf && data_[at + 2] == kRs && data_[at + 3] == kCr;
    if (!standard_separators)
      warn("AAMVA header: separators after '@' are [" + hex_bytes(data_ + at + 1, preamble) +
           "] instead of [0A 1E 0D]; offsets read relative to the file type at byte " + std::to_string(file_type_at));
    // Declared offsets count from '@' with exactly 3 separators before the file type.
    shift_ = static_cast<std::ptrdiff_t>(file_type_at) - 4;

    std::string file_type;
    for (std::size_t i = 0; i < 5; ++i) file_type += static_cast<char>(to_upper(data_[file_type_at + i]));
    if (!std::equal(file_type.begin(), file_type.end(), reinterpret_cast<const char*>(data_ + file_type_at)))
      warn("AAMVA header: file type written in lower case");
    record_.file_type = file_type;

    const std::size_t h = file_type_at + 5;
    if (h + 8 > size_)
      throw MalformedSeal("AAMVA header: cut short at byte " + std::to_string(size_) + "; the IIN and version need bytes " +
                          std::to_string(h) + "-" + std::to_string(h + 7));
    record_.iin = decode_plain(data_ + h, 6);
    if (!all_digits(data_ + h, 6)) warn("AAMVA header: IIN " + quoted(record_.iin) + " at byte " + std::to_string(h) + " is not 6 digits");
    if (!all_digits(data_ + h + 6, 2))
      throw MalformedSeal("AAMVA header: version at byte " + std::to_string(h + 6) + " is " +
                          quoted(decode_plain(data_ + h + 6, 2)) + ", not two digits");
    record_.version = digits_value(data_ + h + 6, 2);
    if (record_.version == 0) warn("AAMVA header: version 00 (before DL/ID-2000) read with the version 01 layout");
    if (record_.version > kLatestVersion)
      warn("AAMVA header: version " + std::to_string(record_.version) + " is newer than the element table (01-10); names as in 10");

    const bool has_jurisdiction_version = record_.version >= 2;
    header_end_ = h + (has_jurisdiction_version ? 12 : 10);
    if (header_end_ > size_)
      throw MalformedSeal("AAMVA header: cut short at byte " + std::to_string(size_) + "; a version " +
                          std::to_string(record_.version) + " header ends at byte " + std::to_string(header_end_));
    std::size_t entries_at = h + 8;
    if (has_jurisdiction_version) {
      if (all_digits(data_ + h + 8, 2)) record_.jurisdiction_version = digits_value(data_ + h + 8, 2);
      else warn("AAMVA header: jurisdiction version at byte " + std::to_string(h + 8) + " is not two digits");
      entries_at = h + 10;
    }
    if (all_digits(data_ + entries_at, 2)) {
      record_.entries = digits_value(data_ + entries_at, 2);
      if (record_.entries == 0) warn("AAMVA header: number of entries is 00; subfiles found by scanning");
    } else {
      warn("AAMVA header: number of entries at byte " + std::to_string(entries_at) + " is " +
           quoted(decode_plain(data_ + entries_at, 2)) + ", not two digits; subfiles found by scanning");
    }
  }

  void parse_designators() {
    const auto n = static_cast<std::size_t>(record_.entries);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t p = header_end_ + 10 * i;
      if (p + 10 > size_)
        throw MalformedSeal("AAMVA: subfile designator " + std::to_string(i + 1) + " of " + std::to_string(n) +
                            " at byte " + std::to_string(p) + " is cut short (the payload ends at byte " +
                            std::to_string(size_) + ")");
      Designator d;
      d.index = i;
      d.type = decode_plain(data_ + p, 2);
      d.offset_valid = all_digits(data_ + p + 2, 4);
      d.length_valid = all_digits(data_ + p + 6, 4);
      if (d.offset_valid) d.declared_offset = static_cast<std::size_t>(digits_value(data_ + p + 2, 4));
      if (d.length_valid) d.declared_length = static_cast<std::size_t>(digits_value(data_ + p + 6, 4));
      if (!d.offset_valid || !d.length_valid)
        warn("AAMVA: designator " + std::to_string(i + 1) + " (" + quoted(d.type) + ") at byte " + std::to_string(p) +
             " has a non-numeric offset or length " + quoted(decode_plain(data_ + p + 2, 8)));
      designators_.push_back(std::move(d));
    }
    designators_end_ = header_end_ + 10 * n;
  }

  static bool is_subfile_type(const std::uint8_t* p) noexcept { return is_upper(p[0]) && (is_upper(p[1]) || is_digit(p[1])); }

  bool start_taken(std::size_t p) const {
    for (const auto& l : located_)
      if (l.start == p) return true;
    return false;
  }

  // Where `type` followed by an element ID (3 capitals) starts; preferring a start right
  // after the designator table or after a line end, searching from `from` first.
  std::optional<std::size_t> scan_for(const std::uint8_t* type, std::size_t from) const {
    std::optional<std::size_t> first, preferred;
    const auto consider = [&](std::size_t lo, std::size_t hi) {
      for (std::size_t p = lo; p + 5 <= hi && !preferred; ++p) {
        if (data_[p] != type[0] || data_[p + 1] != type[1]) continue;
        if (!is_upper(data_[p + 2]) || !is_upper(data_[p + 3]) || !is_upper(data_[p + 4])) continue;
        if (start_taken(p)) continue;
        if (!first) first = p;
        if (p == designators_end_ || is_line_end(data_[p - 1])) preferred = p;
      }
    };
    consider(std::max(from, header_end_), size_);
    if (!preferred && !first) consider(header_end_, std::min(size_, std::max(from, header_end_) + 4));
    return preferred ? preferred : first;
  }

  void locate_subfiles() {
    std::size_t scan_from = designators_end_;
    for (std::size_t i = 0; i < designators_.size(); ++i) {
      const Designator& d = designators_[i];
      const auto* type = reinterpret_cast<const std::uint8_t*>(d.type.data());
      if (d.type.size() != 2 || !is_subfile_type(type)) {
        warn("AAMVA: designator " + std::to_string(i + 1) + " type " + quoted(d.type) + " is not a subfile type; skipped");
        continue;
      }
      if (d.offset_valid) {
        const std::ptrdiff_t candidate = static_cast<std::ptrdiff_t>(d.declared_offset) + shift_;
        if (candidate >= static_cast<std::ptrdiff_t>(designators_end_) &&
            static_cast<std::size_t>(candidate) + 2 <= size_) {
          const auto c = static_cast<std::size_t>(candidate);
          if (data_[c] == type[0] && data_[c + 1] == type[1] && !start_taken(c)) {
            located_.push_back({i, c, false});
            scan_from = c + 2;
            continue;
          }
        }
      }
      const auto found = scan_for(type, scan_from);
      if (!found) {
        warn("AAMVA: subfile " + d.type + " (designator " + std::to_string(i + 1) + ") not found at its offset " +
             (d.offset_valid ? std::to_string(d.declared_offset) : std::string("(not numeric)")) + " nor by scanning; skipped");
        continue;
      }
      warn("AAMVA: subfile " + d.type + " is not at its declared offset " +
           (d.offset_valid ? std::to_string(d.declared_offset) : std::string("(not numeric)")) + "; found by scanning at byte " +
           std::to_string(*found));
      located_.push_back({i, *found, true});
      scan_from = *found + 2;
    }
    if (!located_.empty()) return;
    // No designator led anywhere (none declared, or all wrong): look for the main subfile.
    for (const char* type : {"DL", "ID"}) {
      const auto found = scan_for(reinterpret_cast<const std::uint8_t*>(type), designators_end_);
      if (!found) continue;
      Designator d;
      d.type = type;
      d.index = designators_.size();
      designators_.push_back(d);
      located_.push_back({d.index, *found, true});
      warn(std::string("AAMVA: no designator located a subfile; subfile ") + type + " found by scanning at byte " +
           std::to_string(*found));
      return;
    }
  }

  // Extent of each located subfile: the declared one while it is consistent (ends with
  // CR, within the payload, before the next subfile), else up to the first lone CR.
  void read_subfiles() {
    std::vector<std::size_t> starts;
    for (const auto& l : located_) starts.push_back(l.start);
    std::sort(starts.begin(), starts.end());
    std::size_t furthest_end = 0;
    bool crlf_warned = false;

    for (const auto& l : located_) {
      const Designator& d = designators_[l.designator];
      const auto next_it = std::upper_bound(starts.begin(), starts.end(), l.start);
      const std::size_t limit = next_it == starts.end() ? size_ : *next_it;
      const bool last = next_it == starts.end();
      std::size_t end = 0;
      bool have_end = false;
      if (!l.scanned && d.length_valid && d.declared_length >= 2) {
        const std::size_t declared_end = l.start + d.declared_length;
        if (declared_end <= limit && data_[declared_end - 1] == kCr) {
          end = declared_end;
          have_end = true;
        } else if (last && declared_end == size_ + 1 && data_[size_ - 1] != kCr) {
          end = size_;
          have_end = true;
          warn("AAMVA: subfile " + d.type + " has no final segment terminator (CR)");
        } else {
          warn("AAMVA: subfile " + d.type + " declared length " + std::to_string(d.declared_length) +
               " does not end at a segment terminator within the payload; length taken from the data");
        }
      }
      if (!have_end) {
        end = limit;
        for (std::size_t p = l.start + 2; p < limit; ++p)
          if (data_[p] == kCr && (p + 1 >= limit || data_[p + 1] != kLf)) {
            end = p + 1;
            break;
          }
        bool any_cr = false;
        for (std::size_t p = l.start + 2; p < end; ++p) any_cr = any_cr || data_[p] == kCr;
        if (!any_cr) warn("AAMVA: subfile " + d.type + " has no segment terminator (CR)");
      }
      if (!crlf_warned)
        for (std::size_t p = l.start; p + 1 < end; ++p)
          if (data_[p] == kCr && data_[p + 1] == kLf) {
            warn("AAMVA: CR LF line ends (a keyboard-wedge scanner?) read as separators");
            crlf_warned = true;
            break;
          }
      furthest_end = std::max(furthest_end, end);

      AamvaSubfile sub;
      sub.type = d.type;
      sub.offset = l.start;
      sub.length = end - l.start;
      sub.declared_offset = d.declared_offset;
      sub.declared_length = d.declared_length;
      sub.located_by_scan = l.scanned;
      read_elements(sub, l.start + 2, end);
      record_.subfiles.push_back(std::move(sub));
    }
    std::size_t trailing = 0;
    for (std::size_t p = furthest_end; p < size_; ++p) trailing += is_blank(data_[p]) ? 0 : 1;
    if (trailing > 0) warn("AAMVA: " + std::to_string(size_ - furthest_end) + " byte(s) after the last subfile ignored");
  }

  void read_elements(AamvaSubfile& sub, std::size_t from, std::size_t to) {
    const bool jurisdiction_subfile = !sub.type.empty() && sub.type[0] == 'Z';
    std::size_t p = from;
    while (p < to) {
      if (is_line_end(data_[p])) {
        ++p;
        continue;
      }
      std::size_t e = p;
      while (e < to && !is_line_end(data_[e])) ++e;
      add_element(sub, p, e, jurisdiction_subfile);
      p = e;
    }
    if (sub.elements.size() == 1 && sub.elements[0].value.size() > 64)
      warn("AAMVA: subfile " + sub.type + " holds one element of " + std::to_string(sub.elements[0].value.size()) +
           " bytes: element separators missing?");
  }

  void add_element(AamvaSubfile& sub, std::size_t b, std::size_t e, bool jurisdiction_subfile) {
    std::size_t tb = b, te = e;
    while (tb < te && data_[tb] == ' ') ++tb;
    while (te > tb && data_[te - 1] == ' ') --te;
    if (tb == te) return;  // a padding-only line
    if (te - tb < 3) {
      warn("AAMVA: fragment " + quoted(decode_plain(data_ + tb, te - tb)) + " at byte " + std::to_string(tb) +
           " in subfile " + sub.type + " is too short for an element; ignored");
      return;
    }
    if (element_count_ >= kMaxAamvaElements) {
      if (element_count_ == kMaxAamvaElements)
        warn("AAMVA: more than " + std::to_string(kMaxAamvaElements) + " elements; the rest ignored");
      ++element_count_;
      return;
    }
    ++element_count_;
    AamvaElement el;
    const auto id_text = text_.decode(data_ + tb, 3);
    el.id = id_text.text;
    std::size_t vb = tb + 3;
    while (vb < te && data_[vb] == ' ') ++vb;
    const auto value_text = text_.decode(data_ + vb, te - vb);
    el.value = value_text.text;
    if (id_text.non_ascii || value_text.non_ascii)
      warn("AAMVA: element " + quoted(el.id) + " has non-ASCII text (read as " + (text_.utf8() ? "UTF-8" : "ISO-8859-1") + ")");
    if (id_text.replaced || value_text.replaced)
      warn("AAMVA: element " + quoted(el.id) + " has control or undecodable bytes, replaced by U+FFFD");

    if (const auto* def = find_definition(el.id, record_.version)) {
      el.name = std::string(def->name);
    } else if (const auto* near = nearest_definition(el.id, record_.version)) {
      el.name = std::string(near->name);
      warn("AAMVA: element " + el.id + " is not defined in version " + std::to_string(record_.version) +
           "; named as in version " + std::to_string(near->first_version));
    } else if (!(jurisdiction_subfile && el.id[0] == 'Z')) {
      warn("AAMVA: unknown element " + quoted(el.id) + " in subfile " + sub.type + " kept as is");
    }
    for (const auto& other : sub.elements)
      if (other.id == el.id) {
        warn("AAMVA: element " + el.id + " appears more than once in subfile " + sub.type + "; the first is used");
        break;
      }
    sub.elements.push_back(std::move(el));
  }

  // ---- decoded fields ------------------------------------------------------------------
  const AamvaSubfile* main_subfile() const {
    for (const auto& s : record_.subfiles)
      if (s.type == "DL" || s.type == "ID") return &s;
    return nullptr;
  }

  static std::string value_of(const AamvaSubfile& s, std::string_view id) {
    for (const auto& e : s.elements)
      if (e.id == id) return e.value;
    return {};
  }

  void check_mandatory(const AamvaSubfile& s) {
    const bool dl = s.type == "DL";
    const int v = clamp_version(record_.version);
    std::string missing;  // one warning for all, so a truncated payload does not flood the list
    for (const auto& def : kElements) {
      if (v < def.mandatory_first || v > def.mandatory_last || (def.dl_only && !dl)) continue;
      bool present = false;
      for (const auto& e : s.elements) present = present || e.id == def.id;
      if (!present) missing += (missing.empty() ? "" : ", ") + std::string(def.id) + " (" + std::string(def.name) + ")";
    }
    if (!missing.empty())
      warn("AAMVA: mandatory element(s) missing from subfile " + s.type + " (version " + std::to_string(record_.version) +
           "): " + missing);
  }

  void decode_fields() {
    const AamvaSubfile* s = main_subfile();
    if (!s) {
      warn("AAMVA: no DL or ID subfile; no fields decoded");
      return;
    }
    check_mandatory(*s);
    decode_names(*s);
    record_.document_number = value_of(*s, "DAQ");
    decode_country_and_order(*s);
    decode_sex(value_of(*s, "DBC"));
    const DateOrder order = record_.date_order == "CCYYMMDD" ? DateOrder::ccyymmdd : DateOrder::mmddccyy;
    record_.birth_date = read_date("DBB", value_of(*s, "DBB"), order);
    record_.expiry_date = read_date("DBA", value_of(*s, "DBA"), order);
    record_.issue_date = read_date("DBD", value_of(*s, "DBD"), order);
  }

  void decode_names(const AamvaSubfile& s) {
    const std::string full = value_of(s, "DAA");
    record_.full_name = full;
    std::vector<std::string> parts;  // DAA: family,first,middle,suffix (',' in bar codes, '$' on stripes)
    if (full.find_first_of(",$") != std::string::npos) {
      std::string part;
      for (char c : full) {
        if (c == ',' || c == '$') {
          parts.push_back(trim_spaces(part));
          part.clear();
        } else {
          part += c;
        }
      }
      parts.push_back(trim_spaces(part));
    } else if (!full.empty()) {
      warn("AAMVA: DAA full name has no ',' separators; not split into family and given names");
    }

    std::string family = value_of(s, "DCS");
    if (family.empty()) family = value_of(s, "DAB");
    if (family.empty() && !parts.empty()) family = parts[0];
    record_.family_name = clean_family_name(family);

    std::string given;
    const std::string first = value_of(s, "DAC");
    const std::string middle = value_of(s, "DAD");
    const std::string given_names = value_of(s, "DCT");
    if (!first.empty()) {
      given = first;
      if (!is_no_value(middle)) given += " " + middle;
    } else if (!given_names.empty()) {
      given = given_names;
    } else if (parts.size() > 1) {
      given = parts[1];
      if (parts.size() > 2 && !is_no_value(parts[2])) given += " " + parts[2];
    }
    record_.given_names = join_name_parts(given);
  }

  void decode_country_and_order(const AamvaSubfile& s) {
    std::string dcg = value_of(s, "DCG");
    if (dcg == "CDN") dcg = "CAN";
    const std::string_view iin_country = aamva_iin_country(record_.iin);
    record_.country = !dcg.empty() ? dcg : std::string(iin_country);

    const auto iin_description = [&]() {
      std::string d = "IIN " + record_.iin;
      for (const auto& is : kIssuers)
        if (is.iin == record_.iin) return d + " (" + std::string(is.jurisdiction) + ", " + std::string(is.country) + ")";
      if (iin_country == "USA") return d + " (US)";
      return d + " (not in the issuer table)";
    };

    if (record_.version <= 1) {
      record_.date_order = "CCYYMMDD";
      record_.date_order_reason = record_.version == 0 ? "version 00, read as version 01" : "version 01";
      return;
    }
    if (!dcg.empty() && !iin_country.empty() && iin_country != "MEX" && dcg != iin_country &&
        (dcg == "USA" || dcg == "CAN"))
      warn("AAMVA: DCG " + dcg + " disagrees with " + iin_description() + "; DCG used");
    if (dcg == "USA") {
      record_.date_order = "MMDDCCYY";
      record_.date_order_reason = "DCG USA";
    } else if (dcg == "CAN") {
      record_.date_order = "CCYYMMDD";
      record_.date_order_reason = "DCG CAN";
    } else {
      const std::string prefix = dcg.empty() ? std::string() : "DCG " + quoted(dcg) + " is neither USA nor CAN; ";
      if (iin_country == "CAN") {
        record_.date_order = "CCYYMMDD";
        record_.date_order_reason = prefix + iin_description();
      } else {
        record_.date_order = "MMDDCCYY";
        record_.date_order_reason = prefix + iin_description() +
                                    (iin_country == "USA" ? "" : "; the standard names only the US and Canadian orders, MMDDCCYY assumed");
      }
    }
  }

  void decode_sex(const std::string& v) {
    if (v.empty()) return;
    if (v == "1" || v == "M" || v == "m") record_.sex = "M";
    else if (v == "2" || v == "F" || v == "f") record_.sex = "F";
    else if (v == "9" || v == "X" || v == "x") record_.sex = "X";
    else warn("AAMVA: DBC sex " + quoted(v) + " is not 1, 2 or 9");
  }

  std::optional<Date> read_date(const char* id, const std::string& v, DateOrder order) {
    if (v.empty()) return std::nullopt;
    std::string digits;
    DateOrder effective = order;
    bool forced = false;
    if (v.size() == 10 && (v[2] == '-' || v[2] == '/') && v[5] == v[2]) {
      digits = v.substr(0, 2) + v.substr(3, 2) + v.substr(6, 4);
      effective = DateOrder::mmddccyy;
      forced = true;
    } else if (v.size() == 10 && (v[4] == '-' || v[4] == '/') && v[7] == v[4]) {
      digits = v.substr(0, 4) + v.substr(5, 2) + v.substr(8, 2);
      effective = DateOrder::ccyymmdd;
      forced = true;
    } else if (v.size() >= 8) {
      digits = v.substr(0, 8);
      if (v.size() > 8 && all_digits(reinterpret_cast<const std::uint8_t*>(digits.data()), 8))
        warn(std::string("AAMVA: ") + id + " " + quoted(v) + " has characters after the 8-digit date; ignored");
    }
    if (digits.size() != 8 || !all_digits(reinterpret_cast<const std::uint8_t*>(digits.data()), 8)) {
      warn(std::string("AAMVA: ") + id + " " + quoted(v) + " is not an 8-digit date");
      return std::nullopt;
    }
    if (forced)
      warn(std::string("AAMVA: ") + id + " " + quoted(v) + " has separators; read as " + order_name(effective));
    if (digits == "00000000") {
      warn(std::string("AAMVA: ") + id + " is 00000000 (no date)");
      return std::nullopt;
    }
    if (auto d = date_in_order(digits, effective)) return d;
    if (!forced) {
      const DateOrder other = effective == DateOrder::ccyymmdd ? DateOrder::mmddccyy : DateOrder::ccyymmdd;
      if (auto d = date_in_order(digits, other)) {
        warn(std::string("AAMVA: ") + id + " " + quoted(v) + " is not a date in " + order_name(effective) +
             " but is in " + order_name(other) + "; read so");
        return d;
      }
    }
    warn(std::string("AAMVA: ") + id + " " + quoted(v) + " is not a valid date (" + order_name(effective) + ")");
    return std::nullopt;
  }

  const std::uint8_t* data_;
  std::size_t size_;
  TextDecoder text_;
  AamvaRecord record_;
  std::ptrdiff_t shift_ = 0;
  std::size_t header_end_ = 0, designators_end_ = 0;
  std::vector<Designator> designators_;
  std::vector<Located> located_;
  std::size_t element_count_ = 0;
};

}  // namespace

const AamvaElement* AamvaRecord::find(std::string_view id) const noexcept {
  for (const auto& s : subfiles)
    for (const auto& e : s.elements)
      if (e.id == id) return &e;
  return nullptr;
}

bool looks_like_aamva(const std::uint8_t* data, std::size_t size) noexcept {
  if (data == nullptr) return false;
  std::size_t at = 0;
  while (at < size && at < 16 && is_blank(data[at])) ++at;
  if (at >= size || data[at] != '@') return false;
  for (std::size_t p = at + 1; p <= at + 1 + kMaxPreamble && p + 5 <= size; ++p)
    if (equals_ignore_case(data + p, "ANSI ") || equals_ignore_case(data + p, "AAMVA")) return true;
  return false;
}

AamvaRecord parse_aamva(const std::uint8_t* data, std::size_t size) {
  if (data == nullptr && size > 0) throw MalformedSeal("AAMVA: no payload bytes");
  if (size > kMaxAamvaSize)
    throw MalformedSeal("AAMVA: payload of " + std::to_string(size) + " bytes is over the " +
                        std::to_string(kMaxAamvaSize) + "-byte limit");
  return AamvaParser(data, size).parse();
}

std::string_view aamva_element_name(std::string_view id, int version) noexcept {
  const auto* def = find_definition(id, version);
  return def ? def->name : std::string_view();
}

bool aamva_element_mandatory(std::string_view id, int version, bool driver_licence) noexcept {
  const int v = clamp_version(version);
  for (const auto& def : kElements)
    if (def.id == id && v >= def.mandatory_first && v <= def.mandatory_last && (!def.dl_only || driver_licence)) return true;
  return false;
}

std::string_view aamva_iin_country(std::string_view iin) noexcept {
  for (const auto& is : kIssuers)
    if (is.iin == iin) return is.country;
  if (iin.size() != 6 || !all_digits(reinterpret_cast<const std::uint8_t*>(iin.data()), 6)) return {};
  const int n = digits_value(reinterpret_cast<const std::uint8_t*>(iin.data()), 6);
  return n >= kFirstStateIin && n <= kLastStateIin ? std::string_view("USA") : std::string_view();
}

}  // namespace docverify::seal
