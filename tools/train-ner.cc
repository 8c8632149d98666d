// train-ner: trains the named-entity tagger's model (data/models/ner.bin) and measures it.
//
// Every text goes through the project's own `normalize` and `segment` stages, so the tagger is
// trained on exactly the tokens it sees at run time; gold character spans are mapped onto tokens.
//
//   train-ner --train ../shared/data/ner/conll2003/train.jsonl
//             --unlabelled ../shared/data/topics/topics_train.jsonl ...
//             --gazetteers data/gazetteers --out data/models/ner.bin
//             --dev ../shared/data/ner/conll2003/dev.jsonl --predictions /tmp/ner-dev.jsonl
// (the exact command that built the shipped model is in docs / data/README.md)
//   train-ner --model data/models/ner.bin --dev ../shared/data/ner/conll2003/dev.jsonl
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "entities/ner_features.h"
#include "entities/ner_model.h"
#include "entities/ner_tagger.h"
#include "train/ner_trainer.h"
#include "analyze/pipeline.h"
#include "core/utf8.h"

namespace fs = std::filesystem;
using namespace analyze;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

[[noreturn]] void fail(const std::string& message) {
  fmt::print(stderr, "train-ner: {}\n", message);
  std::exit(1);
}

// Calls `f(json)` for every line of a JSONL file.
template <class F>
void for_each_record(const std::string& file, F&& f) {
  std::ifstream in(file);
  if (!in) fail(fmt::format("cannot read {}", file));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) f(nlohmann::json::parse(line));
}

bool parse_type(const std::string& name, EntityType& type) {
  static const std::map<std::string, EntityType> types = {
      {"PER", EntityType::kPerson}, {"PERSON", EntityType::kPerson}, {"ORG", EntityType::kOrganization},
      {"ORGANIZATION", EntityType::kOrganization}, {"LOC", EntityType::kLocation}, {"LOCATION", EntityType::kLocation},
      {"MISC", EntityType::kMisc}};
  const auto it = types.find(name);
  if (it == types.end()) return false;
  type = it->second;
  return true;
}

// "FILE" or "FILE:WEIGHT" (a --train argument): the file and its documents' weight (1 by default).
std::pair<std::string, float> weighted_file(const std::string& argument) {
  const std::size_t colon = argument.rfind(':');
  if (colon == std::string::npos) return {argument, 1.0f};
  const std::string number = argument.substr(colon + 1);
  char* end = nullptr;
  const float weight = std::strtof(number.c_str(), &end);
  if (number.empty() || *end != '\0') return {argument, 1.0f};
  if (!(weight > 0.0f)) fail(fmt::format("bad weight in {}: must be above 0", argument));
  return {argument.substr(0, colon), weight};
}

constexpr const char* kTypeNames[] = {"PER", "ORG", "LOC", "MISC"};

// How well gold character spans fit the tokens.
struct AlignmentStats {
  std::size_t entities = 0, exact = 0, widened = 0, across_sentences = 0, unmatched = 0;
  std::vector<std::string> examples;
};

// Gold spans (code points) -> token spans. A boundary inside a token widens the span to whole
// tokens; a span the segmenter split across sentences is dropped (the tagger tags sentences).
std::vector<TaggedSpan> align(const Document& doc, const nlohmann::json& entities, AlignmentStats& stats) {
  std::vector<TaggedSpan> spans;
  for (const auto& e : entities) {
    EntityType type;
    if (!parse_type(e.at("type").get<std::string>(), type)) continue;
    ++stats.entities;
    const std::uint32_t begin = doc.byte_offset(e.at("start").get<std::uint32_t>());
    const std::uint32_t end = doc.byte_offset(e.at("end").get<std::uint32_t>());
    const auto first = std::partition_point(doc.tokens.begin(), doc.tokens.end(), [&](const Token& t) { return t.end <= begin; });
    const auto last = std::partition_point(first, doc.tokens.end(), [&](const Token& t) { return t.begin < end; });
    if (first == last) {
      ++stats.unmatched;
      continue;
    }
    const Token& a = *first;
    const Token& b = *(last - 1);
    const auto note = [&](const char* what) {
      if (stats.examples.size() < 40)
        stats.examples.push_back(fmt::format("{} {}: gold \"{}\" tokens \"{}\"", what, doc.id, doc.slice(begin, end),
                                             doc.slice(a.begin, b.end)));
    };
    if (a.sentence != b.sentence) {
      ++stats.across_sentences;
      note("across sentences");
      continue;
    }
    if (a.begin == begin && b.end == end) {
      ++stats.exact;
    } else {
      ++stats.widened;
      note("widened");
    }
    spans.push_back({static_cast<std::uint32_t>(first - doc.tokens.begin()), static_cast<std::uint32_t>(last - doc.tokens.begin()), type});
  }
  return spans;
}

struct Span {
  std::uint32_t start, end;
  int type;
  bool operator<(const Span& o) const { return std::tie(start, end, type) < std::tie(o.start, o.end, o.type); }
};

// Exact-span micro P/R/F1 per type, as the shared scorer counts them (for quick iteration; the
// reported figures come from ../shared/eval/score_ner.py on the --predictions file).
struct Score {
  std::size_t gold[4] = {}, predicted[4] = {}, correct[4] = {};
  void add(std::vector<Span> gold_spans, std::vector<Span> predicted_spans) {
    std::sort(gold_spans.begin(), gold_spans.end());
    std::sort(predicted_spans.begin(), predicted_spans.end());
    for (const Span& s : gold_spans) ++gold[s.type];
    for (const Span& s : predicted_spans) {
      ++predicted[s.type];
      correct[s.type] += std::binary_search(gold_spans.begin(), gold_spans.end(), s);
    }
  }
  static std::string line(const char* name, std::size_t g, std::size_t p, std::size_t c) {
    const double precision = p ? static_cast<double>(c) / p : 0, recall = g ? static_cast<double>(c) / g : 0;
    const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    return fmt::format("{:<6} P {:.4f}  R {:.4f}  F1 {:.4f}  (gold {}, predicted {})", name, precision, recall, f1, g, p);
  }
  void print() const {
    std::size_t g = 0, p = 0, c = 0;
    for (int t = 0; t < 4; ++t) {
      fmt::print("{}\n", line(kTypeNames[t], gold[t], predicted[t], correct[t]));
      g += gold[t], p += predicted[t], c += correct[t];
    }
    fmt::print("{}\n", line("ALL", g, p, c));
  }
};

class Segmenter {
 public:
  Segmenter() {
    auto pipeline = segmentation_pipeline();
    if (!pipeline) fail(pipeline.error().message);
    pipeline_.emplace(std::move(pipeline.value()));
  }
  Document run(std::string id, std::string text) const {
    Document doc(std::move(id), std::move(text));
    if (Status s = pipeline_->run(doc); !s) fail(fmt::format("{}: {}", doc.id, s.error().message));
    return doc;
  }

 private:
  std::optional<Pipeline> pipeline_;
};

// Reads N2-style gazetteer TSV files (name, type, ...): one feature list per file, named after the
// file without its ordering prefix ("10-countries.tsv" -> "countries").
void read_gazetteers(const fs::path& dir, const Segmenter& segmenter, NerGazetteer& gazetteer) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::uint64_t> keys;
  std::string lower;
  for (const fs::path& file : files) {
    std::string name = file.stem().string();
    if (const auto dash = name.find('-'); dash != std::string::npos && std::all_of(name.begin(), name.begin() + dash, ::isdigit))
      name = name.substr(dash + 1);
    const std::size_t list = gazetteer.list(name);
    if (list == NerGazetteer::kMaxLists) fail("too many gazetteer files");
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const Document doc = segmenter.run("", line.substr(0, line.find('\t')));
      keys.clear();
      for (const Token& t : doc.tokens) {
        utf8::to_lower(doc.form(t), lower);
        keys.push_back(NerFeatureExtractor::word_key(lower));
      }
      gazetteer.add(keys.data(), keys.size(), list);
    }
  }
}

// Reads word clusters (train-ner-clusters): "word <TAB> class <TAB> class ..." per line.
std::size_t read_clusters(const std::string& file, NerLexiconBuilder& builder) {
  std::ifstream in(file);
  if (!in) fail(fmt::format("cannot read {}", file));
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    int classes[NerWordInfo::kClusterings];
    for (int& c : classes) {
      c = -1;
      if (tab == std::string::npos) continue;
      c = std::atoi(line.c_str() + tab + 1);
      tab = line.find('\t', tab + 1);
    }
    builder.set_clusters(line.substr(0, line.find('\t')), classes);
    ++n;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train the named-entity tagger (data/models/ner.bin) and measure it"};
  std::vector<std::string> train_files, unlabelled_files;
  std::string out_file, model_file, dev_file, predictions_file, gazetteer_dir, clusters_file;
  NerTrainingOptions options;
  std::uint32_t lexicon_min_count = 2;
  bool first_pass_only = false;
  app.add_option("--train", train_files,
                 "labelled JSONL ({id, text, entities}), e.g. conll2003/train.jsonl; FILE:WEIGHT scales the perceptron's "
                 "updates on that file's sentences (default 1)");
  app.add_option("--unlabelled", unlabelled_files, "JSONL files with a \"text\" key for the word lexicon");
  app.add_option("--gazetteers", gazetteer_dir, "directory of gazetteer TSV files (name, type, ...)");
  app.add_option("--clusters", clusters_file, "word clusters: bits<TAB>word lines (train-ner-clusters)");
  app.add_option("--out", out_file, "model file to write");
  app.add_option("--model", model_file, "evaluate this model instead of training one");
  app.add_option("--dev", dev_file, "labelled JSONL to tag and score (CoNLL-2003 dev)");
  app.add_option("--predictions", predictions_file, "write the --dev predictions here (score_ner.py format)");
  app.add_option("--epochs", options.epochs, "perceptron epochs")->capture_default_str();
  app.add_option("--folds", options.folds, "jackknife folds for the second pass")->capture_default_str();
  app.add_option("--min-feature-count", options.min_feature_count, "drop rarer features")->capture_default_str();
  app.add_option("--seed", options.seed, "sentence shuffling seed")->capture_default_str();
  app.add_option("--prune", options.prune, "drop features whose weights are all below this share of the largest")
      ->capture_default_str();
  app.add_option("--lexicon-min-count", lexicon_min_count, "drop rarer lexicon words")->capture_default_str();
  app.add_flag("--first-pass-only", first_pass_only, "tag --dev with the first pass alone (local features), to measure the second");

  CLI11_PARSE(app, argc, argv);
  if (model_file.empty() && (train_files.empty() || out_file.empty())) fail("give --train and --out, or --model");

  const Segmenter segmenter;
  std::string description;
  if (model_file.empty()) {
    const auto start = Clock::now();
    std::vector<NerTrainingDocument> docs;
    AlignmentStats alignment;
    NerLexiconBuilder lexicon;
    for (const std::string& argument : train_files) {
      const auto [file, weight] = weighted_file(argument);
      for_each_record(file, [&](const nlohmann::json& record) {
        NerTrainingDocument d{segmenter.run(record.at("id").get<std::string>(), record.at("text").get<std::string>()), {}, weight};
        d.gold = align(d.doc, record.at("entities"), alignment);
        lexicon.add(d.doc);
        docs.push_back(std::move(d));
      });
    }
    fmt::print(stderr, "{} training documents; {} gold entities: {} exact, {} widened to whole tokens, {} across sentences (dropped), {} unmatched\n",
               docs.size(), alignment.entities, alignment.exact, alignment.widened, alignment.across_sentences,
               alignment.unmatched);
    for (const std::string& e : alignment.examples) fmt::print(stderr, "  {}\n", e);

    std::size_t unlabelled = 0;
    for (const std::string& file : unlabelled_files)
      for_each_record(file, [&](const nlohmann::json& record) {
        lexicon.add(segmenter.run("", record.at("text").get<std::string>()));
        ++unlabelled;
      });
    if (!clusters_file.empty()) fmt::print(stderr, "{} clustered words\n", read_clusters(clusters_file, lexicon));

    NerModel model;
    model.lexicon = lexicon.build(lexicon_min_count);
    if (!gazetteer_dir.empty()) read_gazetteers(gazetteer_dir, segmenter, model.gazetteer);
    fmt::print(stderr, "lexicon: {} words from {} unlabelled texts; gazetteer: {} phrases in {} lists ({:.1f} s)\n",
               model.lexicon.keys().size(), unlabelled, model.gazetteer.phrases(), model.gazetteer.list_names().size(),
               seconds_since(start));

    const auto train_start = Clock::now();
    options.log = [](const std::string& line) { fmt::print(stderr, "  {}\n", line); };
    train_ner_weights(docs, options, model);
    std::string files;
    for (const auto& f : train_files) files += " --train " + fs::path(f).filename().string();  // keeps ":WEIGHT"
    for (const auto& f : unlabelled_files) files += " --unlabelled " + fs::path(f).filename().string();
    if (!clusters_file.empty()) files += " --clusters " + fs::path(clusters_file).filename().string();
    model.description = fmt::format("train-ner{} --epochs {} --folds {} --min-feature-count {} --prune {} --lexicon-min-count {} --seed {}",
                                    files, options.epochs, options.folds, options.min_feature_count, options.prune,
                                    lexicon_min_count, options.seed);
    fmt::print(stderr, "trained in {:.1f} s\n", seconds_since(train_start));
    if (Status s = model.save(out_file); !s) fail(s.error().message);
    fmt::print(stderr, "wrote {} ({:.1f} MB)\n", out_file, static_cast<double>(fs::file_size(out_file)) / 1e6);
    model_file = out_file;
  }

  const auto load_start = Clock::now();
  auto tagger = NerTagger::load(model_file);
  if (!tagger) fail(tagger.error().message);

  fmt::print(stderr, "loaded {} in {:.1f} ms: {}\n", model_file, seconds_since(load_start) * 1000,
             tagger->model().description);
  if (dev_file.empty()) return 0;

  Score score;
  std::ofstream predictions;
  if (!predictions_file.empty()) predictions.open(predictions_file);
  double tagging = 0;
  std::size_t tokens = 0;
  for_each_record(dev_file, [&](const nlohmann::json& record) {
    const Document doc = segmenter.run(record.at("id").get<std::string>(), record.at("text").get<std::string>());
    const auto start = Clock::now();
    const std::vector<TaggedSpan> spans = tagger->tag(doc, first_pass_only ? NerPasses::kFirstOnly : NerPasses::kBoth);
    tagging += seconds_since(start);
    tokens += doc.tokens.size();
    std::vector<Span> gold, predicted;
    for (const auto& e : record.at("entities")) {
      EntityType type;
      if (parse_type(e.at("type").get<std::string>(), type))
        gold.push_back({e.at("start").get<std::uint32_t>(), e.at("end").get<std::uint32_t>(), static_cast<int>(type)});
    }
    nlohmann::json out_entities = nlohmann::json::array();
    for (const TaggedSpan& s : spans) {
      const Span span{doc.code_point(doc.tokens[s.token_begin].begin), doc.code_point(doc.tokens[s.token_end - 1].end),
                      static_cast<int>(s.type)};
      predicted.push_back(span);
      out_entities.push_back({{"start", span.start}, {"end", span.end}, {"type", kTypeNames[span.type]}});
    }
    score.add(std::move(gold), std::move(predicted));
    if (predictions.is_open())
      predictions << nlohmann::json{{"id", doc.id}, {"entities", out_entities}}.dump() << '\n';
  });
  score.print();
  fmt::print("tagging: {} tokens in {:.3f} s = {:.0f} tokens/s (one thread, segmentation not counted)\n", tokens,
             tagging, tokens / std::max(tagging, 1e-9));
  return 0;
}
