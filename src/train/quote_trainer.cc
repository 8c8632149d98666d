#include "train/quote_trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_map>

#include <fmt/format.h>

#include "analyze/entity.h"
#include "core/hash_index.h"
#include "quotes/quote_features.h"
#include "quotes/quote_marks.h"

namespace analyze {

namespace {

// Averaged perceptron weights: w, and the sum of step * update for the average (w - u / steps).
struct PerceptronWeights {
  std::unordered_map<std::uint64_t, std::uint32_t> rows;
  std::vector<float> w, u;
  QuoteTransitions tw{}, tu{};
  double step = 1.0;

  std::uint32_t row(std::uint64_t key) {
    auto [it, added] = rows.emplace(key, static_cast<std::uint32_t>(rows.size()));
    if (added) {
      w.resize(w.size() + kQuoteTags, 0.0f);
      u.resize(u.size() + kQuoteTags, 0.0f);
    }
    return it->second;
  }
  void update(std::uint64_t key, int tag, float delta) {
    const std::size_t i = static_cast<std::size_t>(row(key)) * kQuoteTags + tag;
    w[i] += delta;
    u[i] += static_cast<float>(step) * delta;
  }
  void update_transition(int prev, int cur, float delta) {
    tw[prev * kQuoteTags + cur] += delta;
    tu[prev * kQuoteTags + cur] += static_cast<float>(step) * delta;
  }
  void emissions(const std::uint64_t* features, std::size_t n, float* scores) const {
    for (std::size_t k = 0; k < n; ++k) {
      const auto it = rows.find(features[k]);
      if (it == rows.end()) continue;
      for (int t = 0; t < kQuoteTags; ++t) scores[t] += w[static_cast<std::size_t>(it->second) * kQuoteTags + t];
    }
  }
};

struct ParagraphRef {
  std::uint32_t doc, first, last;
};

std::vector<ParagraphRef> paragraphs_of(const std::vector<QuoteTrainingDocument>& docs) {
  std::vector<ParagraphRef> out;
  for (std::uint32_t d = 0; d < docs.size(); ++d)
    for (const Paragraph& p : docs[d].doc.paragraphs) {
      if (p.sentence_begin >= p.sentence_end) continue;
      const std::uint32_t first = docs[d].doc.sentences[p.sentence_begin].token_begin;
      const std::uint32_t last = docs[d].doc.sentences[p.sentence_end - 1].token_end;
      if (first < last) out.push_back({d, first, last});
    }
  return out;
}

// One perceptron step on a paragraph: decode, then move the weights towards the gold tags.
void learn_paragraph(const std::vector<std::uint64_t>& features, const std::vector<std::uint32_t>& offsets,
                     const std::uint8_t* gold, std::size_t n, PerceptronWeights& weights) {
  thread_local std::vector<float> emissions;
  thread_local std::vector<std::uint8_t> predicted;
  emissions.assign(n * kQuoteTags, 0.0f);
  for (std::size_t i = 0; i < n; ++i)
    weights.emissions(features.data() + offsets[i], offsets[i + 1] - offsets[i], &emissions[i * kQuoteTags]);
  QuoteTransitions allowed = weights.tw;
  forbid_quote_transitions(allowed);
  quote_viterbi(emissions.data(), n, allowed, predicted);
  for (std::size_t i = 0; i < n; ++i) {
    const int prev_gold = i == 0 ? kQuoteTags : gold[i - 1];
    const int prev_pred = i == 0 ? kQuoteTags : predicted[i - 1];
    if (gold[i] == predicted[i] && prev_gold == prev_pred) continue;
    if (gold[i] != predicted[i])
      for (std::uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
        weights.update(features[k], gold[i], 1.0f);
        weights.update(features[k], predicted[i], -1.0f);
      }
    weights.update_transition(prev_gold, gold[i], 1.0f);
    weights.update_transition(prev_pred, predicted[i], -1.0f);
  }
  weights.step += 1.0;
}

// The averaged weights of the `max_features` features with the largest weight.
void keep_largest(const PerceptronWeights& weights, std::size_t max_features, QuoteModel& model) {
  const std::size_t n = weights.rows.size();
  std::vector<float> average(n * kQuoteTags);
  for (std::size_t i = 0; i < average.size(); ++i)
    average[i] = weights.w[i] - weights.u[i] / static_cast<float>(weights.step);
  std::vector<std::pair<float, std::uint64_t>> strength;
  for (const auto& [key, row] : weights.rows) {
    float largest = 0.0f;
    for (int t = 0; t < kQuoteTags; ++t) largest = std::max(largest, std::fabs(average[row * kQuoteTags + t]));
    if (largest > 0.0f) strength.push_back({largest, key});
  }
  std::sort(strength.begin(), strength.end(), std::greater<>());
  if (strength.size() > max_features) strength.resize(max_features);
  std::vector<std::uint64_t> keys;
  std::vector<float> rows;
  for (const auto& [s, key] : strength) {
    keys.push_back(key);
    const std::uint32_t row = weights.rows.at(key);
    rows.insert(rows.end(), average.begin() + row * kQuoteTags, average.begin() + (row + 1) * kQuoteTags);
  }
  QuoteTransitions transitions{};
  for (std::size_t i = 0; i < transitions.size(); ++i)
    transitions[i] = weights.tw[i] - weights.tu[i] / static_cast<float>(weights.step);
  model.assign(keys, rows, transitions);
}

}  // namespace

std::vector<std::uint8_t> gold_quote_tags(const Document& doc, const std::vector<GoldAttribution>& gold) {
  std::vector<std::uint8_t> tags(doc.tokens.size(), kOutside);
  auto mark = [&](const std::vector<TextSpan>& spans, std::uint8_t begin_tag) {
    for (const TextSpan& s : spans) {
      auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), s.begin,
                                 [](const Token& t, std::uint32_t b) { return t.end <= b; });
      bool first = true;
      for (; it != doc.tokens.end() && it->begin < s.end; ++it) {
        tags[static_cast<std::size_t>(it - doc.tokens.begin())] = first ? begin_tag : begin_tag + 1;
        first = false;
      }
    }
  };
  for (const GoldAttribution& a : gold) {
    mark(a.content, kContentBegin);
    mark(a.cue, kCueBegin);
    mark(a.source, kSourceBegin);
  }
  return tags;
}

std::vector<std::uint64_t> learn_cue_words(const std::vector<QuoteTrainingDocument>& docs,
                                           const QuoteTrainingOptions& options) {
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> counts;  // cue, all
  for (const QuoteTrainingDocument& d : docs) {
    const std::vector<std::uint8_t> tags = gold_quote_tags(d.doc, d.gold);
    for (std::size_t t = 0; t < d.doc.tokens.size(); ++t) {
      if (d.doc.tokens[t].kind != TokenKind::kWord) continue;
      auto& c = counts[lowercase_hash(d.doc.form(d.doc.tokens[t]))];
      c.first += quote_role(tags[t]) == 2;
      ++c.second;
    }
  }
  std::vector<std::uint64_t> words;
  for (const auto& [word, c] : counts)
    if (c.first >= options.min_cue_count && c.first >= options.min_cue_share * c.second) words.push_back(word);
  std::sort(words.begin(), words.end());
  return words;
}

void train_quote_model(const std::vector<QuoteTrainingDocument>& docs, const QuoteTrainingOptions& options,
                       QuoteModel& model) {
  model.set_cue_words(learn_cue_words(docs, options));
  std::vector<QuoteContext> contexts;
  std::vector<std::vector<std::uint8_t>> gold;
  for (const QuoteTrainingDocument& d : docs) {
    contexts.push_back(quote_context(d.doc, find_quoted_spans(d.doc), d.doc.layer<EntityLayer>()));
    gold.push_back(gold_quote_tags(d.doc, d.gold));
  }
  std::vector<ParagraphRef> paragraphs = paragraphs_of(docs);
  PerceptronWeights weights;
  std::mt19937_64 random(options.seed);
  std::vector<std::uint64_t> features;
  std::vector<std::uint32_t> offsets;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(paragraphs.begin(), paragraphs.end(), random);
    for (const ParagraphRef& p : paragraphs) {
      quote_features(docs[p.doc].doc, contexts[p.doc], model, p.first, p.last, features, offsets);
      learn_paragraph(features, offsets, gold[p.doc].data() + p.first, p.last - p.first, weights);
    }
    if (options.log) options.log(fmt::format("epoch {}: {} features", epoch + 1, weights.rows.size()));
  }
  keep_largest(weights, options.max_features, model);
}

}  // namespace analyze
