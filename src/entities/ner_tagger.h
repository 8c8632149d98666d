// The statistical named-entity tagger: an averaged structured perceptron over BILOU tags with
// Viterbi decoding, and features after Ratinov & Roth (2009): word forms, shapes, affixes, a +-2
// context window, capitalisation with sentence-initial and all-caps-headline handling, gazetteer
// membership, word clusters and non-local (document-level) features from a first tagging pass.
//
// It only finds mention spans and their CoNLL type; grouping mentions into entities, salience and
// roles belong to the `entities` stage that calls it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "analyze/status.h"
#include "entities/tagged_span.h"

namespace analyze {

struct NerModel;  // weights, lexicon and gazetteer (entities/ner_model.h)

// Which passes NerTagger::tag runs: both (the default), or the first alone (local features only),
// to measure what the second pass adds in accuracy and costs in time.
enum class NerPasses { kBoth, kFirstOnly };

class NerTagger {
 public:
  // Loads a model written by NerTagger::save (tools/train-ner writes data/models/ner.bin).
  // A missing, truncated or corrupt file gives Error{"bad-model", "<file>: <why>"}.
  static Result<NerTagger> load(const std::filesystem::path& model_file);

  // Tags every sentence of `doc` that is not in a boilerplate paragraph. Needs the `tokens` and
  // `sentences` layers. Spans are in text order and never overlap. Thread-safe (const, no caches).
  std::vector<TaggedSpan> tag(const Document& doc, NerPasses passes = NerPasses::kBoth) const;

  // Writes the model in the binary format `load` reads.
  Status save(const std::filesystem::path& model_file) const;

  explicit NerTagger(std::shared_ptr<const NerModel> model);
  const NerModel& model() const { return *model_; }

 private:
  std::shared_ptr<const NerModel> model_;
};

}  // namespace analyze
