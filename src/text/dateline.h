// Wire-service datelines and credits: "WASHINGTON (Reuters) -", "AP -", "LONDON, June 5 (AFP) --"
// opening a paragraph, a line of its own such as "LONDON 1996-08-30", and a credit closing the
// headline ("Company Wins Grant (AP)"). They say where and from whom a story came, not what it is
// about: the keyphrase extractor skips them.
#pragma once

#include <cstdint>

#include "analyze/document.h"

namespace analyze {

// The first token of `s` after its dateline; s.token_begin when it has none. A dateline opens the
// first sentence of a paragraph: at most ten tokens, at least one of them a word in capitals, the
// others words in capitals, numbers, month names, commas and periods, and at most one
// parenthesised group of capitalised words ("(Reuters)"); then a dash ("-", "--", "—", "–") that
// more text follows. A whole sentence of words in capitals that ends in a number or a date
// ("LONDON 1996-08-30") is all dateline (returns s.token_end).
std::uint32_t dateline_end(const Document& doc, const Sentence& s);

// The first token of a credit closing the headline `s` (headline.h); s.token_end when it has none.
// A credit is one capitalised word in parentheses at the end: "(AP)", "(Reuters)", "(Video)". (In
// other lines the same shape is often content: "Kimiko Date (Japan)".)
std::uint32_t headline_credit_begin(const Document& doc, const Sentence& headline);

}  // namespace analyze
