// Training the named-entity tagger: per-document weights of the perceptron's updates.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "entities/ner_tagger.h"
#include "train/ner_trainer.h"
#include "test_support.h"
#include "train/ner_training_support.h"

namespace analyze {
namespace {

using testing::analyzed;

// Trains on the same sentence labelled PERSON in one half of the documents and LOCATION in the
// other, the halves weighted `person_weight` and `location_weight`; returns the type the trained
// tagger gives "Jordan".
EntityType type_learnt(float person_weight, float location_weight) {
  std::vector<NerTrainingDocument> docs;
  for (int i = 0; i < 16; ++i) {
    const bool person = i % 2 == 0;
    NerTrainingDocument d{analyzed("Jordan spoke on Monday."), {}, person ? person_weight : location_weight};
    d.gold = {{0, 1, person ? EntityType::kPerson : EntityType::kLocation}};
    docs.push_back(std::move(d));
  }
  const NerTagger tagger = testing::tiny_tagger(docs, 4, 2);
  const Document doc = analyzed("Jordan spoke on Monday.");
  const std::vector<TaggedSpan> spans = tagger.tag(doc);
  REQUIRE(spans.size() == 1);
  return spans[0].type;
}

}  // namespace

TEST_CASE("a document's weight scales its say in training: the heavier of two conflicting labels wins", "[ner][data]") {
  CHECK(type_learnt(1.0f, 0.25f) == EntityType::kPerson);
  CHECK(type_learnt(0.25f, 1.0f) == EntityType::kLocation);
}

}  // namespace analyze
