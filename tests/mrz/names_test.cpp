#include <gtest/gtest.h>

#include "mrz/names.hpp"
#include "mrz/transliteration.hpp"

namespace docverify::mrz {

TEST(Names, PrimaryAndSecondary) {
  const ParsedName n = parse_icao_name("ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
  EXPECT_EQ(n.primary, "ERIKSSON");
  EXPECT_EQ(n.secondary, "ANNA MARIA");
  EXPECT_EQ(n.issues, 0);
}

TEST(Names, PrimaryOnly) {
  const ParsedName n = parse_icao_name("ARKFREITH<<<<<<<<<<<<<<<<<<<<<");
  EXPECT_EQ(n.primary, "ARKFREITH");
  EXPECT_EQ(n.secondary, "");
  EXPECT_EQ(n.issues, 0);
}

TEST(Names, IssuesAreReported) {
  EXPECT_TRUE(parse_icao_name("ER1KSSON<<ANNA<<<<<").issues & kNameDigit);
  EXPECT_TRUE(parse_icao_name("<<ANNA<<<<<<<<").issues & kNameLeadingFiller);
  EXPECT_TRUE(parse_icao_name("SMITH<<ANNA<<MARIA<<<").issues & kNameTextAfterFillers);
  EXPECT_TRUE(parse_icao_name("<<<<<<<<").issues & kNameEmpty);
  EXPECT_TRUE(parse_icao_name("NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGUAN").issues & kNamePossiblyTruncated);
  EXPECT_EQ(parse_icao_name("ER1KSSON<<ANNA<<<<<").first_bad_column, 2);
}

TEST(Names, BuildFitsAndTruncates) {
  EXPECT_EQ(build_name_field("ERIKSSON", "ANNA<MARIA", 39), "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
  const std::string cut = build_name_field("NILAVADHANANANDA", "ARNPOL<PETCH<CHARONGUANG", 39);
  EXPECT_EQ(cut.size(), 39U);
  EXPECT_EQ(cut, "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU");
  EXPECT_TRUE(parse_icao_name(cut).issues & kNamePossiblyTruncated);
  // A primary identifier that alone overflows keeps the initial of the secondary.
  const std::string long_primary = build_name_field("BENNELONG<WOOLOOMOOLOO<WARRANDYTE<WARNAMBOOL", "DINGO<POTOROO", 39);
  EXPECT_EQ(long_primary, "BENNELONG<WOOLOOMOOLOO<WARRANDYTE<WA<<D");
  // A cut that lands on a separator drops it.
  EXPECT_EQ(build_name_field("ABCDEFGH", "IJ<KL", 13), "ABCDEFGH<<IJ<");
}

TEST(Transliteration, IcaoExamples) {
  EXPECT_EQ(transliterate_name("Jean-Pierre"), "JEAN<PIERRE");
  EXPECT_EQ(transliterate_name("D'Artagnan"), "DARTAGNAN");
  EXPECT_EQ(transliterate_name("Müller"), "MUELLER");
  EXPECT_EQ(transliterate_name("Straße"), "STRASSE");
  EXPECT_EQ(transliterate_name("Åsa Ødegård"), "AASA<OEDEGAARD");
  EXPECT_EQ(transliterate_name("Иванов"), "IVANOV");
  EXPECT_EQ(transliterate_name("Þór"), "THOR");
  EXPECT_EQ(transliterate_name("  van der  Berg "), "VAN<DER<BERG");
}

TEST(Transliteration, VariantsAndInvalidUtf8) {
  const auto v = transliteration_variants("Müller");
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0], "MUELLER");
  EXPECT_NE(std::find(v.begin(), v.end(), "MULLER"), v.end());
  EXPECT_NE(std::find(v.begin(), v.end(), "MUXXLLER"), v.end());
  EXPECT_THROW(transliterate_name("\xC3"), std::invalid_argument);
  EXPECT_THROW(transliterate_name("\xED\xA0\x80"), std::invalid_argument);  // surrogate
}

}  // namespace docverify::mrz
