// Choice rules as formulas. The order of checks inside one data test is the interpreter's (see the
// comment at the top of interpreter/choice_eval.cpp): Variable looked up (missing raises, except
// IsPresent), then a ...Path operand (missing raises), then the operand's type, then the Variable's
// type (wrong: false), then the comparison.

#include "solver/choice_encoding.h"

#include <optional>

#include "analyzer/value_syntax.h"

namespace sfn::solver {
namespace {

using Family = ComparisonFamily;
using Shape = ComparisonShape;

std::optional<Shape> shape_of(ChoiceOperator op) { return comparison_shape(op); }

bool is_type_test(ChoiceOperator op) {
  return op == ChoiceOperator::IsNull || op == ChoiceOperator::IsString || op == ChoiceOperator::IsNumeric ||
         op == ChoiceOperator::IsBoolean || op == ChoiceOperator::IsTimestamp;
}

// Java compares strings by UTF-16 code units and Z3 by code points; the two orders agree unless a
// character at or above U+D800 meets one of a surrogate pair. Constants without such characters
// keep proofs sound; otherwise the comparison is left unknown.
bool order_safe_literal(const nlohmann::json& value) {
  if (!value.is_string()) return true;
  for (unsigned char c : value.get_ref<const std::string&>()) {
    if (c >= 0xED) return false;  // lead bytes of U+D000 and above
  }
  return true;
}

class Encoder {
 public:
  Encoder(const NodePtr& input, const Variables& variables, const NodePtr& context, Documents& documents,
          EncodingMode mode)
      : input_(input), variables_(variables), context_(context), docs_(documents), smt_(documents.smt()),
        mode_(mode) {}

  RuleEncoding encode(const ChoiceRule& rule, const std::string& field) {
    switch (rule.op) {
      case ChoiceOperator::And:
      case ChoiceOperator::Or: return encode_junction(rule, field);
      case ChoiceOperator::Not: {
        if (rule.children.size() != 1) return malformed();
        RuleEncoding inner = encode(rule.children.front(), field + ".Not");
        inner.holds = smt_.and_(smt_.not_(inner.raises), smt_.not_(inner.holds));
        return inner;
      }
      case ChoiceOperator::Condition: return unknown();  // JSONata: not modelled, an unknown
      default: return encode_data_test(rule, field);
    }
  }

 private:
  Term type_is(const TypedValue& value, JsonType type) {
    return smt_.eq(value.type, smt_.int_val(static_cast<int>(type)));
  }

  RuleEncoding malformed() {  // the analyzer rejects it; evaluating it raises (as the interpreter does)
    RuleEncoding encoding;
    encoding.holds = smt_.bool_val(false);
    encoding.raises = smt_.bool_val(true);
    return encoding;
  }

  RuleEncoding unknown() {
    RuleEncoding encoding;
    encoding.holds = smt_.bool_var("unmodelled_rule");
    encoding.raises = smt_.bool_val(false);
    encoding.exact = false;
    if (mode_ == EncodingMode::Proof) {
      // It may also raise: a proof must not assume it does not.
      Term raises = smt_.bool_var("unmodelled_raise");
      encoding.raises = raises;
      encoding.holds = smt_.and_(smt_.not_(raises), encoding.holds);
    }
    return encoding;
  }

  RuleEncoding encode_junction(const ChoiceRule& rule, const std::string& field) {
    if (rule.children.empty()) return malformed();
    const bool is_or = rule.op == ChoiceOperator::Or;
    RuleEncoding result;
    // Short-circuit left to right: child k is evaluated when every earlier one gave the neutral value.
    Term reached = smt_.bool_val(true);
    std::vector<Term> holds, raises;
    for (std::size_t k = 0; k < rule.children.size(); ++k) {
      RuleEncoding child =
          encode(rule.children[k], field + (is_or ? ".Or[" : ".And[") + std::to_string(k) + "]");
      result.exact = result.exact && child.exact;
      raises.push_back(smt_.and_(reached, child.raises));
      for (RaiseSite& site : child.sites) {
        site.condition = smt_.and_(reached, site.condition);
        result.sites.push_back(std::move(site));
      }
      if (is_or) {
        holds.push_back(smt_.and_(reached, child.holds));
        reached = smt_.and_({reached, smt_.not_(child.holds), smt_.not_(child.raises)});
      } else {
        reached = smt_.and_(reached, child.holds);
      }
    }
    result.raises = smt_.or_(raises);
    result.holds = is_or ? smt_.or_(holds) : reached;
    return result;
  }

  // Reads a path operand; the raise site (when missing) is recorded with `condition` as its reach.
  ReadResult read_path(const Path& path, const std::string& text, const std::string& field, Term reach,
                       std::vector<RaiseSite>& sites, bool& exact) {
    ReadResult read = docs_.read(input_, path, variables_, context_);
    if (read.unsupported) exact = false;
    RaiseSite site;
    site.condition = smt_.and_(reach, smt_.not_(read.present));
    site.field = field;
    site.path_text = text;
    if (path.root == PathRoot::Input) {
      for (const PathSegment& segment : path.segments) {
        site.location.push_back(segment.kind == PathSegment::Kind::Member ? segment.name
                                                                           : "[" + std::to_string(segment.index) + "]");
      }
    }
    site.read = read;
    sites.push_back(std::move(site));
    return read;
  }

  // A choice the spec leaves open (§14): in proofs either reading, in witnesses the interpreter's.
  Term uncertain(bool interpreter_default) {
    if (mode_ == EncodingMode::Witness) return smt_.bool_val(interpreter_default);
    return smt_.bool_var("uncertain_row");
  }

  Term in_family(Family family, const NodePtr& node, const TypedValue& value) {
    switch (family) {
      case Family::String: return type_is(value, JsonType::String);
      case Family::Numeric: return type_is(value, JsonType::Number);
      case Family::Boolean: return type_is(value, JsonType::Boolean);
      case Family::Timestamp:
        if (node && node->kind == Node::Kind::Slot) docs_.slots().at(node->slot).read_as_timestamp = true;
        return value.timestamp_valid;
    }
    return smt_.bool_val(false);
  }

  Term compare(Family family, Comparison comparison, const TypedValue& left, const TypedValue& right,
               bool order_safe) {
    Term a, b;
    bool strings = false;
    switch (family) {
      case Family::Numeric: a = left.number; b = right.number; break;
      case Family::Timestamp: a = left.timestamp_instant; b = right.timestamp_instant; break;
      case Family::String: a = left.string; b = right.string; strings = true; break;
      case Family::Boolean: return smt_.eq(left.boolean, right.boolean);
    }
    if (comparison == Comparison::Equals) return smt_.eq(a, b);
    if (strings && !order_safe) return smt_.bool_var("unmodelled_string_order");
    switch (comparison) {
      case Comparison::LessThan: return strings ? smt_.str_lt(a, b) : smt_.lt(a, b);
      case Comparison::GreaterThan: return strings ? smt_.str_lt(b, a) : smt_.lt(b, a);
      case Comparison::LessThanEquals: return strings ? smt_.str_le(a, b) : smt_.le(a, b);
      case Comparison::GreaterThanEquals: return strings ? smt_.str_le(b, a) : smt_.le(b, a);
      case Comparison::Equals: break;
    }
    return smt_.bool_val(false);
  }

  RuleEncoding encode_data_test(const ChoiceRule& rule, const std::string& field) {
    RuleEncoding result;
    if (!rule.variable_path) return malformed();
    const Term yes = smt_.bool_val(true);
    ReadResult variable = read_path(*rule.variable_path, rule.variable, field + ".Variable", yes, result.sites,
                                    result.exact);
    const Term present = variable.present;
    const TypedValue value = docs_.typed(variable.node);
    result.exact = result.exact && value.exact;

    if (rule.op == ChoiceOperator::IsPresent || is_type_test(rule.op)) {
      result.sites.clear();  // IsPresent never raises; type tests are handled below
      if (!rule.operand.is_boolean()) return malformed();
      const bool expected = rule.operand.get<bool>();
      if (rule.op == ChoiceOperator::IsPresent) {
        result.holds = expected ? present : smt_.not_(present);
        result.raises = smt_.bool_val(false);
        return result;
      }
      Term has_type;
      switch (rule.op) {
        case ChoiceOperator::IsNull: has_type = type_is(value, JsonType::Null); break;
        case ChoiceOperator::IsString: has_type = type_is(value, JsonType::String); break;
        case ChoiceOperator::IsNumeric: has_type = type_is(value, JsonType::Number); break;
        case ChoiceOperator::IsBoolean: has_type = type_is(value, JsonType::Boolean); break;
        default: has_type = in_family(Family::Timestamp, variable.node, value); break;
      }
      // §2.3/§14: on a missing path, raise (the interpreter's default) or have no type.
      const Term raises_when_missing = uncertain(true);
      const Term raises = smt_.and_(smt_.not_(present), raises_when_missing);
      RaiseSite site;
      site.condition = raises;
      site.field = field + ".Variable";
      site.path_text = rule.variable;
      site.read = variable;
      for (const PathSegment& segment : rule.variable_path->segments) site.location.push_back(segment.name);
      result.sites.push_back(std::move(site));
      result.raises = raises;
      const Term on_present = expected ? has_type : smt_.not_(has_type);
      const Term on_missing = smt_.and_(smt_.not_(raises_when_missing), smt_.bool_val(!expected));
      result.holds = smt_.ite(present, on_present, on_missing);
      return result;
    }

    const Term variable_missing = smt_.not_(present);
    if (rule.op == ChoiceOperator::StringMatches) {
      result.raises = variable_missing;
      if (!rule.operand.is_string() || check_string_matches_pattern(rule.operand.get<std::string>())) {
        result.raises = yes;
        result.holds = smt_.bool_val(false);
        return result;
      }
      std::optional<Term> matches = smt_.matches_pattern(value.string, rule.operand.get<std::string>());
      if (mode_ == EncodingMode::Proof && contains_placeholder(rule.operand.get_ref<const std::string&>())) {
        matches.reset();  // an unknown pattern in a proof
      }
      if (!matches) {
        matches = smt_.bool_var("unmodelled_pattern");
        result.exact = false;
      }
      result.holds = smt_.and_({present, type_is(value, JsonType::String), *matches});
      return result;
    }

    std::optional<Shape> shape = shape_of(rule.op);
    if (!shape) return malformed();
    std::vector<Term> raises = {variable_missing};
    TypedValue operand;
    NodePtr operand_node;
    bool order_safe = order_safe_literal(rule.operand);
    if (shape->operand_is_path) {
      if (!rule.operand_path || !rule.operand.is_string()) return malformed();
      ReadResult read = read_path(*rule.operand_path, rule.operand.get<std::string>(), field + "." +
                                  std::string(find_comparison_operator_name(rule.op)), present, result.sites,
                                  result.exact);
      operand_node = read.node;
      operand = docs_.typed(read.node);
      result.exact = result.exact && operand.exact;
      raises.push_back(smt_.and_(present, smt_.not_(read.present)));
      const Term operand_ok = in_family(shape->family, operand_node, operand);
      const Term both_present = smt_.and_(present, read.present);
      if (shape->comparison != Comparison::Equals) {
        // §14: an ordering ...Path operand of the wrong type raised once on AWS (FLOE Test9).
        const Term wrong_type_raises = smt_.and_({both_present, smt_.not_(operand_ok), uncertain(true)});
        raises.push_back(wrong_type_raises);
        RaiseSite site;
        site.condition = wrong_type_raises;
        site.field = field + ".operand";
        site.path_text = rule.operand.get<std::string>();
        site.read = read;
        result.sites.push_back(std::move(site));
      }
      // Two unknown strings: their order under UTF-16 and code points may differ.
      if (shape->family == Family::String) order_safe = false;
      result.raises = smt_.or_(raises);
      const Term variable_ok = in_family(shape->family, variable.node, value);
      result.holds = smt_.and_({both_present, smt_.not_(result.raises), operand_ok, variable_ok,
                                compare(shape->family, shape->comparison, value, operand, order_safe)});
      return result;
    }
    operand = docs_.typed(known_node(rule.operand));
    if (mode_ == EncodingMode::Proof && rule.operand.is_string() &&
        contains_placeholder(rule.operand.get_ref<const std::string&>())) {
      // A ${...} placeholder is filled in at deployment: in a proof the literal is an unknown of its
      // type, so no proof depends on its text. Witnesses use the text as written, as the
      // interpreter compares it when no substitution is given, so they replay.
      operand.string = smt_.string_var("placeholder");
      operand.timestamp_valid = smt_.bool_var("placeholder_timestamp");
      operand.timestamp_instant = smt_.real_var("placeholder_instant");
      result.exact = false;
    }
    result.exact = result.exact && operand.exact;
    const bool literal_ok = [&] {
      switch (shape->family) {
        case Family::String: return rule.operand.is_string();
        case Family::Numeric: return rule.operand.is_number();
        case Family::Boolean: return rule.operand.is_boolean();
        case Family::Timestamp:
          return rule.operand.is_string() && parse_timestamp(rule.operand.get<std::string>()).has_value();
      }
      return false;
    }();
    if (!literal_ok) return malformed();
    result.raises = variable_missing;
    const Term variable_ok = in_family(shape->family, variable.node, value);
    result.holds = smt_.and_({present, variable_ok, compare(shape->family, shape->comparison, value, operand,
                                                            order_safe || mode_ == EncodingMode::Witness)});
    return result;
  }

  static std::string_view find_comparison_operator_name(ChoiceOperator op) {
    for (const ChoiceOperatorInfo& info : comparison_operators()) {
      if (info.op == op) return info.name;
    }
    return "operand";
  }

  const NodePtr& input_;
  const Variables& variables_;
  const NodePtr& context_;
  Documents& docs_;
  Smt& smt_;
  EncodingMode mode_;
};

std::string literal_text(const nlohmann::json& value) { return value.dump(); }

std::string comparison_words(ChoiceOperator op, bool negated) {
  std::optional<Shape> shape = shape_of(op);
  if (!shape) return "?";
  if (shape->family == Family::Boolean) return negated ? "is not" : "is";
  const char* kind = shape->family == Family::Numeric     ? "a number"
                     : shape->family == Family::Timestamp ? "a timestamp"
                                                          : "a string";
  (void)kind;
  if (!negated) {
    switch (shape->comparison) {
      case Comparison::Equals: return "==";
      case Comparison::LessThan: return "<";
      case Comparison::GreaterThan: return ">";
      case Comparison::LessThanEquals: return "<=";
      case Comparison::GreaterThanEquals: return ">=";
    }
  }
  switch (shape->comparison) {
    case Comparison::Equals: return "is not";
    case Comparison::LessThan: return "is at least";
    case Comparison::GreaterThan: return "is at most";
    case Comparison::LessThanEquals: return "is above";
    case Comparison::GreaterThanEquals: return "is below";
  }
  return "?";
}

std::string family_noun(ChoiceOperator op) {
  std::optional<Shape> shape = shape_of(op);
  if (!shape) return "a value";
  switch (shape->family) {
    case Family::Numeric: return "a number";
    case Family::String: return "a string";
    case Family::Timestamp: return "a timestamp";
    case Family::Boolean: return "a boolean";
  }
  return "a value";
}

std::string type_test_words(ChoiceOperator op, bool expected) {
  const char* noun = op == ChoiceOperator::IsNull      ? "null"
                     : op == ChoiceOperator::IsString  ? "a string"
                     : op == ChoiceOperator::IsNumeric ? "a number"
                     : op == ChoiceOperator::IsBoolean ? "a boolean"
                                                       : "a timestamp";
  return std::string(expected ? "is " : "is not ") + noun;
}

}  // namespace

RuleEncoding encode_choice_rule(const ChoiceRule& rule, const NodePtr& input, const Variables& variables,
                                const NodePtr& context, Documents& documents, EncodingMode mode,
                                const std::string& field) {
  Encoder encoder(input, variables, context, documents, mode);
  return encoder.encode(rule, field);
}

ChoiceEncoding encode_choice_state(const State& state, const NodePtr& input, const Variables& variables,
                                   const NodePtr& context, Documents& documents, EncodingMode mode) {
  Smt& smt = documents.smt();
  ChoiceEncoding result;
  Term reach = smt.bool_val(true);
  for (std::size_t i = 0; i < state.choices.size(); ++i) {
    RuleEncoding rule = encode_choice_rule(state.choices[i], input, variables, context, documents, mode,
                                           "Choices[" + std::to_string(i) + "]");
    result.exact = result.exact && rule.exact;
    result.taken.push_back(smt.and_(reach, rule.holds));
    for (const RaiseSite& site : rule.sites) {
      RaiseSite reached = site;
      reached.condition = smt.and_(reach, site.condition);
      result.sites.push_back(std::move(reached));
    }
    reach = smt.and_({reach, smt.not_(rule.holds), smt.not_(rule.raises)});
    result.rules.push_back(std::move(rule));
  }
  result.none_matched = reach;
  return result;
}

std::string describe_rule(const ChoiceRule& rule) {
  switch (rule.op) {
    case ChoiceOperator::And:
    case ChoiceOperator::Or: {
      std::string text = "(";
      for (std::size_t i = 0; i < rule.children.size(); ++i) {
        if (i > 0) text += rule.op == ChoiceOperator::And ? " and " : " or ";
        text += describe_rule(rule.children[i]);
      }
      return text + ")";
    }
    case ChoiceOperator::Not: return rule.children.empty() ? "not ()" : "not " + describe_rule(rule.children[0]);
    case ChoiceOperator::Condition: return rule.operand.is_string() ? rule.operand.get<std::string>() : "Condition";
    case ChoiceOperator::IsPresent:
      return rule.variable + (rule.operand == true ? " is present" : " is absent");
    case ChoiceOperator::StringMatches: return rule.variable + " matches " + literal_text(rule.operand);
    default: break;
  }
  if (is_type_test(rule.op)) return rule.variable + " " + type_test_words(rule.op, rule.operand == true);
  std::optional<Shape> shape = shape_of(rule.op);
  if (shape && shape->family == Family::Boolean && !shape->operand_is_path) {
    return rule.variable + " is " + literal_text(rule.operand);
  }
  const std::string operand = shape && shape->operand_is_path && rule.operand.is_string()
                                  ? rule.operand.get<std::string>()
                                  : literal_text(rule.operand);
  return rule.variable + " " + comparison_words(rule.op, false) + " " + operand;
}

std::string describe_negated_rule(const ChoiceRule& rule) {
  switch (rule.op) {
    case ChoiceOperator::IsPresent:
      return rule.variable + (rule.operand == true ? " is absent" : " is present");
    case ChoiceOperator::And:
    case ChoiceOperator::Or:
    case ChoiceOperator::Not:
    case ChoiceOperator::Condition:
    case ChoiceOperator::StringMatches: return "not " + describe_rule(rule);
    default: break;
  }
  if (is_type_test(rule.op)) return rule.variable + " " + type_test_words(rule.op, rule.operand != true);
  std::optional<Shape> shape = shape_of(rule.op);
  if (!shape) return "not " + describe_rule(rule);
  if (shape->family == Family::Boolean && !shape->operand_is_path) {
    return rule.variable + " is not " + literal_text(rule.operand);
  }
  const std::string operand = shape->operand_is_path && rule.operand.is_string() ? rule.operand.get<std::string>()
                                                                                  : literal_text(rule.operand);
  std::string text = rule.variable + " " + comparison_words(rule.op, true) + " " + operand;
  if (shape->comparison != Comparison::Equals) text += " (or not " + family_noun(rule.op) + ")";
  return text;
}

}  // namespace sfn::solver
