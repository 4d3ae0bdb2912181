#include "synth/page_style.hpp"

#include <algorithm>
#include <cstdio>

namespace docverify::synth {
namespace {

struct CaptionSet {
  const char* language;
  const char* captions[7];  // surname, given names, nationality, birth, sex, number, expiry
};

const CaptionSet kCaptions[] = {
    {"en", {"Surname", "Given names", "Nationality", "Date of birth", "Sex", "Document no.", "Date of expiry"}},
    {"fr", {"Nom", "Prénoms", "Nationalité", "Date de naissance", "Sexe", "No du document", "Date d'expiration"}},
    {"de", {"Name", "Vornamen", "Staatsangehörigkeit", "Geburtsdatum", "Geschlecht", "Dokumentennummer", "Gültig bis"}},
    {"es", {"Apellidos", "Nombre", "Nacionalidad", "Fecha de nacimiento", "Sexo", "Nº del documento", "Fecha de caducidad"}},
    {"nl", {"Naam", "Voornamen", "Nationaliteit", "Geboortedatum", "Geslacht", "Documentnummer", "Geldig tot"}},
    {"pl", {"Nazwisko", "Imiona", "Obywatelstwo", "Data urodzenia", "Płeć", "Nr dokumentu", "Data ważności"}},
    {"sv", {"Efternamn", "Förnamn", "Medborgarskap", "Födelsedatum", "Kön", "Dokumentnummer", "Giltig till"}},
    {"ru", {"Фамилия", "Имя", "Гражданство", "Дата рождения", "Пол", "Номер документа", "Действителен до"}},
    {"el", {"Επώνυμο", "Όνομα", "Υπηκοότητα", "Ημερομηνία γέννησης", "Φύλο", "Αριθμός εγγράφου", "Ημερομηνία λήξης"}},
};

const CaptionSet& caption_set(std::string_view language) {
  for (const CaptionSet& c : kCaptions)
    if (language == c.language) return c;
  return kCaptions[0];
}

cv::Scalar jittered(const cv::Scalar& c, double spread, Random& rng) {
  cv::Scalar out;
  for (int k = 0; k < 3; ++k) out[k] = std::clamp(c[k] + rng.uniform(-spread, spread), 0.0, 255.0);
  return out;
}

// How often `automatic` gives a barcode area: issuers print 2D codes (visible digital
// seals) on visas and on many cards and passports; the old French card never had one.
double barcode_rate(mrz::Format f) {
  switch (f) {
    case mrz::Format::td1:
    case mrz::Format::td3: return 0.5;
    case mrz::Format::mrva:
    case mrz::Format::mrvb: return 0.6;
    case mrz::Format::td2: return 0.35;
    case mrz::Format::fra_id: return 0.0;
  }
  return 0.5;
}

bool decide(FeatureChoice c, double rate, Random& rng) {
  const bool drawn = rng.chance(rate);  // drawn in every case, so forcing one feature keeps the rest of the look
  return c == FeatureChoice::on || (c == FeatureChoice::automatic && drawn);
}

}  // namespace

std::string_view feature_choice_name(FeatureChoice c) noexcept {
  switch (c) {
    case FeatureChoice::automatic: return "auto";
    case FeatureChoice::on: return "on";
    case FeatureChoice::off: return "off";
  }
  return "auto";
}

bool parse_feature_choice(std::string_view name, FeatureChoice& out) noexcept {
  for (FeatureChoice c : {FeatureChoice::automatic, FeatureChoice::on, FeatureChoice::off}) {
    if (feature_choice_name(c) == name) {
      out = c;
      return true;
    }
  }
  return false;
}

std::string_view text_font_name(TextFont f) noexcept {
  switch (f) {
    case TextFont::sans: return "DejaVu Sans";
    case TextFont::sans_bold: return "DejaVu Sans Bold";
    case TextFont::serif: return "DejaVu Serif";
    case TextFont::serif_bold: return "DejaVu Serif Bold";
    case TextFont::sans_condensed: return "DejaVu Sans Condensed";
    case TextFont::sans_condensed_bold: return "DejaVu Sans Condensed Bold";
    case TextFont::serif_condensed: return "DejaVu Serif Condensed";
  }
  return "DejaVu Sans";
}

std::string_view viz_date_style_name(VizDateStyle s) noexcept {
  switch (s) {
    case VizDateStyle::iso: return "YYYY-MM-DD";
    case VizDateStyle::dotted: return "DD.MM.YYYY";
    case VizDateStyle::slashed: return "DD/MM/YYYY";
  }
  return "YYYY-MM-DD";
}

std::string format_viz_date(std::string_view iso, VizDateStyle s) {
  if (s == VizDateStyle::iso || iso.size() != 10) return std::string(iso);
  const char sep = s == VizDateStyle::dotted ? '.' : '/';
  std::string out;
  out.append(iso.substr(8, 2)).push_back(sep);
  out.append(iso.substr(5, 2)).push_back(sep);
  out.append(iso.substr(0, 4));
  return out;
}

std::array<std::string, 7> captions_for(std::string_view languages, bool numbered) {
  const std::size_t slash = languages.find('/');
  const CaptionSet& first = caption_set(languages.substr(0, slash));
  const CaptionSet* second = slash == std::string_view::npos ? nullptr : &caption_set(languages.substr(slash + 1));
  std::array<std::string, 7> out;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (numbered) out[i] = std::to_string(i + 1) + ". ";
    out[i] += first.captions[i];
    if (second) out[i] += std::string(" / ") + second->captions[i];
  }
  return out;
}

PageStyle random_page_style(mrz::Format format, std::string_view issuer_language, const IssuerDesign& issuer,
                            FeatureChoice microtext, FeatureChoice barcode_area, Random& rng) {
  PageStyle s;
  s.issuer = issuer;
  s.portrait_right = rng.chance(0.3);
  s.portrait_scale = rng.uniform(0.9, 1.05);
  s.emblem_right = rng.chance(0.5);
  static constexpr TextFont kTitleFonts[] = {TextFont::sans_bold, TextFont::serif_bold, TextFont::sans_condensed_bold};
  static constexpr TextFont kCaptionFonts[] = {TextFont::sans, TextFont::serif, TextFont::sans_condensed,
                                               TextFont::serif_condensed};
  static constexpr TextFont kValueFonts[] = {TextFont::sans_bold, TextFont::serif_bold, TextFont::sans_condensed_bold,
                                             TextFont::sans, TextFont::serif};
  s.title_font = rng.pick(kTitleFonts);
  s.caption_font = rng.pick(kCaptionFonts);
  s.value_font = rng.pick(kValueFonts);
  // Captions: English with French (as ICAO's own examples), with the issuer's language
  // either side, or English alone.
  const std::string local(issuer_language.empty() ? "en" : issuer_language);
  const double languages = rng.uniform();
  if (local == "en" || languages < 0.2) s.caption_languages = languages < 0.1 ? "en" : "en/fr";
  else if (languages < 0.6) s.caption_languages = local + "/en";
  else if (languages < 0.85) s.caption_languages = "en/" + local;
  else s.caption_languages = "en/fr";
  if (local == "fr" && s.caption_languages == "en/fr" && rng.chance(0.5)) s.caption_languages = "fr/en";
  s.numbered_captions = rng.chance(0.25);
  s.caption_scale = rng.uniform(0.85, 1.1);
  s.value_scale = rng.uniform(0.85, 1.1);
  const double date = rng.uniform();
  s.date_style = date < 0.5 ? VizDateStyle::iso : date < 0.8 ? VizDateStyle::dotted : VizDateStyle::slashed;

  // Paper: the issuer's tone, or plain white-ish, sometimes with a gradient.
  const cv::Scalar neutral(rng.uniform(225, 245), rng.uniform(232, 250), rng.uniform(235, 252));
  s.paper = rng.chance(0.6) ? jittered(issuer.paper_tint, 5, rng) : neutral;
  s.paper_far = rng.chance(0.4) ? jittered(issuer.paper_tint, 12, rng) : s.paper;
  s.caption_ink = jittered(rng.chance(0.5) ? cv::Scalar(90, 70, 60) : issuer.primary * 0.8, 12, rng);
  s.rosette = rng.chance(0.8);
  s.waves = rng.chance(0.7);
  s.rings = rng.chance(0.3);
  s.crosshatch = rng.chance(0.3);
  if (!s.rosette && !s.waves && !s.rings && !s.crosshatch) s.waves = true;  // some background always
  s.pattern_ink = jittered(rng.chance(0.75) ? issuer.tint : cv::Scalar(rng.uniform(150, 230), rng.uniform(150, 230),
                                                                       rng.uniform(150, 230)),
                           10, rng);
  s.pattern_density = rng.uniform(0.5, 1.6);

  s.microtext = decide(microtext, 0.6, rng);
  s.microtext_at_top = rng.chance(0.6);
  s.microtext_cap_mm = rng.uniform(0.3, 0.5);
  s.barcode_area = decide(barcode_area, barcode_rate(format), rng);
  s.barcode_at_top = rng.chance(0.6);

  // MRZ print, within the tolerances of ISO 1831 / 9303-3 that docs/specimen.md lists.
  MrzPrint& m = s.mrz;
  m.sharp_cut = rng.chance(0.35);
  // Digits stand about 10 % above capitals (2.66 mm at 2.46): heights above nominal would
  // put them past ISO 1831 size 1, so the variation goes down from nominal.
  m.cap_height_mm = rng.uniform(2.30, 2.46);
  m.embolden_mm = rng.uniform(-0.02, 0.015);
  m.coverage_gamma = rng.uniform(0.75, 1.35);
  const double black = rng.uniform(10, 50);
  m.ink = cv::Scalar(black + rng.uniform(-6, 14), black + rng.uniform(-6, 8), black + rng.uniform(-6, 10));
  m.offset_x_mm = rng.uniform(-0.5, 0.5);
  for (double& o : m.line_offset_mm) o = std::clamp(rng.normal(0, 0.12), -0.3, 0.3);
  m.jitter_x_sd_mm = rng.uniform(0.0, 0.05);
  m.jitter_y_sd_mm = rng.uniform(0.0, 0.06);
  return s;
}

}  // namespace docverify::synth
