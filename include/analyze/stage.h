// A pipeline stage (CoreNLP's annotator, spaCy's component): it declares the layers it requires and
// provides, and adds its layers to a Document. One instance serves every worker thread, so run()
// is const and keeps no per-article state in members; start-up work happens in the factory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/date.h"
#include "analyze/document.h"
#include "analyze/json_writer.h"
#include "analyze/status.h"

namespace analyze {

class ArticleJsonWriter;
class TableWriter;

// Where the stance stage's target polarities come from: the trained stance model, or the
// lexicon-only scorer (the baseline the model is compared with).
enum class StanceVariant { kModel, kLexicon };

// What the user chose that stages may need at start-up. Stages read their settings here, never
// from the environment.
struct StageOptions {
  std::filesystem::path data_dir;              // models, lexicons, gazetteers (see data_dir.h)
  std::vector<std::string> gazetteer_files;    // --gazetteer
  std::string topics_lexicon_file;             // --topics-lexicon
  StanceVariant stance_variant = StanceVariant::kModel;  // --stance-model
  std::optional<CalendarDate> article_date;    // --date: the date of articles whose record gives none
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Adds this stage's layers. An Error fails this article only (e.g. `not-text`).
  virtual Status run(Document& doc) const = 0;
  // Writes the contract keys this stage provides into the article's JSON object (keys only: the
  // object is open).
  virtual void write_json(const Document& doc, ArticleJsonWriter& out) const = 0;
  // Writes the keys this stage adds to the object of sentence `sentence` (written by the segment
  // stage) and of entity `entity` (written by the entities stage): the stance stage's sentiment.
  virtual void write_sentence_keys(const Document& doc, std::size_t sentence, JsonWriter& out) const;
  virtual void write_entity_keys(const Document& doc, std::size_t entity, JsonWriter& out) const;
  // Adds this stage's section to the terminal table; stages with nothing to show keep the default.
  virtual void write_table(const Document& doc, TableWriter& table) const;
};

// For the English-only stages: true when `doc` may be analysed; otherwise adds the `not-english`
// warning naming `stage` and the language found, and the stage leaves its layer empty.
bool english_or_warn(Document& doc, std::string_view stage);

// The article's error when `stage` runs on a Document without a layer it requires (a pipeline a
// caller assembled without the layer's stage): `missing-dependency`, never a crash.
Error missing_layer(std::string_view stage, std::string_view layer);

// The writer of an article's JSON: stages write their keys in pipeline order, and a stage that
// writes an object per sentence or per entity lets every stage add its keys there.
class ArticleJsonWriter : public JsonWriter {
 public:
  ArticleJsonWriter(std::string& out, bool pretty, const std::vector<std::shared_ptr<const Stage>>& stages)
      : JsonWriter(out, pretty), stages_(stages) {}
  void sentence_keys(const Document& doc, std::size_t sentence);
  void entity_keys(const Document& doc, std::size_t entity);

 private:
  const std::vector<std::shared_ptr<const Stage>>& stages_;
};

// Scores and salience in JSON: four decimals are all a reader can use, and they keep output short.
double json_score(double x);

// Static description of a stage: known without loading anything, so --list-stages and the
// dependency check cost nothing. `create` does the start-up work (loading models) and may fail.
// A stage reads only the layers it requires or uses when present: the pipeline runs the stages
// providing them first.
struct StageSpec {
  std::string_view name;
  std::string_view description;
  std::vector<std::string_view> requires_layers;  // must be in the pipeline
  std::vector<std::string_view> optional_layers;  // read when a stage of the pipeline provides them
  std::vector<std::string_view> provides_layers;
  Result<std::unique_ptr<Stage>> (*create)(const StageOptions& options);
  // A stage that writes no output and that other stages require: a pipeline holding one of those
  // gets it without the user naming it.
  bool added_when_required = false;
};

// Every stage, in the order a pipeline runs them (each after the stages it depends on).
const std::vector<StageSpec>& stage_registry();

}  // namespace analyze
