// Rules that turn a sentence's prior word valences into contextual ones, after VADER (Hutto &
// Gilbert 2014) with clause scope added: negation flips the next sentiment words of its clause,
// intensifiers scale the word they modify, hedges ("may", "could") damp the rest of their clause,
// contrast ("but", "however"; "although") shifts weight to the clause that wins, and attribution
// ("critics argue that ...", quotes) marks a view reported from others rather than the article's
// own voice, and acting against a harm ("combating crime") turns the harm's valence. Idioms
// (stance_idioms.h) come first: a fixed phrase takes its own valence, a measure that grows or
// shrinks ("shares dropped", "hit profit growth") gives the change word the valence of the news and
// takes the measure's own away, and a role verb ("beat", "funded", "criticised") is marked with
// what it says of its agent and of its patient, for the target features to pick. The stance
// model reads these per-token results as features; the lexicon-only scorer and the sentence
// polarities sum them directly.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "analyze/stance.h"
#include "stance/sentiment_lexicon.h"
#include "stance/stance_idioms.h"

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
  bool role = false;          // a role verb: `agent` and `patient` say what it says of each
  bool passive = false;       // a role verb after an auxiliary ("was beaten"): its subject is the patient
  bool agent_marker = false;  // "by", which names the agent of a passive
  bool separator = false;     // a comma, semicolon, colon or bar: what lists and tables are made of
  bool number = false;        // TokenKind::kNumber
  bool lowercase = false;     // a word that starts with a lowercase letter
  float agent = 0.0f;         // role verbs, after negation and hedges
  float patient = 0.0f;
};

// Fills `out` (cleared first) with one RuledToken per token of `sentence`, in order.
void apply_sentiment_rules(const Document& doc, const Sentence& sentence, const SentimentLexicon& lexicon,
                           const StanceIdioms& idioms, std::vector<RuledToken>& out);

// A list, a table row or a team sheet rather than prose ("Riverside: Reed; Cole, Hart, Mendes ..."):
// at least three separators, and fewer lowercase words than separators and numbers together. Such
// a sentence says nothing of the names in it.
bool list_like(const std::vector<RuledToken>& tokens);

// Weight of a view reported from others relative to the article's own voice, in sentence scores.
inline constexpr float kReportedWeight = 0.5f;

// Sum of weighted contextual valences of tokens [begin, end), reported views down-weighted.
float valence_sum(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end);

// Maps an unbounded valence sum into (-1, 1) (VADER's normalisation, rescaled to our [-1, 1] word
// valences).
float squash_valence(float sum);

// A sum of valences as a score in (-1, 1) for the one rule of polarity_of (|score| <= 0.5 is
// neutral): squashed after a gain that puts the band's edge at a sum of 0.0485, the threshold at
// which the lexicon-only target scorer does best on NewsMTSC train (tools/train-stance prints the
// sweep). Sentence scores and the lexicon-only variant's target scores.
float valence_score(float sum);

}  // namespace analyze
