// Every check-digit position, corrupted to every other digit, in every format: the
// matching check fails, the MRZ is not valid, and no digit-for-digit "correction" hides it.
#include <gtest/gtest.h>

#include "mrz/check_plan.hpp"
#include "mrz/validation.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

namespace {


struct Case {
  const char* name;
  const std::vector<std::string>* lines;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Corruption : public ::testing::TestWithParam<Case> {};

TEST_P(Corruption, EveryDigitPositionEveryValue) {
  const auto& lines = *GetParam().lines;
  const MrzOptions opts = options_on(2010, 1, 1);
  const MrzResult clean = parse_mrz(join(lines), opts);
  ASSERT_TRUE(clean.valid);
  int cases = 0;
  for (std::uint8_t i = 0; i < clean.check_digit_count; ++i) {
    const CheckDigitResult& cd = clean.check_digits[i];
    for (char d = '0'; d <= '9'; ++d) {
      if (d == cd.found) continue;
      std::vector<std::string> bad = lines;
      bad[cd.line][cd.column] = d;
      for (bool correct : {true, false}) {
        MrzOptions o = opts;
        o.correct = correct;
        const MrzResult r = parse_mrz(join(bad), o);
        EXPECT_FALSE(r.valid) << GetParam().name << " digit " << int(i) << " -> " << d;
        const CheckDigitResult* got = digit_of(r, cd.field);
        ASSERT_NE(got, nullptr);
        EXPECT_EQ(got->status, CheckDigitStatus::fail);
        EXPECT_EQ(status_of(r, check_digit_check_id(cd.field)), CheckStatus::error);
        EXPECT_EQ(r.verdict.status, VerdictStatus::error);
        EXPECT_TRUE(r.corrections.empty());
        ++cases;
      }
    }
  }
  EXPECT_EQ(cases, clean.check_digit_count * 9 * 2);
}

// A corrupted data character (not the digit) makes its field's digit fail, and the
// composite too where it covers the field.
TEST_P(Corruption, EveryCoveredDataPosition) {
  const auto& lines = *GetParam().lines;
  const MrzOptions opts = [] {
    MrzOptions o = options_on(2010, 1, 1);
    o.correct = false;
    return o;
  }();
  const MrzResult clean = parse_mrz(join(lines), opts);
  MrzLines ml;
  for (const auto& l : lines) ml.append_line(l);
  const CheckPlan plan = plan_checks(layout_of(clean.format), ml);
  for (std::uint8_t c = 0; c < plan.count; ++c) {
    const PlannedCheck& pc = plan.checks[c];
    for (std::uint8_t s = 0; s < pc.span_count; ++s) {
      for (int k = 0; k < pc.spans[s].length; ++k) {
        std::vector<std::string> bad = lines;
        char& ch = bad[pc.spans[s].line][pc.spans[s].start + k];
        // A change of +1 in value always changes the residue (weights are coprime with 10).
        ch = ch == '<' ? '1' : ch == '9' ? 'A' : ch == 'Z' ? '0' : static_cast<char>(ch + 1);
        const MrzResult r = parse_mrz(join(bad), opts);
        EXPECT_FALSE(r.valid) << GetParam().name << " line " << int(pc.spans[s].line) << " col "
                              << pc.spans[s].start + k;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, Corruption,
                         ::testing::Values(Case{"TD3", &kTd3}, Case{"TD2", &kTd2}, Case{"TD1", &kTd1},
                                           Case{"MRVA", &kMrva}, Case{"MRVB", &kMrvb}, Case{"FRA_ID", &kFraId}),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace docverify::mrz
