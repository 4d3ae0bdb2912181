#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
namespace docverify::mrz {
// Converts a UTF-8 name into the MRZ alphabet per ICAO 9303-3 §6 and §4.6:
// letters upper-cased and transliterated (Ä->AE, ß->SS, Cyrillic per the ICAO table, ...),
// apostrophes and other punctuation dropped, hyphens, spaces and commas turned into a single '<',
// runs of separators collapsed, leading/trailing separators removed. Digits are dropped (names carry none).
// Returns the primary (recommended) transliteration.
// Throws Utf8Error (an InputError, an std::invalid_argument) on invalid UTF-8.
std::string transliterate_name(std::string_view utf8);
// Every permitted MRZ spelling of the name (for comparing a VIZ name against an MRZ):
// each character with alternatives contributes each of them (Ä -> "AE" or "A"; Ü -> "UE", "UXX" or "U";
// Ñ -> "N" or "NXX"; Å -> "AA" or "A"; Ö -> "OE" or "O"; ...). The primary spelling comes first.
// Capped at `max_variants` results (no combinatorial explosion on long names); no duplicates.
// Order after the primary: each convention applied to the whole name (e.g. every umlaut as its plain
// letter), then spellings differing from the primary in one character, then in two, and so on.
// Throws Utf8Error on invalid UTF-8; returns an empty vector when max_variants is 0.
std::vector<std::string> transliteration_variants(std::string_view utf8, std::size_t max_variants = 64);
}
