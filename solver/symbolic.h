#pragma once
// Internal to solver/: JSON values as the solver sees them. A value is known (constant JSON), an
// unknown "slot" (the execution input, a Task result, a havocked location, or a part of one), or
// an object built by the machine over a base. Reads and writes follow §3 of asl-semantics.md and
// report, as formulas, when they raise States.Runtime.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/intrinsic_syntax.h"
#include "analyzer/path_syntax.h"
#include "solver/smt.h"

namespace sfn::solver {

// The JSON type of a value; Missing is "no value at this path". Encoded as an Int term.
enum class JsonType : int { Missing = 0, Null, Boolean, Number, String, Object, Array };

struct Slot {
  std::string origin;  // what it stands for, in words: "the execution input", "the result of 'T'"
  int root = -1;       // the slot this one is part of (itself for a root)
  int parent = -1;
  std::string key;      // member name in the parent (when index < 0)
  long long index = -1;  // element index in the parent
  Term type, number, string, boolean, timestamp_valid, timestamp_instant;
  std::map<std::string, int> members;
  std::map<long long, int> elements;
  std::vector<Term> axioms;  // what every value of this shape satisfies (tied to the parent)
  bool read_as_timestamp = false;
  int json_of = -1;       // this string is the JSON text of that slot (States.StringToJson's argument)
  int equal_to = -1;      // the same value as that slot (parts of a slice), part by part
  int slice_of = -1;      // an array of the elements of that slot from `slice_start` (to `slice_end`)
  long long slice_start = 0;
  std::optional<long long> slice_end;
};

class SlotTable {
 public:
  explicit SlotTable(Smt& smt) : smt_(smt) {}
  int root(std::string origin, bool always_present = true);
  int member(int slot, const std::string& key);
  int element(int slot, long long index);
  // `$.list[start:]` or `[start:end]` of an unknown array: an array whose element i is element
  // start + i of the source.
  int slice(int source, long long start, std::optional<long long> end);
  Slot& at(int slot) { return slots_.at(static_cast<std::size_t>(slot)); }
  const Slot& at(int slot) const { return slots_.at(static_cast<std::size_t>(slot)); }
  std::size_t size() const { return slots_.size(); }
  // Forgets the slots made after the first `size` (a search backing out of a branch), and every
  // link to them from older slots, so other branches neither see nor re-assert them.
  void truncate(std::size_t size);
  // The JSON of a slot in the last model (nullopt when Missing), built from its known parts.
  std::optional<nlohmann::json> model_value(int slot);
  Term type_is(int slot, JsonType type);

 private:
  int create(Slot slot, const std::string& name);
  void tie_equal(int copy, int source);
  Smt& smt_;
  std::vector<Slot> slots_;
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
  enum class Kind { Known, Slot, Object, Array };
  Kind kind = Kind::Known;
  nlohmann::json known;                    // Known
  int slot = -1;                           // Slot
  std::map<std::string, NodePtr> members;  // Object: members the machine set
  NodePtr base;                            // Object: where other members come from (none: missing)
  std::optional<Term> type;                // Object: its type when it may not be an object (havocked)
  std::vector<NodePtr> elements;           // Array of known length
  std::string written_by;                  // the state whose write named exactly this location
};

NodePtr known_node(nlohmann::json value);
NodePtr slot_node(int slot);

// The typed view of a value for comparisons. `exact` is false when part of it could not be encoded
// (a string with a code point above U+2FFFF): then `string` is a fresh unknown.
struct TypedValue {
  Term type, number, string, boolean, timestamp_valid, timestamp_instant;
  bool exact = true;
};

// Where a read ends: the value (nullptr when surely missing), when it is present, and why it may
// be missing.
struct ReadResult {
  NodePtr node;
  Term present;
  bool statically_missing = false;  // absent whatever the input and Task results (known containers)
  std::string opaque_origin;        // when it may be missing because an unknown value lacks it
  std::string written_by;           // the state whose write named exactly this location, if any
  bool unsupported = false;         // a path form the solver does not model (filters, wildcards...)
};

// A place where a state raises States.Runtime, and the formula under which it does.
struct RaiseSite {
  Term condition;
  std::string field;      // "Choices[0].Variable", "InputPath", "Parameters.a.$", "ResultPath", ...
  std::string path_text;  // the path as written
  std::vector<std::string> location;  // the path's members from the state input's root ($ paths only)
  ReadResult read;
};

struct Variables {
  std::map<std::string, NodePtr> values;
};

class Documents {
 public:
  Documents(Smt& smt, SlotTable& slots) : smt_(smt), slots_(slots) {}

  Term presence(const NodePtr& node);
  TypedValue typed(const NodePtr& node);
  // Reads a Reference Path or a JSONPath of members and indexes; other forms are "unsupported"
  // and read as a fresh unknown (sound for proofs; witnesses are checked by replay anyway).
  ReadResult read(const NodePtr& root, const Path& path, const Variables& variables, const NodePtr& context);
  // ResultPath: the new document, and when writing fails (a non-object on the way).
  struct WriteResult {
    NodePtr document;
    Term raises;
    bool unsupported = false;
  };
  WriteResult write(const NodePtr& document, const Path& path, NodePtr value, const std::string& state_name);
  // A payload template (Parameters, ResultSelector, ItemSelector, Assign): the value and its raise sites.
  struct TemplateResult {
    NodePtr value;
    std::vector<RaiseSite> raises;
  };
  TemplateResult evaluate_template(const nlohmann::json& payload, const NodePtr& input, const Variables& variables,
                                   const NodePtr& context, const std::string& field, const std::string& state_name);
  // An intrinsic call: its value (computed where the solver models the function, else an unknown
  // of the result's type) and its raises (a missing path argument, an argument of the wrong type).
  TemplateResult evaluate_intrinsic(const IntrinsicCall& call, const NodePtr& input, const Variables& variables,
                                    const NodePtr& context, const std::string& field, const std::string& state_name);
  // Slots a value refers to (for axioms and witnesses).
  void collect_slots(const NodePtr& node, std::vector<int>& out) const;
  SlotTable& slots() { return slots_; }
  Smt& smt() { return smt_; }

 private:
  ReadResult read_member(const ReadResult& from, const std::string& key);
  ReadResult read_index(const ReadResult& from, long long index);
  Smt& smt_;
  SlotTable& slots_;
};

// The Context Object (§9): its documented members are present with their types, their values
// unknown (a run may set them); Execution.Input is the execution input.
NodePtr context_object(SlotTable& slots, Smt& smt, const NodePtr& execution_input);

// Formats an instant as an ISO-8601 UTC timestamp AWS accepts ("2024-01-01T00:00:00Z").
std::string format_instant(double seconds_since_epoch);

}  // namespace sfn::solver
