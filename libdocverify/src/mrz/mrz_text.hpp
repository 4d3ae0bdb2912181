#pragma once
// MRZ text as lines of fixed length, split from untrusted input. Fixed storage: parsing
// a well-formed MRZ allocates nothing for the lines.
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

#include "errors/input_error.hpp"
#include "mrz/format.hpp"

namespace docverify::mrz {

// Largest input accepted as MRZ text. An MRZ with generous whitespace is a few hundred
// bytes; anything larger is refused before it is scanned character by character.
constexpr std::size_t kMaxMrzInputBytes = 4096;

class MrzLines {
 public:
  int count() const noexcept { return count_; }
  int length() const noexcept { return length_; }
  std::string_view line(int i) const noexcept {
    return {chars_.data() + static_cast<std::size_t>(i) * length_, length_};
  }
  char at(int line, int column) const noexcept { return chars_[index(line, column)]; }
  void set(int line, int column, char c) noexcept { chars_[index(line, column)] = c; }
  std::string_view span(const Span& s) const noexcept {
    return {chars_.data() + index(s.line, s.start), s.length};
  }
  std::size_t index(int line, int column) const noexcept {
    return static_cast<std::size_t>(line) * length_ + static_cast<std::size_t>(column);
  }
  // Appends a line; the caller has checked the length against the format.
  void append_line(std::string_view text) noexcept;

 private:
  std::array<char, kMaxChars> chars_{};
  std::size_t length_ = 0;
  int count_ = 0;
};

// Unusable input: names the 1-based line and column where it goes wrong (0 when the
// problem is not at one place, e.g. the number of lines).
class MrzInputError : public InputError {
 public:
  MrzInputError(int line, int column, const std::string& message)
      : InputError(message), line_(line), column_(column) {}
  int line() const noexcept { return line_; }
  int column() const noexcept { return column_; }

 private:
  int line_;
  int column_;
};

// Splits text into MRZ lines: trims spaces and tabs around each line, accepts LF, CRLF or
// CR, blank lines before and after, and a whole MRZ written as one unbroken line.
// Detects the format from the shape (and, for 2 x 36 / 2 x 44, the document code).
// Throws MrzInputError when the text is not shaped like any MRZ.
struct SplitMrz {
  MrzLines lines;
  Format format;
};
SplitMrz split_mrz_text(std::string_view text);

// Format from shape and first characters: 3x30 TD1; 2x44 TD3 or MRV-A ('V');
// 2x36 TD2, MRV-B ('V') or the old French ID ("IDFRA").
Format detect_format(int line_count, int line_length, std::string_view first_line) noexcept;

}  // namespace docverify::mrz
