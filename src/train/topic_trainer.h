// Training of the topic classifier (topic_classifier.h): one-vs-rest logistic regression trained
// with FTRL-proximal updates (McMahan et al. 2013; L1 + L2 regularised), weights stored in 8 bits,
// and Platt calibration. tools/train-topics feeds it the training data; the tests feed it a toy
// corpus.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analyze/status.h"
#include "text/terms.h"
#include "topics/topic_classifier.h"
#include "topics/topic_lexicon.h"

namespace analyze {

struct TopicExample {
  DocumentVector vector;
  int level1 = -1;  // index into the topic list
  int level2 = -1;  // index into the topic list; -1 when the level-2 topic is not known
  float weight = 1.0f;
};

struct TopicTrainingOptions {
  int epochs = 6;
  float alpha = 1.0f;  // learning rate
  float beta = 1.0f;
  float l1 = 0.01f;
  float l2 = 0.3f;
  float prune = 0.3f;  // smaller weights are dropped
  std::uint32_t seed = 20240607;
};

// Whether example `e` says anything about topic `t`. A level-2 topic learns only from examples
// whose level-2 topic is known or whose level-1 topic is another: a document of its parent with no
// level-2 label is no evidence against it.
bool teaches(const std::vector<TopicInfo>& topics, const TopicExample& e, std::size_t t);
// Whether `t` is one of `e`'s topics.
inline bool is_labelled(const TopicExample& e, std::size_t t) {
  return static_cast<int>(t) == e.level1 || static_cast<int>(t) == e.level2;
}

// Learned weights over feature rows [0, features), as the model file stores them.
struct TopicWeights {
  std::vector<float> bias;   // per topic
  std::vector<float> scale;  // per topic: a stored weight means weight * scale
  std::vector<std::vector<std::pair<std::uint16_t, std::int8_t>>> rows;  // per row: (topic, weight)

  // The raw margins of `v`, as TopicClassifier::margins computes them.
  std::vector<float> margins(const DocumentVector& v) const;
};

TopicWeights train_topic_weights(const std::vector<TopicInfo>& topics, const std::vector<TopicExample>& examples,
                                 const std::vector<std::uint32_t>& subset, std::size_t features,
                                 const TopicTrainingOptions& options);

// Platt scaling: (scale, offset) minimising the weighted log loss of sigmoid(scale * margin +
// offset) against the 0/1 targets, with Platt's smoothed targets so that a topic with few examples
// is not pushed to 0 or 1.
std::pair<float, float> fit_platt(const std::vector<float>& margins, const std::vector<float>& targets,
                                  const std::vector<float>& weights);

// The classifier's parameters: `weights` over the feature rows `keys` (with their idf) and the
// calibration per topic. Rows without weights are left out.
TopicModelParameters topic_model_parameters(const std::vector<TopicInfo>& topics, const TopicWeights& weights,
                                            const std::vector<std::uint64_t>& keys, const std::vector<float>& idf,
                                            std::vector<float> calibration_scale, std::vector<float> calibration_offset);

// Distant level-2 labels. Few sources label a level-2 topic, and none below sport, the economy,
// health, science and technology or politics (but for international relations): there a level-2
// topic would learn from the IPTC seeds alone and score real articles low. A training text with a
// known level-1 topic and no level-2 label that names the concepts under one of that topic's
// level-2 topics often enough ("cricket", "football" in a sport story; "referendum",
// "by-election" in a politics story), and clearly more often than those of any other level-2
// topic of the same parent, takes that topic as its level-2 label. Within a known level-1 topic a
// common single word names its concept ("football" is the sport there), so unlike the concept
// lexicon's, these names keep common words.
class DistantLevel2Labeler {
 public:
  // `names`: (index in `topics` of a level-2 topic, the name of a concept under it, lower-case),
  // each name also matched in its plural. Errors: Error{"bad-lexicon", ...} for an index that is
  // not a level-2 topic or a name the tokenizer makes nothing of.
  static Result<DistantLevel2Labeler> create(const std::vector<TopicInfo>& topics,
                                             const std::vector<std::pair<int, std::string>>& names);

  // The level-2 topic (an index into `topics`) that a text of level-1 topic `level1` with these
  // terms (collect_terms) names: at least one name per 200 words (a text under 100 words counts
  // as 100), and at least twice as many as any other level-2 topic of the same parent; else -1.
  int label(const std::vector<Term>& terms, int level1) const;

 private:
  DistantLevel2Labeler(TopicLexicon names, std::vector<int> topic, std::vector<int> parent)
      : names_(std::move(names)), topic_(std::move(topic)), parent_(std::move(parent)) {}
  TopicLexicon names_;
  std::vector<int> topic_;   // per topic of names_: its index in the caller's topics
  std::vector<int> parent_;  // per topic of names_: its level-1 topic
};

}  // namespace analyze
