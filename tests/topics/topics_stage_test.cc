#include "topics/topics_stage.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace analyze;

namespace {

constexpr const char* kLabour = "medtop:09000000";

bool lists(const Document& doc, const std::string& code) {
  const TopicLayer* layer = doc.layer<TopicLayer>();
  REQUIRE(layer);
  return std::any_of(layer->topics.begin(), layer->topics.end(), [&](const ScoredTopic& t) { return t.code == code; });
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

TEST_CASE("topics stage: a party named after a concept does not raise the concept's topic", "[topics_stage][data]") {
  // "Labour" written capitalised inside sentences and never in lower case names a party here.
  const std::string party = repeated(
      "Opposition MPs said the Labour leader would call for a vote. Polls put Labour ahead of the "
      "Conservatives, and the Labour Party chose its candidates for the general election. ",
      4);
  CHECK_FALSE(lists(testing::analyzed(party, "normalize,segment,topics"), kLabour));
  // The concept in lower case is evidence, also when the headline writes it in title case and a
  // sentence starts with it.
  const std::string concept_text =
      "Labour Market Reform Planned\n\nLabour shortages hit farms. The labour market is tight, trade unions "
      "want higher wages and workers plan strikes over pay; the labour minister met the unions.\n";
  CHECK(lists(testing::analyzed(concept_text, "normalize,segment,topics"), kLabour));
}

TEST_CASE("topics stage: a level-2 topic is listed only under its listed level-1 topic", "[topics_stage][data]") {
  // The concept lexicon gives "economy" (level 2) a score from one mention, but its parent,
  // economy, business and finance, stays below the listing floor: the level-2 topic is not listed.
  std::vector<std::string> texts = {
      repeated("Labour has chosen a new leader. ", 3) +
      repeated("The Labour leader said the Labour Party would win the next general election, and Labour MPs "
               "cheered. The Conservatives said Labour had no plan for the economy. ",
               4)};
  for (const auto& entry : std::filesystem::directory_iterator(testing::data_dir() / "samples"))
    texts.push_back(testing::read_file(entry.path()));
  for (const std::string& text : texts) {
    INFO(text.substr(0, 60));
    const Document doc = testing::analyzed(text, "normalize,segment,topics");
    const TopicLayer* layer = doc.layer<TopicLayer>();
    REQUIRE(layer);
    for (const ScoredTopic& t : layer->topics)
      if (t.level == 2) CHECK(lists(doc, t.parent));
  }
}
