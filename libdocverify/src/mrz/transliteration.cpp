// ICAO Doc 9303 Part 3 §6 transliteration of visual-zone names into the MRZ alphabet.
//
// Table sources: 9303-3 (7th edition) §6 Table A (multinational Latin-based
// characters) and Table B (Cyrillic, with its per-country exceptions). Letters outside those
// tables are mapped where a well-established convention exists (each block says which) and
// otherwise dropped: the MRZ can only carry A-Z, and an unknown letter has no defensible spelling.
#include "mrz/transliteration.hpp"

#include "errors/input_error.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

namespace docverify::mrz {
namespace {

// spellings[0] is the primary transliteration; it may be empty (the letter is not written,
// e.g. Cyrillic Ь). Non-empty alternatives follow; the first empty slot after [0] ends the list.
struct Entry {
  char32_t code_point;
  std::string_view spellings[4];
};

// Sorted by code point (checked below at compile time); looked up by binary search.
// clang-format off
constexpr Entry kTable[] = {
  // Latin-1 Supplement: 9303-3 §6 Table A. Alternatives: the plain letter for Ä Å Ö Ø Ü, which
  // issuers also use, and Ü as UXX, Ñ as NXX, which earlier editions of the table gave.
  {0x00C0, {"A"}}, {0x00C1, {"A"}}, {0x00C2, {"A"}}, {0x00C3, {"A"}},  // À Á Â Ã
  {0x00C4, {"AE", "A"}},  // Ä
  {0x00C5, {"AA", "A"}},  // Å
  {0x00C6, {"AE"}}, {0x00C7, {"C"}}, {0x00C8, {"E"}}, {0x00C9, {"E"}},  // Æ Ç È É
  {0x00CA, {"E"}}, {0x00CB, {"E"}}, {0x00CC, {"I"}}, {0x00CD, {"I"}},  // Ê Ë Ì Í
  {0x00CE, {"I"}}, {0x00CF, {"I"}}, {0x00D0, {"D"}},  // Î Ï Ð
  {0x00D1, {"N", "NXX"}},  // Ñ
  {0x00D2, {"O"}}, {0x00D3, {"O"}}, {0x00D4, {"O"}}, {0x00D5, {"O"}},  // Ò Ó Ô Õ
  {0x00D6, {"OE", "O"}},  // Ö
  {0x00D8, {"OE", "O"}},  // Ø
  {0x00D9, {"U"}}, {0x00DA, {"U"}}, {0x00DB, {"U"}},  // Ù Ú Û
  {0x00DC, {"UE", "U", "UXX"}},  // Ü
  {0x00DD, {"Y"}}, {0x00DE, {"TH"}}, {0x00DF, {"SS"}}, {0x00E0, {"A"}},  // Ý Þ ß à
  {0x00E1, {"A"}}, {0x00E2, {"A"}}, {0x00E3, {"A"}},  // á â ã
  {0x00E4, {"AE", "A"}},  // ä
  {0x00E5, {"AA", "A"}},  // å
  {0x00E6, {"AE"}}, {0x00E7, {"C"}}, {0x00E8, {"E"}}, {0x00E9, {"E"}},  // æ ç è é
  {0x00EA, {"E"}}, {0x00EB, {"E"}}, {0x00EC, {"I"}}, {0x00ED, {"I"}},  // ê ë ì í
  {0x00EE, {"I"}}, {0x00EF, {"I"}}, {0x00F0, {"D"}},  // î ï ð
  {0x00F1, {"N", "NXX"}},  // ñ
  {0x00F2, {"O"}}, {0x00F3, {"O"}}, {0x00F4, {"O"}}, {0x00F5, {"O"}},  // ò ó ô õ
  {0x00F6, {"OE", "O"}},  // ö
  {0x00F8, {"OE", "O"}},  // ø
  {0x00F9, {"U"}}, {0x00FA, {"U"}}, {0x00FB, {"U"}},  // ù ú û
  {0x00FC, {"UE", "U", "UXX"}},  // ü
  {0x00FD, {"Y"}}, {0x00FE, {"TH"}}, {0x00FF, {"Y"}},  // ý þ ÿ
  // Latin Extended-A: 9303-3 §6 Table A; ŉ and ſ (not in the table) by their compatibility form.
  {0x0100, {"A"}}, {0x0101, {"A"}}, {0x0102, {"A"}}, {0x0103, {"A"}},  // Ā ā Ă ă
  {0x0104, {"A"}}, {0x0105, {"A"}}, {0x0106, {"C"}}, {0x0107, {"C"}},  // Ą ą Ć ć
  {0x0108, {"C"}}, {0x0109, {"C"}}, {0x010A, {"C"}}, {0x010B, {"C"}},  // Ĉ ĉ Ċ ċ
  {0x010C, {"C"}}, {0x010D, {"C"}}, {0x010E, {"D"}}, {0x010F, {"D"}},  // Č č Ď ď
  {0x0110, {"D"}}, {0x0111, {"D"}}, {0x0112, {"E"}}, {0x0113, {"E"}},  // Đ đ Ē ē
  {0x0114, {"E"}}, {0x0115, {"E"}}, {0x0116, {"E"}}, {0x0117, {"E"}},  // Ĕ ĕ Ė ė
  {0x0118, {"E"}}, {0x0119, {"E"}}, {0x011A, {"E"}}, {0x011B, {"E"}},  // Ę ę Ě ě
  {0x011C, {"G"}}, {0x011D, {"G"}}, {0x011E, {"G"}}, {0x011F, {"G"}},  // Ĝ ĝ Ğ ğ
  {0x0120, {"G"}}, {0x0121, {"G"}}, {0x0122, {"G"}}, {0x0123, {"G"}},  // Ġ ġ Ģ ģ
  {0x0124, {"H"}}, {0x0125, {"H"}}, {0x0126, {"H"}}, {0x0127, {"H"}},  // Ĥ ĥ Ħ ħ
  {0x0128, {"I"}}, {0x0129, {"I"}}, {0x012A, {"I"}}, {0x012B, {"I"}},  // Ĩ ĩ Ī ī
  {0x012C, {"I"}}, {0x012D, {"I"}}, {0x012E, {"I"}}, {0x012F, {"I"}},  // Ĭ ĭ Į į
  {0x0130, {"I"}}, {0x0131, {"I"}}, {0x0132, {"IJ"}}, {0x0133, {"IJ"}},  // İ ı Ĳ ĳ
  {0x0134, {"J"}}, {0x0135, {"J"}}, {0x0136, {"K"}}, {0x0137, {"K"}},  // Ĵ ĵ Ķ ķ
  {0x0138, {"K"}}, {0x0139, {"L"}}, {0x013A, {"L"}}, {0x013B, {"L"}},  // ĸ Ĺ ĺ Ļ
  {0x013C, {"L"}}, {0x013D, {"L"}}, {0x013E, {"L"}}, {0x013F, {"L"}},  // ļ Ľ ľ Ŀ
  {0x0140, {"L"}}, {0x0141, {"L"}}, {0x0142, {"L"}}, {0x0143, {"N"}},  // ŀ Ł ł Ń
  {0x0144, {"N"}}, {0x0145, {"N"}}, {0x0146, {"N"}}, {0x0147, {"N"}},  // ń Ņ ņ Ň
  {0x0148, {"N"}}, {0x0149, {"N"}}, {0x014A, {"N"}}, {0x014B, {"N"}},  // ň ŉ Ŋ ŋ
  {0x014C, {"O"}}, {0x014D, {"O"}}, {0x014E, {"O"}}, {0x014F, {"O"}},  // Ō ō Ŏ ŏ
  {0x0150, {"O"}}, {0x0151, {"O"}}, {0x0152, {"OE"}}, {0x0153, {"OE"}},  // Ő ő Œ œ
  {0x0154, {"R"}}, {0x0155, {"R"}}, {0x0156, {"R"}}, {0x0157, {"R"}},  // Ŕ ŕ Ŗ ŗ
  {0x0158, {"R"}}, {0x0159, {"R"}}, {0x015A, {"S"}}, {0x015B, {"S"}},  // Ř ř Ś ś
  {0x015C, {"S"}}, {0x015D, {"S"}}, {0x015E, {"S"}}, {0x015F, {"S"}},  // Ŝ ŝ Ş ş
  {0x0160, {"S"}}, {0x0161, {"S"}}, {0x0162, {"T"}}, {0x0163, {"T"}},  // Š š Ţ ţ
  {0x0164, {"T"}}, {0x0165, {"T"}}, {0x0166, {"T"}}, {0x0167, {"T"}},  // Ť ť Ŧ ŧ
  {0x0168, {"U"}}, {0x0169, {"U"}}, {0x016A, {"U"}}, {0x016B, {"U"}},  // Ũ ũ Ū ū
  {0x016C, {"U"}}, {0x016D, {"U"}}, {0x016E, {"U"}}, {0x016F, {"U"}},  // Ŭ ŭ Ů ů
  {0x0170, {"U"}}, {0x0171, {"U"}}, {0x0172, {"U"}}, {0x0173, {"U"}},  // Ű ű Ų ų
  {0x0174, {"W"}}, {0x0175, {"W"}}, {0x0176, {"Y"}}, {0x0177, {"Y"}},  // Ŵ ŵ Ŷ ŷ
  {0x0178, {"Y"}}, {0x0179, {"Z"}}, {0x017A, {"Z"}}, {0x017B, {"Z"}},  // Ÿ Ź ź Ż
  {0x017C, {"Z"}}, {0x017D, {"Z"}}, {0x017E, {"Z"}}, {0x017F, {"S"}},  // ż Ž ž ſ
  // Latin Extended-B and IPA letters used in names: not in 9303. Base letter, per §6's rule that
  // diacritics are omitted: Romanian Ș Ț, Pinyin ǎ ǖ, Croatian ǅ ǈ ǋ, African Ɓ Ɗ Ɛ Ɔ Ƙ Ƴ.
  // Azerbaijani Ə: A, the usual romanisation (ƏLİYEV -> ALIYEV), with E as an alternative.
  {0x0180, {"B"}}, {0x0181, {"B"}}, {0x0182, {"B"}}, {0x0183, {"B"}},  // ƀ Ɓ Ƃ ƃ
  {0x0186, {"O"}}, {0x0187, {"C"}}, {0x0188, {"C"}}, {0x0189, {"D"}},  // Ɔ Ƈ ƈ Ɖ
  {0x018A, {"D"}}, {0x018B, {"D"}}, {0x018C, {"D"}}, {0x018E, {"E"}},  // Ɗ Ƌ ƌ Ǝ
  {0x018F, {"A", "E"}},  // Ə
  {0x0190, {"E"}}, {0x0191, {"F"}}, {0x0192, {"F"}}, {0x0193, {"G"}},  // Ɛ Ƒ ƒ Ɠ
  {0x0197, {"I"}}, {0x0198, {"K"}}, {0x0199, {"K"}}, {0x019A, {"L"}},  // Ɨ Ƙ ƙ ƚ
  {0x019D, {"N"}}, {0x019E, {"N"}}, {0x019F, {"O"}}, {0x01A0, {"O"}},  // Ɲ ƞ Ɵ Ơ
  {0x01A1, {"O"}}, {0x01A4, {"P"}}, {0x01A5, {"P"}}, {0x01AB, {"T"}},  // ơ Ƥ ƥ ƫ
  {0x01AC, {"T"}}, {0x01AD, {"T"}}, {0x01AE, {"T"}}, {0x01AF, {"U"}},  // Ƭ ƭ Ʈ Ư
  {0x01B0, {"U"}}, {0x01B2, {"V"}}, {0x01B3, {"Y"}}, {0x01B4, {"Y"}},  // ư Ʋ Ƴ ƴ
  {0x01B5, {"Z"}}, {0x01B6, {"Z"}}, {0x01B7, {"Z"}}, {0x01C4, {"DZ"}},  // Ƶ ƶ Ʒ Ǆ
  {0x01C5, {"DZ"}}, {0x01C6, {"DZ"}}, {0x01C7, {"LJ"}}, {0x01C8, {"LJ"}},  // ǅ ǆ Ǉ ǈ
  {0x01C9, {"LJ"}}, {0x01CA, {"NJ"}}, {0x01CB, {"NJ"}}, {0x01CC, {"NJ"}},  // ǉ Ǌ ǋ ǌ
  {0x01CD, {"A"}}, {0x01CE, {"A"}}, {0x01CF, {"I"}}, {0x01D0, {"I"}},  // Ǎ ǎ Ǐ ǐ
  {0x01D1, {"O"}}, {0x01D2, {"O"}}, {0x01D3, {"U"}}, {0x01D4, {"U"}},  // Ǒ ǒ Ǔ ǔ
  {0x01D5, {"U"}}, {0x01D6, {"U"}}, {0x01D7, {"U"}}, {0x01D8, {"U"}},  // Ǖ ǖ Ǘ ǘ
  {0x01D9, {"U"}}, {0x01DA, {"U"}}, {0x01DB, {"U"}}, {0x01DC, {"U"}},  // Ǚ ǚ Ǜ ǜ
  {0x01DD, {"E"}}, {0x01DE, {"A"}}, {0x01DF, {"A"}}, {0x01E0, {"A"}},  // ǝ Ǟ ǟ Ǡ
  {0x01E1, {"A"}}, {0x01E2, {"AE"}}, {0x01E3, {"AE"}}, {0x01E4, {"G"}},  // ǡ Ǣ ǣ Ǥ
  {0x01E5, {"G"}}, {0x01E6, {"G"}}, {0x01E7, {"G"}}, {0x01E8, {"K"}},  // ǥ Ǧ ǧ Ǩ
  {0x01E9, {"K"}}, {0x01EA, {"O"}}, {0x01EB, {"O"}}, {0x01EC, {"O"}},  // ǩ Ǫ ǫ Ǭ
  {0x01ED, {"O"}}, {0x01EE, {"Z"}}, {0x01EF, {"Z"}}, {0x01F0, {"J"}},  // ǭ Ǯ ǯ ǰ
  {0x01F1, {"DZ"}}, {0x01F2, {"DZ"}}, {0x01F3, {"DZ"}}, {0x01F4, {"G"}},  // Ǳ ǲ ǳ Ǵ
  {0x01F5, {"G"}}, {0x01F8, {"N"}}, {0x01F9, {"N"}}, {0x01FA, {"A"}},  // ǵ Ǹ ǹ Ǻ
  {0x01FB, {"A"}}, {0x01FC, {"AE"}}, {0x01FD, {"AE"}},  // ǻ Ǽ ǽ
  {0x01FE, {"OE", "O"}},  // Ǿ
  {0x01FF, {"OE", "O"}},  // ǿ
  {0x0200, {"A"}}, {0x0201, {"A"}}, {0x0202, {"A"}}, {0x0203, {"A"}},  // Ȁ ȁ Ȃ ȃ
  {0x0204, {"E"}}, {0x0205, {"E"}}, {0x0206, {"E"}}, {0x0207, {"E"}},  // Ȅ ȅ Ȇ ȇ
  {0x0208, {"I"}}, {0x0209, {"I"}}, {0x020A, {"I"}}, {0x020B, {"I"}},  // Ȉ ȉ Ȋ ȋ
  {0x020C, {"O"}}, {0x020D, {"O"}}, {0x020E, {"O"}}, {0x020F, {"O"}},  // Ȍ ȍ Ȏ ȏ
  {0x0210, {"R"}}, {0x0211, {"R"}}, {0x0212, {"R"}}, {0x0213, {"R"}},  // Ȑ ȑ Ȓ ȓ
  {0x0214, {"U"}}, {0x0215, {"U"}}, {0x0216, {"U"}}, {0x0217, {"U"}},  // Ȕ ȕ Ȗ ȗ
  {0x0218, {"S"}}, {0x0219, {"S"}}, {0x021A, {"T"}}, {0x021B, {"T"}},  // Ș ș Ț ț
  {0x021E, {"H"}}, {0x021F, {"H"}}, {0x0220, {"N"}}, {0x0221, {"D"}},  // Ȟ ȟ Ƞ ȡ
  {0x0224, {"Z"}}, {0x0225, {"Z"}}, {0x0226, {"A"}}, {0x0227, {"A"}},  // Ȥ ȥ Ȧ ȧ
  {0x0228, {"E"}}, {0x0229, {"E"}}, {0x022A, {"O"}}, {0x022B, {"O"}},  // Ȩ ȩ Ȫ ȫ
  {0x022C, {"O"}}, {0x022D, {"O"}}, {0x022E, {"O"}}, {0x022F, {"O"}},  // Ȭ ȭ Ȯ ȯ
  {0x0230, {"O"}}, {0x0231, {"O"}}, {0x0232, {"Y"}}, {0x0233, {"Y"}},  // Ȱ ȱ Ȳ ȳ
  {0x0234, {"L"}}, {0x0235, {"N"}}, {0x0236, {"T"}}, {0x023A, {"A"}},  // ȴ ȵ ȶ Ⱥ
  {0x023B, {"C"}}, {0x023C, {"C"}}, {0x023D, {"L"}}, {0x023E, {"T"}},  // Ȼ ȼ Ƚ Ⱦ
  {0x023F, {"S"}}, {0x0240, {"Z"}}, {0x0243, {"B"}}, {0x0244, {"U"}},  // ȿ ɀ Ƀ Ʉ
  {0x0246, {"E"}}, {0x0247, {"E"}}, {0x0248, {"J"}}, {0x0249, {"J"}},  // Ɇ ɇ Ɉ ɉ
  {0x024A, {"Q"}}, {0x024B, {"Q"}}, {0x024C, {"R"}}, {0x024D, {"R"}},  // Ɋ ɋ Ɍ ɍ
  {0x024E, {"Y"}}, {0x024F, {"Y"}}, {0x0253, {"B"}}, {0x0254, {"O"}},  // Ɏ ɏ ɓ ɔ
  {0x0256, {"D"}}, {0x0257, {"D"}},  // ɖ ɗ
  {0x0259, {"A", "E"}},  // ə
  {0x025B, {"E"}}, {0x0260, {"G"}}, {0x0268, {"I"}}, {0x0272, {"N"}},  // ɛ ɠ ɨ ɲ
  {0x0289, {"U"}}, {0x028B, {"V"}}, {0x0292, {"Z"}},  // ʉ ʋ ʒ
  // Greek: not in 9303. ELOT 743 letter values as on GRC passports; the digraphs ΟΥ, ΑΥ/ΕΥ/ΗΥ
  // and ΓΓ/ΓΞ/ΓΧ are handled in greek_digraph().
  {0x0386, {"A"}}, {0x0388, {"E"}}, {0x0389, {"I"}}, {0x038A, {"I"}},  // Ά Έ Ή Ί
  {0x038C, {"O"}}, {0x038E, {"Y"}}, {0x038F, {"O"}}, {0x0390, {"I"}},  // Ό Ύ Ώ ΐ
  {0x0391, {"A"}}, {0x0392, {"V"}}, {0x0393, {"G"}}, {0x0394, {"D"}},  // Α Β Γ Δ
  {0x0395, {"E"}}, {0x0396, {"Z"}}, {0x0397, {"I"}}, {0x0398, {"TH"}},  // Ε Ζ Η Θ
  {0x0399, {"I"}}, {0x039A, {"K"}}, {0x039B, {"L"}}, {0x039C, {"M"}},  // Ι Κ Λ Μ
  {0x039D, {"N"}}, {0x039E, {"X"}}, {0x039F, {"O"}}, {0x03A0, {"P"}},  // Ν Ξ Ο Π
  {0x03A1, {"R"}}, {0x03A3, {"S"}}, {0x03A4, {"T"}}, {0x03A5, {"Y"}},  // Ρ Σ Τ Υ
  {0x03A6, {"F"}}, {0x03A7, {"CH"}}, {0x03A8, {"PS"}}, {0x03A9, {"O"}},  // Φ Χ Ψ Ω
  {0x03AA, {"I"}}, {0x03AB, {"Y"}}, {0x03AC, {"A"}}, {0x03AD, {"E"}},  // Ϊ Ϋ ά έ
  {0x03AE, {"I"}}, {0x03AF, {"I"}}, {0x03B0, {"Y"}}, {0x03B1, {"A"}},  // ή ί ΰ α
  {0x03B2, {"V"}}, {0x03B3, {"G"}}, {0x03B4, {"D"}}, {0x03B5, {"E"}},  // β γ δ ε
  {0x03B6, {"Z"}}, {0x03B7, {"I"}}, {0x03B8, {"TH"}}, {0x03B9, {"I"}},  // ζ η θ ι
  {0x03BA, {"K"}}, {0x03BB, {"L"}}, {0x03BC, {"M"}}, {0x03BD, {"N"}},  // κ λ μ ν
  {0x03BE, {"X"}}, {0x03BF, {"O"}}, {0x03C0, {"P"}}, {0x03C1, {"R"}},  // ξ ο π ρ
  {0x03C2, {"S"}}, {0x03C3, {"S"}}, {0x03C4, {"T"}}, {0x03C5, {"Y"}},  // ς σ τ υ
  {0x03C6, {"F"}}, {0x03C7, {"CH"}}, {0x03C8, {"PS"}}, {0x03C9, {"O"}},  // φ χ ψ ω
  {0x03CA, {"I"}}, {0x03CB, {"Y"}}, {0x03CC, {"O"}}, {0x03CD, {"Y"}},  // ϊ ϋ ό ύ
  {0x03CE, {"O"}}, {0x03F2, {"S"}}, {0x03F9, {"S"}},  // ώ ϲ Ϲ
  // Cyrillic: 9303-3 §6 Table B. Alternatives from the table's national exceptions: Г H (BLR,
  // SRB), Ё IO (BLR), Ж Z, Ч C, Ш S (SRB), И Y (UKR), Х H, Ц C (SRB, MKD), Щ SHT (BGR),
  // Ѓ GJ, Ќ KJ, Џ DJ (MKD). Alternatives from national rules, not 9303: Г H (UKR), Є YE, Ї YI,
  // Й Y, Ю YU, Я YA (UKR word-initial forms), Ђ DJ (SRB), Ъ A (BGR). Ь is not written.
  // Һ C is as printed in the 9303 table (Ћ is also C). Ѐ Ѝ and the Central Asian letters
  // Ғ Қ Ң Ү Ұ Ҳ Ә Ӣ Ө Ӯ are not in 9303: nearest Latin letter (Қ also Q, Ҳ also KH).
  {0x0400, {"E"}},  // Ѐ
  {0x0401, {"E", "IO"}},  // Ё
  {0x0402, {"D", "DJ"}},  // Ђ
  {0x0403, {"G", "GJ"}},  // Ѓ
  {0x0404, {"IE", "YE"}},  // Є
  {0x0405, {"DZ"}}, {0x0406, {"I"}},  // Ѕ І
  {0x0407, {"I", "YI"}},  // Ї
  {0x0408, {"J"}}, {0x0409, {"LJ"}}, {0x040A, {"NJ"}}, {0x040B, {"C"}},  // Ј Љ Њ Ћ
  {0x040C, {"K", "KJ"}},  // Ќ
  {0x040D, {"I"}}, {0x040E, {"U"}},  // Ѝ Ў
  {0x040F, {"DZ", "DJ"}},  // Џ
  {0x0410, {"A"}}, {0x0411, {"B"}}, {0x0412, {"V"}},  // А Б В
  {0x0413, {"G", "H"}},  // Г
  {0x0414, {"D"}}, {0x0415, {"E"}},  // Д Е
  {0x0416, {"ZH", "Z"}},  // Ж
  {0x0417, {"Z"}},  // З
  {0x0418, {"I", "Y"}},  // И
  {0x0419, {"I", "Y"}},  // Й
  {0x041A, {"K"}}, {0x041B, {"L"}}, {0x041C, {"M"}}, {0x041D, {"N"}},  // К Л М Н
  {0x041E, {"O"}}, {0x041F, {"P"}}, {0x0420, {"R"}}, {0x0421, {"S"}},  // О П Р С
  {0x0422, {"T"}}, {0x0423, {"U"}}, {0x0424, {"F"}},  // Т У Ф
  {0x0425, {"KH", "H"}},  // Х
  {0x0426, {"TS", "C"}},  // Ц
  {0x0427, {"CH", "C"}},  // Ч
  {0x0428, {"SH", "S"}},  // Ш
  {0x0429, {"SHCH", "SHT"}},  // Щ
  {0x042A, {"IE", "A"}},  // Ъ
  {0x042B, {"Y"}}, {0x042C, {""}}, {0x042D, {"E"}},  // Ы Ь Э
  {0x042E, {"IU", "YU"}},  // Ю
  {0x042F, {"IA", "YA"}},  // Я
  {0x0430, {"A"}}, {0x0431, {"B"}}, {0x0432, {"V"}},  // а б в
  {0x0433, {"G", "H"}},  // г
  {0x0434, {"D"}}, {0x0435, {"E"}},  // д е
  {0x0436, {"ZH", "Z"}},  // ж
  {0x0437, {"Z"}},  // з
  {0x0438, {"I", "Y"}},  // и
  {0x0439, {"I", "Y"}},  // й
  {0x043A, {"K"}}, {0x043B, {"L"}}, {0x043C, {"M"}}, {0x043D, {"N"}},  // к л м н
  {0x043E, {"O"}}, {0x043F, {"P"}}, {0x0440, {"R"}}, {0x0441, {"S"}},  // о п р с
  {0x0442, {"T"}}, {0x0443, {"U"}}, {0x0444, {"F"}},  // т у ф
  {0x0445, {"KH", "H"}},  // х
  {0x0446, {"TS", "C"}},  // ц
  {0x0447, {"CH", "C"}},  // ч
  {0x0448, {"SH", "S"}},  // ш
  {0x0449, {"SHCH", "SHT"}},  // щ
  {0x044A, {"IE", "A"}},  // ъ
  {0x044B, {"Y"}}, {0x044C, {""}}, {0x044D, {"E"}},  // ы ь э
  {0x044E, {"IU", "YU"}},  // ю
  {0x044F, {"IA", "YA"}},  // я
  {0x0450, {"E"}},  // ѐ
  {0x0451, {"E", "IO"}},  // ё
  {0x0452, {"D", "DJ"}},  // ђ
  {0x0453, {"G", "GJ"}},  // ѓ
  {0x0454, {"IE", "YE"}},  // є
  {0x0455, {"DZ"}}, {0x0456, {"I"}},  // ѕ і
  {0x0457, {"I", "YI"}},  // ї
  {0x0458, {"J"}}, {0x0459, {"LJ"}}, {0x045A, {"NJ"}}, {0x045B, {"C"}},  // ј љ њ ћ
  {0x045C, {"K", "KJ"}},  // ќ
  {0x045D, {"I"}}, {0x045E, {"U"}},  // ѝ ў
  {0x045F, {"DZ", "DJ"}},  // џ
  {0x0462, {"IE"}}, {0x0463, {"IE"}}, {0x046A, {"U"}}, {0x046B, {"U"}},  // Ѣ ѣ Ѫ ѫ
  {0x0472, {"F"}}, {0x0473, {"F"}}, {0x0474, {"Y"}}, {0x0475, {"Y"}},  // Ѳ ѳ Ѵ ѵ
  {0x0490, {"G"}}, {0x0491, {"G"}}, {0x0492, {"G"}}, {0x0493, {"G"}},  // Ґ ґ Ғ ғ
  {0x049A, {"K", "Q"}},  // Қ
  {0x049B, {"K", "Q"}},  // қ
  {0x04A2, {"N"}}, {0x04A3, {"N"}}, {0x04AE, {"U"}}, {0x04AF, {"U"}},  // Ң ң Ү ү
  {0x04B0, {"U"}}, {0x04B1, {"U"}},  // Ұ ұ
  {0x04B2, {"H", "KH"}},  // Ҳ
  {0x04B3, {"H", "KH"}},  // ҳ
  {0x04BA, {"C", "H"}},  // Һ
  {0x04BB, {"C", "H"}},  // һ
  {0x04D8, {"A"}}, {0x04D9, {"A"}}, {0x04E2, {"I"}}, {0x04E3, {"I"}},  // Ә ә Ӣ ӣ
  {0x04E8, {"O"}}, {0x04E9, {"O"}}, {0x04EE, {"U"}}, {0x04EF, {"U"}},  // Ө ө Ӯ ӯ
  // Latin Extended Additional: not in 9303 except ẞ (SS). Base letter (Vietnamese, Welsh, ...).
  {0x1E00, {"A"}}, {0x1E01, {"A"}}, {0x1E02, {"B"}}, {0x1E03, {"B"}},  // Ḁ ḁ Ḃ ḃ
  {0x1E04, {"B"}}, {0x1E05, {"B"}}, {0x1E06, {"B"}}, {0x1E07, {"B"}},  // Ḅ ḅ Ḇ ḇ
  {0x1E08, {"C"}}, {0x1E09, {"C"}}, {0x1E0A, {"D"}}, {0x1E0B, {"D"}},  // Ḉ ḉ Ḋ ḋ
  {0x1E0C, {"D"}}, {0x1E0D, {"D"}}, {0x1E0E, {"D"}}, {0x1E0F, {"D"}},  // Ḍ ḍ Ḏ ḏ
  {0x1E10, {"D"}}, {0x1E11, {"D"}}, {0x1E12, {"D"}}, {0x1E13, {"D"}},  // Ḑ ḑ Ḓ ḓ
  {0x1E14, {"E"}}, {0x1E15, {"E"}}, {0x1E16, {"E"}}, {0x1E17, {"E"}},  // Ḕ ḕ Ḗ ḗ
  {0x1E18, {"E"}}, {0x1E19, {"E"}}, {0x1E1A, {"E"}}, {0x1E1B, {"E"}},  // Ḙ ḙ Ḛ ḛ
  {0x1E1C, {"E"}}, {0x1E1D, {"E"}}, {0x1E1E, {"F"}}, {0x1E1F, {"F"}},  // Ḝ ḝ Ḟ ḟ
  {0x1E20, {"G"}}, {0x1E21, {"G"}}, {0x1E22, {"H"}}, {0x1E23, {"H"}},  // Ḡ ḡ Ḣ ḣ
  {0x1E24, {"H"}}, {0x1E25, {"H"}}, {0x1E26, {"H"}}, {0x1E27, {"H"}},  // Ḥ ḥ Ḧ ḧ
  {0x1E28, {"H"}}, {0x1E29, {"H"}}, {0x1E2A, {"H"}}, {0x1E2B, {"H"}},  // Ḩ ḩ Ḫ ḫ
  {0x1E2C, {"I"}}, {0x1E2D, {"I"}}, {0x1E2E, {"I"}}, {0x1E2F, {"I"}},  // Ḭ ḭ Ḯ ḯ
  {0x1E30, {"K"}}, {0x1E31, {"K"}}, {0x1E32, {"K"}}, {0x1E33, {"K"}},  // Ḱ ḱ Ḳ ḳ
  {0x1E34, {"K"}}, {0x1E35, {"K"}}, {0x1E36, {"L"}}, {0x1E37, {"L"}},  // Ḵ ḵ Ḷ ḷ
  {0x1E38, {"L"}}, {0x1E39, {"L"}}, {0x1E3A, {"L"}}, {0x1E3B, {"L"}},  // Ḹ ḹ Ḻ ḻ
  {0x1E3C, {"L"}}, {0x1E3D, {"L"}}, {0x1E3E, {"M"}}, {0x1E3F, {"M"}},  // Ḽ ḽ Ḿ ḿ
  {0x1E40, {"M"}}, {0x1E41, {"M"}}, {0x1E42, {"M"}}, {0x1E43, {"M"}},  // Ṁ ṁ Ṃ ṃ
  {0x1E44, {"N"}}, {0x1E45, {"N"}}, {0x1E46, {"N"}}, {0x1E47, {"N"}},  // Ṅ ṅ Ṇ ṇ
  {0x1E48, {"N"}}, {0x1E49, {"N"}}, {0x1E4A, {"N"}}, {0x1E4B, {"N"}},  // Ṉ ṉ Ṋ ṋ
  {0x1E4C, {"O"}}, {0x1E4D, {"O"}}, {0x1E4E, {"O"}}, {0x1E4F, {"O"}},  // Ṍ ṍ Ṏ ṏ
  {0x1E50, {"O"}}, {0x1E51, {"O"}}, {0x1E52, {"O"}}, {0x1E53, {"O"}},  // Ṑ ṑ Ṓ ṓ
  {0x1E54, {"P"}}, {0x1E55, {"P"}}, {0x1E56, {"P"}}, {0x1E57, {"P"}},  // Ṕ ṕ Ṗ ṗ
  {0x1E58, {"R"}}, {0x1E59, {"R"}}, {0x1E5A, {"R"}}, {0x1E5B, {"R"}},  // Ṙ ṙ Ṛ ṛ
  {0x1E5C, {"R"}}, {0x1E5D, {"R"}}, {0x1E5E, {"R"}}, {0x1E5F, {"R"}},  // Ṝ ṝ Ṟ ṟ
  {0x1E60, {"S"}}, {0x1E61, {"S"}}, {0x1E62, {"S"}}, {0x1E63, {"S"}},  // Ṡ ṡ Ṣ ṣ
  {0x1E64, {"S"}}, {0x1E65, {"S"}}, {0x1E66, {"S"}}, {0x1E67, {"S"}},  // Ṥ ṥ Ṧ ṧ
  {0x1E68, {"S"}}, {0x1E69, {"S"}}, {0x1E6A, {"T"}}, {0x1E6B, {"T"}},  // Ṩ ṩ Ṫ ṫ
  {0x1E6C, {"T"}}, {0x1E6D, {"T"}}, {0x1E6E, {"T"}}, {0x1E6F, {"T"}},  // Ṭ ṭ Ṯ ṯ
  {0x1E70, {"T"}}, {0x1E71, {"T"}}, {0x1E72, {"U"}}, {0x1E73, {"U"}},  // Ṱ ṱ Ṳ ṳ
  {0x1E74, {"U"}}, {0x1E75, {"U"}}, {0x1E76, {"U"}}, {0x1E77, {"U"}},  // Ṵ ṵ Ṷ ṷ
  {0x1E78, {"U"}}, {0x1E79, {"U"}}, {0x1E7A, {"U"}}, {0x1E7B, {"U"}},  // Ṹ ṹ Ṻ ṻ
  {0x1E7C, {"V"}}, {0x1E7D, {"V"}}, {0x1E7E, {"V"}}, {0x1E7F, {"V"}},  // Ṽ ṽ Ṿ ṿ
  {0x1E80, {"W"}}, {0x1E81, {"W"}}, {0x1E82, {"W"}}, {0x1E83, {"W"}},  // Ẁ ẁ Ẃ ẃ
  {0x1E84, {"W"}}, {0x1E85, {"W"}}, {0x1E86, {"W"}}, {0x1E87, {"W"}},  // Ẅ ẅ Ẇ ẇ
  {0x1E88, {"W"}}, {0x1E89, {"W"}}, {0x1E8A, {"X"}}, {0x1E8B, {"X"}},  // Ẉ ẉ Ẋ ẋ
  {0x1E8C, {"X"}}, {0x1E8D, {"X"}}, {0x1E8E, {"Y"}}, {0x1E8F, {"Y"}},  // Ẍ ẍ Ẏ ẏ
  {0x1E90, {"Z"}}, {0x1E91, {"Z"}}, {0x1E92, {"Z"}}, {0x1E93, {"Z"}},  // Ẑ ẑ Ẓ ẓ
  {0x1E94, {"Z"}}, {0x1E95, {"Z"}}, {0x1E96, {"H"}}, {0x1E97, {"T"}},  // Ẕ ẕ ẖ ẗ
  {0x1E98, {"W"}}, {0x1E99, {"Y"}}, {0x1E9A, {"A"}}, {0x1E9B, {"S"}},  // ẘ ẙ ẚ ẛ
  {0x1E9E, {"SS"}}, {0x1EA0, {"A"}}, {0x1EA1, {"A"}}, {0x1EA2, {"A"}},  // ẞ Ạ ạ Ả
  {0x1EA3, {"A"}}, {0x1EA4, {"A"}}, {0x1EA5, {"A"}}, {0x1EA6, {"A"}},  // ả Ấ ấ Ầ
  {0x1EA7, {"A"}}, {0x1EA8, {"A"}}, {0x1EA9, {"A"}}, {0x1EAA, {"A"}},  // ầ Ẩ ẩ Ẫ
  {0x1EAB, {"A"}}, {0x1EAC, {"A"}}, {0x1EAD, {"A"}}, {0x1EAE, {"A"}},  // ẫ Ậ ậ Ắ
  {0x1EAF, {"A"}}, {0x1EB0, {"A"}}, {0x1EB1, {"A"}}, {0x1EB2, {"A"}},  // ắ Ằ ằ Ẳ
  {0x1EB3, {"A"}}, {0x1EB4, {"A"}}, {0x1EB5, {"A"}}, {0x1EB6, {"A"}},  // ẳ Ẵ ẵ Ặ
  {0x1EB7, {"A"}}, {0x1EB8, {"E"}}, {0x1EB9, {"E"}}, {0x1EBA, {"E"}},  // ặ Ẹ ẹ Ẻ
  {0x1EBB, {"E"}}, {0x1EBC, {"E"}}, {0x1EBD, {"E"}}, {0x1EBE, {"E"}},  // ẻ Ẽ ẽ Ế
  {0x1EBF, {"E"}}, {0x1EC0, {"E"}}, {0x1EC1, {"E"}}, {0x1EC2, {"E"}},  // ế Ề ề Ể
  {0x1EC3, {"E"}}, {0x1EC4, {"E"}}, {0x1EC5, {"E"}}, {0x1EC6, {"E"}},  // ể Ễ ễ Ệ
  {0x1EC7, {"E"}}, {0x1EC8, {"I"}}, {0x1EC9, {"I"}}, {0x1ECA, {"I"}},  // ệ Ỉ ỉ Ị
  {0x1ECB, {"I"}}, {0x1ECC, {"O"}}, {0x1ECD, {"O"}}, {0x1ECE, {"O"}},  // ị Ọ ọ Ỏ
  {0x1ECF, {"O"}}, {0x1ED0, {"O"}}, {0x1ED1, {"O"}}, {0x1ED2, {"O"}},  // ỏ Ố ố Ồ
  {0x1ED3, {"O"}}, {0x1ED4, {"O"}}, {0x1ED5, {"O"}}, {0x1ED6, {"O"}},  // ồ Ổ ổ Ỗ
  {0x1ED7, {"O"}}, {0x1ED8, {"O"}}, {0x1ED9, {"O"}}, {0x1EDA, {"O"}},  // ỗ Ộ ộ Ớ
  {0x1EDB, {"O"}}, {0x1EDC, {"O"}}, {0x1EDD, {"O"}}, {0x1EDE, {"O"}},  // ớ Ờ ờ Ở
  {0x1EDF, {"O"}}, {0x1EE0, {"O"}}, {0x1EE1, {"O"}}, {0x1EE2, {"O"}},  // ở Ỡ ỡ Ợ
  {0x1EE3, {"O"}}, {0x1EE4, {"U"}}, {0x1EE5, {"U"}}, {0x1EE6, {"U"}},  // ợ Ụ ụ Ủ
  {0x1EE7, {"U"}}, {0x1EE8, {"U"}}, {0x1EE9, {"U"}}, {0x1EEA, {"U"}},  // ủ Ứ ứ Ừ
  {0x1EEB, {"U"}}, {0x1EEC, {"U"}}, {0x1EED, {"U"}}, {0x1EEE, {"U"}},  // ừ Ử ử Ữ
  {0x1EEF, {"U"}}, {0x1EF0, {"U"}}, {0x1EF1, {"U"}}, {0x1EF2, {"Y"}},  // ữ Ự ự Ỳ
  {0x1EF3, {"Y"}}, {0x1EF4, {"Y"}}, {0x1EF5, {"Y"}}, {0x1EF6, {"Y"}},  // ỳ Ỵ ỵ Ỷ
  {0x1EF7, {"Y"}}, {0x1EF8, {"Y"}}, {0x1EF9, {"Y"}}, {0x1EFE, {"Y"}},  // ỷ Ỹ ỹ Ỿ
  {0x1EFF, {"Y"}},  // ỿ
};
// clang-format on

constexpr bool table_is_sorted() {
  for (std::size_t i = 1; i < std::size(kTable); ++i) {
    if (!(kTable[i - 1].code_point < kTable[i].code_point)) {
      return false;
    }
  }
  return true;
}
static_assert(table_is_sorted(), "kTable must be strictly sorted by code point for binary search");

// The checks below take string_views by reference: GCC 12 rejects copying the value-initialized
// (unused) spelling slots during constant evaluation.
constexpr bool is_mrz_letters(const std::string_view& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] < 'A' || s[i] > 'Z') {
      return false;
    }
  }
  return true;
}

constexpr bool same_spelling(const std::string_view& a, const std::string_view& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

// Every spelling is A-Z only, alternatives are contiguous, non-empty and pairwise distinct,
// so the variant generator never has to filter them.
constexpr bool table_spellings_are_valid() {
  for (std::size_t t = 0; t < std::size(kTable); ++t) {
    const auto& spellings = kTable[t].spellings;
    bool ended = false;
    for (std::size_t i = 0; i < std::size(spellings); ++i) {
      if (!is_mrz_letters(spellings[i])) {
        return false;
      }
      if (i == 0) {
        continue;
      }
      if (spellings[i].empty()) {
        ended = true;
        continue;
      }
      if (ended) {
        return false;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (same_spelling(spellings[j], spellings[i])) {
          return false;
        }
      }
    }
  }
  return true;
}
static_assert(table_spellings_are_valid(), "kTable spellings must be A-Z, distinct and contiguous");

std::size_t spelling_count(const Entry& e) {
  std::size_t n = 1;
  while (n < std::size(e.spellings) && !e.spellings[n].empty()) {
    ++n;
  }
  return n;
}

const Entry* find_entry(char32_t cp) {
  const Entry* const first = std::begin(kTable);
  const Entry* const last = std::end(kTable);
  const Entry* const it =
      std::lower_bound(first, last, cp, [](const Entry& e, char32_t c) { return e.code_point < c; });
  return (it != last && it->code_point == cp) ? it : nullptr;
}

[[noreturn]] void throw_bad_utf8(std::size_t offset, const char* what) {
  throw Utf8Error("name is not valid UTF-8 (" + std::string(what) +
                              " at byte offset " + std::to_string(offset) + ")");
}

// Strict decoder: a name that is not valid UTF-8 cannot be compared reliably, so reject it
// rather than guess (overlong forms in particular are a classic filter-bypass vector).
std::u32string decode_utf8(std::string_view in) {
  std::u32string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto lead = static_cast<unsigned char>(in[i]);
    if (lead < 0x80) {
      out.push_back(lead);
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      cp = lead & 0x1FU;
      minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      cp = lead & 0x0FU;
      minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      cp = lead & 0x07U;
      minimum = 0x10000;
    } else {
      throw_bad_utf8(i, "invalid lead byte");
    }
    if (in.size() - i < length) {
      throw_bad_utf8(i, "truncated sequence");
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(in[i + k]);
      if ((byte & 0xC0U) != 0x80U) {
        throw_bad_utf8(i, "missing continuation byte");
      }
      cp = (cp << 6) | (byte & 0x3FU);
    }
    if (cp < minimum) {
      throw_bad_utf8(i, "overlong encoding");
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      throw_bad_utf8(i, "encoded surrogate");
    }
    if (cp > 0x10FFFF) {
      throw_bad_utf8(i, "code point above U+10FFFF");
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

bool is_combining_mark(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Decomposed input (NFD, common from macOS) must give the same result as precomposed input.
// Dropping a combining mark already yields the base letter, which is right for most letters;
// only pairs whose precomposed letter transliterates differently from its base are composed.
char32_t compose(char32_t base, char32_t mark) {
  switch (mark) {
  case 0x0308:  // diaeresis: Ä Ö Ü -> AE OE UE; Ё Ї alternatives; Ϊ Ϋ break Greek digraphs
    switch (base) {
    case U'A': return 0x00C4;
    case U'O': return 0x00D6;
    case U'U': return 0x00DC;
    case U'a': return 0x00E4;
    case U'o': return 0x00F6;
    case U'u': return 0x00FC;
    case 0x0415: return 0x0401;
    case 0x0435: return 0x0451;
    case 0x0406: return 0x0407;
    case 0x0456: return 0x0457;
    case 0x0399: return 0x03AA;
    case 0x03A5: return 0x03AB;
    case 0x03B9: return 0x03CA;
    case 0x03C5: return 0x03CB;
    default: return 0;
    }
  case 0x030A:  // ring above: Å -> AA
    return base == U'A' ? 0x00C5 : base == U'a' ? 0x00E5 : 0;
  case 0x0303:  // tilde: Ñ -> N or NXX
    return base == U'N' ? 0x00D1 : base == U'n' ? 0x00F1 : 0;
  case 0x0301:  // acute: Macedonian Ѓ Ќ -> GJ KJ alternatives
    switch (base) {
    case 0x0413: return 0x0403;
    case 0x0433: return 0x0453;
    case 0x041A: return 0x040C;
    case 0x043A: return 0x045C;
    default: return 0;
    }
  default: return 0;
  }
}

std::u32string compose_marks(const std::u32string& text) {
  std::u32string out;
  out.reserve(text.size());
  for (const char32_t cp : text) {
    if (!out.empty() && is_combining_mark(cp)) {
      const char32_t composed = compose(out.back(), cp);
      if (composed != 0) {
        out.back() = composed;
        continue;
      }
    }
    out.push_back(cp);
  }
  return out;
}

// §4.6: spaces, hyphens and commas become the filler. Unicode spaces and dashes are included
// because names pasted from documents carry them; '<' itself so that MRZ-form input is stable.
bool is_separator(char32_t cp) {
  static constexpr char32_t kSeparators[] = {
      U' ',   U'\t',  U'\n',  U'\v',  U'\f',  U'\r',  U'-',   U',',   U'<',   0x0085, 0x00A0, 0x058A, 0x060C,
      0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x2212, 0x3000, 0x3001, 0xFE50, 0xFE58, 0xFE63, 0xFF0C, 0xFF0D};
  return (cp >= 0x2000 && cp <= 0x200A) || (cp >= 0x2010 && cp <= 0x2015) ||
         std::find(std::begin(kSeparators), std::end(kSeparators), cp) != std::end(kSeparators);
}

// ---- Greek digraphs (ELOT 743), which a per-letter table cannot express ----

bool is_greek_upsilon(char32_t cp) {
  return cp == 0x03A5 || cp == 0x03C5 || cp == 0x038E || cp == 0x03CD;  // Υ υ Ύ ύ (not Ϋ ϋ)
}

bool is_greek_vowel(char32_t cp) {
  static constexpr char32_t kVowels[] = {
      0x0391, 0x0395, 0x0397, 0x0399, 0x039F, 0x03A5, 0x03A9, 0x03B1, 0x03B5, 0x03B7, 0x03B9, 0x03BF,
      0x03C5, 0x03C9, 0x0386, 0x0388, 0x0389, 0x038A, 0x038C, 0x038E, 0x038F, 0x0390, 0x03AA, 0x03AB,
      0x03AC, 0x03AD, 0x03AE, 0x03AF, 0x03B0, 0x03CA, 0x03CB, 0x03CC, 0x03CD, 0x03CE};
  return std::find(std::begin(kVowels), std::end(kVowels), cp) != std::end(kVowels);
}

bool is_greek_voiced_consonant(char32_t cp) {
  // β γ δ ζ λ μ ν ρ in both cases.
  static constexpr char32_t kVoiced[] = {0x0392, 0x0393, 0x0394, 0x0396, 0x039B, 0x039C, 0x039D, 0x03A1,
                                         0x03B2, 0x03B3, 0x03B4, 0x03B6, 0x03BB, 0x03BC, 0x03BD, 0x03C1};
  return std::find(std::begin(kVoiced), std::end(kVoiced), cp) != std::end(kVoiced);
}

template <typename OnUnit>
std::size_t greek_digraph(const std::u32string& text, std::size_t i, OnUnit& on_unit) {
  const char32_t first = text[i];
  const char32_t second = text[i + 1];
  std::string primary;
  std::string letterwise;  // the per-letter spelling, kept as an alternative
  if (is_greek_upsilon(second)) {
    std::string_view vowel;
    switch (first) {
    case 0x039F:
    case 0x03BF:
      primary = "OU";
      letterwise = "OY";
      break;
    case 0x0391:
    case 0x03B1: vowel = "A"; break;
    case 0x0395:
    case 0x03B5: vowel = "E"; break;
    case 0x0397:
    case 0x03B7: vowel = "I"; break;
    default: return 0;
    }
    if (!vowel.empty()) {
      // ΑΥ ΕΥ ΗΥ: V before a vowel or voiced consonant, F before anything else or at the end.
      std::size_t k = i + 2;
      while (k < text.size() && is_combining_mark(text[k])) {
        ++k;
      }
      const bool voiced = k < text.size() && (is_greek_vowel(text[k]) || is_greek_voiced_consonant(text[k]));
      primary = std::string(vowel) + (voiced ? "V" : "F");
      letterwise = std::string(vowel) + "Y";
    }
  } else if (first == 0x0393 || first == 0x03B3) {  // nasal gamma: ΓΓ ΓΞ ΓΧ
    switch (second) {
    case 0x0393:
    case 0x03B3:
      primary = "NG";
      letterwise = "GG";
      break;
    case 0x039E:
    case 0x03BE:
      primary = "NX";
      letterwise = "GX";
      break;
    case 0x03A7:
    case 0x03C7:
      primary = "NCH";
      letterwise = "GCH";
      break;
    default: return 0;
    }
  } else {
    return 0;
  }
  const std::string_view spellings[2] = {primary, letterwise};
  on_unit(spellings, std::size_t{2});
  return 2;
}

// Calls on_unit(spellings, count) for each character or Greek digraph of `text`, in order;
// spellings[0] is the primary. Separators are reported as "<". Digits, punctuation (apostrophes
// included), combining marks and letters without a transliteration are not reported: the MRZ
// name field holds only A-Z and '<', and an unknown letter is better omitted than guessed.
template <typename OnUnit>
void for_each_unit(const std::u32string& text, OnUnit&& on_unit) {
  static constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static constexpr std::string_view kFiller[1] = {"<"};
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t cp = text[i];
    if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z')) {
      const std::string_view letter[1] = {kLetters.substr((cp | 0x20U) - U'a', 1)};
      on_unit(letter, std::size_t{1});
      continue;
    }
    if (is_separator(cp)) {
      on_unit(kFiller, std::size_t{1});
      continue;
    }
    if (cp >= 0x0386 && cp <= 0x03CE && i + 1 < n) {
      const std::size_t consumed = greek_digraph(text, i, on_unit);
      if (consumed != 0) {
        i += consumed - 1;
        continue;
      }
    }
    if (const Entry* const entry = find_entry(cp)) {
      on_unit(entry->spellings, spelling_count(*entry));
    }
  }
}

// §4.6: one filler between name parts, none at either end.
void collapse_fillers(std::string& s) {
  std::size_t w = 0;
  for (const char c : s) {
    if (c == '<' && (w == 0 || s[w - 1] == '<')) {
      continue;
    }
    s[w++] = c;
  }
  if (w > 0 && s[w - 1] == '<') {
    --w;
  }
  s.resize(w);
}

std::u32string decode_name(std::string_view utf8) {
  return compose_marks(decode_utf8(utf8));
}

// Moves to the next combination of alternatives (indices >= 1) at the picked positions;
// false once every combination has been visited.
bool next_alternatives(const std::vector<std::vector<std::string>>& units,
                       const std::vector<std::size_t>& choosable, const std::vector<std::size_t>& pick,
                       std::vector<std::size_t>& choice) {
  for (std::size_t k = pick.size(); k-- > 0;) {
    const std::size_t unit = choosable[pick[k]];
    if (choice[unit] + 1 < units[unit].size()) {
      ++choice[unit];
      return true;
    }
    choice[unit] = 1;
  }
  return false;
}

// Moves `pick` to the next size-d subset of [0, m) in lexicographic order; false when done.
bool next_subset(std::vector<std::size_t>& pick, std::size_t m) {
  const std::size_t d = pick.size();
  for (std::size_t k = d; k-- > 0;) {
    if (pick[k] < m - d + k) {
      ++pick[k];
      for (std::size_t j = k + 1; j < d; ++j) {
        pick[j] = pick[j - 1] + 1;
      }
      return true;
    }
  }
  return false;
}

}  // namespace

std::string transliterate_name(std::string_view utf8) {
  const std::u32string text = decode_name(utf8);
  std::string out;
  out.reserve(utf8.size());
  for_each_unit(text, [&out](const std::string_view* spellings, std::size_t) { out += spellings[0]; });
  collapse_fillers(out);
  return out;
}

std::vector<std::string> transliteration_variants(std::string_view utf8, std::size_t max_variants) {
  const std::u32string text = decode_name(utf8);  // validated even when nothing is returned
  std::vector<std::string> result;
  if (max_variants == 0) {
    return result;
  }

  // Runs of characters without alternatives are merged, so only real choices remain separate.
  std::vector<std::vector<std::string>> units;
  std::vector<std::size_t> choosable;  // indices of units with alternatives
  for_each_unit(text, [&units, &choosable](const std::string_view* spellings, std::size_t count) {
    if (count == 1 && !units.empty() && units.back().size() == 1) {
      units.back().front() += spellings[0];
      return;
    }
    if (count > 1) {
      choosable.push_back(units.size());
    }
    units.emplace_back(spellings, spellings + count);
  });

  std::vector<std::size_t> choice(units.size(), 0);
  std::unordered_set<std::string> seen;
  // Different choices can spell the same string; bound the work regardless.
  constexpr std::size_t kSizeMax = std::numeric_limits<std::size_t>::max();
  std::size_t attempts_left = max_variants > (kSizeMax - 4096) / 16 ? kSizeMax : max_variants * 16 + 4096;
  // Adds the spelling selected by `choice`; true once no further variant should be produced.
  const auto emit = [&]() {
    if (attempts_left == 0) {
      return true;
    }
    --attempts_left;
    std::string spelling;
    for (std::size_t u = 0; u < units.size(); ++u) {
      spelling += units[u][choice[u]];
    }
    collapse_fillers(spelling);
    if (seen.insert(spelling).second) {
      result.push_back(std::move(spelling));
    }
    return result.size() >= max_variants;
  };

  if (emit()) {  // the primary spelling
    return result;
  }

  // An issuer applies one convention to the whole name (every umlaut plain, every Ñ as NXX, ...),
  // so those spellings come before mixed ones, which a cap could otherwise crowd out.
  std::size_t widest = 0;
  for (const std::size_t u : choosable) {
    widest = std::max(widest, units[u].size() - 1);
  }
  for (std::size_t alternative = 1; alternative <= widest; ++alternative) {
    for (const std::size_t u : choosable) {
      choice[u] = std::min(alternative, units[u].size() - 1);
    }
    if (emit()) {
      return result;
    }
  }
  for (const std::size_t u : choosable) {
    choice[u] = 0;
  }

  // Then everything else, fewest deviations from the primary first.
  const std::size_t m = choosable.size();
  for (std::size_t d = 1; d <= m; ++d) {
    std::vector<std::size_t> pick(d);
    for (std::size_t k = 0; k < d; ++k) {
      pick[k] = k;
    }
    do {
      for (const std::size_t k : pick) {
        choice[choosable[k]] = 1;
      }
      do {
        if (emit()) {
          return result;
        }
      } while (next_alternatives(units, choosable, pick, choice));
      for (const std::size_t k : pick) {
        choice[choosable[k]] = 0;
      }
    } while (next_subset(pick, m));
  }
  return result;
}

}  // namespace docverify::mrz
