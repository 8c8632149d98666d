// The stance layer: the article's tone, each sentence's polarity, and the sentiment toward each
// entity and each requested target.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace analyze {

enum class Polarity : std::uint8_t { kNegative, kNeutral, kPositive };

// "negative", "neutral", "positive" (the contract's names).
std::string_view polarity_name(Polarity polarity);

// The one rule from a score to its polarity, for sentences, entities and targets alike (docs/JSON.md):
// neutral when |score| <= kNeutralBand, else the score's sign. It judges the score as written, rounded
// to thousandths, so a reader of the output applying the rule to `score` always gets `polarity`.
// At 0.5 it is the stance model's own decision (StanceModel::mention_score); cross-validation on the
// model's training data confirms it (tools/train-stance --folds prints the sweep).
inline constexpr long kNeutralBandThousandths = 500;
inline constexpr float kNeutralBand = static_cast<float>(kNeutralBandThousandths) / 1000.0f;

// `band_thousandths` is there for the trainer's sweep that chose the band; everything else keeps
// the default.
inline Polarity polarity_of(float score, long band_thousandths = kNeutralBandThousandths) {
  const long written = std::lround(static_cast<double>(score) * 1000.0);
  return written > band_thousandths ? Polarity::kPositive
         : written < -band_thousandths ? Polarity::kNegative
                                       : Polarity::kNeutral;
}

// What the article says about one entity or target.
struct Sentiment {
  float score = 0.0f;      // [-1, 1]: mean over its mentions of P(positive) - P(negative)
  float magnitude = 0.0f;  // sum over its mentions of |score|: how much is said, either way
  Polarity polarity = Polarity::kNeutral;
  std::vector<std::uint32_t> evidence;  // 1-3 sentence indexes driving the score, strongest first
};

struct SentencePolarity {
  std::uint32_t sentence = 0;  // index into Document::sentences
  float score = 0.0f;          // (-1, 1)
  Polarity polarity = Polarity::kNeutral;
};

// GDELT's tone: percentages of the words that carry positive / negative valence, and their difference.
struct Tone {
  float score = 0.0f;
  float positive = 0.0f;
  float negative = 0.0f;
};

struct StanceLayer {
  Tone tone;
  std::vector<SentencePolarity> sentences;  // sentences outside boilerplate, in order
  std::vector<Sentiment> entities;          // parallel to EntityLayer::entities
  std::vector<Sentiment> targets;           // parallel to Document::targets
  std::vector<std::optional<std::uint32_t>> target_entities;  // entity a name target matched
};

}  // namespace analyze
