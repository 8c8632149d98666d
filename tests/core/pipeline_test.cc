#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "analyze/pipeline.h"
#include "test_support.h"

using analyze::Pipeline;
using analyze::testing::test_options;

TEST_CASE("the default pipeline runs every registered stage in registry order", "[pipeline][data]") {
  auto p = Pipeline::create({}, test_options());
  REQUIRE(p);
  REQUIRE(p->specs().size() == analyze::stage_registry().size());
  for (std::size_t i = 0; i < p->specs().size(); ++i) CHECK(p->specs()[i]->name == analyze::stage_registry()[i].name);
}

TEST_CASE("stages run in registry order whatever order the user names them", "[pipeline][data]") {
  auto p = Pipeline::create({"segment", "normalize"}, test_options());
  REQUIRE(p);
  CHECK(p->specs()[0]->name == "normalize");
  CHECK(p->specs()[1]->name == "segment");
}

TEST_CASE("an unknown stage is refused with the list of stages", "[pipeline][data]") {
  auto p = Pipeline::create({"normalize", "sentiment"}, test_options());
  REQUIRE_FALSE(p);
  CHECK(p.error().code == "unknown-stage");
  CHECK_THAT(p.error().message, Catch::Contains("'sentiment'") && Catch::Contains("segment"));
}

TEST_CASE("a missing dependency names the layer and the stage that provides it", "[pipeline][data]") {
  auto p = Pipeline::create({"normalize", "stats"}, test_options());
  REQUIRE_FALSE(p);
  CHECK(p.error().code == "missing-dependency");
  CHECK_THAT(p.error().message, Catch::Contains("'stats'") && Catch::Contains("'paragraphs'") && Catch::Contains("'segment'"));
}

TEST_CASE("every registered stage's required and optional layers are provided by stages before it", "[pipeline]") {
  std::vector<const analyze::StageSpec*> all;
  for (const auto& spec : analyze::stage_registry()) all.push_back(&spec);
  CHECK(analyze::check_dependencies(all));
}

namespace {

analyze::StageSpec spec_of(std::string_view name, std::vector<std::string_view> required,
                           std::vector<std::string_view> optional, std::vector<std::string_view> provided) {
  return {name, "", std::move(required), std::move(optional), std::move(provided), nullptr};
}

}  // namespace

TEST_CASE("a stage providing a layer another uses when present runs first, and an absent one is not needed",
          "[pipeline][data]") {
  const auto source = spec_of("source", {}, {}, {"text"});
  const auto names = spec_of("names", {"text"}, {}, {"names"});
  const auto phrases = spec_of("phrases", {"text"}, {"names"}, {"phrases"});
  const auto ordered = analyze::order_stages({&source, &phrases, &names});
  CHECK(ordered == std::vector<const analyze::StageSpec*>{&source, &names, &phrases});
  CHECK(analyze::check_dependencies(ordered));
  // The order given is kept where it allows.
  CHECK(analyze::order_stages({&source, &names, &phrases}) == ordered);
  CHECK(analyze::order_stages({&names, &source}) == std::vector<const analyze::StageSpec*>{&source, &names});

  const auto misordered = analyze::check_dependencies({&source, &phrases, &names});
  REQUIRE_FALSE(misordered);
  CHECK(misordered.error().code == "stage-order");
  CHECK_THAT(misordered.error().message, Catch::Contains("'phrases' uses 'names'") && Catch::Contains("'names'"));
  CHECK(analyze::check_dependencies({&source, &phrases}));
  const auto missing = analyze::check_dependencies({&phrases});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "missing-dependency");
}

TEST_CASE("stages that read each other's layers cannot be ordered, and the check says so", "[pipeline]") {
  const auto first = spec_of("first", {}, {"b"}, {"a"});
  const auto second = spec_of("second", {"a"}, {}, {"b"});
  const auto ordered = analyze::order_stages({&second, &first});
  REQUIRE(ordered.size() == 2);
  CHECK_FALSE(analyze::check_dependencies(ordered));
}

TEST_CASE("a stage that writes no output joins the pipeline when a chosen stage requires it", "[pipeline][data]") {
  auto topics = Pipeline::create({"normalize", "segment", "topics"}, test_options());
  REQUIRE(topics);
  std::vector<std::string_view> names;
  for (const auto* spec : topics->specs()) names.push_back(spec->name);
  CHECK(names == std::vector<std::string_view>{"normalize", "segment", "terms", "topics"});
  auto segment = Pipeline::create({"normalize", "segment"}, test_options());
  REQUIRE(segment);
  CHECK_FALSE(segment->has_stage("terms"));
  // What the added stage itself requires is still the user's to name.
  auto alone = Pipeline::create({"normalize", "topics"}, test_options());
  REQUIRE_FALSE(alone);
  CHECK_THAT(alone.error().message, Catch::Contains("'terms' requires 'paragraphs'"));
}

TEST_CASE("the article JSON starts with schema and id, and a stage error becomes an error record", "[pipeline][data]") {
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

namespace {

// Fails with an exception on the article with id "b", as a bug would.
class ThrowingStage final : public analyze::Stage {
 public:
  analyze::Status run(analyze::Document& doc) const override {
    if (doc.id == "b") throw std::runtime_error("a bug");
    doc.warnings.push_back({"seen", doc.id});
    return analyze::Status::ok();
  }
  void write_json(const analyze::Document&, analyze::ArticleJsonWriter&) const override {}
};

}  // namespace

TEST_CASE("a batch gives every article what it gets alone, and a failure costs only its article", "[pipeline][data]") {
  const Pipeline& p = analyze::testing::pipeline_of("");  // every stage
  std::vector<std::string> texts;
  for (const auto& e : std::filesystem::directory_iterator(analyze::testing::data_dir() / "samples"))
    texts.push_back(analyze::testing::read_file(e.path()));
  REQUIRE(texts.size() >= 3);
  texts.insert(texts.begin() + 1, std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11));  // not text
  texts.push_back("");
  std::vector<analyze::Document> batch, alone;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    batch.emplace_back(std::to_string(i), texts[i]);
    alone.emplace_back(std::to_string(i), texts[i]);
  }
  std::vector<analyze::Document*> docs;
  for (auto& d : batch) docs.push_back(&d);
  std::vector<analyze::Status> statuses;
  p.run(docs, statuses);
  REQUIRE(statuses.size() == texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO("article " << i);
    const analyze::Status s = p.run(alone[i]);
    REQUIRE(bool(statuses[i]) == bool(s));
    std::string a, b;
    if (s) {
      p.write_json(batch[i], a);
      p.write_json(alone[i], b);
    } else {
      CHECK(statuses[i].error().code == s.error().code);
    }
    CHECK(a == b);
  }
  CHECK(statuses[1].error().code == "not-text");

  const Pipeline throwing({std::make_shared<ThrowingStage>(), std::make_shared<ThrowingStage>()});
  analyze::Document a("a", "x"), b("b", "x"), c("c", "x");
  throwing.run({&a, &b, &c}, statuses);
  CHECK(statuses[0]);
  REQUIRE_FALSE(statuses[1]);
  CHECK(statuses[1].error().code == "internal");
  CHECK(statuses[1].error().message == "internal error: a bug");
  CHECK(statuses[2]);
  CHECK(c.warnings.size() == 2);  // the stage after the exception still ran on the others
}
