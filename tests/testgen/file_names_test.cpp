// testgen/file_names: names made from hostile text are plain, readable, bounded file names that
// never cut a UTF-8 sequence, and the names of a set of tests are distinct case-insensitively,
// avoid reserved names, and are the same for the same input.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testgen/file_names.h"

namespace sfn::testgen {
namespace {

using namespace std::string_literals;

bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

// What every stem must be, whatever it was made from.
void expect_plain_stem(const std::string& stem, std::size_t max_bytes = 200) {
  EXPECT_FALSE(stem.empty());
  EXPECT_LE(stem.size(), max_bytes) << stem;
  EXPECT_NE(stem, ".");
  EXPECT_NE(stem, "..");
  EXPECT_NE(stem.front(), '.') << stem;
  EXPECT_NE(stem.front(), '-') << stem;
  EXPECT_EQ(stem.find_first_of("/\\:*?\"<>| \t\n\r"s + '\0'), std::string::npos) << stem;
  EXPECT_EQ(stem.find("--"), std::string::npos) << stem;
  EXPECT_TRUE(is_valid_utf8(stem)) << stem;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return text;
}

TEST(FileStem, KeepsReadableTextAndDashesTheRest) {
  EXPECT_EQ(file_stem_for("covers rule 'Is Healthy?' #0"), "covers-rule-Is-Healthy-0");
  EXPECT_EQ(file_stem_for("Check_Order-v2.1"), "Check_Order-v2.1");
  EXPECT_EQ(file_stem_for("  spaces   here "), "spaces-here");
  EXPECT_EQ(file_stem_for("a\\b:c*d?e\"f<g>h|i"), "a-b-c-d-e-f-g-h-i");
  EXPECT_EQ(file_stem_for("a\tb\nc\0d"s), "a-b-c-d");
  EXPECT_EQ(file_stem_for("a---b"), "a-b");
}

TEST(FileStem, PathsNeverSurvive) {
  EXPECT_EQ(file_stem_for("/"), "test");
  EXPECT_EQ(file_stem_for("."), "test");
  EXPECT_EQ(file_stem_for(".."), "test");
  EXPECT_EQ(file_stem_for("../../etc/passwd"), "etc-passwd");
  EXPECT_EQ(file_stem_for("a/b"), "a-b");
  EXPECT_EQ(file_stem_for("/abs/path/"), "abs-path");
  EXPECT_EQ(file_stem_for(".hidden"), "hidden");
  EXPECT_EQ(file_stem_for("...a..."), "a");
  EXPECT_EQ(file_stem_for("..\\..\\windows"), "windows");
  for (const char* text : {"/", "..", "../../etc/passwd", "a/b", "./.", "-.-", "\\\\server\\share"})
    expect_plain_stem(file_stem_for(text));
}

TEST(FileStem, EmptyBecomesTest) {
  EXPECT_EQ(file_stem_for(""), "test");
  EXPECT_EQ(file_stem_for("   "), "test");
  EXPECT_EQ(file_stem_for("???"), "test");
}

TEST(FileStem, WindowsDeviceNamesGetADash) {
  EXPECT_EQ(file_stem_for("CON"), "CON-");
  EXPECT_EQ(file_stem_for("con"), "con-");
  EXPECT_EQ(file_stem_for("Nul"), "Nul-");
  EXPECT_EQ(file_stem_for("aux.json"), "aux-.json");
  EXPECT_EQ(file_stem_for("COM1"), "COM1-");
  EXPECT_EQ(file_stem_for("lpt9"), "lpt9-");
  EXPECT_EQ(file_stem_for("COM\u00B9"), "COM\u00B9-");
  EXPECT_EQ(file_stem_for(" CON "), "CON-");
  EXPECT_EQ(file_stem_for("COM10"), "COM10");
  EXPECT_EQ(file_stem_for("CONSOLE"), "CONSOLE");
  EXPECT_EQ(file_stem_for("CON-Check"), "CON-Check");
}

TEST(FileStem, KeepsUnicodeStateNames) {
  EXPECT_EQ(file_stem_for("注文を処理"), "注文を処理");
  EXPECT_EQ(file_stem_for("🚀 Launch"), "🚀-Launch");
  EXPECT_EQ(file_stem_for("Überprüfung der Bestellung"), "Überprüfung-der-Bestellung");
  EXPECT_EQ(file_stem_for("Заказ/Оплата"), "Заказ-Оплата");
}

TEST(FileStem, InvisibleAndLookAlikeCharactersBecomeDashes) {
  EXPECT_EQ(file_stem_for("a\u202Eexe.txt"), "a-exe.txt");  // right-to-left override
  EXPECT_EQ(file_stem_for("a\u200Bb"), "a-b");               // zero-width space
  EXPECT_EQ(file_stem_for("a\u00A0b"), "a-b");               // no-break space
  EXPECT_EQ(file_stem_for("a\u3000b"), "a-b");               // ideographic space
  EXPECT_EQ(file_stem_for("a\u0085b"), "a-b");               // C1 control (next line)
  EXPECT_EQ(file_stem_for("a\uFEFFb"), "a-b");               // byte order mark
  EXPECT_EQ(file_stem_for("a\uFF0Fb\u2215c\uFF3Cd"), "a-b-c-d");  // fullwidth and division slashes
}

TEST(FileStem, InvalidUtf8BecomesDashes) {
  EXPECT_EQ(file_stem_for("\xff\xfe"), "test");
  EXPECT_EQ(file_stem_for("a\xc3"), "a");               // truncated sequence
  EXPECT_EQ(file_stem_for("a\xc0\xaf" "b"), "a-b");     // overlong '/'
  EXPECT_EQ(file_stem_for("a\xed\xa0\x80" "b"), "a-b"); // surrogate
  EXPECT_EQ(file_stem_for("a\xf4\x90\x80\x80" "b"), "a-b");  // past U+10FFFF
  EXPECT_EQ(file_stem_for("a\x80" "b"), "a-b");         // stray continuation byte
  expect_plain_stem(file_stem_for("\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc"));
}

TEST(FileStem, LongNamesAreCutAtACodePoint) {
  // 1,000 bytes: one ASCII byte then 2-byte, 3-byte and 4-byte characters, so the cut falls inside one.
  for (const std::string& unit : {"é"s, "注"s, "🚀"s}) {
    for (std::size_t offset = 0; offset < 4; ++offset) {
      std::string text(offset, 'a');
      while (text.size() < 1000) text += unit;
      const std::string stem = file_stem_for(text);
      expect_plain_stem(stem);
      EXPECT_GT(stem.size(), 200 - unit.size()) << stem;
      EXPECT_EQ(text.compare(0, stem.size(), stem), 0);
    }
  }
  EXPECT_EQ(file_stem_for(std::string(1000, 'x'), 50), std::string(50, 'x'));
  EXPECT_EQ(file_stem_for(std::string(49, 'x') + " y", 50), std::string(49, 'x'));  // no dash left at the end
}

TEST(UniqueFileNames, PlainStemsKeepTheirNames) {
  EXPECT_EQ(unique_file_names({"a", "b", "covers rule 'Is Healthy?' #0"}, ".json"),
            (std::vector<std::string>{"a.json", "b.json", "covers-rule-Is-Healthy-0.json"}));
  EXPECT_TRUE(unique_file_names({}, ".json").empty());
}

TEST(UniqueFileNames, EqualStemsGetSuffixesInInputOrder) {
  EXPECT_EQ(unique_file_names({"Check Order", "Check/Order", "check order", "Check?Order"}, ".json"),
            (std::vector<std::string>{"Check-Order.json", "Check-Order-2.json", "check-order-3.json",
                                      "Check-Order-4.json"}));
  EXPECT_EQ(unique_file_names({"/", "..", "", "?"}, ".json"),
            (std::vector<std::string>{"test.json", "test-2.json", "test-3.json", "test-4.json"}));
}

TEST(UniqueFileNames, CaseAndAccentSpellingsCollide) {
  const std::vector<std::string> names =
      unique_file_names({"Ärger", "ärger", "A\u0308rger", "ΣΟΦΙΑ", "σοφια", "ЗАКАЗ", "заказ"}, ".json");
  EXPECT_EQ(names, (std::vector<std::string>{"Ärger.json", "ärger-2.json", "A\u0308rger-3.json", "ΣΟΦΙΑ.json",
                                             "σοφια-2.json", "ЗАКАЗ.json", "заказ-2.json"}));
}

TEST(UniqueFileNames, SuffixesDependOnlyOnEqualStems) {
  const std::vector<std::string> alone = unique_file_names({"x", "a", "x"}, ".json");
  const std::vector<std::string> with_others = unique_file_names({"b", "x", "c", "a", "d", "x", "e"}, ".json");
  EXPECT_EQ(alone, (std::vector<std::string>{"x.json", "a.json", "x-2.json"}));
  EXPECT_EQ(with_others[1], "x.json");
  EXPECT_EQ(with_others[5], "x-2.json");
}

TEST(UniqueFileNames, AStemSpelledLikeASuffixedNameStillGetsItsOwnName) {
  EXPECT_EQ(unique_file_names({"a", "a", "a-2"}, ".json"),
            (std::vector<std::string>{"a.json", "a-3.json", "a-2.json"}));
  EXPECT_EQ(unique_file_names({"A-2", "a", "a", "a"}, ".json"),
            (std::vector<std::string>{"A-2.json", "a.json", "a-3.json", "a-4.json"}));
}

TEST(UniqueFileNames, ReservedNamesAreNeverTaken) {
  const std::vector<std::string> reserved = {"coverage.json", "MockConfigFile.json"};
  EXPECT_EQ(unique_file_names({"coverage", "mockconfigfile", "MockConfigFile", "Coverage"}, ".json", 200, reserved),
            (std::vector<std::string>{"coverage-2.json", "mockconfigfile-2.json", "MockConfigFile-3.json",
                                      "Coverage-3.json"}));
}

TEST(UniqueFileNames, LongStemsStayDistinctAndBounded) {
  std::string long_stem;
  while (long_stem.size() < 1000) long_stem += "状態🚀";
  std::vector<std::string> stems;
  for (int i = 0; i < 12; ++i) stems.push_back(long_stem + std::to_string(i));  // equal once cut
  for (const std::size_t max_bytes : {std::size_t{200}, std::size_t{64}, std::size_t{30}}) {
    const std::vector<std::string> names = unique_file_names(stems, ".json", max_bytes);
    std::set<std::string> distinct;
    for (const std::string& name : names) {
      EXPECT_LE(name.size(), max_bytes) << name;
      EXPECT_TRUE(is_valid_utf8(name)) << name;
      EXPECT_EQ(name.substr(name.size() - 5), ".json");
      expect_plain_stem(name.substr(0, name.size() - 5), max_bytes);
      distinct.insert(lower(name));
    }
    EXPECT_EQ(distinct.size(), names.size());
  }
}

TEST(UniqueFileNames, HostileStemsGivePlainDistinctNames) {
  const std::vector<std::string> stems = {"/",   "..",  "../../etc/passwd", "a/b",  "a b", "CON",   "con",
                                          "",    "🚀",  "注文",             "A/B",  "a:b", "nul.json", "\xff"};
  const std::vector<std::string> names = unique_file_names(stems, ".json");
  ASSERT_EQ(names.size(), stems.size());
  std::set<std::string> distinct;
  for (const std::string& name : names) {
    expect_plain_stem(name);
    const std::string base = lower(name.substr(0, name.find('.')));
    EXPECT_NE(base, "con");
    EXPECT_NE(base, "nul");
    distinct.insert(lower(name));
  }
  EXPECT_EQ(distinct.size(), names.size());
  EXPECT_EQ(names[5], "CON-.json");
  EXPECT_EQ(names[6], "con-2.json");
  EXPECT_EQ(unique_file_names(stems, ".json"), names);  // the same input, the same names
}

}  // namespace
}  // namespace sfn::testgen
