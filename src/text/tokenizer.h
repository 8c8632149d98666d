// Word tokens for news: UAX #29 word segments (word_breaker.h: ICU's word BreakIterator, or the
// equivalent faster scanner for Latin text) with the fixes news text needs: abbreviations keep
// their period ("U.S.", "Mr.", "J."), clitics are split off as in the Penn Treebank ("Trump's" ->
// "Trump" "'s", "didn't" -> "did" "n't", "1990's" -> "1990" "'s"), and runs of dots or dashes stay
// one token ("...", "--").
#pragma once

#include <cstdint>
#include <memory>

#include "text/abbreviations.h"
#include "analyze/document.h"

namespace analyze {

class Tokenizer {
 public:
  explicit Tokenizer(std::shared_ptr<const Abbreviations> abbreviations);

  // Appends the tokens of doc.text()[begin, end) to doc.tokens, with their analysis forms (NFC,
  // typographic quotes, apostrophes and dashes folded to ASCII) in doc.forms where they differ.
  void tokenize(Document& doc, std::uint32_t begin, std::uint32_t end) const;

 private:
  std::shared_ptr<const Abbreviations> abbreviations_;
};

}  // namespace analyze
