#include "stance/sentiment_rules.h"

#include <catch2/catch.hpp>

#include "stance/stance_test_support.h"

using namespace analyze;
using analyze::stance_testing::segmented;

namespace {

const SentimentLexicon& lexicon() {
  static const SentimentLexicon lex = *SentimentLexicon::load(testing::data_dir() / "lexicons/sentiment.tsv");
  return lex;
}

const StanceIdioms& idioms() {
  static const StanceIdioms list = *StanceIdioms::load(testing::data_dir() / "lexicons/stance-idioms.tsv");
  return list;
}

// The rules' view of the first sentence of `text`, and a way to find a word in it.
struct Ruled {
  Document doc;
  std::vector<RuledToken> tokens;
  explicit Ruled(const std::string& text) : doc(segmented(text)) {
    apply_sentiment_rules(doc, doc.sentences.at(0), lexicon(), idioms(), tokens);
  }
  const RuledToken& at(std::string_view word) const {
    const Sentence& s = doc.sentences[0];
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (doc.form(doc.tokens[s.token_begin + i]) == word) return tokens[i];
    throw std::runtime_error("no token " + std::string(word));
  }
  float sum() const { return valence_sum(tokens, 0, tokens.size()); }
};

}  // namespace

TEST_CASE("sentiment rules: negation flips the words that follow in its clause", "[sentiment_rules][data]") {
  const Ruled plain("The plan is good.");
  const Ruled negated("The plan is not good.");
  CHECK(plain.at("good").valence > 0.0f);
  CHECK_FALSE(plain.at("good").negated);
  CHECK(negated.at("good").negated);
  CHECK(negated.at("good").valence < 0.0f);
  CHECK(negated.sum() < 0.0f);
  // Contracted negators count too, and the scope stops at the clause boundary.
  const Ruled contracted("They don't trust him, and the results are good.");
  CHECK(contracted.at("trust").valence < 0.0f);
  CHECK(contracted.at("good").valence > 0.0f);
}

TEST_CASE("sentiment rules: a negator reaches three words, a reverser four, punctuation aside", "[sentiment_rules][data]") {
  CHECK(Ruled("They did not see the good results.").at("good").negated);           // see, the, good
  CHECK_FALSE(Ruled("They did not see the many good results.").at("good").negated);  // see, the, many
  CHECK(Ruled("They did not see the \"good\" results.").at("good").negated);  // quote marks are not words
  CHECK(Ruled("They are combating the organized crime.").at("crime").valence > 0.0f);  // the, organized, crime
  CHECK(Ruled("They are combating the rise of organized crime.").at("crime").valence < 0.0f);  // 5th word
}

TEST_CASE("sentiment rules: contrast gives the clause after 'but' the upper hand", "[sentiment_rules][data]") {
  const Ruled r("The speech was good, but the policy is terrible.");
  CHECK(r.at("good").weight < 1.0f);
  CHECK(r.at("terrible").weight > 1.0f);
  CHECK(r.sum() < 0.0f);
  // "although" loses its own clause instead.
  const Ruled a("Although the policy is terrible, the speech was good.");
  CHECK(a.at("terrible").weight < a.at("good").weight);
  CHECK(a.sum() > 0.0f);
}

TEST_CASE("sentiment rules: attribution marks reported views, which weigh less", "[sentiment_rules][data]") {
  const Ruled own("The plan is a terrible failure.");
  const Ruled leading("Critics argue that the plan is a terrible failure.");
  const Ruled trailing("The plan is a terrible failure, critics said.");
  CHECK_FALSE(own.at("terrible").reported);
  CHECK(leading.at("terrible").reported);
  CHECK_FALSE(leading.at("Critics").reported);
  CHECK(trailing.at("terrible").reported);
  CHECK(own.sum() < leading.sum());
  CHECK(leading.sum() < 0.0f);
  // Quoted words are someone else's voice as well.
  const Ruled quoted("He called the plan \"a terrible failure\" on Monday.");
  CHECK(quoted.at("terrible").reported);
  CHECK_FALSE(quoted.at("Monday").reported);
}

TEST_CASE("sentiment rules: of several contrasts the last decides, attributions and hedges add up", "[sentiment_rules][data]") {
  const Ruled r("The speech was good, but the venue was bad, but the policy is terrible.");
  CHECK(r.at("good").weight < 1.0f);
  CHECK(r.at("bad").weight < 1.0f);
  CHECK(r.at("terrible").weight > 1.0f);
  const Ruled both("Critics argue that the plan is a terrible failure, supporters said.");
  CHECK(both.at("terrible").reported);  // after "argue"
  CHECK(both.at("Critics").reported);   // before "supporters said"
  // Two hedges in a clause both damp what follows them.
  const Ruled hedged("The plan may be good and may be great.");
  CHECK(hedged.at("great").valence == Approx(hedged.at("great").prior * 0.6f * 0.6f));
  CHECK(hedged.at("good").valence == Approx(hedged.at("good").prior * 0.6f));
  // A sentence of 80,000 words with a cue every few words is ruled the same way (and in time
  // linear in its length: bench/pathological-scaling.sh).
  std::string long_sentence = "The start was good";
  for (int i = 0; i < 10000; ++i) long_sentence += ", but the middle may be bad, critics argue";
  const Ruled l(long_sentence + ", but the end is terrible.");
  CHECK(l.at("good").weight < 1.0f);
  CHECK(l.at("terrible").weight > 1.0f);
  CHECK(l.at("terrible").reported);
  CHECK_FALSE(l.at("terrible").hedged);  // the hedges were in other clauses
  CHECK_FALSE(l.at("start").reported);
}

TEST_CASE("sentiment rules: hedges damp and intensifiers strengthen", "[sentiment_rules][data]") {
  const Ruled hedged("The plan could be a disaster.");
  const Ruled firm("The plan is a disaster.");
  CHECK(hedged.at("disaster").hedged);
  CHECK(std::abs(hedged.at("disaster").valence) < std::abs(firm.at("disaster").valence));
  const Ruled boosted("The plan is very good.");
  CHECK(boosted.at("good").valence > boosted.at("good").prior);
}

TEST_CASE("sentiment rules: fighting a harm is not itself negative", "[sentiment_rules][data]") {
  const Ruled harm("Organized crime is rising.");
  const Ruled fought("The leaders agreed on combating organized crime.");
  CHECK(harm.at("crime").valence < 0.0f);
  CHECK(fought.at("crime").valence > 0.0f);
  CHECK(fought.at("combating").prior == 0.0f);
  CHECK(fought.sum() > 0.0f);
}

TEST_CASE("sentiment rules: squashing keeps scores in (-1, 1) and polarity_of uses the band", "[sentiment_rules]") {
  CHECK(squash_valence(100.0f) < 1.0f);
  CHECK(squash_valence(-100.0f) > -1.0f);
  CHECK(squash_valence(0.0f) == 0.0f);
  CHECK(polarity_name(Polarity::kNegative) == "negative");
}

TEST_CASE("polarity: one neutral band, judged on the score as written to 3 decimals", "[sentiment_rules]") {
  const float band = kNeutralBand;
  CHECK(polarity_of(band + 0.002f) == Polarity::kPositive);
  CHECK(polarity_of(-band - 0.002f) == Polarity::kNegative);
  CHECK(polarity_of(band) == Polarity::kNeutral);
  CHECK(polarity_of(-band) == Polarity::kNeutral);
  CHECK(polarity_of(0.0f) == Polarity::kNeutral);
  // Written as the band itself, so neutral, though a hair above it.
  CHECK(polarity_of(band + 0.0004f) == Polarity::kNeutral);
  CHECK(polarity_of(band + 0.0006f) == Polarity::kPositive);
}

TEST_CASE("idioms: a measure that falls is bad news, and the measure's own valence goes", "[sentiment_rules][data]") {
  const Ruled fell("Shares of Halvorsen dropped sharply on Monday.");
  CHECK(fell.at("dropped").valence < 0.0f);
  CHECK(fell.sum() < 0.0f);
  const Ruled hit("The strike hit profit growth at the carmaker.");
  CHECK(hit.at("profit").valence == 0.0f);
  CHECK(hit.at("growth").valence == 0.0f);
  CHECK(hit.sum() < 0.0f);
  const Ruled rose("Quarterly sales rose 12 percent.");
  CHECK(rose.sum() > 0.0f);
  const Ruled bad_fell("Unemployment fell to a ten-year low.");
  CHECK(bad_fell.at("fell").valence > 0.0f);
  const Ruled not_fell("Profits did not fall this year.");
  CHECK(not_fell.at("fall").valence > 0.0f);
}

TEST_CASE("idioms: a fixed phrase takes its own valence", "[sentiment_rules][data]") {
  const Ruled app("Its new chip could be the killer app for cheap laptops.");
  CHECK(app.at("killer").valence > 0.0f);
  CHECK(app.at("app").valence == 0.0f);
  const Ruled plain("Police are searching for the killer of a shopkeeper.");
  CHECK(plain.at("killer").valence < 0.0f);
}

TEST_CASE("idioms: role verbs are marked, and a passive one as such", "[sentiment_rules][data]") {
  const Ruled active("Rovers thrashed the league leaders on Sunday.");
  CHECK(active.at("thrashed").role);
  CHECK_FALSE(active.at("thrashed").passive);
  CHECK(active.at("thrashed").agent > 0.0f);
  CHECK(active.at("thrashed").patient < 0.0f);
  const Ruled passive("The league leaders were thrashed by Rovers.");
  CHECK(passive.at("thrashed").passive);
  CHECK(passive.at("by").agent_marker);
}

TEST_CASE("list-like sentences: team sheets and table rows, not prose", "[sentiment_rules][data]") {
  CHECK(list_like(Ruled("Riverside: Reed; Cole, Hart, Mendes, Okafor; Lund, Varga (Price 70), Osei.").tokens));
  CHECK(list_like(Ruled("Apple 182.3, 1.2%; Microsoft 402.1, -0.4%; Alphabet 141.8, 0.9%.").tokens));
  CHECK_FALSE(list_like(Ruled("The minister met Smith, Jones, Brown and Green on Tuesday to discuss the budget.").tokens));
  CHECK_FALSE(list_like(Ruled("Smith, who won in 2019, 2021 and 2023, was beaten by a newcomer.").tokens));
}
