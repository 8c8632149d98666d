// A pipeline stage (CoreNLP's annotator, spaCy's component): it declares the layers it requires and
// provides, and adds its layers to a Document. One instance serves every worker thread, so run()
// is const and keeps no per-article state in members; start-up work happens in the factory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/document.h"
#include "analyze/status.h"

namespace analyze {

class TableWriter;

// What the user chose that stages may need at start-up.
struct StageOptions {
  std::filesystem::path data_dir;              // models, lexicons, gazetteers (see data_dir.h)
  std::vector<std::string> gazetteer_files;    // --gazetteer
  std::string topics_lexicon_file;             // --topics-lexicon
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Adds this stage's layers. An Error fails this article only (e.g. `not-text`).
  virtual Status run(Document& doc) const = 0;
  // Writes the contract keys this stage provides into the article's JSON object.
  virtual void write_json(const Document& doc, Json& out) const = 0;
  // Adds this stage's section to the terminal table; stages with nothing to show keep the default.
  virtual void write_table(const Document& doc, TableWriter& table) const;
};

// For the English-only stages: true when `doc` may be analysed; otherwise adds the `not-english`
// warning naming `stage` and the language found, and the stage leaves its layer empty.
bool english_or_warn(Document& doc, std::string_view stage);

// An empty JSON object with room for `keys` keys. An ordered object is a vector whose elements are
// copied, not moved, when it grows, so an object that later stages add keys to (the article, its
// sentences, its entities) is made with room for them: otherwise each growth deep-copies it.
Json json_object(std::size_t keys);

// Scores and salience in JSON: four decimals are all a reader can use, and they keep output short.
double json_score(double x);

// Static description of a stage: known without loading anything, so --list-stages and the
// dependency check cost nothing. `create` does the start-up work (loading models) and may fail.
struct StageSpec {
  std::string_view name;
  std::string_view description;
  std::vector<std::string_view> requires_layers;
  std::vector<std::string_view> provides_layers;
  Result<std::unique_ptr<Stage>> (*create)(const StageOptions& options);
};

// Every stage, in the order a pipeline runs them (each after the stages it depends on).
const std::vector<StageSpec>& stage_registry();

}  // namespace analyze
