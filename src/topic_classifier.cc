#include "analyze/topic_classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>

#include <fmt/format.h>

#include "analyze/topic_terms.h"

namespace analyze {

namespace {

constexpr char kMagic[8] = {'A', 'N', 'Z', 'T', 'O', 'P', 'I', 'C'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint64_t kBigramFamily = 2;

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

class Writer {
 public:
  template <class T>
  void put(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>
  void put_all(const std::vector<T>& v) {
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_string(const std::string& s) {
    put(static_cast<std::uint16_t>(s.size()));
    out_ += s;
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads fixed-size values with bounds checks; after the first failure every read fails.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : in_(bytes) {}
  template <class T>
  bool get(T& v) {
    if (in_.size() < sizeof v) return fail();
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return true;
  }
  template <class T>
  bool get_all(std::vector<T>& v, std::size_t n) {
    if (n > in_.size() / sizeof(T)) return fail();
    v.resize(n);
    std::memcpy(v.data(), in_.data(), n * sizeof(T));
    in_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool get_string(std::string& s) {
    std::uint16_t n = 0;
    if (!get(n) || n > in_.size()) return fail();
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  std::size_t remaining() const { return in_.size(); }

 private:
  bool fail() {
    in_ = {};
    return false;
  }
  std::string_view in_;
};

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
  keys.reserve(keys.size() + 2 * terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    keys.push_back(terms[i].hash);
    if (terms[i].follows_term) keys.push_back(feature_key(kBigramFamily, terms[i - 1].hash, terms[i].hash));
  }
}

void make_document_vector(std::vector<std::uint32_t>& rows, DocumentVector& out) {
  out.rows.clear();
  out.values.clear();
  std::sort(rows.begin(), rows.end());
  double norm = 0.0;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i + 1;
    while (j < rows.size() && rows[j] == rows[i]) ++j;
    const float value = 1.0f + std::log(static_cast<float>(j - i));
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
  if (p.bias.size() != t || p.calibration_scale.size() != t || p.calibration_offset.size() != t)
    return bad("per-topic arrays differ in length from the topic list");
  for (std::size_t i = 0; i < t; ++i) {
    const TopicInfo& info = p.topics[i];
    if (info.level != 1 && info.level != 2) return bad(fmt::format("topic {} has level {}", info.code, info.level));
    if (info.level1 >= t || p.topics[info.level1].level != 1 || (info.level == 1 && info.level1 != i))
      return bad(fmt::format("topic {} has an invalid level-1 parent", info.code));
  }
  const std::size_t f = p.feature_keys.size();
  if (p.row_end.size() != f) return bad("feature keys and rows differ in number");
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
      !all_finite(p.entry_weight))
    return bad("a parameter is not a finite number");

  TopicClassifier c;
  c.rows_ = HashIndex(f);
  for (std::size_t r = 0; r < f; ++r)
    if (c.rows_.insert(p.feature_keys[r], static_cast<std::uint32_t>(r)) != r) return bad("a feature key is repeated");
  c.p_ = std::move(p);
  return c;
}

Result<TopicClassifier> TopicClassifier::load(const std::filesystem::path& file) {
  auto bad = [&](std::string_view why) { return Error{"bad-model", fmt::format("{}: {}", file.string(), why)}; };
  std::ifstream in(file, std::ios::binary);
  if (!in) return bad("cannot open the topic model");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < sizeof kMagic + sizeof(std::uint64_t) || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return bad("not a topic model (bad magic)");
  const std::string_view body(bytes.data(), bytes.size() - sizeof(std::uint64_t));
  std::uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body.size(), sizeof checksum);
  if (checksum != fnv1a(body)) return bad("checksum mismatch (truncated or corrupt file)");

  Reader r(body.substr(sizeof kMagic));
  std::uint32_t version = 0, topics = 0, features = 0, weights = 0;
  if (!r.get(version) || version != kVersion) return bad(fmt::format("unsupported version {} (expected {})", version, kVersion));
  if (!r.get(topics) || !r.get(features) || !r.get(weights)) return bad("truncated header");
  if (topics > 0xffff || features > r.remaining() / 12 || weights > r.remaining() / 6) return bad("sizes exceed the file");
  TopicModelParameters p;
  p.topics.resize(topics);
  for (TopicInfo& info : p.topics)
    if (!r.get_string(info.code) || !r.get_string(info.label) || !r.get(info.level) || !r.get(info.level1))
      return bad("truncated topic list");
  if (!r.get_all(p.bias, topics) || !r.get_all(p.calibration_scale, topics) || !r.get_all(p.calibration_offset, topics) ||
      !r.get_all(p.feature_keys, features) || !r.get_all(p.row_end, features) || !r.get_all(p.entry_topic, weights) ||
      !r.get_all(p.entry_weight, weights))
    return bad("truncated parameters");
  if (r.remaining() != 0) return bad("unexpected bytes after the parameters");
  auto c = create(std::move(p));
  if (!c) return bad(c.error().message);
  return c;
}

Status TopicClassifier::save(const std::filesystem::path& file) const {
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  w.put(kVersion);
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
  w.put_all(p_.feature_keys);
  w.put_all(p_.row_end);
  w.put_all(p_.entry_topic);
  w.put_all(p_.entry_weight);
  w.put(fnv1a(w.bytes()));
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
  if (!out) return Error{"io", fmt::format("{}: cannot write the topic model", file.string())};
  return Status::ok();
}

void TopicClassifier::vectorize(const Document& doc, DocumentVector& out) const {
  std::vector<std::uint64_t> keys;
  topic_feature_keys(doc, keys);
  std::vector<std::uint32_t> rows;
  rows.reserve(keys.size());
  for (const std::uint64_t key : keys)
    if (const std::uint32_t row = rows_.find(key); row != HashIndex::kAbsent) rows.push_back(row);
  make_document_vector(rows, out);
}

void TopicClassifier::margins(const DocumentVector& v, std::vector<float>& out) const {
  out.assign(p_.bias.begin(), p_.bias.end());
  for (std::size_t i = 0; i < v.rows.size(); ++i) {
    const std::uint32_t row = v.rows[i];
    const std::uint32_t begin = row == 0 ? 0 : p_.row_end[row - 1];
    for (std::uint32_t e = begin; e < p_.row_end[row]; ++e) out[p_.entry_topic[e]] += p_.entry_weight[e] * v.values[i];
  }
}

void TopicClassifier::score(const DocumentVector& v, std::vector<float>& out) const {
  margins(v, out);
  for (std::size_t t = 0; t < out.size(); ++t)
    out[t] = sigmoid(p_.calibration_scale[t] * out[t] + p_.calibration_offset[t]);
  for (std::size_t t = 0; t < out.size(); ++t)
    if (p_.topics[t].level != 1) out[t] = std::min(out[t], out[p_.topics[t].level1]);
}

void TopicClassifier::score(const Document& doc, std::vector<float>& out) const {
  DocumentVector v;
  vectorize(doc, v);
  score(v, out);
}

}  // namespace analyze
