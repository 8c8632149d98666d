#include "stance/stance_model.h"

#include <algorithm>
#include <cmath>

#include "core/model_file.h"

namespace analyze {

namespace {

constexpr std::string_view kMagic = "ANSTANCE";
constexpr std::uint32_t kVersion = 2;

std::uint32_t check_of(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }

}  // namespace

StanceModel::StanceModel(std::vector<std::uint64_t> keys, std::vector<float> weights) {
  std::size_t slots = 16;
  while (slots < keys.size() * 2 + 2) slots *= 2;
  table_.assign(slots, Row{});
  for (std::size_t i = 0; i < keys.size(); ++i) {
    // A zero check marks empty slots, and a repeated check on one probe chain would be ambiguous:
    // such keys are left out (a trained model loses a feature in ~1e-5 models; load() rejects it).
    const std::uint32_t check = check_of(keys[i]);
    if (check == 0) continue;
    std::size_t s = keys[i] & (slots - 1);
    while (table_[s].check != 0 && table_[s].check != check) s = (s + 1) & (slots - 1);
    if (table_[s].check == check) continue;
    table_[s].check = check;
    std::copy_n(&weights[i * kClasses], kClasses, table_[s].weights);
    keys_.push_back(keys[i]);
    weights_.insert(weights_.end(), &weights[i * kClasses], &weights[i * kClasses] + kClasses);
    ++size_;
  }
}

const StanceModel::Row* StanceModel::find(std::uint64_t key) const {
  if (table_.empty()) return nullptr;
  const std::size_t mask = table_.size() - 1;
  const std::uint32_t check = check_of(key);
  for (std::size_t s = key & mask;; s = (s + 1) & mask) {
    if (table_[s].check == check) return &table_[s];
    if (table_[s].check == 0) return nullptr;
  }
}

Result<StanceModel> StanceModel::load(const std::filesystem::path& file) {
  auto opened = ModelReader::open(file, kMagic, kVersion, "stance model");
  if (!opened) return opened.error();
  ModelReader& r = opened.value();
  std::uint32_t classes = 0;
  std::uint64_t n = 0;
  if (!r.get(classes) || classes != kClasses) return r.error("wrong number of classes");
  if (!r.get(n) || n > r.remaining() / (8 + kClasses * 4))
    return r.error("truncated or oversized (feature count does not match the file size)");
  std::vector<std::uint64_t> keys;
  std::vector<float> weights;
  if (!r.get_all(keys, n) || !r.get_all(weights, n * kClasses) || r.remaining() != 0)
    return r.error("truncated or oversized (feature count does not match the file size)");
  for (const float w : weights)
    if (!std::isfinite(w)) return r.error("non-finite weight");
  StanceModel model(std::move(keys), std::move(weights));
  if (model.size() != n) return r.error("duplicate or reserved feature keys");
  return model;
}

Status StanceModel::save(const std::filesystem::path& file) const {
  ModelWriter w(kMagic, kVersion);
  w.put(static_cast<std::uint32_t>(kClasses));
  w.put(static_cast<std::uint64_t>(keys_.size()));
  w.put_all(keys_);
  w.put_all(weights_);
  return w.save(file);
}

void StanceModel::add_logits(const std::vector<StanceFeature>& features, Scores& logits) const {
  for (const StanceFeature& f : features)
    if (const Row* row = find(f.key))
      for (std::size_t c = 0; c < kClasses; ++c) logits[c] += row->weights[c] * f.value;
}

StanceModel::Scores StanceModel::probabilities(const Scores& logits) {
  float max = logits[0];
  for (const float l : logits) max = std::max(max, l);
  Scores p{};
  float sum = 0.0f;
  for (std::size_t c = 0; c < kClasses; ++c) sum += p[c] = std::exp(logits[c] - max);
  for (float& v : p) v /= sum;
  return p;
}

float StanceModel::mention_score(const Scores& logits) {
  const Scores p = probabilities(logits);
  const float positive = p[static_cast<std::size_t>(Polarity::kPositive)];
  const float negative = p[static_cast<std::size_t>(Polarity::kNegative)];
  const float neutral = p[static_cast<std::size_t>(Polarity::kNeutral)];
  const float lean = positive - negative;
  const float denominator = std::abs(lean) + std::max(neutral - std::min(positive, negative), 0.0f);
  return denominator > 0.0f ? lean / denominator : 0.0f;
}

}  // namespace analyze
