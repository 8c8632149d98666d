// train-quotes: trains the attribution tagger of the quotes stage (data/models/quotes.bin) on
// PolNeAR, and writes predictions for a held-out file to score with the shared scorer, by method
// (the tagger alone, the patterns alone, both), to measure what each part adds.
//
// Every text goes through the project's own normalize, segment, boilerplate, language and entities
// stages, so the tagger is trained on exactly the tokens and entities it sees at run time.
//
//   train-quotes --train ../shared/data/quotes/polnear_train.jsonl --out data/models/quotes.bin
//   train-quotes --model data/models/quotes.bin --predict ../shared/data/quotes/polnear_dev.jsonl
//                --methods tagger --predictions /tmp/quotes-tagger.jsonl
// (the command that built the shipped model is in data/README.md)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyze/data_dir.h"
#include "analyze/entity.h"
#include "analyze/pipeline.h"
#include "quotes/quote_extractor.h"
#include "train/quote_trainer.h"

using namespace analyze;

namespace {

[[noreturn]] void fail(const std::string& message) {
  fmt::print(stderr, "train-quotes: {}\n", message);
  std::exit(1);
}

Pipeline analysis_pipeline() {
  auto data_dir = find_data_dir();
  if (!data_dir) fail(data_dir.error().message);
  StageOptions options;
  options.data_dir = *data_dir;
  auto pipeline = Pipeline::create({"normalize", "segment", "boilerplate", "language", "entities"}, options);
  if (!pipeline) fail(pipeline.error().message);
  return std::move(pipeline.value());
}

// [[start, end], ...] in code points -> byte spans of `doc`.
std::vector<TextSpan> spans_of(const Document& doc, const nlohmann::json& fragments) {
  std::vector<TextSpan> out;
  if (!fragments.is_array()) return out;
  for (const auto& f : fragments)
    out.push_back({doc.byte_offset(f.at(0).get<std::uint32_t>()), doc.byte_offset(f.at(1).get<std::uint32_t>())});
  return out;
}

std::vector<QuoteTrainingDocument> read_documents(const std::string& file, const Pipeline& pipeline) {
  std::ifstream in(file);
  if (!in) fail(fmt::format("cannot read {}", file));
  std::vector<QuoteTrainingDocument> docs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line);
    QuoteTrainingDocument d{Document(record.at("id").get<std::string>(), record.at("text").get<std::string>()), {}};
    if (Status s = pipeline.run(d.doc); !s) fail(fmt::format("{}: {}", d.doc.id, s.error().message));
    for (const auto& a : record.value("attributions", nlohmann::json::array()))
      d.gold.push_back({spans_of(d.doc, a.at("content")), spans_of(d.doc, a.at("cue")), spans_of(d.doc, a.at("source"))});
    docs.push_back(std::move(d));
  }
  return docs;
}

nlohmann::json span_json(const Document& doc, const std::optional<TextSpan>& span) {
  if (!span) return nullptr;
  return {{"start", doc.code_point(span->begin)}, {"end", doc.code_point(span->end)}};
}

// The contract's quotes and the entities' mentions: what the shared scorer reads.
nlohmann::json prediction(const Document& doc, const QuoteLayer& layer) {
  nlohmann::json quotes = nlohmann::json::array(), entities = nlohmann::json::array();
  for (const Quote& q : layer.quotes)
    quotes.push_back({{"start", doc.code_point(q.content.begin)}, {"end", doc.code_point(q.content.end)},
                      {"direct", q.direct}, {"cue", span_json(doc, q.cue)}, {"speaker", span_json(doc, q.speaker)},
                      {"entity", q.entity ? nlohmann::json(*q.entity) : nlohmann::json(nullptr)}});
  if (const auto* layer_entities = doc.layer<EntityLayer>())
    for (const Entity& e : layer_entities->entities) {
      nlohmann::json mentions = nlohmann::json::array();
      for (const Mention& m : e.mentions) mentions.push_back(span_json(doc, TextSpan{m.begin, m.end}));
      entities.push_back({{"mentions", mentions}});
    }
  return {{"id", doc.id}, {"quotes", quotes}, {"entities", entities}};
}

void write_predictions(const std::vector<QuoteTrainingDocument>& docs, const QuoteModel& model, QuoteMethods methods,
                       const std::string& file) {
  std::ofstream out(file);
  if (!out) fail(fmt::format("cannot write {}", file));
  for (const QuoteTrainingDocument& d : docs)
    out << prediction(d.doc, extract_quotes(d.doc, model, d.doc.layer<EntityLayer>(), methods)).dump() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains the quotes stage's attribution tagger (data/models/quotes.bin) and writes predictions."};
  std::string train_file, out_file, model_file, predict_file, predictions_file, methods_name = "both";
  QuoteTrainingOptions options;
  app.add_option("--train", train_file, "PolNeAR-format JSONL to train on");
  app.add_option("--out", out_file, "where to write the model");
  app.add_option("--model", model_file, "an existing model, instead of training one");
  app.add_option("--epochs", options.epochs, "perceptron epochs")->capture_default_str();
  app.add_option("--max-features", options.max_features, "features kept (largest weights)")->capture_default_str();
  app.add_option("--predict", predict_file, "JSONL (id, text) to predict");
  app.add_option("--predictions", predictions_file, "where to write the predictions (scorer format)");
  app.add_option("--methods", methods_name, "both, tagger or patterns")->check(CLI::IsMember({"both", "tagger", "patterns"}));
  CLI11_PARSE(app, argc, argv);
  if (train_file.empty() == model_file.empty()) fail("give --train (with --out) or --model");

  const Pipeline pipeline = analysis_pipeline();
  QuoteModel model;
  if (!train_file.empty()) {
    if (out_file.empty()) fail("--train needs --out");
    options.log = [](const std::string& line) { fmt::print(stderr, "{}\n", line); };
    const auto docs = read_documents(train_file, pipeline);
    train_quote_model(docs, options, model);
    model.description = fmt::format("train-quotes --train {} --epochs {} --max-features {}", train_file, options.epochs,
                                    options.max_features);
    if (Status s = model.save(out_file); !s) fail(s.error().message);
    fmt::print(stderr, "{}: {} features\n", out_file, model.features());
  } else {
    auto loaded = QuoteModel::load(model_file);
    if (!loaded) fail(loaded.error().message);
    model = std::move(loaded.value());
  }
  if (!predict_file.empty()) {
    if (predictions_file.empty()) fail("--predict needs --predictions");
    const QuoteMethods methods = methods_name == "tagger"     ? QuoteMethods::kTaggerOnly
                                 : methods_name == "patterns" ? QuoteMethods::kPatternsOnly
                                                              : QuoteMethods::kBoth;
    write_predictions(read_documents(predict_file, pipeline), model, methods, predictions_file);
  }
  return 0;
}
