#include "stance/stance_idioms.h"

#include <catch2/catch.hpp>

#include "test_paths.h"

using namespace analyze;

TEST_CASE("stance idioms: parses roles, measures, changes, phrases and auxiliaries", "[stance_idioms]") {
  auto idioms = StanceIdioms::parse(
      "# analyze-stance-idioms 1\n# a comment\nBeat\trole\t0.5\t-0.5\nprofit\tmeasure\t1\nfell\tchange\t-1\n"
      "killer app\tphrase\t0.6\nwas\tauxiliary\t0\n",
      "small.tsv");
  REQUIRE(idioms);
  const IdiomEntry* beat = idioms->find_hash(lowercase_hash("beat"));
  REQUIRE(beat);
  CHECK(beat->role);
  CHECK(beat->agent == 0.5f);
  CHECK(beat->patient == -0.5f);
  CHECK(idioms->find_hash(lowercase_hash("profit"))->measure == 1.0f);
  CHECK(idioms->find_hash(lowercase_hash("fell"))->change == -1.0f);
  CHECK(idioms->find_hash(lowercase_hash("was"))->auxiliary);
  const IdiomEntry* killer = idioms->find_hash(lowercase_hash("killer"));
  REQUIRE(killer);
  REQUIRE(killer->phrases.size() == 1);
  CHECK(idioms->phrase(killer->phrases[0]).words.size() == 2);
  CHECK(idioms->phrase(killer->phrases[0]).valence == 0.6f);
  CHECK_FALSE(idioms->find_hash(lowercase_hash("app")));
}

TEST_CASE("stance idioms: malformed files are bad-model errors naming file and line", "[stance_idioms]") {
  const std::string header = "# analyze-stance-idioms 1\n";
  CHECK_FALSE(StanceIdioms::parse("beat\trole\t0.5\t-0.5\n", "x.tsv"));
  for (const char* line : {"beat\trole\t0.5\n", "beat\trole\t2\t0\n", "profit\tmeasure\t0.5\n", "killer\tphrase\t0.5\n",
                           "x\tfeeling\t0.5\n", "\tchange\t1\n"}) {
    auto bad = StanceIdioms::parse(header + line, "x.tsv");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "bad-model");
    CHECK(bad.error().message.find("x.tsv:2") == 0);
  }
  auto missing = StanceIdioms::load("/nonexistent/stance-idioms.tsv");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("/nonexistent/stance-idioms.tsv") != std::string::npos);
}

TEST_CASE("stance idioms: the shipped list loads and knows each class", "[stance_idioms][data]") {
  auto idioms = StanceIdioms::load(analyze::testing::data_dir() / "lexicons/stance-idioms.tsv");
  REQUIRE(idioms);
  CHECK(idioms->find_hash(lowercase_hash("thrashed"))->agent > 0.0f);
  CHECK(idioms->find_hash(lowercase_hash("criticized"))->patient < 0.0f);
  CHECK(idioms->find_hash(lowercase_hash("shares"))->measure > 0.0f);
  CHECK(idioms->find_hash(lowercase_hash("dropped"))->change < 0.0f);
  CHECK_FALSE(idioms->find_hash(lowercase_hash("killer"))->phrases.empty());
}
