#include "checks/viz_consistency.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "mrz/page_geometry.hpp"
#include "mrz/transliteration.hpp"

namespace docverify::checks {

namespace {

constexpr double kPitchMm = 2.54;
// The reader's MRZ quad reaches about half a pitch beyond the line centres (mrz_print).
constexpr double kQuadHalfHeightMm = 0.55 * kPitchMm;

// Characters OCR mixes up in printed digits and capitals (spec: authenticity §3): a value
// that matches only through them is found, with a note.
char confusion_class(char c) {
  switch (c) {
    case 'O': case 'Q': case 'D': return '0';
    case 'I': case 'L': return '1';
    case 'B': return '8';
    case 'S': return '5';
    case 'Z': return '2';
    case 'G': return '6';
    default: return c;
  }
}

// A word's letters and digits upper-cased; the punctuation OCR reads for a broken stroke
// ("4MMTT11)9") kept as '?', which matches any one character.
std::string ascii_upper_alnum(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) && c < 128) out.push_back(static_cast<char>(std::toupper(c)));
    else if (c == ')' || c == '(' || c == '|' || c == '!' || c == ']' || c == '[' || c == '}' || c == '{') out.push_back('?');
  }
  return out;
}

// Where `needle` is in `hay`, '?' in `hay` matching any character; npos when nowhere.
size_t find_with_wildcards(const std::string& hay, const std::string& needle) {
  if (needle.empty() || hay.size() < needle.size()) return std::string::npos;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && (hay[i + k] == needle[k] || hay[i + k] == '?')) ++k;
    if (k == needle.size()) return i;
  }
  return std::string::npos;
}

std::string canonical(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = confusion_class(c);
  return out;
}

// Transliterations fold their two-letter spellings back (OE, AE, UE, AA to one vowel), so
// a zone OCR read without its diacritics ("Sjostrom") still matches the MRZ (SJOESTROEM).
std::string folded(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    const bool vowel = s[i] == 'O' || s[i] == 'A' || s[i] == 'U';
    if (vowel && i + 1 < s.size() && (s[i + 1] == 'E' || (s[i] == 'A' && s[i + 1] == 'A'))) ++i;
  }
  return out;
}

int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// A word's MRZ spellings: every permitted transliteration, '<' (hyphen, apostrophe) split.
std::vector<std::string> name_spellings(const std::string& word) {
  std::vector<std::string> out;
  try {
    for (const std::string& v : mrz::transliteration_variants(word, 8)) {
      std::string part;
      for (char c : v + '<') {
        if (c == '<') {
          if (!part.empty()) out.push_back(part);
          part.clear();
        } else {
          part.push_back(c);
        }
      }
    }
  } catch (const std::exception&) {
    // Not UTF-8 (OCR noise): no spelling.
  }
  return out;
}

struct Date3 {
  int year, month, day;  // year may be two-digit (< 100)
};

int month_of(std::string_view m) {
  // English, French, German, Spanish, Italian, Dutch, Portuguese short forms.
  static const std::array<std::vector<std::string_view>, 12> names = {{
      {"JAN", "JANV", "GEN", "ENE", "JANUARY"},
      {"FEB", "FEV", "FEVR", "FEBR"},
      {"MAR", "MARS", "MRZ", "MAART", "MARCH"},
      {"APR", "AVR", "ABR", "AVRIL", "APRIL"},
      {"MAY", "MAI", "MAG", "MAYO", "MEI"},
      {"JUN", "JUIN", "GIU", "JUNE", "JUNI"},
      {"JUL", "JUIL", "LUG", "JULY", "JULI"},
      {"AUG", "AOU", "AOUT", "AGO", "AUGUST"},
      {"SEP", "SEPT", "SET"},
      {"OCT", "OKT", "OTT", "OUT"},
      {"NOV"},
      {"DEC", "DEZ", "DIC"},
  }};
  for (int i = 0; i < 12; ++i)
    for (std::string_view n : names[static_cast<size_t>(i)])
      if (m == n) return i + 1;
  return 0;
}

// Dates printed in a line of text, in any of the usual forms. Tokens are split at spaces,
// dots, dashes and slashes; a month may be a number or a name (bilingual "OCT/OCT").
std::vector<Date3> dates_in(const std::string& line) {
  std::vector<std::string> tokens;
  std::string t;
  for (size_t i = 0; i <= line.size(); ++i) {
    const char c = i < line.size() ? line[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      t.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    } else if (!t.empty()) {
      tokens.push_back(t);
      t.clear();
    }
  }
  auto number = [](const std::string& s, int& out) {
    if (s.empty() || s.size() > 4) return false;
    std::string d = canonical(s);
    for (char c : d)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = std::stoi(d);
    return true;
  };
  std::vector<Date3> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    int a = 0, b = 0, c = 0;
    // YYYY MM DD
    if (i + 2 < tokens.size() && tokens[i].size() == 4 && number(tokens[i], a) && number(tokens[i + 1], b) && number(tokens[i + 2], c) &&
        b >= 1 && b <= 12 && c >= 1 && c <= 31)
      out.push_back({a, b, c});
    // DD MM|MON[/MON] YY|YYYY
    if (tokens[i].size() <= 2 && number(tokens[i], a) && a >= 1 && a <= 31) {
      size_t j = i + 1;
      int m = 0;
      if (j < tokens.size() && tokens[j].size() <= 2 && number(tokens[j], m)) {
        ++j;
      } else if (j < tokens.size() && (m = month_of(tokens[j])) != 0) {
        ++j;
        while (j < tokens.size() && month_of(tokens[j]) == m) ++j;  // the other language's name
      }
      if (m >= 1 && m <= 12 && j < tokens.size() && (tokens[j].size() == 2 || tokens[j].size() == 4) && number(tokens[j], c))
        out.push_back({c, m, a});
    }
  }
  return out;
}

bool same_date(const Date3& printed, const mrz::MrzDate& d) {
  const bool year = printed.year < 100 ? printed.year == d.year % 100 : printed.year == d.year;
  return year && printed.month == d.month && printed.day == d.day;
}

// Issuers whose own script is not Latin print the names twice, in their script and in
// Latin; which line follows the label is the template's business, and Tesseract's Latin
// model reads Cyrillic or Greek confidently as Latin nonsense ("Timpyoc"). Their names are
// looked for, never judged different.
bool non_latin_issuer(std::string_view state) {
  static constexpr std::string_view kStates[] = {
      "RUS", "UKR", "BLR", "BGR", "SRB", "MKD", "MNE", "KAZ", "KGZ", "TJK", "MNG", "GRC", "CYP", "GEO", "ARM", "ISR", "ARE", "SAU",
      "EGY", "IRN", "IRQ", "JOR", "KWT", "LBN", "OMN", "QAT", "SYR", "YEM", "AFG", "PAK", "CHN", "TWN", "HKG", "MAC", "JPN",
      "KOR", "PRK", "THA", "LAO", "KHM", "MMR", "IND", "NPL", "BGD", "LKA", "ETH", "ERI"};
  for (std::string_view s : kStates)
    if (s == state) return true;
  return false;
}

cv::Rect to_frame(const cv::Rect& r, const cv::Mat& h) {
  if (h.empty() || r.empty()) return {};
  std::vector<cv::Point2f> corners = {cv::Point2f(float(r.x), float(r.y)), cv::Point2f(float(r.br().x), float(r.y)),
                                      cv::Point2f(float(r.br().x), float(r.br().y)), cv::Point2f(float(r.x), float(r.br().y))};
  std::vector<cv::Point2f> out;
  cv::perspectiveTransform(corners, out, h);
  return cv::boundingRect(out);
}

}  // namespace

VisualZone visual_zone(const cv::Mat& gray, const std::vector<cv::Point2f>& q, mrz::Format format, int n, double s) {
  VisualZone z;
  if (gray.empty() || gray.type() != CV_8UC1 || q.size() != 4 || n <= 0) return z;
  const mrz::PageGeometry g = mrz::page_geometry(format);
  const double left = g.first_char_mm, right = g.first_char_mm + n * kPitchMm;
  const double top = g.height_mm - g.line_centres_mm.front() - kQuadHalfHeightMm;
  const double bottom = g.height_mm - g.line_centres_mm.back() + kQuadHalfHeightMm;
  // The zone: the whole page width, from its top edge to just above the MRZ, with a
  // margin of 2 mm for a document placed a little off the standard's positions.
  const double margin = 2.0, zone_bottom = top - 1.0;
  if (zone_bottom <= 5) return z;
  const std::vector<cv::Point2f> mm = {{float((left + margin) * s), float((top + margin) * s)},
                                       {float((right + margin) * s), float((top + margin) * s)},
                                       {float((right + margin) * s), float((bottom + margin) * s)},
                                       {float((left + margin) * s), float((bottom + margin) * s)}};
  const cv::Mat h = cv::getPerspectiveTransform(q, mm);
  const cv::Size size(int((g.width_mm + 2 * margin) * s), int((zone_bottom + margin) * s));
  cv::Mat upright;
  cv::warpPerspective(gray, upright, h, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  z.to_frame = h.inv();
  // Personal data is printed dark; guilloche, tints and rainbow backgrounds are light.
  // Everything lighter than halfway from the ink to the paper becomes paper, so that the
  // OCR neither reads patterns as text nor spends its time on them.
  cv::Mat small;
  cv::resize(upright, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  std::vector<unsigned char> v(small.begin<unsigned char>(), small.end<unsigned char>());
  if (v.size() < 16) return {};
  std::sort(v.begin(), v.end());
  const double ink = v[v.size() / 200], paper = v[v.size() / 2];
  const double cut = (ink + paper) / 2;
  z.image = upright;
  z.image.setTo(255, upright > cut);
  return z;
}

int VizComparison::found() const noexcept {
  return static_cast<int>(std::count_if(fields.begin(), fields.end(), [](const VizField& f) {
    return f.match == VizMatch::found || f.match == VizMatch::found_with_confusions;
  }));
}

int VizComparison::compared() const noexcept {
  return static_cast<int>(std::count_if(fields.begin(), fields.end(), [](const VizField& f) { return f.match != VizMatch::not_compared; }));
}

VizComparison compare_viz(const std::vector<ocr::VizWord>& words, const VisualZone& zone, const mrz::MrzResult& mrz) {
  VizComparison c;
  c.tesseract = true;
  c.words = static_cast<int>(words.size());
  for (const ocr::VizWord& w : words) {
    int letters = 0;
    for (unsigned char ch : w.text) letters += std::isalpha(ch) || ch >= 0x80;
    c.unreadable_words += letters >= 3 && w.confidence < 0.5f;
  }
  const mrz::MrzFields& f = mrz.fields;

  // Lines of text as read, and where each word starts in its line.
  struct Line {
    std::string text, alnum;
    std::vector<std::pair<size_t, const ocr::VizWord*>> starts, alnum_starts;
  };
  std::vector<Line> lines;
  for (const ocr::VizWord& w : words) {
    if (lines.empty() || w.line != lines.back().starts.front().second->line) lines.emplace_back();
    Line& l = lines.back();
    if (!l.text.empty()) l.text.push_back(' ');
    l.starts.emplace_back(l.text.size(), &w);
    l.text += w.text;
    l.alnum_starts.emplace_back(l.alnum.size(), &w);
    l.alnum += ascii_upper_alnum(w.text);
  }
  auto word_at = [](const std::vector<std::pair<size_t, const ocr::VizWord*>>& starts, size_t pos) {
    const ocr::VizWord* w = starts.front().second;
    for (const auto& [p, word] : starts)
      if (p <= pos) w = word;
    return w;
  };

  // Document number: within one line, spaces ignored, OCR confusions allowed.
  if (!f.document_number.empty()) {
    VizField v{"document_number", VizMatch::absent, f.document_number, {}, {}};
    const std::string want = canonical(f.document_number);
    for (const Line& l : lines) {
      size_t pos = l.alnum.find(f.document_number);
      VizMatch m = VizMatch::found;
      if (pos == std::string::npos) {
        pos = find_with_wildcards(canonical(l.alnum), want);
        m = VizMatch::found_with_confusions;
      }
      size_t length = f.document_number.size();
      if (pos == std::string::npos) {
        // One character more, fewer or other ("9" read "OI") in a word the OCR itself
        // doubts is the OCR's; in a confident read it is a different number.
        const std::string hay = canonical(l.alnum);
        for (size_t len = want.size() - 1; len <= want.size() + 1 && pos == std::string::npos; ++len)
          for (size_t i = 0; len > 0 && i + len <= hay.size(); ++i)
            if (edit_distance(hay.substr(i, len), want) <= 1 && word_at(l.alnum_starts, i)->confidence < 0.6f) {
              pos = i;
              length = len;
              break;
            }
      }
      if (pos == std::string::npos) continue;
      v.match = m;
      v.viz_value = l.alnum.substr(pos, length);
      v.box = to_frame(word_at(l.alnum_starts, pos)->box, zone.to_frame);
      break;
    }
    c.fields.push_back(std::move(v));
  }

  // Names: an MRZ name part is a printed word's transliteration (one OCR slip allowed in
  // longer parts; a word OCR split in two is joined again). Found when one of the name's
  // parts is (a second given name is not always printed); parts of one or two letters
  // only when the name has nothing longer.
  std::vector<std::pair<std::string, const ocr::VizWord*>> spellings;
  for (size_t i = 0; i < words.size(); ++i) {
    for (std::string& sp : name_spellings(words[i].text)) spellings.emplace_back(std::move(sp), &words[i]);
    if (i + 1 < words.size() && words[i + 1].line == words[i].line)
      for (std::string& sp : name_spellings(words[i].text + words[i + 1].text)) spellings.emplace_back(std::move(sp), &words[i]);
  }
  auto compare_name = [&](std::string_view field, const std::string& mrz_name) {
    if (mrz_name.empty()) return;
    VizField v{field, VizMatch::absent, mrz_name, {}, {}};
    std::vector<std::string> parts;
    size_t longest = 0;
    for (size_t a = 0; a < mrz_name.size();) {
      const size_t b = std::min(mrz_name.find(' ', a), mrz_name.size());
      parts.push_back(mrz_name.substr(a, b - a));
      longest = std::max(longest, b - a);
      a = b + 1;
    }
    for (const std::string& part : parts) {
      if (part.size() < 3 && longest >= 3) continue;
      const std::string part_folded = folded(part);
      for (const auto& [spelling, w] : spellings) {
        const bool exact = spelling == part || folded(spelling) == part_folded;
        const bool near = part.size() >= 5 && spelling.size() + 1 >= part.size() && spelling.size() <= part.size() + 1 &&
                          edit_distance(folded(spelling), part_folded) <= 1;
        if (!exact && !near) continue;
        if (v.match == VizMatch::found && !exact) continue;
        v.match = exact ? VizMatch::found : VizMatch::found_with_confusions;
        v.viz_value = w->text;
        v.box = to_frame(w->box, zone.to_frame);
        if (exact) break;
      }
      if (v.match == VizMatch::found) break;
    }
    c.fields.push_back(std::move(v));
  };
  compare_name("surname", f.surname);
  compare_name("given_names", f.given_names);

  // A name the zone lacks means something only where the zone's own value is known: the
  // line after its label (9303-3 recommends labels, most issuers print them in English,
  // French or Spanish besides their own language). A value read confidently there that is
  // no spelling of the MRZ's is a mismatch; anything less stays unknown.
  static constexpr std::string_view kSurnameLabels[] = {"SURNAME", "NOM", "APELLIDOS", "NACHNAME", "FAMILIENNAME",
                                                       "COGNOME", "ACHTERNAAM", "SOBRENOME", "NAZWISKO"};
  static constexpr std::string_view kGivenLabels[] = {"GIVEN", "PRENOMS", "NOMBRE", "NOMBRES", "VORNAMEN",
                                                     "VORNAME", "NOMI", "NOME", "VOORNAMEN", "IMIONA"};
  auto is_label = [&](const std::string& word) {
    for (const std::string& sp : name_spellings(word)) {
      for (std::string_view l : kSurnameLabels)
        if (sp == l) return true;
      for (std::string_view l : kGivenLabels)
        if (sp == l) return true;
    }
    return false;
  };
  auto label_line = [&](const auto& labels) -> int {
    for (size_t i = 0; i < lines.size(); ++i)
      for (const auto& [pos, w] : lines[i].starts)
        for (const std::string& sp : name_spellings(w->text))
          for (std::string_view l : labels)
            if (sp == l) return static_cast<int>(i);
    return -1;
  };
  auto value_after = [&](VizField& v, int label, const std::string& mrz_name) {
    if (v.match != VizMatch::absent || label < 0 || non_latin_issuer(f.issuing_state)) return;
    for (size_t i = static_cast<size_t>(label) + 1; i < lines.size() && i <= static_cast<size_t>(label) + 2; ++i) {
      std::string value;
      bool confident = true;
      int letters = 0;
      for (const auto& [pos, w] : lines[i].starts) {
        for (unsigned char ch : w->text) letters += std::isalpha(ch) || ch >= 0x80;
        confident = confident && w->confidence >= 0.75f;
        if (!value.empty()) value.push_back(' ');
        value += w->text;
      }
      if (letters < 2) continue;  // a stray mark between label and value
      // A short or near read ("oe" for ZOE) is the OCR's slip, not another name: a
      // mismatch needs three letters and two edits from every part of the MRZ's name.
      bool far = letters >= 3;
      for (const auto& [pos, w] : lines[i].starts)
        for (const std::string& sp : name_spellings(w->text))
          for (size_t a = 0; a < mrz_name.size();) {
            const size_t b = std::min(mrz_name.find(' ', a), mrz_name.size());
            if (edit_distance(folded(sp), folded(mrz_name.substr(a, b - a))) < 2) far = false;
            a = b + 1;
          }
      if (!far) return;
      // No word of the zone is a spelling of the MRZ's name (else it was found): a
      // confident value here is another name; a label here means the value is missing.
      if (!confident || std::count_if(lines[i].starts.begin(), lines[i].starts.end(), [&](const auto& pw) { return is_label(pw.second->text); }))
        return;
      v.match = VizMatch::mismatch;
      v.viz_value = value;
      v.box = to_frame(lines[i].starts.front().second->box, zone.to_frame);
      return;
    }
  };
  for (VizField& v : c.fields) {
    if (v.field == "surname")
      value_after(v, label_line(kSurnameLabels), f.surname);
    if (v.field == "given_names")
      value_after(v, label_line(kGivenLabels), f.given_names);
  }

  // Dates in any of the usual printed forms, complete MRZ dates only.
  auto compare_date = [&](std::string_view field, const mrz::MrzDate& d) {
    if (!d.complete()) return;
    VizField v{field, VizMatch::absent, d.iso(), {}, {}};
    for (const Line& l : lines) {
      for (const Date3& date : dates_in(l.text)) {
        if (!same_date(date, d)) continue;
        v.match = VizMatch::found;
        char text[32];
        std::snprintf(text, sizeof text, "%02d.%02d.%d", date.day, date.month, date.year);
        v.viz_value = text;
        v.box = to_frame(l.starts.front().second->box, zone.to_frame);
        break;
      }
      if (v.match == VizMatch::found) break;
    }
    c.fields.push_back(std::move(v));
  };
  compare_date("birth_date", f.birth_date);
  compare_date("expiry_date", f.expiry_date);
  return c;
}

std::vector<CheckRecord> viz_checks(const VizComparison& c) {
  std::vector<CheckRecord> out;
  CheckRecord all;
  all.id = "text.viz.mrz_consistency";
  all.group = CheckGroup::text;
  all.critical = false;
  all.required = false;
  all.unit = "MRZ values found in the visual zone";
  if (!c.tesseract) {
    all.diagnose = Diagnose::not_available;
    all.message = "Tesseract's English model is not installed: the visual zone is not read";
    out.push_back(std::move(all));
    return out;
  }
  // A zone that gave fewer than two of the MRZ's values was not read well enough for an
  // absent value to mean anything.
  const int found = c.found(), compared = c.compared();
  const bool read = found >= 2;
  for (const VizField& v : c.fields) {
    CheckRecord r;
    static constexpr std::pair<std::string_view, std::string_view> kIds[] = {
        {"document_number", "text.viz.mrz.document_number"}, {"surname", "text.viz.mrz.surname"},
        {"given_names", "text.viz.mrz.given_names"},         {"birth_date", "text.viz.mrz.birth_date"},
        {"expiry_date", "text.viz.mrz.expiry_date"}};
    for (const auto& [field, id] : kIds)
      if (field == v.field) r.id = id;
    r.group = CheckGroup::text;
    r.critical = false;
    r.required = false;
    std::string text;
    if (v.match == VizMatch::found || v.match == VizMatch::found_with_confusions) {
      r.status = CheckStatus::ok;
      text = "the MRZ's " + std::string(v.field) + " " + v.mrz_value + " is printed in the visual zone (read \"" + v.viz_value + "\"" +
             (v.match == VizMatch::found_with_confusions ? ", through OCR confusions" : "") + ")";
    } else if (v.match == VizMatch::mismatch) {
      r.status = CheckStatus::warning;
      r.diagnose = Diagnose::source_mismatch;
      text = "the visual zone's " + std::string(v.field) + " reads \"" + v.viz_value + "\" where the MRZ has " + v.mrz_value +
             ": visual zone edited, or MRZ retyped?";
    } else if (!read) {
      r.diagnose = Diagnose::uncertain;
      text = "the visual zone could not be read well enough to look for the MRZ's " + std::string(v.field);
    } else {
      // OCR misses values on genuine pages (a stroke lost, a digit merged with the art):
      // a value not found is not evidence of a different one.
      r.diagnose = Diagnose::uncertain;
      text = "the MRZ's " + std::string(v.field) + " " + v.mrz_value + " was not found in the visual zone as read";
    }
    r.message = std::move(text);
    out.push_back(std::move(r));
  }
  all.measured = found;
  all.threshold = compared;
  if (compared == 0) {
    all.diagnose = Diagnose::uncertain;
    all.message = "no MRZ value to compare";
  } else if (!read) {
    all.diagnose = Diagnose::uncertain;
    all.message = "the visual zone could not be read well enough (" + std::to_string(c.words) + " words, " + std::to_string(found) +
                  " MRZ values found)";
  } else if (std::any_of(out.begin(), out.end(), [](const CheckRecord& r) { return r.status == CheckStatus::warning; })) {
    all.status = CheckStatus::warning;
    all.diagnose = Diagnose::source_mismatch;
    all.message = std::to_string(compared - found) + " MRZ value(s) missing from the visual zone";
  } else if (found < compared) {
    all.diagnose = Diagnose::uncertain;
    all.message = std::to_string(compared - found) + " MRZ value(s) not found in words that could not all be read";
  } else {
    all.status = CheckStatus::ok;
    all.message = "every MRZ value compared is printed in the visual zone";
  }
  out.insert(out.begin(), std::move(all));
  return out;
}

}  // namespace docverify::checks
