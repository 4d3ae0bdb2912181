// Property: random valid fields -> build -> parse gives the same fields back, for every
// format, thousands of cases each, with a fixed seed so failures reproduce.
#include <gtest/gtest.h>

#include <random>

#include "mrz/builder.hpp"
#include "mrz/country_codes.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

namespace {

class Gen {
 public:
  explicit Gen(std::uint32_t seed) : rng_(seed) {}
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  char pick(std::string_view s) { return s[static_cast<std::size_t>(uniform(0, static_cast<int>(s.size()) - 1))]; }
  std::string word(int lo, int hi) {
    std::string w;
    const int n = uniform(lo, hi);
    for (int i = 0; i < n; ++i) w += pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    return w;
  }
  std::string alnum(int n) {
    std::string w;
    for (int i = 0; i < n; ++i) w += pick("ABCDEFGHJKLMNPRSTUVWXYZ0123456789");
    return w;
  }
  std::string digits(int n) {
    std::string w;
    for (int i = 0; i < n; ++i) w += pick("0123456789");
    return w;
  }
  std::string code() {
    const auto table = all_country_codes();
    const auto n = static_cast<int>(table.end - table.begin);
    for (;;) {
      const CountryCode& c = table.begin[uniform(0, n - 1)];
      if (c.iso3166 && c.as_issuer == CodeUse::ok) return std::string(c.code);
    }
  }
  std::string date(int y0, int y1) {
    const int y = uniform(y0, y1), m = uniform(1, 12), d = uniform(1, days_in_month(y, m));
    return format_iso_date(Date{y, m, d});
  }

 private:
  std::mt19937 rng_;
};

struct Expected {
  std::string number, surname, given, optional, optional2;
};

}  // namespace

}  // namespace docverify::mrz

namespace docverify::mrz {
// Shown in test names instead of the enum's bytes.
inline void PrintTo(Format f, std::ostream* os) { *os << format_name(f); }

class RoundTrip : public ::testing::TestWithParam<Format> {};

TEST_P(RoundTrip, RandomFieldsSurviveBuildAndParse) {
  const Format format = GetParam();
  Gen g(20261201U + static_cast<std::uint32_t>(format));
  const MrzOptions opts = options_on(2026, 12, 1);
  constexpr int kCases = 3000;
  int truncated = 0;
  for (int i = 0; i < kCases; ++i) {
    MrzFieldsInput in;
    in.format = format;
    const bool visa = format == Format::mrva || format == Format::mrvb;
    in.document_code = format == Format::td3 ? "P" : visa ? "V" : format == Format::fra_id ? "ID" : "I";
    if (g.uniform(0, 1) && format != Format::fra_id) in.document_code += g.pick("ABCDEFGHJKLMNORSTUVWXYZ");
    in.issuing_state = format == Format::fra_id ? "FRA" : g.code();
    in.nationality = format == Format::fra_id ? "FRA" : g.code();
    if (format == Format::fra_id) {
      in.document_number = g.digits(4) + g.digits(3) + g.digits(5);
      in.optional_data = g.digits(3) + g.digits(3);
    } else if ((format == Format::td1 || format == Format::td2) && g.uniform(0, 3) == 0) {
      in.document_number = g.alnum(g.uniform(10, format == Format::td1 ? 20 : 14));  // long number
    } else {
      in.document_number = g.alnum(g.uniform(5, 9));
    }
    in.birth_date = g.date(1930, 2025);
    in.expiry_date = format == Format::fra_id ? "" : g.date(2027, 2040);
    in.sex = g.pick("MFX");
    // Names: one to three components each, sometimes long enough to be truncated.
    for (int k = g.uniform(1, 2); k > 0; --k) in.surname += (in.surname.empty() ? "" : " ") + g.word(2, 12);
    for (int k = g.uniform(0, 3); k > 0; --k) in.given_names += (in.given_names.empty() ? "" : " ") + g.word(2, 10);
    const std::size_t opt_room =
        format == Format::td3 ? 14 : format == Format::mrva ? 16 : format == Format::mrvb ? 8 : format == Format::td2 ? 7 : 15;
    if (format != Format::fra_id && in.document_number.size() <= 9 && g.uniform(0, 1))
      in.optional_data = g.alnum(g.uniform(1, static_cast<int>(opt_room)));
    if (format == Format::td1 && g.uniform(0, 1)) in.optional_data_2 = g.alnum(g.uniform(1, 11));

    const BuiltMrz built = build_mrz(in);
    const MrzResult r = parse_mrz(join(built.lines), opts);
    SCOPED_TRACE(join(built.lines));
    ASSERT_EQ(r.format, format);
    ASSERT_TRUE(r.valid);
    EXPECT_TRUE(r.corrections.empty());
    std::string code = in.document_code;
    EXPECT_EQ(r.fields.document_code, code);
    EXPECT_EQ(r.fields.issuing_state, in.issuing_state);
    EXPECT_EQ(r.fields.nationality, in.nationality);
    EXPECT_EQ(r.fields.document_number, in.document_number);
    EXPECT_EQ(r.fields.birth_date.iso(), in.birth_date);
    EXPECT_EQ(r.fields.expiry_date.iso(), in.expiry_date);
    EXPECT_EQ(r.fields.sex, in.sex);
    EXPECT_EQ(r.fields.optional_data, in.optional_data);
    EXPECT_EQ(r.fields.optional_data_2, in.optional_data_2);
    if (built.name_truncated) {
      ++truncated;
      // A truncated name is a prefix of the full one.
      EXPECT_EQ(in.surname.rfind(r.fields.surname.substr(0, std::min<std::size_t>(r.fields.surname.size(), 3)), 0), 0U);
    } else {
      EXPECT_EQ(r.fields.surname, in.surname);
      EXPECT_EQ(r.fields.given_names, in.given_names);
    }
  }
  RecordProperty("truncated_names", truncated);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTrip,
                         ::testing::Values(Format::td1, Format::td2, Format::td3, Format::mrva, Format::mrvb,
                                           Format::fra_id),
                         [](const auto& p) { return std::string(format_name(p.param)); });

}  // namespace docverify::mrz
