#pragma once
// AAMVA DL/ID Card Design Standard, Annex D: the PDF417 payload on the back of North
// American driving licences and ID cards (seals.md §5). Bytes in, record out; no imaging.
// The barcode carries no signature, so a record proves nothing alone: it is evidence for
// consistency checks against the card front.
//
// Real cards deviate from the standard (and keyboard-wedge scanners mangle them further).
// The parser accepts the deviations it can undo and names each one in `warnings`:
//   - whitespace before '@'; separators between '@' and the file type missing, extra or
//     replaced (offsets are then read relative to where the file type actually is);
//     file type in lower case;
//   - subfile offsets/lengths that do not point at the subfile (zero, letters, off by
//     one, shifted): the subfile is then found by scanning for its type followed by an
//     element ID, and `located_by_scan` is set;
//   - CR LF instead of LF or CR, a missing final CR;
//   - dates in the other order (a US card with CCYYMMDD, the Wyoming case), with '-' or '/'
//     separators, or with trailing characters;
//   - sex as M/F letters (version 01 cards), family names with a trailing comma.
// Text: the standard allows printable ASCII only. When the whole payload is valid UTF-8
// with at least one multi-byte sequence (a decoder that already transcoded, e.g.
// zxing-cpp text()) it is kept as UTF-8; otherwise every byte >= 0x80 is read as
// ISO-8859-1, which is what PDF417 byte mode carries by default. Either way each element
// with non-ASCII text gets a warning, and control bytes inside values become U+FFFD, so
// every string in the record is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"

namespace docverify::seal {

struct AamvaElement {
  std::string id;     // 3 characters, e.g. "DAQ"
  std::string name;   // English name for the record's version; "" when unknown
  std::string value;  // padding spaces trimmed; otherwise as written
};

struct AamvaSubfile {
  std::string type;  // "DL", "ID", jurisdiction-specific "Z?"
  // Where the subfile actually is in the payload (bytes, from the first byte given), its
  // type and terminating CR included. Equal to the declared values when those are right.
  std::size_t offset = 0, length = 0;
  std::size_t declared_offset = 0, declared_length = 0;  // from the designator (0: none)
  bool located_by_scan = false;  // the declared offset was wrong; found by its type
  std::vector<AamvaElement> elements;
};

struct AamvaRecord {
  std::string file_type;  // "ANSI " or "AAMVA" (upper case even when the card had lower)
  std::string iin;        // issuer identification number, 6 digits
  int version = 0;        // AAMVA version: 01 = 2000 ... 08 = 2013, 09 = 2016, 10 = 2020
  int jurisdiction_version = -1;  // -1 when the header has none (version 01)
  int entries = 0;                // number of subfiles the header declares
  std::vector<AamvaSubfile> subfiles;

  // Decoded from the first DL or ID subfile; empty / nullopt when absent or unreadable.
  std::string family_name;  // DCS (DAB, or the first part of DAA, on version 01)
  std::string given_names;  // DAC + DAD, or DCT (versions 02-03), or DAA parts; space separated
  std::string full_name;    // DAA as written (version 01), else ""
  std::string document_number;  // DAQ
  std::string country;          // DCG (CDN read as CAN), else the IIN's country, else ""
  std::string sex;              // "M", "F", "X" from DBC 1/2/9 (M/F letters accepted)
  std::optional<Date> birth_date, expiry_date, issue_date;  // DBB, DBA, DBD
  std::string date_order;         // "CCYYMMDD" or "MMDDCCYY": the order dates were read in
  std::string date_order_reason;  // why: "version 01", "DCG CAN", "IIN 636012 (ON, Canada)", ...
  std::vector<std::string> warnings;  // every deviation accepted, every value not decoded

  // First element with this ID in any subfile, or nullptr.
  const AamvaElement* find(std::string_view id) const noexcept;
};

constexpr std::size_t kMaxAamvaSize = 4096;     // a PDF417 symbol holds at most ~1.1 KB of bytes
constexpr std::size_t kMaxAamvaElements = 1024; // over all subfiles; more are dropped with a warning

// Cheap sniff: optional leading whitespace, '@', then "ANSI " or "AAMVA" within a few bytes.
bool looks_like_aamva(const std::uint8_t* data, std::size_t size) noexcept;

// Parses a payload. Throws MalformedSeal, saying what and at which byte, when it is over
// kMaxAamvaSize, has no '@' and file type, a header cut short or with a non-numeric
// version, a designator table cut short, or no subfile can be found at all. Everything
// else is accepted with a warning.
AamvaRecord parse_aamva(const std::uint8_t* data, std::size_t size);

// The element table (data, not code): the English name of an element in a version, ""
// when the version does not define it. Versions above 10 read as 10, 00 as 01.
std::string_view aamva_element_name(std::string_view id, int version) noexcept;
// Whether the standard makes the element mandatory in that version (for DL subfiles;
// vehicle class, restrictions and endorsements are not mandatory in ID subfiles).
bool aamva_element_mandatory(std::string_view id, int version, bool driver_licence) noexcept;

// ISO 3166 alpha-3 country of an IIN for the non-US issuers ("CAN", "MEX"), "USA" for
// the US ones known, "" for an IIN not in the table.
std::string_view aamva_iin_country(std::string_view iin) noexcept;

}  // namespace docverify::seal
