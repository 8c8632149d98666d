// The tagger's features: the second pass's document-level (non-local) features.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "entities/ner_features.h"
#include "entities/ner_model.h"
#include "test_support.h"

namespace analyze {
namespace {

using testing::analyzed;

// Sorted second-pass features of token `t` of `doc`, given one first-pass tag per token.
std::vector<std::uint64_t> non_local_of(const Document& doc, std::uint32_t t, const std::vector<std::uint8_t>& first_pass) {
  static const NerModel model;
  NerFeatureExtractor extractor(model);
  extractor.analyze(doc);
  extractor.collect_first_pass(doc, first_pass.data());
  NerSentenceFeatures features;
  const std::uint32_t s = doc.tokens[t].sentence;
  extractor.non_local_features(doc, s, first_pass.data(), features);
  const std::uint32_t i = t - doc.sentences[s].token_begin;
  std::vector<std::uint64_t> out(features.features.begin() + features.offsets[i],
                                 features.features.begin() + features.offsets[i + 1]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the second pass's features tell what the first pass said of a word's earlier occurrences", "[ner][data]") {
  const Document doc = analyzed("Jordan spoke on Monday. Then Jordan left. Jordan ran.");
  std::vector<std::uint32_t> jordan;
  for (std::uint32_t t = 0; t < doc.tokens.size(); ++t)
    if (doc.form(doc.tokens[t]) == "Jordan") jordan.push_back(t);
  REQUIRE(jordan.size() == 3);
  // The middle occurrence, tagged O, sees one PERSON and one O among the others either way; only
  // which of them came first differs.
  const std::uint8_t person = static_cast<std::uint8_t>(ner_tag(EntityType::kPerson, kNerUnit));
  std::vector<std::uint8_t> person_first(doc.tokens.size(), 0), person_last(doc.tokens.size(), 0);
  person_first[jordan[0]] = person;
  person_last[jordan[2]] = person;
  CHECK(non_local_of(doc, jordan[1], person_first) != non_local_of(doc, jordan[1], person_last));
  // The first occurrence has no history: only the others' tags (the same in both) count.
  std::vector<std::uint8_t> middle_person(doc.tokens.size(), 0), middle_person_too(doc.tokens.size(), 0);
  middle_person[jordan[1]] = person;
  middle_person_too[jordan[2]] = person;
  CHECK(non_local_of(doc, jordan[0], middle_person) == non_local_of(doc, jordan[0], middle_person_too));
}

}  // namespace analyze
