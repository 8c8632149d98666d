#include "train/ner_trainer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>

#include <fmt/format.h>

#include "entities/ner_features.h"

namespace analyze {

namespace {

constexpr std::uint32_t kDropped = 0xffffffffu;

// Feature keys seen in training, numbered densely.
class FeatureIds {
 public:
  std::uint32_t id(std::uint64_t key) {
    const auto next = static_cast<std::uint32_t>(keys_.size());
    const std::uint32_t id = index_.insert(key, next);
    if (id == next) keys_.push_back(key);
    return id;
  }
  std::size_t size() const { return keys_.size(); }
  const std::vector<std::uint64_t>& keys() const { return keys_; }

 private:
  HashIndex index_;
  std::vector<std::uint64_t> keys_;
};

// Training sentences with their features as dense ids.
struct Corpus {
  struct Sentence {
    std::uint32_t doc = 0;
    std::uint32_t first_token = 0;  // into token_offsets / gold
    std::uint32_t tokens = 0;
    std::uint32_t doc_token = 0;  // the sentence's first token in its document
    float weight = 1.0f;          // its document's weight
  };
  std::vector<std::uint32_t> ids;
  std::vector<std::uint64_t> token_offsets{0};  // token k has ids[token_offsets[k] .. token_offsets[k + 1])
  std::vector<std::uint8_t> gold;
  std::vector<Sentence> sentences;
  // Local extraction only (the jackknife's folds): sentences of doc d are [first[d], first[d + 1]).
  std::vector<std::uint32_t> doc_first_sentence;
};

// Appends every document's sentences with their local features, and with `first_pass` (per
// document, per token) their non-local ones too.
void extract(const std::vector<NerTrainingDocument>& docs, const NerModel& model, FeatureIds& ids,
             const std::vector<std::vector<std::uint8_t>>* first_pass, Corpus& corpus) {
  NerFeatureExtractor extractor(model);
  NerSentenceFeatures features, extra;
  std::vector<std::uint8_t> gold;
  for (std::uint32_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d].doc;
    const std::uint8_t* history = first_pass ? (*first_pass)[d].data() : nullptr;
    if (!history) corpus.doc_first_sentence.push_back(static_cast<std::uint32_t>(corpus.sentences.size()));
    extractor.analyze(doc);
    if (history) extractor.collect_first_pass(doc, history);
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sentence = doc.sentences[s];
      if (doc.in_boilerplate(sentence) || sentence.token_end == sentence.token_begin) continue;
      extractor.local_features(doc, s, features);
      if (history) extractor.non_local_features(doc, s, history, extra);
      gold.resize(sentence.token_end - sentence.token_begin);
      ner_tags_from_spans(docs[d].gold, sentence.token_begin, sentence.token_end, gold.data());
      corpus.sentences.push_back({d, static_cast<std::uint32_t>(corpus.gold.size()),
                                  sentence.token_end - sentence.token_begin, sentence.token_begin, docs[d].weight});
      for (std::size_t i = 0; i < features.tokens(); ++i) {
        for (std::uint32_t k = features.offsets[i]; k < features.offsets[i + 1]; ++k)
          corpus.ids.push_back(ids.id(features.features[k]));
        if (history)
          for (std::uint32_t k = extra.offsets[i]; k < extra.offsets[i + 1]; ++k) corpus.ids.push_back(ids.id(extra.features[k]));
        corpus.token_offsets.push_back(corpus.ids.size());
        corpus.gold.push_back(gold[i]);
      }
    }
  }
  if (!first_pass) corpus.doc_first_sentence.push_back(static_cast<std::uint32_t>(corpus.sentences.size()));
}

// Drops features seen fewer than `min_count` times (ids become kDropped).
void drop_rare(Corpus& corpus, std::size_t features, int min_count) {
  if (min_count <= 1) return;
  std::vector<std::uint32_t> counts(features, 0);
  for (const std::uint32_t id : corpus.ids)
    if (id != kDropped) ++counts[id];
  for (std::uint32_t& id : corpus.ids)
    if (id != kDropped && counts[id] < static_cast<std::uint32_t>(min_count)) id = kDropped;
}

// Weights over dense feature ids: the perceptron's current ones, or the averaged result.
struct DenseWeights {
  std::vector<float> rows;  // id * kNerTags + tag
  NerTransitions transitions{};

  void emissions(const Corpus& corpus, const Corpus::Sentence& s, std::vector<float>& out) const {
    out.assign(static_cast<std::size_t>(s.tokens) * kNerTags, 0.0f);
    for (std::uint32_t i = 0; i < s.tokens; ++i) {
      float* e = out.data() + static_cast<std::size_t>(i) * kNerTags;
      const std::uint32_t token = s.first_token + i;
      for (std::uint64_t k = corpus.token_offsets[token]; k < corpus.token_offsets[token + 1]; ++k) {
        const std::uint32_t id = corpus.ids[k];
        if (id == kDropped) continue;
        const float* w = rows.data() + static_cast<std::size_t>(id) * kNerTags;
        for (int t = 0; t < kNerTags; ++t) e[t] += w[t];
      }
    }
  }
};

struct Decoder {
  std::vector<float> emissions, work;
  std::vector<std::uint8_t> back;
  std::vector<int> tags;

  const std::vector<int>& decode(const DenseWeights& weights, const NerTransitions& allowed, const Corpus& corpus,
                                 const Corpus::Sentence& s) {
    weights.emissions(corpus, s, emissions);
    tags.resize(s.tokens);
    ner_viterbi(emissions.data(), s.tokens, allowed.data(), tags.data(), work, back);
    return tags;
  }
};

// The averaged structured perceptron. Averages are kept with the usual trick: `total` sums each
// update times the step it happened at, so the average is weights - total / steps.
DenseWeights train_perceptron(const Corpus& corpus, const std::vector<std::uint32_t>& sentences, std::size_t features,
                              const NerTrainingOptions& options, const std::string& name) {
  DenseWeights current;
  current.rows.assign(features * kNerTags, 0.0f);
  std::vector<double> total(features * kNerTags, 0.0);
  std::array<double, (kNerTags + 1) * kNerTags> total_transitions{};
  double step = 1;

  const auto update = [&](std::uint32_t token, int tag, float delta) {
    for (std::uint64_t k = corpus.token_offsets[token]; k < corpus.token_offsets[token + 1]; ++k) {
      const std::uint32_t id = corpus.ids[k];
      if (id == kDropped) continue;
      const std::size_t at = static_cast<std::size_t>(id) * kNerTags + static_cast<std::size_t>(tag);
      current.rows[at] += delta;
      total[at] += delta * step;
    }
  };
  const auto update_transition = [&](int prev, int tag, float delta) {
    current.transitions[prev * kNerTags + tag] += delta;
    total_transitions[prev * kNerTags + tag] += delta * step;
  };

  std::vector<std::uint32_t> order = sentences;
  std::mt19937_64 rng(options.seed);
  Decoder decoder;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    std::size_t wrong = 0, tokens = 0;
    for (const std::uint32_t index : order) {
      const Corpus::Sentence& s = corpus.sentences[index];
      const NerTransitions allowed = ner_forbid_transitions(current.transitions);
      const std::vector<int>& predicted = decoder.decode(current, allowed, corpus, s);
      const std::uint8_t* gold = corpus.gold.data() + s.first_token;
      tokens += s.tokens;
      for (std::uint32_t i = 0; i < s.tokens; ++i) {
        const int g = gold[i], p = predicted[i];
        const int gold_prev = i == 0 ? kNerTags : gold[i - 1];
        const int predicted_prev = i == 0 ? kNerTags : predicted[i - 1];
        if (g != p) {
          ++wrong;
          update(s.first_token + i, g, s.weight);
          update(s.first_token + i, p, -s.weight);
        }
        if (g != p || gold_prev != predicted_prev) {
          update_transition(gold_prev, g, s.weight);
          update_transition(predicted_prev, p, -s.weight);
        }
      }
      ++step;
    }
    if (options.log)
      options.log(fmt::format("{} epoch {}: {:.2f}% training tokens mistagged", name, epoch + 1,
                              100.0 * static_cast<double>(wrong) / static_cast<double>(std::max<std::size_t>(tokens, 1))));
  }

  DenseWeights averaged;
  averaged.rows.resize(current.rows.size());
  for (std::size_t i = 0; i < current.rows.size(); ++i)
    averaged.rows[i] = static_cast<float>(current.rows[i] - total[i] / step);
  for (std::size_t i = 0; i < averaged.transitions.size(); ++i)
    averaged.transitions[i] = static_cast<float>(current.transitions[i] - total_transitions[i] / step);
  return averaged;
}

// Keeps the features with a weight above `prune` times the largest.
NerWeights compact(const DenseWeights& dense, const FeatureIds& ids, float prune) {
  float largest = 0;
  for (const float v : dense.rows) largest = std::max(largest, std::abs(v));
  const float threshold = prune * largest;
  std::vector<std::uint64_t> keys;
  std::vector<float> rows;
  for (std::size_t id = 0; id < ids.size(); ++id) {
    const float* w = dense.rows.data() + id * kNerTags;
    if (std::none_of(w, w + kNerTags, [&](float v) { return v != 0.0f && std::abs(v) >= threshold; })) continue;
    keys.push_back(ids.keys()[id]);
    rows.insert(rows.end(), w, w + kNerTags);
  }
  NerWeights weights;
  weights.assign(keys, rows, dense.transitions);
  return weights;
}

}  // namespace

void NerLexiconBuilder::add(const Document& doc) {
  NerFeatureExtractor extractor(empty_model_);
  extractor.analyze(doc);
  for (const Sentence& s : doc.sentences) {
    if (doc.in_boilerplate(s)) continue;
    for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const NerFeatureExtractor::TokenInfo& info = extractor.token(t);
      if (info.raw_casing == NerCasing::kNoLetters) continue;
      Counts& c = counts_[info.lower];
      ++c.total;
      if (!info.initial && !info.headline) ++c.informative[static_cast<int>(info.raw_casing)];
    }
  }
}

void NerLexiconBuilder::set_clusters(std::string_view lower, const int (&classes)[NerWordInfo::kClusterings]) {
  Counts& c = counts_[NerFeatureExtractor::word_key(lower)];
  for (int i = 0; i < NerWordInfo::kClusterings; ++i)
    c.clusters[i] = classes[i] >= 0 && classes[i] < 0xffff ? static_cast<std::uint16_t>(classes[i] + 1) : 0;
}

NerLexicon NerLexiconBuilder::build(std::uint32_t min_count) const {
  std::vector<std::pair<std::uint64_t, NerWordInfo>> entries;
  for (const auto& [key, c] : counts_) {
    if (c.total < min_count && c.clusters[0] == 0) continue;
    NerWordInfo w;
    const std::uint32_t lower = c.informative[0], capitalised = c.informative[1] + c.informative[2] + c.informative[3];
    if (lower + capitalised == 0) {
      w.capitalised_bucket = 5;
      w.usual_casing = NerCasing::kCapitalised;
    } else {
      const double share = static_cast<double>(capitalised) / (lower + capitalised);
      w.capitalised_bucket = share < 0.05 ? 0 : share < 0.3 ? 1 : share < 0.7 ? 2 : share < 0.95 ? 3 : 4;
      w.usual_casing = static_cast<NerCasing>(std::max_element(c.informative, c.informative + 4) - c.informative);
    }
    w.frequency_bucket = static_cast<std::uint8_t>(c.total ? std::min(31, static_cast<int>(std::bit_width(c.total)) - 1) : 0);
    std::copy(std::begin(c.clusters), std::end(c.clusters), std::begin(w.clusters));
    entries.emplace_back(key, w);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::uint64_t> keys;
  std::vector<NerWordInfo> info;
  for (const auto& [key, w] : entries) keys.push_back(key), info.push_back(w);
  NerLexicon lexicon;
  lexicon.assign(std::move(keys), std::move(info));  // keys come from a map: distinct
  return lexicon;
}

void train_ner_weights(const std::vector<NerTrainingDocument>& docs, const NerTrainingOptions& options,
                       NerModel& model) {
  const auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  FeatureIds ids;
  Corpus corpus;
  extract(docs, model, ids, nullptr, corpus);
  drop_rare(corpus, ids.size(), options.min_feature_count);
  log(fmt::format("{} sentences, {} tokens, {} local features", corpus.sentences.size(), corpus.gold.size(), ids.size()));

  // Jackknife: each fold tagged by a first-pass model trained on the other folds.
  std::vector<std::vector<std::uint8_t>> first_pass(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) first_pass[d].assign(docs[d].doc.tokens.size(), 0);
  const int folds = std::max(options.folds, 2);
  Decoder decoder;
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<std::uint32_t> train, held_out;
    for (std::uint32_t d = 0; d < docs.size(); ++d)
      for (std::uint32_t s = corpus.doc_first_sentence[d]; s < corpus.doc_first_sentence[d + 1]; ++s)
        (static_cast<int>(d % static_cast<std::uint32_t>(folds)) == fold ? held_out : train).push_back(s);
    const DenseWeights weights = train_perceptron(corpus, train, ids.size(), options, fmt::format("fold {}", fold + 1));
    const NerTransitions allowed = ner_forbid_transitions(weights.transitions);
    for (const std::uint32_t index : held_out) {
      const Corpus::Sentence& s = corpus.sentences[index];
      const std::vector<int>& tags = decoder.decode(weights, allowed, corpus, s);
      std::copy(tags.begin(), tags.end(), first_pass[s.doc].begin() + s.doc_token);
    }
  }

  // One weight set serves both passes, so it learns from every sentence twice: with the non-corpus
  // features (as in the second pass) and without them (as in the first).
  extract(docs, model, ids, &first_pass, corpus);
  drop_rare(corpus, ids.size(), options.min_feature_count);
  std::vector<std::uint32_t> all(corpus.sentences.size());
  std::iota(all.begin(), all.end(), 0u);
  log(fmt::format("both passes: {} features", ids.size()));
  model.weights = compact(train_perceptron(corpus, all, ids.size(), options, "both passes"), ids, options.prune);
  log(fmt::format("kept {} feature rows", model.weights.size()));
}

}  // namespace analyze
