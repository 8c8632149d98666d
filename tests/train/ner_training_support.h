// Helper for the tagger and trainer tests: a tagger trained on a small hand-made corpus.
#pragma once

#include <memory>
#include <vector>

#include "entities/ner_model.h"
#include "entities/ner_tagger.h"
#include "train/ner_trainer.h"

namespace analyze::testing {

// Trains on `docs` alone: lexicon from their own text, no gazetteer, no word clusters.
inline NerTagger tiny_tagger(const std::vector<NerTrainingDocument>& docs, int epochs, int folds) {
  NerModel model;
  NerLexiconBuilder lexicon;
  for (const auto& d : docs) lexicon.add(d.doc);
  model.lexicon = lexicon.build(1);
  NerTrainingOptions options;
  options.epochs = epochs;
  options.folds = folds;
  train_ner_weights(docs, options, model);
  return NerTagger(std::make_shared<const NerModel>(std::move(model)));
}

}  // namespace analyze::testing
