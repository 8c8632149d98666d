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
  // `names` empty means every registered stage; a stage marked added_when_required joins when a
  // named stage requires its layers. Stages run in registry order whatever the order of `names`
  // (order_stages keeps it: the registry lists providers first). Errors: `unknown-stage`,
  // `missing-dependency`, `stage-order`, or a stage's own start-up error (e.g. `bad-model`); all
  // are usage errors (exit 2) for the CLI. The models load on the calling thread: call
  // reserve_model_heap() (model_heap.h) first, and start-up takes half as long.
  static Result<Pipeline> create(const std::vector<std::string>& names, const StageOptions& options);
  // A pipeline of stages the caller made (its own beside registered ones), run in the order given;
  // checking their dependencies is the caller's part.
  explicit Pipeline(std::vector<std::shared_ptr<const Stage>> stages) : stages_(std::move(stages)) {}

  // Runs every stage; stops at the first stage error, which is the article's error. An exception
  // thrown by a stage becomes the error `internal`.
  Status run(Document& doc) const;
  // Runs every stage over several documents, one stage at a time: each stage's model then stays in
  // the cache from one document to the next, which makes batches of news articles about 10% faster
  // than one document at a time (docs/PERFORMANCE.md). statuses[i] is what run(*docs[i]) returns;
  // a document's error or exception never stops the others.
  void run(const std::vector<Document*>& docs, std::vector<Status>& statuses) const;

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
  Pipeline() = default;
  std::vector<const StageSpec*> specs_;
  std::vector<std::shared_ptr<const Stage>> stages_;
};

// The normalize + segment pipeline on the data directory find_data_dir() finds: how the training
// tools and benchmarks split their texts, exactly as the binary does.
Result<Pipeline> segmentation_pipeline();

// `chosen` in an order where each stage runs after the chosen stages that provide a layer it
// requires or uses when present; stages keep their order in `chosen` wherever that allows.
std::vector<const StageSpec*> order_stages(std::vector<const StageSpec*> chosen);

// Checks that every layer a stage in `chosen` requires is provided by an earlier chosen stage
// (`missing-dependency`: the error names the stage, the layer and the stage that provides it), and
// that a chosen stage providing a layer another uses when present runs before it (`stage-order`).
// A layer used when present that no chosen stage provides is fine.
Status check_dependencies(const std::vector<const StageSpec*>& chosen);

}  // namespace analyze
