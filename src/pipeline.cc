#include "analyze/pipeline.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <optional>
#include <fmt/format.h>

#include "analyze/table_writer.h"

namespace analyze {

void Stage::write_table(const Document&, TableWriter&) const {}

bool english_or_warn(Document& doc, std::string_view stage) {
  if (doc.english_or_unknown()) return true;
  doc.warnings.push_back({"not-english", fmt::format("{}: skipped, the language is '{}'", stage, doc.language->code)});
  return false;
}

Json json_object(std::size_t keys) {
  Json object = Json::object();
  object.get_ref<Json::object_t&>().reserve(keys);
  return object;
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
  // Stages load their models independently, so they are created side by side: start-up takes
  // about as long as the slowest model load, not the sum (it dominates a one-article run).
  std::vector<std::future<Result<std::unique_ptr<Stage>>>> created;
  for (const StageSpec* spec : p.specs_)
    created.push_back(std::async(std::launch::async, [spec, &options] { return spec->create(options); }));
  std::optional<Error> first_error;  // in registry order, whatever order the loads finish in
  for (auto& future : created) {
    auto stage = future.get();
    if (!stage) {
      if (!first_error) first_error = stage.error();
      continue;
    }
    p.stages_.push_back(std::move(stage.value()));
  }
  if (first_error) return *first_error;
  return p;
}

bool Pipeline::has_stage(std::string_view name) const {
  return std::any_of(specs_.begin(), specs_.end(), [&](const StageSpec* s) { return s->name == name; });
}

Status Pipeline::run(Document& doc) const {
  for (const auto& stage : stages_)
    if (Status s = stage->run(doc); !s) return s;
  return Status::ok();
}

namespace {

constexpr std::size_t kTopLevelKeys = 16;  // schema, id, meta, warnings and every stage's keys

Json warnings_json(const std::vector<Error>& warnings) {
  Json out = Json::array();
  for (const auto& w : warnings) out.push_back({{"code", w.code}, {"message", w.message}});
  return out;
}

}  // namespace

Json Pipeline::to_json(const Document& doc) const {
  Json out = json_object(kTopLevelKeys);
  out["schema"] = "analyze/1";
  out["id"] = doc.id;
  if (!doc.meta.is_null() && !doc.meta.empty()) out["meta"] = doc.meta;
  if (!doc.warnings.empty()) out["warnings"] = warnings_json(doc.warnings);
  for (const auto& stage : stages_) stage->write_json(doc, out);
  return out;
}

Json Pipeline::error_json(const Document& doc, const Error& error) {
  Json out = Json::object();
  out["schema"] = "analyze/1";
  out["id"] = doc.id;
  if (!doc.meta.is_null() && !doc.meta.empty()) out["meta"] = doc.meta;
  out["error"] = {{"code", error.code}, {"message", error.message}};
  if (!doc.warnings.empty()) out["warnings"] = warnings_json(doc.warnings);
  return out;
}

void Pipeline::write_table(const Document& doc, TableWriter& table) const {
  for (const auto& stage : stages_) stage->write_table(doc, table);
}

}  // namespace analyze
