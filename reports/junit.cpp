#include "reports/junit.h"

#include <cstdio>

#include "analyzer/utf8.h"

namespace sfn {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool allowed_in_xml(char32_t c) {
  if (c == 0x9 || c == 0xA || c == 0xD) return true;
  if (c < 0x20) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

}  // namespace

std::string escape_xml(std::string_view text, XmlPlace place) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    char32_t c = next_code_point(text, pos);
    // A byte that starts no well-formed sequence comes back as itself, one byte consumed.
    if (c >= 0x80 && pos - start == 1) c = kReplacement;
    if ((c == '\n' || c == '\t') && place == XmlPlace::Content) {
      out += static_cast<char>(c);
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      case '\n': out += "&#10;"; continue;
      case '\r': out += "&#13;"; continue;
      case '\t': out += "&#9;"; continue;
      default: break;
    }
    if (!allowed_in_xml(c)) {
      if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
        out += escaped;
      } else {
        append_utf8(out, kReplacement);
      }
      continue;
    }
    append_utf8(out, c);
  }
  return out;
}

std::string render_junit(const JunitSuite& suite) {
  std::size_t failures = 0;
  for (const JunitCase& test : suite.cases) failures += test.failure.has_value();
  const std::string counts = " tests=\"" + std::to_string(suite.cases.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"0\" skipped=\"0\"";
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites name=\"" + escape_xml(suite.name) + "\"" + counts + ">\n";
  xml += "  <testsuite name=\"" + escape_xml(suite.name) + "\"" + counts + ">\n";
  for (const JunitCase& test : suite.cases) {
    xml += "    <testcase name=\"" + escape_xml(test.name) + "\" classname=\"" + escape_xml(test.classname) + "\"";
    if (!test.failure) {
      xml += "/>\n";
      continue;
    }
    xml += ">\n      <failure message=\"" + escape_xml(test.failure->message) + "\" type=\"failure\">" +
           escape_xml(test.failure->details, XmlPlace::Content) + "</failure>\n    </testcase>\n";
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace sfn
