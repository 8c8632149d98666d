// The named-entity model's parts: the BILOU tag set, linear weights over hashed features with
// Viterbi decoding, the word lexicon learnt from unlabelled text, and the binary model file.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/huge_page_allocator.h"
#include "analyze/entity.h"
#include "core/hash_index.h"
#include "entities/ner_gazetteer.h"
#include "entities/tagged_span.h"
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
// Rows are 16-bit (times one scale) and live inside the hash table's 64-byte slots, so scoring a
// feature touches one cache line.
class NerWeights {
 public:
  // Adds the rows of `features` (unknown features add nothing) to scores[kNerTags].
  void add_emissions(const std::uint64_t* features, std::size_t n, float* scores) const {
    std::int32_t sum[kNerTags] = {};
    for (std::size_t k = 0; k < n; ++k) {
      const Slot* slot = find(features[k]);
      if (!slot) continue;
      for (int t = 0; t < kNerTags; ++t) sum[t] += slot->weights[t];
    }
    for (int t = 0; t < kNerTags; ++t) scores[t] += static_cast<float>(sum[t]) * scale_;
  }
  // The slots are scattered over megabytes: the caller asks for a token's slots ahead of use.
  void prefetch(const std::uint64_t* features, std::size_t n) const {
    for (std::size_t k = 0; k < n; ++k) __builtin_prefetch(&slots_[features[k] & mask_]);
  }
  // [(kNerTags + 1) * kNerTags], row kNerTags for the sentence start; forbidden ones are -inf.
  const float* decoding_transitions() const { return allowed_transitions_.data(); }

  // Quantises `rows` (keys.size() * kNerTags weights). Keys must be distinct and non-zero.
  void assign(const std::vector<std::uint64_t>& keys, const std::vector<float>& rows, const NerTransitions& transitions);
  // Already quantised rows (the model file); false when keys repeat or are zero.
  bool assign(const std::vector<std::uint64_t>& keys, const std::vector<std::int16_t>& rows, float scale,
              const NerTransitions& transitions);
  // The rows in table order, for saving.
  void rows(std::vector<std::uint64_t>& keys, std::vector<std::int16_t>& rows) const;
  std::size_t size() const { return size_; }
  float scale() const { return scale_; }
  const NerTransitions& transitions() const { return transitions_; }

 private:
  struct alignas(64) Slot {
    std::uint64_t key = 0;  // 0: empty
    std::int16_t weights[kNerTags] = {};
  };
  const Slot* find(std::uint64_t key) const {
    if (!(present_[(key >> 40) & present_mask_ >> 6] >> (key >> 34 & 63) & 1)) return nullptr;
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i];
      if (slots_[i].key == 0) return nullptr;
    }
  }

  std::vector<Slot, HugePageAllocator<Slot>> slots_ = std::vector<Slot, HugePageAllocator<Slot>>(1);
  // One bit per high-bits bucket of the keys present: most features of a text are not in the
  // model, and this small bitmap (it stays in cache) turns those lookups away.
  std::vector<std::uint64_t> present_ = std::vector<std::uint64_t>(1, 0);
  std::size_t present_mask_ = 63;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  float scale_ = 1.0f;
  NerTransitions transitions_{};
  NerTransitions allowed_transitions_ = ner_forbid_transitions(NerTransitions{});
};

// --- Word lexicon -----------------------------------------------------------------------------
// What a large unlabelled corpus says about a lower-cased word: how often it is capitalised where
// capitals are informative (not sentence-initial, not in an all-caps line), its usual casing (to
// re-case all-caps headlines) and its word clusters (tools/train-ner-clusters) at a few
// granularities.
enum class NerCasing : std::uint8_t { kLower, kCapitalised, kAllCaps, kMixed, kNoLetters };

struct NerWordInfo {
  // Share capitalised: 0..4 for < 5 %, < 30 %, < 70 %, < 95 %, >= 95 %; 5: only seen where
  // capitals say nothing.
  std::uint8_t capitalised_bucket = 0;
  std::uint8_t frequency_bucket = 0;    // floor(log2(count)), capped
  NerCasing usual_casing = NerCasing::kLower;
  std::uint8_t reserved = 0;  // keeps the record 12 bytes with no padding
  static constexpr int kClusterings = 4;
  std::uint16_t clusters[kClusterings] = {};  // class + 1 in each clustering, coarse to fine; 0 = none
};

class NerLexicon {
 public:
  const NerWordInfo* find(std::uint64_t lower_hash) const {
    const std::uint32_t i = index_.find(lower_hash);
    return i == HashIndex::kAbsent ? nullptr : &info_[i];
  }
  // False when keys repeat.
  bool assign(std::vector<std::uint64_t> keys, std::vector<NerWordInfo> info);
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
  // Both passes: the first scores local features; the second adds the non-local ones (from the
  // first pass's tags) to the first pass's scores.
  NerWeights weights;
  std::string description;  // the training command's inputs and options (`train-ner --model` prints it)

  Status save(const std::filesystem::path& file) const;
  static Result<NerModel> load(const std::filesystem::path& file);
};

}  // namespace analyze
