#include <gtest/gtest.h>

#include "report/json_writer.hpp"
#include "report/mrz_report.hpp"
#include "test_support.hpp"

namespace docverify::mrz {
using namespace test;

TEST(Report, JsonHasTheSchemaFields) {
  const MrzResult r = parse_mrz(join(kTd3), options_on(2010, 1, 1));
  const std::string j = report::mrz_report_json(r, {Date{2010, 1, 1}, Profile::kiosk});
  for (const char* needle :
       {"\"schema\":\"docverify/1\"", "\"format\":\"TD3\"", "\"valid\":true", "\"document_number\":\"L898902C3\"",
        "\"birth_date\":\"1974-08-12\"", "\"given_names\":\"ANNA MARIA\"", "\"optional_data\":\"ZE184226B\"",
        "{\"field\":\"document_number\",\"status\":\"ok\",\"expected\":\"6\",\"found\":\"6\"",
        "\"uncovered_fields\":[", "\"corrections\":[]", "\"id\":\"mrz.check_digit.composite\"",
        "\"verdict\":{\"status\":\"error\""})
    EXPECT_NE(j.find(needle), std::string::npos) << needle << "\n" << j;
}

TEST(Report, JsonEscapesAndRepairsUtf8) {
  std::string out;
  report::append_json_string(out, "a\"b\\c\n\x01\xC3\xA9\xFF");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\xEF\xBF\xBD\"");
}

TEST(Report, TextReportNamesVerdictAndChecks) {
  const MrzResult r = parse_mrz(join(kTd3), options_on(2010, 1, 1));
  const std::string t = report::mrz_report_text(r, {Date{2010, 1, 1}, Profile::kiosk});
  EXPECT_NE(t.find("Verdict: ERROR (specimen)"), std::string::npos) << t;
  EXPECT_NE(t.find("no check digit covers: document_code"), std::string::npos);
  EXPECT_NE(t.find("text.specimen"), std::string::npos);
}

}  // namespace docverify::mrz
