// TIMEX3 values of relative expressions against the article's date (the anchor): "last month" is
// the anchor's month minus one, "Friday" in a past-tense sentence the latest Friday up to the
// anchor. Without an anchor each value keeps the unresolved form of its granularity ("XXXX-XX",
// "XXXX-WXX-5", "XXXX-06-24"). A step that would leave the years 1..9999 gives the unresolved form.
#pragma once

#include <optional>
#include <string>

#include "analyze/date.h"
#include "dates/date_lexicon.h"

namespace analyze {

// A holiday: a fixed day of its month (Christmas: 12, 25), or the `nth` ISO `weekday` of its month
// moved by `shift` days (Thanksgiving: the fourth Thursday of November; Election Day: the day after
// the first Monday of November).
struct HolidayRule {
  int month = 1;
  int day = 0;  // 0: by weekday
  int weekday = 0;
  int nth = 0;
  int shift = 0;
};

class DateResolver {
 public:
  explicit DateResolver(std::optional<CalendarDate> anchor) : anchor_(anchor) {}

  const std::optional<CalendarDate>& anchor() const { return anchor_; }

  // The anchor's day / ISO week / month / quarter / year moved by `offset` of that unit.
  std::string day(int offset) const;
  std::string week(int offset) const;
  std::string month(int offset) const;
  std::string quarter(int offset) const;
  std::string year(int offset) const;
  // The anchor moved back (`direction` -1) or forward (+1) by `count` units; the value has the
  // unit's granularity ("two weeks ago" a day, "five months ago" a month, "a decade ago" a year).
  std::string shifted(date_lexicon::UnitKind unit, long count, int direction) const;

  // Weekday 1..7: `direction` -1 the latest one before the anchor, +1 the first one after it,
  // 0 by `tense` (past: the latest up to and including the anchor; future: the first from it on).
  std::string weekday(int weekday, int direction, date_lexicon::Tense tense) const;
  // Month 1..12 without a year: with `direction` the one before or after the anchor ("last April");
  // with 0 in a future-tense sentence the current month or the next of that name ("is scheduled
  // to expire at the end of November" said on Nov. 2 is this November), else the one at most three months
  // after the anchor or before it ("in December" said in October is this December, said in April
  // last December).
  std::string named_month(int month, int direction, date_lexicon::Tense tense) const;
  // Month and day without a year: in a future-tense sentence one in the anchor's month or after it
  // ("will succeed him Feb. 1", "effective June 1"; a day earlier in the anchor's month is this
  // month's, the tense misread), else at most 3 months after the anchor or before it.
  std::string month_day(int month, int day, date_lexicon::Tense tense = date_lexicon::Tense::kUnknown) const;
  // A holiday's date, its year chosen as for named_month ("Thanksgiving", "last Christmas").
  std::string holiday(const HolidayRule& rule, int direction, date_lexicon::Tense tense) const;
  // "the weekend": the coming one in a future-tense sentence or on a weekend, else the last one.
  std::string weekend(date_lexicon::Tense tense) const;
  // A season code ("FA") with `direction` as for weekday; this season when 0.
  std::string season(std::string_view code, int direction) const;
  // Quarter 1..4 without a year: this year's when it has begun (or the tense is future), else last
  // year's ("the fourth quarter" in January is last year's).
  std::string ordinal_quarter(int quarter, date_lexicon::Tense tense) const;
  // The date of a weekday of the anchor's week, or of the anchor, with a part of the day ("TNI").
  std::string day_part(int offset, std::string_view part) const;

 private:
  std::optional<CalendarDate> anchor_;
};

// "1998-Q3" style values shifted by `quarters`; nullopt when `value` is no quarter value.
std::optional<std::string> shift_quarter_value(const std::string& value, int quarters);

}  // namespace analyze
