#include "topics/topic_lexicon.h"


#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "temp_dir.h"
#include "test_support.h"

using namespace analyze;
using analyze::testing::segmented;
namespace fs = std::filesystem;

namespace {

TopicLexicon lexicon(std::string_view json) {
  auto lex = TopicLexicon::parse(json, "test.json");
  if (!lex) FAIL(lex.error().message);
  return std::move(lex.value());
}

std::vector<Term> terms_of(const Document& doc) {
  std::vector<Term> out;
  collect_terms(doc, out);
  return out;
}
std::vector<Term> terms_of(std::string_view text) { return terms_of(segmented(std::string(text))); }

const char* kPorts = R"({
  "acme:ports": {"label": "Ports and shipping", "keywords": {"port": 1, "container ship": 2, "dock workers": 2}},
  "acme:labour": {"label": "Labour disputes", "keywords": ["strike", "walkout", "union"]}
})";

}  // namespace

TEST_CASE("topic lexicon: weighted keywords and phrases score the user's topics", "[topic_lexicon][data]") {
  const TopicLexicon lex = lexicon(kPorts);
  CHECK(lex.size() == 2);
  const auto scores =
      lex.score(terms_of("Dock workers at the Port walked out, their union said. A CONTAINER SHIP waited offshore."));
  REQUIRE(scores.size() == 2);
  CHECK(scores[0].code == "acme:ports");
  CHECK(scores[0].label == "Ports and shipping");
  CHECK(scores[0].keywords == std::vector<std::string>{"port", "container ship", "dock workers"});
  CHECK(scores[1].code == "acme:labour");
  CHECK(scores[1].keywords == std::vector<std::string>{"union"});  // "walked out" is not "walkout"
  for (const auto& s : scores) {
    CHECK(s.score > 0.0);
    CHECK(s.score < 1.0);
  }
  CHECK(scores[0].score > scores[1].score);
}

TEST_CASE("topic lexicon: a phrase matches only in order, inside one sentence, outside boilerplate", "[topic_lexicon][data]") {
  const TopicLexicon lex = lexicon(R"({"x": {"label": "X", "keywords": ["container ship"]}})");
  CHECK(lex.score(terms_of("The ship carried a container.")).empty());
  CHECK(lex.score(terms_of("They unloaded the container. Ship crews waited.")).empty());
  CHECK(lex.score(terms_of("A container-ship docked.")).size() == 1);
  Document doc = segmented("The weather was mild.\nA container ship docked.");
  CHECK(lex.score(terms_of(doc)).size() == 1);
  doc.paragraphs[1].boilerplate = true;
  CHECK(lex.score(terms_of(doc)).empty());
}

TEST_CASE("topic lexicon: scores are in [0, 1] and grow with the evidence per word", "[topic_lexicon][data]") {
  const TopicLexicon lex = lexicon(R"({"x": {"label": "X", "keywords": {"strike": 1}}})");
  double previous = 0.0;
  for (int hits = 1; hits <= 6; ++hits) {
    std::string text;
    for (int i = 0; i < 6; ++i) text += i < hits ? "The strike went on. " : "The day went on. ";
    const auto scores = lex.score(terms_of(text));
    REQUIRE(scores.size() == 1);
    CHECK(scores[0].score > previous);
    CHECK(scores[0].score <= 1.0);
    previous = scores[0].score;
  }
  // The same single mention counts for less in a longer article.
  std::string long_text = "The strike went on.";
  for (int i = 0; i < 60; ++i) long_text += " People talked about the weather and the roads.";
  CHECK(lex.score(terms_of(long_text))[0].score < lex.score(terms_of("The strike went on."))[0].score);
}

TEST_CASE("topic lexicon: a malformed file is a bad-lexicon error naming the file", "[topic_lexicon]") {
  for (const char* json : {"", "[1, 2]", "{}", R"({"x": {"label": "X"}})", R"({"x": {"keywords": {"a": -1}}})",
                           R"({"x": {"keywords": {"a": "heavy"}}})", R"({"x": {"keywords": []}})",
                           R"({"x": {"keywords": [3]}})", R"({"x": {"label": 5, "keywords": ["a"]}})",
                           R"({"x": {"keywords": ["..."]}})",
                           // found by fuzz_model_loaders: nlohmann throws out_of_range, not parse_error
                           R"({"x": {"keywords": {"a": 8888888888888888888E888888888888888}}})"}) {
    auto lex = TopicLexicon::parse(json, "mine.json");
    REQUIRE_FALSE(lex);
    CHECK(lex.error().code == "bad-lexicon");
    CHECK(lex.error().message.rfind("mine.json: ", 0) == 0);
  }
  auto missing = TopicLexicon::load("/nonexistent/lexicon.json");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-lexicon");
}

TEST_CASE("topic lexicon: the topics stage reports the user's topics beside IPTC", "[topic_lexicon][data]") {
  const testing::TempDir dir;
  const fs::path file = dir.write("lexicon.json", kPorts);
  StageOptions options = testing::test_options();
  options.topics_lexicon_file = file.string();
  auto pipeline = Pipeline::create({"normalize", "segment", "topics"}, options);
  REQUIRE(pipeline);
  Document doc("a", testing::read_file(testing::data_dir() / "samples" / "port-strike-scraped.txt"));
  REQUIRE(pipeline->run(doc));
  const Json out = pipeline->to_json(doc);
  REQUIRE(out.contains("topics"));
  REQUIRE(out["user_topics"].size() == 2);
  for (const auto& t : out["user_topics"]) {
    CHECK(t["score"].get<double>() > 0.0);
    CHECK(t["score"].get<double>() <= 1.0);
    CHECK_FALSE(t["keywords"].empty());
  }
  CHECK(out["topics"][0]["code"].get<std::string>().rfind("medtop:", 0) == 0);

  options.topics_lexicon_file = "/nonexistent/lexicon.json";
  auto bad = Pipeline::create({"normalize", "segment", "topics"}, options);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "bad-lexicon");
}

namespace {

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Each topic's code, score and keywords found, for comparing two lexicons.
std::string scored(const TopicLexicon& lex, std::string_view text) {
  std::string out;
  for (const auto& s : lex.score(terms_of(text))) {
    out += s.code + "=" + std::to_string(s.score);
    for (const auto& k : s.keywords) out += "," + k;
    out += ";";
  }
  return out;
}

}  // namespace

TEST_CASE("topic lexicon: the compiled form gives what the JSON gives, and is ignored once the JSON changes",
          "[topic_lexicon][data]") {
  testing::TempDir dir;
  const fs::path json = dir.write("ports.json", kPorts);
  const std::string text = "Dock workers at the port walked out in a strike, their union said.";
  REQUIRE(TopicLexicon::compile(json, dir.path / "ports.bin"));
  auto compiled = TopicLexicon::load(json);
  REQUIRE(compiled);
  CHECK(scored(*compiled, text) == scored(lexicon(kPorts), text));
  CHECK(scored(*compiled, text).find("dock workers") != std::string::npos);

  const std::string changed = R"({"acme:ports": {"label": "Ports", "keywords": ["walked out"]}})";
  dir.write("ports.json", changed);
  auto reparsed = TopicLexicon::load(json);
  REQUIRE(reparsed);
  CHECK(scored(*reparsed, text) == scored(lexicon(changed), text));

  REQUIRE(TopicLexicon::compile(json, dir.path / "ports.bin"));
  std::string damaged = file_bytes(dir.path / "ports.bin");
  damaged[damaged.size() / 2] ^= 0x20;
  dir.write("ports.bin", damaged);
  auto despite_damage = TopicLexicon::load(json);
  REQUIRE(despite_damage);
  CHECK(scored(*despite_damage, text) == scored(lexicon(changed), text));
}

TEST_CASE("topic lexicon: the shipped compiled lexicon is the one the shipped JSON gives", "[topic_lexicon][data]") {
  testing::TempDir dir;
  REQUIRE(TopicLexicon::compile(testing::data_dir() / "models" / "topics-lexicon.json", dir.path / "lexicon.bin"));
  // Rebuild with: build/compile-data data (data/README.md).
  CHECK(file_bytes(dir.path / "lexicon.bin") == file_bytes(testing::data_dir() / "models" / "topics-lexicon.bin"));
}
