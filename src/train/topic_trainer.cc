#include "train/topic_trainer.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

namespace analyze {

namespace {

// Per-coordinate FTRL-proximal state for every (feature row, topic) pair, row-major.
class Ftrl {
 public:
  Ftrl(std::size_t features, std::size_t topics, const TopicTrainingOptions& o)
      : topics_(topics), o_(o), z_(features * topics, 0.0f), n_(features * topics, 0.0f), bias_(topics, 0.0f),
        bias_n_(topics, 0.0f) {}

  float weight(std::size_t index) const {
    const float z = z_[index];
    if (std::fabs(z) <= o_.l1) return 0.0f;
    return -(z - std::copysign(o_.l1, z)) / ((o_.beta + std::sqrt(n_[index])) / o_.alpha + o_.l2);
  }
  float weight(std::uint32_t row, std::size_t topic) const { return weight(row * topics_ + topic); }
  const std::vector<float>& bias() const { return bias_; }

  // One online update with example `e` for every topic it teaches.
  void update(const std::vector<TopicInfo>& topics, const TopicExample& e) {
    const DocumentVector& v = e.vector;
    w_.resize(v.rows.size() * topics_);
    margin_.assign(topics_, 0.0f);
    for (std::size_t i = 0; i < v.rows.size(); ++i)
      for (std::size_t t = 0; t < topics_; ++t) {
        const float w = weight(v.rows[i] * topics_ + t);
        w_[i * topics_ + t] = w;
        margin_[t] += w * v.values[i];
      }
    for (std::size_t t = 0; t < topics_; ++t) {
      if (!teaches(topics, e, t)) continue;
      const float g0 = e.weight * (sigmoid(margin_[t] + bias_[t]) - (is_labelled(e, t) ? 1.0f : 0.0f));
      for (std::size_t i = 0; i < v.rows.size(); ++i) {
        const std::size_t k = v.rows[i] * topics_ + t;
        const float g = g0 * v.values[i];
        const float sigma = (std::sqrt(n_[k] + g * g) - std::sqrt(n_[k])) / o_.alpha;
        z_[k] += g - sigma * w_[i * topics_ + t];
        n_[k] += g * g;
      }
      // The bias is an unregularised feature with its own adaptive rate.
      bias_n_[t] += g0 * g0;
      bias_[t] -= o_.alpha * g0 / (o_.beta + std::sqrt(bias_n_[t]));
    }
  }

 private:
  std::size_t topics_;
  const TopicTrainingOptions& o_;
  std::vector<float> z_, n_;
  std::vector<float> bias_, bias_n_;
  std::vector<float> w_, margin_;  // scratch for one update
};

}  // namespace

bool teaches(const std::vector<TopicInfo>& topics, const TopicExample& e, std::size_t t) {
  const TopicInfo& info = topics[t];
  return info.level == 1 || static_cast<int>(info.level1) != e.level1 || e.level2 >= 0;
}

std::vector<float> TopicWeights::margins(const DocumentVector& v) const {
  std::vector<float> out(bias.size(), 0.0f);
  for (std::size_t i = 0; i < v.rows.size(); ++i)
    for (const auto& [t, w] : rows[v.rows[i]]) out[t] += static_cast<float>(w) * v.values[i];
  for (std::size_t t = 0; t < out.size(); ++t) out[t] = bias[t] + scale[t] * out[t];
  return out;
}

TopicWeights train_topic_weights(const std::vector<TopicInfo>& topics, const std::vector<TopicExample>& examples,
                                 const std::vector<std::uint32_t>& subset, std::size_t features,
                                 const TopicTrainingOptions& options) {
  Ftrl ftrl(features, topics.size(), options);
  std::mt19937 rng(options.seed);
  std::vector<std::uint32_t> order = subset;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (const std::uint32_t i : order) ftrl.update(topics, examples[i]);
  }
  // 8-bit weights, one scale per topic. Callers compute margins from these stored values, so a
  // calibration fitted on them fits what the model file holds.
  TopicWeights out;
  out.bias = ftrl.bias();
  out.scale.assign(topics.size(), 0.0f);
  for (std::uint32_t r = 0; r < features; ++r)
    for (std::size_t t = 0; t < topics.size(); ++t) out.scale[t] = std::max(out.scale[t], std::fabs(ftrl.weight(r, t)));
  for (float& s : out.scale) s = s > 0 ? s / 127.0f : 1.0f;
  out.rows.resize(features);
  for (std::uint32_t r = 0; r < features; ++r)
    for (std::size_t t = 0; t < topics.size(); ++t) {
      const float w = ftrl.weight(r, t);
      const auto q = static_cast<std::int8_t>(std::lround(w / out.scale[t]));
      if (std::fabs(w) >= options.prune && q != 0) out.rows[r].push_back({static_cast<std::uint16_t>(t), q});
    }
  return out;
}

std::pair<float, float> fit_platt(const std::vector<float>& m, const std::vector<float>& y, const std::vector<float>& w) {
  double pos = 0, neg = 0;
  for (std::size_t i = 0; i < m.size(); ++i) (y[i] > 0.5f ? pos : neg) += w[i];
  const double t_pos = (pos + 1) / (pos + 2), t_neg = 1 / (neg + 2);
  double a = 1, b = 0;
  for (int iter = 0; iter < 100; ++iter) {  // Newton's method on (a, b)
    double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (std::size_t i = 0; i < m.size(); ++i) {
      const double p = 1 / (1 + std::exp(-(a * m[i] + b)));
      const double d = w[i] * (p - (y[i] > 0.5f ? t_pos : t_neg)), h = w[i] * p * (1 - p);
      ga += d * m[i];
      gb += d;
      haa += h * m[i] * m[i];
      hab += h * m[i];
      hbb += h;
    }
    const double det = haa * hbb - hab * hab;
    if (std::fabs(det) < 1e-12) break;
    const double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (std::fabs(da) < 1e-6 && std::fabs(db) < 1e-6) break;
  }
  return {static_cast<float>(a), static_cast<float>(b)};
}

TopicModelParameters topic_model_parameters(const std::vector<TopicInfo>& topics, const TopicWeights& weights,
                                            const std::vector<std::uint64_t>& keys, const std::vector<float>& idf,
                                            std::vector<float> calibration_scale, std::vector<float> calibration_offset) {
  TopicModelParameters p;
  p.topics = topics;
  p.bias = weights.bias;
  p.weight_scale = weights.scale;
  p.calibration_scale = std::move(calibration_scale);
  p.calibration_offset = std::move(calibration_offset);
  for (std::size_t r = 0; r < keys.size(); ++r) {
    if (weights.rows[r].empty()) continue;
    p.feature_keys.push_back(keys[r]);
    p.feature_idf.push_back(idf[r]);
    for (const auto& [t, w] : weights.rows[r]) {
      p.entry_topic.push_back(t);
      p.entry_weight.push_back(w);
    }
    p.row_end.push_back(static_cast<std::uint32_t>(p.entry_weight.size()));
  }
  return p;
}

namespace {

constexpr double kMinNamesPer100Words = 0.5;
constexpr double kMinLead = 2.0;  // the best level-2 topic's names against the runner-up's

}  // namespace

Result<DistantLevel2Labeler> DistantLevel2Labeler::create(const std::vector<TopicInfo>& topics,
                                                          const std::vector<std::pair<int, std::string>>& names) {
  nlohmann::ordered_json lexicon = nlohmann::ordered_json::object();
  for (const auto& [t, name] : names) {
    if (t < 0 || static_cast<std::size_t>(t) >= topics.size() || topics[t].level != 2)
      return Error{"bad-lexicon", "distant level-2 names: topic " + std::to_string(t) + " is not a level-2 topic"};
    if (name.empty()) continue;
    auto& entry = lexicon[topics[t].code];
    entry["label"] = topics[t].label;
    entry["keywords"][name] = 1.0;
    if (std::isalpha(static_cast<unsigned char>(name.back())) && name.back() != 's') entry["keywords"][name + "s"] = 1.0;
  }
  auto parsed = TopicLexicon::parse(lexicon.dump(), "distant level-2 names");
  if (!parsed) return parsed.error();
  std::vector<int> topic, parent;
  for (std::size_t i = 0; i < parsed->size(); ++i)
    for (std::size_t t = 0; t < topics.size(); ++t)
      if (topics[t].code == parsed->code(i)) {
        topic.push_back(static_cast<int>(t));
        parent.push_back(topics[t].level1);
        break;
      }
  return DistantLevel2Labeler(std::move(*parsed), std::move(topic), std::move(parent));
}

int DistantLevel2Labeler::label(const std::vector<Term>& terms, int level1) const {
  const std::vector<double> scores = names_.scores(terms);
  double best = 0, second = 0;
  int best_topic = -1;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (parent_[i] != level1) continue;
    // The lexicon's score is 1 - 2^-E, E the names per 100 words.
    const double per_100_words = -std::log2(std::max(1e-12, 1.0 - scores[i]));
    if (per_100_words > best) {
      second = best;
      best = per_100_words;
      best_topic = topic_[i];
    } else {
      second = std::max(second, per_100_words);
    }
  }
  return best >= kMinNamesPer100Words && best >= kMinLead * second ? best_topic : -1;
}

}  // namespace analyze
