#pragma once
// JUnit XML for CI: one test suite of test cases, each passed or failed with a message and details.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfn {

struct JunitFailure {
  std::string message;  // one line, for the failure's `message` attribute
  std::string details;  // the body of <failure>: any text, line breaks kept
};

struct JunitCase {
  std::string name;
  std::string classname;
  std::optional<JunitFailure> failure;  // absent: the case passed
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

// A UTF-8 XML 1.0 document: <testsuites> around one <testsuite> with its counts.
std::string render_junit(const JunitSuite& suite);

// Text made safe for XML 1.0: markup characters as entities; in an attribute value also line
// breaks and tabs as character references (a parser would otherwise fold them into spaces); and
// what XML 1.0 cannot carry at all, not even as a reference (most control characters, U+FFFE,
// U+FFFF), written out visibly as \uXXXX, with surrogates and bytes that are not UTF-8 as U+FFFD.
enum class XmlPlace { Attribute, Content };
std::string escape_xml(std::string_view text, XmlPlace place = XmlPlace::Attribute);

}  // namespace sfn
