#include "quotes/quote_extractor.h"

#include <catch2/catch.hpp>
#include <string>

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
