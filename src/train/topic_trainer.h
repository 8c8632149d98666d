// Training of the topic classifier (topic_classifier.h): one-vs-rest logistic regression trained
// with FTRL-proximal updates (McMahan et al. 2013; L1 + L2 regularised), weights stored in 8 bits,
// and Platt calibration. tools/train-topics feeds it the training data; the tests feed it a toy
// corpus.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "topics/topic_classifier.h"

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

}  // namespace analyze
