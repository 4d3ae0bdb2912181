#pragma once
// C40 as ICAO 9303-13 profiles it for Visible Digital Seals (ISO/IEC 16022 basic set):
// digits, capitals and space (which stands for the MRZ filler '<'), three characters
// in two bytes, a lone last character as FE + (ASCII + 1).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docverify::seal {

// Encodes MRZ-alphabet text ('<' or space, 0-9, A-Z). Throws InputError for any other
// character: it cannot be written in C40.
std::vector<std::uint8_t> encode_c40(std::string_view text);

// Decodes C40 bytes; space comes back as '<'. Throws MalformedSeal on an odd byte count,
// codes 1-2, a value above 63999, a shift code that is not trailing padding, or an FE
// pair that is not last or holds a character outside the set.
std::string decode_c40(const std::uint8_t* data, std::size_t size);
inline std::string decode_c40(const std::vector<std::uint8_t>& bytes) { return decode_c40(bytes.data(), bytes.size()); }

// The number of bytes C40 needs for `characters` characters: 2 per started triplet.
constexpr std::size_t c40_size(std::size_t characters) noexcept { return 2 * ((characters + 2) / 3); }

}  // namespace docverify::seal
