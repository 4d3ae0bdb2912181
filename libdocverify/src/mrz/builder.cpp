#include "mrz/builder.hpp"

#include "errors/input_error.hpp"

#include <stdexcept>

#include "mrz/alphabet.hpp"
#include "mrz/check_digit.hpp"
#include "mrz/mrz_date.hpp"
#include "mrz/names.hpp"
#include "mrz/transliteration.hpp"

namespace docverify::mrz {
namespace {

[[noreturn]] void fail(const std::string& field, const std::string& why) {
  throw InputError(field + ": " + why);
}

// Upper-cases ASCII, turns spaces into fillers and refuses anything outside the alphabet.
std::string mrz_token(std::string_view field, std::string_view value, bool allow_spaces) {
  std::string out;
  for (char c : value) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == ' ' && allow_spaces) c = kFiller;
    if (!is_mrz_char(c)) fail(std::string(field), std::string("character '") + c + "' cannot be written in an MRZ");
    out += c;
  }
  return out;
}

std::string padded(std::string_view field, std::string s, std::size_t width) {
  if (s.size() > width) fail(std::string(field), quote_input(s) + " is longer than " + std::to_string(width) + " characters");
  s.resize(width, kFiller);
  return s;
}

std::string date_field(std::string_view field, const std::string& iso, bool allow_empty) {
  if (iso.empty() && allow_empty) return "<<<<<<";
  char out[6];
  if (!iso_to_yymmdd(iso, out)) fail(std::string(field), quote_input(iso) + " is not YYYY-MM-DD (or YYYY-MM / YYYY)");
  return std::string(out, 6);
}

char digit_of(std::string_view text) { return compute_check_digit(text); }

char sex_char(char s) {
  if (s == 'M' || s == 'F') return s;
  if (s == 'X' || s == '<' || s == '\0') return kFiller;
  fail("sex", std::string("'") + s + "' is not M, F or X");
}

struct Names {
  std::string field;
  bool truncated;
};

Names name_field(const MrzFieldsInput& in, std::size_t width) {
  const std::string primary = transliterate_name(in.surname);
  const std::string secondary = transliterate_name(in.given_names);
  if (primary.empty() && secondary.empty()) fail("surname", "a name is required");
  const std::string full = secondary.empty() ? primary : primary + "<<" + secondary;
  return Names{build_name_field(primary, secondary, width), full.size() > width};
}

}  // namespace

BuiltMrz build_mrz(const MrzFieldsInput& in) {
  BuiltMrz out;
  const std::string code = padded("document_code", mrz_token("document_code", in.document_code, false), 2);
  const std::string issuer = padded("issuing_state", mrz_token("issuing_state", in.issuing_state, false), 3);
  const std::string nationality = padded("nationality", mrz_token("nationality", in.nationality, false), 3);
  std::string number = mrz_token("document_number", in.document_number, false);
  const std::string optional = mrz_token("optional_data", in.optional_data, true);
  const std::string optional2 = mrz_token("optional_data_2", in.optional_data_2, true);
  const std::string birth = date_field("birth_date", in.birth_date, false);
  const char sex = sex_char(in.sex);
  if (number.empty()) fail("document_number", "a document number is required");
  // The parser tells formats apart by shape and first letter, so the code must fit.
  const std::string_view first_letters = document_code_first_letters(in.format);
  if (code[0] == kFiller || first_letters.find(code[0]) == std::string_view::npos)
    fail("document_code", "a " + std::string(format_name(in.format)) + " document code starts with one of " +
                              std::string(first_letters));
  if (in.format == Format::fra_id && code != "ID") fail("document_code", "the old French ID card's code is ID");

  switch (in.format) {
    case Format::td3:
    case Format::mrva: {
      const bool visa = in.format == Format::mrva;
      const std::string expiry = date_field("expiry_date", in.expiry_date, true);
      const Names names = name_field(in, 39);
      out.name_truncated = names.truncated;
      const std::string num = padded("document_number", number, 9);
      std::string l2 = num + digit_of(num) + nationality + birth + digit_of(birth) + sex + expiry +
                       (in.expiry_date.empty() ? kFiller : digit_of(expiry));
      if (visa) {
        l2 += padded("optional_data", optional, 16);
      } else {
        const std::string opt = padded("optional_data", optional, 14);
        l2 += opt;
        l2 += optional.empty() ? kFiller : digit_of(opt);
        l2 += digit_of(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22));
      }
      out.lines = {code + issuer + names.field, l2};
      break;
    }
    case Format::td2:
    case Format::mrvb: {
      const bool visa = in.format == Format::mrvb;
      const std::string expiry = date_field("expiry_date", in.expiry_date, true);
      const Names names = name_field(in, 31);
      out.name_truncated = names.truncated;
      std::string num_field;
      std::string opt;
      if (number.size() > 9 && !visa) {
        // Long number: first nine, '<', then the rest, the digit over the whole number, '<'.
        num_field = number.substr(0, 9) + kFiller;
        opt = number.substr(9) + digit_of(number) + kFiller + optional;
        opt = padded("document_number", opt, 7);
      } else {
        const std::string num = padded("document_number", number, 9);
        num_field = num + digit_of(num);
        opt = padded("optional_data", optional, visa ? 8 : 7);
      }
      std::string l2 = num_field + nationality + birth + digit_of(birth) + sex + expiry +
                       (in.expiry_date.empty() ? kFiller : digit_of(expiry)) + opt;
      if (!visa) l2 += digit_of(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 14));
      out.lines = {code + issuer + names.field, l2};
      break;
    }
    case Format::td1: {
      const std::string expiry = date_field("expiry_date", in.expiry_date, true);
      const Names names = name_field(in, 30);
      out.name_truncated = names.truncated;
      std::string l1 = code + issuer;
      if (number.size() > 9) {
        std::string opt = number.substr(9) + digit_of(number) + kFiller + optional;
        l1 += number.substr(0, 9) + kFiller + padded("document_number", opt, 15);
      } else {
        const std::string num = padded("document_number", number, 9);
        l1 += num + digit_of(num) + padded("optional_data", optional, 15);
      }
      std::string l2 = birth + digit_of(birth) + sex + expiry + (in.expiry_date.empty() ? kFiller : digit_of(expiry)) +
                       nationality + padded("optional_data_2", optional2, 11);
      l2 += digit_of(l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11));
      out.lines = {l1, l2, names.field};
      break;
    }
    case Format::fra_id: {
      const std::string surname = transliterate_name(in.surname);
      if (surname.empty()) fail("surname", "a name is required");
      // Given names on the old card are separated by "<<".
      std::string given;
      for (char c : transliterate_name(in.given_names)) given += c == kFiller ? std::string("<<") : std::string(1, c);
      out.name_truncated = surname.size() > 25 || given.size() > 14;
      std::string l1 = "IDFRA" + build_name_field(surname, "", 25) + padded("optional_data", optional, 6);
      const std::string num = padded("document_number", number, 12);
      std::string l2 = num + digit_of(num) + build_name_field(given, "", 14) + birth + digit_of(birth) + sex;
      l2 += digit_of(l1 + l2);
      out.lines = {l1, l2};
      break;
    }
  }
  return out;
}

}  // namespace docverify::mrz
