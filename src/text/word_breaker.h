// Word segments of a text (Unicode UAX #29 word boundaries) with ICU's rule status, which tells
// words (UBRK_WORD_LETTER..), numbers (UBRK_WORD_NUMBER..) and the rest (UBRK_WORD_NONE: spaces,
// punctuation) apart.
//
// ICU's word BreakIterator is general but slow (its rule automaton and UText per character). Most
// news text is Latin letters, digits, spaces and common punctuation, for which the UAX #29 rules
// come down to a few character classes; `break_words_latin` applies those rules directly, about
// five times faster, and gives up (returns false) on any other character, so `break_words` falls
// back to ICU. The two agree segment for segment and status for status: tests/word_breaker_test.cc
// compares them on every string of up to 4 characters over an alphabet of every class involved,
// and on a long text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace analyze {

struct WordSegment {
  std::uint32_t begin = 0;  // byte offsets into the text given, [begin, end)
  std::uint32_t end = 0;
  std::int32_t status = 0;  // ICU's rule status (UWordBreak)
  bool operator==(const WordSegment&) const = default;
};

// Replaces `out` with the segments of `text` (valid UTF-8), which cover it without gaps.
void break_words(std::string_view text, std::vector<WordSegment>& out);

// The two ways `break_words` chooses between, for tests and benchmarks.
bool break_words_latin(std::string_view text, std::vector<WordSegment>& out);
void break_words_icu(std::string_view text, std::vector<WordSegment>& out);

}  // namespace analyze
