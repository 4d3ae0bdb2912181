#include "synth/identity.hpp"

#include <algorithm>

#include <cstdio>
#include <iterator>

#include "mrz/transliteration.hpp"

namespace docverify::synth {
namespace {

// A surname with its feminine form where the language inflects surnames by sex (Slavic
// and Greek); elsewhere both forms are the same.
struct Surname {
  const char* male;
  const char* female;
};

struct Country {
  const char* code;
  const char* title;
  const char* language;  // ISO 639-1, for the page's captions
  const Surname* surnames;
  int n_surnames;
  const char* const* female_given;
  int n_female_given;
  const char* const* male_given;
  int n_male_given;
};

// Invented-looking but ordinary name material per language; no real person is described.
constexpr Surname kNlSur[] = {{"de Vries", "de Vries"}, {"van den Berg", "van den Berg"}, {"Jansen", "Jansen"},
                              {"Bakker", "Bakker"},     {"Visser", "Visser"},             {"Smit", "Smit"},
                              {"Meijer", "Meijer"},     {"de Boer", "de Boer"}};
constexpr const char* kNlFem[] = {"Sanne", "Femke", "Lotte", "Anouk", "Maartje", "Sophie Anne"};
constexpr const char* kNlMal[] = {"Daan", "Joris", "Maarten", "Pieter Jan", "Sem", "Thijs"};
constexpr Surname kDeSur[] = {{"Müller", "Müller"}, {"Schröder", "Schröder"},       {"Weiß", "Weiß"},
                              {"Groß-Köhler", "Groß-Köhler"}, {"Bäcker", "Bäcker"}, {"Fischer", "Fischer"},
                              {"Schäfer", "Schäfer"}, {"Krüger", "Krüger"}};
constexpr const char* kDeFem[] = {"Anneliese", "Käthe", "Sophie", "Marie-Luise", "Jördis", "Hannelore"};
constexpr const char* kDeMal[] = {"Jürgen", "Björn", "Lukas", "Günther", "Jörg", "Karl-Heinz"};
constexpr Surname kFrSur[] = {{"Lefèvre", "Lefèvre"},     {"Dubois", "Dubois"},     {"Moreau", "Moreau"},
                              {"Gérard", "Gérard"},       {"Rousseau", "Rousseau"}, {"D'Aubigné", "D'Aubigné"},
                              {"Fontaine", "Fontaine"},   {"Château", "Château"}};
constexpr const char* kFrFem[] = {"Amélie", "Hélène", "Zoé", "Cécile", "Marie-Noëlle", "Inès"};
constexpr const char* kFrMal[] = {"Jérôme", "François", "Léon", "Jean-Baptiste", "Noël", "Gaëtan"};
constexpr Surname kEsSur[] = {{"García López", "García López"}, {"Fernández", "Fernández"},
                              {"Muñoz", "Muñoz"},               {"Martínez Ruiz", "Martínez Ruiz"},
                              {"Peña", "Peña"},                 {"Ibáñez", "Ibáñez"},
                              {"Castaño", "Castaño"},           {"Núñez", "Núñez"}};
constexpr const char* kEsFem[] = {"Lucía", "Begoña", "Nuria", "Sofía", "María José", "Ainhoa"};
constexpr const char* kEsMal[] = {"José María", "Álvaro", "Íñigo", "Andrés", "Jesús", "Ramón"};
constexpr Surname kPlSur[] = {{"Kowalski", "Kowalska"},       {"Wiśniewski", "Wiśniewska"},
                              {"Łukaszewicz", "Łukaszewicz"}, {"Żółkiewski", "Żółkiewska"},
                              {"Dąbrowski", "Dąbrowska"},     {"Nowak", "Nowak"},
                              {"Kaczmarek", "Kaczmarek"},     {"Wójcik", "Wójcik"}};
constexpr const char* kPlFem[] = {"Łucja", "Zofia", "Małgorzata", "Agnieszka", "Grażyna", "Józefina"};
constexpr const char* kPlMal[] = {"Michał", "Paweł", "Jędrzej", "Stanisław", "Łukasz", "Wojciech"};
constexpr Surname kSeSur[] = {{"Åkesson", "Åkesson"},     {"Öberg", "Öberg"}, {"Lindqvist", "Lindqvist"},
                              {"Sjöström", "Sjöström"},   {"Ek", "Ek"},       {"Nordström", "Nordström"},
                              {"Björk", "Björk"},         {"Håkansson", "Håkansson"}};
constexpr const char* kSeFem[] = {"Åsa", "Linnéa", "Maja", "Ingrid", "Märta", "Karin"};
constexpr const char* kSeMal[] = {"Örjan", "Björn", "Nils", "Sven-Erik", "Gösta", "Olle"};
constexpr Surname kRuSur[] = {{"Иванов", "Иванова"},   {"Смирнов", "Смирнова"}, {"Кузнецов", "Кузнецова"},
                              {"Попов", "Попова"},     {"Соколов", "Соколова"}, {"Лебедев", "Лебедева"},
                              {"Козлов", "Козлова"},   {"Новиков", "Новикова"}};
constexpr const char* kRuFem[] = {"Анна", "Екатерина", "Юлия", "Наталья", "Ольга", "Татьяна"};
constexpr const char* kRuMal[] = {"Дмитрий", "Сергей", "Алексей", "Михаил", "Игорь", "Андрей"};
constexpr Surname kGrSur[] = {{"Παπαδόπουλος", "Παπαδοπούλου"}, {"Νικολάου", "Νικολάου"},
                              {"Γεωργίου", "Γεωργίου"},         {"Οικονόμου", "Οικονόμου"},
                              {"Δημητρίου", "Δημητρίου"},       {"Ιωάννου", "Ιωάννου"},
                              {"Παπαγεωργίου", "Παπαγεωργίου"}, {"Κωνσταντίνου", "Κωνσταντίνου"}};
constexpr const char* kGrFem[] = {"Ελένη", "Μαρία", "Σοφία", "Αικατερίνη", "Δέσποινα", "Αναστασία"};
constexpr const char* kGrMal[] = {"Νίκος", "Γιώργος", "Κώστας", "Δημήτρης", "Παναγιώτης", "Ιωάννης"};
constexpr Surname kGbSur[] = {{"O'Connor", "O'Connor"}, {"Smith-Jones", "Smith-Jones"}, {"Taylor", "Taylor"},
                              {"MacDonald", "MacDonald"}, {"Brown", "Brown"},           {"Evans", "Evans"},
                              {"Wright", "Wright"},     {"Hughes", "Hughes"}};
constexpr const char* kGbFem[] = {"Amelia", "Isla", "Emily Rose", "Freya", "Charlotte", "Poppy"};
constexpr const char* kGbMal[] = {"Oliver", "Harry Edward", "Jack", "George", "Alfie", "William"};

#define DV_COUNTRY(code, title, lang, sur, fem, mal)                                                            \
  Country {                                                                                              \
    code, title, lang, sur, static_cast<int>(std::size(sur)), fem, static_cast<int>(std::size(fem)), mal,     \
        static_cast<int>(std::size(mal))                                                                 \
  }
const Country kCountries[] = {
    DV_COUNTRY("NLD", "KINGDOM OF THE NETHERLANDS", "nl", kNlSur, kNlFem, kNlMal),
    DV_COUNTRY("D", "FEDERAL REPUBLIC OF GERMANY", "de", kDeSur, kDeFem, kDeMal),
    DV_COUNTRY("FRA", "FRENCH REPUBLIC", "fr", kFrSur, kFrFem, kFrMal),
    DV_COUNTRY("ESP", "KINGDOM OF SPAIN", "es", kEsSur, kEsFem, kEsMal),
    DV_COUNTRY("POL", "REPUBLIC OF POLAND", "pl", kPlSur, kPlFem, kPlMal),
    DV_COUNTRY("SWE", "KINGDOM OF SWEDEN", "sv", kSeSur, kSeFem, kSeMal),
    DV_COUNTRY("RUS", "RUSSIAN FEDERATION", "ru", kRuSur, kRuFem, kRuMal),
    DV_COUNTRY("GRC", "HELLENIC REPUBLIC", "el", kGrSur, kGrFem, kGrMal),
    DV_COUNTRY("GBR", "UNITED KINGDOM", "en", kGbSur, kGbFem, kGbMal),
};
#undef DV_COUNTRY

const char* given_name_for(const Country& c, bool female, Random& rng) {
  return female ? c.female_given[rng.integer(0, c.n_female_given - 1)] : c.male_given[rng.integer(0, c.n_male_given - 1)];
}

bool in_list(std::string_view name, const char* const* list, int n) {
  for (int i = 0; i < n; ++i)
    if (name == list[i]) return true;
  return false;
}

// 'F' or 'M' when `name` is in only that sex's table of some country, '?' otherwise.
char table_sex_of(std::string_view name) {
  bool female = false, male = false;
  for (const Country& c : kCountries) {
    female = female || in_list(name, c.female_given, c.n_female_given);
    male = male || in_list(name, c.male_given, c.n_male_given);
  }
  return female == male ? '?' : female ? 'F' : 'M';
}

std::string iso(const Date& d) { return format_iso_date(d); }

Date random_date(Random& rng, int y0, int y1) {
  const int y = rng.integer(y0, y1), m = rng.integer(1, 12);
  return Date{y, m, rng.integer(1, days_in_month(y, m))};
}

}  // namespace

std::vector<std::string> generator_issuing_states() {
  std::vector<std::string> out;
  for (const Country& c : kCountries) out.emplace_back(c.code);
  return out;
}

Identity random_identity(mrz::Format format, Random& rng, const Date& today) {
  // The old French card is French; other formats draw an issuer.
  const Country& c = format == mrz::Format::fra_id ? kCountries[2]
                                                   : kCountries[rng.integer(0, static_cast<int>(std::size(kCountries)) - 1)];
  Identity id;
  mrz::MrzFieldsInput& f = id.fields;
  f.format = format;
  id.issuer_name = c.title;
  id.issuer_language = c.language;
  f.issuing_state = c.code;
  f.nationality = c.code;
  switch (format) {
    case mrz::Format::td3: f.document_code = "P"; break;
    case mrz::Format::mrva:
    case mrz::Format::mrvb: f.document_code = "V"; break;
    case mrz::Format::fra_id:
      f.document_code = "ID";
      f.issuing_state = "FRA";
      break;
    default: f.document_code = "ID"; break;
  }
  // Sex first: the names follow it. ICAO 9303 allows X (unspecified), printed '<' in the MRZ.
  const double sex_draw = rng.uniform();
  f.sex = sex_draw < 0.48 ? 'F' : sex_draw < 0.96 ? 'M' : 'X';
  if (format == mrz::Format::fra_id && f.sex == 'X') f.sex = rng.chance(0.5) ? 'F' : 'M';  // the 1988 card knew M and F
  // An unspecified sex takes either form of an inflected surname.
  const bool female_surname = f.sex == 'F' || (f.sex == 'X' && rng.chance(0.5));
  const Surname& surname = c.surnames[rng.integer(0, c.n_surnames - 1)];
  f.surname = female_surname ? surname.female : surname.male;
  // Given names are female for F, male for M and either (but one of them) for X.
  const bool female_given = f.sex == 'F' || (f.sex == 'X' && rng.chance(0.5));
  f.given_names = given_name_for(c, female_given, rng);
  // The old French card has 14 places for given names, each separator taking two ("<<"): a
  // name that fills them all reads as truncated, so draw again (the tables have short ones).
  if (format == mrz::Format::fra_id) {
    const auto card_width = [](const std::string& given) {
      std::size_t width = 0;
      for (char ch : mrz::transliterate_name(given)) width += ch == '<' ? 2 : 1;
      return width;
    };
    while (card_width(f.given_names) >= 14) f.given_names = given_name_for(c, female_given, rng);
  }
  // One given name on the old French card keeps it untruncated.
  if (format != mrz::Format::fra_id && rng.chance(0.3)) {
    const char* second = given_name_for(c, female_given, rng);
    if (f.given_names != second) f.given_names += std::string(" ") + second;
  }
  const Date birth = random_date(rng, today.year - 85, today.year - 1);
  f.birth_date = iso(birth);
  // Issued up to ten years ago, valid ten years (five for minors).
  const int validity = whole_years_between(birth, today) < 18 ? 5 : 10;
  Date issue = civil_from_days(days_from_civil(today) - rng.integer(0, validity * 365 - 30));
  // The old French card was issued from 1988 until 2021 and is valid 10 years (15 for
  // adults' cards of 2004-2013): a genuine one in date was issued in the last nine years.
  if (format == mrz::Format::fra_id) issue = random_date(rng, std::max(1995, today.year - 9), std::clamp(today.year, 1995, 2020));
  f.expiry_date = format == mrz::Format::fra_id ? "" : iso(add_years(issue, validity));
  static constexpr std::string_view kAlnum = "CFGHJKLMNPRTVWXYZ0123456789";
  if (format == mrz::Format::fra_id) {
    char buf[16];
    const int dept = rng.integer(1, 95);
    std::snprintf(buf, sizeof buf, "%02d%02d%03d%05d", issue.year % 100, issue.month, dept * 10, rng.integer(0, 99999));
    f.document_number = buf;
    std::snprintf(buf, sizeof buf, "%03d%03d", dept * 10, rng.integer(1, 999));
    f.optional_data = buf;
    f.issuing_state = "FRA";
    f.nationality = "FRA";
  } else {
    for (int i = 0; i < 9; ++i) f.document_number += rng.pick_char(kAlnum);
    // German passports number from a serial letter in C, F, G, H, J or K (the engine checks it).
    if (f.issuing_state == "D" && format == mrz::Format::td3) f.document_number[0] = rng.pick_char("CFGHJK");
  }
  return id;
}

char sex_of_given_names(std::string_view given_names) {
  if (const char whole = table_sex_of(given_names); whole != '?') return whole;
  // Two names joined by a space; table names may hold a space themselves ("Pieter Jan").
  char result = '?';
  for (std::size_t at = given_names.find(' '); at != std::string_view::npos; at = given_names.find(' ', at + 1)) {
    const char first = table_sex_of(given_names.substr(0, at));
    if (first != '?' && first == table_sex_of(given_names.substr(at + 1))) result = first;
  }
  return result;
}

char sex_of_surname(std::string_view surname) {
  bool female = false, male = false;
  for (const Country& c : kCountries) {
    for (int i = 0; i < c.n_surnames; ++i) {
      female = female || surname == c.surnames[i].female;
      male = male || surname == c.surnames[i].male;
    }
  }
  return female && male ? 'X' : female ? 'F' : male ? 'M' : '?';
}

}  // namespace docverify::synth
