#include "text/dateline.h"

#include <string>

#include <catch2/catch.hpp>

#include "text/headline.h"
#include "test_support.h"

using namespace analyze;
using analyze::testing::segmented;

namespace {

// The text of sentence `n` of `text` after its dateline and, in the headline, before its credit.
std::string content(const std::string& text, std::size_t n = 0) {
  const Document doc = segmented(text);
  REQUIRE(n < doc.sentences.size());
  const Sentence& s = doc.sentences[n];
  const std::uint32_t first = dateline_end(doc, s);
  const std::uint32_t last = s.paragraph == headline_paragraph(doc) ? headline_credit_begin(doc, s) : s.token_end;
  if (first >= last) return "";
  return std::string(doc.slice(doc.tokens[first].begin, doc.tokens[last - 1].end));
}

}  // namespace

TEST_CASE("dateline: wire datelines opening a paragraph are found", "[dateline][data]") {
  CHECK(content("WASHINGTON (Reuters) - Consumer prices rose in May.") == "Consumer prices rose in May.");
  CHECK(content("AP - A company won a grant.") == "A company won a grant.");
  CHECK(content("LONDON, June 5 (AFP) -- Shares fell.") == "Shares fell.");
  CHECK(content("NEW YORK (AP) \u2014 Stocks rose.") == "Stocks rose.");
  CHECK(content("BOSTON \u2013 The Red Sox won.") == "The Red Sox won.");
  // A line of its own, as Reuters writes it.
  CHECK(content("LONDON 1996-08-30\n\nShares fell.") == "");
  CHECK(content("LONDON 1996-08-30\n\nShares fell.", 1) == "Shares fell.");
}

TEST_CASE("dateline: ordinary sentences keep their words", "[dateline][data]") {
  CHECK(content("A company won a grant - and then lost it.") == "A company won a grant - and then lost it.");
  CHECK(content("Washington (Reuters) said nothing - as usual.") == "Washington (Reuters) said nothing - as usual.");
  CHECK(content("The NHS - Britain's health service - is short of staff.") ==
        "The NHS - Britain's health service - is short of staff.");
  // Only the first sentence of a paragraph can open with a dateline.
  CHECK(content("Prices rose. AP - a wire service - reported it.", 1) == "AP - a wire service - reported it.");
  CHECK(content("UK -") == "UK -");  // a dash that introduces nothing
}

TEST_CASE("dateline: a credit closing a headline is found", "[dateline][data]") {
  CHECK(content("Company Wins Grant to Study Peptides (AP)\n\nAP - A company won.") == "Company Wins Grant to Study Peptides");
  CHECK(content("Storm hits coast (Video)\n\nThe storm hit.") == "Storm hits coast");
  CHECK(content("Prices rose (sharply)\n\nThe storm hit.") == "Prices rose (sharply)");
  // Elsewhere the same shape is content.
  CHECK(content("Results\n\nKimiko Date (Japan)\n\nDate won.", 1) == "Kimiko Date (Japan)");
}
