#pragma once
// VDS-NC (ICAO 9303-13, the JSON seal in a QR code): structure checks and decoding only.
// No cryptography here: the verifier checks `signature` over `signed_bytes` with the key of
// `certificate_der`, and the certificate's chain, EKU and document-type extension.
//
//   {"data":{"hdr":{"t":"icao.vacc","v":1,"is":"AUS"},"msg":{...}},
//    "sig":{"alg":"ES256","cer":"<base64url DER>","sigvl":"<base64url r||s>"}}
//
// Policy (what is rejected, what is accepted with a warning):
//  - The JSON is parsed strictly (json.hpp): duplicate keys anywhere are rejected.
//  - A leading UTF-8 byte order mark is skipped with a warning: the signature covers the
//    re-serialised `data`, never the QR text, so a BOM cannot change what is verified.
//  - Top level: exactly "data" and "sig". Any other top-level member is rejected, because
//    it would travel unsigned next to signed data and a reader could mistake it for
//    content. The same holds for "sig": only "alg", "cer" and "sigvl".
//  - "data": "hdr" and "msg" are required. Other members of "data" are accepted with a
//    warning: they are covered by the signature (signed_bytes includes them).
//  - hdr.t: a non-empty string of at most 64 printable ASCII characters; types other than
//    icao.test / icao.vacc are accepted with a warning (their message is only flattened).
//    hdr.v: an integer from 1 to 1000 (1.0 counts as 1, JCS writes both as "1"); a version
//    other than 1 gets a warning. hdr.is: three characters, a capital letter followed by
//    capital letters or the MRZ filler '<' as trailing padding ("AUS", "D<<").
//  - sig.alg: ES256, ES384 or ES512 (9303-13); anything else is rejected by name.
//  - Base64url (RFC 4648 §5) for "cer" and "sigvl". Correct '=' padding is accepted with a
//    warning. The standard alphabet ('+', '/') is accepted with a warning: the two alphabets
//    do not overlap, so the decoding is unambiguous, and the decoded bytes are what the
//    signature and chain checks see. Mixing '-'/'_' with '+'/'/' in one value, whitespace,
//    any other character, a length of 4n+1, padding in the middle and non-zero unused
//    bits in the last character (a second spelling of the same bytes) are rejected.
//  - sigvl must decode to 64 / 96 / 132 bytes for ES256 / ES384 / ES512.
//  - cer must decode to 1..4096 bytes starting with a DER SEQUENCE tag (0x30); its content
//    is checked by the verifier.
//  - For icao.vacc / icao.test a missing required message field gives a warning (schema
//    validation is the profile's business, not a reason to stop reading the seal).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "seal/json.hpp"

namespace docverify::seal {

struct VdsNcSeal {
  std::string type;                            // hdr.t, e.g. "icao.vacc"
  int version = 0;                             // hdr.v
  std::string issuing_state;                   // hdr.is (3 characters)
  JsonValue message;                           // data.msg as parsed
  std::string algorithm;                       // sig.alg
  std::vector<std::uint8_t> certificate_der;   // sig.cer, base64url-decoded
  std::vector<std::uint8_t> signature;         // sig.sigvl, base64url-decoded (r||s)
  std::string signed_bytes;                    // UTF-8 of canonical_json(data): what the signature covers
  std::vector<std::string> warnings;           // lenient things accepted (e.g. base64 padding)
};

// Cheap sniff for routing a barcode payload: '{' after an optional BOM and whitespace, and
// the member names "data" and "sig" somewhere in the bytes. Says nothing about validity.
bool looks_like_vds_nc(const std::uint8_t* data, std::size_t size) noexcept;

// Parses and checks the structure above. Throws MalformedSeal naming the member at fault.
VdsNcSeal parse_vds_nc(const std::uint8_t* data, std::size_t size);

// Signature length r||s in bytes for a VDS-NC algorithm name, 0 if the name is unknown.
std::size_t vds_nc_signature_size(const std::string& algorithm) noexcept;

// Decodes base64url per the policy above; appends to `warnings` what was tolerated.
// `what` names the field in messages. Throws MalformedSeal.
std::vector<std::uint8_t> decode_base64url(const std::string& text, const char* what,
                                           std::vector<std::string>& warnings);

// Base64url without padding (RFC 4648 §5), as VDS-NC writes "cer" and "sigvl".
std::string encode_base64url(const std::vector<std::uint8_t>& bytes);

// The message as "path" -> value lines for display and reports, in document order:
// objects add ".key" (a key that is not [A-Za-z0-9_-]+ is written ["..."] with JSON escaping),
// arrays add "[i]"; strings as they are, numbers in JCS form, true/false/null as words.
// Empty objects and arrays produce no line. At most `max_entries` lines; `truncated` (if
// given) tells whether some were left out.
std::vector<std::pair<std::string, std::string>> flatten_message(const JsonValue& message,
                                                                 std::size_t max_entries = 256,
                                                                 bool* truncated = nullptr);

}  // namespace docverify::seal
