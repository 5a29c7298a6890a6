// JUnit XML: the document's shape and counts, and escaping of what XML 1.0 cannot carry as is.

#include <gtest/gtest.h>

#include "reports/junit.h"

namespace sfn {
namespace {

TEST(Junit, RendersOneSuiteWithCountsAndAFailureBody) {
  JunitSuite suite{"sfncheck replay",
                   {{"approve", "machine.asl.json", std::nullopt},
                    {"reject", "machine.asl.json", JunitFailure{"status is FAILED, expected SUCCEEDED",
                                                                "status is FAILED, expected SUCCEEDED\nsecond"}}}};
  EXPECT_EQ(render_junit(suite),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"sfncheck replay\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            "  <testsuite name=\"sfncheck replay\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            "    <testcase name=\"approve\" classname=\"machine.asl.json\"/>\n"
            "    <testcase name=\"reject\" classname=\"machine.asl.json\">\n"
            "      <failure message=\"status is FAILED, expected SUCCEEDED\" type=\"failure\">"
            "status is FAILED, expected SUCCEEDED\nsecond</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(Junit, EmptySuiteIsStillADocument) {
  const std::string xml = render_junit(JunitSuite{"s", {}});
  EXPECT_NE(xml.find("<testsuite name=\"s\" tests=\"0\" failures=\"0\""), std::string::npos) << xml;
}

TEST(Junit, EscapesMarkupInAttributesAndContent) {
  EXPECT_EQ(escape_xml(R"(a<b>&"c'd)"), "a&lt;b&gt;&amp;&quot;c&apos;d");
  EXPECT_EQ(escape_xml("x\ny\tz\r", XmlPlace::Attribute), "x&#10;y&#9;z&#13;");
  EXPECT_EQ(escape_xml("x\ny\tz\r", XmlPlace::Content), "x\ny\tz&#13;");
}

TEST(Junit, ControlCharactersXmlForbidsAreWrittenOutVisibly) {
  EXPECT_EQ(escape_xml(std::string("a\0b", 3)), "a\\u0000b");
  EXPECT_EQ(escape_xml("\x01\x08\x0B\x0C\x1F"), "\\u0001\\u0008\\u000B\\u000C\\u001F");
  EXPECT_EQ(escape_xml("\xEF\xBF\xBE|\xEF\xBF\xBF"), "\\uFFFE|\\uFFFF");  // U+FFFE, U+FFFF
  // DEL and C1 controls are allowed in XML 1.0 and kept.
  EXPECT_EQ(escape_xml("\x7F\xC2\x85"), "\x7F\xC2\x85");
}

TEST(Junit, BytesThatAreNotUtf8BecomeTheReplacementCharacter) {
  EXPECT_EQ(escape_xml("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(escape_xml("\xC3"), "\xEF\xBF\xBD");                      // truncated sequence
  EXPECT_EQ(escape_xml("\xED\xA0\x80"), "\xEF\xBF\xBD");              // an encoded surrogate
  EXPECT_EQ(escape_xml("caf\xC3\xA9 \xF0\x9F\x99\x82"), "caf\xC3\xA9 \xF0\x9F\x99\x82");  // kept as is
}

TEST(Junit, EveryFieldIsEscaped) {
  JunitSuite suite{"a&b", {{"<name>", "\"class\"", JunitFailure{"m\x01", "<d>"}}}};
  const std::string xml = render_junit(suite);
  EXPECT_NE(xml.find("name=\"a&amp;b\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase name=\"&lt;name&gt;\" classname=\"&quot;class&quot;\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("message=\"m\\u0001\""), std::string::npos) << xml;
  EXPECT_NE(xml.find(">&lt;d&gt;</failure>"), std::string::npos) << xml;
}

}  // namespace
}  // namespace sfn
