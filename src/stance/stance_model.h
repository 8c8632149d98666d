// The stance model: multinomial logistic regression over hashed stance features
// (stance_features.h) with three classes, negative / neutral / positive. Trained by
// tools/train-stance on NewsMTSC; stored in data/models/stance.bin.
//
// File format: the model-file framing of core/model_file.h (magic "ANSTANCE", version 2) around
// u32 classes (3), u64 feature count n, n u64 feature keys (distinct, non-zero), n*3 f32 weights
// (finite), and nothing after.
//
// In memory the weights sit inline in a 16-byte-per-slot open-addressing table (the key's high 32
// bits as its check, the low bits as its home slot), so scoring a feature costs one cache miss at
// most; the stage looks up a few dozen features per entity mention.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "stance/stance_features.h"
#include "analyze/status.h"

namespace analyze {

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
  // The score the stance stage gives a mention, in [-1, 1]: the lean P(positive) - P(negative)
  // over the sum of that lean and the margin by which P(neutral) exceeds the weaker of the two
  // (0 when it does not). Its magnitude exceeds 1/2 exactly when positive or negative is the most
  // probable class, so the one neutral band of polarity_of (|score| <= 0.5) gives the model's
  // own decision, and the score grows with the lean and shrinks as neutral gains.
  static float mention_score(const Scores& logits);

  std::size_t size() const { return size_; }

 private:
  struct Row {
    std::uint32_t check = 0;  // key >> 32; 0: empty slot
    float weights[kClasses] = {};
  };
  const Row* find(std::uint64_t key) const;

  std::vector<Row> table_;  // power-of-two size, at most half full
  std::size_t size_ = 0;
  std::vector<std::uint64_t> keys_;  // what save() writes: the keys the table holds, in order
  std::vector<float> weights_;
};

}  // namespace analyze
