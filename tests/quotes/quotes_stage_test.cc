#include "quotes/quotes_stage.h"

#include <catch2/catch.hpp>

#include "analyze/entity.h"
#include "analyze/quote.h"
#include "analyze/table_writer.h"
#include "test_support.h"

using namespace analyze;

namespace {

constexpr const char* kArticle =
    "Senator Elizabeth Warren spoke in Boston on Monday.\n\n"
    "“We will not back down from this fight,” Warren said.\n\n"
    "Officials said the polls close at 7 p.m., according to the county clerk.";

}  // namespace

TEST_CASE("quotes stage: the contract's keys, per-entity counts and the table", "[quotes][data]") {
  const std::string stages = "normalize,segment,entities,quotes";
  Document doc = testing::analyzed(kArticle, stages);
  const QuoteLayer* layer = doc.layer<QuoteLayer>();
  REQUIRE(layer);
  REQUIRE_FALSE(layer->quotes.empty());

  auto stage = quotes_stage_spec().create(testing::test_options());
  REQUIRE(stage);
  const Json json = testing::written_json(doc, {stage->get()});
  const Json& quotes = json.at("quotes");
  const Json* direct = nullptr;
  for (const Json& q : quotes)
    if (q.at("text") == "We will not back down from this fight") direct = &q;
  REQUIRE(direct);
  CHECK(direct->at("direct") == true);
  CHECK(direct->at("cue").at("text") == "said");
  CHECK(direct->at("speaker").at("text") == "Warren");
  REQUIRE(direct->at("entity").is_number());
  const std::size_t warren = direct->at("entity").get<std::size_t>();
  CHECK(doc.layer<EntityLayer>()->entities[warren].name == "Elizabeth Warren");
  for (const Json& q : quotes) {
    CHECK(q.at("start").get<std::size_t>() < q.at("end").get<std::size_t>());
    CHECK(q.contains("cue"));
    CHECK(q.contains("speaker"));
  }

  const Json keys = testing::keys_json([&](JsonWriter& out) { (*stage)->write_entity_keys(doc, warren, out); });
  CHECK(keys.at("quoted").get<int>() >= 1);
  CHECK(keys.at("quotes").size() == keys.at("quoted").get<std::size_t>());

  TableWriter table;
  (*stage)->write_table(doc, table);
  CHECK(table.str().find("Quotes") != std::string::npos);
  CHECK(table.str().find("We will not back down") != std::string::npos);
}

TEST_CASE("quotes stage: reported speech is found by the trained tagger", "[quotes][data]") {
  Document doc = testing::analyzed(kArticle, "normalize,segment,entities,quotes");
  bool reported = false;
  for (const Quote& q : doc.layer<QuoteLayer>()->quotes)
    if (!q.direct && doc.slice(q.content.begin, q.content.end).find("polls close") != std::string_view::npos) reported = true;
  CHECK(reported);
}
