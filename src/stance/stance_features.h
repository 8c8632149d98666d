// What a sentence says about a target, as features for the stance model and as a lexicon-only
// estimate. Both read the per-token results of the sentiment rules (sentiment_rules.h) of one
// sentence and the target's tokens within it, so the trainer and the stage compute them alike.
//
// Features are hashed keys (hash_index.h) with values. The sentence part (its words and the
// contextual valences of the whole sentence) is the same for every target of a sentence and is
// split off so the stage can score it once per sentence; the target part places each near word and
// each sentiment cue relative to the target: side, distance, same clause, nearest sentiment word
// before and after, the words right beside it, and its role for the nearest role verb of its clause
// (agent or patient, with what the verb says of that role: the stand-in for a parse).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "stance/sentiment_rules.h"

namespace analyze {

struct StanceFeature {
  std::uint64_t key = 0;
  float value = 1.0f;
};

// Where a target is: tokens [token_begin, token_end) of Document::tokens, all in `sentence`.
struct TargetLocation {
  std::uint32_t sentence = 0;
  std::uint32_t token_begin = 0;
  std::uint32_t token_end = 0;
};

// The tokens overlapping bytes [begin, end), cut to the sentence of the first one; nullopt when no
// token overlaps (an empty span, only spaces, or past the end).
std::optional<TargetLocation> locate_target(const Document& doc, std::uint32_t begin, std::uint32_t end);

// Appends the target-independent features of the sentence.
void sentence_features(const std::vector<RuledToken>& tokens, std::vector<StanceFeature>& out);

// Appends the features of the target at sentence-local tokens [begin, end).
void target_features(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end,
                     std::vector<StanceFeature>& out);

// The target's part in the nearest role verb of its clause (sentiment_rules.h): before the verb it
// is the subject, after it the object; a passive swaps them, and "by" after a passive names the
// agent. `verb` is the tokens' size when the clause has no role verb within reach.
struct TargetRole {
  std::size_t verb = 0;
  bool agent = false;
  float valence = 0.0f;  // what the verb says of the target in that part
};
TargetRole target_role(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end);

// The lexicon-only estimate of the sentence's valence toward tokens [begin, end): contextual
// valences weighted by closeness to the target and by clause, summed. A role verb counts for what
// it says of the target's part, and the words across it (the other participant's) count half.
// valence_score of it is the lexicon-only variant's score; the model reads it as a feature.
float lexicon_target_sum(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end);

}  // namespace analyze
