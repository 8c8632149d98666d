// IPTC Media Topics classifier: one-vs-rest logistic regression over hashed word and bigram
// features, with per-topic Platt calibration so that scores are probabilities (a 0.5 threshold
// gives a multi-label set). Trained by tools/train-topics; the model file is data/models/topics.bin.
//
// Features: every term (terms.h) and every pair of adjacent terms; a document's vector holds
// (1 + ln count) * idf per feature the model knows, scaled to unit length, so a headline and a long
// article give margins on the same scale.
//
// Model file (model_file.h; magic "ANZTOPIC", version 2): u32 topic count T, u32 feature count F,
// u32 weight count W; per topic: u16 code length + code, u16 label length + label, u8 level,
// u16 index of its level-1 topic; f32 bias[T], f32 calibration scale[T], f32 calibration offset[T],
// f32 weight scale[T]; u64 feature key[F] (distinct); f32 idf[F]; u32 row end[F] (cumulative,
// last = W); u16 topic[W]; i8 weight[W] (times the topic's weight scale).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/huge_page_allocator.h"
#include "analyze/document.h"
#include "analyze/status.h"
#include "text/terms.h"

namespace analyze {

struct TopicInfo {
  std::string code;   // "medtop:11000000"
  std::string label;  // "politics and government"
  std::uint8_t level = 1;
  std::uint16_t level1 = 0;  // index of its level-1 topic (itself for a level-1 topic)
};

// What the trainer learns and the model file stores. Feature row r has the weights
// entry_weight[row_end[r-1] .. row_end[r]) for topics entry_topic[...] (row_end[-1] = 0); a weight
// is stored in 8 bits and means entry_weight * weight_scale[topic].
struct TopicModelParameters {
  std::vector<TopicInfo> topics;
  std::vector<float> bias;
  std::vector<float> calibration_scale;   // probability = sigmoid(scale * margin + offset)
  std::vector<float> calibration_offset;
  std::vector<float> weight_scale;
  std::vector<std::uint64_t> feature_keys;
  std::vector<float> feature_idf;  // ln((documents + 1) / (documents with the feature + 1))
  std::vector<std::uint32_t> row_end;
  std::vector<std::uint16_t> entry_topic;
  std::vector<std::int8_t> entry_weight;
};

// A document as the trainer sees it: rows of its feature list (ascending) with their values. At
// run time TopicClassifier::score computes the same values without building one.
struct DocumentVector {
  std::vector<std::uint32_t> rows;
  std::vector<float> values;
};

// Appends the feature keys of `doc`: one per term (terms.h) and one per adjacent pair,
// repeats included.
void topic_feature_keys(const Document& doc, std::vector<std::uint64_t>& keys);
void topic_feature_keys(const std::vector<Term>& terms, std::vector<std::uint64_t>& keys);

// Turns the rows of a document's known features (repeats included, any order; sorted in place)
// into its vector: (1 + ln count) * idf[row] per distinct row, scaled to unit length.
void make_document_vector(std::vector<std::uint32_t>& rows, const std::vector<float>& idf, DocumentVector& out);

// Numerically safe logistic function.
float sigmoid(float x);

class TopicClassifier {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"} when the file is missing, truncated or inconsistent.
  static Result<TopicClassifier> load(const std::filesystem::path& file);
  // Checks the parameters (sizes, indices, finite numbers, distinct keys) and builds the index.
  static Result<TopicClassifier> create(TopicModelParameters parameters);
  Status save(const std::filesystem::path& file) const;

  const std::vector<TopicInfo>& topics() const { return p_.topics; }
  const TopicModelParameters& parameters() const { return p_; }

  // Calibrated scores in [0, 1], one per topic, of a document with these terms (collect_terms);
  // a level-2 topic never scores above its parent.
  void score(const std::vector<Term>& terms, std::vector<float>& out) const;
  void score(const Document& doc, std::vector<float>& out) const;

 private:
  // The parameters rearranged for scoring: an open-addressing table from feature key to the
  // feature's idf and first weight, and the weights, each row's last one flagged.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t begin = 0;
    float idf = -1.0f;  // negative: empty slot
  };
  struct Entry {
    std::uint16_t topic = 0;
    std::int8_t weight = 0;
    bool last = false;
  };
  // score()'s working memory: the document's feature keys and its known features' counts.
  struct FeatureCounts;
  // Looks each of the document's feature keys up in the model and counts the known ones.
  void count_features(FeatureCounts& counts) const;
  // Turns the counts into the document vector and adds its weighted values per topic into `out`.
  void add_weights(FeatureCounts& counts, std::vector<float>& out) const;
  // Turns per-topic sums into calibrated scores; a level-2 topic never scores above its parent.
  void calibrate(std::vector<float>& out) const;

  TopicModelParameters p_;
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::uint64_t mask_ = 0;
  std::vector<Entry> entries_;
};

}  // namespace analyze
