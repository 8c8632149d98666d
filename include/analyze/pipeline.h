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

  // The article's contract JSON: schema, id, meta, warnings, then each stage's keys.
  Json to_json(const Document& doc) const;
  // The JSON object for an article that failed.
  static Json error_json(const Document& doc, const Error& error);
  void write_table(const Document& doc, TableWriter& table) const;

  const std::vector<const StageSpec*>& specs() const { return specs_; }
  bool has_stage(std::string_view name) const;

 private:
  std::vector<const StageSpec*> specs_;
  std::vector<std::shared_ptr<const Stage>> stages_;
};

// Checks that every layer a stage in `chosen` requires is provided by an earlier chosen stage.
// The error names the stage, the missing layer and the stage that provides it.
Status check_dependencies(const std::vector<const StageSpec*>& chosen);

}  // namespace analyze
