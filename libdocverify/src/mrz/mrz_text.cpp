#include "mrz/mrz_text.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace docverify::mrz {

void MrzLines::append_line(std::string_view text) noexcept {
  if (count_ == 0) length_ = text.size();
  const std::size_t offset = static_cast<std::size_t>(count_) * length_;
  if (offset < chars_.size()) std::memcpy(chars_.data() + offset, text.data(), std::min(text.size(), chars_.size() - offset));
  ++count_;
}

Format detect_format(int line_count, int line_length, std::string_view first_line) noexcept {
  if (line_count == 3) return Format::td1;
  const bool visa = !first_line.empty() && first_line[0] == 'V';
  if (line_length == 44) return visa ? Format::mrva : Format::td3;
  if (first_line.substr(0, 5) == "IDFRA") return Format::fra_id;
  return visa ? Format::mrvb : Format::td2;
}

namespace {

struct RawLine {
  std::string_view text;
  int number;  // 1-based line number in the input
};

std::string describe_byte(unsigned char b) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", b);
  return buf;
}

std::string at_text(int line, int column) {
  return "line " + std::to_string(line) + " column " + std::to_string(column);
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string shape_expectation() {
  return "an MRZ is 2 lines of 44 characters (TD3, MRV-A), 2 lines of 36 (TD2, MRV-B, French ID) "
         "or 3 lines of 30 (TD1)";
}

}  // namespace

SplitMrz split_mrz_text(std::string_view text) {
  if (text.size() > kMaxMrzInputBytes) {
    throw MrzInputError(0, 0, "input of " + std::to_string(text.size()) + " bytes is too long for an MRZ (at most " +
                                  std::to_string(kMaxMrzInputBytes) + " bytes)");
  }
  // Split into lines, refusing control and non-ASCII bytes where they stand. At most a few
  // non-blank lines can form an MRZ, so lines live in a small fixed array.
  constexpr std::size_t kMaxRawLines = 8;
  std::array<RawLine, kMaxRawLines> raw{};
  std::size_t raw_count = 0;
  std::size_t non_blank = 0;
  int line_no = 1;
  const char* const bytes = text.data();
  const std::size_t size = text.size();
  auto end_line = [&](std::size_t start, std::size_t end) {
    const std::string_view t = trim(text.substr(start, end - start));
    if (!t.empty() && ++non_blank > 3) {
      throw MrzInputError(line_no, 0, "more than 3 non-blank lines; " + shape_expectation());
    }
    // Blank lines after the first text are kept so a blank line inside can be reported.
    if (!t.empty() && raw_count == kMaxRawLines) {
      throw MrzInputError(raw[1].number, 1, "blank lines inside the MRZ; " + shape_expectation());
    }
    if (!t.empty() || (raw_count > 0 && raw_count < kMaxRawLines)) raw[raw_count++] = RawLine{t, line_no};
    ++line_no;
  };
  // Fast path: printable ASCII and LF only (one vectorisable pass, then memchr per line).
  unsigned unusual = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    unusual |= static_cast<unsigned>(static_cast<unsigned char>(b - 0x20) >= 0x5F && b != '\n');
  }
  if (unusual == 0) {
    std::size_t start = 0;
    for (;;) {
      const void* nl = size > start ? std::memchr(bytes + start, '\n', size - start) : nullptr;
      const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - bytes) : size;
      end_line(start, end);
      if (!nl) break;
      start = end + 1;
    }
  } else {
    // Tabs, CR and bytes to refuse: byte by byte, naming the first bad one.
    std::size_t start = 0;
    std::size_t pos = 0;
    for (;;) {
      while (pos < size && static_cast<unsigned char>(bytes[pos] - 0x20) < 0x5F) ++pos;
      if (pos < size && bytes[pos] == '\t') {
        ++pos;
        continue;
      }
      if (pos < size && bytes[pos] != '\n' && bytes[pos] != '\r') {
        const int column = static_cast<int>(pos - start) + 1;
        throw MrzInputError(line_no, column,
                            at_text(line_no, column) + ": " + describe_byte(static_cast<unsigned char>(bytes[pos])) +
                                " is not an MRZ character (A-Z, 0-9, '<')");
      }
      end_line(start, pos);
      if (pos >= size) break;
      if (bytes[pos] == '\r' && pos + 1 < size && bytes[pos + 1] == '\n') ++pos;
      start = ++pos;
    }
  }
  // Drop blank lines at the end; a blank line inside is an error.
  while (raw_count > 0 && raw[raw_count - 1].text.empty()) --raw_count;
  if (raw_count == 0) throw MrzInputError(0, 0, "no MRZ text: the input is empty");
  for (std::size_t i = 0; i < raw_count; ++i) {
    if (raw[i].text.empty()) {
      throw MrzInputError(raw[i].number, 1, "line " + std::to_string(raw[i].number) +
                                                " is blank inside the MRZ; " + shape_expectation());
    }
  }
  const RawLine* lines = raw.data();
  const std::size_t line_count = raw_count;

  // A whole MRZ on one line (as some scanners and databases deliver it).
  if (line_count == 1) {
    const auto n = lines[0].text.size();
    int count = 0;
    std::size_t len = 0;
    if (n == 88) count = 2, len = 44;
    else if (n == 72) count = 2, len = 36;
    else if (n == 90) count = 3, len = 30;
    if (count == 0) {
      throw MrzInputError(lines[0].number, 0, "line " + std::to_string(lines[0].number) + ": one line of " + std::to_string(n) + " characters; " +
                                                  shape_expectation() + " (or those lines joined: 88, 72, 90)");
    }
    SplitMrz out{};
    for (int k = 0; k < count; ++k) out.lines.append_line(lines[0].text.substr(static_cast<std::size_t>(k) * len, len));
    out.format = detect_format(count, static_cast<int>(len), out.lines.line(0));
    return out;
  }

  const std::size_t count = line_count;
  const std::size_t expected = count == 3 ? 30 : lines[0].text.size();
  if (count == 2 && expected != 44 && expected != 36) {
    throw MrzInputError(lines[0].number, static_cast<int>(expected) + 1,
                        "line " + std::to_string(lines[0].number) + " has " + std::to_string(expected) +
                            " characters; " + shape_expectation());
  }
  const Format format = detect_format(static_cast<int>(count), static_cast<int>(expected), lines[0].text);
  for (std::size_t k = 0; k < count; ++k) {
    const RawLine& l = lines[k];
    if (l.text.size() != expected) {
      const int column = static_cast<int>(std::min(l.text.size(), expected)) + 1;
      throw MrzInputError(l.number, column,
                          "line " + std::to_string(l.number) + " has " + std::to_string(l.text.size()) +
                              " characters; " + std::string(format_name(format)) + " needs " +
                              std::to_string(expected));
    }
  }
  SplitMrz out{};
  for (std::size_t k = 0; k < count; ++k) out.lines.append_line(lines[k].text);
  out.format = format;
  return out;
}

}  // namespace docverify::mrz
