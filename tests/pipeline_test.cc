#include <catch2/catch.hpp>

#include "analyze/pipeline.h"
#include "test_support.h"

using analyze::Pipeline;
using analyze::testing::test_options;

TEST_CASE("the default pipeline runs every registered stage in registry order", "[pipeline]") {
  auto p = Pipeline::create({}, test_options());
  REQUIRE(p);
  REQUIRE(p->specs().size() == analyze::stage_registry().size());
  for (std::size_t i = 0; i < p->specs().size(); ++i) CHECK(p->specs()[i]->name == analyze::stage_registry()[i].name);
}

TEST_CASE("stages run in registry order whatever order the user names them", "[pipeline]") {
  auto p = Pipeline::create({"segment", "normalize"}, test_options());
  REQUIRE(p);
  CHECK(p->specs()[0]->name == "normalize");
  CHECK(p->specs()[1]->name == "segment");
}

TEST_CASE("an unknown stage is refused with the list of stages", "[pipeline]") {
  auto p = Pipeline::create({"normalize", "sentiment"}, test_options());
  REQUIRE_FALSE(p);
  CHECK(p.error().code == "unknown-stage");
  CHECK_THAT(p.error().message, Catch::Contains("'sentiment'") && Catch::Contains("segment"));
}

TEST_CASE("a missing dependency names the layer and the stage that provides it", "[pipeline]") {
  auto p = Pipeline::create({"normalize", "stats"}, test_options());
  REQUIRE_FALSE(p);
  CHECK(p.error().code == "missing-dependency");
  CHECK_THAT(p.error().message, Catch::Contains("'stats'") && Catch::Contains("'paragraphs'") && Catch::Contains("'segment'"));
}

TEST_CASE("every registered stage's requirements are provided by stages before it", "[pipeline]") {
  std::vector<const analyze::StageSpec*> all;
  for (const auto& spec : analyze::stage_registry()) all.push_back(&spec);
  CHECK(analyze::check_dependencies(all));
}

TEST_CASE("the article JSON starts with schema and id, and a stage error becomes an error record", "[pipeline]") {
  const Pipeline& p = analyze::testing::pipeline_of("normalize,segment");
  analyze::Document doc("a.txt", "Hello world.");
  REQUIRE(p.run(doc));
  const auto j = p.to_json(doc);
  CHECK(j.begin().key() == "schema");
  CHECK(j["schema"] == "analyze/1");
  CHECK(j["id"] == "a.txt");
  CHECK(j["sentences"].size() == 1);

  analyze::Document binary("photo.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11));
  const auto s = p.run(binary);
  REQUIRE_FALSE(s);
  std::string text;
  Pipeline::write_error_json(binary, s.error(), text);
  const auto e = analyze::Json::parse(text);
  CHECK(e["error"]["code"] == "not-text");
  CHECK(e["id"] == "photo.jpg");
  CHECK_FALSE(e.contains("sentences"));
}
