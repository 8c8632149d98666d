#include "text/paragraph_splitter.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace analyze;
using Strings = std::vector<std::string>;

namespace {

Strings paragraphs_of(const std::string& text) {
  Strings out;
  for (const auto& [begin, end] : split_paragraphs(text)) out.push_back(text.substr(begin, end - begin));
  return out;
}

}  // namespace

TEST_CASE("every line break ends a paragraph, and blank lines are dropped", "[paragraph_splitter]") {
  CHECK(paragraphs_of("One.\n\nTwo.\nThree.") == Strings{"One.", "Two.", "Three."});
  CHECK(paragraphs_of("One.\n\n\n\nTwo.") == Strings{"One.", "Two."});
  CHECK(paragraphs_of("Only one") == Strings{"Only one"});
}

TEST_CASE("CRLF, lone CR, form feed, vertical tab, NEL, U+2028 and U+2029 break lines", "[paragraph_splitter]") {
  CHECK(paragraphs_of("A\r\nB\r\n\r\nC") == Strings{"A", "B", "C"});
  CHECK(paragraphs_of("A\rB\r\rC") == Strings{"A", "B", "C"});
  CHECK(paragraphs_of("A\fB\vC") == Strings{"A", "B", "C"});
  CHECK(paragraphs_of("A\xC2\x85" "B\xE2\x80\xA8" "C\xE2\x80\xA9" "D") == Strings{"A", "B", "C", "D"});
}

TEST_CASE("paragraph spans exclude line breaks and surrounding white space", "[paragraph_splitter]") {
  const std::string text = " \t Indented.  \r\n\xC2\xA0No-break space\xE2\x80\x83\n";
  const auto spans = split_paragraphs(text);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0] == std::pair<std::uint32_t, std::uint32_t>{3, 12});
  CHECK(text.substr(spans[1].first, spans[1].second - spans[1].first) == "No-break space");
}

TEST_CASE("white space alone makes no paragraph", "[paragraph_splitter]") {
  CHECK(paragraphs_of("").empty());
  CHECK(paragraphs_of(" \t \n\r\n \xC2\xA0 \n").empty());
  CHECK(paragraphs_of("\n\nText\n\n") == Strings{"Text"});
}

TEST_CASE("multi-byte characters are never split", "[paragraph_splitter]") {
  // U+2028 is E2 80 A8; E2 80 99 (’) and E2 82 AC (€) must not be taken for line breaks.
  CHECK(paragraphs_of("It\xE2\x80\x99s \xE2\x82\xAC" "5") == Strings{"It\xE2\x80\x99s \xE2\x82\xAC" "5"});
  CHECK(paragraphs_of("\xF0\x9F\x98\x80\n\xF0\x9F\x98\x80") == Strings{"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"});
}
