#include "train/topic_trainer.h"

#include <catch2/catch.hpp>

#include "text/terms.h"
#include "test_support.h"

using namespace analyze;
using analyze::testing::segmented;

namespace {

// Two level-1 topics; sport has two level-2 topics, politics one.
const std::vector<TopicInfo> kTopics = {{"medtop:15000000", "sport", 1, 0},
                                        {"medtop:11000000", "politics and government", 1, 1},
                                        {"medtop:20000822", "competition discipline", 2, 0},
                                        {"medtop:20001148", "sports transaction", 2, 0},
                                        {"medtop:20000574", "election", 2, 1}};
constexpr int kSport = 0, kPolitics = 1, kDiscipline = 2, kTransaction = 3, kElection = 4;

DistantLevel2Labeler labeler() {
  auto l = DistantLevel2Labeler::create(kTopics, {{kDiscipline, "football"},
                                                  {kDiscipline, "cricket"},
                                                  {kTransaction, "transfer"},
                                                  {kElection, "election"},
                                                  {kElection, "by-election"}});
  REQUIRE(l);
  return std::move(*l);
}

int label_of(const DistantLevel2Labeler& l, const std::string& text, int level1) {
  const Document doc = segmented(text);
  std::vector<Term> terms;
  collect_terms(doc, terms);
  return l.label(terms, level1);
}

}  // namespace

TEST_CASE("distant level-2 labels: a text naming one level-2 topic's concepts takes it, plurals too",
          "[topic_trainer][data]") {
  const DistantLevel2Labeler l = labeler();
  CHECK(label_of(l, "The football season opened. Both cricket clubs won.", kSport) == kDiscipline);
  CHECK(label_of(l, "Two elections were held, and a by-election.", kPolitics) == kElection);
}

TEST_CASE("distant level-2 labels: only the level-2 topics of the text's own level-1 topic count",
          "[topic_trainer][data]") {
  const DistantLevel2Labeler l = labeler();
  CHECK(label_of(l, "The election of the football club's chairman.", kPolitics) == kElection);
  CHECK(label_of(l, "The election of the football club's chairman.", kSport) == kDiscipline);
}

TEST_CASE("distant level-2 labels: too few names, or no clear lead over a sibling, give no label",
          "[topic_trainer][data]") {
  const DistantLevel2Labeler l = labeler();
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "The players trained on a wet pitch before the match. ";
  CHECK(label_of(l, long_text + "It was football.", kSport) == -1);  // one name in 400 words
  CHECK(label_of(l, "The football transfer was agreed.", kSport) == -1);  // one each
  CHECK(label_of(l, "The football transfer was agreed after football talks.", kSport) == kDiscipline);
  CHECK(label_of(l, "", kSport) == -1);
}

TEST_CASE("distant level-2 labels: a name under a topic that is not level 2 is refused", "[topic_trainer]") {
  const auto l = DistantLevel2Labeler::create(kTopics, {{kSport, "football"}});
  REQUIRE_FALSE(l);
  CHECK(l.error().code == "bad-lexicon");
  CHECK_FALSE(DistantLevel2Labeler::create(kTopics, {{99, "football"}}));
}
