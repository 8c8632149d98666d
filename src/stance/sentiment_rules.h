// Rules that turn a sentence's prior word valences into contextual ones, after VADER (Hutto &
// Gilbert 2014) with clause scope added: negation flips the next sentiment words of its clause,
// intensifiers scale the word they modify, hedges ("may", "could") damp the rest of their clause,
// contrast ("but", "however"; "although") shifts weight to the clause that wins, and attribution
// ("critics argue that ...", quotes) marks a view reported from others rather than the article's
// own voice, and acting against a harm ("combating crime") turns the harm's valence. The stance
// model reads these per-token results as features; the lexicon-only scorer and the sentence
// polarities sum them directly.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "analyze/stance.h"
#include "stance/sentiment_lexicon.h"

namespace analyze {

struct RuledToken {
  std::uint64_t hash = 0;     // lowercase_hash of the token's form
  float prior = 0.0f;         // lexicon valence, 0 when the word has none
  float valence = 0.0f;       // after negation, intensifiers and hedges
  float weight = 1.0f;        // contrast emphasis: < 1 in the clause that loses, > 1 in the one that wins
  std::uint16_t clause = 0;   // clause number within the sentence (punctuation and contrast split)
  SentimentCue cue = SentimentCue::kNone;
  bool word = false;          // TokenKind::kWord
  bool negated = false;
  bool hedged = false;
  bool reported = false;      // inside quotes or in the scope of a reporting verb
};

// Fills `out` (cleared first) with one RuledToken per token of `sentence`, in order.
void apply_sentiment_rules(const Document& doc, const Sentence& sentence, const SentimentLexicon& lexicon,
                           std::vector<RuledToken>& out);

// Weight of a view reported from others relative to the article's own voice, in sentence scores.
inline constexpr float kReportedWeight = 0.5f;

// Sum of weighted contextual valences of tokens [begin, end), reported views down-weighted.
float valence_sum(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end);

// Maps an unbounded valence sum into (-1, 1) (VADER's normalisation, rescaled to our [-1, 1] word
// valences).
float squash_valence(float sum);

}  // namespace analyze
