// The attribution tagger's model: BIO tags for content, cue and source over the tokens of a
// paragraph, linear weights over hashed features (quote_features.h) with first-order Viterbi
// decoding, the cue words learnt in training, and the binary model file (data/models/quotes.bin).
//
// Model file (model_file.h; magic "QUOTETAG", version 2): u16 length + description; u32 cue word
// count C, u32 feature count, u32 slot count S (a power of two); f32 weight scale; f32
// transitions[(kQuoteTags + 1) * kQuoteTags]; zero padding to 8 bytes; u64 cue word hash[C]; then
// the feature table as the tagger reads it, in place: S slots of {u64 key (0: empty), i16
// weight[kQuoteTags] (times the scale), u16 zero}, each key at its linear-probing position.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analyze/status.h"
#include "core/hash_index.h"
#include "core/model_file.h"

namespace analyze {

// O, then Begin / Inside of content, cue and source.
enum QuoteTag : std::uint8_t { kOutside, kContentBegin, kContentInside, kCueBegin, kCueInside, kSourceBegin, kSourceInside };
inline constexpr int kQuoteTags = 7;
// The role of a tag: 0 none, 1 content, 2 cue, 3 source.
inline int quote_role(int tag) { return (tag + 1) / 2; }
inline bool quote_tag_begins(int tag) { return tag != kOutside && tag % 2 == 1; }
// Whether `cur` may follow `prev`; prev == kQuoteTags stands for the paragraph's start.
bool quote_transition_allowed(int prev, int cur);

// Rows [kQuoteTags + 1][kQuoteTags]: the last row scores the start.
using QuoteTransitions = std::array<float, (kQuoteTags + 1) * kQuoteTags>;
// Sets the transitions that are not allowed to -infinity, for decoding.
void forbid_quote_transitions(QuoteTransitions& transitions);

class QuoteModel {
 public:
  // Adds the weights of `features` (unknown ones add nothing) to scores[kQuoteTags].
  void add_emissions(const std::uint64_t* features, std::size_t n, float* scores) const;
  // The weights are scattered over megabytes: the caller asks for a token's ahead of use.
  void prefetch(const std::uint64_t* features, std::size_t n) const {
    for (std::size_t k = 0; k < n; ++k) __builtin_prefetch(&slots_[features[k] & mask_]);
  }
  // The best allowed tag sequence for emissions [n][kQuoteTags].
  void decode(const std::vector<float>& emissions, std::size_t n, std::vector<std::uint8_t>& tags) const;
  // Whether the lower-cased word is a cue word (a word annotated as part of a cue often enough).
  bool is_cue_word(std::uint64_t lower_hash) const { return cue_words_.find(lower_hash) != HashIndex::kAbsent; }

  // Quantises float `rows` (keys.size() * kQuoteTags) to 16 bits. Keys must be distinct.
  void assign(const std::vector<std::uint64_t>& keys, const std::vector<float>& rows, const QuoteTransitions& transitions);
  // The same with rows already quantised: weight = row * scale.
  void assign_quantised(const std::vector<std::uint64_t>& keys, const std::vector<std::int16_t>& rows, float scale,
                        const QuoteTransitions& transitions);
  void set_cue_words(std::vector<std::uint64_t> words);
  std::size_t features() const { return features_; }

  Status save(const std::filesystem::path& file) const;
  // Errors: Error{"bad-model", "<file>: <why>"} for a missing, truncated or damaged file.
  static Result<QuoteModel> load(const std::filesystem::path& file);

  std::string description;  // the training command's inputs and options

 private:
  // A feature's key and weights side by side: scoring a feature touches one cache line. The model
  // file stores the table of slots as it is used, so loading it builds nothing.
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    std::int16_t weights[kQuoteTags] = {};
    std::uint16_t padding = 0;  // written as zero, so that a file's bytes depend only on the model
  };
  static_assert(sizeof(Slot) == 24, "the model file stores slots as they are in memory");
  // At most one probe per slot, so that a table without an empty slot cannot loop.
  const Slot* find(std::uint64_t key) const {
    std::size_t i = key & mask_;
    for (std::size_t probes = 0; probes <= mask_; ++probes, i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i];
      if (slots_[i].key == 0) return nullptr;
    }
    return nullptr;
  }
  void set_slots(ModelArray<Slot> slots);
  std::size_t features_ = 0;
  float scale_ = 1.0f;
  QuoteTransitions transitions_{};
  QuoteTransitions allowed_transitions_{};
  ModelArray<Slot> slot_table_ = ModelArray<Slot>(std::vector<Slot>(1));
  const Slot* slots_ = slot_table_.data();
  std::size_t mask_ = 0;
  std::vector<std::uint64_t> cue_word_keys_;
  HashIndex cue_words_;
};

// The best tag sequence for emissions [n][kQuoteTags] under `transitions` (forbidden ones
// -infinity): the stage's decoder and the trainer's.
void quote_viterbi(const float* emissions, std::size_t n, const QuoteTransitions& transitions,
                   std::vector<std::uint8_t>& tags);

}  // namespace analyze
