#include "dates/date_extractor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "dates/calendar.h"
#include "dates/date_lexicon.h"
#include "dates/date_resolver.h"

namespace analyze {

namespace {

using date_lexicon::Tense;
using date_lexicon::UnitKind;

constexpr int kVague = -1;  // "several", "a few": a count the text does not give

// A token of the sentence as the patterns read it.
struct Word {
  std::string_view lower;  // the analysis form, ASCII letters lower-cased (in the form or a buffer)
  std::string_view raw;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool glued = false;  // no space before it: "third-quarter", "8:30"
  long digits = -1;    // the value of a token of at most six ASCII digits, else -1
};

long digits_value(std::string_view s) {
  if (s.empty() || s.size() > 6) return -1;
  long v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool is_punctuation(std::string_view s) {
  for (const char c : s)
    if (c != '.' && c != ',' && c != ';' && c != ':' && c != '!' && c != '?' && c != '-') return false;
  return !s.empty();
}

bool has_capital(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The words of sentence `s` into `words`, reused from sentence to sentence. A form with capitals is
// lower-cased into `lowered`, which holds them all (reserved first, so views into it stay valid);
// the others are viewed where they are.
void sentence_words(const Document& doc, const Sentence& s, std::vector<Word>& words, std::string& lowered) {
  words.resize(s.token_end - s.token_begin);
  std::size_t capitalised_bytes = 0;
  for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
    const std::string_view form = doc.form(doc.tokens[t]);
    if (has_capital(form)) capitalised_bytes += form.size();
  }
  lowered.clear();
  lowered.reserve(capitalised_bytes);
  for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
    const Token& token = doc.tokens[t];
    Word& w = words[t - s.token_begin];
    const std::string_view form = doc.form(token);
    w.lower = form;
    if (has_capital(form)) {
      const std::size_t start = lowered.size();
      for (const char c : form) lowered.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
      w.lower = std::string_view(lowered).substr(start);
    }
    w.raw = doc.raw_text(token);
    w.begin = token.begin;
    w.end = token.end;
    w.glued = t > s.token_begin && words[t - s.token_begin - 1].end == token.begin;
    w.digits = digits_value(w.raw);
  }
}

// Whether sentence `s` may state a full date without the article's date: it needs a year, four
// digits or "nineteen ..." said in words.
bool may_state_year(const Document& doc, const Sentence& s) {
  for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
    const std::string_view raw = doc.raw_text(doc.tokens[t]);
    if (raw.size() == 4 && digits_value(raw) >= 0) return true;
    if (raw.size() == 8 && (raw[0] == 'n' || raw[0] == 'N') && digits_value(raw) < 0) {
      std::string lower(raw);
      for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
      if (lower == "nineteen") return true;
    }
  }
  return false;
}

struct Match {
  std::size_t end = 0;  // word index past the expression
  TimexType type = TimexType::kDate;
  std::string value;
  bool names_quarter = false;  // "the third quarter", "last quarter": what "the quarter" refers to later
};

struct Count {
  long value = 0;  // kVague for "several"
  std::size_t end = 0;
};

// Half of a unit in the next smaller one ("2 1/2 years" P2Y6M); empty for units without one.
std::string_view half_unit(UnitKind unit) {
  switch (unit) {
    case UnitKind::kYear: return "6M";
    case UnitKind::kDay: return "T12H";
    case UnitKind::kHour: return "30M";
    case UnitKind::kMinute: return "30S";
    default: return "";
  }
}

// Decades and centuries count in years, as TimeBank writes them ("two decades" P20Y).
std::string duration_value(long count, UnitKind unit, bool and_half = false) {
  if (unit == UnitKind::kDecade || unit == UnitKind::kCentury) {
    const long years = unit == UnitKind::kDecade ? 10 : 100;
    return count == kVague ? "PXY" : fmt::format("P{}Y", count * years);
  }
  const std::string amount = count == kVague ? "X" : std::to_string(count);
  const std::string_view half = count == kVague || !and_half ? std::string_view() : half_unit(unit);
  return fmt::format("P{}{}{}{}", date_lexicon::is_time_unit(unit) ? "T" : "", amount, date_lexicon::duration_code(unit), half);
}

// What the article has said so far that later expressions refer to.
struct ArticleMemory {
  std::string last_quarter;  // "the quarter" and "a year earlier" in a results story refer to it
  std::optional<CalendarDate> last_date;  // "the following year", "the previous Friday" count from it
};

// The patterns of one sentence; `memory` carries across the article's sentences.
class SentenceMatcher {
 public:
  SentenceMatcher(const std::vector<Word>& words, const DateResolver& resolver, ArticleMemory& memory)
      : w_(words), r_(resolver), last_quarter_(memory.last_quarter), last_date_(memory.last_date) {}

  std::optional<Match> longest_at(std::size_t i) {
    if (!date_lexicon::may_start_expression(w_[i].lower) || !next_may_continue(i)) return std::nullopt;
    std::optional<Match> best;
    auto consider = [&](std::optional<Match> m) {
      if (m && m->end > i && (!best || m->end > best->end)) best = std::move(m);
    };
    consider(modified_at(i));
    consider(core_at(i));
    if (best) extend_to_quarter(*best);
    if (best && best->names_quarter) last_quarter_ = best->value;
    if (best) remember_date(best->value);
    return best;
  }

 private:
  // "this year's third quarter", "next year's first quarter": the quarter of the year before "'s".
  void extend_to_quarter(Match& m) const {
    if (m.value.size() != 4 || m.value.find_first_not_of("0123456789") != std::string::npos) return;
    if (!is(m.end, "'s") || !is(m.end + 2, "quarter")) return;
    const int q = ordinal_quarter_word(m.end + 1);
    if (q < 1 || q > 4) return;
    m.value += fmt::format("-Q{}", q);
    m.end += 3;
    m.names_quarter = true;
  }

  // A stated year, month or day ("1995", "1998-03", "1989-10-27") is what "the following ..." follows.
  void remember_date(const std::string& value) {
    if (value.size() != 4 && value.size() != 7 && value.size() != 10) return;
    for (std::size_t k = 0; k < value.size(); ++k)
      if (k == 4 || k == 7 ? value[k] != '-' : (value[k] < '0' || value[k] > '9')) return;
    const int year = std::stoi(value.substr(0, 4));
    const int month = value.size() >= 7 ? std::stoi(value.substr(5, 2)) : 1;
    const int day = value.size() == 10 ? std::stoi(value.substr(8, 2)) : 1;
    if (calendar::is_valid(CalendarDate{year, month, day})) last_date_ = CalendarDate{year, month, day};
  }

  bool is(std::size_t i, std::string_view word) const { return i < w_.size() && w_[i].lower == word; }
  bool glued(std::size_t i) const { return i < w_.size() && w_[i].glued; }
  std::string_view lower(std::size_t i) const { return i < w_.size() ? std::string_view(w_[i].lower) : std::string_view(); }

  // Every pattern but the leading modifiers.
  std::optional<Match> core_at(std::size_t i) {
    std::optional<Match> best;
    auto consider = [&](std::optional<Match> m) {
      if (m && m->end > i && (!best || m->end > best->end)) best = std::move(m);
    };
    consider(reference_at(i));
    consider(relative_at(i));
    consider(count_at(i));
    consider(quarter_at(i));
    consider(calendar_date_at(i));
    consider(weekday_at(i));
    consider(year_at(i));
    consider(time_at(i));
    consider(set_at(i));
    consider(holiday_at(i));
    consider(the_year_at(i));
    consider(that_year_at(i));
    consider(season_at(i));
    consider(half_of_year_at(i));
    consider(year_end_at(i));
    return best;
  }

  // The commonest starting words begin an expression only before certain words, checked before
  // every pattern runs: "the" before a word that may start one or names what "the" introduces
  // ("the end of", "the weekend", "the year", "the quarter", a unit); "a" before a unit ("a year
  // ago", "a couple of", "a 1/2"); an opening quote before a glued decade ("'80s"); a number other
  // than four digits (a year) not before another number or punctuation that ends it.
  bool next_may_continue(std::size_t i) const {
    const std::string_view word = w_[i].lower;
    const std::string_view next = lower(i + 1);
    if (word == "the")
      return date_lexicon::may_start_expression(next) || date_lexicon::unit(next).has_value() || next == "end" ||
             next == "beginning" || next == "start" || next == "middle" || next == "near" || next == "short" ||
             next == "weekend" || next == "future" || next == "year" || next == "full" || next == "latter" ||
             next == "most" || next == "quarter" || !date_lexicon::season(next).empty();
    if (word == "a" || word == "an")
      return date_lexicon::unit(next).has_value() || next == "couple" || next == "few" || next == "more" ||
             next == "-" || next == "1/2" || next == "\u00bd" || next == "1";
    if (word == "'") return glued(i + 1) && !next.empty() && next.back() == 's';
    if (w_[i].digits >= 0 && w_[i].raw.size() != 4)
      return !next.empty() && !(w_[i + 1].digits >= 0 && next != "1") && next != "," && next != "." && next != ")" &&
             next != "(" && next != ";" && next != "\"";
    return true;
  }

  // "early", "late", "mid-", "the end of", "earlier" before a date: part of the expression, the
  // value unchanged ("early next year", "the end of 1999", "mid-November", "earlier this month").
  std::optional<Match> modified_at(std::size_t i) {
    std::size_t next = i;
    if (is(i, "early") || is(i, "late") || is(i, "earlier") || is(i, "later") || is(i, "mid")) next = i + 1;
    else if (is(i, "the") && (is(i + 1, "end") || is(i + 1, "beginning") || is(i + 1, "start") || is(i + 1, "middle")) &&
             is(i + 2, "of"))
      next = i + 3;
    if (next == i) return std::nullopt;
    if (is(next, "-") && glued(next) && glued(next + 1)) ++next;
    auto core = core_at(next);
    if (!core || core->type != TimexType::kDate || core->value.rfind("P", 0) == 0) return std::nullopt;
    return core;
  }

  // Computed on the first weekday or month of the sentence: most sentences need none.
  Tense tense_near(std::size_t i) const {
    if (tense_.size() != w_.size()) tense_ = nearest_tenses(w_);
    return i < tense_.size() ? tense_[i] : Tense::kUnknown;
  }

  // A capitalised word inside the sentence is a name, whatever its ending ("the United States").
  static bool is_name(const std::vector<Word>& words, std::size_t k) {
    return k > 0 && !words[k].raw.empty() && words[k].raw[0] >= 'A' && words[k].raw[0] <= 'Z';
  }

  // The tense of the nearest tense-showing word of the sentence for every word (the earlier one on
  // a tie), in two passes: linear however many weekdays and months the sentence holds. A participle
  // after "be" shows no tense: its auxiliary does ("will be held Sunday" is future).
  static std::vector<Tense> nearest_tenses(const std::vector<Word>& words) {
    const std::size_t n = words.size();
    std::vector<Tense> own(n), nearest(n, Tense::kUnknown);
    std::vector<std::size_t> distance(n, SIZE_MAX);
    for (std::size_t k = 0; k < n; ++k) own[k] = is_name(words, k) ? Tense::kUnknown : date_lexicon::tense_of(words[k].lower);
    for (std::size_t k = 1; k < n; ++k)
      if (own[k] == Tense::kPast && date_lexicon::is_passive_auxiliary(words[k - 1].lower)) own[k] = Tense::kUnknown;
    for (std::size_t k = 0, last = SIZE_MAX; k < n; ++k) {
      if (own[k] != Tense::kUnknown) last = k;
      if (last != SIZE_MAX) distance[k] = k - last, nearest[k] = own[last];
    }
    for (std::size_t k = n, next = SIZE_MAX; k-- > 0;) {
      if (own[k] != Tense::kUnknown) next = k;
      if (next != SIZE_MAX && next - k < distance[k]) distance[k] = next - k, nearest[k] = own[next];
    }
    return nearest;
  }

  std::optional<Match> reference_at(std::size_t i) {
    const std::string_view word = lower(i);
    if (word == "now" || word == "currently" || word == "nowadays") return Match{i + 1, TimexType::kDate, "PRESENT_REF"};
    if (word == "current" && !is(i + 1, "account") && !is(i + 1, "accounts"))  // "current account": a balance
      return Match{i + 1, TimexType::kDate, "PRESENT_REF"};
    if (word == "recently" || word == "lately")
      return Match{i + 1, TimexType::kDate, "PAST_REF"};
    if (word == "these" && is(i + 1, "days")) return Match{i + 2, TimexType::kDate, "PRESENT_REF"};
    // "in the near future", "in the near term", "in the short term" (not "the short-term debt").
    if (word == "the" && (is(i + 1, "near") || is(i + 1, "short")) && (is(i + 2, "term") || is(i + 2, "future")) &&
        !is(i + 3, "-"))
      return Match{i + 3, TimexType::kDate, "FUTURE_REF"};
    if (word == "the" && is(i + 1, "weekend")) return Match{i + 2, TimexType::kDate, r_.weekend(tense_near(i))};
    if (word == "the" && (is(i + 1, "past") || is(i + 1, "future")) && !count_follows(i + 2) && !unit_follows(i + 2))
      return Match{i + 2, TimexType::kDate, is(i + 1, "past") ? "PAST_REF" : "FUTURE_REF"};
    if (word == "today" || word == "yesterday" || word == "tomorrow") {
      const int offset = word == "today" ? 0 : word == "yesterday" ? -1 : 1;
      if (auto part = date_lexicon::part_of_day(lower(i + 1)); !part.empty())
        return Match{i + 2, TimexType::kTime, r_.day_part(offset, part)};
      return Match{i + 1, TimexType::kDate, r_.day(offset)};
    }
    if (word == "tonight") return Match{i + 1, TimexType::kTime, r_.day_part(0, "NI")};
    if (word == "recent") return recent_at(i);
    return std::nullopt;
  }

  // "recent years" is the past (PAST_REF); "recent days", "recent weeks", "recent months" a span of
  // units the text does not count (PXW), as TimeBank writes them.
  std::optional<Match> recent_at(std::size_t i) const {
    const auto unit = date_lexicon::unit(lower(i + 1));
    if (!unit || !unit->plural) return std::nullopt;
    if (unit->kind == UnitKind::kDay || unit->kind == UnitKind::kWeek || unit->kind == UnitKind::kMonth)
      return Match{i + 2, TimexType::kDuration, duration_value(kVague, unit->kind)};
    return Match{i + 2, TimexType::kDate, "PAST_REF"};
  }

  // "the year", "the full year", "the fiscal year": the article's year, as a results story reports
  // it; "the year ended Sept. 30" is a year's length (P1Y) ending on the date that follows. Not
  // "the year-ago quarter", "the year before", "the year 2000", "the year that ...": those name
  // another year.
  std::optional<Match> the_year_at(std::size_t i) const {
    if (!is(i, "the")) return std::nullopt;
    const std::size_t head = is(i + 1, "full") || is(i + 1, "fiscal") ? i + 2 : i + 1;
    if (!is(head, "year")) return std::nullopt;
    const std::string_view next = lower(head + 1);
    if (next == "-" || next == "ago" || next == "earlier" || next == "before" || next == "after" || next == "later" ||
        next == "when" || next == "that" || next == "of" || next == "in" || count_follows(head + 1))
      return std::nullopt;
    if (next == "ended" || next == "ending") return Match{head + 1, TimexType::kDuration, "P1Y"};
    return Match{head + 1, TimexType::kDate, r_.year(0)};
  }

  // "that year" ("in June 1998 ... later that year") is the year the article stated last; "that
  // quarter" the quarter it named last.
  std::optional<Match> that_year_at(std::size_t i) const {
    if (!is(i, "that")) return std::nullopt;
    if (is(i + 1, "year") && last_date_) return Match{i + 2, TimexType::kDate, fmt::format("{:04d}", last_date_->year)};
    if (is(i + 1, "quarter") && !last_quarter_.empty()) return Match{i + 2, TimexType::kDate, last_quarter_};
    return std::nullopt;
  }

  // "the summer" is this year's ("well into the summer"), "the winter of 1994" that year's; a bare
  // season only after "early", "late" or "mid" ("the early summer"): "spring" and "fall" are verbs too.
  std::optional<Match> season_at(std::size_t i) const {
    const bool introduced = is(i, "the");
    const std::size_t at = introduced ? i + 1 : i;
    const std::string_view code = date_lexicon::season(lower(at));
    if (code.empty()) return std::nullopt;
    if (!introduced && (i == 0 || (!is(i - 1, "early") && !is(i - 1, "late") && !is(i - 1, "mid")))) return std::nullopt;
    if (auto year = of_year_at(at + 1)) return Match{year->second, TimexType::kDate, fmt::format("{:04d}-{}", year->first, code)};
    return Match{at + 1, TimexType::kDate, r_.season(code, 0)};
  }

  // "the first half of 1990" 1990-H1, "the second (last, latter) half of 1989" 1989-H2.
  std::optional<Match> half_of_year_at(std::size_t i) const {
    if (!is(i, "the") || !is(i + 2, "half")) return std::nullopt;
    const int half = is(i + 1, "first") ? 1 : is(i + 1, "second") || is(i + 1, "last") || is(i + 1, "latter") ? 2 : 0;
    if (half == 0) return std::nullopt;
    const auto year = of_year_at(i + 3);
    if (!year) return std::nullopt;
    return Match{year->second, TimexType::kDate, fmt::format("{:04d}-H{}", year->first, half)};
  }

  // "by year-end", "by year's end", "around year end": the year whose end it is, as "the end of
  // 1999" is 1999; after "since" the last one passed. Not "year-end net": a modifier.
  std::optional<Match> year_end_at(std::size_t i) const {
    if (!is(i, "year") || i == 0) return std::nullopt;
    const std::string_view before = lower(i - 1);
    if (before != "by" && before != "since" && before != "around" && before != "at" && before != "until" &&
        before != "before" && before != "after" && before != "through")
      return std::nullopt;
    const std::size_t end_word = (is(i + 1, "-") && glued(i + 1) && glued(i + 2)) || is(i + 1, "'s") ? i + 2 : i + 1;
    if (!is(end_word, "end")) return std::nullopt;
    return Match{end_word + 1, TimexType::kDate, r_.year(before == "since" ? -1 : 0)};
  }

  bool count_follows(std::size_t i) const { return i < w_.size() && (w_[i].digits >= 0 || date_lexicon::number_word(w_[i].lower) >= 0); }
  bool unit_follows(std::size_t i) const { return date_lexicon::unit(lower(i)).has_value(); }

  // The direction a relative word gives: -1 last/past/previous, 0 this/current, +1 next/coming.
  static std::optional<int> direction_of(std::string_view word) {
    if (word == "last" || word == "past" || word == "previous") return -1;
    if (word == "this" || word == "current") return 0;
    if (word == "next" || word == "coming" || word == "following") return 1;
    return std::nullopt;
  }

  // "last year", "this month", "next week", "the past year", "the current fiscal year", "last Friday", "last November",
  // "this summer", "this morning", "last night", "this weekend".
  // "The following year", "the previous Friday" count from the date the article stated last, the
  // others from the article's date.
  std::optional<Match> relative_at(std::size_t i) {
    const std::size_t at = is(i, "the") ? i + 1 : i;
    const auto direction = direction_of(lower(at));
    if (!direction) return std::nullopt;
    const bool sequential = (is(at, "following") || is(at, "previous")) && last_date_;
    const DateResolver from_last_date(sequential ? last_date_ : std::nullopt);
    const DateResolver& r = sequential ? from_last_date : r_;
    const std::size_t head = is(at + 1, "fiscal") && (is(at + 2, "year") || is(at + 2, "quarter")) ? at + 2 : at + 1;
    const std::string_view word = lower(head);
    const int d = *direction;
    if (word == "year") return Match{head + 1, TimexType::kDate, r.year(d)};
    if (word == "month") return Match{head + 1, TimexType::kDate, r.month(d)};
    if (word == "week") return Match{head + 1, TimexType::kDate, r.week(d)};
    if (word == "day" && sequential) return Match{head + 1, TimexType::kDate, r.day(d)};
    if (word == "quarter") return Match{head + 1, TimexType::kDate, r.quarter(d), true};
    if (word == "decade" && d == 0) return Match{head + 1, TimexType::kDate, r.year(0).substr(0, 3)};
    if (word == "weekend") return Match{head + 1, TimexType::kDate, r.week(d) + "-WE"};
    if (at == i || sequential) return relative_named_at(r, head, d);
    return std::nullopt;
  }

  std::optional<Match> relative_named_at(const DateResolver& r, std::size_t head, int d) {
    const std::string_view word = lower(head);
    if (const int wd = date_lexicon::weekday(word)) return Match{head + 1, TimexType::kDate, r.weekday(wd, d, tense_near(head))};
    if (const int m = month_name_at(head)) return Match{head + 1, TimexType::kDate, r.named_month(m, d, tense_near(head))};
    if (auto s = date_lexicon::season(word); !s.empty()) return Match{head + 1, TimexType::kDate, r.season(s, d)};
    if (auto part = date_lexicon::part_of_day(word); !part.empty()) {
      if (d == 0) return Match{head + 1, TimexType::kTime, r.day_part(0, part)};
      if (d < 0 && part == "NI") return Match{head + 1, TimexType::kTime, r.day_part(-1, part)};
    }
    return std::nullopt;
  }

  // A count: digits, number words ("twenty-five"), "a"/"an" before a singular unit, "a few",
  // "several".
  std::optional<Count> count_at(std::size_t i, bool allow_article) const {
    if (i >= w_.size()) return std::nullopt;
    if (w_[i].digits >= 0) return Count{w_[i].digits, i + 1};
    const std::string_view word = w_[i].lower;
    if (allow_article && (word == "a" || word == "an")) {
      if (is(i + 1, "couple")) return Count{2, is(i + 2, "of") ? i + 3 : i + 2};
      if (is(i + 1, "few")) return Count{kVague, is(i + 2, "of") ? i + 3 : i + 2};
      return Count{1, i + 1};
    }
    if (word == "several" || word == "few" || word == "many") return Count{kVague, i + 1};
    const int n = date_lexicon::number_word(word);
    if (n < 0) return std::nullopt;
    if (n >= 20 && is(i + 1, "-") && date_lexicon::number_word(lower(i + 2)) > 0 &&
        date_lexicon::number_word(lower(i + 2)) < 10)
      return Count{n + date_lexicon::number_word(lower(i + 2)), i + 3};
    return Count{n, i + 1};
  }

  // Counts of units: "three days", "two-year", "the past two months", "the first nine months",
  // "almost four years ago", "a year earlier", "years".
  std::optional<Match> count_at(std::size_t i) {
    std::size_t at = i;
    const bool the = is(at, "the");
    if (the) ++at;
    const bool span_word = is(at, "past") || is(at, "last") || is(at, "next") || is(at, "first") || is(at, "coming") ||
                           is(at, "previous") || is(at, "final") || is(at, "latest") || is(at, "recent");
    if (span_word) ++at;
    if (is(at, "more") || is(at, "less")) at = is(at + 1, "than") ? at + 2 : at;
    else if (is(at, "at") && is(at + 1, "least")) at += 2;
    else if (date_lexicon::is_approximation(lower(at))) ++at;
    const auto count = count_at(at, true);
    if (!count) return plural_units_at(i, at, the || span_word);
    std::size_t unit_pos = count->end;
    const std::size_t fraction_end = half_at(unit_pos);
    const bool half = fraction_end > unit_pos;
    unit_pos = fraction_end;
    const bool hyphen = is(unit_pos, "-") && glued(unit_pos) && glued(unit_pos + 1);
    if (hyphen) ++unit_pos;
    else if (is(unit_pos, "more") && count->value != kVague) ++unit_pos;  // "two more weeks"
    const auto unit = date_lexicon::unit(lower(unit_pos));
    if (!unit || (unit->plural && count->value == 1 && !hyphen)) return std::nullopt;
    if (unit->kind == UnitKind::kSecond && !unit->plural && (is(unit_pos + 1, "quarter") || is(unit_pos + 1, "half")))
      return std::nullopt;  // "the 1988 second quarter": an ordinal
    if (unit->kind == UnitKind::kQuarter && !unit->plural && !hyphen && count->value > 1)
      return std::nullopt;  // "the 1988 quarter": a year's quarter
    if (the && !span_word && count->value != kVague && w_[at].digits < 0 && lower(at) == "a") return std::nullopt;
    std::size_t end = unit_pos + 1;
    if (age_follows(end) || (is(end, "-") && is(end + 1, "old"))) return std::nullopt;
    if (unit->kind == UnitKind::kQuarter && is_fraction_of(end)) return std::nullopt;
    const bool and_a_half = is(end, "and") && is(end + 1, "a") && is(end + 2, "half");
    if (and_a_half) end += 3;
    const bool dated = is(end, "ago") || is(end, "earlier");  // "$5 million a year ago": no rate
    if ((lower(at) == "a" || lower(at) == "an") && !dated)
      if (at > 0 && (w_[at - 1].digits >= 0 || is_rate_word(w_[at - 1].lower))) return std::nullopt;
    if (!hyphen && !span_word) {
      if (auto ago = ago_at(end, unit->kind, count->value)) return ago;
    }
    return Match{end, TimexType::kDuration, duration_value(count->value, unit->kind, half || and_a_half)};
  }

  // "52 years old": a person's age, not a time expression (TimeBank leaves it out; it keeps "a
  // years-old slump", the age of a thing).
  bool age_follows(std::size_t i) const { return is(i, "old"); }

  // "three-quarters of its food", "a quarter of the market": a share, not quarters of a year
  // ("several quarters of losses" are).
  bool is_fraction_of(std::size_t i) const {
    if (!is(i, "of")) return false;
    const std::string_view next = lower(i + 1);
    return next == "the" || next == "a" || next == "an" || next == "its" || next == "their" || next == "his" ||
           next == "her" || next == "our" || next == "all" || next == "this" || next == "that" || next == "these";
  }

  // Past a "1/2" after a whole count ("5 1/2 hours"); `i` itself when there is none.
  std::size_t half_at(std::size_t i) const {
    if (is(i, "1/2") || is(i, "\u00bd")) return i + 1;
    if (is(i, "1") && is(i + 1, "/") && is(i + 2, "2") && glued(i + 1) && glued(i + 2)) return i + 3;
    return i;
  }

  // "$5 a day", "twice a year": a rate, not a duration.
  static bool is_rate_word(std::string_view word) {
    return word == "once" || word == "twice" || word == "times" || word == "cents" || word == "dollars" ||
           word == "million" || word == "billion" || word == "%" || word == "percent";
  }

  // "years", "recent months", "the past few weeks": a count the text does not give.
  std::optional<Match> plural_units_at(std::size_t i, std::size_t at, bool introduced) {
    const auto unit = date_lexicon::unit(lower(at));
    if (!unit || !unit->plural || unit->kind == UnitKind::kQuarter || date_lexicon::is_time_unit(unit->kind))
      return std::nullopt;
    if (!introduced && unit->kind == UnitKind::kDay) return std::nullopt;
    if ((!introduced && at != i) || age_follows(at + 1)) return std::nullopt;
    if (auto ago = ago_at(at + 1, unit->kind, kVague)) return ago;
    return Match{at + 1, TimexType::kDuration, duration_value(kVague, unit->kind)};
  }

  // "... ago", "... earlier", "... from now" after a count of units: a date. "Three days later"
  // counts from an event, not from the article's date: a duration, without "later".
  std::optional<Match> ago_at(std::size_t i, UnitKind unit, long count) {
    int direction = 0;
    if (is(i, "-") && glued(i) && glued(i + 1) && (is(i + 1, "ago") || is(i + 1, "earlier"))) ++i;  // "a year-earlier"
    if (is(i, "or") && is(i + 1, "so") && (is(i + 2, "ago") || is(i + 2, "earlier"))) i += 2;  // "a week or so ago"
    std::size_t end = i + 1;
    if (is(i, "ago") || is(i, "earlier") || is(i, "before")) direction = -1;
    else if (is(i, "hence")) direction = 1;
    else if (is(i, "from") && is(i + 1, "now")) direction = 1, end = i + 2;
    if (direction == 0) return std::nullopt;
    if (count == kVague) return Match{end, TimexType::kDate, direction < 0 ? "PAST_REF" : "FUTURE_REF"};
    if (unit == UnitKind::kYear && count == 1 && !last_quarter_.empty())
      if (auto q = shift_quarter_value(last_quarter_, 4 * direction)) return Match{end, TimexType::kDate, *q};
    return Match{end, TimexType::kDate, r_.shifted(unit, count, direction)};
  }

  std::optional<Match> quarter_at(std::size_t i) {
    std::size_t at = is(i, "the") ? i + 1 : i;
    const int q = ordinal_quarter_word(at);
    std::string value;
    if (q == 0 && at < w_.size() && is_year_number(w_[at].digits) && w_[at].raw.size() == 4) {
      const int year = static_cast<int>(w_[at].digits);
      if (const int q2 = ordinal_quarter_word(at + 1); q2 > 0 && is(at + 2, "quarter"))
        return Match{at + 3, TimexType::kDate, fmt::format("{:04d}-Q{}", year, q2), true};
      if (at > i) return quarter_of_year_at(at + 1, year);
    }
    if (q > 0 && q <= 4) {
      at += (is(at + 1, "-") && glued(at + 1)) ? 2 : 1;
      if (is(at, "fiscal")) ++at;
      if (!is(at, "quarter")) return std::nullopt;
      value = r_.ordinal_quarter(q, tense_near(at));
      if (auto year = of_year_at(at + 1)) {
        value = fmt::format("{:04d}-Q{}", year->first, q);
        return Match{year->second, TimexType::kDate, value, true};
      }
      return Match{at + 1, TimexType::kDate, value, true};
    }
    if (at == i) return std::nullopt;
    return reported_quarter_at(i, at);
  }

  // "the quarter", "the latest quarter", "the year-ago quarter": the quarter the story reports.
  std::optional<Match> reported_quarter_at(std::size_t i, std::size_t at) {
    int shift = 0;
    bool latest = false;
    if (is(at, "latest") || is(at, "most")) at += is(at, "most") && is(at + 1, "recent") ? 2 : 1, latest = true;
    else if (is(at, "year") && is(at + 1, "-") && (is(at + 2, "ago") || is(at + 2, "earlier"))) shift = -4, at += 3;
    const bool qualified = at > i + 1;
    if (!is(at, "quarter") && !(qualified && is(at, "period"))) return std::nullopt;
    // "the latest quarter" is the last one completed before the article, whatever was named before.
    std::string base = latest || last_quarter_.empty() ? r_.quarter(-1) : last_quarter_;
    if (auto shifted = shift_quarter_value(base, shift)) base = *shifted;
    return Match{at + 1, TimexType::kDate, base};
  }

  // "the 1988 quarter" is that year's quarter of the one the story reports; "the 1988 period"
  // too once a quarter was named, else the year.
  std::optional<Match> quarter_of_year_at(std::size_t at, int year) const {
    const bool period = is(at, "period");
    if (!is(at, "quarter") && !period) return std::nullopt;
    const std::string reported = last_quarter_.empty() && !period ? r_.quarter(-1) : last_quarter_;
    const std::size_t q = reported.find("-Q");
    if (q == std::string::npos || q + 2 >= reported.size())
      return period ? std::optional<Match>(Match{at + 1, TimexType::kDate, fmt::format("{:04d}", year)}) : std::nullopt;
    return Match{at + 1, TimexType::kDate, fmt::format("{:04d}-Q{}", year, reported[q + 2])};
  }

  int ordinal_quarter_word(std::size_t i) const {
    const int n = date_lexicon::ordinal(lower(i));
    if (n >= 1 && n <= 4) return n;
    return 0;
  }

  // " of 1998" / " of fiscal 1998": the year and the index past it.
  std::optional<std::pair<int, std::size_t>> of_year_at(std::size_t i) const {
    if (!is(i, "of")) return std::nullopt;
    std::size_t at = is(i + 1, "fiscal") ? i + 2 : i + 1;
    if (at < w_.size() && is_year_number(w_[at].digits)) return std::pair{static_cast<int>(w_[at].digits), at + 1};
    return spoken_year_at(at);
  }

  static bool is_year_number(long n) { return n >= 1000 && n <= 2099; }

  // A month name: full names in any case; "May" and "March" only when a number or year is near
  // (as a verb or modal they are common); abbreviations with or without their period.
  int month_name_at(std::size_t i) const {
    if (i >= w_.size()) return 0;
    const int m = date_lexicon::month(w_[i].lower);
    if (m == 0) return 0;
    if (w_[i].raw.empty() || !(w_[i].raw[0] >= 'A' && w_[i].raw[0] <= 'Z')) return 0;
    return m;
  }

  // An abbreviation's period belongs to it ("Aug."); a full name's is the sentence's ("in November.").
  std::size_t after_month(std::size_t i) const {
    const bool abbreviated = date_lexicon::is_month_abbreviation(w_[i].lower);
    return abbreviated && is(i + 1, ".") && glued(i + 1) ? i + 2 : i + 1;
  }

  // "Aug. 7", "August 7, 1998", "7 August 1998", "July 1997", "August of 1988", "December",
  // "Friday, Oct. 23".
  std::optional<Match> calendar_date_at(std::size_t i) {
    if (const int m = month_name_at(i)) return month_first_at(i, m);
    if (i < w_.size() && w_[i].digits >= 1 && w_[i].digits <= 31) {
      if (const int m = month_name_at(i + 1)) {
        const int day = static_cast<int>(w_[i].digits);
        const std::size_t end = after_month(i + 1);
        return day_month_value(end, m, day);
      }
    }
    return iso_date_at(i);
  }

  std::optional<Match> month_first_at(std::size_t i, int m) {
    const std::size_t next = after_month(i);
    const int day = day_number(next);
    if (day > 0) {
      const std::size_t day_end = next + 1;
      if (auto full = year_after(day_end); full && calendar::is_valid(CalendarDate{full->first, m, day}))
        return Match{full->second, TimexType::kDate, iso_date(CalendarDate{full->first, m, day})};
      if (day <= calendar::days_in_month(2000, m)) return Match{day_end, TimexType::kDate, r_.month_day(m, day, tense_near(i))};
    }
    if (auto year = year_after(next)) return Match{year->second, TimexType::kDate, fmt::format("{:04d}-{:02d}", year->first, m)};
    if (date_lexicon::is_month_abbreviation(w_[i].lower)) return std::nullopt;  // "Jan", "Aug.": an abbreviation stands only before a day or a year
    if (auto year = of_year_at(next)) return Match{year->second, TimexType::kDate, fmt::format("{:04d}-{:02d}", year->first, m)};
    if ((is(next, "last") || is(next, "this") || is(next, "next")) && is(next + 1, "year")) {
      const std::string year = r_.year(*direction_of(lower(next)));
      return Match{next + 2, TimexType::kDate, year + fmt::format("-{:02d}", m)};
    }
    if ((m == 5 || m == 3) && !month_context(i)) return std::nullopt;
    return Match{next, TimexType::kDate, r_.named_month(m, 0, tense_near(i))};
  }

  // "in May", "early March", "last May": a preposition or modifier before an ambiguous month name.
  bool month_context(std::size_t i) const {
    if (i == 0) return false;
    const std::string_view before = lower(i - 1);
    return before == "in" || before == "since" || before == "until" || before == "by" || before == "early" ||
           before == "late" || before == "mid" || before == "-" || before == "of" || before == "through" ||
           before == "during" || before == "from" || before == "last" || before == "next" || before == "this";
  }

  std::optional<Match> day_month_value(std::size_t end, int m, int day) {
    if (auto full = year_after(end); full && calendar::is_valid(CalendarDate{full->first, m, day}))
      return Match{full->second, TimexType::kDate, iso_date(CalendarDate{full->first, m, day})};
    if (day > calendar::days_in_month(2000, m)) return std::nullopt;
    return Match{end, TimexType::kDate, r_.month_day(m, day)};
  }

  // A day of the month after a month name: "7", "7th".
  int day_number(std::size_t i) const {
    if (i >= w_.size()) return 0;
    if (w_[i].digits >= 1 && w_[i].digits <= 31 && w_[i].raw.size() <= 2) return static_cast<int>(w_[i].digits);
    if (w_[i].lower.size() <= 4 && w_[i].lower[0] >= '0' && w_[i].lower[0] <= '9') return date_lexicon::ordinal(w_[i].lower);
    return 0;
  }

  // ", 1998" or " 1998" after a day or month.
  std::optional<std::pair<int, std::size_t>> year_after(std::size_t i) const {
    const std::size_t at = is(i, ",") ? i + 1 : i;
    if (at < w_.size() && w_[at].raw.size() == 4 && is_year_number(w_[at].digits))
      return std::pair{static_cast<int>(w_[at].digits), at + 1};
    return spoken_year_at(at);
  }

  // A year said in words, as transcripts write it: "nineteen ninety-six", "nineteen eighty".
  std::optional<std::pair<int, std::size_t>> spoken_year_at(std::size_t i) const {
    if (!is(i, "nineteen")) return std::nullopt;
    const int tens = date_lexicon::number_word(lower(i + 1));
    if (tens < 20 || tens % 10 != 0) return std::nullopt;
    const int units = is(i + 2, "-") ? date_lexicon::number_word(lower(i + 3)) : -1;
    if (units > 0 && units < 10) return std::pair{1900 + tens + units, i + 4};
    return std::pair{1900 + tens, i + 2};
  }

  // "1998-08-07" and "12/31/1999" written as one run of characters.
  std::optional<Match> iso_date_at(std::size_t i) {
    if (i + 4 >= w_.size() || w_[i].digits < 0) return std::nullopt;
    for (std::size_t k = i + 1; k <= i + 4; ++k)
      if (!w_[k].glued) return std::nullopt;
    const std::string_view sep = w_[i + 1].raw;
    if (sep != w_[i + 3].raw || (sep != "-" && sep != "/")) return std::nullopt;
    CalendarDate d;
    if (sep == "-" && w_[i].raw.size() == 4) d = {int(w_[i].digits), int(w_[i + 2].digits), int(w_[i + 4].digits)};
    else if (sep == "/" && w_[i + 4].raw.size() == 4) d = {int(w_[i + 4].digits), int(w_[i].digits), int(w_[i + 2].digits)};
    else return std::nullopt;
    if (!calendar::is_valid(d)) return std::nullopt;
    return Match{i + 5, TimexType::kDate, iso_date(d)};
  }

  // "Friday", "Friday morning", "Friday, Oct. 23" (the stated date wins). "Friday's ruling" has
  // happened: a possessive weekday is the latest one, whatever the sentence's tense. A weekday's
  // morning, afternoon or night is in the span, not in the value (TimeBank mostly gives "Friday
  // night" the day alone); its evening is a time of that day ("Friday evening" 1998-08-07TEV).
  std::optional<Match> weekday_at(std::size_t i) {
    const int wd = date_lexicon::weekday(lower(i));
    if (wd == 0) return std::nullopt;
    if (const std::size_t comma = is(i + 1, ",") ? i + 2 : i + 1; month_name_at(comma))
      if (auto date = calendar_date_at(comma); date && date->value.size() == 10) return date;
    const std::string day = r_.weekday(wd, 0, is(i + 1, "'s") ? Tense::kPast : tense_near(i));
    const std::string_view part = date_lexicon::part_of_day(lower(i + 1));
    if (part.empty()) return Match{i + 1, TimexType::kDate, day};
    if (part == "EV" && day.find('X') == std::string::npos)
      return Match{i + 2, TimexType::kTime, day + "T" + std::string(part)};
    return Match{i + 2, TimexType::kDate, day};
  }

  // "1998", "fiscal 1990", "the 1990s", "mid-1990s", "the 20th century".
  std::optional<Match> year_at(std::size_t i) {
    std::size_t at = i;
    if (is(at, "fiscal") || is(at, "calendar")) ++at;
    if (auto decade = decade_at(i)) return decade;
    if (auto century = century_at(i)) return century;
    if (auto spoken = spoken_year_at(at)) return Match{spoken->second, TimexType::kDate, fmt::format("{:04d}", spoken->first)};
    if (at >= w_.size() || w_[at].raw.size() != 4 || !is_year_number(w_[at].digits)) return std::nullopt;
    if (!plausible_year(at)) return std::nullopt;
    return Match{at + 1, TimexType::kDate, fmt::format("{:04d}", w_[at].digits)};
  }

  // A four-digit number is a year unless money, a percentage or a count of things surrounds it.
  bool plausible_year(std::size_t at) const {
    if (at > 0 && (w_[at - 1].raw == "$" || w_[at - 1].raw == "£" || w_[at - 1].raw == "€" || w_[at - 1].lower == "about" ||
                   w_[at - 1].raw == "," || w_[at - 1].raw == "."))
      return w_[at - 1].raw == "," && at >= 2 && month_name_at(at - 2);
    if (at + 1 < w_.size() && (w_[at + 1].raw == "%" || w_[at + 1].lower == "percent" || w_[at + 1].lower == "people" ||
                               (w_[at + 1].raw == "," && at + 2 < w_.size() && w_[at + 2].digits >= 0)))
      return false;
    const long y = w_[at].digits;
    if (y >= 1900) return true;
    if (at == 0) return false;
    const std::string_view before = w_[at - 1].lower;
    return before == "in" || before == "since" || before == "of" || before == "until" || before == "by" || before == "from";
  }

  std::optional<Match> decade_at(std::size_t i) {
    std::size_t at = is(i, "the") ? i + 1 : i;
    if (is(at, "'") && glued(at + 1)) ++at;
    if (at >= w_.size()) return std::nullopt;
    const std::string_view word = w_[at].lower;
    if (word.size() < 3 || word.back() != 's') return std::nullopt;
    const long n = digits_value(std::string_view(word).substr(0, word.size() - 1));
    if (word.size() == 5 && n >= 1000 && n <= 2090 && n % 10 == 0)
      return Match{at + 1, TimexType::kDate, fmt::format("{:03d}X", n / 10)};
    if (word.size() == 3 && n >= 0 && n % 10 == 0 && at > 0 && is(at - 1, "'"))
      return Match{at + 1, TimexType::kDate, fmt::format("19{}X", n / 10)};
    return std::nullopt;
  }

  std::optional<Match> century_at(std::size_t i) {
    const std::size_t at = is(i, "the") ? i + 1 : i;
    const int n = date_lexicon::ordinal(lower(at));
    if (n < 1 || n > 21 || !is(at + 1, "century")) return std::nullopt;
    return Match{at + 2, TimexType::kDate, fmt::format("{:02d}", n - 1)};
  }

  // "10:35 a.m.", "8am", "3 p.m. EST", "noon", "midnight"; followed by a weekday it takes its date.
  std::optional<Match> time_at(std::size_t i) {
    std::optional<std::pair<int, int>> clock;
    std::size_t end = i;
    if (is(i, "noon") || is(i, "midnight")) clock = std::pair{is(i, "noon") ? 12 : 24, 0}, end = i + 1;
    else clock = clock_at(i, end);
    if (!clock) return std::nullopt;
    if (end < w_.size() && date_lexicon::is_time_zone(w_[end].raw)) ++end;
    else if (is(end, "local") && is(end + 1, "time")) end += 2;
    std::string day = r_.day(0);
    if (const int wd = date_lexicon::weekday(lower(end))) day = r_.weekday(wd, 0, tense_near(end)), ++end;
    else if (const std::size_t at = is(end, ",") ? end + 1 : end; month_name_at(at))
      if (auto date = calendar_date_at(at); date && date->value.size() == 10) day = date->value, end = date->end;
    const int hour = clock->first == 24 ? 0 : clock->first;
    return Match{end, TimexType::kTime, fmt::format("{}T{:02d}:{:02d}", day, hour, clock->second)};
  }

  // Hours and minutes with a.m./p.m. ("10:35 a.m.", "6 a.m", "8am") or a 24-hour "14:30".
  std::optional<std::pair<int, int>> clock_at(std::size_t i, std::size_t& end) const {
    if (i >= w_.size()) return std::nullopt;
    const std::string_view word = w_[i].lower;
    if (word.size() >= 3 && word.size() <= 4 && (word.substr(word.size() - 2) == "am" || word.substr(word.size() - 2) == "pm")) {
      const long h = digits_value(std::string_view(word).substr(0, word.size() - 2));
      if (h < 1 || h > 12) return std::nullopt;
      end = i + 1;
      return std::pair{static_cast<int>(word.back() == 'm' && word[word.size() - 2] == 'p' ? (h % 12) + 12 : h % 12), 0};
    }
    if (w_[i].digits < 0 || w_[i].digits > 24) return std::nullopt;
    int hour = static_cast<int>(w_[i].digits), minute = 0;
    std::size_t at = i + 1;
    if (is(at, ":") && glued(at) && glued(at + 1) && at + 1 < w_.size() && w_[at + 1].raw.size() == 2 &&
        w_[at + 1].digits >= 0 && w_[at + 1].digits < 60)
      minute = static_cast<int>(w_[at + 1].digits), at += 2;
    const std::string_view marker = lower(at);
    const bool am = marker == "a.m." || marker == "a.m" || marker == "am";
    const bool pm = marker == "p.m." || marker == "p.m" || marker == "pm";
    if ((am || pm) && hour >= 1 && hour <= 12) {
      end = at + 1;
      return std::pair{pm ? hour % 12 + 12 : hour % 12, minute};
    }
    if (at == i + 3 && hour < 24 && (at < w_.size() && (date_lexicon::is_time_zone(w_[at].raw) || is(at, "local")))) {
      end = at;
      return std::pair{hour, minute};
    }
    return std::nullopt;
  }

  // "Thanksgiving", "Christmas Day", "New Year's Day", "Election Day", "last Thanksgiving".
  std::optional<Match> holiday_at(std::size_t i) {
    const auto direction = direction_of(lower(i));
    const std::size_t at = direction ? i + 1 : i;
    const auto holiday = holiday_name_at(at);
    if (!holiday) return std::nullopt;
    return Match{holiday->second, TimexType::kDate, r_.holiday(holiday->first, direction.value_or(0), tense_near(at))};
  }

  // A capitalised holiday name at `i` and the index past it.
  std::optional<std::pair<HolidayRule, std::size_t>> holiday_name_at(std::size_t i) const {
    if (i >= w_.size() || w_[i].raw.empty() || !(w_[i].raw[0] >= 'A' && w_[i].raw[0] <= 'Z')) return std::nullopt;
    const std::size_t after = is(i + 1, "day") ? i + 2 : i + 1;
    if (is(i, "thanksgiving")) return std::pair{HolidayRule{11, 0, 4, 4, 0}, after};
    if (is(i, "christmas") && is(i + 1, "eve")) return std::pair{HolidayRule{12, 24}, i + 2};
    if (is(i, "christmas")) return std::pair{HolidayRule{12, 25}, after};
    if (is(i, "election") && is(i + 1, "day")) return std::pair{HolidayRule{11, 0, 1, 1, 1}, i + 2};
    if (is(i, "independence") && is(i + 1, "day")) return std::pair{HolidayRule{7, 4}, i + 2};
    if (is(i, "new") && is(i + 1, "year") && is(i + 2, "'s") && is(i + 3, "day")) return std::pair{HolidayRule{1, 1}, i + 4};
    return std::nullopt;
  }

  // "daily", "weekly", "every day", "each year", "every Thursday".
  std::optional<Match> set_at(std::size_t i) {
    const std::string_view word = lower(i);
    if (word == "daily") return Match{i + 1, TimexType::kSet, "P1D"};
    if (word == "weekly") return Match{i + 1, TimexType::kSet, "P1W"};
    if (word == "monthly") return Match{i + 1, TimexType::kSet, "P1M"};
    if (word == "annually" || word == "yearly") return Match{i + 1, TimexType::kSet, "P1Y"};
    if (word == "hourly") return Match{i + 1, TimexType::kSet, "PT1H"};
    if (word != "every" && word != "each") return std::nullopt;
    if (const int wd = date_lexicon::weekday(lower(i + 1))) return Match{i + 2, TimexType::kSet, fmt::format("XXXX-WXX-{}", wd)};
    if (const int m = month_name_at(i + 1)) return Match{i + 2, TimexType::kSet, fmt::format("XXXX-{:02d}", m)};
    if (auto unit = date_lexicon::unit(lower(i + 1)); unit && !unit->plural)
      return Match{i + 2, TimexType::kSet, duration_value(1, unit->kind)};
    return std::nullopt;
  }

  const std::vector<Word>& w_;
  mutable std::vector<Tense> tense_;
  const DateResolver& r_;
  std::string& last_quarter_;
  std::optional<CalendarDate>& last_date_;
};

// The last word of the expression [first, end) that is not punctuation: a full stop or comma a
// pattern read past never belongs to the span ("in November." ends at "November").
std::size_t last_word_of(const std::vector<Word>& words, std::size_t first, std::size_t end) {
  std::size_t last = end - 1;
  while (last > first && is_punctuation(words[last].raw)) --last;
  return last;
}

}  // namespace

std::vector<TimeExpression> extract_dates(const Document& doc, const std::optional<CalendarDate>& anchor) {
  std::vector<TimeExpression> out;
  const DateResolver resolver(anchor);
  ArticleMemory memory;
  std::vector<Word> words;
  std::string lowered;
  for (const Sentence& s : doc.sentences) {
    if (!doc.paragraphs.empty() && doc.in_boilerplate(s)) continue;
    sentence_words(doc, s, words, lowered);
    SentenceMatcher matcher(words, resolver, memory);
    for (std::size_t i = 0; i < words.size();) {
      auto m = matcher.longest_at(i);
      if (!m) {
        ++i;
        continue;
      }
      out.push_back(TimeExpression{words[i].begin, words[last_word_of(words, i, m->end)].end, m->type, std::move(m->value)});
      i = m->end;
    }
  }
  return out;
}

std::optional<CalendarDate> first_stated_date(const Document& doc) {
  const std::size_t sentences = std::min(doc.sentences.size(), kMaxAnchorSentences);
  std::vector<Word> words;
  std::string lowered;
  for (std::size_t s = 0; s < sentences; ++s) {
    if (!may_state_year(doc, doc.sentences[s])) continue;
    sentence_words(doc, doc.sentences[s], words, lowered);
    const DateResolver unanchored(std::nullopt);
    ArticleMemory memory;
    SentenceMatcher matcher(words, unanchored, memory);
    for (std::size_t i = 0; i < words.size(); ++i)
      if (auto m = matcher.longest_at(i); m && m->type == TimexType::kDate)
        if (auto date = parse_iso_date(m->value); date && m->value.size() == 10) return date;
  }
  return std::nullopt;
}

}  // namespace analyze
