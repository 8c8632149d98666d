#include "stance/sentiment_lexicon.h"

#include <catch2/catch.hpp>

#include "test_paths.h"

using namespace analyze;

namespace {

const char* const kSmall =
    "# analyze-sentiment-lexicon 1\n"
    "# a comment\n"
    "good\tvalence\t0.475\n"
    "bad\tvalence\t-0.625\n"
    "no\tvalence\t-0.3\n"
    "no\tnegator\t0\n"
    "very\tbooster\t0.3\n"
    "may\thedge\t0.6\n";

}  // namespace

TEST_CASE("sentiment lexicon: parses valences and cue classes, case-insensitively", "[sentiment_lexicon]") {
  auto lex = SentimentLexicon::parse(kSmall, "small.tsv");
  REQUIRE(lex);
  REQUIRE(lex->find("Good"));
  CHECK(lex->find("GOOD")->valence == Approx(0.475f));
  CHECK(lex->find("bad")->valence == Approx(-0.625f));
  CHECK(lex->find("very")->cue == SentimentCue::kBooster);
  CHECK(lex->find("may")->cue_value == Approx(0.6f));
  // A word can carry both a valence and a cue.
  CHECK(lex->find("no")->valence == Approx(-0.3f));
  CHECK(lex->find("no")->cue == SentimentCue::kNegator);
  CHECK(lex->find("table") == nullptr);
  CHECK(lex->size() == 5);
}

TEST_CASE("sentiment lexicon: malformed files are bad-model errors naming file and line", "[sentiment_lexicon]") {
  auto no_header = SentimentLexicon::parse("good\tvalence\t0.5\n", "x.tsv");
  REQUIRE_FALSE(no_header);
  CHECK(no_header.error().code == "bad-model");
  CHECK(no_header.error().message.find("x.tsv") != std::string::npos);

  auto bad_value = SentimentLexicon::parse("# analyze-sentiment-lexicon 1\ngood\tvalence\t7\n", "x.tsv");
  REQUIRE_FALSE(bad_value);
  CHECK(bad_value.error().message.find("x.tsv:2") != std::string::npos);

  CHECK_FALSE(SentimentLexicon::parse("# analyze-sentiment-lexicon 1\ngood\tvalence\n", "x.tsv"));
  CHECK_FALSE(SentimentLexicon::parse("# analyze-sentiment-lexicon 1\ngood\tfeeling\t0.5\n", "x.tsv"));
  CHECK_FALSE(SentimentLexicon::parse("# analyze-sentiment-lexicon 1\nmay\thedge\t-0.5\n", "x.tsv"));

  auto missing = SentimentLexicon::load("/nonexistent/sentiment.tsv");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-model");
}

TEST_CASE("sentiment lexicon: the shipped lexicon knows news vocabulary and the cue words", "[sentiment_lexicon][data]") {
  auto lex = SentimentLexicon::load(testing::data_dir() / "lexicons/sentiment.tsv");
  REQUIRE(lex);
  CHECK(lex->size() > 5000);
  auto entry = [&](std::string_view w) {
    const LexiconEntry* e = lex->find(w);
    REQUIRE(e);
    return *e;
  };
  CHECK(entry("praised").valence > 0.0f);
  CHECK(entry("terrible").valence < 0.0f);
  CHECK(entry("not").cue == SentimentCue::kNegator);
  CHECK(entry("don't").cue == SentimentCue::kNegator);
  CHECK(entry("but").cue == SentimentCue::kContrast);
  CHECK(entry("could").cue == SentimentCue::kHedge);
  // A reporting verb introduces a view and carries none itself.
  CHECK(entry("argue").cue == SentimentCue::kAttribution);
  CHECK(entry("argue").valence == 0.0f);
  // Rated for a sense news rarely uses, so left out.
  CHECK(lex->find("like") == nullptr);
}
