#pragma once
// Jayway filter expressions, the text inside `[?( ... )]` (asl-semantics.md §3.3): operands are
// paths from `@` (the current item) or `$` (the document root), literals ('text', "text", numbers,
// true, false, null, [lists]) and /regex/flags; operators == != === !== < <= > >= =~ in nin
// contains size empty subsetof anyof noneof; `!`, `&&` (binds tighter), `||` and parentheses.
// A bare path tests that it selects something (`[?(@.isbn)]`).
//
// Anything else (Jayway's `all`, `type`, `matches`, JSON object literals other than as operands,
// text that does not parse) makes the expression unsupported: it then matches nothing, and
// `supported()` says so; so do expressions nested deeper than 32 or with more than 256 operators and
// operands. A regex (std::regex, ECMAScript flavour; flag i honoured) matches nothing when the
// pattern is longer than 256 characters or the text longer than 1,024. The expression is parsed once.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sfn::interp {

class FilterExpression {
 public:
  explicit FilterExpression(std::string_view text);
  ~FilterExpression();
  FilterExpression(FilterExpression&&) noexcept;
  FilterExpression& operator=(FilterExpression&&) noexcept;

  bool supported() const { return supported_; }
  // Whether `item` passes; `root` is what `$` means; `nesting` counts enclosing filters.
  bool matches(const nlohmann::json& item, const nlohmann::json& root, int nesting) const;

  struct Node;

 private:
  std::vector<Node> nodes_;  // nodes_.back() is the root of the expression tree
  bool supported_ = false;
};

}  // namespace sfn::interp
