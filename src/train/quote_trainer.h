// Training the attribution tagger (quotes/quote_model.h): gold content, cue and source spans become
// BIO tags on the project's own tokens; the cue words are the words annotated as cues often
// enough; the weights are an averaged structured perceptron (Collins 2002) over paragraphs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyze/document.h"
#include "analyze/quote.h"
#include "quotes/quote_model.h"

namespace analyze {

// Gold spans of one attribution, byte offsets into the document's text.
struct GoldAttribution {
  std::vector<TextSpan> content, cue, source;
};

struct QuoteTrainingDocument {
  Document doc;  // with tokens, sentences, paragraphs and the entities layer
  std::vector<GoldAttribution> gold;
};

struct QuoteTrainingOptions {
  int epochs = 10;
  std::size_t max_features = 150000;  // the features with the largest weights are kept
  std::uint32_t min_cue_count = 3;    // a cue word is annotated as a cue at least this often
  double min_cue_share = 0.2;         // and in at least this share of its occurrences
  std::uint64_t seed = 20261207;      // paragraph order shuffling
  std::function<void(const std::string&)> log;
};

// One tag per token of `doc`: B/I of the role of the gold span holding the token, O elsewhere.
std::vector<std::uint8_t> gold_quote_tags(const Document& doc, const std::vector<GoldAttribution>& gold);

// The lowercase_hash of every cue word (see QuoteTrainingOptions).
std::vector<std::uint64_t> learn_cue_words(const std::vector<QuoteTrainingDocument>& docs,
                                           const QuoteTrainingOptions& options);

// Trains the model's weights and sets its cue words.
void train_quote_model(const std::vector<QuoteTrainingDocument>& docs, const QuoteTrainingOptions& options,
                       QuoteModel& model);

}  // namespace analyze
