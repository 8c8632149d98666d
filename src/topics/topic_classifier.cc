#include "topics/topic_classifier.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "core/hash_index.h"
#include "core/model_file.h"
#include "core/text_decoder.h"
#include "text/terms.h"

namespace analyze {

namespace {

constexpr std::string_view kMagic = "ANZTOPIC";
constexpr std::uint32_t kVersion = 2;
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

Result<TopicClassifier> TopicClassifier::create(TopicModelParameters p) {
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
    if (topic >= t) return bad("a weight refers to a topic that does not exist");
  if (!all_finite(p.bias) || !all_finite(p.calibration_scale) || !all_finite(p.calibration_offset) ||
      !all_finite(p.weight_scale) || !all_finite(p.feature_idf))
    return bad("a parameter is not a finite number");

  TopicClassifier c;
  std::size_t slots = 16;
  while (slots < 2 * f) slots *= 2;
  c.slots_.assign(slots, Slot{});
  c.mask_ = slots - 1;
  c.entries_.resize(p.entry_weight.size());
  std::uint32_t begin = 0;
  for (std::size_t r = 0; r < f; ++r) {
    if (p.row_end[r] == begin) return bad("a feature has no weights");
    for (std::uint32_t e = begin; e < p.row_end[r]; ++e)
      c.entries_[e] = {p.entry_topic[e], p.entry_weight[e], e + 1 == p.row_end[r]};
    std::size_t i = p.feature_keys[r] & c.mask_;
    while (c.slots_[i].idf >= 0) {
      if (c.slots_[i].key == p.feature_keys[r]) return bad("a feature key is repeated");
      i = (i + 1) & c.mask_;
    }
    if (p.feature_idf[r] < 0) return bad("a feature has a negative idf");
    c.slots_[i] = {p.feature_keys[r], begin, p.feature_idf[r]};
    begin = p.row_end[r];
  }
  c.p_ = std::move(p);
  return c;
}

Result<TopicClassifier> TopicClassifier::load(const std::filesystem::path& file) {
  auto opened = ModelReader::open(file, kMagic, kVersion, "topic model");
  if (!opened) return opened.error();
  ModelReader& r = opened.value();
  std::uint32_t topics = 0, features = 0, weights = 0;
  if (!r.get(topics) || !r.get(features) || !r.get(weights)) return r.error("truncated header");
  if (topics > 0xffff || features > r.remaining() / 16 || weights > r.remaining() / 3) return r.error("sizes exceed the file");
  TopicModelParameters p;
  p.topics.resize(topics);
  for (TopicInfo& info : p.topics)
    if (!r.get_string(info.code) || !r.get_string(info.label) || !r.get(info.level) || !r.get(info.level1))
      return r.error("truncated topic list");
  if (!r.get_all(p.bias, topics) || !r.get_all(p.calibration_scale, topics) || !r.get_all(p.calibration_offset, topics) ||
      !r.get_all(p.weight_scale, topics) || !r.get_all(p.feature_keys, features) || !r.get_all(p.feature_idf, features) || !r.get_all(p.row_end, features) ||
      !r.get_all(p.entry_topic, weights) || !r.get_all(p.entry_weight, weights))
    return r.error("truncated parameters");
  if (r.remaining() != 0) return r.error("unexpected bytes after the parameters");
  auto c = create(std::move(p));
  if (!c) return r.error(c.error().message);
  return c;
}

Status TopicClassifier::save(const std::filesystem::path& file) const {
  ModelWriter w(kMagic, kVersion);
  w.put(static_cast<std::uint32_t>(p_.topics.size()));
  w.put(static_cast<std::uint32_t>(p_.feature_keys.size()));
  w.put(static_cast<std::uint32_t>(p_.entry_weight.size()));
  for (const TopicInfo& info : p_.topics) {
    w.put_string(info.code);
    w.put_string(info.label);
    w.put(info.level);
    w.put(info.level1);
  }
  w.put_all(p_.bias);
  w.put_all(p_.calibration_scale);
  w.put_all(p_.calibration_offset);
  w.put_all(p_.weight_scale);
  w.put_all(p_.feature_keys);
  w.put_all(p_.feature_idf);
  w.put_all(p_.row_end);
  w.put_all(p_.entry_topic);
  w.put_all(p_.entry_weight);
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
  out.assign(p_.bias.size(), 0.0f);
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
    const float margin = p_.bias[t] + p_.weight_scale[t] * out[t];
    out[t] = sigmoid(p_.calibration_scale[t] * margin + p_.calibration_offset[t]);
  }
  for (std::size_t t = 0; t < out.size(); ++t)
    if (p_.topics[t].level != 1) out[t] = std::min(out[t], out[p_.topics[t].level1]);
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
