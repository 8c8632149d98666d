// The named-entity model's parts: the BILOU tag set, linear weights over hashed features with
// Viterbi decoding, the word lexicon learnt from unlabelled text, and the binary model file.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analyze/entity.h"
#include "analyze/hash_index.h"
#include "analyze/ner_gazetteer.h"
#include "analyze/ner_tagger.h"
#include "analyze/status.h"

namespace analyze {

// --- Tags -------------------------------------------------------------------------------------
// 0 = O; 1 + 4*type + position, position B(egin) I(nside) L(ast) U(nit) (Ratinov & Roth's BILOU).
inline constexpr int kNerTags = 17;
enum NerTagPosition : int { kNerBegin = 0, kNerInside = 1, kNerLast = 2, kNerUnit = 3 };
inline int ner_tag(EntityType type, int position) { return 1 + static_cast<int>(type) * 4 + position; }
inline EntityType ner_tag_type(int tag) { return static_cast<EntityType>((tag - 1) / 4); }
inline int ner_tag_position(int tag) { return (tag - 1) % 4; }
// Whether `cur` may follow `prev`; prev == kNerTags stands for the sentence start.
bool ner_transition_allowed(int prev, int cur);
// Whether a sentence may end with `tag` (O, L or U).
bool ner_final_allowed(int tag);
using NerTransitions = std::array<float, (kNerTags + 1) * kNerTags>;
// Sets forbidden transitions to -infinity, for decoding.
NerTransitions ner_forbid_transitions(const NerTransitions& transitions);

// Best allowed tag sequence for emission scores [n][kNerTags] under `transitions` (as returned by
// ner_forbid_transitions). `work` and `back` are scratch buffers.
void ner_viterbi(const float* emissions, std::size_t n, const float* transitions, int* tags,
                 std::vector<float>& work, std::vector<std::uint8_t>& back);

// Spans (document token indices) <-> one tag per token of [begin, end), tags[0] for `begin`.
void ner_tags_from_spans(const std::vector<TaggedSpan>& spans, std::uint32_t begin, std::uint32_t end,
                         std::uint8_t* tags);
void ner_spans_from_tags(const std::uint8_t* tags, std::uint32_t begin, std::uint32_t end,
                         std::vector<TaggedSpan>& spans);

// --- Weights ----------------------------------------------------------------------------------
// A linear model: one row of kNerTags weights per hashed feature, plus tag-transition weights.
class NerWeights {
 public:
  // Adds the rows of `features` (unknown features add nothing) to scores[n * kNerTags].
  void add_emissions(const std::uint64_t* features, std::size_t n, float* scores) const {
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t row = index_.find(features[k]);
      if (row == HashIndex::kAbsent) continue;
      const float* w = &rows_[static_cast<std::size_t>(row) * kNerTags];
      for (int t = 0; t < kNerTags; ++t) scores[t] += w[t];
    }
  }
  // [(kNerTags + 1) * kNerTags], row kNerTags for the sentence start; forbidden ones are -inf.
  const float* decoding_transitions() const { return allowed_transitions_.data(); }

  // Building (the trainer): `rows` holds keys.size() * kNerTags weights.
  void assign(std::vector<std::uint64_t> keys, std::vector<float> rows,
              const NerTransitions& transitions);
  const std::vector<std::uint64_t>& keys() const { return keys_; }
  const std::vector<float>& rows() const { return rows_; }
  const NerTransitions& transitions() const { return transitions_; }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<float> rows_;
  HashIndex index_;
  NerTransitions transitions_{};
  NerTransitions allowed_transitions_{};  // forbidden ones at -inf
};

// --- Word lexicon -----------------------------------------------------------------------------
// What a large unlabelled corpus says about a lower-cased word: how often it is capitalised where
// capitals are informative (not sentence-initial, not in an all-caps line), its usual casing (to
// re-case all-caps headlines) and its word cluster (a bit path, Brown-style; depth 0 = none).
enum class NerCasing : std::uint8_t { kLower, kCapitalised, kAllCaps, kMixed, kNoLetters };

struct NerWordInfo {
  std::uint8_t capitalised_bucket = 0;  // 0..4: share capitalised (< 5 %, < 30 %, < 70 %, < 95 %, >= 95 %)
  std::uint8_t frequency_bucket = 0;    // floor(log2(count)), capped
  NerCasing usual_casing = NerCasing::kLower;
  std::uint8_t cluster_depth = 0;  // bits used in `cluster`
  std::uint32_t cluster = 0;       // path from the root, most significant bit first
};

class NerLexicon {
 public:
  const NerWordInfo* find(std::uint64_t lower_hash) const {
    const std::uint32_t i = index_.find(lower_hash);
    return i == HashIndex::kAbsent ? nullptr : &info_[i];
  }
  void assign(std::vector<std::uint64_t> keys, std::vector<NerWordInfo> info);
  const std::vector<std::uint64_t>& keys() const { return keys_; }
  const std::vector<NerWordInfo>& info() const { return info_; }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<NerWordInfo> info_;
  HashIndex index_;
};

// --- The whole model --------------------------------------------------------------------------
struct NerModel {
  NerLexicon lexicon;
  NerGazetteer gazetteer;
  NerWeights first_pass;   // local features only
  NerWeights second_pass;  // plus features from the first pass's tags over the whole document
  std::string description;  // training data and options, for `train-ner --info` and the notes

  Status save(const std::filesystem::path& file) const;
  static Result<NerModel> load(const std::filesystem::path& file);
};

}  // namespace analyze
