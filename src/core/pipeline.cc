#include "analyze/pipeline.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <fmt/format.h>

#include "analyze/data_dir.h"
#include "analyze/table_writer.h"

namespace analyze {

void Stage::write_table(const Document&, TableWriter&) const {}
void Stage::write_sentence_keys(const Document&, std::size_t, JsonWriter&) const {}
void Stage::write_entity_keys(const Document&, std::size_t, JsonWriter&) const {}

void ArticleJsonWriter::sentence_keys(const Document& doc, std::size_t sentence) {
  for (const auto& stage : stages_) stage->write_sentence_keys(doc, sentence, *this);
}

void ArticleJsonWriter::entity_keys(const Document& doc, std::size_t entity) {
  for (const auto& stage : stages_) stage->write_entity_keys(doc, entity, *this);
}

bool english_or_warn(Document& doc, std::string_view stage) {
  if (doc.english_or_unknown()) return true;
  doc.warnings.push_back({"not-english", fmt::format("{}: skipped, the language is '{}'", stage, doc.language->code)});
  return false;
}

double json_score(double x) { return std::round(x * 10000.0) / 10000.0; }

namespace {

const StageSpec* find_spec(std::string_view name) {
  for (const auto& spec : stage_registry())
    if (spec.name == name) return &spec;
  return nullptr;
}

const StageSpec* provider_of(std::string_view layer) {
  for (const auto& spec : stage_registry())
    if (std::find(spec.provides_layers.begin(), spec.provides_layers.end(), layer) != spec.provides_layers.end())
      return &spec;
  return nullptr;
}

std::string stage_names() {
  std::string names;
  for (const auto& spec : stage_registry()) names += (names.empty() ? "" : ", ") + std::string(spec.name);
  return names;
}

}  // namespace

Status check_dependencies(const std::vector<const StageSpec*>& chosen) {
  std::vector<std::string_view> provided;
  for (const StageSpec* spec : chosen) {
    for (std::string_view layer : spec->requires_layers) {
      if (std::find(provided.begin(), provided.end(), layer) != provided.end()) continue;
      const StageSpec* provider = provider_of(layer);
      return Error{"missing-dependency",
                   fmt::format("stage '{}' requires '{}', which stage '{}' provides; add it to --stages",
                               spec->name, layer, provider ? provider->name : "(none)")};
    }
    provided.insert(provided.end(), spec->provides_layers.begin(), spec->provides_layers.end());
  }
  return Status::ok();
}

Result<Pipeline> Pipeline::create(const std::vector<std::string>& names, const StageOptions& options) {
  Pipeline p;
  for (const auto& name : names)
    if (!find_spec(name))
      return Error{"unknown-stage", fmt::format("unknown stage '{}' (stages: {})", name, stage_names())};
  for (const auto& spec : stage_registry())
    if (names.empty() || std::find(names.begin(), names.end(), spec.name) != names.end()) p.specs_.push_back(&spec);
  if (Status s = check_dependencies(p.specs_); !s) return s.error();
  // One after another, on this thread: loading is mostly filling fresh memory, and on the heap
  // that reserve_model_heap() prepared it takes a few large pages. Threads would each fill their
  // own heap a small page at a time: side by side on two cores that was twice as slow (80 ms
  // against 40 ms for a one-article run, docs/PERFORMANCE.md part 3).
  for (const StageSpec* spec : p.specs_) {
    auto stage = spec->create(options);
    if (!stage) return stage.error();
    p.stages_.push_back(std::move(stage.value()));
  }
  return p;
}

bool Pipeline::has_stage(std::string_view name) const {
  return std::any_of(specs_.begin(), specs_.end(), [&](const StageSpec* s) { return s->name == name; });
}

Status Pipeline::run(Document& doc) const {
  std::vector<Status> statuses;
  run({&doc}, statuses);
  return statuses.front();
}

void Pipeline::run(const std::vector<Document*>& docs, std::vector<Status>& statuses) const {
  statuses.assign(docs.size(), Status::ok());
  for (const auto& stage : stages_)
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (!statuses[i]) continue;
      try {
        statuses[i] = stage->run(*docs[i]);
      } catch (const std::exception& e) {
        statuses[i] = internal_error(e);  // this article only, never the batch
      }
    }
}

namespace {

// The keys every article object starts with, failed or not.
void write_article_head(const Document& doc, JsonWriter& out) {
  out.field("schema", "analyze/1").field("id", doc.id);
  if (!doc.meta.is_null() && !doc.meta.empty()) out.field("meta", doc.meta);
}

void write_warnings(const Document& doc, JsonWriter& out) {
  if (doc.warnings.empty()) return;
  out.key("warnings").begin_array();
  for (const auto& w : doc.warnings) out.begin_object().field("code", w.code).field("message", w.message).end_object();
  out.end_array();
}

}  // namespace

void Pipeline::write_json(const Document& doc, std::string& out, bool pretty) const {
  ArticleJsonWriter writer(out, pretty, stages_);
  writer.begin_object();
  write_article_head(doc, writer);
  write_warnings(doc, writer);
  for (const auto& stage : stages_) stage->write_json(doc, writer);
  writer.end_object();
}

Result<Pipeline> segmentation_pipeline() {
  auto data_dir = find_data_dir();
  if (!data_dir) return data_dir.error();
  StageOptions options;
  options.data_dir = std::move(data_dir.value());
  return Pipeline::create({"normalize", "segment"}, options);
}

Json Pipeline::to_json(const Document& doc) const {
  std::string text;
  write_json(doc, text);
  return Json::parse(text);
}

void Pipeline::write_error_json(const Document& doc, const Error& error, std::string& out, bool pretty) {
  JsonWriter writer(out, pretty);
  writer.begin_object();
  write_article_head(doc, writer);
  writer.key("error").begin_object().field("code", error.code).field("message", error.message).end_object();
  write_warnings(doc, writer);
  writer.end_object();
}

void Pipeline::write_table(const Document& doc, TableWriter& table) const {
  for (const auto& stage : stages_) stage->write_table(doc, table);
}

}  // namespace analyze
