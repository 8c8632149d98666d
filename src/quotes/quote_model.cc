#include "quotes/quote_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model_file.h"

namespace analyze {

namespace {

constexpr char kMagic[] = "QUOTETAG";
constexpr std::uint32_t kVersion = 2;
constexpr std::uint32_t kMaxItems = 1u << 26;

}  // namespace

bool quote_transition_allowed(int prev, int cur) {
  if (cur == kContentInside || cur == kCueInside || cur == kSourceInside)
    return prev != kQuoteTags && prev != kOutside && quote_role(prev) == quote_role(cur);
  return true;
}

void forbid_quote_transitions(QuoteTransitions& transitions) {
  for (int prev = 0; prev <= kQuoteTags; ++prev)
    for (int cur = 0; cur < kQuoteTags; ++cur)
      if (!quote_transition_allowed(prev, cur))
        transitions[prev * kQuoteTags + cur] = -std::numeric_limits<float>::infinity();
}

void QuoteModel::add_emissions(const std::uint64_t* features, std::size_t n, float* scores) const {
  std::int32_t sum[kQuoteTags] = {};
  for (std::size_t k = 0; k < n; ++k) {
    const Slot* slot = find(features[k]);
    if (!slot) continue;
    for (int t = 0; t < kQuoteTags; ++t) sum[t] += slot->weights[t];
  }
  for (int t = 0; t < kQuoteTags; ++t) scores[t] += static_cast<float>(sum[t]) * scale_;
}

void quote_viterbi(const float* emissions, std::size_t n, const QuoteTransitions& allowed,
                   std::vector<std::uint8_t>& tags) {
  tags.assign(n, kOutside);
  if (n == 0) return;
  thread_local std::vector<float> score;
  thread_local std::vector<std::uint8_t> back;
  score.assign(n * kQuoteTags, 0.0f);
  back.assign(n * kQuoteTags, 0);
  // Forbidden transitions (-infinity) never win, so only the others are tried, in the same order.
  std::array<std::array<std::uint8_t, kQuoteTags>, kQuoteTags> previous{};
  std::array<int, kQuoteTags> previous_count{};
  for (int cur = 0; cur < kQuoteTags; ++cur)
    for (int prev = 0; prev < kQuoteTags; ++prev)
      if (allowed[prev * kQuoteTags + cur] != -std::numeric_limits<float>::infinity())
        previous[cur][previous_count[cur]++] = static_cast<std::uint8_t>(prev);
  for (int t = 0; t < kQuoteTags; ++t) score[t] = emissions[t] + allowed[kQuoteTags * kQuoteTags + t];
  for (std::size_t i = 1; i < n; ++i)
    for (int cur = 0; cur < kQuoteTags; ++cur) {
      float best = -std::numeric_limits<float>::infinity();
      int arg = 0;
      for (int k = 0; k < previous_count[cur]; ++k) {
        const int prev = previous[cur][k];
        const float s = score[(i - 1) * kQuoteTags + prev] + allowed[prev * kQuoteTags + cur];
        if (s > best) best = s, arg = prev;
      }
      score[i * kQuoteTags + cur] = best + emissions[i * kQuoteTags + cur];
      back[i * kQuoteTags + cur] = static_cast<std::uint8_t>(arg);
    }
  const float* last = &score[(n - 1) * kQuoteTags];
  int tag = static_cast<int>(std::max_element(last, last + kQuoteTags) - last);
  for (std::size_t i = n; i-- > 0;) {
    tags[i] = static_cast<std::uint8_t>(tag);
    tag = back[i * kQuoteTags + tag];
  }
}

void QuoteModel::decode(const std::vector<float>& emissions, std::size_t n, std::vector<std::uint8_t>& tags) const {
  quote_viterbi(emissions.data(), n, allowed_transitions_, tags);
}

void QuoteModel::assign(const std::vector<std::uint64_t>& keys, const std::vector<float>& rows,
                        const QuoteTransitions& transitions) {
  float largest = 0.0f;
  for (const float w : rows) largest = std::max(largest, std::fabs(w));
  const float scale = largest > 0.0f ? largest / 32767.0f : 1.0f;
  std::vector<std::int16_t> quantised(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) quantised[i] = static_cast<std::int16_t>(std::lround(rows[i] / scale));
  assign_quantised(keys, quantised, scale, transitions);
}

// The table's size is the power of two that keeps it at most two thirds full (the file stores it
// whole, so emptier costs megabytes), filled by linear probing in the order of `keys`.
void QuoteModel::assign_quantised(const std::vector<std::uint64_t>& keys, const std::vector<std::int16_t>& rows,
                                  float scale, const QuoteTransitions& transitions) {
  scale_ = scale;
  transitions_ = transitions;
  std::size_t size = 2;
  while (size * 2 < keys.size() * 3) size *= 2;
  std::vector<Slot> slots(size);
  features_ = 0;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (keys[k] == 0) continue;  // the empty slot's mark; a feature hashing to 0 is left out
    std::size_t i = keys[k] & (size - 1);
    while (slots[i].key != 0 && slots[i].key != keys[k]) i = (i + 1) & (size - 1);
    features_ += slots[i].key == 0;
    slots[i].key = keys[k];
    std::copy_n(&rows[k * kQuoteTags], kQuoteTags, slots[i].weights);
  }
  set_slots(ModelArray<Slot>(std::move(slots)));
}

void QuoteModel::set_cue_words(std::vector<std::uint64_t> words) {
  cue_word_keys_ = std::move(words);
  cue_words_ = HashIndex(cue_word_keys_.size());
  for (std::uint32_t i = 0; i < cue_word_keys_.size(); ++i) cue_words_.insert(cue_word_keys_[i], i);
}

void QuoteModel::set_slots(ModelArray<Slot> slots) {
  allowed_transitions_ = transitions_;
  forbid_quote_transitions(allowed_transitions_);
  slot_table_ = std::move(slots);
  slots_ = slot_table_.data();
  mask_ = slot_table_.size() - 1;
}

Status QuoteModel::save(const std::filesystem::path& file) const {
  ModelWriter out(kMagic, kVersion);
  out.put_string(description);
  out.put(static_cast<std::uint32_t>(cue_word_keys_.size()));
  out.put(static_cast<std::uint32_t>(features_));
  out.put(static_cast<std::uint32_t>(slot_table_.size()));
  out.put(scale_);
  for (const float t : transitions_) out.put(t);
  out.pad_to(alignof(std::uint64_t));
  out.put_all(cue_word_keys_);
  out.put_all(slot_table_);
  return out.save(file);
}

Result<QuoteModel> QuoteModel::load(const std::filesystem::path& file) {
  auto reader = ModelReader::open(file, kMagic, kVersion, "quotes model");
  if (!reader) return reader.error();
  ModelReader& in = *reader;
  QuoteModel model;
  std::uint32_t cue_words = 0, features = 0, slots = 0;
  std::vector<std::uint64_t> cue_keys;
  ModelArray<Slot> table;
  in.get_string(model.description);
  in.get(cue_words);
  in.get(features);
  in.get(slots);
  in.get(model.scale_);
  for (float& t : model.transitions_) in.get(t);
  const bool sizes_ok = cue_words < kMaxItems && slots < kMaxItems && slots != 0 && (slots & (slots - 1)) == 0;
  if (sizes_ok && in.skip_padding(alignof(std::uint64_t))) {
    in.get_all(cue_keys, cue_words);
    in.view(table, slots);
  }
  if (!in.ok() || !sizes_ok) return in.error("truncated or malformed");
  if (in.remaining() != 0) return in.error("unexpected bytes after the model");
  model.features_ = features;
  model.set_cue_words(std::move(cue_keys));
  model.set_slots(std::move(table));
  return model;
}

}  // namespace analyze
