// The SMT interface: literals Z3 4.8.12 reads correctly, tri-state answers, cores and model values.

#include <gtest/gtest.h>

#include "solver/smt.h"

namespace sfn::solver {
namespace {

TEST(Smt, UnicodeLiteralsEqualTheModelString) {
  Smt smt;
  Term s = smt.string_var("s");
  std::optional<Term> cafe = smt.string_val("caf\xC3\xA9 \\ \"q\" \xF0\x9F\x98\x80");  // café \ "q" 😀
  ASSERT_TRUE(cafe);
  smt.add(smt.eq(s, *cafe));
  ASSERT_EQ(smt.check({}, "unicode").verdict, Verdict::Sat);
  EXPECT_EQ(smt.model_string(s), "caf\xC3\xA9 \\ \"q\" \xF0\x9F\x98\x80");
}

TEST(Smt, CodePointsAboveTheLimitAreNotLiterals) {
  Smt smt;
  EXPECT_FALSE(smt.string_val("\xF3\xA0\x80\x81"));  // U+E0001
  EXPECT_TRUE(smt.string_val("\xF0\xAF\xBF\xBF"));   // U+2FFFF
}

TEST(Smt, UnsatCoreNamesTheAssumptions) {
  Smt smt;
  Term x = smt.real_var("x");
  std::vector<Term> assumptions = {smt.lt(x, smt.real_val(5)), smt.lt(smt.real_val(0), x),
                                   smt.lt(smt.real_val(10), x)};
  Answer answer = smt.check(assumptions, "core");
  ASSERT_EQ(answer.verdict, Verdict::Unsat);
  EXPECT_EQ(answer.core, (std::vector<std::size_t>{0, 2}));
  // The assumptions leave no trace: x > 10 alone is satisfiable.
  Answer alone = smt.check({assumptions[2]}, "alone");
  ASSERT_EQ(alone.verdict, Verdict::Sat);
  EXPECT_EQ(smt.model_number(x), smt.model_number(x));
}

TEST(Smt, NumbersRoundTrip) {
  Smt smt;
  Term x = smt.real_var("x");
  smt.add(smt.eq(x, smt.real_val(0.1)));
  ASSERT_EQ(smt.check({}, "decimal").verdict, Verdict::Sat);
  EXPECT_EQ(smt.model_number(x), "0.1");
  Smt other;
  Term y = other.real_var("y");
  other.add(other.eq(y, other.real_val(-1e20)));
  ASSERT_EQ(other.check({}, "large").verdict, Verdict::Sat);
  EXPECT_EQ(other.model_number(y), "-100000000000000000000");
}

TEST(Smt, StringMatchesPatterns) {
  Smt smt;
  Term s = smt.string_var("s");
  std::optional<Term> log = smt.matches_pattern(s, "*.log");
  ASSERT_TRUE(log);
  std::optional<Term> star = smt.matches_pattern(s, "a\\*b");
  ASSERT_TRUE(star);
  EXPECT_FALSE(smt.matches_pattern(s, "bad\\q"));
  {
    SmtScope scope(smt);
    smt.add(*log);
    smt.add(smt.is_plain_ascii(s));
    ASSERT_EQ(smt.check({}, "log").verdict, Verdict::Sat);
    const std::string value = smt.model_string(s);
    EXPECT_EQ(value.substr(value.size() - 4), ".log");
  }
  {
    SmtScope scope(smt);
    smt.add(*star);
    ASSERT_EQ(smt.check({}, "star").verdict, Verdict::Sat);
    EXPECT_EQ(smt.model_string(s), "a*b");
  }
}

TEST(Smt, IsIntegerAndStringOrder) {
  Smt smt;
  Term x = smt.real_var("x");
  smt.add(smt.is_integer(x));
  smt.add(smt.lt(smt.real_val(1.5), x));
  smt.add(smt.lt(x, smt.real_val(2.5)));
  ASSERT_EQ(smt.check({}, "int").verdict, Verdict::Sat);
  EXPECT_EQ(smt.model_number(x), "2");
  Term a = *smt.string_val("apple");
  Term b = *smt.string_val("banana");
  EXPECT_EQ(smt.check({smt.str_lt(b, a)}, "order").verdict, Verdict::Unsat);
}

}  // namespace
}  // namespace sfn::solver
