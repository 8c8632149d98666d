// The stance layer: the article's tone, each sentence's polarity, and the sentiment toward each
// entity and each requested target.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace analyze {

enum class Polarity : std::uint8_t { kNegative, kNeutral, kPositive };

// "negative", "neutral", "positive" (the contract's names).
std::string_view polarity_name(Polarity polarity);

// Neutral within [-threshold, threshold].
inline Polarity polarity_of(float score, float threshold) {
  return score > threshold ? Polarity::kPositive : score < -threshold ? Polarity::kNegative : Polarity::kNeutral;
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
