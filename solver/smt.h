#pragma once
// A small SMT interface over Z3: the rest of solver/ builds terms and asks questions through it and
// never sees a Z3 type (only smt.cpp includes z3++.h). Terms are handles into one Smt object.
// Answers are tri-state and carry their reason; every query is named for statistics.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfn::solver {

class Smt;

class Term {
 public:
  Term() = default;
  bool valid() const { return id_ != kNone; }

 private:
  friend class Smt;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  explicit Term(std::uint32_t id) : id_(id) {}
  std::uint32_t id_ = kNone;
};

enum class Verdict { Sat, Unsat, Unknown };

struct Answer {
  Verdict verdict = Verdict::Unknown;
  std::string reason;              // why Unknown: "resource limit reached", "incomplete theory", ...
  std::vector<std::size_t> core;   // when Unsat: indexes into the assumptions that were given
};

struct SmtOptions {
  unsigned resource_limit = 2000000;  // Z3 rlimit per query: deterministic, unlike a wall clock
  unsigned timeout_ms = 10000;        // safety net only; hitting it is reported as such
  unsigned random_seed = 0;
};

struct SmtStatistics {
  struct PerQuery {
    std::size_t count = 0;
    double seconds = 0;
  };
  std::map<std::string, PerQuery, std::less<>> by_name;  // which questions were asked, and their cost
  std::size_t queries = 0;
  std::size_t unknown = 0;
  std::size_t resource_limited = 0;
  std::size_t timed_out = 0;
};

class Smt {
 public:
  explicit Smt(const SmtOptions& options = {});
  ~Smt();
  Smt(const Smt&) = delete;
  Smt& operator=(const Smt&) = delete;

  // Constants. A string holding a code point above U+2FFFF cannot be written as a Z3 4.8.12
  // literal: string_val returns nothing and the caller treats the value as unknown.
  Term bool_val(bool value);
  Term int_val(long long value);
  Term real_val(double value);
  std::optional<Term> string_val(std::string_view utf8);

  // Fresh unknowns; names are for dumps and need not be unique.
  Term bool_var(const std::string& name);
  Term int_var(const std::string& name);
  Term real_var(const std::string& name);
  Term string_var(const std::string& name);

  Term not_(Term a);
  Term and_(const std::vector<Term>& terms);
  Term or_(const std::vector<Term>& terms);
  Term and_(Term a, Term b) { return and_(std::vector<Term>{a, b}); }
  Term or_(Term a, Term b) { return or_(std::vector<Term>{a, b}); }
  Term implies(Term a, Term b);
  Term eq(Term a, Term b);
  Term ite(Term condition, Term then, Term otherwise);
  Term lt(Term a, Term b);  // numbers (int or real)
  Term le(Term a, Term b);
  Term add(Term a, Term b);
  Term is_integer(Term real);  // the real has no fractional part
  Term str_lt(Term a, Term b);  // lexicographic by code point
  Term str_le(Term a, Term b);
  // StringMatches: `*` matches any text; `\*` and `\\` are a literal star and backslash.
  std::optional<Term> matches_pattern(Term string, std::string_view pattern);
  // The string consists of printable ASCII other than the backslash (witnesses people can read).
  Term is_plain_ascii(Term string);

  bool is_true(Term a) const;   // the constant true (after simplification)
  bool is_false(Term a) const;
  std::string to_string(Term a) const;

  // The solver's assertion stack.
  void push();
  void pop();
  void add(Term fact);
  // Checks the assertions plus `assumptions`; an Unsat answer lists the assumptions of its core.
  Answer check(const std::vector<Term>& assumptions, std::string_view query_name);

  // Values in the model of the last Sat answer (completed: unconstrained terms get a default).
  bool model_bool(Term a);
  long long model_int(Term a);
  // A number as JSON text: an integer, or a decimal for a fraction.
  std::string model_number(Term a);
  std::string model_string(Term a);  // UTF-8

  const SmtStatistics& statistics() const { return statistics_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  SmtStatistics statistics_;
};

// Keeps push/pop balanced on every way out of a block.
class SmtScope {
 public:
  explicit SmtScope(Smt& smt) : smt_(smt) { smt_.push(); }
  ~SmtScope() { smt_.pop(); }
  SmtScope(const SmtScope&) = delete;
  SmtScope& operator=(const SmtScope&) = delete;

 private:
  Smt& smt_;
};

}  // namespace sfn::solver
