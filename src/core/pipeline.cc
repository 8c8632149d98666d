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

Error missing_layer(std::string_view stage, std::string_view layer) {
  return Error{"missing-dependency", fmt::format("stage '{}' ran without the '{}' layer it requires", stage, layer)};
}

double json_score(double x) { return std::round(x * 10000.0) / 10000.0; }

namespace {

const StageSpec* find_spec(std::string_view name) {
  for (const auto& spec : stage_registry())
    if (spec.name == name) return &spec;
  return nullptr;
}

bool contains(const std::vector<std::string_view>& layers, std::string_view layer) {
  return std::find(layers.begin(), layers.end(), layer) != layers.end();
}

// Whether `consumer` reads (requires or uses when present) a layer that `provider` provides.
bool reads_from(const StageSpec& consumer, const StageSpec& provider) {
  return std::any_of(provider.provides_layers.begin(), provider.provides_layers.end(), [&](std::string_view layer) {
    return contains(consumer.requires_layers, layer) || contains(consumer.optional_layers, layer);
  });
}

// The first of `chosen` that provides `layer`, or nullptr.
const StageSpec* chosen_provider(const std::vector<const StageSpec*>& chosen, std::string_view layer) {
  for (const StageSpec* spec : chosen)
    if (contains(spec->provides_layers, layer)) return spec;
  return nullptr;
}

const StageSpec* provider_of(std::string_view layer) {
  for (const auto& spec : stage_registry())
    if (contains(spec.provides_layers, layer)) return &spec;
  return nullptr;
}

// The registered stages `names` asks for (all when empty), with the stages marked
// added_when_required that one of them requires, in registry order.
std::vector<const StageSpec*> chosen_stages(const std::vector<std::string>& names) {
  std::vector<const StageSpec*> named;
  for (const auto& spec : stage_registry())
    if (names.empty() || std::find(names.begin(), names.end(), spec.name) != names.end()) named.push_back(&spec);
  std::vector<const StageSpec*> chosen;
  for (const auto& spec : stage_registry()) {
    const bool is_named = std::find(named.begin(), named.end(), &spec) != named.end();
    const bool required = spec.added_when_required && std::any_of(named.begin(), named.end(), [&](const StageSpec* s) {
      return std::any_of(spec.provides_layers.begin(), spec.provides_layers.end(),
                         [&](std::string_view layer) { return contains(s->requires_layers, layer); });
    });
    if (is_named || required) chosen.push_back(&spec);
  }
  return chosen;
}

std::string stage_names() {
  std::string names;
  for (const auto& spec : stage_registry()) names += (names.empty() ? "" : ", ") + std::string(spec.name);
  return names;
}

}  // namespace

std::vector<const StageSpec*> order_stages(std::vector<const StageSpec*> pending) {
  std::vector<const StageSpec*> ordered;
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const StageSpec* spec) {
      return std::none_of(pending.begin(), pending.end(),
                          [&](const StageSpec* other) { return other != spec && reads_from(*spec, *other); });
    });
    if (ready == pending.end()) ready = pending.begin();  // a cycle: check_dependencies names it
    ordered.push_back(*ready);
    pending.erase(ready);
  }
  return ordered;
}

Status check_dependencies(const std::vector<const StageSpec*>& chosen) {
  std::vector<std::string_view> provided;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const StageSpec* spec = chosen[i];
    for (std::string_view layer : spec->requires_layers) {
      if (contains(provided, layer)) continue;
      const StageSpec* provider = provider_of(layer);
      return Error{"missing-dependency",
                   fmt::format("stage '{}' requires '{}', which stage '{}' provides; add it to --stages",
                               spec->name, layer, provider ? provider->name : "(none)")};
    }
    const std::vector<const StageSpec*> later(chosen.begin() + static_cast<std::ptrdiff_t>(i) + 1, chosen.end());
    for (std::string_view layer : spec->optional_layers) {
      const StageSpec* provider = contains(provided, layer) ? nullptr : chosen_provider(later, layer);
      if (provider)
        return Error{"stage-order", fmt::format("stage '{}' uses '{}', but stage '{}', which provides it, runs after it",
                                                spec->name, layer, provider->name)};
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
  p.specs_ = order_stages(chosen_stages(names));
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
  if (!doc.source.is_null()) writer.field("source", doc.source).field("text", doc.text());
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
