// Rewrites a model file of an older body layout in the current one, so that a model need not be
// retrained when only the layout changed (a table stored ready to use instead of rebuilt at each
// start). The weights are carried over exactly: the new file gives the same output.
//
//   upgrade-model OLD NEW
//
// The old layouts it reads (framing of src/core/model_file.h):
//   QUOTETAG v1: u16 length + description; u32 cue word count C, u64 cue word hash[C]; u32 feature
//                count F, u64 key[F], i16 row[F * kQuoteTags]; f32 scale; f32 transitions[...]
//   ANZTOPIC v2: u32 topic count T, u32 feature count F, u32 weight count W; per topic: code,
//                label, u8 level, u16 level-1 topic; f32 bias[T], calibration scale[T],
//                calibration offset[T], weight scale[T]; u64 key[F]; f32 idf[F]; u32 row end[F];
//                u16 topic[W]; i8 weight[W]
// The new file is loaded by the stage's own loader, so a file this tool writes is one the stage
// accepts.
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/model_file.h"
#include "quotes/quote_model.h"
#include "topics/topic_classifier.h"

namespace {

namespace fs = std::filesystem;
using analyze::ModelReader;

constexpr std::uint32_t kMaxItems = 1u << 26;

[[noreturn]] void fail(const analyze::Error& e) { throw std::runtime_error(e.message); }

void check(const analyze::Status& s) {
  if (!s) fail(s.error());
}

ModelReader open_old(const fs::path& file, std::string_view magic, std::uint32_t version, std::string_view what) {
  auto reader = ModelReader::open(file, magic, version, what);
  if (!reader) fail(reader.error());
  return std::move(reader.value());
}

void upgrade_quotes(const fs::path& from, const fs::path& to) {
  ModelReader in = open_old(from, "QUOTETAG", 1, "quotes model");
  analyze::QuoteModel model;
  std::uint32_t cue_words = 0, features = 0;
  std::vector<std::uint64_t> cue_keys, keys;
  std::vector<std::int16_t> rows;
  float scale = 1.0f;
  analyze::QuoteTransitions transitions{};
  in.get_string(model.description);
  if (in.get(cue_words) && cue_words < kMaxItems) in.get_all(cue_keys, cue_words);
  if (in.get(features) && features < kMaxItems) {
    in.get_all(keys, features);
    in.get_all(rows, std::size_t{features} * analyze::kQuoteTags);
  }
  in.get(scale);
  for (float& t : transitions) in.get(t);
  if (!in.ok() || in.remaining() != 0) fail(in.error("truncated or malformed"));
  model.set_cue_words(std::move(cue_keys));
  model.assign_quantised(keys, rows, scale, transitions);
  check(model.save(to));
  auto reloaded = analyze::QuoteModel::load(to);
  if (!reloaded) fail(reloaded.error());
  std::cout << fmt::format("{}: quotes model, {} features, version 1 -> 2\n", to.string(), reloaded->features());
}

void upgrade_topics(const fs::path& from, const fs::path& to) {
  ModelReader r = open_old(from, "ANZTOPIC", 2, "topic model");
  std::uint32_t topics = 0, features = 0, weights = 0;
  r.get(topics);
  r.get(features);
  r.get(weights);
  if (!r.ok() || topics > 0xffff || features > kMaxItems || weights > kMaxItems) fail(r.error("truncated header"));
  analyze::TopicModelParameters p;
  p.topics.resize(topics);
  for (analyze::TopicInfo& info : p.topics) {
    r.get_string(info.code);
    r.get_string(info.label);
    r.get(info.level);
    r.get(info.level1);
  }
  r.get_all(p.bias, topics);
  r.get_all(p.calibration_scale, topics);
  r.get_all(p.calibration_offset, topics);
  r.get_all(p.weight_scale, topics);
  r.get_all(p.feature_keys, features);
  r.get_all(p.feature_idf, features);
  r.get_all(p.row_end, features);
  r.get_all(p.entry_topic, weights);
  r.get_all(p.entry_weight, weights);
  if (!r.ok() || r.remaining() != 0) fail(r.error("truncated or malformed"));
  auto classifier = analyze::TopicClassifier::create(std::move(p));
  if (!classifier) fail(classifier.error());
  check(classifier->save(to));
  auto reloaded = analyze::TopicClassifier::load(to);
  if (!reloaded) fail(reloaded.error());
  std::cout << fmt::format("{}: topic model, {} features, {} weights, version 2 -> 3\n", to.string(),
                           reloaded->features(), reloaded->weights());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: upgrade-model OLD NEW\n";
    return 2;
  }
  try {
    auto mapped = analyze::MappedFile::open(argv[1]);
    if (!mapped) throw std::runtime_error(mapped.error().message);
    const std::string magic(mapped.value().bytes().substr(0, 8));
    if (magic == "QUOTETAG")
      upgrade_quotes(argv[1], argv[2]);
    else if (magic == "ANZTOPIC")
      upgrade_topics(argv[1], argv[2]);
    else
      throw std::runtime_error("not a model of a kind this tool upgrades");
  } catch (const std::exception& e) {
    std::cerr << "upgrade-model: " << argv[1] << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
