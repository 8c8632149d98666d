#include "stance/stance_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "core/mapped_file.h"

namespace analyze {

namespace {

constexpr char kMagic[8] = {'A', 'N', 'S', 'T', 'A', 'N', 'C', 'E'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderBytes = sizeof(kMagic) + 4 + 4 + 8;

template <class T>
T read_at(std::string_view bytes, std::size_t offset) {
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof(T));
  return v;
}

}  // namespace

namespace {

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
  auto bad = [&](std::string_view why) { return Error{"bad-model", fmt::format("{}: {}", file.string(), why)}; };
  auto mapped = MappedFile::open(file);
  if (!mapped) return bad(fmt::format("cannot open the stance model ({})", mapped.error().message));
  const std::string_view bytes = mapped.value().bytes();
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    return bad("not a stance model (bad magic)");
  if (read_at<std::uint32_t>(bytes, 8) != kVersion) return bad("unsupported stance model version");
  if (read_at<std::uint32_t>(bytes, 12) != kClasses) return bad("wrong number of classes");
  const auto n = read_at<std::uint64_t>(bytes, 16);
  const std::size_t row = 8 + kClasses * 4;
  if (n > (bytes.size() - kHeaderBytes) / row || kHeaderBytes + n * row != bytes.size())
    return bad("truncated or oversized (feature count does not match the file size)");
  std::vector<std::uint64_t> keys(n);
  std::vector<float> weights(n * kClasses);
  if (n != 0) {  // an empty vector's data() may be null, and memcpy must not get null
    std::memcpy(keys.data(), bytes.data() + kHeaderBytes, n * 8);
    std::memcpy(weights.data(), bytes.data() + kHeaderBytes + n * 8, n * kClasses * 4);
  }
  for (const float w : weights)
    if (!std::isfinite(w)) return bad("non-finite weight");
  StanceModel model(std::move(keys), std::move(weights));
  if (model.size() != n) return bad("duplicate or reserved feature keys");
  return model;
}

Status StanceModel::save(const std::filesystem::path& file) const {
  std::ofstream out(file, std::ios::binary);
  const std::uint32_t version = kVersion, classes = kClasses;
  const std::uint64_t n = keys_.size();
  out.write(kMagic, sizeof(kMagic));
  out.write(reinterpret_cast<const char*>(&version), 4);
  out.write(reinterpret_cast<const char*>(&classes), 4);
  out.write(reinterpret_cast<const char*>(&n), 8);
  out.write(reinterpret_cast<const char*>(keys_.data()), static_cast<std::streamsize>(n * 8));
  out.write(reinterpret_cast<const char*>(weights_.data()), static_cast<std::streamsize>(weights_.size() * 4));
  if (!out) return Error{"io", fmt::format("{}: cannot write the stance model", file.string())};
  return Status::ok();
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
