// IPTC Media Topics classifier: one-vs-rest logistic regression over hashed word and bigram
// features, with per-topic Platt calibration so that scores are probabilities (a 0.5 threshold
// gives a multi-label set). Trained by tools/train-topics; the model file is data/models/topics.bin.
//
// Features: every term (terms.h) and every pair of adjacent terms; a document's vector holds
// (1 + ln count) * idf per feature the model knows, scaled to unit length, so a headline and a long
// article give margins on the same scale.
//
// Model file (model_file.h; magic "ANZTOPIC", version 3): u32 topic count T, u32 feature count F,
// u32 weight count W, u32 slot count S (a power of two); per topic: u16 code length + code, u16
// label length + label, u8 level, u16 index of its level-1 topic; f32 bias[T], f32 calibration
// scale[T], f32 calibration offset[T], f32 weight scale[T]; zero padding to 8 bytes; then the two
// tables the classifier scores with, read in place: S slots of {u64 feature key, u32 index of its
// first weight, f32 idf (negative: empty slot)}, each key at its linear-probing position, and W
// weights of {u16 topic, i8 weight (times the topic's weight scale), u8 1 on a feature's last}.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analyze/document.h"
#include "analyze/status.h"
#include "core/model_file.h"
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
  // Checks the parameters (sizes, indices, finite numbers, distinct keys) and builds the tables.
  static Result<TopicClassifier> create(TopicModelParameters parameters);
  Status save(const std::filesystem::path& file) const;

  const std::vector<TopicInfo>& topics() const { return topics_.topics; }
  std::size_t features() const { return features_; }
  std::size_t weights() const { return entries_.size(); }

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
    std::uint8_t last = 0;
  };
  static_assert(sizeof(Slot) == 16 && sizeof(Entry) == 4, "the model file stores the tables as they are in memory");
  // What is kept per topic: the parameters without the feature arrays.
  struct Topics {
    std::vector<TopicInfo> topics;
    std::vector<float> bias;
    std::vector<float> calibration_scale;
    std::vector<float> calibration_offset;
    std::vector<float> weight_scale;
  };
  // Errors: Error{"bad-model", "<why>"} for topics or per-topic arrays that do not fit together.
  static Status check(const Topics& topics);
  // Errors: the same when a slot points past the weights, a row does not end, a weight names no
  // topic or the table has no empty slot.
  Status check_tables() const;
  // score()'s working memory: the document's feature keys and its known features' counts.
  struct FeatureCounts;
  // Looks each of the document's feature keys up in the model and counts the known ones.
  void count_features(FeatureCounts& counts) const;
  // Turns the counts into the document vector and adds its weighted values per topic into `out`.
  void add_weights(FeatureCounts& counts, std::vector<float>& out) const;
  // Turns per-topic sums into calibrated scores; a level-2 topic never scores above its parent.
  void calibrate(std::vector<float>& out) const;

  Topics topics_;
  std::size_t features_ = 0;
  ModelArray<Slot> slots_;
  std::uint64_t mask_ = 0;
  ModelArray<Entry> entries_;
};

}  // namespace analyze
