#include "synth/identity.hpp"

#include <cstdio>
#include <iterator>

namespace docverify::synth {
namespace {

struct Country {
  const char* code;
  const char* title;
  const char* const* surnames;
  int n_surnames;
  const char* const* given;
  int n_given;
};

// Invented-looking but ordinary name material per language; no real person is described.
constexpr const char* kNlSur[] = {"de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer"};
constexpr const char* kNlGiv[] = {"Sanne", "Daan", "Femke", "Joris", "Lotte", "Maarten", "Anouk", "Pieter Jan"};
constexpr const char* kDeSur[] = {"Müller", "Schröder", "Weiß", "Groß-Köhler", "Bäcker", "Fischer", "Schäfer", "Krüger"};
constexpr const char* kDeGiv[] = {"Jürgen", "Anneliese", "Björn", "Käthe", "Lukas", "Sophie", "Günther", "Marie-Luise"};
constexpr const char* kFrSur[] = {"Lefèvre", "Dubois", "Moreau", "Gérard", "Rousseau", "D'Aubigné", "Fontaine", "Château"};
constexpr const char* kFrGiv[] = {"Amélie", "Jérôme", "Hélène", "François", "Zoé", "Léon", "Cécile", "Jean-Baptiste"};
constexpr const char* kEsSur[] = {"García López", "Fernández", "Muñoz", "Martínez Ruiz", "Peña", "Ibáñez", "Castaño", "Núñez"};
constexpr const char* kEsGiv[] = {"José María", "Lucía", "Álvaro", "Begoña", "Íñigo", "Nuria", "Sofía", "Andrés"};
constexpr const char* kPlSur[] = {"Kowalski", "Wiśniewska", "Łukaszewicz", "Żółkiewski", "Dąbrowska", "Nowak", "Kaczmarek", "Wójcik"};
constexpr const char* kPlGiv[] = {"Łucja", "Michał", "Zofia", "Paweł", "Małgorzata", "Jędrzej", "Agnieszka", "Stanisław"};
constexpr const char* kSeSur[] = {"Åkesson", "Öberg", "Lindqvist", "Sjöström", "Ek", "Nordström", "Björk", "Håkansson"};
constexpr const char* kSeGiv[] = {"Åsa", "Örjan", "Linnéa", "Björn", "Maja", "Nils", "Ingrid", "Sven-Erik"};
constexpr const char* kRuSur[] = {"Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Козлова", "Новиков"};
constexpr const char* kRuGiv[] = {"Анна", "Дмитрий", "Екатерина", "Сергей", "Юлия", "Алексей", "Наталья", "Михаил"};
constexpr const char* kGrSur[] = {"Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Δημητρίου", "Ιωάννου"};
constexpr const char* kGrGiv[] = {"Ελένη", "Νίκος", "Μαρία", "Γιώργος", "Σοφία", "Κώστας"};
constexpr const char* kGbSur[] = {"O'Connor", "Smith-Jones", "Taylor", "MacDonald", "Brown", "Evans", "Wright", "Hughes"};
constexpr const char* kGbGiv[] = {"Oliver", "Amelia", "Harry Edward", "Isla", "Jack", "Emily Rose", "George", "Freya"};

#define DV_COUNTRY(code, title, sur, giv) \
  Country { code, title, sur, static_cast<int>(std::size(sur)), giv, static_cast<int>(std::size(giv)) }
const Country kCountries[] = {
    DV_COUNTRY("NLD", "KINGDOM OF THE NETHERLANDS", kNlSur, kNlGiv),
    DV_COUNTRY("D", "FEDERAL REPUBLIC OF GERMANY", kDeSur, kDeGiv),
    DV_COUNTRY("FRA", "FRENCH REPUBLIC", kFrSur, kFrGiv),
    DV_COUNTRY("ESP", "KINGDOM OF SPAIN", kEsSur, kEsGiv),
    DV_COUNTRY("POL", "REPUBLIC OF POLAND", kPlSur, kPlGiv),
    DV_COUNTRY("SWE", "KINGDOM OF SWEDEN", kSeSur, kSeGiv),
    DV_COUNTRY("RUS", "RUSSIAN FEDERATION", kRuSur, kRuGiv),
    DV_COUNTRY("GRC", "HELLENIC REPUBLIC", kGrSur, kGrGiv),
    DV_COUNTRY("GBR", "UNITED KINGDOM", kGbSur, kGbGiv),
};
#undef DV_COUNTRY

std::string iso(const Date& d) { return format_iso_date(d); }

Date random_date(Random& rng, int y0, int y1) {
  const int y = rng.integer(y0, y1), m = rng.integer(1, 12);
  return Date{y, m, rng.integer(1, days_in_month(y, m))};
}

}  // namespace

Identity random_identity(mrz::Format format, Random& rng, const Date& today) {
  // The old French card is French; other formats draw an issuer.
  const Country& c = format == mrz::Format::fra_id ? kCountries[2]
                                                   : kCountries[rng.integer(0, static_cast<int>(std::size(kCountries)) - 1)];
  Identity id;
  mrz::MrzFieldsInput& f = id.fields;
  f.format = format;
  id.issuer_name = c.title;
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
  f.surname = c.surnames[rng.integer(0, c.n_surnames - 1)];
  f.given_names = c.given[rng.integer(0, c.n_given - 1)];
  // The old French card has 14 places for given names: one name keeps it untruncated.
  if (format != mrz::Format::fra_id && rng.chance(0.3)) {
    const char* second = c.given[rng.integer(0, c.n_given - 1)];
    if (f.given_names != second) f.given_names += std::string(" ") + second;
  }
  f.sex = rng.chance(0.5) ? 'F' : 'M';
  const Date birth = random_date(rng, today.year - 85, today.year - 1);
  f.birth_date = iso(birth);
  // Issued up to ten years ago, valid ten years (five for minors).
  const int validity = whole_years_between(birth, today) < 18 ? 5 : 10;
  Date issue = civil_from_days(days_from_civil(today) - rng.integer(0, validity * 365 - 30));
  // The old French card was issued from 1988 until 2021.
  if (format == mrz::Format::fra_id) issue = random_date(rng, 1995, 2020);
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
  }
  return id;
}

}  // namespace docverify::synth
