// An ordered set of stages chosen by name. Creating one checks every dependency and does all
// start-up work (loading models), so problems surface before any input is read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/document.h"
#include "analyze/stage.h"
#include "analyze/status.h"

namespace analyze {

class TableWriter;

class Pipeline {
 public:
  // `names` empty means every registered stage. Stages run in registry order whatever the order
  // of `names`. Errors: `unknown-stage`, `missing-dependency`, or a stage's own start-up error
  // (e.g. `bad-model`); all are usage errors (exit 2) for the CLI.
  static Result<Pipeline> create(const std::vector<std::string>& names, const StageOptions& options);

  // Runs every stage; stops at the first stage error, which is the article's error.
  Status run(Document& doc) const;

  // Appends the article's contract JSON to `out`: schema, id, meta, warnings, then each stage's
  // keys; pretty (indent 2) or on one line.
  void write_json(const Document& doc, std::string& out, bool pretty = false) const;
  // The same as a tree, for C++ callers that inspect the result (it is parsed back: slower).
  Json to_json(const Document& doc) const;
  // Appends the JSON object for an article that failed.
  static void write_error_json(const Document& doc, const Error& error, std::string& out, bool pretty = false);
  void write_table(const Document& doc, TableWriter& table) const;

  const std::vector<const StageSpec*>& specs() const { return specs_; }
  bool has_stage(std::string_view name) const;

 private:
  std::vector<const StageSpec*> specs_;
  std::vector<std::shared_ptr<const Stage>> stages_;
};

// The normalize + segment pipeline on the data directory find_data_dir() finds: how the training
// tools and benchmarks split their texts, exactly as the binary does.
Result<Pipeline> segmentation_pipeline();

// Checks that every layer a stage in `chosen` requires is provided by an earlier chosen stage.
// The error names the stage, the missing layer and the stage that provides it.
Status check_dependencies(const std::vector<const StageSpec*>& chosen);

}  // namespace analyze
