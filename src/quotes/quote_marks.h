// Quotation marks: finds the spans of text between double quotation marks, paragraph by paragraph,
// in one pass over the tokens. Marks are “ ” „ ‟ « » and straight " (opening or closing by what
// surrounds it), and '' or `` (two apostrophes or backquotes, as some newspapers write them).
// Single quotation marks are left alone: they cannot be told from apostrophes, and so are the
// straight marks around markup attribute values written into the text (tweet-date="March 9").
//
// Bad input never breaks it: a closing mark with no quote open is ignored, an opening mark inside
// an open quote restarts the quote there (the earlier mark was unbalanced), and a quote still open
// at the end of its paragraph ends there (the news convention of a quote running over several
// paragraphs reopens it in the next one).
#pragma once

#include <cstdint>
#include <vector>

#include "analyze/document.h"

namespace analyze {

struct QuotedSpan {
  std::uint32_t token_begin = 0;  // content tokens [token_begin, token_end), marks excluded
  std::uint32_t token_end = 0;
  std::uint32_t paragraph = 0;
  bool closed = false;  // ended with a closing mark (not by the end of its paragraph)
};

// The quoted spans of `doc` (needs paragraphs, sentences and tokens), in text order, never
// overlapping; empty quotes ("") are left out.
std::vector<QuotedSpan> find_quoted_spans(const Document& doc);

// Whether token `t` is a double quotation mark (either of the two tokens of '' or ``).
bool is_quotation_mark(const Document& doc, std::uint32_t t);

}  // namespace analyze
