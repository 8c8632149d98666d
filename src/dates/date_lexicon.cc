#include "dates/date_lexicon.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <string_view>

namespace analyze::date_lexicon {

namespace {

template <std::size_t N>
int index_in(const std::array<std::string_view, N>& words, std::string_view word) {
  for (std::size_t i = 0; i < N; ++i)
    if (words[i] == word) return static_cast<int>(i);
  return -1;
}

bool ends_with(std::string_view word, std::string_view end) {
  return word.size() >= end.size() && word.substr(word.size() - end.size()) == end;
}

constexpr std::array<std::string_view, 12> kMonthNames = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> kWeekdayAbbreviations = {"mon.", "tue.", "wed.", "thu.",
                                                                    "fri.", "sat.", "sun."};
constexpr std::array<std::string_view, 20> kSmallNumbers = {
    "zero",   "one",     "two",     "three",     "four",     "five",    "six",
    "seven",  "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty",  "forty",  "fifty",
                                                   "sixty",  "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 20> kOrdinals = {
    "first",     "second",     "third",      "fourth",      "fifth",      "sixth",     "seventh",
    "eighth",    "ninth",      "tenth",      "eleventh",    "twelfth",    "thirteenth", "fourteenth",
    "fifteenth", "sixteenth",  "seventeenth", "eighteenth", "nineteenth", "twentieth"};
constexpr std::array<std::string_view, 14> kApproximations = {
    "about", "almost", "nearly", "some",  "roughly", "around", "approximately",
    "over",  "under",  "just",   "only", "barely",  "fully",  "another"};
constexpr std::array<std::string_view, 20> kFutureWords = {
    "will", "'ll", "shall", "would", "plans", "plan", "planned", "scheduled", "expected", "expects",
    "due", "upcoming", "slated", "intends", "expect", "payable", "effective", "until", "planning", "soon"};
constexpr std::array<std::string_view, 40> kPastWords = {
    "said", "was",   "were",  "had",    "did",    "told",   "met",   "went",  "came",  "made",
    "took", "gave",  "saw",   "began",  "won",    "lost",   "left",  "held",  "fell",  "rose",
    "sold", "bought", "paid", "found",  "got",    "became", "led",   "ran",   "hit",   "brought",
    "sent", "spoke", "wrote", "struck", "killed", "shot",   "broke", "chose", "drew",  "ago"};

}  // namespace

int month(std::string_view word) {
  if (const int i = index_in(kMonthNames, word); i >= 0) return i + 1;
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word == "sept") return 9;
  if (word == "may") return 0;  // "may." is no abbreviation; the full name matched above
  if (const int i = index_in(kMonthAbbreviations, word); i >= 0) return i + 1;
  return 0;
}

bool is_month_abbreviation(std::string_view word) { return month(word) != 0 && index_in(kMonthNames, word) < 0; }

int weekday(std::string_view word) {
  if (const int i = index_in(kWeekdays, word); i >= 0) return i + 1;
  if (const int i = index_in(kWeekdayAbbreviations, word); i >= 0) return i + 1;
  return 0;
}

std::optional<Unit> unit(std::string_view word) {
  struct Entry {
    std::string_view singular, plural;
    UnitKind kind;
  };
  static constexpr Entry kUnits[] = {
      {"second", "seconds", UnitKind::kSecond}, {"minute", "minutes", UnitKind::kMinute},
      {"hour", "hours", UnitKind::kHour},       {"day", "days", UnitKind::kDay},
      {"week", "weeks", UnitKind::kWeek},       {"month", "months", UnitKind::kMonth},
      {"quarter", "quarters", UnitKind::kQuarter}, {"year", "years", UnitKind::kYear},
      {"decade", "decades", UnitKind::kDecade}, {"century", "centuries", UnitKind::kCentury},
  };
  for (const Entry& e : kUnits) {
    if (word == e.singular) return Unit{e.kind, false};
    if (word == e.plural) return Unit{e.kind, true};
  }
  return std::nullopt;
}

std::string_view duration_code(UnitKind kind) {
  switch (kind) {
    case UnitKind::kSecond: return "S";
    case UnitKind::kMinute: return "M";
    case UnitKind::kHour: return "H";
    case UnitKind::kDay: return "D";
    case UnitKind::kWeek: return "W";
    case UnitKind::kMonth: return "M";
    case UnitKind::kQuarter: return "Q";
    case UnitKind::kYear: return "Y";
    case UnitKind::kDecade: return "DE";
    case UnitKind::kCentury: return "CE";
  }
  return "D";
}

bool is_time_unit(UnitKind kind) {
  return kind == UnitKind::kSecond || kind == UnitKind::kMinute || kind == UnitKind::kHour;
}

int number_word(std::string_view word) {
  if (const int i = index_in(kSmallNumbers, word); i >= 0) return i;
  if (const int i = index_in(kTens, word); i >= 0) return 20 + 10 * i;
  return -1;
}

int ordinal(std::string_view word) {
  if (const int i = index_in(kOrdinals, word); i >= 0) return i + 1;
  if (word.size() < 3 || word.size() > 4) return 0;
  const std::string_view suffix = word.substr(word.size() - 2);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
  int n = 0;
  for (const char c : word.substr(0, word.size() - 2)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n >= 1 && n <= 31 ? n : 0;
}

std::string_view part_of_day(std::string_view word) {
  if (word == "morning") return "MO";
  if (word == "afternoon") return "AF";
  if (word == "evening") return "EV";
  if (word == "night") return "NI";
  return {};
}

std::string_view season(std::string_view word) {
  if (word == "spring") return "SP";
  if (word == "summer") return "SU";
  if (word == "fall" || word == "autumn") return "FA";
  if (word == "winter") return "WI";
  return {};
}

int season_start(std::string_view code) {
  if (code == "SP") return 3;
  if (code == "SU") return 6;
  if (code == "FA") return 9;
  return 12;
}

bool is_time_zone(std::string_view raw) {
  static constexpr std::array<std::string_view, 16> kZones = {"GMT", "UTC", "EST", "EDT", "CST", "CDT",
                                                              "MST", "MDT", "PST", "PDT", "BST", "CET",
                                                              "CEST", "ET", "PT", "IST"};
  return index_in(kZones, raw) >= 0;
}

bool is_approximation(std::string_view word) { return index_in(kApproximations, word) >= 0; }

namespace {

// A bit per (first byte, second byte, length) of the starting words: most other words miss their
// bit and are rejected without hashing.
std::size_t starter_key(std::string_view word) {
  const std::size_t second = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0;
  return ((static_cast<unsigned char>(word[0]) * 131 + second) * 31 + std::min<std::size_t>(word.size(), 31)) % 4096;
}

}  // namespace

bool may_start_expression(std::string_view word) {
  static const std::unordered_set<std::string_view> kStarters = [] {
    std::unordered_set<std::string_view> words = {
        "the", "a", "an", "early", "late", "earlier", "later", "mid", "now", "currently", "nowadays",
        "recently", "lately", "today", "yesterday", "tomorrow", "tonight", "recent", "last", "this", "past",
        "previous", "current", "next", "coming", "following", "several", "few", "many", "more", "less", "at",
        "fiscal", "calendar", "'", "noon", "midnight", "daily", "weekly", "monthly", "annually", "yearly",
        "hourly", "every", "each", "thanksgiving", "christmas", "election", "independence", "new", "sept", "sept.", "first", "second", "third", "fourth", "final", "latest", "that", "these", "year"};
    for (const auto* list : {&kMonthNames, &kMonthAbbreviations}) words.insert(list->begin(), list->end());
    words.insert(kWeekdays.begin(), kWeekdays.end());
    words.insert(kWeekdayAbbreviations.begin(), kWeekdayAbbreviations.end());
    words.insert(kSmallNumbers.begin(), kSmallNumbers.end());
    words.insert(kTens.begin(), kTens.end());
    words.insert(kOrdinals.begin(), kOrdinals.end());
    words.insert(kApproximations.begin(), kApproximations.end());
    for (std::string_view unit : {"seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years",
                                  "decades", "centuries"})
      words.insert(unit);
    return words;
  }();
  static const std::bitset<4096> kStarterKeys = [] {
    std::bitset<4096> keys;
    for (const std::string_view starter : kStarters) keys.set(starter_key(starter));
    return keys;
  }();
  if (word.empty()) return false;
  if (word[0] >= '0' && word[0] <= '9') return true;
  if (kStarterKeys.test(starter_key(word)) && kStarters.count(word)) return true;
  // Abbreviated months and weekdays keep their period ("aug.", "fri.").
  return word.back() == '.' && (month(word) != 0 || weekday(word) != 0);
}

Tense tense_of(std::string_view word) {
  static const std::unordered_map<std::string_view, Tense> kListed = [] {
    std::unordered_map<std::string_view, Tense> listed;
    for (const std::string_view w : kPastWords) listed.emplace(w, Tense::kPast);
    for (const std::string_view w : kFutureWords) listed.emplace(w, Tense::kFuture);
    return listed;
  }();
  if (const auto found = kListed.find(word); found != kListed.end()) return found->second;
  if (word.size() >= 5 && ends_with(word, "ed")) return Tense::kPast;
  return Tense::kUnknown;
}

bool is_passive_auxiliary(std::string_view word) {
  return word == "be" || word == "been" || word == "being" || word == "is" || word == "are";
}

}  // namespace analyze::date_lexicon
