// Training the tagger's two weight sets: an averaged structured perceptron (Collins 2002) over
// BILOU tags. The second pass learns from first-pass tags produced by jackknifing (each fold tagged
// by a model that never saw it), so its non-local features are as noisy in training as at run time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyze/document.h"
#include "analyze/ner_model.h"
#include "analyze/ner_tagger.h"

namespace analyze {

struct NerTrainingDocument {
  Document doc;                  // with tokens and sentences (the normalize and segment stages)
  std::vector<TaggedSpan> gold;  // gold mentions as token spans
};

struct NerTrainingOptions {
  int epochs = 12;
  int folds = 5;                 // jackknife folds for the second pass's input
  int min_feature_count = 1;     // features seen fewer times in training are dropped
  std::uint64_t seed = 20240607;  // sentence order shuffling
  std::function<void(const std::string&)> log;  // progress lines; may be empty
};

// Trains model.first_pass and model.second_pass. model.lexicon and model.gazetteer are used as
// they are (set them first).
void train_ner_weights(const std::vector<NerTrainingDocument>& docs, const NerTrainingOptions& options,
                       NerModel& model);

}  // namespace analyze
