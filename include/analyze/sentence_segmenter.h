// Sentence boundaries: ICU's sentence BreakIterator (UAX #29) proposes, the project's rules for
// news dispose. ICU splits after every "Mr." and "U.S."; here a boundary after an abbreviation
// stands only when the next word starts sentences ("... moved to the U.S. The next day"), never after
// a title ("Mr.", "Gen.", "e.g."), and a break before a lower-case word is dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "analyze/abbreviations.h"
#include "analyze/document.h"

namespace analyze {

class SentenceSegmenter {
 public:
  explicit SentenceSegmenter(std::shared_ptr<const Abbreviations> abbreviations);

  // Indexes of the tokens that start a sentence within the paragraph doc.text()[begin, end), whose
  // tokens are doc.tokens[token_begin, token_end). The first token always starts one.
  void split(const Document& doc, std::uint32_t begin, std::uint32_t end, std::uint32_t token_begin,
             std::uint32_t token_end, std::vector<std::uint32_t>& starts) const;

 private:
  bool keeps_boundary(const Document& doc, std::uint32_t token_begin, std::uint32_t next) const;

  std::shared_ptr<const Abbreviations> abbreviations_;
};

}  // namespace analyze
