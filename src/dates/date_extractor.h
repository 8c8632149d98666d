// Finds an article's time expressions and resolves their TIMEX3 values, in the manner of HeidelTime
// and SUTime: hand-written patterns over the sentence's word tokens (lexicons of months, weekdays,
// units, ordinals and number words; see date_lexicon.h), each giving a type and a value rule.
//
// Rules:
// - At each token the longest pattern that matches wins; expressions never overlap, and the scan
//   moves past each one, so the work is linear in the article's size.
// - Extents follow TimeBank: prepositions are left out ("on Friday" -> "Friday"), determiners and
//   modifiers the expression covers are kept ("the third quarter", "almost four years ago").
// - Relative expressions resolve against the anchor (the article's date): "last month", "two weeks
//   ago", "this year". A bare weekday or month takes the tense of the nearest verb of its sentence
//   ("said on Tuesday" -> the previous Tuesday, "will meet on Tuesday" -> the next); past when the
//   sentence shows none, as most news reports the past. A month, or month and day, without a year
//   lies at most three months after the anchor, else before it.
// - A span never ends with punctuation; a weekday's part of the day ("Friday night") is in the span,
//   not in the value, as TimeBank mostly annotates it.
// - Without an anchor, what depends on it keeps the unresolved form ("XXXX-06-24", "XXXX-WXX-2").
// - A number too long or too large to be a count of units, a day that does not exist ("February
//   30") and a year past 9999 make no expression (or a shorter one: "February").
#pragma once

#include <optional>
#include <vector>

#include "analyze/date.h"
#include "analyze/document.h"

namespace analyze {

// The time expressions of the sentences of `doc` outside boilerplate paragraphs, in text order.
std::vector<TimeExpression> extract_dates(const Document& doc, const std::optional<CalendarDate>& anchor);

// The first complete date the text states (a dateline's "Aug. 7, 1998", "1998-08-07"), for an
// article that comes without one. Reads at most the first `kMaxAnchorSentences` sentences.
std::optional<CalendarDate> first_stated_date(const Document& doc);
constexpr std::size_t kMaxAnchorSentences = 5;

}  // namespace analyze
