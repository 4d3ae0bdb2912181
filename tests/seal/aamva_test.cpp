// AAMVA DL/ID PDF417 payloads (seals.md §5, §7 "AAMVA"): the 2020 Annex D sample, version
// 01, Canadian date order, the real-world deviations the parser accepts, and malformed or
// foreign payloads. Every payload is built here, byte by byte.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "seal/aamva.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

const std::string kHeaderSeparators = "@\n\x1e\r";

std::string two_digits(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}
std::string four_digits(std::size_t v) {
  std::string s = std::to_string(v);
  while (s.size() < 4) s = "0" + s;
  return s;
}

// A subfile: type, elements separated by LF, terminated by CR.
std::string subfile(const std::string& type, const std::vector<std::string>& elements) {
  std::string s = type;
  for (std::size_t i = 0; i < elements.size(); ++i) s += (i ? "\n" : "") + elements[i];
  return s + "\r";
}

// A whole file with correct offsets and lengths.
std::string build(const std::string& file_type, const std::string& iin, int version, int jurisdiction_version,
                  const std::vector<std::string>& subfiles) {
  std::string header = kHeaderSeparators + file_type + iin + two_digits(version);
  if (version >= 2) header += two_digits(jurisdiction_version);
  header += two_digits(static_cast<int>(subfiles.size()));
  std::size_t offset = header.size() + 10 * subfiles.size();
  std::string designators, body;
  for (const auto& s : subfiles) {
    designators += s.substr(0, 2) + four_digits(offset) + four_digits(s.size());
    offset += s.size();
    body += s;
  }
  return header + designators + body;
}

AamvaRecord parse(const std::string& payload) {
  return parse_aamva(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size());
}
bool sniff(const std::string& payload) {
  return looks_like_aamva(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size());
}

std::vector<std::string> virginia_dl_elements() {
  return {"DAQT64235789", "DCSSAMPLE", "DDEN", "DACMICHAEL", "DDFN", "DADJOHN", "DDGN", "DCUJR", "DCAD",
          "DCBK", "DCDPH", "DBD06062019", "DBB06061986", "DBA12102024", "DBC1", "DAU068 in", "DAYBRO",
          "DAG2300 WEST BROAD STREET", "DAIRICHMOND", "DAJVA", "DAK232690000  ", "DCF2424244747474786102204",
          "DCGUSA", "DCK123456789", "DDAF", "DDB06062018", "DDC06062020", "DDD1"};
}

// The 2020 Annex D sample (Virginia, version 10).
std::string virginia_2020() {
  return build("ANSI ", "636000", 10, 1, {subfile("DL", virginia_dl_elements()), subfile("ZV", {"ZVA01"})});
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

bool any_warning_contains(const AamvaRecord& r, const std::string& text) {
  for (const auto& w : r.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

// Independent strict UTF-8 check for every string the parser returns.
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

bool record_is_utf8(const AamvaRecord& r) {
  bool ok = valid_utf8(r.file_type) && valid_utf8(r.iin) && valid_utf8(r.family_name) && valid_utf8(r.given_names) &&
            valid_utf8(r.full_name) && valid_utf8(r.document_number) && valid_utf8(r.country) && valid_utf8(r.sex) &&
            valid_utf8(r.date_order) && valid_utf8(r.date_order_reason);
  for (const auto& w : r.warnings) ok = ok && valid_utf8(w);
  for (const auto& s : r.subfiles) {
    ok = ok && valid_utf8(s.type);
    for (const auto& e : s.elements) ok = ok && valid_utf8(e.id) && valid_utf8(e.name) && valid_utf8(e.value);
  }
  return ok;
}

// ---------------------------------------------------------------------------------------

TEST(Aamva, Virginia2020SampleStructure) {
  const std::string payload = virginia_2020();
  // The published sample's header and designators, byte for byte.
  ASSERT_EQ(payload.substr(0, 41), std::string("@\n\x1e\rANSI 636000100102DL00410278ZV03190008"));
  ASSERT_TRUE(sniff(payload));
  const AamvaRecord r = parse(payload);
  EXPECT_EQ(r.file_type, "ANSI ");
  EXPECT_EQ(r.iin, "636000");
  EXPECT_EQ(r.version, 10);
  EXPECT_EQ(r.jurisdiction_version, 1);
  EXPECT_EQ(r.entries, 2);
  ASSERT_EQ(r.subfiles.size(), 2U);
  EXPECT_EQ(r.subfiles[0].type, "DL");
  EXPECT_EQ(r.subfiles[0].offset, 41U);
  EXPECT_EQ(r.subfiles[0].length, 278U);
  EXPECT_FALSE(r.subfiles[0].located_by_scan);
  EXPECT_EQ(r.subfiles[1].type, "ZV");
  EXPECT_EQ(r.subfiles[1].offset, 319U);
  EXPECT_EQ(r.subfiles[1].length, 8U);
  EXPECT_FALSE(r.subfiles[1].located_by_scan);
  EXPECT_EQ(r.subfiles[0].elements.size(), 28U);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

TEST(Aamva, Virginia2020SampleFields) {
  const AamvaRecord r = parse(virginia_2020());
  ASSERT_NE(r.find("DAQ"), nullptr);
  EXPECT_EQ(r.find("DAQ")->value, "T64235789");
  EXPECT_EQ(r.find("DAQ")->name, "Customer ID Number");
  EXPECT_EQ(r.find("DCS")->value, "SAMPLE");
  EXPECT_EQ(r.find("DAK")->value, "232690000");  // padding trimmed
  EXPECT_EQ(r.find("DAU")->value, "068 in");
  EXPECT_EQ(r.document_number, "T64235789");
  EXPECT_EQ(r.family_name, "SAMPLE");
  EXPECT_EQ(r.given_names, "MICHAEL JOHN");
  EXPECT_EQ(r.full_name, "");
  EXPECT_EQ(r.sex, "M");
  EXPECT_EQ(r.country, "USA");
  EXPECT_EQ(r.date_order, "MMDDCCYY");
  EXPECT_EQ(r.date_order_reason, "DCG USA");
  EXPECT_EQ(r.birth_date, (Date{1986, 6, 6}));
  EXPECT_EQ(r.expiry_date, (Date{2024, 12, 10}));
  EXPECT_EQ(r.issue_date, (Date{2019, 6, 6}));
}

TEST(Aamva, JurisdictionSubfileKeptRaw) {
  const std::string payload = build("ANSI ", "636000", 10, 1,
                                    {subfile("DL", virginia_dl_elements()), subfile("ZV", {"ZVA01", "ZVBSOME VALUE  "})});
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 2U);
  const AamvaSubfile& zv = r.subfiles[1];
  EXPECT_EQ(zv.type, "ZV");
  ASSERT_EQ(zv.elements.size(), 2U);
  EXPECT_EQ(zv.elements[0].id, "ZVA");
  EXPECT_EQ(zv.elements[0].value, "01");
  EXPECT_EQ(zv.elements[0].name, "");
  EXPECT_EQ(zv.elements[1].id, "ZVB");
  EXPECT_EQ(zv.elements[1].value, "SOME VALUE");
  EXPECT_EQ(r.find("ZVB"), &zv.elements[1]);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();  // jurisdiction elements are expected to be unnamed
}

TEST(Aamva, Version01MarylandStyle) {
  const std::string payload = build(
      "AAMVA", "636003", 1, 0,
      {subfile("DL", {"DAQT-520-098-009-843", "DAADOE,SUE,ANN,", "DAG9999 FAKE DR", "DAIANYTOWN", "DAJMD", "DAK21201     ",
                      "DARC", "DAS", "DAT", "DAYBLU", "DBA20251010", "DBB19700131", "DBC2", "DBD20150101"})});
  ASSERT_EQ(payload.substr(0, 29), std::string("@\n\x1e\rAAMVA6360030101DL0029") + payload.substr(25, 4));
  ASSERT_TRUE(sniff(payload));
  const AamvaRecord r = parse(payload);
  EXPECT_EQ(r.file_type, "AAMVA");
  EXPECT_EQ(r.iin, "636003");
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.jurisdiction_version, -1);
  EXPECT_EQ(r.entries, 1);
  ASSERT_EQ(r.subfiles.size(), 1U);
  EXPECT_EQ(r.subfiles[0].offset, 29U);  // 19-byte header + 1 designator
  EXPECT_FALSE(r.subfiles[0].located_by_scan);
  EXPECT_EQ(r.find("DAA")->name, "Driver License Name");
  EXPECT_EQ(r.find("DAQ")->name, "Driver License/ID Number");
  EXPECT_EQ(r.find("DAR")->name, "Driver License Classification Code");
  EXPECT_EQ(r.find("DAS")->value, "");
  EXPECT_EQ(r.full_name, "DOE,SUE,ANN,");
  EXPECT_EQ(r.family_name, "DOE");
  EXPECT_EQ(r.given_names, "SUE ANN");
  EXPECT_EQ(r.document_number, "T-520-098-009-843");
  EXPECT_EQ(r.date_order, "CCYYMMDD");
  EXPECT_EQ(r.date_order_reason, "version 01");
  EXPECT_EQ(r.birth_date, (Date{1970, 1, 31}));
  EXPECT_EQ(r.expiry_date, (Date{2025, 10, 10}));
  EXPECT_EQ(r.issue_date, (Date{2015, 1, 1}));
  EXPECT_EQ(r.sex, "F");
  EXPECT_EQ(r.country, "USA");  // no DCG in version 01: from the IIN
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

TEST(Aamva, Version01WithSexLettersAndUnsplittableName) {
  const std::string payload =
      build("ANSI ", "636025", 1, 0,
            {subfile("DL", {"DAQ75706564", "DAATHE FIXER", "DAG1 MAIN ST", "DAINEW YORK", "DAJNY", "DAK10201", "DARC",
                            "DAS*/*", "DAT", "DAYBRO", "DBA20261001", "DBB19911001", "DBCM", "DBD20180703"})});
  const AamvaRecord r = parse(payload);
  EXPECT_EQ(r.sex, "M");
  EXPECT_EQ(r.full_name, "THE FIXER");
  EXPECT_EQ(r.family_name, "");  // no commas: not guessed
  EXPECT_TRUE(any_warning_contains(r, "DAA"));
  EXPECT_EQ(r.birth_date, (Date{1991, 10, 1}));
}

TEST(Aamva, CanadianCardByCountryUsesCcyymmdd) {
  const std::string payload = build(
      "ANSI ", "636012", 8, 0,
      {subfile("DL", {"DAQS9244-43879-65702", "DCSTESTER", "DDEN", "DACMARY", "DDFN", "DADANN", "DDGN", "DCAG", "DCBNONE",
                      "DCDNONE", "DBD20170607", "DBB19960603", "DBA20200603", "DBC2", "DAU170 CM", "DAYBRO",
                      "DAG123 ST GEORGE ST E", "DAIFERGUS", "DAJON", "DAKN1M 3J6    ", "DCFDV1539283", "DCGCAN"})});
  const AamvaRecord r = parse(payload);
  EXPECT_EQ(r.date_order, "CCYYMMDD");
  EXPECT_EQ(r.date_order_reason, "DCG CAN");
  EXPECT_EQ(r.country, "CAN");
  EXPECT_EQ(r.birth_date, (Date{1996, 6, 3}));
  EXPECT_EQ(r.expiry_date, (Date{2020, 6, 3}));
  EXPECT_EQ(r.issue_date, (Date{2017, 6, 7}));
  EXPECT_EQ(r.find("DAK")->value, "N1M 3J6");
  EXPECT_EQ(r.sex, "F");
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

std::string card_without_country(const std::string& iin, const std::string& birth) {
  return build("ANSI ", iin, 9, 0,
               {subfile("ID", {"DAQ123", "DCSDOE", "DDEN", "DACJO", "DDFN", "DAD", "DDGN", "DBD" + birth, "DBB" + birth,
                               "DBA" + birth, "DBC1", "DAU070 in", "DAYBRO", "DAG1 RUE", "DAIVILLE", "DAJQC", "DAKH2X 1Y4",
                               "DCF1"})});
}

TEST(Aamva, CanadianCardByIinWhenCountryMissing) {
  const AamvaRecord quebec = parse(card_without_country("604428", "19800229"));
  EXPECT_EQ(quebec.date_order, "CCYYMMDD");
  EXPECT_NE(quebec.date_order_reason.find("604428"), std::string::npos);
  EXPECT_NE(quebec.date_order_reason.find("QC"), std::string::npos);
  EXPECT_EQ(quebec.birth_date, (Date{1980, 2, 29}));
  EXPECT_EQ(quebec.country, "CAN");
  EXPECT_TRUE(any_warning_contains(quebec, "DCG"));  // mandatory from version 02 on
  // An ID subfile does not need vehicle class, restrictions or endorsements.
  EXPECT_FALSE(any_warning_contains(quebec, "DCA"));
}

TEST(Aamva, UsTerritoryIn604RangeIsNotCanadian) {
  const AamvaRecord puerto_rico = parse(card_without_country("604431", "02291980"));
  EXPECT_EQ(puerto_rico.date_order, "MMDDCCYY");
  EXPECT_EQ(puerto_rico.birth_date, (Date{1980, 2, 29}));
  EXPECT_EQ(puerto_rico.country, "USA");
  const AamvaRecord unknown = parse(card_without_country("990876", "02291980"));
  EXPECT_EQ(unknown.date_order, "MMDDCCYY");
  EXPECT_NE(unknown.date_order_reason.find("assumed"), std::string::npos);
}

TEST(Aamva, UsCardWithCanadianDateOrderReadWithWarning) {
  std::string payload = virginia_2020();
  payload = replace_all(payload, "DBB06061986", "DBB19860606");
  const AamvaRecord r = parse(payload);
  EXPECT_EQ(r.birth_date, (Date{1986, 6, 6}));
  EXPECT_TRUE(any_warning_contains(r, "DBB"));
  EXPECT_TRUE(any_warning_contains(r, "CCYYMMDD"));
}

TEST(Aamva, InvalidDatesBecomeNulloptWithWarning) {
  std::string payload = virginia_2020();
  payload = replace_all(payload, "DBB06061986", "DBB02301986");  // 30 February
  payload = replace_all(payload, "DBA12102024", "DBA13102024");  // month 13
  payload = replace_all(payload, "DBD06062019", "DBDJUN 2019");
  const AamvaRecord r = parse(payload);
  EXPECT_FALSE(r.birth_date.has_value());
  EXPECT_FALSE(r.expiry_date.has_value());
  EXPECT_FALSE(r.issue_date.has_value());
  EXPECT_TRUE(any_warning_contains(r, "DBB"));
  EXPECT_TRUE(any_warning_contains(r, "DBA"));
  EXPECT_TRUE(any_warning_contains(r, "DBD"));
  EXPECT_EQ(r.document_number, "T64235789");  // the rest still decoded
}

TEST(Aamva, DatesWithSeparatorsAndTrailingCharacters) {
  std::string payload = virginia_2020();
  payload = replace_all(payload, "DBB06061986", "DBB06-06-1986");
  payload = replace_all(payload, "DBA12102024", "DBA12102024M");
  const AamvaRecord r = parse(payload);
  EXPECT_EQ(r.birth_date, (Date{1986, 6, 6}));
  EXPECT_EQ(r.expiry_date, (Date{2024, 12, 10}));
  EXPECT_TRUE(any_warning_contains(r, "separators"));
  EXPECT_TRUE(any_warning_contains(r, "after the 8-digit date"));
}

TEST(Aamva, SexNotSpecified) {
  const AamvaRecord r = parse(replace_all(virginia_2020(), "DBC1", "DBC9"));
  EXPECT_EQ(r.sex, "X");
  const AamvaRecord bad = parse(replace_all(virginia_2020(), "DBC1", "DBC7"));
  EXPECT_EQ(bad.sex, "");
  EXPECT_TRUE(any_warning_contains(bad, "DBC"));
}

TEST(Aamva, WrongOffsetsAreFoundByScanning) {
  std::string payload = virginia_2020();
  payload.replace(21, 20, "DL00450278ZV03300008");
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 2U);
  EXPECT_TRUE(r.subfiles[0].located_by_scan);
  EXPECT_EQ(r.subfiles[0].offset, 41U);
  EXPECT_EQ(r.subfiles[0].declared_offset, 45U);
  EXPECT_TRUE(r.subfiles[1].located_by_scan);
  EXPECT_EQ(r.subfiles[1].offset, 319U);
  EXPECT_EQ(r.subfiles[1].length, 8U);
  EXPECT_EQ(r.document_number, "T64235789");
  EXPECT_EQ(r.find("ZVA")->value, "01");
  EXPECT_TRUE(any_warning_contains(r, "scanning"));
}

TEST(Aamva, WrongLengthIsTakenFromTheData) {
  std::string payload = virginia_2020();
  payload.replace(27, 4, "0200");  // DL length 200 would cut through an element
  const AamvaRecord r = parse(payload);
  EXPECT_FALSE(r.subfiles[0].located_by_scan);
  EXPECT_EQ(r.subfiles[0].length, 278U);
  EXPECT_EQ(r.subfiles[0].declared_length, 200U);
  EXPECT_EQ(r.find("DDD")->value, "1");
  EXPECT_TRUE(any_warning_contains(r, "declared length 200"));
}

TEST(Aamva, ZeroOffsetVersion03GivenNames) {
  // Ontario-style: offset 0000, DCS with a trailing comma, DCT "FIRST,MIDDLE" (versions 02-03).
  std::string payload = build(
      "ANSI ", "636012", 3, 0,
      {subfile("DL", {"DCAG   ", "DCBNONE      ", "DCDNONE ", "DBA20200603", "DCSTESTER,          ", "DCTMARY,ANN        ",
                      "DBD20170607", "DBB19960603", "DBC2", "DAYNONE", "DAU170 CM", "DAG123 ST GEORGE ST E,", "DAIFERGUS",
                      "DAJON", "DAKN1M 3J6    ", "DAQS9244-43879-65702", "DCFDV1539283", "DCGCAN", "DCHNONE",
                      "DCK839267959"})});
  payload.replace(23, 4, "0000");
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 1U);
  EXPECT_TRUE(r.subfiles[0].located_by_scan);
  EXPECT_EQ(r.subfiles[0].offset, 31U);
  EXPECT_EQ(r.family_name, "TESTER");
  EXPECT_EQ(r.given_names, "MARY ANN");
  EXPECT_EQ(r.find("DCT")->name, "Customer Given Names");
  EXPECT_EQ(r.birth_date, (Date{1996, 6, 3}));
  EXPECT_EQ(r.date_order, "CCYYMMDD");
}

TEST(Aamva, LettersInOffsetAndShortDesignatorAlbertaStyle) {
  // The designator is only "DL" + 4 letters; the subfile follows at once.
  const std::string payload = kHeaderSeparators + "ANSI 604432030001DLabac" +
                              subfile("DL", {"DCSMOTORIST", "DCTMARY SMITH", "DABMOTORIST", "DACMARY", "DADSMITH",
                                             "DAG123 MAPLE LEAF TERR SW", "DAQ123400-056", "DAKT4G 7A7", "DAICALGARY",
                                             "DAJAB", "DBCF", "DBB19930204", "DBA20190108", "DAU155 CM"});
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 1U);
  EXPECT_TRUE(r.subfiles[0].located_by_scan);
  EXPECT_EQ(r.subfiles[0].offset, 27U);
  EXPECT_EQ(r.document_number, "123400-056");
  EXPECT_EQ(r.family_name, "MOTORIST");
  EXPECT_EQ(r.given_names, "MARY SMITH");
  EXPECT_EQ(r.date_order, "CCYYMMDD");  // no DCG: Alberta's IIN
  EXPECT_EQ(r.birth_date, (Date{1993, 2, 4}));
  // DAB is a version 01 element: named from there, with a warning.
  EXPECT_EQ(r.find("DAB")->name, "Driver Last Name");
  EXPECT_TRUE(any_warning_contains(r, "DAB is not defined in version 3"));
}

TEST(Aamva, MissingFinalCarriageReturn) {
  std::string payload = virginia_2020();
  payload.pop_back();
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 2U);
  EXPECT_EQ(r.subfiles[1].length, 7U);
  EXPECT_FALSE(r.subfiles[1].located_by_scan);
  EXPECT_EQ(r.find("ZVA")->value, "01");
  EXPECT_TRUE(any_warning_contains(r, "CR"));
}

TEST(Aamva, MissingCarriageReturnBetweenSubfiles) {
  std::string payload = virginia_2020();
  payload.erase(318, 1);  // the CR ending DL
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 2U);
  EXPECT_EQ(r.find("DDD")->value, "1");  // not "1ZVZVA01"
  EXPECT_EQ(r.find("ZVA")->value, "01");
  EXPECT_TRUE(r.subfiles[1].located_by_scan);
}

TEST(Aamva, HeaderSeparatorDeviations) {
  const std::string good = virginia_2020();
  // Record separator replaced by LF: same length, offsets still right.
  std::string replaced = good;
  replaced[2] = '\n';
  const AamvaRecord a = parse(replaced);
  EXPECT_FALSE(a.subfiles[0].located_by_scan);
  EXPECT_TRUE(any_warning_contains(a, "separators"));
  EXPECT_EQ(a.document_number, "T64235789");
  // Record separator dropped: every offset one byte early, corrected from the file type.
  std::string dropped = good;
  dropped.erase(2, 1);
  const AamvaRecord b = parse(dropped);
  EXPECT_FALSE(b.subfiles[0].located_by_scan);
  EXPECT_FALSE(b.subfiles[1].located_by_scan);
  EXPECT_EQ(b.subfiles[0].offset, 40U);
  EXPECT_EQ(b.find("ZVA")->value, "01");
  // An extra separator and leading whitespace.
  const AamvaRecord c = parse(" \r\n" + good.substr(0, 3) + "\r" + good.substr(3));
  EXPECT_FALSE(c.subfiles[1].located_by_scan);
  EXPECT_EQ(c.find("DCS")->value, "SAMPLE");
  EXPECT_TRUE(any_warning_contains(c, "whitespace"));
  // Lower-case file type.
  const AamvaRecord d = parse(replace_all(good, "ANSI ", "ansi "));
  EXPECT_EQ(d.file_type, "ANSI ");
  EXPECT_TRUE(any_warning_contains(d, "lower case"));
}

TEST(Aamva, CrLfLineEndsFromKeyboardWedge) {
  const std::string good = virginia_2020();
  std::string body = good.substr(41);
  body = replace_all(body, "\r", "\n");
  body = replace_all(body, "\n", "\r\n");
  const AamvaRecord r = parse(good.substr(0, 41) + body);
  ASSERT_EQ(r.subfiles.size(), 2U);
  EXPECT_EQ(r.subfiles[0].elements.size(), 28U);
  EXPECT_EQ(r.find("DDD")->value, "1");
  EXPECT_EQ(r.find("ZVA")->value, "01");
  EXPECT_EQ(r.birth_date, (Date{1986, 6, 6}));
  EXPECT_TRUE(any_warning_contains(r, "CR LF"));
}

TEST(Aamva, UnknownElementKeptWithWarning) {
  std::vector<std::string> elements = virginia_dl_elements();
  elements.push_back("DXYSOMETHING");
  const AamvaRecord r = parse(build("ANSI ", "636000", 10, 1, {subfile("DL", elements)}));
  ASSERT_NE(r.find("DXY"), nullptr);
  EXPECT_EQ(r.find("DXY")->value, "SOMETHING");
  EXPECT_EQ(r.find("DXY")->name, "");
  EXPECT_TRUE(any_warning_contains(r, "DXY"));
}

TEST(Aamva, MissingMandatoryElementWarns) {
  std::vector<std::string> elements = virginia_dl_elements();
  elements.erase(elements.begin() + 1);  // DCS
  const AamvaRecord r = parse(build("ANSI ", "636000", 10, 1, {subfile("DL", elements)}));
  EXPECT_EQ(r.family_name, "");
  EXPECT_TRUE(any_warning_contains(r, "mandatory element(s) missing from subfile DL (version 10): DCS (Customer Family Name)"));
}

TEST(Aamva, NonAsciiLatin1IsTranscodedAndMarked) {
  std::vector<std::string> elements = virginia_dl_elements();
  elements[1] = "DCSM\xC9NARD";  // ISO-8859-1 E acute
  const AamvaRecord r = parse(build("ANSI ", "636000", 10, 1, {subfile("DL", elements)}));
  EXPECT_EQ(r.family_name, "M\xC3\x89NARD");
  EXPECT_TRUE(any_warning_contains(r, "DCS"));
  EXPECT_TRUE(any_warning_contains(r, "ISO-8859-1"));
  EXPECT_TRUE(record_is_utf8(r));
}

TEST(Aamva, LongNonAsciiValueQuotedInWarningStaysUtf8) {
  // A warning quotes at most 40 bytes of a value; the cut must not split a character
  // (found by fuzz_aamva).
  std::vector<std::string> elements = virginia_dl_elements();
  elements[12] = "DBB19860606-" + std::string(30, '\xC9');  // odd ASCII prefix: byte 40 is mid-character
  const AamvaRecord r = parse(build("ANSI ", "636000", 10, 1, {subfile("DL", elements)}));
  EXPECT_TRUE(any_warning_contains(r, "after the 8-digit date"));
  EXPECT_TRUE(record_is_utf8(r));
}

TEST(Aamva, NonAsciiUtf8IsKeptAndMarked) {
  std::vector<std::string> elements = virginia_dl_elements();
  elements[1] = "DCSM\xC3\x89NARD";
  const AamvaRecord r = parse(build("ANSI ", "636000", 10, 1, {subfile("DL", elements)}));
  EXPECT_EQ(r.family_name, "M\xC3\x89NARD");
  EXPECT_TRUE(any_warning_contains(r, "UTF-8"));
}

TEST(Aamva, ControlBytesInValuesAreReplaced) {
  std::vector<std::string> elements = virginia_dl_elements();
  elements[1] = std::string("DCSSAM\x01PLE\x7F");
  const AamvaRecord r = parse(build("ANSI ", "636000", 10, 1, {subfile("DL", elements)}));
  EXPECT_EQ(r.family_name, "SAM\xEF\xBF\xBDPLE\xEF\xBF\xBD");
  EXPECT_TRUE(any_warning_contains(r, "U+FFFD"));
}

TEST(Aamva, TruncatedAtEveryLength) {
  const std::string full = virginia_2020();
  for (std::size_t n = 0; n < full.size(); ++n) {
    SCOPED_TRACE("length " + std::to_string(n));
    const std::string cut = full.substr(0, n);
    if (n < 43) {  // header, designators or the DL type itself cut short
      EXPECT_THROW(parse(cut), MalformedSeal);
      continue;
    }
    AamvaRecord r;
    ASSERT_NO_THROW(r = parse(cut));
    EXPECT_FALSE(r.warnings.empty());
    EXPECT_TRUE(record_is_utf8(r));
    if (n >= 47) {
      EXPECT_FALSE(r.document_number.empty());
      EXPECT_EQ(std::string("T64235789").compare(0, r.document_number.size(), r.document_number), 0);
    }
  }
}

TEST(Aamva, MalformedMessagesSayWhere) {
  const std::string full = virginia_2020();
  try {
    parse(full.substr(0, 35));
    FAIL() << "no exception";
  } catch (const MalformedSeal& e) {
    EXPECT_NE(std::string(e.what()).find("designator 2 of 2 at byte 31"), std::string::npos) << e.what();
  }
  try {
    parse(replace_all(full, "ANSI 6360001001", "ANSI 636000X001"));
    FAIL() << "no exception";
  } catch (const MalformedSeal& e) {
    EXPECT_NE(std::string(e.what()).find("version at byte 15"), std::string::npos) << e.what();
  }
  std::string many = full;
  many.replace(19, 2, "99");
  EXPECT_THROW(parse(many), MalformedSeal);
}

TEST(Aamva, NotAamvaPayloads) {
  const std::vector<std::string> foreign = {
      "",
      "@",
      "hello world, this is not a driving licence",
      std::string("\xDC\x03\x5D\x47\x6D\x32\xC8\xA5\x19\xFC", 10),          // a VDS header
      "{\"data\":{\"hdr\":{\"t\":\"icao.vacc\",\"v\":1,\"is\":\"UTO\"}}}",  // VDS-NC JSON
      "@\n\x1e\rXXXX 636000100102DL00410278",                            // no file type
      "ANSI 636000100102DL00410278ZV03190008DLDAQT64235789\r",           // no '@'
  };
  for (const auto& p : foreign) {
    SCOPED_TRACE(p);
    EXPECT_FALSE(sniff(p));
    EXPECT_THROW(parse(p), MalformedSeal);
  }
  EXPECT_FALSE(looks_like_aamva(nullptr, 0));
  EXPECT_THROW(parse_aamva(nullptr, 0), MalformedSeal);
}

TEST(Aamva, HeaderWithoutAnySubfile) {
  // A well-formed header whose designator points at nothing, and no DL/ID anywhere.
  EXPECT_THROW(parse(kHeaderSeparators + "ANSI 636000100101DL00310010XXXXXXXXXX"), MalformedSeal);
}

TEST(Aamva, OversizedPayloadRejected) {
  std::string payload = virginia_2020();
  payload.append(kMaxAamvaSize, ' ');
  EXPECT_THROW(parse(payload), MalformedSeal);
}

TEST(Aamva, MaximumSizeOfTinyElementsIsParsed) {
  std::string dl = "DL";
  while (dl.size() + 4 < kMaxAamvaSize - 60) dl += "ZZZ\n";
  dl += "\r";
  const std::string payload = build("ANSI ", "636000", 10, 1, {dl});
  ASSERT_LE(payload.size(), kMaxAamvaSize);
  const AamvaRecord r = parse(payload);
  ASSERT_EQ(r.subfiles.size(), 1U);
  EXPECT_EQ(r.subfiles[0].elements.size(), (dl.size() - 3) / 4);
  EXPECT_LE(r.warnings.size(), 101U);  // the cap: 100 and "further warnings omitted"
}

TEST(Aamva, RandomByteFlipsNeverCrashAndStayUtf8) {
  const std::string good = virginia_2020();
  std::uint32_t state = 12345;
  const auto next = [&state]() {
    state = state * 1664525U + 1013904223U;
    return state >> 8;
  };
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string p = good;
    const int flips = 1 + static_cast<int>(next() % 4);
    for (int f = 0; f < flips; ++f) p[next() % p.size()] = static_cast<char>(next() & 0xFF);
    try {
      const AamvaRecord r = parse(p);
      ASSERT_TRUE(record_is_utf8(r)) << round;
      ++parsed;
    } catch (const MalformedSeal&) {
    }
  }
  EXPECT_GT(parsed, 1500);  // most single flips land in data, which is tolerated
}

TEST(AamvaTables, ElementNamesPerVersion) {
  EXPECT_EQ(aamva_element_name("DAA", 1), "Driver License Name");
  EXPECT_EQ(aamva_element_name("DAA", 10), "");
  EXPECT_EQ(aamva_element_name("DAC", 1), "Driver First Name");
  EXPECT_EQ(aamva_element_name("DAC", 3), "");
  EXPECT_EQ(aamva_element_name("DAC", 4), "Customer First Name");
  EXPECT_EQ(aamva_element_name("DCT", 3), "Customer Given Names");
  EXPECT_EQ(aamva_element_name("DCT", 4), "");
  EXPECT_EQ(aamva_element_name("DAR", 1), "Driver License Classification Code");
  EXPECT_EQ(aamva_element_name("DAR", 2), "");
  EXPECT_EQ(aamva_element_name("DCA", 2), "Jurisdiction-specific vehicle class");
  EXPECT_EQ(aamva_element_name("DAQ", 1), "Driver License/ID Number");
  EXPECT_EQ(aamva_element_name("DAQ", 10), "Customer ID Number");
  EXPECT_EQ(aamva_element_name("DDL", 6), "");
  EXPECT_EQ(aamva_element_name("DDL", 7), "Veteran Indicator");
  EXPECT_EQ(aamva_element_name("DDL", 42), "Veteran Indicator");  // future versions read as 10
  EXPECT_EQ(aamva_element_name("XYZ", 10), "");
}

TEST(AamvaTables, MandatoryPerVersion) {
  EXPECT_TRUE(aamva_element_mandatory("DAA", 1, true));
  EXPECT_FALSE(aamva_element_mandatory("DAA", 2, true));
  EXPECT_TRUE(aamva_element_mandatory("DCA", 10, true));
  EXPECT_FALSE(aamva_element_mandatory("DCA", 10, false));
  EXPECT_FALSE(aamva_element_mandatory("DAD", 3, true));
  EXPECT_TRUE(aamva_element_mandatory("DAD", 4, true));
  EXPECT_TRUE(aamva_element_mandatory("DDE", 8, false));
  EXPECT_FALSE(aamva_element_mandatory("DAH", 10, true));
  EXPECT_TRUE(aamva_element_mandatory("DCH", 3, true));
  EXPECT_FALSE(aamva_element_mandatory("DCH", 4, true));
}

TEST(AamvaTables, IssuerCountries) {
  EXPECT_EQ(aamva_iin_country("636012"), "CAN");  // Ontario
  EXPECT_EQ(aamva_iin_country("636028"), "CAN");  // British Columbia
  EXPECT_EQ(aamva_iin_country("604432"), "CAN");  // Alberta
  EXPECT_EQ(aamva_iin_country("604431"), "USA");  // Puerto Rico
  EXPECT_EQ(aamva_iin_country("636000"), "USA");  // Virginia
  EXPECT_EQ(aamva_iin_country("636062"), "USA");  // US Virgin Islands
  EXPECT_EQ(aamva_iin_country("636056"), "MEX");  // Coahuila
  EXPECT_EQ(aamva_iin_country("999999"), "");
  EXPECT_EQ(aamva_iin_country("63600"), "");
}

}  // namespace
}  // namespace docverify::seal
