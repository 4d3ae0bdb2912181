#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "seal/json.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

std::string error_of(const std::string& text, const JsonLimits& limits = {}) {
  try {
    (void)parse_json(text, limits);
  } catch (const MalformedSeal& error) {
    return error.what();
  }
  return "";
}

TEST(Json, ParsesScalarsAndContainers) {
  const JsonValue v = parse_json(R"( {"a":[null,true,false,-12.5,"x"],"b":{},"c":[]} )");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.members.size(), 3U);
  const JsonValue* a = v.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->is_array());
  ASSERT_EQ(a->items.size(), 5U);
  EXPECT_TRUE(a->items[0].is_null());
  EXPECT_TRUE(a->items[1].is_bool());
  EXPECT_TRUE(a->items[1].boolean);
  EXPECT_FALSE(a->items[2].boolean);
  EXPECT_EQ(a->items[3].number, -12.5);
  EXPECT_FALSE(a->items[3].is_integer());
  EXPECT_EQ(a->items[4].text, "x");
  EXPECT_TRUE(v.find("b")->is_object());
  EXPECT_TRUE(v.find("c")->is_array());
  EXPECT_EQ(v.find("missing"), nullptr);
  EXPECT_EQ(a->find("a"), nullptr);  // not an object
  EXPECT_TRUE(parse_json("7").is_integer());
  EXPECT_TRUE(parse_json("7.0").is_integer());
  EXPECT_EQ(parse_json("\"s\"").text, "s");
}

TEST(Json, KeepsMembersInDocumentOrder) {
  const JsonValue v = parse_json(R"({"z":1,"a":2,"m":3})");
  ASSERT_EQ(v.members.size(), 3U);
  EXPECT_EQ(v.members[0].key, "z");
  EXPECT_EQ(v.members[1].key, "a");
  EXPECT_EQ(v.members[2].key, "m");
}

TEST(Json, DecodesEscapes) {
  EXPECT_EQ(parse_json(R"("\"\\\/\b\f\n\r\t")").text, "\"\\/\b\f\n\r\t");
  EXPECT_EQ(parse_json(R"("\u0041\u00e9\u20AC")").text, "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(parse_json(R"("\ud83d\ude00")").text, "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(parse_json(R"("\uDBFF\uDFFF")").text, "\xF4\x8F\xBF\xBF");  // U+10FFFF
  EXPECT_EQ(parse_json(R"("\u0000")").text, std::string(1, '\0'));
}

TEST(Json, RejectsLoneSurrogates) {
  for (const char* text : {R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", R"("\ud800x")", R"("\ud83d\ud83d")",
                           R"("\ude00\ud83d")", R"("\ud800\")"}) {
    EXPECT_NE(error_of(text), "") << text;
  }
}

TEST(Json, RejectsDuplicateKeys) {
  EXPECT_NE(error_of(R"({"a":1,"a":2})").find("duplicate member name at byte 7"), std::string::npos)
      << error_of(R"({"a":1,"a":2})");
  EXPECT_NE(error_of(R"({"a":1,"\u0061":2})"), "");  // equal after unescaping
  EXPECT_NE(error_of(R"({"x":{"b":1,"c":2,"b":3}})"), "");
  EXPECT_NE(error_of(R"([{"k":1},{"k":2,"k":2}])"), "");
  EXPECT_EQ(error_of(R"({"a":{"a":{"a":1}},"b":{"a":2}})"), "");  // same key in different objects is fine
  EXPECT_EQ(error_of(R"({"a":1,"A":2,"a ":3})"), "");
}

TEST(Json, ValidatesUtf8) {
  const std::vector<std::string> valid = {
      "\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
      "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"};
  for (const auto& s : valid) {
    const std::string text = "\"" + s + "\"";
    EXPECT_EQ(parse_json(text).text, s);
  }
  const std::vector<std::string> invalid = {
      "\xC0\x80",          // overlong NUL
      "\xC1\xBF",          // overlong
      "\xE0\x80\x80",      // overlong
      "\xE0\x9F\xBF",      // overlong U+07FF
      "\xF0\x80\x80\x80",  // overlong
      "\xF0\x8F\xBF\xBF",  // overlong U+FFFF
      "\xED\xA0\x80",      // U+D800 encoded in UTF-8
      "\xED\xBF\xBF",      // U+DFFF
      "\xF4\x90\x80\x80",  // U+110000
      "\xF5\x80\x80\x80", "\xFF", "\xFE", "\x80", "\xBF",
      "\xE2\x82",          // truncated
      "\xC3",              // truncated before the quote
      "\xE2\x28\xA1",      // bad continuation
  };
  for (const auto& s : invalid) {
    const std::string text = "\"" + s + "\"";
    EXPECT_NE(error_of(text), "") << "bytes of length " << s.size();
  }
  EXPECT_NE(error_of("[\"a\"]\xC3\xA9"), "");  // non-ASCII outside a string
}

TEST(Json, RejectsNonStrictSyntax) {
  const std::vector<std::string> corpus = {
      "", " ", "[", "]", "{", "}", "[1,]", "[,1]", "[1,,2]", "[1 2]", "{\"a\":1,}", "{,}", "{\"a\" 1}",
      "{\"a\":}", "{a:1}", "{'a':1}", "['a']", "{\"a\":1 \"b\":2}", "[1]]", "[1] [2]", "01", "-01", "00",
      "+1", ".5", "1.", "-", "-.5", "1e", "1e+", "1E-", "0x10", "1_000", "NaN", "Infinity", "-Infinity",
      "nan", "TRUE", "True", "tru", "nul", "nulll", "true false", "/* c */ 1", "[1] // c", "[1]#",
      "\"abc", "\"\\x\"", "\"\\u00\"", "\"\\uZZZZ\"", "\"\\u12G4\"", "\"a\tb\"", "\"a\nb\"",
      std::string("\"a\0b\"", 5), "\v1", "\f1", "\xC2\xA0" "1", "1\v", "\xEF\xBB\xBF{}", "[\"\\", "{\"a\"",
      "{\"a\":", "[1e400]"};
  for (const auto& text : corpus) {
    EXPECT_NE(error_of(text), "") << "accepted: " << text;
  }
}

TEST(Json, ParsesNumbersToTheNearestDouble) {
  EXPECT_EQ(parse_json("0.1").number, 0.1);
  EXPECT_EQ(parse_json("1e-7").number, 1e-7);
  EXPECT_EQ(parse_json("1E+2").number, 100.0);
  EXPECT_EQ(parse_json("123456789012345678901234567890").number, 1.2345678901234568e29);
  const double negative_zero = parse_json("-0").number;
  EXPECT_EQ(negative_zero, 0.0);
  EXPECT_TRUE(std::signbit(negative_zero));
  EXPECT_EQ(parse_json("-0.0e5").number, 0.0);
  EXPECT_EQ(parse_json("5e-324").number, std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(parse_json("2.4703282292062328e-324").number, std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(parse_json("1.7976931348623157e308").number, std::numeric_limits<double>::max());
  EXPECT_EQ(parse_json("-1.7976931348623157e308").number, -std::numeric_limits<double>::max());
  EXPECT_EQ(parse_json("2.2250738585072011e-308").number, 2.2250738585072011e-308);
  // Round half to even at 2^53 + 1, and a long decimal expansion of 0.1.
  EXPECT_EQ(parse_json("9007199254740993").number, 9007199254740992.0);
  EXPECT_EQ(parse_json("0.1000000000000000055511151231257827").number, 0.1);
  EXPECT_EQ(parse_json("0e999999").number, 0.0);
}

TEST(Json, RejectsNumbersOutsideDoubleRange) {
  for (const char* text : {"1e309", "-1e309", "1.8e308", "1e-400", "-1e-400", "2.4e-324", "1e99999999999999999999"}) {
    const std::string error = error_of(text);
    EXPECT_NE(error.find("outside the range"), std::string::npos) << text << ": " << error;
  }
}

TEST(Json, ErrorsNameTheByteOffset) {
  EXPECT_NE(error_of("[1,2,x]").find("at byte 5"), std::string::npos) << error_of("[1,2,x]");
  EXPECT_NE(error_of("{\"a\":1,}").find("at byte 7"), std::string::npos) << error_of("{\"a\":1,}");
  EXPECT_NE(error_of("[01]").find("leading zero"), std::string::npos);
  EXPECT_NE(error_of("\"ab\xC0\x80\"").find("at byte 3"), std::string::npos);
  EXPECT_NE(error_of("\xEF\xBB\xBF[]").find("byte order mark"), std::string::npos);
}

TEST(Json, TruncationAtEveryPositionThrows) {
  const std::string sample =
      R"({"data":{"hdr":{"t":"icao.vacc","v":1,"is":"UTO"},"msg":{"n":"J\u00f6rg \ud83d\ude00","a":[1.5e-7,-0,true,)"
      R"(false,null,{}],"e":"\"\\"}},"sig":{"alg":"ES256"}})";
  ASSERT_NO_THROW(parse_json(sample));
  for (std::size_t length = 0; length < sample.size(); ++length) {
    EXPECT_THROW(parse_json(sample.substr(0, length)), MalformedSeal) << "prefix of length " << length;
  }
}

TEST(Json, MutatedBytesThrowOnlyMalformedSeal) {
  const std::string sample = R"({"a":[1,-2.5e3,"x\u00e9y",true,null],"b":{"c":"\ud83d\ude00"}})";
  const char replacements[] = {'\0', '"', '\\', '{', '}', '[', ']', ',', ':', '0', 'e', '-', 'u', '\x80', '\xFF'};
  for (std::size_t i = 0; i < sample.size(); ++i) {
    for (const char r : replacements) {
      std::string mutated = sample;
      mutated[i] = r;
      try {
        (void)parse_json(mutated);
      } catch (const MalformedSeal&) {
      }
    }
  }
}

TEST(Json, BoundsNestingDepth) {
  const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_NO_THROW(parse_json(nested(64)));
  EXPECT_NE(error_of(nested(65)).find("nesting deeper than 64"), std::string::npos);
  // Far deeper than any stack would survive without the limit.
  EXPECT_THROW(parse_json(std::string(60000, '[')), MalformedSeal);
  std::string objects;
  for (int i = 0; i < 65; ++i) objects += "{\"a\":";
  objects += "1" + std::string(65, '}');
  EXPECT_THROW(parse_json(objects), MalformedSeal);
  JsonLimits shallow;
  shallow.max_depth = 2;
  EXPECT_NO_THROW(parse_json("[[1]]", shallow));
  EXPECT_THROW(parse_json("[[[1]]]", shallow), MalformedSeal);
}

TEST(Json, BoundsSizeAndValueCount) {
  const std::string big = "\"" + std::string(64 * 1024 - 2, 'a') + "\"";
  EXPECT_NO_THROW(parse_json(big));
  EXPECT_NE(error_of(big + " ").find("longer than the limit"), std::string::npos);
  JsonLimits few;
  few.max_values = 4;
  EXPECT_NO_THROW(parse_json("[1,2,3]", few));  // the array and three numbers
  EXPECT_NE(error_of("[1,2,3,4]", few).find("more than 4 values"), std::string::npos);
  EXPECT_NO_THROW(parse_json("{\"a\":{\"b\":[1]}}", few));  // four values
  EXPECT_THROW(parse_json("{\"a\":{\"b\":[1,2]}}", few), MalformedSeal);
}

TEST(Json, ManyMembersAreCheckedForDuplicatesQuickly) {
  std::string text = "{";
  for (int i = 0; i < 5000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  EXPECT_EQ(parse_json(text + "}").members.size(), 5000U);
  EXPECT_NE(error_of(text + ",\"k4321\":1}").find("duplicate"), std::string::npos);
}

TEST(Json, EqualityIsDeep) {
  EXPECT_EQ(parse_json(R"({"a":[1,{"b":null}]})"), parse_json(R"( { "a" : [ 1.0 , { "b" : null } ] } )"));
  EXPECT_NE(parse_json(R"({"a":[1,{"b":null}]})"), parse_json(R"({"a":[1,{"b":false}]})"));
  EXPECT_NE(parse_json(R"({"a":1,"b":2})"), parse_json(R"({"b":2,"a":1})"));  // order is kept
}

}  // namespace
}  // namespace docverify::seal
