#include "entities/entities_stage.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "entities/entity_linker.h"
#include "analyze/table_writer.h"
#include "core/utf8.h"
#include "entities/entity_test_support.h"
#include "temp_dir.h"

using namespace analyze;
using analyze::testing::find_entity;
using analyze::testing::mention_texts;
using analyze::testing::segmented;
using analyze::testing::tag_all;

namespace fs = std::filesystem;

namespace {

// What the CLI runs for entities: boilerplate paragraphs flagged and the language known first.
const Pipeline& article_pipeline() {
  static const Pipeline pipeline = [] {
    StageOptions options;
    options.data_dir = testing::data_dir();
    auto p = Pipeline::create({"normalize", "segment", "boilerplate", "language", "entities"}, options);
    REQUIRE(p);
    return std::move(p.value());
  }();
  return pipeline;
}

}  // namespace

TEST_CASE("entities stage: declares what it needs and provides", "[entities_stage]") {
  const StageSpec& spec = entities_stage_spec();
  CHECK(spec.name == "entities");
  CHECK(spec.requires_layers == std::vector<std::string_view>{"paragraphs", "sentences", "tokens"});
  CHECK(spec.optional_layers == std::vector<std::string_view>{"boilerplate", "language", "dates", "quantities"});
  CHECK(spec.provides_layers == std::vector<std::string_view>{"entities"});
}

TEST_CASE("entities stage: a missing or corrupt model is a bad-model error naming the file", "[entities_stage]") {
  const testing::TempDir dir;
  fs::create_directory(dir.path / "models");
  StageOptions options;
  options.data_dir = dir.path;
  auto missing = entities_stage_spec().create(options);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-model");
  CHECK(missing.error().message.find("ner.bin") != std::string::npos);

  dir.write("models/ner.bin", std::string("not a model at all\n") + std::string(100, '\xff'));
  auto corrupt = entities_stage_spec().create(options);
  REQUIRE_FALSE(corrupt);
  CHECK(corrupt.error().code == "bad-model");
  CHECK(corrupt.error().message.find("ner.bin") != std::string::npos);
}

TEST_CASE("entities stage: a malformed --gazetteer file is reported before any input is read", "[entities_stage]") {
  const testing::TempDir dir;
  StageOptions options;
  options.data_dir = dir.path;
  options.gazetteer_files = {dir.write("mine.tsv", "Bukele\tPOLITICIAN\n").string()};
  auto stage = entities_stage_spec().create(options);
  REQUIRE_FALSE(stage);
  CHECK(stage.error().code == "bad-gazetteer");
  CHECK(stage.error().message.find("mine.tsv:1") != std::string::npos);
}

TEST_CASE("entities stage: JSON follows the contract, offsets in code points", "[entities_stage][data]") {
  auto gazetteer = std::make_shared<Gazetteer>();
  REQUIRE(gazetteer->add_tsv("El Salvador\tLOCATION\t\tiso3166:SV\n", "test.tsv", false));
  const EntityLinker linker(gazetteer);
  Document doc = segmented("Café owners in El Salvador back Nayib Bukele.");
  doc.set_layer(linker.link(doc, tag_all(doc, {{"El Salvador", EntityType::kLocation}, {"Nayib Bukele", EntityType::kPerson}})));
  const auto stage = entities_stage_spec().create(testing::test_options());
  REQUIRE(stage);
  const Json json = testing::written_json(doc, {stage.value().get()})["entities"];
  REQUIRE(json.size() == 2);
  const auto& sv = json[0]["name"] == "El Salvador" ? json[0] : json[1];
  CHECK(sv["type"] == "LOCATION");
  CHECK(sv["ids"] == Json{{"iso3166", "SV"}});
  CHECK(sv["aliases"] == Json::array({"El Salvador"}));
  CHECK(sv["roles"] == Json::array());
  const auto& m = sv["mentions"][0];
  CHECK(m["start"] == 15);  // "Café" is 4 code points but 5 bytes
  CHECK(m["end"] == 26);
  CHECK(m["text"] == "El Salvador");
  CHECK(m["sentence"] == 0);
  double total = json[0]["salience"].get<double>() + json[1]["salience"].get<double>();
  CHECK(total == Approx(1.0).margin(0.001));
}

TEST_CASE("entities stage: other languages are skipped with a warning", "[entities_stage][data]") {
  Document doc("de", "Die Bundesregierung in Berlin hat am Montag beschlossen, dass die neuen Regeln für alle Unternehmen in "
                     "Deutschland gelten sollen. Bundeskanzler Olaf Scholz sagte, das sei ein wichtiger Schritt.");
  REQUIRE(article_pipeline().run(doc));
  REQUIRE(doc.layer<EntityLayer>());
  CHECK(doc.layer<EntityLayer>()->entities.empty());
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "not-english");
}

TEST_CASE("entities stage: the user's sample article", "[entities_stage][data]") {
  if (!fs::exists(testing::shared_dir())) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  const Pipeline& pipeline = article_pipeline();
  std::ifstream in(testing::shared_dir() / "samples" / "trump-bukele.txt", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  Document doc("trump-bukele.txt", text.str());
  REQUIRE(pipeline.run(doc));
  REQUIRE(doc.paragraphs.back().boilerplate);  // the teaser lines
  const EntityLayer* layer = doc.layer<EntityLayer>();
  REQUIRE(layer);
  REQUIRE(layer->entities.size() >= 3);
  std::vector<std::string> top = {layer->entities[0].name, layer->entities[1].name};
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::string>{"Donald Trump", "Nayib Bukele"});
  for (const char* name : {"Donald Trump", "Nayib Bukele"}) {
    const Entity* e = find_entity(*layer, name);
    REQUIRE(e);
    CHECK(e->type == EntityType::kPerson);
    const auto texts = mention_texts(doc, *e);
    const std::string surname = std::string(name).substr(std::string(name).find(' ') + 1);
    CHECK(std::count(texts.begin(), texts.end(), surname) >= 4);  // short forms and possessive stems grouped in
  }
  const auto has_role = [&](const char* name, const char* role) {
    const auto& roles = find_entity(*layer, name)->roles;
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  };
  CHECK(has_role("Donald Trump", "former President"));
  CHECK(has_role("Nayib Bukele", "El Salvador's President"));
  const Entity* sv = find_entity(*layer, "El Salvador");
  REQUIRE(sv);
  CHECK(sv->type == EntityType::kLocation);
  // The country, with its GeoNames id beside ISO's: the knowledge base knows it.
  CHECK(std::count(sv->ids.begin(), sv->ids.end(), std::pair<std::string, std::string>{"iso3166", "SV"}) == 1);
  CHECK(std::count_if(sv->ids.begin(), sv->ids.end(), [](const auto& id) { return id.first == "geonames"; }) == 1);
  const Entity* us = find_entity(*layer, "United States");
  REQUIRE(us);
  const auto us_texts = mention_texts(doc, *us);
  CHECK(std::count(us_texts.begin(), us_texts.end(), "U.S.") >= 5);

  TableWriter table(80);
  pipeline.write_table(doc, table);
  std::istringstream lines(table.str());
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line); ++rows) CHECK(utf8::length(line) <= 80);
  CHECK(table.str().find("Donald Trump") != std::string::npos);
  CHECK(rows >= 4);
  for (const char* teaser : {"Crimea", "George Santos", "Ed Martin", "India", "Pakistan", "BBC Express News"})
    CHECK_FALSE(find_entity(*layer, teaser));
}

TEST_CASE("entities stage: names inside a time expression or a quantity are no entities", "[entities_stage][data]") {
  const std::string text = "Talks in Geneva ended at 8am GMT on Friday, and the firm paid 5 Swiss francs.";
  Document without = testing::analyzed(text, "normalize,segment,boilerplate,language,entities");
  Document with = testing::analyzed(text, "normalize,segment,boilerplate,language,quantities,dates,entities");
  CHECK(find_entity(*without.layer<EntityLayer>(), "GMT") != nullptr);
  CHECK(find_entity(*with.layer<EntityLayer>(), "GMT") == nullptr);
  CHECK(find_entity(*with.layer<EntityLayer>(), "Geneva") != nullptr);
  CHECK(find_entity(*with.layer<EntityLayer>(), "Swiss") != nullptr);  // a currency's country is a name (CoNLL MISC)
}
