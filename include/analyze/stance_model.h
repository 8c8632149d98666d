// The stance model: multinomial logistic regression over hashed stance features
// (stance_features.h) with three classes, negative / neutral / positive. Trained by
// tools/train-stance on NewsMTSC; stored in data/models/stance.bin.
//
// File format (little-endian): magic "ANSTANCE", u32 version (1), u32 classes (3), u64 feature
// count n, n u64 feature keys (distinct), n*3 f32 weights (finite), and nothing after.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "analyze/hash_index.h"
#include "analyze/stance_features.h"
#include "analyze/status.h"

namespace analyze {

enum class Polarity : std::uint8_t { kNegative, kNeutral, kPositive };

// "negative", "neutral", "positive" (the contract's names).
std::string_view polarity_name(Polarity polarity);

class StanceModel {
 public:
  static constexpr std::size_t kClasses = 3;  // indexed by Polarity
  using Scores = std::array<float, kClasses>;

  StanceModel() = default;
  // `weights` holds kClasses floats per key, in key order.
  StanceModel(std::vector<std::uint64_t> keys, std::vector<float> weights);

  // Errors: Error{"bad-model", "<file>: <why>"} for a missing, truncated or corrupt file.
  static Result<StanceModel> load(const std::filesystem::path& file);
  Status save(const std::filesystem::path& file) const;

  // Adds the weighted sum of `features` to `logits`; unknown features count nothing.
  void add_logits(const std::vector<StanceFeature>& features, Scores& logits) const;
  // Softmax of `logits`.
  static Scores probabilities(const Scores& logits);

  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<float> weights_;
  HashIndex index_;
};

}  // namespace analyze
