#include <catch2/catch.hpp>

#include "text/stats_stage.h"
#include "test_support.h"

using analyze::testing::analyzed;

TEST_CASE("stats count the article's paragraphs, sentences, words and characters", "[stats][data]") {
  const auto doc = analyzed("Héllo wörld. It's 5 p.m.\n\nSecond paragraph here.", "normalize,segment,stats");
  const auto* s = doc.layer<analyze::ArticleStats>();
  REQUIRE(s);
  CHECK(s->paragraphs == 2);
  CHECK(s->sentences == 3);
  // Words: Héllo wörld It 's 5 p.m. Second paragraph here -> 9 (clitics and numbers count).
  CHECK(s->words == 9);
  CHECK(s->characters == 24 + 22);  // code points, line breaks excluded
}

TEST_CASE("stats leave boilerplate out", "[stats][data]") {
  const auto doc = analyzed("A story about the port strike that began on Monday.\nAdvertisement\n", "normalize,segment,boilerplate,stats");
  const auto* s = doc.layer<analyze::ArticleStats>();
  REQUIRE(s);
  CHECK(s->paragraphs == 1);
  CHECK(s->sentences == 1);
  CHECK(s->words == 10);
}

TEST_CASE("an empty text has zero counts and a warning", "[stats][data]") {
  const auto doc = analyzed(" \n\t\n", "normalize,segment,stats");
  const auto* s = doc.layer<analyze::ArticleStats>();
  REQUIRE(s);
  CHECK(s->words == 0);
  CHECK(s->paragraphs == 0);
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "empty");
}
