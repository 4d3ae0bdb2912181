#include "seal/c40.hpp"

#include <string>

#include "errors/input_error.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

constexpr int kShift = 0;
constexpr int kSpace = 3;

int c40_code(char ch) {
  if (ch == '<' || ch == ' ') return kSpace;
  if (ch >= '0' && ch <= '9') return 4 + (ch - '0');
  if (ch >= 'A' && ch <= 'Z') return 14 + (ch - 'A');
  return -1;
}

char c40_char(int code) {
  if (code == kSpace) return '<';
  if (code >= 4 && code <= 13) return static_cast<char>('0' + code - 4);
  if (code >= 14 && code <= 39) return static_cast<char>('A' + code - 14);
  return 0;
}

void push_value(std::vector<std::uint8_t>& out, int c1, int c2, int c3) {
  const int v = 1600 * c1 + 40 * c2 + c3 + 1;
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
}

std::string where(std::size_t offset) { return " at byte " + std::to_string(offset); }

}  // namespace

std::vector<std::uint8_t> encode_c40(std::string_view text) {
  std::vector<int> codes;
  codes.reserve(text.size());
  for (char ch : text) {
    const int code = c40_code(ch);
    if (code < 0) throw InputError("C40 cannot encode the character " + quote_input(std::string(1, ch)));
    codes.push_back(code);
  }
  std::vector<std::uint8_t> out;
  out.reserve(c40_size(codes.size()));
  std::size_t i = 0;
  for (; i + 3 <= codes.size(); i += 3) push_value(out, codes[i], codes[i + 1], codes[i + 2]);
  const std::size_t left = codes.size() - i;
  if (left == 2) {
    push_value(out, codes[i], codes[i + 1], kShift);
  } else if (left == 1) {
    const char ch = text[i] == '<' ? ' ' : text[i];
    out.push_back(0xFE);
    out.push_back(static_cast<std::uint8_t>(ch + 1));
  }
  return out;
}

std::string decode_c40(const std::uint8_t* data, std::size_t size) {
  if (size % 2 != 0) throw MalformedSeal("C40 data has an odd byte count (" + std::to_string(size) + ")");
  std::string out;
  out.reserve(size / 2 * 3);
  for (std::size_t i = 0; i < size; i += 2) {
    const bool last = i + 2 == size;
    if (data[i] == 0xFE) {
      if (!last) throw MalformedSeal("C40 single-character pair FE is not the last pair" + where(i));
      const int ascii = data[i + 1] - 1;
      const char ch = ascii == ' ' ? '<' : static_cast<char>(ascii);
      if (c40_code(ch) < 0) throw MalformedSeal("C40 single character outside the set" + where(i));
      out += ch;
      continue;
    }
    const int v = 256 * data[i] + data[i + 1] - 1;
    if (v < 0 || v > 63999) throw MalformedSeal("C40 value out of range" + where(i));
    const int codes[3] = {v / 1600, (v / 40) % 40, v % 40};
    for (int k = 0; k < 3; ++k) {
      const int code = codes[k];
      if (code == kShift) {
        // Shift is only padding of the last pair's tail: everything after it must be padding too.
        bool tail_padding = last && k > 0;
        for (int j = k; j < 3; ++j) tail_padding = tail_padding && codes[j] == kShift;
        if (!tail_padding) throw MalformedSeal("C40 shift code inside the data" + where(i));
        break;
      }
      const char ch = c40_char(code);
      if (ch == 0) throw MalformedSeal("C40 code " + std::to_string(code) + " is not allowed" + where(i));
      out += ch;
    }
  }
  return out;
}

}  // namespace docverify::seal
