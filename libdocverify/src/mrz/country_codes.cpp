#include "mrz/country_codes.hpp"

#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <iterator>

namespace docverify::mrz {
namespace {

// Short aliases keep the table one entry per line.
constexpr CodeUse OK = CodeUse::ok;
constexpr CodeUse U = CodeUse::unusual;
constexpr CodeUse DEP = CodeUse::deprecated;
constexpr CodeUse SPEC = CodeUse::specimen;
constexpr CodeUse WR = CodeUse::wrong_role;

// ICAO Doc 9303-3 section 5 codes: all 249 ISO 3166-1 alpha-3 codes (taken from Debian
// iso-codes 4.15.0) plus the ICAO-only codes (iso3166 = false). Sorted by code in plain byte
// order, which is what std::string_view::operator< compares, so "D" < "DEU" < "DJI".
// The static_asserts below enforce the order and the ISO count.
// Names are UTF-8; non-ASCII bytes are written as \x escapes so the bytes do not depend on the
// compiler's source/execution charset, and the literal is split after each escape so that a
// following letter such as 'a' is not read as another hex digit.
constexpr CountryCode kCodes[] = {
    {"ABW", "Aruba", OK, OK, true},
    {"AFG", "Afghanistan", OK, OK, true},
    {"AGO", "Angola", OK, OK, true},
    {"AIA", "Anguilla", OK, OK, true},
    {"ALA", "\xC3\x85" "land Islands", OK, OK, true},
    {"ALB", "Albania", OK, OK, true},
    {"AND", "Andorra", OK, OK, true},
    {"ANT", "Netherlands Antilles", DEP, DEP, false},  // ICAO
    {"ARE", "United Arab Emirates", OK, OK, true},
    {"ARG", "Argentina", OK, OK, true},
    {"ARM", "Armenia", OK, OK, true},
    {"ASM", "American Samoa", OK, OK, true},
    {"ATA", "Antarctica", OK, OK, true},
    {"ATF", "French Southern Territories", OK, OK, true},
    {"ATG", "Antigua and Barbuda", OK, OK, true},
    {"AUS", "Australia", OK, OK, true},
    {"AUT", "Austria", OK, OK, true},
    {"AZE", "Azerbaijan", OK, OK, true},
    {"BDI", "Burundi", OK, OK, true},
    {"BEL", "Belgium", OK, OK, true},
    {"BEN", "Benin", OK, OK, true},
    {"BES", "Bonaire, Sint Eustatius and Saba", OK, OK, true},
    {"BFA", "Burkina Faso", OK, OK, true},
    {"BGD", "Bangladesh", OK, OK, true},
    {"BGR", "Bulgaria", OK, OK, true},
    {"BHR", "Bahrain", OK, OK, true},
    {"BHS", "Bahamas", OK, OK, true},
    {"BIH", "Bosnia and Herzegovina", OK, OK, true},
    {"BLM", "Saint Barth\xC3\xA9" "lemy", OK, OK, true},
    {"BLR", "Belarus", OK, OK, true},
    {"BLZ", "Belize", OK, OK, true},
    {"BMU", "Bermuda", OK, OK, true},
    {"BOL", "Bolivia, Plurinational State of", OK, OK, true},
    {"BRA", "Brazil", OK, OK, true},
    {"BRB", "Barbados", OK, OK, true},
    {"BRN", "Brunei Darussalam", OK, OK, true},
    {"BTN", "Bhutan", OK, OK, true},
    {"BVT", "Bouvet Island", OK, OK, true},
    {"BWA", "Botswana", OK, OK, true},
    {"CAF", "Central African Republic", OK, OK, true},
    {"CAN", "Canada", OK, OK, true},
    {"CCK", "Cocos (Keeling) Islands", OK, OK, true},
    {"CHE", "Switzerland", OK, OK, true},
    {"CHL", "Chile", OK, OK, true},
    {"CHN", "China", OK, OK, true},
    {"CIV", "C\xC3\xB4" "te d'Ivoire", OK, OK, true},
    {"CMR", "Cameroon", OK, OK, true},
    {"COD", "Congo, The Democratic Republic of the", OK, OK, true},
    {"COG", "Congo", OK, OK, true},
    {"COK", "Cook Islands", OK, OK, true},
    {"COL", "Colombia", OK, OK, true},
    {"COM", "Comoros", OK, OK, true},
    {"CPV", "Cabo Verde", OK, OK, true},
    {"CRI", "Costa Rica", OK, OK, true},
    {"CUB", "Cuba", OK, OK, true},
    {"CUW", "Cura\xC3\xA7" "ao", OK, OK, true},
    {"CXR", "Christmas Island", OK, OK, true},
    {"CYM", "Cayman Islands", OK, OK, true},
    {"CYP", "Cyprus", OK, OK, true},
    {"CZE", "Czechia", OK, OK, true},
    {"D", "Germany", OK, OK, false},  // ICAO
    {"DEU", "Germany", U, U, true},  // ICAO: Germany writes "D"
    {"DJI", "Djibouti", OK, OK, true},
    {"DMA", "Dominica", OK, OK, true},
    {"DNK", "Denmark", OK, OK, true},
    {"DOM", "Dominican Republic", OK, OK, true},
    {"DZA", "Algeria", OK, OK, true},
    {"ECU", "Ecuador", OK, OK, true},
    {"EGY", "Egypt", OK, OK, true},
    {"ERI", "Eritrea", OK, OK, true},
    {"ESH", "Western Sahara", OK, OK, true},
    {"ESP", "Spain", OK, OK, true},
    {"EST", "Estonia", OK, OK, true},
    {"ETH", "Ethiopia", OK, OK, true},
    {"EUE", "European Union", OK, U, false},  // ICAO
    {"FIN", "Finland", OK, OK, true},
    {"FJI", "Fiji", OK, OK, true},
    {"FLK", "Falkland Islands (Malvinas)", OK, OK, true},
    {"FRA", "France", OK, OK, true},
    {"FRO", "Faroe Islands", OK, OK, true},
    {"FSM", "Micronesia, Federated States of", OK, OK, true},
    {"GAB", "Gabon", OK, OK, true},
    {"GBD", "British Overseas Territories Citizen", U, OK, false},  // ICAO
    {"GBN", "British National (Overseas)", U, OK, false},  // ICAO
    {"GBO", "British Overseas Citizen", U, OK, false},  // ICAO
    {"GBP", "British Protected Person", U, OK, false},  // ICAO
    {"GBR", "United Kingdom", OK, OK, true},
    {"GBS", "British Subject", U, OK, false},  // ICAO
    {"GEO", "Georgia", OK, OK, true},
    {"GGY", "Guernsey", OK, OK, true},
    {"GHA", "Ghana", OK, OK, true},
    {"GIB", "Gibraltar", OK, OK, true},
    {"GIN", "Guinea", OK, OK, true},
    {"GLP", "Guadeloupe", OK, OK, true},
    {"GMB", "Gambia", OK, OK, true},
    {"GNB", "Guinea-Bissau", OK, OK, true},
    {"GNQ", "Equatorial Guinea", OK, OK, true},
    {"GRC", "Greece", OK, OK, true},
    {"GRD", "Grenada", OK, OK, true},
    {"GRL", "Greenland", OK, OK, true},
    {"GTM", "Guatemala", OK, OK, true},
    {"GUF", "French Guiana", OK, OK, true},
    {"GUM", "Guam", OK, OK, true},
    {"GUY", "Guyana", OK, OK, true},
    {"HKG", "Hong Kong", OK, OK, true},
    {"HMD", "Heard Island and McDonald Islands", OK, OK, true},
    {"HND", "Honduras", OK, OK, true},
    {"HRV", "Croatia", OK, OK, true},
    {"HTI", "Haiti", OK, OK, true},
    {"HUN", "Hungary", OK, OK, true},
    {"IAO", "ICAO (signs master lists only)", WR, WR, false},  // ICAO
    {"IDN", "Indonesia", OK, OK, true},
    {"IMN", "Isle of Man", OK, OK, true},
    {"IND", "India", OK, OK, true},
    {"IOT", "British Indian Ocean Territory", OK, OK, true},
    {"IRL", "Ireland", OK, OK, true},
    {"IRN", "Iran, Islamic Republic of", OK, OK, true},
    {"IRQ", "Iraq", OK, OK, true},
    {"ISL", "Iceland", OK, OK, true},
    {"ISR", "Israel", OK, OK, true},
    {"ITA", "Italy", OK, OK, true},
    {"JAM", "Jamaica", OK, OK, true},
    {"JEY", "Jersey", OK, OK, true},
    {"JOR", "Jordan", OK, OK, true},
    {"JPN", "Japan", OK, OK, true},
    {"KAZ", "Kazakhstan", OK, OK, true},
    {"KEN", "Kenya", OK, OK, true},
    {"KGZ", "Kyrgyzstan", OK, OK, true},
    {"KHM", "Cambodia", OK, OK, true},
    {"KIR", "Kiribati", OK, OK, true},
    {"KNA", "Saint Kitts and Nevis", OK, OK, true},
    {"KOR", "Korea, Republic of", OK, OK, true},
    {"KWT", "Kuwait", OK, OK, true},
    {"LAO", "Lao People's Democratic Republic", OK, OK, true},
    {"LBN", "Lebanon", OK, OK, true},
    {"LBR", "Liberia", OK, OK, true},
    {"LBY", "Libya", OK, OK, true},
    {"LCA", "Saint Lucia", OK, OK, true},
    {"LIE", "Liechtenstein", OK, OK, true},
    {"LKA", "Sri Lanka", OK, OK, true},
    {"LSO", "Lesotho", OK, OK, true},
    {"LTU", "Lithuania", OK, OK, true},
    {"LUX", "Luxembourg", OK, OK, true},
    {"LVA", "Latvia", OK, OK, true},
    {"MAC", "Macao", OK, OK, true},
    {"MAF", "Saint Martin (French part)", OK, OK, true},
    {"MAR", "Morocco", OK, OK, true},
    {"MCO", "Monaco", OK, OK, true},
    {"MDA", "Moldova, Republic of", OK, OK, true},
    {"MDG", "Madagascar", OK, OK, true},
    {"MDV", "Maldives", OK, OK, true},
    {"MEX", "Mexico", OK, OK, true},
    {"MHL", "Marshall Islands", OK, OK, true},
    {"MKD", "North Macedonia", OK, OK, true},
    {"MLI", "Mali", OK, OK, true},
    {"MLT", "Malta", OK, OK, true},
    {"MMR", "Myanmar", OK, OK, true},
    {"MNE", "Montenegro", OK, OK, true},
    {"MNG", "Mongolia", OK, OK, true},
    {"MNP", "Northern Mariana Islands", OK, OK, true},
    {"MOZ", "Mozambique", OK, OK, true},
    {"MRT", "Mauritania", OK, OK, true},
    {"MSR", "Montserrat", OK, OK, true},
    {"MTQ", "Martinique", OK, OK, true},
    {"MUS", "Mauritius", OK, OK, true},
    {"MWI", "Malawi", OK, OK, true},
    {"MYS", "Malaysia", OK, OK, true},
    {"MYT", "Mayotte", OK, OK, true},
    {"NAM", "Namibia", OK, OK, true},
    {"NCL", "New Caledonia", OK, OK, true},
    {"NER", "Niger", OK, OK, true},
    {"NFK", "Norfolk Island", OK, OK, true},
    {"NGA", "Nigeria", OK, OK, true},
    {"NIC", "Nicaragua", OK, OK, true},
    {"NIU", "Niue", OK, OK, true},
    {"NLD", "Netherlands", OK, OK, true},
    {"NOR", "Norway", OK, OK, true},
    {"NPL", "Nepal", OK, OK, true},
    {"NRU", "Nauru", OK, OK, true},
    {"NTZ", "Neutral Zone", DEP, DEP, false},  // ICAO
    {"NZL", "New Zealand", OK, OK, true},
    {"OMN", "Oman", OK, OK, true},
    {"PAK", "Pakistan", OK, OK, true},
    {"PAN", "Panama", OK, OK, true},
    {"PCN", "Pitcairn", OK, OK, true},
    {"PER", "Peru", OK, OK, true},
    {"PHL", "Philippines", OK, OK, true},
    {"PLW", "Palau", OK, OK, true},
    {"PNG", "Papua New Guinea", OK, OK, true},
    {"POL", "Poland", OK, OK, true},
    {"PRI", "Puerto Rico", OK, OK, true},
    {"PRK", "Korea, Democratic People's Republic of", OK, OK, true},
    {"PRT", "Portugal", OK, OK, true},
    {"PRY", "Paraguay", OK, OK, true},
    {"PSE", "Palestine, State of", OK, OK, true},
    {"PYF", "French Polynesia", OK, OK, true},
    {"QAT", "Qatar", OK, OK, true},
    {"REU", "R\xC3\xA9" "union", OK, OK, true},
    {"RKS", "Kosovo", OK, OK, false},  // ICAO
    {"ROU", "Romania", OK, OK, true},
    {"RUS", "Russian Federation", OK, OK, true},
    {"RWA", "Rwanda", OK, OK, true},
    {"SAU", "Saudi Arabia", OK, OK, true},
    {"SDN", "Sudan", OK, OK, true},
    {"SEN", "Senegal", OK, OK, true},
    {"SGP", "Singapore", OK, OK, true},
    {"SGS", "South Georgia and the South Sandwich Islands", OK, OK, true},
    {"SHN", "Saint Helena, Ascension and Tristan da Cunha", OK, OK, true},
    {"SJM", "Svalbard and Jan Mayen", OK, OK, true},
    {"SLB", "Solomon Islands", OK, OK, true},
    {"SLE", "Sierra Leone", OK, OK, true},
    {"SLV", "El Salvador", OK, OK, true},
    {"SMR", "San Marino", OK, OK, true},
    {"SOM", "Somalia", OK, OK, true},
    {"SPM", "Saint Pierre and Miquelon", OK, OK, true},
    {"SRB", "Serbia", OK, OK, true},
    {"SSD", "South Sudan", OK, OK, true},
    {"STP", "Sao Tome and Principe", OK, OK, true},
    {"SUR", "Suriname", OK, OK, true},
    {"SVK", "Slovakia", OK, OK, true},
    {"SVN", "Slovenia", OK, OK, true},
    {"SWE", "Sweden", OK, OK, true},
    {"SWZ", "Eswatini", OK, OK, true},
    {"SXM", "Sint Maarten (Dutch part)", OK, OK, true},
    {"SYC", "Seychelles", OK, OK, true},
    {"SYR", "Syrian Arab Republic", OK, OK, true},
    {"TCA", "Turks and Caicos Islands", OK, OK, true},
    {"TCD", "Chad", OK, OK, true},
    {"TGO", "Togo", OK, OK, true},
    {"THA", "Thailand", OK, OK, true},
    {"TJK", "Tajikistan", OK, OK, true},
    {"TKL", "Tokelau", OK, OK, true},
    {"TKM", "Turkmenistan", OK, OK, true},
    {"TLS", "Timor-Leste", OK, OK, true},
    {"TON", "Tonga", OK, OK, true},
    {"TTO", "Trinidad and Tobago", OK, OK, true},
    {"TUN", "Tunisia", OK, OK, true},
    {"TUR", "T\xC3\xBC" "rkiye", OK, OK, true},
    {"TUV", "Tuvalu", OK, OK, true},
    {"TWN", "Taiwan, Province of China", OK, OK, true},
    {"TZA", "Tanzania, United Republic of", OK, OK, true},
    {"UGA", "Uganda", OK, OK, true},
    {"UKR", "Ukraine", OK, OK, true},
    {"UMI", "United States Minor Outlying Islands", OK, OK, true},
    {"UNA", "UN specialised agency or official", OK, OK, false},  // ICAO
    {"UNK", "Resident of Kosovo, document issued by UNMIK", OK, OK, false},  // ICAO
    {"UNO", "United Nations Organization or official", OK, OK, false},  // ICAO
    {"URY", "Uruguay", OK, OK, true},
    {"USA", "United States", OK, OK, true},
    {"UTO", "Utopia (specimen)", SPEC, SPEC, false},  // ICAO
    {"UZB", "Uzbekistan", OK, OK, true},
    {"VAT", "Holy See (Vatican City State)", OK, OK, true},
    {"VCT", "Saint Vincent and the Grenadines", OK, OK, true},
    {"VEN", "Venezuela, Bolivarian Republic of", OK, OK, true},
    {"VGB", "Virgin Islands, British", OK, OK, true},
    {"VIR", "Virgin Islands, U.S.", OK, OK, true},
    {"VNM", "Viet Nam", OK, OK, true},
    {"VUT", "Vanuatu", OK, OK, true},
    {"WLF", "Wallis and Futuna", OK, OK, true},
    {"WSM", "Samoa", OK, OK, true},
    {"XBA", "African Development Bank", OK, U, false},  // ICAO
    {"XCC", "Caribbean Community (CARICOM)", OK, U, false},  // ICAO
    {"XCE", "Council of Europe", OK, U, false},  // ICAO
    {"XCO", "COMESA", OK, U, false},  // ICAO
    {"XDC", "SADC", OK, U, false},  // ICAO
    {"XEC", "ECOWAS", OK, U, false},  // ICAO
    {"XES", "Organisation of Eastern Caribbean States", OK, U, false},  // ICAO
    {"XIM", "African Export-Import Bank", OK, U, false},  // ICAO
    {"XMP", "Parliamentary Assembly of the Mediterranean", OK, U, false},  // ICAO
    {"XOM", "Sovereign Military Order of Malta", OK, U, false},  // ICAO
    {"XPO", "INTERPOL", OK, U, false},  // ICAO
    {"XXA", "Stateless person (1954 Convention)", WR, OK, false},  // ICAO
    {"XXB", "Refugee (1951 Convention / 1967 Protocol)", WR, OK, false},  // ICAO
    {"XXC", "Refugee (other)", WR, OK, false},  // ICAO
    {"XXX", "Unspecified nationality", WR, OK, false},  // ICAO
    {"YEM", "Yemen", OK, OK, true},
    {"YTO", "Utopia (specimen, older ICAO examples)", SPEC, SPEC, false},  // ICAO 9303 worked examples
    {"ZAF", "South Africa", OK, OK, true},
    {"ZMB", "Zambia", OK, OK, true},
    {"ZWE", "Zimbabwe", OK, OK, true},
};

constexpr std::size_t kCount = sizeof(kCodes) / sizeof(kCodes[0]);

// std::is_sorted is not constexpr before C++20, hence the hand-written loop.
constexpr bool strictly_sorted() {
  for (std::size_t i = 1; i < kCount; ++i) {
    if (!(kCodes[i - 1].code < kCodes[i].code)) return false;
  }
  return true;
}
static_assert(strictly_sorted(), "kCodes must be sorted by code with no duplicates");

constexpr std::size_t iso_count() {
  std::size_t n = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    if (kCodes[i].iso3166) ++n;
  }
  return n;
}
static_assert(iso_count() == 249, "ISO 3166-1 currently assigns 249 alpha-3 codes");

}  // namespace

namespace {
// Codes packed big-endian into integers keep the byte order, so the lookup compares
// integers instead of strings (it runs on every parse).
constexpr std::uint32_t pack(std::string_view code) {
  std::uint32_t k = 0;
  for (std::size_t i = 0; i < 3; ++i) k = (k << 8) | (i < code.size() ? static_cast<unsigned char>(code[i]) : 0U);
  return k;
}
struct PackedKeys {
  std::uint32_t key[kCount];
  constexpr PackedKeys() : key() {
    for (std::size_t i = 0; i < kCount; ++i) key[i] = pack(kCodes[i].code);
  }
};
constexpr PackedKeys kKeys{};
}  // namespace

const CountryCode* find_country_code(std::string_view code) noexcept {
  if (code.empty() || code.size() > 3) return nullptr;
  const std::uint32_t k = pack(code);
  const std::uint32_t* const first = std::begin(kKeys.key);
  const std::uint32_t* const last = std::end(kKeys.key);
  const std::uint32_t* it = std::lower_bound(first, last, k);
  return (it != last && *it == k) ? &kCodes[it - first] : nullptr;
}

CountryCodeTable all_country_codes() noexcept {
  return CountryCodeTable{std::begin(kCodes), std::end(kCodes)};
}

}  // namespace docverify::mrz
