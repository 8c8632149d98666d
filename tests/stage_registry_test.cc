#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/pipeline.h"
#include "test_support.h"

namespace {

using analyze::Document;
using analyze::StageSpec;

bool reads(const StageSpec& spec, std::string_view layer) {
  return std::find(spec.requires_layers.begin(), spec.requires_layers.end(), layer) != spec.requires_layers.end() ||
         std::find(spec.optional_layers.begin(), spec.optional_layers.end(), layer) != spec.optional_layers.end();
}

// The registered stages before `target` that provide a layer it reads, and recursively what those
// read, as a --stages list in registry order.
std::string declared_providers(const StageSpec& target) {
  const auto& registry = analyze::stage_registry();
  const auto end = static_cast<std::size_t>(&target - registry.data());
  std::vector<bool> wanted(end, false);
  std::vector<const StageSpec*> readers = {&target};
  while (!readers.empty()) {
    const StageSpec* reader = readers.back();
    readers.pop_back();
    for (std::size_t i = 0; i < end; ++i) {
      if (wanted[i]) continue;
      const auto& provides = registry[i].provides_layers;
      if (std::none_of(provides.begin(), provides.end(), [&](std::string_view l) { return reads(*reader, l); })) continue;
      wanted[i] = true;
      readers.push_back(&registry[i]);
    }
  }
  std::string names;
  for (std::size_t i = 0; i < end; ++i)
    if (wanted[i]) names += (names.empty() ? "" : ",") + std::string(registry[i].name);
  return names;
}

std::string stages_before(const StageSpec& target) {
  std::string names;
  for (const StageSpec* spec = analyze::stage_registry().data(); spec != &target; ++spec)
    names += (names.empty() ? "" : ",") + std::string(spec->name);
  return names;
}

Document prepared(const std::string& text, const std::string& stages) {
  Document doc("test", text);
  if (!stages.empty()) REQUIRE(analyze::testing::pipeline_of(stages).run(doc));
  return doc;
}

// Clears the layers kept in Document's own members that `spec` does not declare.
void drop_undeclared(const StageSpec& spec, Document& doc) {
  if (!reads(spec, "boilerplate"))
    for (auto& p : doc.paragraphs) p.boilerplate = false;
  if (!reads(spec, "language")) doc.language.reset();
}

// What `stage` adds to `doc`: its JSON keys and its warnings.
std::string contribution(const analyze::Stage& stage, Document& doc) {
  const std::size_t warnings_before = doc.warnings.size();
  REQUIRE(stage.run(doc));
  std::string out = analyze::testing::written_json(doc, {&stage}).dump();
  for (std::size_t i = warnings_before; i < doc.warnings.size(); ++i) out += "\n" + doc.warnings[i].message;
  return out;
}

// Boilerplate paragraphs, a title-case headline, people named in full and then by surname.
const char* kEnglish =
    "Minister Defends Budget Cuts In Tense Parliament Session\n\n"
    "WELLINGTON (Reuters) - Finance minister Grant Robertson defended the budget cuts on Tuesday, as "
    "opposition leader Judith Collins called the plan a disaster for rural hospitals.\n\n"
    "Robertson said the hospitals would keep their funding. Collins said rural hospitals had already lost "
    "staff, and Robertson's budget cuts would close wards.\n\n"
    "Read more: Budget cuts explained\n\n"
    "Follow us on Twitter and Facebook for the latest news\n\n"
    "Copyright 2024 Reuters. All rights reserved.\n";

const char* kSpanish =
    "El ministro de Hacienda defendió el martes los recortes del presupuesto ante el Parlamento, mientras la "
    "oposición calificó el plan de desastre para los hospitales rurales del país.\n";

}  // namespace

// A stage that read a layer it does not declare would see it here only through the full pipeline:
// its output would differ between the two documents.
TEST_CASE("every stage gives the same output on a document holding only the layers it declares", "[registry][data]") {
  const analyze::StageOptions options = analyze::testing::test_options();
  for (const StageSpec& spec : analyze::stage_registry()) {
    auto stage = spec.create(options);
    REQUIRE(stage);
    for (const char* text : {kEnglish, kSpanish}) {
      INFO("stage " << spec.name << " on: " << std::string_view(text).substr(0, 30));
      Document full = prepared(text, stages_before(spec));
      Document declared = prepared(text, declared_providers(spec));
      drop_undeclared(spec, declared);
      CHECK(contribution(**stage, declared) == contribution(**stage, full));
    }
  }
}

TEST_CASE("every layer a stage reads is one a registered stage provides", "[registry]") {
  std::vector<std::string_view> provided;
  for (const StageSpec& spec : analyze::stage_registry())
    provided.insert(provided.end(), spec.provides_layers.begin(), spec.provides_layers.end());
  for (const StageSpec& spec : analyze::stage_registry()) {
    INFO("stage " << spec.name);
    for (const auto* layers : {&spec.requires_layers, &spec.optional_layers})
      for (std::string_view layer : *layers) CHECK(std::count(provided.begin(), provided.end(), layer) == 1);
  }
}

TEST_CASE("a stage run without a layer it requires fails its article instead of crashing", "[registry][data]") {
  for (const char* name : {"topics", "keyphrases"}) {
    INFO("stage " << name);
    const auto& registry = analyze::stage_registry();
    const auto spec = std::find_if(registry.begin(), registry.end(), [&](const StageSpec& s) { return s.name == name; });
    REQUIRE(spec != registry.end());
    auto stage = spec->create(analyze::testing::test_options());
    REQUIRE(stage);
    Document doc = analyze::testing::analyzed(kEnglish);  // no `terms` stage ran
    const analyze::Status status = (*stage)->run(doc);
    REQUIRE_FALSE(status);
    CHECK(status.error().code == "missing-dependency");
    CHECK_THAT(status.error().message, Catch::Contains("'terms'"));
  }
}
