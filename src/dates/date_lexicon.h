// The words time expressions are made of: month and weekday names, units of time, number words and
// ordinals, parts of the day, seasons, time zones, and the words that show a sentence's tense. All
// lookups take the lower-cased token.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace analyze::date_lexicon {

// 1..12 for "january", "jan", "jan.", "sept." ...; 0 otherwise.
int month(std::string_view word);
// Whether a month name is an abbreviation ("jan", "aug.", "sept"): those stand only before a day.
bool is_month_abbreviation(std::string_view word);
// ISO weekday 1..7 for "monday" .. "sunday" (and "mon." ... "sun."); 0 otherwise.
int weekday(std::string_view word);

enum class UnitKind : std::uint8_t { kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear, kDecade, kCentury };

struct Unit {
  UnitKind kind;
  bool plural;
};
// "year", "years", "decade" ...; nullopt otherwise.
std::optional<Unit> unit(std::string_view word);
// The TIMEX3 duration designator: "Y", "M", "W", "D", "Q", "DE", "CE"; "H", "M", "S" after "T".
std::string_view duration_code(UnitKind kind);
bool is_time_unit(UnitKind kind);

// 0..99 for "zero" .. "ninety"; -1 otherwise.
int number_word(std::string_view word);
// 1..31 for "first" .. "thirty-first" pieces and "1st" .. "31st"; 0 otherwise.
int ordinal(std::string_view word);
// "MO", "AF", "EV", "NI" for morning, afternoon, evening, night; empty otherwise.
std::string_view part_of_day(std::string_view word);
// "SP", "SU", "FA", "WI"; empty otherwise.
std::string_view season(std::string_view word);
// The first month of a season code.
int season_start(std::string_view code);
// Time-zone abbreviations written after a time ("GMT", "EST"): matched as written.
bool is_time_zone(std::string_view raw);
// Words that may stand before a count of units inside the expression ("almost four years ago").
bool is_approximation(std::string_view word);

// Whether an expression may start with `word`: a word of the lexicon, a determiner or modifier an
// expression opens with, or a token starting with a digit. The matcher tries its patterns only at
// those, which keeps the stage cheap on the many words that start none.
bool may_start_expression(std::string_view word);

enum class Tense : std::uint8_t { kUnknown, kPast, kFuture };
// The tense a word shows: "will", "'ll", "plans" future; "said", "was", "met", "-ed" past.
Tense tense_of(std::string_view word);
// "be", "been", "being", "is", "are": before a participle, the word that carries the tense.
bool is_passive_auxiliary(std::string_view word);

}  // namespace analyze::date_lexicon
