#include "analyzer/path_syntax.h"

#include <gtest/gtest.h>

namespace sfn {
namespace {

using Kind = PathSegment::Kind;

Path parsed(std::string_view text) {
  PathParseResult result = parse_path(text);
  EXPECT_FALSE(result.error) << text << ": " << (result.error ? result.error->message : "");
  return result.path.value_or(Path{});
}

PathSyntaxError rejected(std::string_view text) {
  PathParseResult result = parse_path(text);
  EXPECT_FALSE(result.path) << text << " should not parse";
  return result.error.value_or(PathSyntaxError{});
}

PathSyntaxError rejected_as_reference(std::string_view text) {
  PathParseResult result = parse_reference_path(text);
  EXPECT_FALSE(result.path) << text << " should not be a reference path";
  return result.error.value_or(PathSyntaxError{});
}

TEST(PathSyntax, Roots) {
  Path input = parsed("$");
  EXPECT_EQ(input.root, PathRoot::Input);
  EXPECT_TRUE(input.segments.empty());
  EXPECT_EQ(input.text, "$");

  Path context = parsed("$$");
  EXPECT_EQ(context.root, PathRoot::Context);
  EXPECT_TRUE(context.segments.empty());

  Path context_member = parsed("$$.Execution.Id");
  EXPECT_EQ(context_member.root, PathRoot::Context);
  ASSERT_EQ(context_member.segments.size(), 2u);
  EXPECT_EQ(context_member.segments[1].name, "Id");

  Path variable = parsed("$my_var1.field");
  EXPECT_EQ(variable.root, PathRoot::Variable);
  EXPECT_EQ(variable.variable, "my_var1");
  ASSERT_EQ(variable.segments.size(), 1u);
  EXPECT_EQ(variable.segments[0].name, "field");

  Path bare_variable = parsed("$_x");
  EXPECT_EQ(bare_variable.root, PathRoot::Variable);
  EXPECT_EQ(bare_variable.variable, "_x");
  EXPECT_TRUE(bare_variable.segments.empty());

  Path indexed_variable = parsed("$items[0]");
  EXPECT_EQ(indexed_variable.variable, "items");
  ASSERT_EQ(indexed_variable.segments.size(), 1u);
  EXPECT_EQ(indexed_variable.segments[0].kind, Kind::Index);
}

TEST(PathSyntax, DottedMembers) {
  Path path = parsed("$.a.b-c.d_e.$f.g@h.i:j.ü");
  ASSERT_EQ(path.segments.size(), 7u);
  const char* names[] = {"a", "b-c", "d_e", "$f", "g@h", "i:j", "ü"};
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(path.segments[i].kind, Kind::Member);
    EXPECT_EQ(path.segments[i].name, names[i]);
  }
  EXPECT_EQ(path.segments[0].offset, 1u);
  EXPECT_EQ(path.segments[1].offset, 3u);
}

TEST(PathSyntax, BracketMembersAndEscapes) {
  Path path = parsed(R"($['a b']["c.d"]['it\'s']["q\"x"]['back\\slash']['\u00e9'][''])");
  ASSERT_EQ(path.segments.size(), 7u);
  EXPECT_EQ(path.segments[0].name, "a b");
  EXPECT_EQ(path.segments[1].name, "c.d");
  EXPECT_EQ(path.segments[2].name, "it's");
  EXPECT_EQ(path.segments[3].name, "q\"x");
  EXPECT_EQ(path.segments[4].name, "back\\slash");
  EXPECT_EQ(path.segments[5].name, "\xc3\xa9");
  EXPECT_EQ(path.segments[6].name, "");
  for (const PathSegment& segment : path.segments) EXPECT_EQ(segment.kind, Kind::Member);

  // Jayway also takes a dot before a bracket.
  Path dotted_bracket = parsed("$.['a'].[0]");
  ASSERT_EQ(dotted_bracket.segments.size(), 2u);
  EXPECT_EQ(dotted_bracket.segments[0].kind, Kind::Member);
  EXPECT_EQ(dotted_bracket.segments[0].name, "a");
  EXPECT_EQ(dotted_bracket.segments[1].kind, Kind::Index);
  EXPECT_EQ(dotted_bracket.segments[1].offset, 7u);
  EXPECT_TRUE(dotted_bracket.is_reference_path());

  Path spaced = parsed("$[ 'a' ]");
  ASSERT_EQ(spaced.segments.size(), 1u);
  EXPECT_EQ(spaced.segments[0].name, "a");
}

TEST(PathSyntax, Indexes) {
  Path path = parsed("$.a[3][-1][ 0 ]");
  ASSERT_EQ(path.segments.size(), 4u);
  EXPECT_EQ(path.segments[1].kind, Kind::Index);
  EXPECT_EQ(path.segments[1].index, 3);
  EXPECT_EQ(path.segments[2].index, -1);
  EXPECT_EQ(path.segments[3].index, 0);
  EXPECT_EQ(path.segments[2].offset, 6u);
}

TEST(PathSyntax, Wildcards) {
  Path path = parsed("$.a.*[*]");
  ASSERT_EQ(path.segments.size(), 3u);
  EXPECT_EQ(path.segments[1].kind, Kind::Wildcard);
  EXPECT_EQ(path.segments[2].kind, Kind::Wildcard);
  EXPECT_EQ(parsed("$.*").segments.at(0).kind, Kind::Wildcard);
}

TEST(PathSyntax, RecursiveDescent) {
  Path named = parsed("$..price");
  ASSERT_EQ(named.segments.size(), 1u);
  EXPECT_EQ(named.segments[0].kind, Kind::RecursiveDescent);
  EXPECT_EQ(named.segments[0].name, "price");
  EXPECT_FALSE(named.segments[0].wildcard);

  Path all = parsed("$.store..*");
  ASSERT_EQ(all.segments.size(), 2u);
  EXPECT_EQ(all.segments[1].kind, Kind::RecursiveDescent);
  EXPECT_TRUE(all.segments[1].wildcard);
  EXPECT_TRUE(all.segments[1].name.empty());

  Path bracket_name = parsed("$..['a b']");
  ASSERT_EQ(bracket_name.segments.size(), 1u);
  EXPECT_EQ(bracket_name.segments[0].name, "a b");

  Path bracket_star = parsed("$..[*]");
  ASSERT_EQ(bracket_star.segments.size(), 1u);
  EXPECT_TRUE(bracket_star.segments[0].wildcard);

  Path then_index = parsed("$..[0]");
  ASSERT_EQ(then_index.segments.size(), 2u);
  EXPECT_EQ(then_index.segments[0].kind, Kind::RecursiveDescent);
  EXPECT_TRUE(then_index.segments[0].name.empty());
  EXPECT_FALSE(then_index.segments[0].wildcard);
  EXPECT_EQ(then_index.segments[1].kind, Kind::Index);
}

TEST(PathSyntax, Slices) {
  Path path = parsed("$.a[1:3]");
  ASSERT_EQ(path.segments.size(), 2u);
  const PathSegment& slice = path.segments[1];
  EXPECT_EQ(slice.kind, Kind::Slice);
  EXPECT_EQ(slice.slice_start, 1);
  EXPECT_EQ(slice.slice_end, 3);
  EXPECT_FALSE(slice.slice_step);

  const PathSegment stepped = parsed("$[::2]").segments.at(0);
  EXPECT_FALSE(stepped.slice_start);
  EXPECT_FALSE(stepped.slice_end);
  EXPECT_EQ(stepped.slice_step, 2);

  const PathSegment tail = parsed("$[-2:]").segments.at(0);
  EXPECT_EQ(tail.slice_start, -2);
  EXPECT_FALSE(tail.slice_end);

  const PathSegment head = parsed("$[:2]").segments.at(0);
  EXPECT_FALSE(head.slice_start);
  EXPECT_EQ(head.slice_end, 2);

  const PathSegment full = parsed("$[1:5:-1]").segments.at(0);
  EXPECT_EQ(full.slice_step, -1);
}

TEST(PathSyntax, Unions) {
  const PathSegment indexes = parsed("$.a[0,1, 3]").segments.at(1);
  EXPECT_EQ(indexes.kind, Kind::Union);
  EXPECT_EQ(indexes.union_indexes, (std::vector<std::int64_t>{0, 1, 3}));
  EXPECT_TRUE(indexes.union_names.empty());

  const PathSegment names = parsed("$['a', \"b\"]").segments.at(0);
  EXPECT_EQ(names.kind, Kind::Union);
  EXPECT_EQ(names.union_names, (std::vector<std::string>{"a", "b"}));
}

TEST(PathSyntax, Filters) {
  const PathSegment filter = parsed("$.items[?(@.x > 1)]").segments.at(1);
  EXPECT_EQ(filter.kind, Kind::Filter);
  EXPECT_EQ(filter.filter, "@.x > 1");

  const PathSegment nested = parsed("$[?((@.a == ')') && (@.b < 2))].c").segments.at(0);
  EXPECT_EQ(nested.filter, "(@.a == ')') && (@.b < 2)");
}

TEST(PathSyntax, Functions) {
  Path path = parsed("$.a.length()");
  ASSERT_EQ(path.segments.size(), 2u);
  EXPECT_EQ(path.segments[1].kind, Kind::Function);
  EXPECT_EQ(path.segments[1].name, "length");
  EXPECT_TRUE(path.segments[1].arguments.empty());

  const PathSegment concat = parsed("$.a.concat('x', $.b)").segments.at(1);
  EXPECT_EQ(concat.arguments, "'x', $.b");

  PathSyntaxError not_last = rejected("$.a.length().b");
  EXPECT_NE(not_last.message.find("last segment"), std::string::npos) << not_last.message;
  EXPECT_EQ(not_last.offset, 12u);
}

TEST(PathSyntax, Errors) {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* fragment;
  };
  const Case cases[] = {
      {"", 0, "empty path"},
      {"a.b", 0, "must start with '$'"},
      {" $.a", 0, "must start with '$'"},
      {"$.", 2, "expected member name after '.' at offset 2"},
      {"$..", 3, "after '..'"},
      {"$[", 1, "unterminated '['"},
      {"$.a[", 3, "unterminated '['"},
      {"$.a]", 3, "unexpected ']' after '$.a'"},
      {"$.a b", 3, "whitespace"},
      {"$.a ", 3, "trailing whitespace"},
      {"$.a[0", 3, "unterminated '['"},
      {"$.a[0}", 5, "expected ']'"},
      {"$['a", 2, "unterminated string"},
      {"$['a' 'b']", 6, "expected ']'"},
      {"$[]", 1, "empty '[]'"},
      {"$[x]", 2, "unexpected 'x'"},
      {"$[-]", 3, "expected digits after '-'"},
      {"$[1,]", 4, "expected an index after ','"},
      {"$[::0]", 4, "slice step cannot be 0"},
      {"$[?(@.a]", 3, "unterminated '('"},
      {"$[?()]", 4, "empty filter"},
      {"$[?@.a]", 3, "expected '(' after '[?'"},
      {"$.a(", 3, "unterminated '('"},
      {"$-a", 1, "unexpected '-'"},
      {"$.a)", 3, "unexpected ')'"},
      {"$[99999999999999999999]", 2, "index out of range"},
      {"$['a', 1]", 7, "expected a quoted member name"},
  };
  for (const Case& c : cases) {
    PathSyntaxError error = rejected(c.text);
    EXPECT_EQ(error.offset, c.offset) << c.text << ": " << error.message;
    EXPECT_NE(error.message.find(c.fragment), std::string::npos) << c.text << ": " << error.message;
    EXPECT_NE(error.message.find("at offset " + std::to_string(c.offset)), std::string::npos) << error.message;
  }
}

TEST(PathSyntax, ReferencePaths) {
  for (const char* text : {"$", "$$", "$.a.b", "$['a b'][0].c", "$var.x[2]", "$$.Map.Item.Value"}) {
    PathParseResult result = parse_reference_path(text);
    ASSERT_TRUE(result.path) << text;
    EXPECT_TRUE(result.path->is_reference_path()) << text;
  }
  struct Case {
    const char* text;
    const char* message;
    std::size_t offset;
  };
  const Case cases[] = {
      {"$.a[*]", "a reference path cannot contain '[*]' at offset 3", 3},
      {"$.a.*", "a reference path cannot contain '.*'", 3},
      {"$..a", "a reference path cannot contain '..a'", 1},
      {"$.a[-1]", "a reference path cannot contain a negative index '[-1]'", 3},
      {"$.a[0,1]", "cannot contain '[0,1]'", 3},
      {"$['a','b']", "cannot contain '['a','b']'", 1},
      {"$.a[1:2]", "cannot contain '[1:2]'", 3},
      {"$.a.[*]", "cannot contain '.[*]'", 3},
      {"$.a[?(@.x)]", "cannot contain '[?(@.x)]'", 3},
      {"$.a.length()", "a function call 'length()'", 3},
      {"$..[0]", "cannot contain '..'", 1},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(parsed(c.text).is_reference_path()) << c.text;
    PathSyntaxError error = rejected_as_reference(c.text);
    EXPECT_NE(error.message.find(c.message), std::string::npos) << c.text << ": " << error.message;
    EXPECT_EQ(error.offset, c.offset) << c.text;
  }
  // Syntax errors come through unchanged.
  EXPECT_NE(rejected_as_reference("$.").message.find("expected member name"), std::string::npos);
}

}  // namespace
}  // namespace sfn
