// Distributed Map configuration objects: ItemReader, ItemBatcher, ResultWriter.

#include "analyzer/rules/structure_checker.h"
#include "analyzer/source_document.h"
#include "analyzer/value_syntax.h"

namespace sfn::rules {

// Parameters (JSONPath) and Arguments (JSONata) of a reader or writer: templates in their own mode.
void StructureChecker::check_reader_arguments(const nlohmann::json& object, const std::string& pointer,
                                              QueryLanguage language) {
  for (const char* key : {"Parameters", "Arguments"}) {
    auto it = object.find(key);
    if (it == object.end()) continue;
    const std::string field_pointer = append_pointer(pointer, key);
    const bool jsonata_field = std::string_view(key) == "Arguments";
    if (jsonata_field != (language == QueryLanguage::Jsonata)) {
      check_mode(key, field_pointer, language);
    } else if (jsonata_field) {
      values_.check_jsonata_strings(*it, field_pointer);
    } else if (values_.expect_object(*it, field_pointer, key)) {
      values_.check_payload_template(*it, field_pointer, key);
    }
  }
}

void StructureChecker::check_item_reader(const nlohmann::json& value, const std::string& pointer,
                                         QueryLanguage language) {
  if (!values_.expect_object(value, pointer, "ItemReader")) return;
  check_allowed_fields(value, pointer, {"Resource", "ReaderConfig", "Parameters", "Arguments"}, "ItemReader");
  if (auto it = value.find("Resource"); it == value.end()) {
    reporter_.report("missing-required-field", pointer, "'ItemReader' needs 'Resource'");
  } else {
    values_.check_resource(*it, append_pointer(pointer, "Resource"));
  }
  check_reader_arguments(value, pointer, language);
  auto config = value.find("ReaderConfig");
  if (config == value.end()) return;
  const std::string config_pointer = append_pointer(pointer, "ReaderConfig");
  if (!values_.expect_object(*config, config_pointer, "ReaderConfig")) return;
  check_exclusive(*config, config_pointer, {"MaxItems", "MaxItemsPath"}, false, "'ReaderConfig'");
  for (const auto& [key, field] : config->items()) {
    const std::string field_pointer = append_pointer(config_pointer, key);
    if (key == "InputType") {
      values_.expect_enum(field, field_pointer, key, {"CSV", "JSON", "JSONL", "PARQUET", "MANIFEST"});
    } else if (key == "CSVHeaderLocation") {
      values_.expect_enum(field, field_pointer, key, {"FIRST_ROW", "GIVEN"});
    } else if (key == "CSVHeaders") {
      if (values_.expect_array(field, field_pointer, key, false)) {
        for (std::size_t i = 0; i < field.size(); ++i) {
          values_.expect_string(field[i], append_pointer(field_pointer, i), "CSVHeaders[" + std::to_string(i) + "]");
        }
      }
    } else if (key == "MaxItems") {
      if (!values_.is_checked_jsonata(field, field_pointer, language)) {
        values_.expect_integer(field, field_pointer, key, 0, 100000000);
      }
    } else if (key == "MaxItemsPath") {
      if (language == QueryLanguage::Jsonata) {
        check_mode(key, field_pointer, language);
      } else {
        values_.check_reference_path(field, field_pointer, key, false);
      }
    }
    // Newer reader options (CSVDelimiter, ItemsPointer, ManifestType, ...) are accepted unchecked:
    // rejecting a field AWS has added since would be a false error.
  }
}

void StructureChecker::check_item_batcher(const nlohmann::json& value, const std::string& pointer,
                                          QueryLanguage language) {
  if (!values_.expect_object(value, pointer, "ItemBatcher")) return;
  check_allowed_fields(value, pointer,
                       {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                        "MaxInputBytesPerBatchPath", "BatchInput"},
                       "ItemBatcher");
  check_exclusive(value, pointer, {"MaxItemsPerBatch", "MaxItemsPerBatchPath"}, false, "'ItemBatcher'");
  check_exclusive(value, pointer, {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}, false, "'ItemBatcher'");
  for (const auto& [key, field] : value.items()) {
    const std::string field_pointer = append_pointer(pointer, key);
    if (key == "MaxItemsPerBatch") {
      if (!values_.is_checked_jsonata(field, field_pointer, language)) {
        values_.expect_integer(field, field_pointer, key, 1, 100000000);
      }
    } else if (key == "MaxInputBytesPerBatch") {
      if (!values_.is_checked_jsonata(field, field_pointer, language)) {
        values_.expect_integer(field, field_pointer, key, 1, 262144);
      }
    } else if (key == "MaxItemsPerBatchPath" || key == "MaxInputBytesPerBatchPath") {
      if (language == QueryLanguage::Jsonata) {
        check_mode(key, field_pointer, language);
      } else {
        values_.check_reference_path(field, field_pointer, key, false);
      }
    } else if (key == "BatchInput") {
      if (language == QueryLanguage::Jsonata) {
        values_.check_jsonata_strings(field, field_pointer);
      } else {
        values_.check_payload_template(field, field_pointer, key);
      }
    }
  }
}

void StructureChecker::check_result_writer(const nlohmann::json& value, const std::string& pointer,
                                           QueryLanguage language) {
  if (!values_.expect_object(value, pointer, "ResultWriter")) return;
  check_allowed_fields(value, pointer, {"Resource", "Parameters", "Arguments", "WriterConfig"}, "ResultWriter");
  if (auto it = value.find("Resource"); it != value.end()) {
    values_.check_resource(*it, append_pointer(pointer, "Resource"));
  }
  check_reader_arguments(value, pointer, language);
  if (auto it = value.find("WriterConfig"); it != value.end()) {
    values_.expect_object(*it, append_pointer(pointer, "WriterConfig"), "WriterConfig");
  }
}

}  // namespace sfn::rules
