// The attribution tagger's features, shared by the stage and the trainer so that both see exactly
// the same ones: the word and its neighbours, shape and suffix, where the token stands against
// quotation marks, the nearest cue words on either side and how far they are, the entity type of
// the token and its neighbours, and the token's place in its sentence.
#pragma once

#include <cstdint>
#include <vector>

#include "analyze/document.h"
#include "quotes/quote_marks.h"
#include "quotes/quote_model.h"

namespace analyze {

// What the features need to know of the whole article, computed once per article.
struct QuoteContext {
  // Per token: 0 outside quotation marks, 1 inside a closed quote, 2 inside a quote that runs to
  // the end of its paragraph, 3 a quotation mark.
  std::vector<std::uint8_t> quote_state;
  // Per token: 0 none, else 1 + EntityType of the mention holding it.
  std::vector<std::uint8_t> entity_type;
  std::vector<std::uint64_t> lower;  // lowercase_hash of each token's form
};

// `entities` may be null (no entities layer).
QuoteContext quote_context(const Document& doc, const std::vector<QuotedSpan>& quoted, const struct EntityLayer* entities);

// The features of every token of [first, last) (one paragraph): features[offsets[i] .. offsets[i+1]).
void quote_features(const Document& doc, const QuoteContext& context, const QuoteModel& model, std::uint32_t first,
                    std::uint32_t last, std::vector<std::uint64_t>& features, std::vector<std::uint32_t>& offsets);

}  // namespace analyze
