#include "entities/ner_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/model_file.h"

namespace analyze {

// --- Tags -------------------------------------------------------------------------------------

bool ner_transition_allowed(int prev, int cur) {
  const bool prev_open = prev != kNerTags && prev != 0 &&
                         (ner_tag_position(prev) == kNerBegin || ner_tag_position(prev) == kNerInside);
  if (!prev_open) return cur == 0 || ner_tag_position(cur) == kNerBegin || ner_tag_position(cur) == kNerUnit;
  return cur != 0 && ner_tag_type(cur) == ner_tag_type(prev) &&
         (ner_tag_position(cur) == kNerInside || ner_tag_position(cur) == kNerLast);
}

bool ner_final_allowed(int tag) {
  return tag == 0 || ner_tag_position(tag) == kNerLast || ner_tag_position(tag) == kNerUnit;
}

// --- Decoding -------------------------------------------------------------------------------

NerTransitions ner_forbid_transitions(const NerTransitions& transitions) {
  NerTransitions out;
  for (int p = 0; p <= kNerTags; ++p)
    for (int t = 0; t < kNerTags; ++t)
      out[p * kNerTags + t] =
          ner_transition_allowed(p, t) ? transitions[p * kNerTags + t] : -std::numeric_limits<float>::infinity();
  return out;
}

namespace {

// For each tag, the tags that may precede it: O, L-* and U-* before O, B-* and U-*; B-x and I-x
// before I-x and L-x. Viterbi only looks at these (9 or 2 instead of 17).
struct Predecessors {
  int count[kNerTags] = {};
  int tags[kNerTags][kNerTags] = {};
  Predecessors() {
    for (int t = 0; t < kNerTags; ++t)
      for (int p = 0; p < kNerTags; ++p)
        if (ner_transition_allowed(p, t)) tags[t][count[t]++] = p;
  }
};
const Predecessors kPredecessors;

}  // namespace

void ner_viterbi(const float* emissions, std::size_t n, const float* transitions, int* tags, std::vector<float>& work,
                 std::vector<std::uint8_t>& back) {
  if (n == 0) return;
  work.resize(2 * kNerTags);
  back.resize(n * kNerTags);
  float* score = work.data();
  float* next = work.data() + kNerTags;
  const float* start = transitions + kNerTags * kNerTags;
  for (int t = 0; t < kNerTags; ++t) score[t] = emissions[t] + start[t];
  for (std::size_t i = 1; i < n; ++i) {
    const float* e = emissions + i * kNerTags;
    for (int t = 0; t < kNerTags; ++t) {
      const int* candidates = kPredecessors.tags[t];
      int arg = candidates[0];
      float best = score[arg] + transitions[arg * kNerTags + t];
      for (int k = 1; k < kPredecessors.count[t]; ++k) {
        const int p = candidates[k];
        const float s = score[p] + transitions[p * kNerTags + t];
        if (s > best) best = s, arg = p;
      }
      next[t] = best + e[t];
      back[i * kNerTags + t] = static_cast<std::uint8_t>(arg);
    }
    std::swap(score, next);
  }
  int best_tag = 0;  // O may always end a sentence
  for (int t = 1; t < kNerTags; ++t)
    if (ner_final_allowed(t) && score[t] > score[best_tag]) best_tag = t;
  tags[n - 1] = best_tag;
  for (std::size_t i = n - 1; i > 0; --i) tags[i - 1] = back[i * kNerTags + tags[i]];
}

void ner_tags_from_spans(const std::vector<TaggedSpan>& spans, std::uint32_t begin, std::uint32_t end,
                         std::uint8_t* tags) {
  std::fill(tags, tags + (end - begin), 0);
  for (const TaggedSpan& span : spans) {
    if (span.token_begin < begin || span.token_end > end || span.token_begin >= span.token_end) continue;
    const std::uint32_t first = span.token_begin - begin, last = span.token_end - 1 - begin;
    if (first == last) {
      tags[first] = static_cast<std::uint8_t>(ner_tag(span.type, kNerUnit));
      continue;
    }
    tags[first] = static_cast<std::uint8_t>(ner_tag(span.type, kNerBegin));
    for (std::uint32_t i = first + 1; i < last; ++i) tags[i] = static_cast<std::uint8_t>(ner_tag(span.type, kNerInside));
    tags[last] = static_cast<std::uint8_t>(ner_tag(span.type, kNerLast));
  }
}

void ner_spans_from_tags(const std::uint8_t* tags, std::uint32_t begin, std::uint32_t end,
                         std::vector<TaggedSpan>& spans) {
  // Viterbi output is well-formed; an open span is still closed defensively at a break.
  std::uint32_t open = end;
  for (std::uint32_t i = begin; i < end; ++i) {
    const int tag = tags[i - begin];
    if (tag == 0) {
      open = end;
      continue;
    }
    const int position = ner_tag_position(tag);
    if (position == kNerBegin || position == kNerUnit || open == end) open = i;
    if (position == kNerLast || position == kNerUnit) {
      spans.push_back({open, i + 1, ner_tag_type(tag)});
      open = end;
    }
  }
}

// --- Weights ----------------------------------------------------------------------------------

void NerWeights::assign(const std::vector<std::uint64_t>& keys, const std::vector<float>& rows,
                        const NerTransitions& transitions) {
  float largest = 0;
  for (const float w : rows) largest = std::max(largest, std::abs(w));
  const float scale = largest > 0 ? largest / 32767.0f : 1.0f;
  std::vector<std::int16_t> quantised(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) quantised[i] = static_cast<std::int16_t>(std::lround(rows[i] / scale));
  assign(keys, quantised, scale, transitions);
}

bool NerWeights::assign(const std::vector<std::uint64_t>& keys, const std::vector<std::int16_t>& rows, float scale,
                        const NerTransitions& transitions) {
  std::size_t capacity = 2;
  while (capacity < keys.size() * 4 / 3 + 2) capacity *= 2;  // load <= 0.75
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  const std::size_t bits = capacity * 16;  // ~4 % false positives at the highest load
  present_.assign(bits / 64, 0);
  present_mask_ = bits - 1;
  size_ = 0;
  scale_ = scale;
  transitions_ = transitions;
  allowed_transitions_ = ner_forbid_transitions(transitions);
  for (std::size_t r = 0; r < keys.size(); ++r) {
    if (keys[r] == 0) return false;
    std::size_t i = keys[r] & mask_;
    while (slots_[i].key != 0) {
      if (slots_[i].key == keys[r]) return false;
      i = (i + 1) & mask_;
    }
    slots_[i].key = keys[r];
    present_[(keys[r] >> 40) & present_mask_ >> 6] |= 1ULL << (keys[r] >> 34 & 63);
    std::copy_n(rows.begin() + static_cast<std::ptrdiff_t>(r * kNerTags), kNerTags, slots_[i].weights);
    ++size_;
  }
  return true;
}

void NerWeights::rows(std::vector<std::uint64_t>& keys, std::vector<std::int16_t>& rows) const {
  keys.clear();
  rows.clear();
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    keys.push_back(slot.key);
    rows.insert(rows.end(), slot.weights, slot.weights + kNerTags);
  }
}

// --- Lexicon ----------------------------------------------------------------------------------

bool NerLexicon::assign(std::vector<std::uint64_t> keys, std::vector<NerWordInfo> info) {
  keys_ = std::move(keys);
  info_ = std::move(info);
  index_ = HashIndex(keys_.size());
  bool distinct = keys_.size() == info_.size();
  for (std::size_t i = 0; i < keys_.size(); ++i)
    distinct &= index_.insert(keys_[i], static_cast<std::uint32_t>(i)) == i;
  return distinct;
}

// --- Model file -------------------------------------------------------------------------------
// The body (framing: core/model_file.h): the description, lexicon, gazetteer and weights, each
// array and string preceded by its u64 length.

namespace {

constexpr std::string_view kMagic("ANZ-NER\n", 8);
constexpr std::uint32_t kVersion = 2;

static_assert(sizeof(NerWordInfo) == 12 && std::is_trivially_copyable_v<NerWordInfo>);
static_assert(sizeof(NerGazetteer::Entry) == 8 && std::is_trivially_copyable_v<NerGazetteer::Entry>);

template <class T>
void put_array(ModelWriter& w, const std::vector<T>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  w.put<std::uint64_t>(v.size());
  w.put_all(v);
}

void put_text(ModelWriter& w, std::string_view s) {
  w.put<std::uint64_t>(s.size());
  w.put_bytes(s);
}

template <class T>
bool get_array(ModelReader& r, std::vector<T>& v, std::uint64_t max_size) {
  std::uint64_t n = 0;
  return r.get(n) && n <= max_size && r.get_all(v, n);
}

bool get_text(ModelReader& r, std::string& s, std::uint64_t max_size) {
  std::uint64_t n = 0;
  return r.get(n) && n <= max_size && r.get_bytes(s, n);
}

constexpr std::uint64_t kMaxEntries = 1ULL << 26;

bool all_finite(const float* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

void write_weights(ModelWriter& w, const NerWeights& weights) {
  std::vector<std::uint64_t> keys;
  std::vector<std::int16_t> rows;
  weights.rows(keys, rows);
  put_array(w, keys);
  put_array(w, rows);
  w.put(weights.scale());
  for (const float t : weights.transitions()) w.put(t);
}

bool read_weights(ModelReader& r, NerWeights& weights) {
  std::vector<std::uint64_t> keys;
  std::vector<std::int16_t> rows;
  float scale = 0;
  NerTransitions transitions{};
  if (!get_array(r, keys, kMaxEntries) || !get_array(r, rows, kMaxEntries * kNerTags) || !r.get(scale)) return false;
  for (float& t : transitions)
    if (!r.get(t)) return false;
  if (rows.size() != keys.size() * kNerTags || !std::isfinite(scale) || scale <= 0 ||
      !all_finite(transitions.data(), transitions.size()))
    return false;
  return weights.assign(keys, rows, scale, transitions);
}

bool valid(const NerWordInfo& w) {
  return w.capitalised_bucket <= 5 && w.frequency_bucket <= 31 && w.usual_casing <= NerCasing::kNoLetters &&
         w.reserved == 0;
}

}  // namespace

Status NerModel::save(const std::filesystem::path& file) const {
  ModelWriter w(kMagic, kVersion);
  put_text(w, description);
  put_array(w, lexicon.keys());
  put_array(w, lexicon.info());
  w.put<std::uint64_t>(gazetteer.list_names().size());
  for (const std::string& name : gazetteer.list_names()) put_text(w, name);
  put_array(w, gazetteer.keys());
  put_array(w, gazetteer.entries());
  write_weights(w, weights);
  return w.save(file);
}

Result<NerModel> NerModel::load(const std::filesystem::path& file) {
  auto opened = ModelReader::open(file, kMagic, kVersion, "named-entity model");
  if (!opened) return opened.error();
  ModelReader& r = opened.value();
  NerModel model;
  std::vector<std::uint64_t> keys;
  std::vector<NerWordInfo> info;
  if (!get_text(r, model.description, 1 << 20) || !get_array(r, keys, kMaxEntries) || !get_array(r, info, kMaxEntries) ||
      keys.size() != info.size())
    return r.error("corrupt model (lexicon)");
  for (const NerWordInfo& w : info)
    if (!valid(w)) return r.error("corrupt model (lexicon entry)");
  if (!model.lexicon.assign(std::move(keys), std::move(info))) return r.error("corrupt model (lexicon keys)");

  std::uint64_t lists = 0;
  std::vector<std::string> names;
  std::vector<NerGazetteer::Entry> entries;
  if (!r.get(lists) || lists > NerGazetteer::kMaxLists) return r.error("corrupt model (gazetteer lists)");
  names.resize(lists);
  for (std::string& name : names)
    if (!get_text(r, name, 1024)) return r.error("corrupt model (gazetteer list name)");
  if (!get_array(r, keys, kMaxEntries) || !get_array(r, entries, kMaxEntries) || keys.size() != entries.size())
    return r.error("corrupt model (gazetteer)");
  for (const NerGazetteer::Entry& e : entries)
    if (e.longer > 1 || (lists < 32 && (e.lists >> lists) != 0)) return r.error("corrupt model (gazetteer entry)");
  if (!model.gazetteer.assign(std::move(names), std::move(keys), std::move(entries)))
    return r.error("corrupt model (gazetteer keys)");

  if (!read_weights(r, model.weights)) return r.error("corrupt model (weights)");
  if (r.remaining() != 0) return r.error("corrupt model (trailing bytes)");
  return model;
}

}  // namespace analyze
