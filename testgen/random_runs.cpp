// Random executions built from what the machine reads (testgen/machine_reads.h): values go where
// the machine looks, drawn from the constants it compares against, their neighbours, and a few
// values of every JSON type; a location left out is an absent value.

#include "testgen/random_runs.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/compiled_state.h"
#include "interpreter/mocks.h"
#include "testgen/machine_reads.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

constexpr const char* kUnlistedError = "Sfncheck.UnlistedError";
constexpr std::size_t kMaxIndex = 5;  // arrays are not grown past this for an index in a path

// splitmix64: small, fast and the same on every platform (the standard distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t bound) { return bound == 0 ? 0 : static_cast<std::size_t>(next() % bound); }
  bool chance(double probability) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < probability; }
  template <typename T>
  const T& pick(const std::vector<T>& values) {
    return values[below(values.size())];
  }

 private:
  std::uint64_t state_;
};

void set_at(json& document, const Location& steps, json value) {
  json* node = &document;
  for (const LocationStep& step : steps) {
    if (step.is_index) {
      if (!node->is_array()) *node = json::array();
      while (node->size() <= std::min(step.index, kMaxIndex)) node->push_back(node->size());
      node = &(*node)[std::min(step.index, kMaxIndex)];
    } else {
      if (!node->is_object()) *node = json::object();
      node = &(*node)[step.name];
    }
  }
  *node = std::move(value);
}

// Every suffix of every location: the same data seen from below (a Map item, an OutputPath's
// selection, a Task result placed by a ResultPath).
std::vector<ReadLocation> tails_of(const std::vector<ReadLocation>& locations) {
  std::vector<ReadLocation> tails;
  for (const ReadLocation& location : locations) {
    for (std::size_t drop = 1; drop < location.steps.size(); ++drop) {
      Location steps(location.steps.begin() + static_cast<std::ptrdiff_t>(drop), location.steps.end());
      auto found =
          std::find_if(tails.begin(), tails.end(), [&](const ReadLocation& tail) { return tail.steps == steps; });
      if (found == tails.end()) {
        tails.push_back(ReadLocation{std::move(steps), location.hints, location.wants_array});
      } else {
        for (const json& hint : location.hints) add_hint(found->hints, hint);
        found->wants_array = found->wants_array || location.wants_array;
      }
    }
  }
  return tails;
}

class Drawer {
 public:
  Drawer(const StateMachine& machine, const RandomRunOptions& options)
      : machine_(machine),
        options_(options),
        compiled_(compile_states(machine)),
        reads_(collect_machine_reads(machine, compiled_)),
        tails_(tails_of(reads_.locations)),
        tracker_(machine) {}

  std::optional<RandomRun> draw(std::size_t index) {
    Random random(options_.seed * 0x9E3779B97F4A7C15ull ^
                  (static_cast<std::uint64_t>(index) + 1) * 0xD1B54A32D192ED03ull);
    random_ = &random;
    static const double kDensities[] = {0.2, 0.45, 0.7, 0.95};
    density_ = kDensities[random.below(4)];
    const json input =
        random.chance(0.95) ? draw_object(reads_.locations, density_, tails_, density_ / 5, 0) : draw_generic(0);
    json mocks = json::object();
    std::size_t responses = std::max<std::size_t>(options_.max_invocations_per_task, 1);
    add_responses(mocks, responses);
    for (int attempt = 0; attempt < 3; ++attempt) {
      interp::MockParseResult table = interp::parse_native_mocks(mocks);
      if (!table.table) return std::nullopt;
      interp::RunOptions run_options;
      run_options.keep_trace = true;
      interp::RunResult result = interp::run_state_machine(machine_, input, *table.table, run_options);
      if (!result.unusable) return RandomRun{index, test_for(index, input, mocks, result), std::move(result)};
      // Unusable: a mock list ran out (a loop, retries, Map items sharing the list). Doubled, the drawn
      // prefix kept, so the run is the same up to there; a machine the interpreter refuses fails each time.
      if (attempt == 2) return std::nullopt;
      add_responses(mocks, responses);
      responses *= 2;
    }
    return std::nullopt;
  }

 private:
  json test_for(std::size_t index, const json& input, const json& mocks, const interp::RunResult& result) const {
    return json{{"name", "random run " + std::to_string(index) + " (seed " + std::to_string(options_.seed) + ")"},
                {"covers", tracker_.goals_met(result)},
                {"input", input},
                {"mocks", mocks},
                {"expect", expectation_of(result)}};
  }

 public:
  // `test` with one thing drawn again: a value at one place the machine reads in the input, or
  // one mocked response of one state.
  std::optional<RandomRun> mutate(const json& test, std::size_t index) {
    Random random(options_.seed * 0xA24BAED4963EE407ull ^ (static_cast<std::uint64_t>(index) + 1) * 0x9FB21C651E98DF25ull);
    random_ = &random;
    static const double kDensities[] = {0.2, 0.45, 0.7, 0.95};
    density_ = kDensities[random.below(4)];
    json input = test.value("input", json::object());
    json mocks = test.value("mocks", json::object());
    std::vector<std::string> mocked;
    for (const auto& [name, list] : mocks.items()) {
      if (list.is_array() && !list.empty()) mocked.push_back(name);
    }
    if (mocked.empty() || random.chance(0.3)) {
      if (reads_.locations.empty() || !input.is_object()) return std::nullopt;
      const ReadLocation& location = random.pick(reads_.locations);
      if (location.steps.empty()) return std::nullopt;
      set_at(input, location.steps, draw_value(location, 1));
    } else {
      const std::string& name = random.pick(mocked);
      std::size_t state = machine_.states.size();
      for (std::size_t i = 0; i < machine_.states.size() && state == machine_.states.size(); ++i) {
        if (machine_.states[i].name == name) state = i;
      }
      if (state == machine_.states.size()) return std::nullopt;
      const bool reader = machine_.states[state].type == StateType::Map;
      json& list = mocks[name];
      list[random.below(list.size())] = reader ? item_list_response(state) : task_response(state);
    }
    // A run that now goes further calls more Tasks: every list gets fresh responses at its end.
    add_responses(mocks, std::max<std::size_t>(options_.max_invocations_per_task / 2, 2));
    interp::MockParseResult table = interp::parse_native_mocks(mocks);
    if (!table.table) return std::nullopt;
    interp::RunOptions run_options;
    run_options.keep_trace = true;
    interp::RunResult result = interp::run_state_machine(machine_, input, *table.table, run_options);
    if (result.unusable) return std::nullopt;
    return RandomRun{index, test_for(index, input, mocks, result), std::move(result)};
  }

 private:
  // Appends `count` responses to the list of every Task state, and of every Map with an ItemReader.
  void add_responses(json& mocks, std::size_t count) {
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      const State& state = machine_.states[i];
      const bool reader = state.type == StateType::Map && compiled_[i].has_item_reader;
      if (state.type != StateType::Task && !reader) continue;
      json& list = mocks[state.name];
      if (!list.is_array()) list = json::array();
      for (std::size_t n = 0; n < count; ++n) list.push_back(reader ? item_list_response(i) : task_response(i));
    }
  }

  json throw_response(std::size_t state) {
    const std::vector<std::string>& names = reads_.error_names[state];
    const std::string error = names.empty() || random_->chance(0.2) ? kUnlistedError : random_->pick(names);
    json thrown = {{"Error", error}};
    if (random_->chance(0.7)) thrown["Cause"] = "drawn failure";
    return json{{"Throw", std::move(thrown)}};
  }

  json task_response(std::size_t state) {
    if (random_->chance(reads_.error_names[state].empty() ? 0.08 : 0.3)) return throw_response(state);
    const std::vector<ReadLocation>& reads = reads_.result_reads[state];
    auto whole = std::find_if(reads.begin(), reads.end(), [](const ReadLocation& read) { return read.steps.empty(); });
    json value;
    if (whole != reads.end() && random_->chance(0.4)) {
      value = draw_value(*whole, 0);
    } else if (random_->chance(0.1)) {
      value = draw_generic(0);
    } else {
      value = draw_object(reads, density_, reads_.locations, density_ / 6, 0);
      if (!tails_.empty()) value = merge_under(std::move(value), draw_object(tails_, density_ / 6, {}, 0, 1));
    }
    // lambda:invoke results are the Invoke response: the function's value goes under Payload, unless
    // the reads already name Payload (then the drawn object is the response itself).
    const bool reads_payload = std::any_of(reads.begin(), reads.end(), [](const ReadLocation& read) {
      return !read.steps.empty() && !read.steps.front().is_index && read.steps.front().name == "Payload";
    });
    if (compiled_[state].resource_kind == ResourceKind::LambdaInvoke && !reads_payload && random_->chance(0.6)) {
      value = json{{"ExecutedVersion", "$LATEST"}, {"Payload", std::move(value)}, {"StatusCode", 200}};
    }
    return json{{"Return", std::move(value)}};
  }

  json item_list_response(std::size_t state) {
    if (random_->chance(0.1)) return throw_response(state);
    return json{{"Return", draw_array(0)}};
  }

  // `extra`'s members where `object` has none.
  static json merge_under(json object, const json& extra) {
    if (!object.is_object() || !extra.is_object()) return object;
    for (const auto& [key, value] : extra.items()) {
      if (!object.contains(key)) object[key] = value;
    }
    return object;
  }

  json draw_object(const std::vector<ReadLocation>& primary, double primary_density,
                   const std::vector<ReadLocation>& secondary, double secondary_density, int depth) {
    json object = json::object();
    // The secondary locations first, so that the primary ones are not overwritten by them.
    for (const std::vector<ReadLocation>* pool : {&secondary, &primary}) {
      const double density = pool == &primary ? primary_density : secondary_density;
      for (const ReadLocation& location : *pool) {
        if (location.steps.empty() || !random_->chance(density)) continue;
        set_at(object, location.steps, draw_value(location, depth + 1));
      }
    }
    return object;
  }

  json draw_array(int depth) {
    json array = json::array();
    const std::size_t count = random_->below(4);
    for (std::size_t i = 0; i < count; ++i) {
      array.push_back(depth < 2 && random_->chance(0.75)
                          ? draw_object(tails_, density_, reads_.locations, density_ / 3, depth + 1)
                          : draw_generic(2));
    }
    return array;
  }

  json draw_value(const ReadLocation& location, int depth) {
    const std::size_t roll = random_->below(100);
    if (location.wants_array && roll < 55) return draw_array(depth);
    if (!location.hints.empty() && roll < 70) return random_->pick(location.hints);
    if (!reads_.constants.empty() && roll < 82) return random_->pick(reads_.constants);
    return draw_generic(depth);
  }

  // A value of any JSON type; objects and arrays only near the top.
  json draw_generic(int depth) {
    static const std::vector<json> kScalars = {nullptr,
                                               true,
                                               false,
                                               0,
                                               1,
                                               -1,
                                               2.5,
                                               "",
                                               "a",
                                               "2024-01-01T00:00:00Z",
                                               json::array(),
                                               json::array({1, "a"}),
                                               json::object(),
                                               json{{"a", 1}}};
    if (depth < 2 && random_->chance(0.15))
      return random_->chance(0.5) ? draw_array(depth) : draw_object(tails_, density_, {}, 0, depth + 1);
    return random_->pick(kScalars);
  }

  const StateMachine& machine_;
  const RandomRunOptions& options_;
  std::vector<CompiledState> compiled_;
  MachineReads reads_;
  std::vector<ReadLocation> tails_;
  GoalTracker tracker_;
  Random* random_ = nullptr;
  double density_ = 0.5;
};

}  // namespace

nlohmann::json expectation_of(const interp::RunResult& result) {
  json expect = {{"status", interp::run_status_name(result.status)}, {"path", result.path}};
  if (result.status == interp::RunStatus::Succeeded) {
    expect["output"] = result.output;
  } else {
    expect["error"] = result.error;
    if (result.cause) expect["cause"] = *result.cause;
  }
  return expect;
}

nlohmann::json trim_unused_mocks(const StateMachine& machine, nlohmann::json test) {
  if (!test.is_object() || !test.contains("mocks") || !test["mocks"].is_object()) return test;
  const json input = test.value("input", json::object());
  auto usable_with = [&](const json& mocks) {
    interp::MockParseResult table = interp::parse_native_mocks(mocks);
    if (!table.table) return false;
    interp::RunOptions options;
    options.keep_trace = false;
    if (test.contains("context") && test["context"].is_object()) options.context = test["context"];
    return !interp::run_state_machine(machine, input, *table.table, options).unusable;
  };
  json& mocks = test["mocks"];
  if (!usable_with(mocks)) return test;
  std::vector<std::string> names;
  for (const auto& [name, list] : mocks.items()) names.push_back(name);
  for (const std::string& name : names) {
    const json full = mocks[name];
    if (!full.is_array()) continue;
    // Responses past the last one used are never read, so a shorter list is usable exactly when it
    // still holds them all: the shortest usable length is found by bisection.
    std::size_t low = 0, high = full.size();
    while (low < high) {
      const std::size_t middle = (low + high) / 2;
      mocks[name] = json(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(middle));
      if (usable_with(mocks)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    if (low == 0) {
      mocks.erase(name);
    } else {
      mocks[name] = json(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(low));
    }
  }
  return test;
}

struct RunMutator::Impl {
  RandomRunOptions options;
  Drawer drawer;
  Impl(const StateMachine& machine, const RandomRunOptions& given) : options(given), drawer(machine, options) {}
};

RunMutator::RunMutator(const StateMachine& machine, const RandomRunOptions& options)
    : impl_(std::make_unique<Impl>(machine, options)) {}
RunMutator::~RunMutator() = default;

std::optional<RandomRun> RunMutator::mutate(const nlohmann::json& test, std::size_t index) {
  return impl_->drawer.mutate(test, index);
}

void draw_runs(const StateMachine& machine, const RandomRunOptions& options,
               const std::function<bool(const RandomRun&)>& on_run) {
  Drawer drawer(machine, options);
  for (std::size_t index = 0; index < options.runs; ++index) {
    std::optional<RandomRun> run = drawer.draw(index);
    if (run && !on_run(*run)) return;
  }
}

}  // namespace sfn::testgen
