// bench-ner: load time and tagging speed of the named-entity tagger on one thread.
//
//   bench-ner [--model data/models/ner.bin] [--repeat 5] FILE.jsonl
//
// Texts ({"text": ...} per line) are segmented first (not timed), then tagged in `repeat` rounds,
// each timing the first pass alone and both passes (as the entities stage runs them).
// Times are the thread's CPU time, so other processes on a busy machine distort them less; wall
// time is printed beside.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyze/data_dir.h"
#include "entities/ner_tagger.h"
#include "analyze/pipeline.h"

#include "thread_clock.h"

using namespace analyze;

namespace {

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median_of(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int fail(const std::string& message) {
  fmt::print(stderr, "bench-ner: {}\n", message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load time and tagging speed of the named-entity tagger"};
  std::string model_file, input;
  int repeat = 5;
  app.add_option("--model", model_file, "model file (default: data/models/ner.bin in the data directory)");
  app.add_option("--repeat", repeat, "rounds (each tags every text with the first pass, then with both)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("input", input, "JSONL file with a \"text\" key per line")->required();
  CLI11_PARSE(app, argc, argv);

  auto data_dir = find_data_dir();
  if (!data_dir) return fail(data_dir.error().message);
  if (model_file.empty()) model_file = (data_dir.value() / "models" / "ner.bin").string();
  auto pipeline = segmentation_pipeline();
  if (!pipeline) return fail(pipeline.error().message);

  std::vector<Document> docs;
  std::ifstream in(input);
  if (!in) return fail("cannot read " + input);
  std::string line;
  std::size_t tokens = 0, words = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Document doc("", nlohmann::json::parse(line).at("text").get<std::string>());
    if (Status s = pipeline->run(doc); !s) return fail(s.error().message);
    tokens += doc.tokens.size();
    words += static_cast<std::size_t>(std::count_if(doc.tokens.begin(), doc.tokens.end(), [](const Token& t) {
      return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
    }));
    docs.push_back(std::move(doc));
  }

  const double load_cpu = cpu_seconds(), load_wall = wall_seconds();
  auto tagger = NerTagger::load(model_file);
  if (!tagger) return fail(tagger.error().message);
  fmt::print("load: {:.1f} ms CPU, {:.1f} ms wall ({})\n", (cpu_seconds() - load_cpu) * 1e3,
             (wall_seconds() - load_wall) * 1e3, model_file);

  std::size_t mentions = 0;
  for (const Document& doc : docs) mentions += tagger->tag(doc).size();  // warm-up
  // Each round times the first pass alone, then both passes, so a slow spell of the machine falls
  // on both alike; medians over the rounds, and the ratio of the medians.
  std::vector<double> first_only, both;
  const double wall = wall_seconds();
  for (int r = 0; r < repeat; ++r) {
    for (const NerPasses passes : {NerPasses::kFirstOnly, NerPasses::kBoth}) {
      const double start = cpu_seconds();
      for (const Document& doc : docs) tagger->tag(doc, passes);
      (passes == NerPasses::kBoth ? both : first_only).push_back(cpu_seconds() - start);
    }
  }
  const double wall_per_run = (wall_seconds() - wall) / std::max(repeat, 1);
  fmt::print("{} texts, {} tokens ({} words and numbers), {} mentions\n", docs.size(), tokens, words, mentions);
  const auto report = [&](const char* name, std::vector<double>& times) {
    const double median = median_of(times);
    fmt::print("{} (median of {}): {:.3f} s CPU = {:.0f} words/s, {:.0f} tokens/s\n", name, repeat, median,
               static_cast<double>(words) / median, static_cast<double>(tokens) / median);
    return median;
  };
  const double one = report("tagging, first pass only", first_only);
  const double two = report("tagging, both passes (as shipped)", both);
  fmt::print("both passes / first pass: {:.3f}x time; wall {:.3f} s per round of the two\n", two / one, wall_per_run);
  return 0;
}
