// Sentence boundaries within a paragraph. ICU's sentence BreakIterator (UAX #29) proposes
// boundaries, and so does every sentence-final ". ? ! ..." followed by a space, which catches what
// UAX #29 misses ("... last year. 2005 was", "i'm done. see you"). The project's rules for news
// then decide each one:
// - after a title ("Mr.", "Gen.", "e.g.") never; after "No.", "Vol.", "pp." not before a number;
//   after "a.m."/"p.m." before a capitalised word but a day, a month or a time zone; after
//   another abbreviation ("U.S.", "Inc.", "Jan.", "J.", "Albert I. Jones", "and co. at") or a name
//   written with "!" ("Yahoo!") only before a sentence starter ("... moved to the U.S. The next
//   day"; data/sentence_starters*.txt);
// - before a lower-case word only after a plain full stop or a bare "?"/"!" ("Wait... what?",
//   `"Stop!" he said` stay one sentence), and never at "?"/"!" without a space ("watch?v=");
// - after a quotation ending in "?"/"!" not when a speech verb follows (`"Why?" Smith asked.`);
// - reference marks after a full stop ("... in 1805. [17] Placed ...", "... fee. 8 Yet ...")
//   stay with their sentence;
// - a list item's marker ("1.", "2.)", "b.", "IV.") starts the sentence after it instead of being
//   one, the next item's marker starts the next sentence ("a. The first item b. The second"), and
//   punctuation alone (". . .", ":)") joins the sentence before it.
#pragma once

#include <cstdint>
#include <string>
#include <memory>
#include <vector>

#include "text/abbreviations.h"
#include "analyze/document.h"

namespace analyze {

class SentenceSegmenter {
 public:
  explicit SentenceSegmenter(std::shared_ptr<const Abbreviations> abbreviations);

  // Indexes of the tokens that start a sentence within the paragraph doc.text()[begin, end), whose
  // tokens are doc.tokens[token_begin, token_end). The first token always starts one. `starts` is
  // reused between calls to save allocations.
  void split(const Document& doc, std::uint32_t begin, std::uint32_t end, std::uint32_t token_begin,
             std::uint32_t token_end, std::vector<std::uint32_t>& starts) const;

 private:
  // Whether a sentence ends before token `next` (which follows sentence-final punctuation or an
  // ICU boundary) in the paragraph whose tokens start at `token_begin`.
  bool keeps_boundary(const Document& doc, std::uint32_t token_begin, std::uint32_t next, std::uint32_t token_end) const;
  // The abbreviation (or name written with "!") that sentence-final token `last` ends, before the
  // token `next`: "U.S.", "Yahoo" "!", a lower-case "co" "." before a lower-case word (read as
  // "Co."), the initial "I" "." between capitalised words ("Albert I. Jones").
  AbbreviationKind abbreviation_at(const Document& doc, std::uint32_t token_begin, std::uint32_t last,
                                   std::uint32_t next) const;
  // Whether tokens from `next` report the quotation before them: "she asked", "Mr. Smith said".
  bool is_attribution(const Document& doc, std::uint32_t next, std::uint32_t token_end) const;

  std::shared_ptr<const Abbreviations> abbreviations_;
};

}  // namespace analyze
