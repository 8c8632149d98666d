#include "entities/place_resolver.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "entities/entity_test_support.h"
#include "test_paths.h"

using namespace analyze;
namespace fs = std::filesystem;

namespace {

// What the CLI runs for entities, with the real tagger, gazetteers and knowledge base.
EntityLayer entities_of(std::string text) {
  const Document doc = testing::analyzed(std::move(text), "normalize,segment,boilerplate,language,entities");
  const EntityLayer* layer = doc.layer<EntityLayer>();
  REQUIRE(layer);
  return *layer;
}

std::string id_of(const Entity* e, std::string_view scheme) {
  REQUIRE(e);
  for (const auto& [k, v] : e->ids)
    if (k == scheme) return v;
  return "";
}

const PlaceResolver& resolver() {
  static const PlaceResolver r = [] {
    auto kb = KnowledgeBase::load(analyze::testing::data_dir() / "kb" / "places.bin");
    REQUIRE(kb);
    return PlaceResolver(std::make_shared<const KnowledgeBase>(std::move(kb.value())));
  }();
  return r;
}

// Entities written by hand (name, type, aliases, ids), one mention each, resolved in `text`.
EntityLayer resolved(const std::string& text, std::vector<Entity> entities) {
  const Document doc = testing::segmented(text);
  EntityLayer layer{std::move(entities)};
  for (Entity& e : layer.entities) e.mentions.resize(1);
  resolver().resolve(doc, layer);
  return layer;
}

Entity entity(std::string name, EntityType type, std::vector<std::string> aliases = {},
              std::vector<std::pair<std::string, std::string>> ids = {}) {
  Entity e;
  e.name = std::move(name);
  e.type = type;
  e.aliases = std::move(aliases);
  e.ids = std::move(ids);
  return e;
}

}  // namespace

TEST_CASE("place resolver: the project's sample datelined ATLANTA gives Georgia US-GA", "[place_resolver][data]") {
  std::ifstream in(analyze::testing::data_dir() / "samples" / "election-runoff.txt");
  std::stringstream text;
  text << in.rdbuf();
  const EntityLayer layer = entities_of(text.str());
  const Entity* georgia = testing::find_entity(layer, "Georgia");
  CHECK(id_of(georgia, "iso3166") == "US-GA");
  CHECK(id_of(georgia, "geonames") == "4197000");
  CHECK_FALSE(georgia->coordinates);  // GeoNames gives regions no point
}

TEST_CASE("place resolver: Georgia in an article about Tbilisi is the country", "[place_resolver][data]") {
  const EntityLayer layer = entities_of(
      "Protests in Tbilisi\n\nThousands marched in Tbilisi on Sunday against the government of Georgia. "
      "Police in Batumi also dispersed a rally.\n");
  CHECK(id_of(testing::find_entity(layer, "Georgia"), "iso3166") == "GE");
}

TEST_CASE("place resolver: Paris with France is the capital, Paris with Texas the town", "[place_resolver][data]") {
  const EntityLayer france = entities_of(
      "Talks in Paris\n\nThe French president met ministers in Paris on Monday. France wants a deal, and Lyon backs it.\n");
  const Entity* capital = testing::find_entity(france, "Paris");
  CHECK(id_of(capital, "geonames") == "2988507");
  REQUIRE(capital->coordinates);
  CHECK(capital->coordinates->lat == Approx(48.85).margin(0.01));

  const EntityLayer texas = entities_of(
      "Fair comes to Paris\n\nThe mayor of Paris, Texas, said the town would host the fair. Dallas is two hours away.\n");
  CHECK(id_of(testing::find_entity(texas, "Paris"), "geonames") == "4717560");
}

TEST_CASE("place resolver: a city never gets an iso3166 id, even one the gazetteer gave", "[place_resolver][data]") {
  const EntityLayer layer = resolved("Fans in Liverpool and Tokyo cheered.",
                                     {entity("Liverpool", EntityType::kLocation, {"Liverpool"}, {{"iso3166", "GB-LIV"}}),
                                      entity("Tokyo", EntityType::kLocation, {"Tokyo"}, {{"iso3166", "JP-13"}})});
  for (const Entity& e : layer.entities) {
    CHECK(id_of(&e, "iso3166").empty());
    CHECK_FALSE(id_of(&e, "geonames").empty());
    CHECK(e.coordinates);
  }
}

TEST_CASE("place resolver: a name with candidates too close to call keeps only the gazetteer's ids", "[place_resolver][data]") {
  // Springfield, Missouri, Massachusetts and Illinois are about the same size.
  const EntityLayer alone = resolved("Springfield voted.", {entity("Springfield", EntityType::kLocation)});
  CHECK(alone.entities[0].ids.empty());
  CHECK_FALSE(alone.entities[0].coordinates);
  const EntityLayer with_state = resolved(
      "Springfield voted; Illinois counted.",
      {entity("Springfield", EntityType::kLocation), entity("Illinois", EntityType::kLocation)});
  CHECK(id_of(&with_state.entities[0], "geonames") == "4250542");
  CHECK(id_of(&with_state.entities[1], "iso3166") == "US-IL");
}

TEST_CASE("place resolver: a US Congress member named in full gets a Wikidata id, a surname alone none", "[place_resolver][data]") {
  const EntityLayer layer = resolved("Bernie Sanders spoke. Sanders left. Smith stayed.",
                                     {entity("Bernie Sanders", EntityType::kPerson, {"Bernie Sanders", "Sanders"}),
                                      entity("Smith", EntityType::kPerson, {"Smith"}),
                                      entity("Sanders", EntityType::kOrganization, {"Sanders"})});
  CHECK(id_of(&layer.entities[0], "wikidata") == "Q359442");
  CHECK(layer.entities[1].ids.empty());
  CHECK(layer.entities[2].ids.empty());
}

TEST_CASE("place resolver: thousands of place entities each vote once for where the article is", "[place_resolver][data]") {
  std::vector<Entity> entities;
  for (const char* name : {"Atlanta", "Macon", "Savannah", "Augusta", "Columbus", "Athens"})
    for (int i = 0; i < 500; ++i) entities.push_back(entity(name, EntityType::kLocation, {name}));
  entities.push_back(entity("Georgia", EntityType::kLocation));
  const EntityLayer layer = resolved("Georgia.", std::move(entities));
  CHECK(id_of(&layer.entities.back(), "iso3166") == "US-GA");
}

TEST_CASE("place resolver: a country named like its capital stays the country", "[place_resolver][data]") {
  const EntityLayer layer = resolved("Monaco and Singapore signed.", {entity("Monaco", EntityType::kLocation, {"Monaco"}),
                                                                      entity("Singapore", EntityType::kLocation)});
  CHECK(id_of(&layer.entities[0], "iso3166") == "MC");
  CHECK(id_of(&layer.entities[1], "iso3166") == "SG");
  CHECK_FALSE(layer.entities[0].coordinates);
}

TEST_CASE("place resolver: a region keeps its name unless its largest city has it as main name", "[place_resolver][data]") {
  const EntityLayer layer = resolved("Oklahoma, Quebec and New York.", {entity("Oklahoma", EntityType::kLocation),
                                                                        entity("Quebec", EntityType::kLocation),
                                                                        entity("New York", EntityType::kLocation)});
  CHECK(id_of(&layer.entities[0], "iso3166") == "US-OK");
  CHECK(id_of(&layer.entities[1], "iso3166") == "CA-QC");
  CHECK(id_of(&layer.entities[2], "iso3166").empty());
  CHECK(id_of(&layer.entities[2], "geonames") == "5128581");  // New York City
}
