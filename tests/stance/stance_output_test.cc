// The contract's rule from score to polarity, checked on what the binary writes: every sentence,
// entity and target of the samples, of an article with a team sheet, and (when ../shared is there)
// of NewsMTSC dev-rw with its target spans.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "analyze/stance.h"
#include "temp_dir.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The binary's JSONL output for `args` (input files and options), one object a line.
std::vector<json> analyze_jsonl(const std::string& args) {
  const analyze::testing::TempDir dir;
  const fs::path out = fs::path(dir.path) / "out.jsonl";
  const std::string cmd = quote(analyze::testing::analyze_binary().string()) + " --format jsonl --no-progress " + args +
                          " > " + quote(out.string()) + " 2> /dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  std::vector<json> objects;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) objects.push_back(json::parse(line));
  return objects;
}

// Checks one {"score", "polarity"} pair against polarity_of; returns 1 (the number checked).
int check_follows(const json& scored) {
  const float score = scored.at("score").get<float>();
  INFO("score " << scored.at("score") << " polarity " << scored.at("polarity"));
  CHECK(scored.at("polarity").get<std::string>() == analyze::polarity_name(analyze::polarity_of(score)));
  return 1;
}

// Checks every sentence, entity and target of the articles; returns how many were checked.
int check_articles(const std::vector<json>& articles) {
  int checked = 0;
  for (const json& a : articles) {
    for (const json& s : a.value("sentences", json::array()))
      if (s.contains("sentiment")) checked += check_follows(s.at("sentiment"));
    for (const json& e : a.value("entities", json::array()))
      if (e.contains("sentiment")) checked += check_follows(e.at("sentiment"));
    if (a.contains("stance"))
      for (const json& t : a.at("stance").at("targets")) checked += check_follows(t);
  }
  return checked;
}

}  // namespace

TEST_CASE("stance output: every polarity follows its score by the one rule", "[cli]") {
  std::string samples;
  for (const auto& f : fs::directory_iterator(analyze::testing::data_dir() / "samples"))
    samples += " " + quote(f.path().string());
  const analyze::testing::TempDir dir;
  dir.write("team-sheet.txt",
            "Rovers Thrash United in Derby\n\nRovers thrashed United 5-0 on Saturday, and their fans sang for an "
            "hour.\n\nRovers: Reed; Cole, Hart, Mendes, Okafor; Lund, Varga, Osei.\n\nUnited: Price; Novak, Baptiste, "
            "Lind, Moss; Adeyemi, Kerr, Holm.\n");
  const int checked = check_articles(analyze_jsonl(samples + " " + quote((fs::path(dir.path) / "team-sheet.txt").string()) +
                                                   " --target Rovers --target United"));
  CHECK(checked > 50);
}

TEST_CASE("stance output: every polarity follows its score on NewsMTSC dev-rw", "[cli][data]") {
  const fs::path gold = analyze::testing::shared_dir() / "data/stance/newsmtsc-dev-rw.jsonl";
  if (!analyze::testing::shared_available() || !fs::exists(gold)) {
    SUCCEED("skipped: no NewsMTSC dev-rw in ../shared");
    return;
  }
  const auto articles = analyze_jsonl("--input-format jsonl " + quote(gold.string()));
  CHECK(articles.size() == 320);
  CHECK(check_articles(articles) > 1000);
}

TEST_CASE("stance output: a team sheet says nothing of the players in it", "[cli]") {
  const analyze::testing::TempDir dir;
  dir.write("sheet.txt", "Cup Final Line-ups\n\nRiverside: Reed; Cole, Hart, Mendes, Okafor; Lund, Varga, Osei.\n");
  const auto articles = analyze_jsonl(quote((fs::path(dir.path) / "sheet.txt").string()) + " --target Okafor");
  REQUIRE(articles.size() == 1);
  const json& target = articles[0].at("stance").at("targets").at(0);
  CHECK(target.at("score").get<double>() == 0.0);
  CHECK(target.at("polarity") == "neutral");
  CHECK(target.at("evidence").empty());
}
