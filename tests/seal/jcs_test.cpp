#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "seal/jcs.hpp"
#include "seal/json.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

std::string canonical(const std::string& text) { return canonical_json(parse_json(text)); }

std::string from_hex(const char* hex) {
  std::string out;
  unsigned value = 0;
  int nibbles = 0;
  for (const char* p = hex; *p != '\0'; ++p) {
    if (*p == ' ') continue;
    value = value * 16 + static_cast<unsigned>(std::strchr("0123456789abcdef", *p) - "0123456789abcdef");
    if (++nibbles == 2) {
      out += static_cast<char>(value);
      value = 0;
      nibbles = 0;
    }
  }
  return out;
}

double from_bits(std::uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// RFC 8785 §3.2.2 input and the §3.2.4 output bytes, as printed in the RFC.
TEST(Jcs, Rfc8785SampleGivesThePrintedBytes) {
  const std::string input = R"({
       "numbers": [333333333.33333329, 1E30, 4.50,
                   2e-3, 0.000000000000000000000000001],
       "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
       "literals": [null, true, false]
     })";
  const std::string expected = from_hex(
      "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 "
      "75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a "
      "5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 "
      "65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 "
      "5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 "
      "30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d");
  EXPECT_EQ(canonical(input), expected);
  EXPECT_EQ(expected,
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

// The testdata/input -> testdata/output pairs of the cyberphone/json-canonicalization repository.
TEST(Jcs, ReferenceImplementationVectors) {
  EXPECT_EQ(canonical("[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]"),
            R"([56,{"1":[],"10":null,"d":true}])");
  EXPECT_EQ(canonical("{\n  \"peach\": \"This sorting order\",\n  \"p\xC3\xA9" "ch\xC3\xA9\": \"is wrong according to "
                      "French\",\n  \"p\xC3\xAA" "che\": \"but canonicalization MUST\",\n  \"sin\":   \"ingnore "
                      "locale\"\n}\n"),
            "{\"peach\":\"This sorting order\",\"p\xC3\xA9" "ch\xC3\xA9\":\"is wrong according to French\",\"p\xC3\xAA"
            "che\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}");
  EXPECT_EQ(canonical("{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": "
                      "\"empty\",\n  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}"),
            R"({"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}})");
  EXPECT_EQ(canonical("{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n"),
            "{\"Unnormalized Unicode\":\"\xE1\xB8\x8D\xCC\x87\"}");  // no normalisation
  EXPECT_EQ(canonical("{\n  \"numbers\": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n"
                      "  \"escaping\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                      "  \"literals\": [null, true, false]\n}"),
            "{\"escaping\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"literals\":[null,true,false],"
            "\"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}");
  EXPECT_EQ(canonical("{\n  \"\\u20ac\": \"Euro Sign\",\n  \"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n"
                      "  \"\\ud83d\\ude02\": \"Smiley\",\n  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n"
                      "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"</script>\": \"Browser Challenge\"\n}\n"),
            "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\xC2\x80\":\"Control\x7F\",\"\xC3\xB6\":\"Latin Small "
            "Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\",\"\xF0\x9F\x98\x82\":\"Smiley\",\"\xEF\xAC\xB3\":"
            "\"Hebrew Letter Dalet With Dagesh\"}");
}

// RFC 8785 §3.2.3: the sorting example; values listed in the order the RFC prints them.
TEST(Jcs, SortsMembersByUtf16CodeUnits) {
  const JsonValue sorted = parse_json(canonical(R"({
       "\u20ac": "Euro Sign",
       "\r": "Carriage Return",
       "\ufb33": "Hebrew Letter Dalet With Dagesh",
       "1": "One",
       "\ud83d\ude00": "Emoji: Grinning Face",
       "\u0080": "Control",
       "\u00f6": "Latin Small Letter O With Diaeresis"
     })"));
  const std::vector<std::string> expected = {"Carriage Return",
                                             "One",
                                             "Control",
                                             "Latin Small Letter O With Diaeresis",
                                             "Euro Sign",
                                             "Emoji: Grinning Face",
                                             "Hebrew Letter Dalet With Dagesh"};
  ASSERT_EQ(sorted.members.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(sorted.members[i].value.text, expected[i]) << i;
}

TEST(Jcs, KeyAboveU_FFFF_SortsBeforeU_FB33) {
  const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600, UTF-16 D83D DE00
  const std::string dalet = "\xEF\xAC\xB3";      // U+FB33
  // By UTF-8 bytes (or code points) the order would be the other way round.
  ASSERT_LT(dalet, emoji);
  EXPECT_EQ(canonical("{\"" + dalet + "\":1,\"" + emoji + "\":2}"), "{\"" + emoji + "\":2,\"" + dalet + "\":1}");
  // Below the surrogate range code point order and UTF-16 order agree.
  EXPECT_EQ(canonical("{\"\xED\x9F\xBF\":1,\"" + emoji + "\":2,\"\xEE\x80\x80\":3}"),
            "{\"\xED\x9F\xBF\":1,\"" + emoji + "\":2,\"\xEE\x80\x80\":3}");
  // A prefix sorts first; uppercase before lowercase.
  EXPECT_EQ(canonical(R"({"ab":1,"a":2,"B":3,"b":4})"), R"({"B":3,"a":2,"ab":1,"b":4})");
}

TEST(Jcs, EscapesOnlyQuoteBackslashAndControls) {
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c) all_controls += static_cast<char>(c);
  const std::string expected =
      "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
      "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e"
      "\\u001f\"";
  EXPECT_EQ(canonical_json(JsonValue::make_string(all_controls)), expected);
  EXPECT_EQ(canonical(R"("\u001F\u001e")"), R"("\u001f\u001e")");
  // '/', DEL, U+2028/2029 and non-ASCII stay literal.
  EXPECT_EQ(canonical(R"("a\/b\u007f\u2028\u2029\u00e9")"), "\"a/b\x7F\xE2\x80\xA8\xE2\x80\xA9\xC3\xA9\"");
  EXPECT_EQ(canonical(R"("\"\\")"), R"("\"\\")");
}

struct NumberCase {
  std::uint64_t bits;
  const char* expected;
};

TEST(Jcs, NumberSerialisationTable) {
  const NumberCase cases[] = {
      // RFC 8785 Appendix B (all finite rows).
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
      // Further cases: shortest digits checked against Python's repr (David Gay's
      // algorithm), laid out by the ECMAScript Number::toString rules.
      {0x3e7ad7f29abcaf48, "1e-7"},                 // exponent form from 1e-7 down
      {0x3e8421f5f40d8376, "1.5e-7"},
      {0x3ea0c6f7a0b5ed8d, "5e-7"},
      {0x3eb4b6231abfd271, "0.0000012345"},         // plain form from 1e-6 up
      {0x3fb999999999999a, "0.1"},
      {0x3fd3333333333334, "0.30000000000000004"},
      {0x3fd5555555555555, "0.3333333333333333"},
      {0x3ff0000000000000, "1"},
      {0xbff8000000000000, "-1.5"},
      {0x4011666666666666, "4.35"},
      {0x4024000000000000, "10"},
      {0x4059000000000000, "100"},
      {0x419d6f34547e6b75, "123456789.12345679"},
      {0x4340000000000001, "9007199254740994"},
      {0x4341c37937e08000, "10000000000000000"},
      {0x43e56a95319d63e1, "12345678901234567000"},
      {0x4415af1d78b58c40, "100000000000000000000"},  // 1e20: still plain
      {0x441aabdf2145b430, "123000000000000000000"},
      {0x0010000000000000, "2.2250738585072014e-308"},  // smallest normal
      {0x000fffffffffffff, "2.225073858507201e-308"},   // largest subnormal
      {0x0000000000000003, "1.5e-323"},
      {0x0060000000000000, "7.120236347223045e-307"},   // 2^-1017: a %.17g loop finds 17 digits here
  };
  static_assert(sizeof cases / sizeof cases[0] >= 30, "at least 30 cases");
  for (const auto& c : cases) {
    const double value = from_bits(c.bits);
    EXPECT_EQ(canonical_number(value), c.expected) << std::hex << c.bits;
    EXPECT_EQ(canonical_json(JsonValue::make_number(value)), c.expected) << std::hex << c.bits;
    // What the parser reads back is the same double.
    EXPECT_EQ(parse_json(c.expected).number, value) << c.expected;
  }
}

TEST(Jcs, NumbersFromText) {
  EXPECT_EQ(canonical("[1.0, 1e21, 1e-7, 1E+2, -0, 0.0000001, 100e-2, 1e20, 123e-20, -0.0]"),
            "[1,1e+21,1e-7,100,0,1e-7,1,100000000000000000000,1.23e-18,0]");
}

TEST(Jcs, RejectsNanAndInfinity) {
  EXPECT_THROW(canonical_number(std::nan("")), MalformedSeal);
  EXPECT_THROW(canonical_number(std::numeric_limits<double>::infinity()), MalformedSeal);
  EXPECT_THROW(canonical_json(JsonValue::make_array({JsonValue::make_number(-std::numeric_limits<double>::infinity())})),
               MalformedSeal);
}

TEST(Jcs, RejectsValuesThatHaveNoCanonicalForm) {
  EXPECT_THROW(canonical_json(JsonValue::make_string("\xFF")), MalformedSeal);
  EXPECT_THROW(canonical_json(JsonValue::make_string("\xED\xA0\x80")), MalformedSeal);
  EXPECT_THROW(canonical_json(JsonValue::make_object({{"\xC0\x80", JsonValue::make_null()}})), MalformedSeal);
  EXPECT_THROW(canonical_json(JsonValue::make_object({{"a", JsonValue::make_null()}, {"a", JsonValue::make_bool(true)}})),
               MalformedSeal);
  JsonValue deep = JsonValue::make_null();
  for (int i = 0; i < 100; ++i) deep = JsonValue::make_array({deep});
  EXPECT_THROW(canonical_json(deep), MalformedSeal);
}

TEST(Jcs, CanonicalFormIsAFixedPoint) {
  const char* inputs[] = {
      R"({"b":[1.50,{"z":null,"y":"\u00e9\ud83d\ude00"}],"a":-0.0,"c":"\u0001\/"})",
      R"([1e300, 5e-324, 0.1, 1e21, 1e-7, 123456789012345678901234567890])",
      R"({"\ufb33":{"\ud83d\ude00":[],"":{}}})",
  };
  for (const char* input : inputs) {
    const std::string once = canonical(input);
    EXPECT_EQ(canonical(once), once);
  }
}

// Independent of the table: every output round-trips, is at least as short as the
// "%.{p}e, shortest p that round-trips" method, and uses plain notation exactly for
// 1e-6 <= |x| < 1e21.
TEST(Jcs, RandomDoublesRoundTripInShortestForm) {
  std::mt19937_64 random(20250514);
  std::vector<double> values;
  for (int e = -1074; e <= 1023; ++e) values.push_back(std::ldexp(1.0, e));
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t bits = random();
    const double value = from_bits(bits);
    if (std::isfinite(value)) values.push_back(value);
  }
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<double>(static_cast<std::int64_t>(random() >> 11)) / 1000);
  for (const double value : values) {
    const std::string text = canonical_number(value);
    ASSERT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
    std::size_t digits = 0;
    bool leading = true;
    for (const char c : text.substr(0, text.find('e'))) {
      if (c >= '1' && c <= '9') leading = false;
      if (c >= '0' && c <= '9' && !leading) ++digits;
    }
    std::string trimmed = text.substr(0, text.find('e'));
    if (trimmed.find('.') == std::string::npos) {  // integers: trailing zeros are not significant
      while (digits > 1 && trimmed.back() == '0') {
        trimmed.pop_back();
        --digits;
      }
    }
    int printf_digits = 17;
    char buffer[40];
    for (int p = 1; p <= 17; ++p) {
      std::snprintf(buffer, sizeof buffer, "%.*e", p - 1, value);
      if (std::strtod(buffer, nullptr) == value) {
        printf_digits = p;
        break;
      }
    }
    ASSERT_LE(digits, static_cast<std::size_t>(printf_digits)) << text;
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e21);
    ASSERT_EQ(text.find('e') == std::string::npos, plain) << text;
    if (magnitude == 1e-7) {
      ASSERT_EQ(text.substr(text[0] == '-' ? 1 : 0), "1e-7");
    }
  }
}

}  // namespace
}  // namespace docverify::seal
