// Trains the stance model (src/stance/stance_model.h) on NewsMTSC-style JSONL:
//   {"id": ..., "text": ..., "targets": [{"start": cp, "end": cp, "polarity": "negative|neutral|positive"}]}
// Each text goes through the project's own `normalize` and `segment` stages, and each target's
// features are computed by the same code the `stance` stage runs, so training and run time agree.
//
//   train-stance --train newsmtsc-train.jsonl [--dev FILE]... --output data/models/stance.bin
//                [--epochs 12] [--rate 0.01] [--l2 3e-5] [--min-count 3] [--seed 1] [--folds K]
//
// Prints, for each --dev file, macro-F1 and accuracy of the model and of the lexicon-only scorer
// (the `--stance-model lexicon` variant of the stage), both with the stage's rule from score to
// polarity (polarity_of); --dev files are only measured, never trained on. With --folds, the
// cross-validation on train also sweeps the neutral band (how kNeutralBandThousandths was chosen)
// and prints the confusion matrix.
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyze/data_dir.h"
#include "core/hash_index.h"
#include "analyze/pipeline.h"
#include "stance/stance_features.h"
#include "stance/stance_model.h"
#include "stance/stance_stage.h"

namespace {

using analyze::Polarity;
using analyze::StanceFeature;
using analyze::StanceModel;
constexpr std::size_t kClasses = StanceModel::kClasses;

struct Example {
  std::vector<StanceFeature> features;  // empty: the stage says nothing (target not found, or a list)
  int label = 1;
  float lexicon_sum = 0.0f;  // lexicon_target_sum
};

int parse_polarity(const std::string& p) {
  if (p == "negative") return static_cast<int>(Polarity::kNegative);
  if (p == "positive") return static_cast<int>(Polarity::kPositive);
  if (p == "neutral") return static_cast<int>(Polarity::kNeutral);
  return -1;
}

// Reads a JSONL file and computes every target's features through the pipeline.
std::vector<Example> read_examples(const std::string& path, const analyze::Pipeline& pipeline,
                                   const analyze::SentimentLexicon& lexicon, const analyze::StanceIdioms& idioms) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<Example> out;
  std::vector<analyze::RuledToken> ruled;
  std::string line;
  std::size_t line_no = 0, unlocated = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto rec = nlohmann::json::parse(line);
    analyze::Document doc(rec.at("id").get<std::string>(), rec.at("text").get<std::string>());
    if (auto s = pipeline.run(doc); !s) throw std::runtime_error(fmt::format("{}:{}: {}", path, line_no, s.error().message));
    for (const auto& t : rec.at("targets")) {
      Example ex;
      ex.label = parse_polarity(t.at("polarity").get<std::string>());
      if (ex.label < 0) throw std::runtime_error(fmt::format("{}:{}: bad polarity", path, line_no));
      const auto loc = analyze::locate_target(doc, doc.byte_offset(t.at("start").get<std::uint32_t>()),
                                              doc.byte_offset(t.at("end").get<std::uint32_t>()));
      if (!loc) {
        ++unlocated;
        out.push_back(std::move(ex));  // scored as the stage would answer: no features, neutral
        continue;
      }
      const analyze::Sentence& s = doc.sentences[loc->sentence];
      analyze::apply_sentiment_rules(doc, s, lexicon, idioms, ruled);
      if (analyze::list_like(ruled)) {
        out.push_back(std::move(ex));
        continue;
      }
      const std::size_t b = loc->token_begin - s.token_begin, e = loc->token_end - s.token_begin;
      analyze::sentence_features(ruled, ex.features);
      analyze::target_features(ruled, b, e, ex.features);
      ex.lexicon_sum = analyze::lexicon_target_sum(ruled, b, e);
      out.push_back(std::move(ex));
    }
  }
  std::cerr << fmt::format("{}: {} targets ({} not located in any token)\n", path, out.size(), unlocated);
  return out;
}

struct Scores {
  double macro_f1 = 0.0, accuracy = 0.0;
  std::array<std::array<double, kClasses>, kClasses> confusion{};  // [gold][predicted]
};

Scores score(const std::vector<int>& gold, const std::vector<int>& pred) {
  Scores s;
  auto& conf = s.confusion;
  for (std::size_t i = 0; i < gold.size(); ++i) conf[gold[i]][pred[i]] += 1;
  for (std::size_t c = 0; c < kClasses; ++c) {
    double tp = conf[c][c], predicted = 0, actual = 0;
    for (std::size_t k = 0; k < kClasses; ++k) predicted += conf[k][c], actual += conf[c][k];
    const double p = predicted ? tp / predicted : 0, r = actual ? tp / actual : 0;
    s.macro_f1 += (p + r > 0 ? 2 * p * r / (p + r) : 0) / kClasses;
    s.accuracy += tp / std::max<std::size_t>(gold.size(), 1);
  }
  return s;
}

struct Trainer {
  analyze::HashIndex index;
  std::vector<std::uint64_t> keys;
  std::vector<float> weights, squared;  // AdaGrad accumulators

  // Keeps features seen in at least `min_count` training examples.
  void build_vocabulary(const std::vector<Example>& examples, int min_count) {
    analyze::HashIndex seen;
    std::vector<int> counts;
    std::vector<std::uint64_t> seen_keys;
    for (const auto& ex : examples)
      for (const auto& f : ex.features) {
        const auto i = seen.insert(f.key, static_cast<std::uint32_t>(counts.size()));
        if (i == counts.size()) counts.push_back(0), seen_keys.push_back(f.key);
        ++counts[i];
      }
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (counts[i] >= min_count) {
        index.insert(seen_keys[i], static_cast<std::uint32_t>(keys.size()));
        keys.push_back(seen_keys[i]);
      }
    weights.assign(keys.size() * kClasses, 0.0f);
    squared.assign(keys.size() * kClasses, 1e-6f);
  }

  void train(const std::vector<Example>& examples, int epochs, float l2, float rate, unsigned seed) {
    std::array<double, kClasses> class_weight{};
    for (const auto& ex : examples) class_weight[ex.label] += 1;
    for (auto& w : class_weight) w = static_cast<double>(examples.size()) / (kClasses * std::max(w, 1.0));
    std::vector<std::size_t> order(examples.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(seed);
    std::vector<std::pair<std::uint32_t, float>> active;
    for (int epoch = 0; epoch < epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      double loss = 0;
      for (const std::size_t k : order) {
        const Example& ex = examples[k];
        active.clear();
        for (const auto& f : ex.features)
          if (const auto i = index.find(f.key); i != analyze::HashIndex::kAbsent) active.emplace_back(i, f.value);
        StanceModel::Scores logits{};
        for (const auto& [i, v] : active)
          for (std::size_t c = 0; c < kClasses; ++c) logits[c] += weights[i * kClasses + c] * v;
        const auto p = StanceModel::probabilities(logits);
        loss -= class_weight[ex.label] * std::log(std::max(p[ex.label], 1e-9f));
        for (const auto& [i, v] : active)
          for (std::size_t c = 0; c < kClasses; ++c) {
            const std::size_t w = i * kClasses + c;
            const float g = static_cast<float>(class_weight[ex.label]) * (p[c] - (static_cast<int>(c) == ex.label)) * v +
                            l2 * weights[w];
            squared[w] += g * g;
            weights[w] -= rate * g / std::sqrt(squared[w]);
          }
      }
      if (epoch + 1 == epochs) std::cerr << fmt::format("epoch {}  loss {:.4f}\n", epoch + 1, loss / examples.size());
    }
  }

  StanceModel model() const { return StanceModel(keys, weights); }
};

// The lexicon-only scorer's one parameter is the summed valence at which a target stops being
// neutral; valence_score's gain puts the neutral band's edge there. This shows how each choice
// fares on the training data (0.0485 was picked from this, not from dev).
void sweep_lexicon_threshold(const std::vector<Example>& train) {
  std::vector<int> gold, pred;
  for (const auto& ex : train) gold.push_back(ex.label);
  for (const float threshold : {0.01f, 0.025f, 0.0485f, 0.075f, 0.1f, 0.2f, 0.3f}) {
    pred.clear();
    for (const auto& ex : train)
      pred.push_back(ex.features.empty() ? 1 : ex.lexicon_sum > threshold ? 2 : ex.lexicon_sum < -threshold ? 0 : 1);
    const Scores s = score(gold, pred);
    std::cout << fmt::format("lexicon-only threshold {:.4f} on train: macro-F1 {:.4f} acc {:.4f}\n", threshold,
                             s.macro_f1, s.accuracy);
  }
}

// The score the stage gives the target: the model's mention_score, 0 without features.
float model_score(const StanceModel& model, const Example& ex) {
  if (ex.features.empty()) return 0.0f;
  StanceModel::Scores logits{};
  model.add_logits(ex.features, logits);
  return StanceModel::mention_score(logits);
}

std::vector<int> polarities(const std::vector<float>& scores, long band = analyze::kNeutralBandThousandths) {
  std::vector<int> out;
  for (const float s : scores) out.push_back(static_cast<int>(analyze::polarity_of(s, band)));
  return out;
}

void print_confusion(const Scores& s) {
  std::cout << "  confusion (rows gold, columns predicted: negative neutral positive)\n";
  for (const auto& row : s.confusion) std::cout << fmt::format("  {:6.0f} {:6.0f} {:6.0f}\n", row[0], row[1], row[2]);
}

void report(const std::string& name, const std::vector<Example>& examples, const StanceModel& model) {
  std::vector<int> gold;
  std::vector<float> by_model, by_lexicon;
  for (const auto& ex : examples) {
    gold.push_back(ex.label);
    by_model.push_back(model_score(model, ex));
    by_lexicon.push_back(ex.features.empty() ? 0.0f : analyze::valence_score(ex.lexicon_sum));
  }
  const Scores m = score(gold, polarities(by_model)), l = score(gold, polarities(by_lexicon));
  std::cout << fmt::format("{}: model macro-F1 {:.4f} acc {:.4f} | lexicon-only macro-F1 {:.4f} acc {:.4f}\n", name,
                           m.macro_f1, m.accuracy, l.macro_f1, l.accuracy);
  print_confusion(m);
}

// Defaults chosen by 5-fold cross-validation on the training data (docs: notes/stance.md).
struct Settings {
  int epochs = 12, min_count = 3;
  float l2 = 3e-5f, rate = 0.01f;
  unsigned seed = 1;
};

StanceModel fit(const std::vector<Example>& train, const Settings& settings) {
  Trainer trainer;
  trainer.build_vocabulary(train, settings.min_count);
  trainer.train(train, settings.epochs, settings.l2, settings.rate, settings.seed);
  return trainer.model();
}

// K-fold cross-validation on the training data: the figure hyper-parameters are chosen by, so the
// dev sets stay a fair estimate. Folds are contiguous blocks of the file (sentences of one article
// tend to be adjacent, so this keeps them apart from their neighbours less than a shuffle would).
void cross_validate(const std::vector<Example>& train, const Settings& settings, int folds) {
  std::vector<int> gold;
  std::vector<float> scores;
  for (int k = 0; k < folds; ++k) {
    const std::size_t lo = train.size() * k / folds, hi = train.size() * (k + 1) / folds;
    std::vector<Example> part(train.begin(), train.begin() + lo);
    part.insert(part.end(), train.begin() + hi, train.end());
    const StanceModel model = fit(part, settings);
    for (std::size_t i = lo; i < hi; ++i) gold.push_back(train[i].label), scores.push_back(model_score(model, train[i]));
  }
  for (long band = 300; band <= 700; band += 25) {
    const Scores s = score(gold, polarities(scores, band));
    std::cout << fmt::format("{}-fold cross-validation on train, neutral band {:.3f}: macro-F1 {:.4f} acc {:.4f}{}\n",
                             folds, band / 1000.0, s.macro_f1, s.accuracy,
                             band == analyze::kNeutralBandThousandths ? "  (shipped)" : "");
  }
  print_confusion(score(gold, polarities(scores)));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train the stance model on NewsMTSC-style JSONL."};
  std::string train_file, output;
  std::vector<std::string> dev_files;
  Settings settings;
  int folds = 0;
  app.add_option("--train", train_file, "training JSONL")->required();
  app.add_option("--dev", dev_files, "JSONL to measure on (repeatable; never trained on)");
  app.add_option("--output", output, "model file to write");
  app.add_option("--epochs", settings.epochs, "passes over the training data");
  app.add_option("--l2", settings.l2, "L2 regularisation strength");
  app.add_option("--rate", settings.rate, "AdaGrad learning rate");
  app.add_option("--min-count", settings.min_count, "keep features seen in at least this many targets");
  app.add_option("--seed", settings.seed, "shuffling seed");
  app.add_option("--folds", folds, "also report K-fold cross-validation on the training data");
  CLI11_PARSE(app, argc, argv);

  try {
    auto data_dir = analyze::find_data_dir();
    if (!data_dir) throw std::runtime_error(data_dir.error().message);
    auto pipeline = analyze::segmentation_pipeline();
    if (!pipeline) throw std::runtime_error(pipeline.error().message);
    auto lexicon = analyze::SentimentLexicon::load(*data_dir / analyze::kSentimentLexiconFile);
    if (!lexicon) throw std::runtime_error(lexicon.error().message);
    auto idioms = analyze::StanceIdioms::load(*data_dir / analyze::kStanceIdiomsFile);
    if (!idioms) throw std::runtime_error(idioms.error().message);

    const auto train = read_examples(train_file, *pipeline, *lexicon, *idioms);
    sweep_lexicon_threshold(train);
    if (folds > 1) cross_validate(train, settings, folds);
    const StanceModel model = fit(train, settings);
    std::cerr << fmt::format("{} features\n", model.size());
    report(train_file, train, model);
    for (const auto& dev : dev_files) report(dev, read_examples(dev, *pipeline, *lexicon, *idioms), model);
    if (!output.empty()) {
      if (auto s = model.save(output); !s) throw std::runtime_error(s.error().message);
      std::cerr << "wrote " << output << '\n';
    }
  } catch (const std::exception& e) {
    std::cerr << "train-stance: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
