#include <gtest/gtest.h>

#include <random>

#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

namespace {
MrzInputError error_of(const std::string& text) {
  try {
    (void)parse_mrz(text, options_on(2020, 1, 1));
  } catch (const MrzInputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text.substr(0, 80);
  return MrzInputError(0, 0, "");
}
}  // namespace

TEST(MalformedInput, EmptyAndBlank) {
  EXPECT_NE(std::string(error_of("").what()).find("empty"), std::string::npos);
  EXPECT_NE(std::string(error_of("\n\n  \n").what()).find("empty"), std::string::npos);
}

TEST(MalformedInput, WrongLineLengthNamesLineAndColumn) {
  std::vector<std::string> bad = kTd3;
  bad[1].pop_back();
  const MrzInputError e = error_of(join(bad));
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 44);
  EXPECT_NE(std::string(e.what()).find("line 2 has 43 characters"), std::string::npos) << e.what();
}

TEST(MalformedInput, WrongLineCount) {
  const MrzInputError e = error_of(join({kTd1[0], kTd1[1], kTd1[2], kTd1[2]}));
  EXPECT_EQ(e.line(), 4);
  EXPECT_NE(std::string(e.what()).find("more than 3 non-blank lines"), std::string::npos);
  // One 44-character line is not a whole MRZ.
  EXPECT_NE(std::string(error_of(kTd3[0]).what()).find("one line of 44"), std::string::npos);
}

TEST(MalformedInput, ShapeOfNoFormat) {
  const MrzInputError e = error_of("ABC\nDEF\n");
  EXPECT_EQ(e.line(), 1);
  EXPECT_NE(std::string(e.what()).find("2 lines of 44"), std::string::npos);
}

TEST(MalformedInput, BlankLineInside) {
  const MrzInputError e = error_of(kTd3[0] + "\n\n" + kTd3[1] + "\n");
  EXPECT_EQ(e.line(), 2);
}

TEST(MalformedInput, ControlAndNonAsciiBytesNamePosition) {
  std::string text = join(kTd3);
  text[50] = '\x01';
  MrzInputError e = error_of(text);
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 6);
  EXPECT_NE(std::string(e.what()).find("0x01"), std::string::npos);
  e = error_of("P<UTO\xC2\xAB" + kTd3[0].substr(7) + "\n" + kTd3[1]);  // '«' for '<'
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 6);
}

TEST(MalformedInput, TenMegabytesOfGarbage) {
  std::string big(10 * 1024 * 1024, 'A');
  const MrzInputError e = error_of(big);
  EXPECT_NE(std::string(e.what()).find("too long"), std::string::npos);
}

TEST(MalformedInput, RandomBinaryNeverCrashes) {
  std::mt19937 rng(12345);
  for (int i = 0; i < 2000; ++i) {
    std::string s(static_cast<std::size_t>(rng() % 200), '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
    try {
      (void)parse_mrz(s, options_on(2020, 1, 1));
    } catch (const MrzInputError&) {
    }
  }
}

TEST(MalformedInput, RandomPrintableMrzShapesParseWithoutThrowing) {
  // Right shape, arbitrary printable characters: parsed, reported as invalid, never thrown.
  std::mt19937 rng(777);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<abc!@#";
  const std::pair<int, int> shapes[] = {{2, 44}, {2, 36}, {3, 30}};
  for (int i = 0; i < 3000; ++i) {
    const auto [n, len] = shapes[i % 3];
    std::string text;
    for (int l = 0; l < n; ++l) {
      for (int k = 0; k < len; ++k) text += alphabet[rng() % alphabet.size()];
      text += '\n';
    }
    if (i % 7 == 0) text.replace(0, 5, "IDFRA");
    const MrzResult r = parse_mrz(text, options_on(2020, 1, 1));
    EXPECT_FALSE(r.checks.empty());
    if (text.find_first_of("abc!@#") != std::string::npos) {
      EXPECT_FALSE(r.valid);
    }
  }
}

TEST(MalformedInput, LowercaseIsReportedByTheAlphabetCheck) {
  std::vector<std::string> bad = kTd3;
  bad[0][6] = 'r';
  const MrzResult r = parse_mrz(join(bad), options_on(2010, 1, 1));
  EXPECT_FALSE(r.valid);
  const CheckRecord* c = find_check(r, "mrz.syntax.alphabet");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status, CheckStatus::error);
  EXPECT_NE(c->message.view().find("line 1 column 7"), std::string_view::npos) << c->message.view();
}

TEST(MalformedInput, AcceptedWhitespaceVariants) {
  const std::string crlf = "  " + kTd3[0] + " \r\n\t" + kTd3[1] + "\r\n\r\n";
  EXPECT_TRUE(parse_mrz(crlf, options_on(2010, 1, 1)).valid);
  EXPECT_TRUE(parse_mrz(kTd3[0] + "\r" + kTd3[1], options_on(2010, 1, 1)).valid);
  EXPECT_TRUE(parse_mrz("\n\n" + kTd3[0] + kTd3[1] + "\n", options_on(2010, 1, 1)).valid);  // one joined line
}

}  // namespace docverify::mrz

namespace docverify::mrz {
TEST(MalformedInput, ManyBlankLinesInside) {
  const std::string text = test::kTd3[0] + std::string(20, '\n') + test::kTd3[1] + "\n";
  try {
    (void)parse_mrz(text, test::options_on(2020, 1, 1));
    ADD_FAILURE() << "accepted";
  } catch (const MrzInputError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(std::string(e.what()).find("blank"), std::string::npos);
  }
}
}  // namespace docverify::mrz
