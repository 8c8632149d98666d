#include "topics/topic_classifier.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "core/hash_index.h"
#include "core/model_file.h"
#include "core/text_decoder.h"
#include "text/terms.h"

namespace analyze {

namespace {

constexpr std::string_view kMagic = "ANZTOPIC";
constexpr std::uint32_t kVersion = 3;
constexpr std::uint64_t kBigramFamily = 2;

// ln(count) without a call to log for the counts documents have (the same values: computed once
// by the same function).
float log_count(std::size_t count) {
  static const auto table = [] {
    std::array<float, 64> t{};
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = std::log(static_cast<float>(i));
    return t;
  }();
  return count < table.size() ? table[count] : std::log(static_cast<float>(count));
}

// A feature's value in a document before scaling to unit length.
float feature_value(std::size_t count, float idf) { return (1.0f + log_count(count)) * idf; }

bool all_finite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

}  // namespace

float sigmoid(float x) {
  if (x >= 0) return 1.0f / (1.0f + std::exp(-x));
  const float e = std::exp(x);
  return e / (1.0f + e);
}

void topic_feature_keys(const Document& doc, std::vector<std::uint64_t>& keys) {
  std::vector<Term> terms;
  collect_terms(doc, terms);
  topic_feature_keys(terms, keys);
}

void topic_feature_keys(const std::vector<Term>& terms, std::vector<std::uint64_t>& keys) {
  keys.reserve(keys.size() + 2 * terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    keys.push_back(terms[i].hash);
    if (terms[i].follows_term) keys.push_back(feature_key(kBigramFamily, terms[i - 1].hash, terms[i].hash));
  }
}

void make_document_vector(std::vector<std::uint32_t>& rows, const std::vector<float>& idf, DocumentVector& out) {
  out.rows.clear();
  out.values.clear();
  std::sort(rows.begin(), rows.end());
  double norm = 0.0;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i + 1;
    while (j < rows.size() && rows[j] == rows[i]) ++j;
    const float value = feature_value(j - i, idf[rows[i]]);
    out.rows.push_back(rows[i]);
    out.values.push_back(value);
    norm += static_cast<double>(value) * value;
    i = j;
  }
  if (norm > 0) {
    const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
    for (float& v : out.values) v *= scale;
  }
}

Status TopicClassifier::check(const Topics& p) {
  auto bad = [](std::string_view why) { return Error{"bad-model", std::string(why)}; };
  const std::size_t t = p.topics.size();
  if (t == 0 || t > 0xffff) return bad("no topics, or too many");
  if (p.bias.size() != t || p.calibration_scale.size() != t || p.calibration_offset.size() != t ||
      p.weight_scale.size() != t)
    return bad("per-topic arrays differ in length from the topic list");
  for (std::size_t i = 0; i < t; ++i) {
    const TopicInfo& info = p.topics[i];
    // Codes and labels are printed in every article's JSON.
    if (!is_valid_utf8(info.code) || !is_valid_utf8(info.label))
      return bad(fmt::format("topic {}'s code or label is not valid UTF-8", i));
    if (info.level != 1 && info.level != 2) return bad(fmt::format("topic {} has level {}", info.code, info.level));
    if (info.level1 >= t || p.topics[info.level1].level != 1 || (info.level == 1 && info.level1 != i))
      return bad(fmt::format("topic {} has an invalid level-1 parent", info.code));
  }
  if (!all_finite(p.bias) || !all_finite(p.calibration_scale) || !all_finite(p.calibration_offset) ||
      !all_finite(p.weight_scale))
    return bad("a parameter is not a finite number");
  return Status::ok();
}

// Every read of the tables stays inside them: a slot's weights start inside the weights, every
// row ends with a flagged weight, every weight names a topic, and probing always meets an empty slot.
Status TopicClassifier::check_tables() const {
  auto bad = [](std::string_view why) { return Error{"bad-model", std::string(why)}; };
  if (slots_.empty() || (slots_.size() & (slots_.size() - 1)) != 0) return bad("the feature table's size is not a power of two");
  if (!entries_.empty() && entries_[entries_.size() - 1].last != 1) return bad("the last feature row does not end");
  // Branch-free passes (they vectorise): the tables are megabytes, read at every start.
  const std::size_t topics = topics_.topics.size();
  bool bad_entry = false;
  for (const Entry& e : entries_) bad_entry |= (e.topic >= topics) | (e.last > 1);
  if (bad_entry) return bad("a weight refers to a topic that does not exist");
  std::size_t empty = 0;
  bool bad_slot = false;
  for (const Slot& slot : slots_) {
    const bool used = slot.idf >= 0;
    empty += !used;
    bad_slot |= used & ((slot.begin >= entries_.size()) | !(slot.idf <= std::numeric_limits<float>::max()));
  }
  if (bad_slot) return bad("a feature's weights are outside the table");
  if (empty == 0) return bad("the feature table is full");
  return Status::ok();
}

Result<TopicClassifier> TopicClassifier::create(TopicModelParameters p) {
  auto bad = [](std::string_view why) { return Error{"bad-model", std::string(why)}; };
  TopicClassifier c;
  c.topics_ = {std::move(p.topics), std::move(p.bias), std::move(p.calibration_scale), std::move(p.calibration_offset),
               std::move(p.weight_scale)};
  if (Status s = check(c.topics_); !s) return s.error();
  const std::size_t f = p.feature_keys.size();
  if (p.row_end.size() != f || p.feature_idf.size() != f) return bad("feature keys and rows differ in number");
  if (p.entry_topic.size() != p.entry_weight.size()) return bad("weight topics and values differ in number");
  std::uint32_t previous = 0;
  for (const std::uint32_t end : p.row_end) {
    if (end < previous) return bad("feature rows are not in order");
    previous = end;
  }
  if (previous != p.entry_weight.size()) return bad("feature rows do not cover the weights");
  for (const std::uint16_t topic : p.entry_topic)
    if (topic >= c.topics_.topics.size()) return bad("a weight refers to a topic that does not exist");
  if (!all_finite(p.feature_idf)) return bad("a parameter is not a finite number");

  std::size_t size = 16;
  while (size < 2 * f) size *= 2;
  std::vector<Slot> slots(size);
  const std::size_t mask = size - 1;
  std::vector<Entry> entries(p.entry_weight.size());
  std::uint32_t begin = 0;
  for (std::size_t r = 0; r < f; ++r) {
    if (p.row_end[r] == begin) return bad("a feature has no weights");
    for (std::uint32_t e = begin; e < p.row_end[r]; ++e)
      entries[e] = {p.entry_topic[e], p.entry_weight[e], static_cast<std::uint8_t>(e + 1 == p.row_end[r])};
    std::size_t i = p.feature_keys[r] & mask;
    while (slots[i].idf >= 0) {
      if (slots[i].key == p.feature_keys[r]) return bad("a feature key is repeated");
      i = (i + 1) & mask;
    }
    if (p.feature_idf[r] < 0) return bad("a feature has a negative idf");
    slots[i] = {p.feature_keys[r], begin, p.feature_idf[r]};
    begin = p.row_end[r];
  }
  c.features_ = f;
  c.slots_ = ModelArray<Slot>(std::move(slots));
  c.mask_ = mask;
  c.entries_ = ModelArray<Entry>(std::move(entries));
  return c;
}

Result<TopicClassifier> TopicClassifier::load(const std::filesystem::path& file) {
  auto opened = ModelReader::open(file, kMagic, kVersion, "topic model");
  if (!opened) return opened.error();
  ModelReader& r = opened.value();
  std::uint32_t topics = 0, features = 0, weights = 0, slots = 0;
  if (!r.get(topics) || !r.get(features) || !r.get(weights) || !r.get(slots)) return r.error("truncated header");
  if (topics > 0xffff || slots > r.remaining() / sizeof(Slot) || weights > r.remaining() / sizeof(Entry))
    return r.error("sizes exceed the file");
  TopicClassifier c;
  Topics& p = c.topics_;
  p.topics.resize(topics);
  for (TopicInfo& info : p.topics)
    if (!r.get_string(info.code) || !r.get_string(info.label) || !r.get(info.level) || !r.get(info.level1))
      return r.error("truncated topic list");
  if (!r.get_all(p.bias, topics) || !r.get_all(p.calibration_scale, topics) || !r.get_all(p.calibration_offset, topics) ||
      !r.get_all(p.weight_scale, topics) || !r.skip_padding(alignof(Slot)) || !r.view(c.slots_, slots) ||
      !r.view(c.entries_, weights))
    return r.error("truncated parameters");
  if (r.remaining() != 0) return r.error("unexpected bytes after the parameters");
  if (Status s = check(p); !s) return r.error(s.error().message);
  c.features_ = features;
  c.mask_ = slots - 1;
  if (Status s = c.check_tables(); !s) return r.error(s.error().message);
  return c;
}

Status TopicClassifier::save(const std::filesystem::path& file) const {
  ModelWriter w(kMagic, kVersion);
  w.put(static_cast<std::uint32_t>(topics_.topics.size()));
  w.put(static_cast<std::uint32_t>(features_));
  w.put(static_cast<std::uint32_t>(entries_.size()));
  w.put(static_cast<std::uint32_t>(slots_.size()));
  for (const TopicInfo& info : topics_.topics) {
    w.put_string(info.code);
    w.put_string(info.label);
    w.put(info.level);
    w.put(info.level1);
  }
  w.put_all(topics_.bias);
  w.put_all(topics_.calibration_scale);
  w.put_all(topics_.calibration_offset);
  w.put_all(topics_.weight_scale);
  w.pad_to(alignof(Slot));
  w.put_all(slots_);
  w.put_all(entries_);
  return w.save(file);
}

// A document's distinct known features with their counts, gathered in a small open-addressing
// table keyed by the feature's first entry. Kept per thread between documents; the table's used
// cells are emptied again after each document, so it never needs clearing as a whole.
struct TopicClassifier::FeatureCounts {
  struct Feature {
    std::uint32_t begin = 0;  // first entry; 0 marks an empty cell (entry 0 is stored as 1)
    std::uint32_t count = 0;
    float idf = 0.0f;  // then, once the document is counted, the feature's value
  };
  std::vector<std::uint64_t> keys;
  std::vector<Feature> features;
  std::vector<std::uint32_t> used;  // the cells in use, in the order their features were found
};

// The model is larger than the caches, so every feature costs a miss or two; prefetching the
// slots a few features ahead, and a feature's weights as soon as its slot is found, lets those
// misses overlap.
void TopicClassifier::count_features(FeatureCounts& counts) const {
  constexpr std::size_t kAhead = 16;
  const std::vector<std::uint64_t>& keys = counts.keys;
  std::size_t cells = 16;
  while (cells < 2 * keys.size()) cells *= 2;
  if (counts.features.size() < cells) counts.features.assign(cells, FeatureCounts::Feature{});
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k + kAhead < keys.size()) __builtin_prefetch(&slots_[keys[k + kAhead] & mask_]);
    const Slot* slot = nullptr;
    for (std::size_t i = keys[k] & mask_; slots_[i].idf >= 0; i = (i + 1) & mask_)
      if (slots_[i].key == keys[k]) {
        slot = &slots_[i];
        break;
      }
    if (!slot) continue;
    const std::uint32_t id = slot->begin + 1;
    std::size_t c = (id * 0x9e3779b1u) & (cells - 1);
    while (counts.features[c].begin != 0 && counts.features[c].begin != id) c = (c + 1) & (cells - 1);
    if (counts.features[c].begin == 0) {
      counts.features[c] = {id, 0, slot->idf};
      counts.used.push_back(static_cast<std::uint32_t>(c));
      __builtin_prefetch(&entries_[slot->begin]);  // read once the document is counted
    }
    ++counts.features[c].count;
  }
}

// The document vector, as make_document_vector builds it: each feature's value, scaled to unit
// length, times its weights, summed per topic into `out`.
void TopicClassifier::add_weights(FeatureCounts& counts, std::vector<float>& out) const {
  double norm = 0.0;
  for (const std::uint32_t c : counts.used) {
    FeatureCounts::Feature& f = counts.features[c];
    f.idf = feature_value(f.count, f.idf);
    norm += static_cast<double>(f.idf) * f.idf;
  }
  const float scale = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
  out.assign(topics_.bias.size(), 0.0f);
  for (const std::uint32_t u : counts.used) {
    const FeatureCounts::Feature& f = counts.features[u];
    const float value = f.idf * scale;
    for (std::uint32_t e = f.begin - 1;; ++e) {
      out[entries_[e].topic] += static_cast<float>(entries_[e].weight) * value;
      if (entries_[e].last) break;
    }
  }
}

void TopicClassifier::calibrate(std::vector<float>& out) const {
  for (std::size_t t = 0; t < out.size(); ++t) {
    const float margin = topics_.bias[t] + topics_.weight_scale[t] * out[t];
    out[t] = sigmoid(topics_.calibration_scale[t] * margin + topics_.calibration_offset[t]);
  }
  for (std::size_t t = 0; t < out.size(); ++t)
    if (topics_.topics[t].level != 1) out[t] = std::min(out[t], out[topics_.topics[t].level1]);
}

void TopicClassifier::score(const std::vector<Term>& terms, std::vector<float>& out) const {
  thread_local FeatureCounts counts;
  counts.keys.clear();
  counts.used.clear();
  topic_feature_keys(terms, counts.keys);
  count_features(counts);
  add_weights(counts, out);
  calibrate(out);
  for (const std::uint32_t c : counts.used) counts.features[c] = FeatureCounts::Feature{};
}

void TopicClassifier::score(const Document& doc, std::vector<float>& out) const {
  std::vector<Term> terms;
  collect_terms(doc, terms);
  score(terms, out);
}

}  // namespace analyze
