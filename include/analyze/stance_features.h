// What a sentence says about a target, as features for the stance model and as a lexicon-only
// estimate. Both read the per-token results of the sentiment rules (sentiment_rules.h) of one
// sentence and the target's tokens within it, so the trainer and the stage compute them alike.
//
// Features are hashed keys (hash_index.h) with values. The sentence part (words, word pairs,
// contextual valences of the whole sentence) is the same for every target of a sentence and is
// split off so the stage can score it once per sentence; the target part places each word and
// each sentiment cue relative to the target: side, distance, same clause, nearest sentiment word
// before and after (a cheap stand-in for subject / object of a sentiment-bearing verb).
#pragma once

#include <cstdint>
#include <vector>

#include "analyze/sentiment_rules.h"

namespace analyze {

struct StanceFeature {
  std::uint64_t key = 0;
  float value = 1.0f;
};

// Appends the target-independent features of the sentence.
void sentence_features(const std::vector<RuledToken>& tokens, std::vector<StanceFeature>& out);

// Appends the features of the target at sentence-local tokens [begin, end).
void target_features(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end,
                     std::vector<StanceFeature>& out);

// The lexicon-only estimate of the sentence's valence toward tokens [begin, end): contextual
// valences weighted by closeness to the target and by clause, squashed into (-1, 1).
float lexicon_target_score(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end);

}  // namespace analyze
