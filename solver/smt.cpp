// The one place that talks to Z3 (4.8.12 as Debian ships it).

#include "solver/smt.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <z3++.h>

#include "analyzer/utf8.h"

namespace sfn::solver {
namespace {

// Z3 4.8.12 reads string literals with escapes: a raw UTF-8 byte would be taken as a character of
// its own (and silently compare unequal), so everything but printable ASCII is written \u{...}.
std::optional<std::string> z3_string_literal(std::string_view utf8) {
  std::string literal;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t code_point = next_code_point(utf8, pos);
    if (code_point > 0x2FFFF) return std::nullopt;
    if (code_point >= 0x20 && code_point < 0x7F && code_point != '\\') {
      literal += static_cast<char>(code_point);
    } else {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\u{%x}", static_cast<unsigned>(code_point));
      literal += buffer;
    }
  }
  return literal;
}

// The inverse, for model values: \u{...}, \x.. and \\ escapes back to UTF-8.
std::string decode_z3_string(std::string_view escaped) {
  std::string out;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    const char c = escaped[i];
    if (c != '\\' || i + 1 >= escaped.size()) {
      out += c;
      continue;
    }
    const char kind = escaped[i + 1];
    if (kind == 'u' && i + 2 < escaped.size() && escaped[i + 2] == '{') {
      const std::size_t close = escaped.find('}', i + 3);
      if (close != std::string_view::npos) {
        unsigned value = 0;
        std::from_chars(escaped.data() + i + 3, escaped.data() + close, value, 16);
        append_utf8(out, value);
        i = close;
        continue;
      }
    }
    if (kind == 'x' && i + 3 < escaped.size()) {
      unsigned value = 0;
      std::from_chars(escaped.data() + i + 2, escaped.data() + i + 4, value, 16);
      append_utf8(out, value);
      i += 3;
      continue;
    }
    if (kind == '\\') {
      out += '\\';
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

// A double as an exact decimal numeral Z3 accepts ("12", "-0.125", "0.000001"): the shortest text
// that reads back as the same double, with any exponent written out.
std::string decimal_text(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (error != std::errc()) return "0";
  std::string text(buffer, end);
  return text;
}

}  // namespace

struct Smt::Impl {
  z3::context context;
  z3::solver solver;
  std::vector<z3::expr> terms;
  std::optional<z3::model> model;
  std::size_t fresh = 0;
  SmtOptions options;

  explicit Impl(const SmtOptions& smt_options) : solver(context), options(smt_options) {
    z3::params params(context);
    params.set("rlimit", smt_options.resource_limit);
    params.set("timeout", smt_options.timeout_ms);
    params.set("random_seed", smt_options.random_seed);
    solver.set(params);
  }

  Term add(const z3::expr& expr) {
    terms.push_back(expr);
    return Term(static_cast<std::uint32_t>(terms.size() - 1));
  }
};

Smt::Smt(const SmtOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Smt::~Smt() = default;

#define SFN_TERM(t) (impl_->terms.at(t.id_))

Term Smt::bool_val(bool value) { return impl_->add(impl_->context.bool_val(value)); }
Term Smt::int_val(long long value) { return impl_->add(impl_->context.int_val(static_cast<int64_t>(value))); }
Term Smt::real_val(double value) {
  if (!std::isfinite(value)) value = 0;
  return impl_->add(impl_->context.real_val(decimal_text(value).c_str()));
}
std::optional<Term> Smt::string_val(std::string_view utf8) {
  std::optional<std::string> literal = z3_string_literal(utf8);
  if (!literal) return std::nullopt;
  return impl_->add(impl_->context.string_val(*literal));
}

Term Smt::bool_var(const std::string& name) {
  return impl_->add(impl_->context.bool_const((name + "!" + std::to_string(impl_->fresh++)).c_str()));
}
Term Smt::int_var(const std::string& name) {
  return impl_->add(impl_->context.int_const((name + "!" + std::to_string(impl_->fresh++)).c_str()));
}
Term Smt::real_var(const std::string& name) {
  return impl_->add(impl_->context.real_const((name + "!" + std::to_string(impl_->fresh++)).c_str()));
}
Term Smt::string_var(const std::string& name) {
  return impl_->add(impl_->context.constant((name + "!" + std::to_string(impl_->fresh++)).c_str(),
                                            impl_->context.string_sort()));
}

Term Smt::not_(Term a) { return impl_->add(!SFN_TERM(a)); }
Term Smt::and_(const std::vector<Term>& terms) {
  z3::expr_vector vector(impl_->context);
  for (Term t : terms) vector.push_back(SFN_TERM(t));
  return impl_->add(vector.empty() ? impl_->context.bool_val(true) : z3::mk_and(vector));
}
Term Smt::or_(const std::vector<Term>& terms) {
  z3::expr_vector vector(impl_->context);
  for (Term t : terms) vector.push_back(SFN_TERM(t));
  return impl_->add(vector.empty() ? impl_->context.bool_val(false) : z3::mk_or(vector));
}
Term Smt::implies(Term a, Term b) { return impl_->add(z3::implies(SFN_TERM(a), SFN_TERM(b))); }
Term Smt::eq(Term a, Term b) { return impl_->add(SFN_TERM(a) == SFN_TERM(b)); }
Term Smt::ite(Term c, Term t, Term e) { return impl_->add(z3::ite(SFN_TERM(c), SFN_TERM(t), SFN_TERM(e))); }
Term Smt::lt(Term a, Term b) { return impl_->add(SFN_TERM(a) < SFN_TERM(b)); }
Term Smt::le(Term a, Term b) { return impl_->add(SFN_TERM(a) <= SFN_TERM(b)); }
Term Smt::add(Term a, Term b) { return impl_->add(SFN_TERM(a) + SFN_TERM(b)); }
Term Smt::is_integer(Term real) {
  Z3_ast ast = Z3_mk_is_int(impl_->context, SFN_TERM(real));
  impl_->context.check_error();
  return impl_->add(z3::expr(impl_->context, ast));
}
Term Smt::str_lt(Term a, Term b) {
  Z3_ast ast = Z3_mk_str_lt(impl_->context, SFN_TERM(a), SFN_TERM(b));
  impl_->context.check_error();
  return impl_->add(z3::expr(impl_->context, ast));
}
Term Smt::str_le(Term a, Term b) {
  Z3_ast ast = Z3_mk_str_le(impl_->context, SFN_TERM(a), SFN_TERM(b));
  impl_->context.check_error();
  return impl_->add(z3::expr(impl_->context, ast));
}

std::optional<Term> Smt::matches_pattern(Term string, std::string_view pattern) {
  z3::context& context = impl_->context;
  z3::sort string_sort = context.string_sort();
  const z3::sort re_sort = context.re_sort(string_sort);
  std::optional<z3::expr> regex;
  std::string literal;
  const auto append = [&](const z3::expr& part) { regex = regex ? z3::concat(*regex, part) : part; };
  const auto flush_literal = [&]() -> bool {
    if (literal.empty()) return true;
    std::optional<std::string> text = z3_string_literal(literal);
    if (!text) return false;
    append(z3::to_re(context.string_val(*text)));
    literal.clear();
    return true;
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 >= pattern.size() || (pattern[i + 1] != '*' && pattern[i + 1] != '\\')) return std::nullopt;
      literal += pattern[++i];
    } else if (pattern[i] == '*') {
      if (!flush_literal()) return std::nullopt;
      append(z3::re_full(re_sort));
    } else {
      literal += pattern[i];
    }
  }
  if (!flush_literal()) return std::nullopt;
  if (!regex) regex = z3::to_re(context.string_val(""));
  return impl_->add(z3::in_re(SFN_TERM(string), *regex));
}

Term Smt::is_plain_ascii(Term string) {
  z3::context& context = impl_->context;
  const z3::expr low = z3::range(context.string_val(" "), context.string_val("["));
  const z3::expr high = z3::range(context.string_val("]"), context.string_val("~"));
  return impl_->add(z3::in_re(SFN_TERM(string), z3::star(low + high)));
}

bool Smt::is_true(Term a) const { return impl_->terms.at(a.id_).simplify().is_true(); }
bool Smt::is_false(Term a) const { return impl_->terms.at(a.id_).simplify().is_false(); }
std::string Smt::to_string(Term a) const { return impl_->terms.at(a.id_).to_string(); }

void Smt::push() { impl_->solver.push(); }
void Smt::pop() { impl_->solver.pop(); }
void Smt::add(Term fact) { impl_->solver.add(SFN_TERM(fact)); }

Answer Smt::check(const std::vector<Term>& assumptions, std::string_view query_name) {
  ++statistics_.queries;
  const auto started = std::chrono::steady_clock::now();
  struct Account {
    SmtStatistics& statistics;
    std::string_view name;
    std::chrono::steady_clock::time_point started;
    ~Account() {
      auto found = statistics.by_name.find(name);
      if (found == statistics.by_name.end()) found = statistics.by_name.emplace(std::string(name), SmtStatistics::PerQuery{}).first;
      ++found->second.count;
      found->second.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
  } account{statistics_, query_name, started};
  Answer answer;
  z3::context& context = impl_->context;
  try {
    impl_->solver.push();
    // Z3 takes only literals as assumptions: each term gets an indicator that implies it.
    z3::expr_vector indicators(context);
    for (std::size_t i = 0; i < assumptions.size(); ++i) {
      z3::expr indicator = context.bool_const(("assume!" + std::to_string(impl_->fresh++)).c_str());
      impl_->solver.add(z3::implies(indicator, SFN_TERM(assumptions[i])));
      indicators.push_back(indicator);
    }
    const z3::check_result result = impl_->solver.check(indicators);
    if (result == z3::sat) {
      answer.verdict = Verdict::Sat;
      impl_->model = impl_->solver.get_model();
    } else if (result == z3::unsat) {
      answer.verdict = Verdict::Unsat;
      const z3::expr_vector core = impl_->solver.unsat_core();
      for (unsigned k = 0; k < core.size(); ++k) {
        for (unsigned i = 0; i < indicators.size(); ++i) {
          if (z3::eq(core[k], indicators[i])) answer.core.push_back(i);
        }
      }
    } else {
      answer.verdict = Verdict::Unknown;
      answer.reason = impl_->solver.reason_unknown();
      ++statistics_.unknown;
      if (answer.reason.find("resource") != std::string::npos) {
        ++statistics_.resource_limited;
        answer.reason = "solver budget (rlimit " + std::to_string(impl_->options.resource_limit) + ") reached";
      } else if (answer.reason.find("timeout") != std::string::npos || answer.reason.find("canceled") != std::string::npos) {
        ++statistics_.timed_out;
        answer.reason = "solver wall-clock safety net (" + std::to_string(impl_->options.timeout_ms) + " ms) reached";
      }
    }
    impl_->solver.pop();
  } catch (const z3::exception& error) {
    impl_->solver.pop();
    answer.verdict = Verdict::Unknown;
    answer.reason = std::string("solver error: ") + error.msg();
    ++statistics_.unknown;
  }
  return answer;
}

bool Smt::model_bool(Term a) {
  if (!impl_->model) return false;
  return impl_->model->eval(SFN_TERM(a), true).is_true();
}

long long Smt::model_int(Term a) {
  if (!impl_->model) return 0;
  int64_t value = 0;
  impl_->model->eval(SFN_TERM(a), true).is_numeral_i64(value);
  return value;
}

std::string Smt::model_number(Term a) {
  if (!impl_->model) return "0";
  z3::expr value = impl_->model->eval(SFN_TERM(a), true);
  int64_t integer = 0;
  if (value.is_int() && value.is_numeral_i64(integer)) return std::to_string(integer);
  if (value.is_real()) {
    int64_t numerator = 0, denominator = 1;
    if (value.numerator().is_numeral_i64(numerator) && value.denominator().is_numeral_i64(denominator)) {
      if (denominator == 1) return std::to_string(numerator);
      const double number = static_cast<double>(numerator) / static_cast<double>(denominator);
      char buffer[64];
      auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
      if (error == std::errc()) return std::string(buffer, end);
    }
  }
  // Beyond 64-bit numerators: a decimal approximation (Z3 marks an inexact one with '?').
  std::string decimal = value.get_decimal_string(17);
  if (!decimal.empty() && decimal.back() == '?') decimal.pop_back();
  return decimal.empty() ? "0" : decimal;
}

std::string Smt::model_string(Term a) {
  if (!impl_->model) return "";
  z3::expr value = impl_->model->eval(SFN_TERM(a), true);
  if (!value.is_string_value()) return "";
  return decode_z3_string(Z3_get_string(impl_->context, value));
}

#undef SFN_TERM

}  // namespace sfn::solver
