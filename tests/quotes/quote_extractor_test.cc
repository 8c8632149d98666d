#include "quotes/quote_extractor.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/hash_index.h"
#include "quotes/quote_marks.h"
#include "test_support.h"

using namespace analyze;

namespace {

std::string span_text(const Document& doc, const std::optional<TextSpan>& span) {
  return span ? std::string(doc.slice(span->begin, span->end)) : "-";
}

// "content|cue|speaker|direct" per quote, by the patterns alone (no trained model).
std::vector<std::string> pattern_quotes(const std::string& text) {
  const Document doc = testing::analyzed(text, "normalize,segment,entities");
  const QuoteLayer layer = extract_quotes(doc, QuoteModel{}, doc.layer<EntityLayer>(), QuoteMethods::kPatternsOnly);
  std::vector<std::string> out;
  for (const Quote& q : layer.quotes)
    out.push_back(span_text(doc, q.content) + "|" + span_text(doc, q.cue) + "|" + span_text(doc, q.speaker) + "|" +
                  (q.direct ? "direct" : "reported"));
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("quote extractor: a direct quote and its cue after it", "[quotes][data]") {
  CHECK(pattern_quotes("“We have never seen numbers like this in a runoff,” he said.") ==
        Lines{"We have never seen numbers like this in a runoff|said|he|direct"});
  CHECK(pattern_quotes("\"We will not back down,\" said Governor Jane Smith.") ==
        Lines{"We will not back down|said|Governor Jane Smith|direct"});
}

TEST_CASE("quote extractor: a cue before the quote", "[quotes][data]") {
  CHECK(pattern_quotes("The senator said: “This bill is dead on arrival.”") ==
        Lines{"This bill is dead on arrival.|said|The senator|direct"});
}

TEST_CASE("quote extractor: a quote over two paragraphs keeps its speaker", "[quotes][data]") {
  CHECK(pattern_quotes("“We will win this race,” she said. “And we will win it big.\n\n“Nobody can stop us now.”") ==
        Lines{"We will win this race|said|she|direct", "And we will win it big.|said|she|direct",
              "Nobody can stop us now.|said|she|direct"});
}

TEST_CASE("quote extractor: scare quotes are no quotes", "[quotes][data]") {
  CHECK(pattern_quotes("The so-called “deal” fell apart on Monday.").empty());
}

TEST_CASE("quote extractor: bad input never breaks it", "[quotes][data]") {
  std::string many;  // one paragraph of 2,000 short quotes
  for (int i = 0; i < 2000; ++i) many += "“Yes,” he said. ";
  CHECK(pattern_quotes(many).size() == 2000);
  const auto unclosed = pattern_quotes("He said: “" + std::string(5000, 'a') + " and so on");
  REQUIRE(unclosed.size() == 1);
  CHECK(unclosed[0] == std::string(5000, 'a') + " and so on|said|He|direct");
  CHECK(pattern_quotes("” « “ \" '' » ”").empty());
}

TEST_CASE("quote extractor: attributions from tags", "[quotes]") {
  // content content O cue source O content
  const std::vector<std::uint8_t> tags = {kContentBegin, kContentInside, kOutside, kCueBegin, kSourceBegin, kOutside,
                                          kContentBegin};
  const auto attributions = attributions_from_tags(tags, 10);
  REQUIRE(attributions.size() == 1);
  CHECK(attributions[0].cue->begin == 13);
  CHECK(attributions[0].source->begin == 14);
  REQUIRE(attributions[0].content.size() == 2);
  CHECK(attributions[0].content[0].begin == 10);
  CHECK(attributions[0].content[0].end == 12);
  CHECK(attributions[0].content[1].begin == 16);
}

TEST_CASE("quote extractor: a cue without a cue word joins the content around it or goes", "[quotes]") {
  QuoteModel model;
  model.set_cue_words({lowercase_hash("said")});
  const std::vector<std::uint64_t> lower = {lowercase_hash("her"), lowercase_hash("avoided"), lowercase_hash("taking"),
                                            lowercase_hash("her"), lowercase_hash("home"), lowercase_hash("said"),
                                            lowercase_hash("want")};
  std::vector<std::uint8_t> tags = {kContentBegin, kCueBegin, kCueInside, kContentBegin, kContentInside, kCueBegin, kCueBegin};
  drop_cues_without_cue_word(model, lower.data(), tags);
  CHECK(tags == std::vector<std::uint8_t>{kContentBegin, kContentInside, kContentInside, kContentInside, kContentInside,
                                          kCueBegin, kOutside});
}

namespace {

// The first token from `from` on whose form is `form`.
std::uint32_t token_of(const Document& doc, std::string_view form, std::uint32_t from = 0) {
  for (std::uint32_t t = from; t < doc.tokens.size(); ++t)
    if (doc.form(doc.tokens[t]) == form) return t;
  FAIL("no token " << form);
  return 0;
}

// "content|cue|speaker" per quote of `attributions` over `doc`.
Lines attributed(const Document& doc, std::vector<TokenAttribution> attributions) {
  const QuoteContext context = quote_context(doc, find_quoted_spans(doc), doc.layer<EntityLayer>());
  Lines out;
  for (const Quote& q : attributed_quotes(doc, context, std::move(attributions), doc.layer<EntityLayer>()).quotes)
    out.push_back(span_text(doc, q.content) + "|" + span_text(doc, q.cue) + "|" + span_text(doc, q.speaker));
  return out;
}

}  // namespace

TEST_CASE("quote extractor: a speaker is never words of its own content", "[quotes][data]") {
  const Document doc = testing::analyzed("He said Rubio had won the debate.", "normalize,segment,entities");
  TokenAttribution a;
  const std::uint32_t rubio = token_of(doc, "Rubio");
  a.content.push_back({rubio, token_of(doc, ".")});
  a.cue = TokenRange{token_of(doc, "said"), token_of(doc, "said") + 1};
  a.source = TokenRange{rubio, rubio + 1};
  CHECK(attributed(doc, {a}) == Lines{"Rubio had won the debate|said|He"});
}

TEST_CASE("quote extractor: a speaker carries on within its paragraph", "[quotes][data]") {
  const Document doc = testing::analyzed(
      "Mayor Jane Smith said the budget is sound, and in a long speech on Monday also warned that taxes will fall.\n\n"
      "The council later warned that rents will rise.",
      "normalize,segment,entities");
  TokenAttribution first, second, third;
  first.content.push_back({token_of(doc, "the"), token_of(doc, ",")});
  first.cue = TokenRange{token_of(doc, "said"), token_of(doc, "said") + 1};
  first.source = TokenRange{token_of(doc, "Jane"), token_of(doc, "said")};
  const std::uint32_t warned = token_of(doc, "warned");
  second.content.push_back({token_of(doc, "taxes"), token_of(doc, ".")});
  second.cue = TokenRange{warned, warned + 1};
  const std::uint32_t warned_again = token_of(doc, "warned", warned + 1);
  third.content.push_back({token_of(doc, "rents"), token_of(doc, ".", warned_again)});
  third.cue = TokenRange{warned_again, warned_again + 1};
  CHECK(attributed(doc, {first, second, third}) ==
        Lines{"the budget is sound|said|Jane Smith", "taxes will fall|warned|Jane Smith", "rents will rise|warned|-"});
}

TEST_CASE("quote extractor: content runs to its sentence's end when the rest is untagged", "[quotes][data]") {
  const Document doc = testing::analyzed(
      "Smith said that the media has been rewarding his rivals. Jones said that we will win, he added.",
      "normalize,segment");
  std::vector<std::uint8_t> tags(doc.tokens.size(), kOutside);
  auto tag_content = [&](std::uint32_t begin, std::uint32_t end) {
    tags[begin] = kContentBegin;
    for (std::uint32_t t = begin + 1; t < end; ++t) tags[t] = kContentInside;
  };
  const std::uint32_t media = token_of(doc, "media");
  tag_content(token_of(doc, "that"), media + 1);
  const std::uint32_t jones_that = token_of(doc, "that", media);
  tag_content(jones_that, jones_that + 1);
  const std::uint32_t added = token_of(doc, "added");
  tags[added] = kCueBegin;
  extend_clause_content(doc, 0, tags);
  std::vector<std::uint8_t> expected(doc.tokens.size(), kOutside);
  expected[token_of(doc, "that")] = kContentBegin;
  for (std::uint32_t t = token_of(doc, "that") + 1; t < token_of(doc, "."); ++t) expected[t] = kContentInside;
  expected[jones_that] = kContentBegin;  // a cue follows in the sentence: left as tagged
  expected[added] = kCueBegin;
  CHECK(tags == expected);
}

TEST_CASE("quote extractor: content without a cue is an attribution only as a quotation of four words or more",
          "[quotes][data]") {
  const Document doc = testing::analyzed("The show “Morning Joe” aired. Taxes rise. “We will never give up the fight.”",
                                         "normalize,segment,entities");
  TokenAttribution title, reported, quotation;
  title.content.push_back({token_of(doc, "Morning"), token_of(doc, "aired")});
  reported.content.push_back({token_of(doc, "Taxes"), token_of(doc, "rise") + 1});
  quotation.content.push_back({token_of(doc, "We"), token_of(doc, "fight") + 2});
  CHECK(attributed(doc, {title, reported, quotation}) == Lines{"We will never give up the fight.|-|-"});
}
