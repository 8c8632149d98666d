// Training the tagger: an averaged structured perceptron (Collins 2002) over BILOU tags. The
// non-local features are computed from first-pass tags produced by jackknifing (each fold tagged by
// a local-features model that never saw it), so they are as noisy in training as at run time. One
// weight set serves both passes: it learns from every sentence with and without those features.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyze/document.h"
#include "entities/ner_model.h"
#include "entities/ner_tagger.h"

namespace analyze {

struct NerTrainingDocument {
  Document doc;                  // with tokens and sentences (the normalize and segment stages)
  std::vector<TaggedSpan> gold;  // gold mentions as token spans
  // Scales the perceptron's updates on this document's sentences: below 1 for a large or noisier
  // source, so that it informs the model without outvoting the main one.
  float weight = 1.0f;
};

struct NerTrainingOptions {
  int epochs = 12;
  int folds = 5;                 // jackknife folds for the second pass's input
  int min_feature_count = 1;     // features seen fewer times in training are dropped
  float prune = 0.0f;            // features whose largest |weight| is below this share of the model's largest are dropped
  std::uint64_t seed = 20240607;  // sentence order shuffling
  std::function<void(const std::string&)> log;  // progress lines; may be empty
};

// Counts how unlabelled text writes each word, for the lexicon: capitals only count where they
// are informative (not sentence-initial, not in an all-caps headline).
class NerLexiconBuilder {
 public:
  void add(const Document& doc);  // needs tokens and sentences
  // Word clusters of a lower-cased word: its class in each clustering (coarse to fine), or -1.
  void set_clusters(std::string_view lower, const int (&classes)[NerWordInfo::kClusterings]);
  // Words seen at least `min_count` times, or with a cluster.
  NerLexicon build(std::uint32_t min_count) const;
  std::size_t words() const { return counts_.size(); }

 private:
  struct Counts {
    std::uint32_t total = 0;
    std::uint32_t informative[4] = {};  // by NerCasing kLower .. kMixed
    std::uint16_t clusters[NerWordInfo::kClusterings] = {};
  };
  std::unordered_map<std::uint64_t, Counts> counts_;
  NerModel empty_model_;  // the feature extractor's analysis needs a model; no lexicon yet
};

// Trains model.weights. model.lexicon and model.gazetteer are used as they are (set them first).
void train_ner_weights(const std::vector<NerTrainingDocument>& docs, const NerTrainingOptions& options,
                       NerModel& model);

}  // namespace analyze
