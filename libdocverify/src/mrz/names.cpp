#include "mrz/names.hpp"

#include "mrz/alphabet.hpp"

namespace docverify::mrz {
namespace {

void note_characters(std::string_view field, std::size_t offset, ParsedName& out) {
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    std::uint16_t issue = 0;
    if (is_mrz_digit(c)) issue = kNameDigit;
    else if (!is_mrz_letter(c) && c != kFiller) issue = kNameBadCharacter;
    if (issue != 0) {
      out.issues |= issue;
      if (out.first_bad_column < 0) out.first_bad_column = static_cast<int>(offset + i);
    }
  }
}

// Splits on single '<' and joins with spaces; reports empty components.
std::string join_components(std::string_view run, bool& had_empty) {
  std::string out;
  std::size_t start = 0;
  had_empty = false;
  for (std::size_t i = 0; i <= run.size(); ++i) {
    if (i == run.size() || run[i] == kFiller) {
      if (i == start) had_empty = true;
      else {
        if (!out.empty()) out += ' ';
        out.append(run.substr(start, i - start));
      }
      start = i + 1;
    }
  }
  return out;
}

std::string_view strip_trailing_fillers(std::string_view s) {
  while (!s.empty() && s.back() == kFiller) s.remove_suffix(1);
  return s;
}

}  // namespace

ParsedName parse_icao_name(std::string_view field) {
  ParsedName out;
  const std::string_view content = strip_trailing_fillers(field);
  if (!field.empty() && field.back() != kFiller) out.issues |= kNamePossiblyTruncated;
  if (content.empty()) {
    out.issues |= kNameEmpty;
    return out;
  }
  if (content.front() == kFiller) out.issues |= kNameLeadingFiller;
  // One pass: words separated by '<' go to the primary identifier until the first "<<",
  // then to the secondary; a further "<<" means letters after the fillers began.
  std::string* target = &out.primary;
  int separators = 0;  // consecutive '<' seen
  bool in_secondary = false;
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == kFiller) {
      ++separators;
      continue;
    }
    if (separators > 0 && !target->empty()) {
      if (separators >= 2 && !in_secondary) {
        in_secondary = true;
        target = &out.secondary;
        if (separators > 2) out.issues |= kNameTextAfterFillers;
      } else if (separators >= 2) {
        out.issues |= kNameTextAfterFillers;
        *target += ' ';
      } else {
        *target += ' ';
      }
    } else if (separators >= 2 && !in_secondary && target->empty()) {
      // "<<SECONDARY": no primary identifier.
      in_secondary = true;
      target = &out.secondary;
    }
    separators = 0;
    if (!is_mrz_letter(c)) {
      out.issues |= is_mrz_digit(c) ? kNameDigit : kNameBadCharacter;
      if (out.first_bad_column < 0) out.first_bad_column = static_cast<int>(i);
    }
    *target += c;
  }
  return out;
}

ParsedName parse_name_run(std::string_view field, bool double_filler_separates) {
  ParsedName out;
  note_characters(field, 0, out);
  if (!field.empty() && field.back() != kFiller) out.issues |= kNamePossiblyTruncated;
  const std::string_view content = strip_trailing_fillers(field);
  if (content.empty()) {
    out.issues |= kNameEmpty;
    return out;
  }
  if (content.front() == kFiller) out.issues |= kNameLeadingFiller;
  bool empty_part = false;
  out.primary = join_components(content, empty_part);
  if (empty_part && !double_filler_separates) out.issues |= kNameTextAfterFillers;
  if (double_filler_separates && content.find("<<<") != std::string_view::npos) out.issues |= kNameTextAfterFillers;
  return out;
}

std::string build_name_field(std::string_view primary, std::string_view secondary, std::size_t width) {
  std::string name(primary);
  if (!secondary.empty()) {
    name += "<<";
    name.append(secondary);
  }
  if (name.size() > width) {
    if (!secondary.empty() && primary.size() + 3 <= width) {
      name.resize(width);  // cut the secondary identifier, keeping at least its initial
    } else if (!secondary.empty()) {
      // Primary alone overflows: keep as much of it as fits with "<<" and the initial.
      std::string cut(primary.substr(0, width - 3));
      while (!cut.empty() && cut.back() == kFiller) cut.pop_back();  // never "<<<"
      name = cut + "<<" + secondary.front();
    } else {
      name.resize(width);
    }
  }
  // A cut that ends on a separator leaves no dangling '<' (the field then ends in fillers,
  // so readers cannot see the truncation; the builder still reports it).
  if (name.size() == width) {
    while (!name.empty() && name.back() == kFiller) name.pop_back();
  }
  name.resize(width, kFiller);
  return name;
}

}  // namespace docverify::mrz
