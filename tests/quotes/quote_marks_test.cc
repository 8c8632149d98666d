#include "quotes/quote_marks.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_support.h"

using analyze::Document;
using analyze::QuotedSpan;
using analyze::find_quoted_spans;

namespace {

// The quoted texts of `text`, each followed by "|open" when it ran to its paragraph's end.
std::vector<std::string> quoted(const std::string& text) {
  const Document doc = analyze::testing::segmented(text);
  std::vector<std::string> out;
  for (const QuotedSpan& q : find_quoted_spans(doc)) {
    std::string s(doc.slice(doc.tokens[q.token_begin].begin, doc.tokens[q.token_end - 1].end));
    out.push_back(q.closed ? s : s + "|open");
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("quotation marks: typographic, straight and doubled apostrophes", "[quotes][data]") {
  CHECK(quoted("He said “we will win” today.") == Lines{"we will win"});
  CHECK(quoted("\"We will win,\" he said. \"Never.\"") == Lines{"We will win,", "Never."});
  CHECK(quoted("''We will win,'' he said.") == Lines{"We will win,"});
}

TEST_CASE("quotation marks: guillemets", "[quotes][data]") {
  CHECK(quoted("Il a dit «nous gagnerons» hier.") == Lines{"nous gagnerons"});
  CHECK(quoted("He said « we will win » today.") == Lines{"we will win"});
}

TEST_CASE("quotation marks: mixed marks pair up", "[quotes][data]") {
  CHECK(quoted("“We will win,\" he said.") == Lines{"We will win,"});
  CHECK(quoted("\"We will win,” he said.") == Lines{"We will win,"});
}

TEST_CASE("quotation marks: a closing mark with nothing open is ignored", "[quotes][data]") {
  CHECK(quoted("He said we will win” today.").empty());
  CHECK(quoted("» and ” and then “a quote” here.") == Lines{"a quote"});
}

TEST_CASE("quotation marks: a quote that never closes ends with its paragraph", "[quotes][data]") {
  CHECK(quoted("“We will win and nobody will stop us.\n\nNext paragraph here.") ==
        Lines{"We will win and nobody will stop us.|open"});
  // The news convention: the quote reopens in each paragraph it runs over.
  CHECK(quoted("“First part of it.\n\n“Second part,” he said.") == Lines{"First part of it.|open", "Second part,"});
}

TEST_CASE("quotation marks: nested quotes stay inside the outer one", "[quotes][data]") {
  CHECK(quoted("“He told me ‘no’ twice,” she said.") == Lines{"He told me ‘no’ twice,"});
  // A second opening mark inside an open quote restarts it: the first was unbalanced.
  CHECK(quoted("“He said “no” to me.") == Lines{"no"});
  CHECK(quoted("\"\" and “”").empty());
}

TEST_CASE("quotation marks: markup attribute values are no quotes", "[quotes][data]") {
  CHECK(quoted("<tweet tweet-author=\"@jdoe\" tweet-date=\"March 9, 2016\">Stands empty.<tweet/> He said \"no way\" then.") ==
        Lines{"no way"});
  // A value running over a line break closes before '>' in the next paragraph.
  CHECK(quoted("<tweet tweet-date=\"March 9, 2016\n\">Stands empty; crowd in one end zone.<tweet/>").empty());
}

TEST_CASE("quotation marks: an opening mark written as the closing one closes the quote", "[quotes][data]") {
  CHECK(quoted("Todd was shocked. “Do you want to be associated with that?“ he asked.") ==
        Lines{"Do you want to be associated with that?"});
  CHECK(quoted("“He is wrong,“\n\nsaid Smith.") == Lines{"He is wrong,"});
}
