#include "topics/topic_classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include <catch2/catch.hpp>

#include "core/model_file.h"
#include "train/topic_trainer.h"
#include "topics/topics_stage.h"
#include "temp_dir.h"
#include "test_support.h"

using namespace analyze;
using analyze::testing::segmented;
namespace fs = std::filesystem;

namespace {


// A toy corpus: two level-1 topics and a level-2 topic under the second, trained as the tool does.
struct ToyModel {
  std::vector<TopicInfo> topics = {{"medtop:15000000", "sport", 1, 0},
                                   {"medtop:04000000", "economy, business and finance", 1, 1},
                                   {"medtop:20000385", "market and exchange", 2, 1}};
  std::vector<std::uint64_t> keys;
  std::vector<float> idf;
  TopicModelParameters parameters;  // what the classifier was created from
  TopicClassifier classifier;

  static ToyModel train() {
    const std::vector<std::pair<std::string, std::vector<int>>> texts = {
        {"The striker scored twice as the team won the cup final.", {0}},
        {"The coach praised his players after the match.", {0}},
        {"The goalkeeper saved a penalty in the league game.", {0}},
        {"Fans cheered as the team lifted the trophy after the final whistle.", {0}},
        {"The club signed a new striker before the season.", {0}},
        {"The company reported higher profits and revenue this quarter.", {1}},
        {"The bank raised interest rates as inflation rose.", {1}},
        {"Retail sales fell and the economy slowed.", {1}},
        {"Shares fell on the stock market as investors sold bonds.", {1, 2}},
        {"The stock exchange index rose as shares of banks gained.", {1, 2}},
    };
    ToyModel m;
    std::vector<std::vector<std::uint64_t>> doc_keys;
    for (const auto& [text, labels] : texts) {
      std::vector<std::uint64_t> k;
      topic_feature_keys(segmented(text), k);
      doc_keys.push_back(k);
      m.keys.insert(m.keys.end(), k.begin(), k.end());
    }
    std::sort(m.keys.begin(), m.keys.end());
    m.keys.erase(std::unique(m.keys.begin(), m.keys.end()), m.keys.end());
    m.idf.assign(m.keys.size(), 1.0f);
    std::vector<TopicExample> examples;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      std::vector<std::uint32_t> rows;
      for (const std::uint64_t k : doc_keys[i])
        rows.push_back(static_cast<std::uint32_t>(std::lower_bound(m.keys.begin(), m.keys.end(), k) - m.keys.begin()));
      TopicExample e;
      make_document_vector(rows, m.idf, e.vector);
      e.level1 = texts[i].second[0];
      e.level2 = texts[i].second.size() > 1 ? texts[i].second[1] : -1;
      examples.push_back(std::move(e));
    }
    TopicTrainingOptions options;
    options.epochs = 30;
    options.prune = 0.0f;
    std::vector<std::uint32_t> all(examples.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const TopicWeights w = train_topic_weights(m.topics, examples, all, m.keys.size(), options);
    m.parameters = topic_model_parameters(m.topics, w, m.keys, m.idf, std::vector<float>(3, 1.0f),
                                          std::vector<float>(3, 0.0f));
    auto c = TopicClassifier::create(m.parameters);
    REQUIRE(c);
    m.classifier = std::move(c.value());
    return m;
  }
};

std::size_t best(const std::vector<float>& scores) {
  return static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

}  // namespace

TEST_CASE("topic classifier: a trained model survives save and load and classifies unseen text", "[topic_classifier][data]") {
  const ToyModel toy = ToyModel::train();
  const testing::TempDir dir;
  const fs::path file = dir.path / "topics.bin";
  REQUIRE(toy.classifier.save(file));
  auto loaded = TopicClassifier::load(file);
  REQUIRE(loaded);
  REQUIRE(loaded->topics().size() == 3);
  CHECK(loaded->topics()[2].code == "medtop:20000385");
  CHECK(loaded->topics()[2].level1 == 1);

  for (const char* text : {"The team won the final after the striker scored.", "Shares and bonds fell as the bank warned.",
                           "Nothing here is about either."}) {
    const Document doc = segmented(text);
    std::vector<float> trained, reloaded;
    toy.classifier.score(doc, trained);
    loaded->score(doc, reloaded);
    REQUIRE(trained.size() == reloaded.size());
    for (std::size_t t = 0; t < trained.size(); ++t) CHECK(reloaded[t] == Approx(trained[t]).margin(1e-6));
  }
  std::vector<float> scores;
  loaded->score(segmented("The striker scored in the cup final and the team won."), scores);
  CHECK(best(scores) == 0);
  loaded->score(segmented("Profits and revenue rose as the economy grew and inflation fell."), scores);
  CHECK(best(scores) == 1);
  loaded->score(segmented("Shares rose on the stock exchange."), scores);
  CHECK(scores[1] > scores[0]);
  CHECK(scores[2] > 0.5f);
}

TEST_CASE("topic classifier: a missing, truncated or damaged model file is a bad-model error", "[topic_classifier][data]") {
  const ToyModel toy = ToyModel::train();
  const testing::TempDir dir;
  const fs::path file = dir.path / "topics.bin";
  REQUIRE(toy.classifier.save(file));
  const std::string bytes = testing::read_file(file);

  auto expect_bad = [&](const std::string& content) {
    dir.write("topics.bin", content);
    auto loaded = TopicClassifier::load(file);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().code == "bad-model");
    CHECK(loaded.error().message.find(file.string()) != std::string::npos);
  };
  expect_bad("");
  expect_bad(bytes.substr(0, bytes.size() / 2));
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x5a;
  expect_bad(flipped);
  std::string other_magic = bytes;
  other_magic[0] = 'X';
  expect_bad(other_magic);

  auto missing = TopicClassifier::load(dir.path / "does-not-exist.bin");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-model");
}

TEST_CASE("topic classifier: a table that reads outside itself is refused even with a valid checksum",
          "[topic_classifier][data]") {
  const ToyModel toy = ToyModel::train();
  const testing::TempDir dir;
  const fs::path file = dir.path / "topics.bin";
  REQUIRE(toy.classifier.save(file));
  const std::string bytes = testing::read_file(file);
  // The weights are the file's last 4-byte records before the checksum: {u16 topic, i8, u8 last}.
  const std::size_t last_weight = bytes.size() - kModelChecksumBytes - 4;
  auto forged = [&](std::size_t at, std::string_view replacement) {
    std::string b = bytes;
    b.replace(at, replacement.size(), replacement);
    const std::uint64_t sum = model_checksum(std::string_view(b).substr(0, b.size() - kModelChecksumBytes));
    std::memcpy(b.data() + b.size() - kModelChecksumBytes, &sum, sizeof sum);
    dir.write("topics.bin", b);
    return TopicClassifier::load(file);
  };
  REQUIRE(forged(last_weight, std::string_view("\x00\x00", 2)));  // the forging itself keeps a good file good
  auto no_topic = forged(last_weight, "\xff\xff");
  REQUIRE_FALSE(no_topic);
  CHECK(no_topic.error().message.find("topic") != std::string::npos);
  auto row_without_end = forged(last_weight + 3, std::string_view("\x00", 1));
  REQUIRE_FALSE(row_without_end);
  CHECK(row_without_end.error().code == "bad-model");
}

TEST_CASE("topic classifier: inconsistent parameters are refused before use", "[topic_classifier][data]") {
  const ToyModel toy = ToyModel::train();
  TopicModelParameters p = toy.parameters;
  p.entry_topic.back() = 7;  // no such topic
  CHECK_FALSE(TopicClassifier::create(p));
  p = toy.parameters;
  p.row_end.back() += 1;  // rows claim more weights than there are
  CHECK_FALSE(TopicClassifier::create(p));
  p = toy.parameters;
  p.topics[2].level1 = 2;  // a level-2 topic as its own parent
  CHECK_FALSE(TopicClassifier::create(p));
  p = toy.parameters;
  p.calibration_scale[0] = std::nanf("");
  CHECK_FALSE(TopicClassifier::create(p));
  p = toy.parameters;
  p.topics[1].label = "bad \xDB\xDB";  // found by fuzz_model_loaders: labels reach the JSON
  const auto refused = TopicClassifier::create(p);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("UTF-8") != std::string::npos);
}

TEST_CASE("topic trainer: Platt scaling recovers the calibration that generated the labels", "[topic_classifier]") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> margin(-4.0f, 4.0f), coin(0.0f, 1.0f);
  std::vector<float> m, y, w;
  for (int i = 0; i < 20000; ++i) {
    m.push_back(margin(rng));
    y.push_back(coin(rng) < sigmoid(2.0f * m.back() - 1.0f) ? 1.0f : 0.0f);
    w.push_back(1.0f);
  }
  const auto [scale, offset] = fit_platt(m, y, w);
  CHECK(scale == Approx(2.0f).margin(0.15f));
  CHECK(offset == Approx(-1.0f).margin(0.15f));
}

// The shipped model (data/models/topics.bin).
TEST_CASE("topic classifier: shipped model scores are probabilities that grow with the evidence", "[topic_classifier][data]") {
  auto loaded = TopicClassifier::load(testing::data_dir() / "models" / "topics.bin");
  REQUIRE(loaded);
  const TopicClassifier& c = *loaded;
  auto index_of = [&](const std::string& code) {
    for (std::size_t t = 0; t < c.topics().size(); ++t)
      if (c.topics()[t].code == code) return t;
    FAIL("no topic " << code);
    return std::size_t{0};
  };
  const std::size_t crime = index_of("medtop:02000000"), sport = index_of("medtop:15000000");

  std::vector<float> scores;
  for (const char* text : {"", "a", "The.", "Police arrested a man after the robbery.", "The team won the cup final."}) {
    c.score(segmented(text), scores);
    for (std::size_t t = 0; t < scores.size(); ++t) {
      CHECK(scores[t] >= 0.0f);
      CHECK(scores[t] <= 1.0f);
      if (c.topics()[t].level == 2) CHECK(scores[t] <= scores[c.topics()[t].level1]);
    }
  }
  // Each step replaces a neutral sentence with one more piece of crime news.
  const std::vector<std::string> crime_news = {"Police arrested two men after the robbery.",
                                               "The suspects were charged with murder.",
                                               "A judge denied them bail at the court hearing.",
                                               "Detectives said the gang had committed other thefts."};
  const std::vector<std::string> neutral = {"It was a Tuesday.", "The weather was mild.", "People went about their day.",
                                            "The town is small."};
  float previous = -1.0f;
  for (std::size_t k = 0; k <= crime_news.size(); ++k) {
    std::string text;
    for (std::size_t i = 0; i < crime_news.size(); ++i) text += (i < k ? crime_news[i] : neutral[i]) + "\n";
    c.score(segmented(text), scores);
    CHECK(scores[crime] >= previous);
    previous = scores[crime];
  }
  CHECK(previous > 0.5f);
  CHECK(scores[sport] < 0.1f);
}

TEST_CASE("topic classifier: a headline alone and the full article agree on the topic", "[topic_classifier][data]") {
  auto loaded = TopicClassifier::load(testing::data_dir() / "models" / "topics.bin");
  REQUIRE(loaded);
  const std::string article = testing::read_file(testing::data_dir() / "samples" / "cup-final.txt");
  const std::string headline = article.substr(0, article.find('\n'));
  std::vector<float> a, h;
  loaded->score(segmented(article), a);
  loaded->score(segmented(headline), h);
  CHECK(loaded->topics()[best(a)].code == "medtop:15000000");
  CHECK(loaded->topics()[best(h)].code == "medtop:15000000");
}

TEST_CASE("topics stage: a text without words gets no topics, not the model's priors", "[topic_classifier][data]") {
  for (const char* text : {"", "2024 — 17:30, 1,200 (+3.5%)"}) {
    INFO(text);
    const Document doc = testing::analyzed(text, "normalize,segment,topics");
    const TopicLayer* layer = doc.layer<TopicLayer>();
    REQUIRE(layer);
    CHECK(layer->topics.empty());
  }
  const Document words = testing::analyzed("The team won the cup final.", "normalize,segment,topics");
  REQUIRE(words.layer<TopicLayer>());
  CHECK_FALSE(words.layer<TopicLayer>()->topics.empty());
}
