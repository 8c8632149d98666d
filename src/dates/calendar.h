// Calendar arithmetic for resolving relative time expressions: day counts, weekdays, ISO weeks,
// quarters and month steps on the proleptic Gregorian calendar (Hinnant's civil-day algorithms).
#pragma once

#include <cstdint>

#include "analyze/date.h"

namespace analyze::calendar {

bool is_leap_year(int year);
int days_in_month(int year, int month);
// Whether `d` is a real day of the years 1..9999.
bool is_valid(const CalendarDate& d);

// Days since 1970-01-01 and back.
std::int64_t to_days(const CalendarDate& d);
CalendarDate from_days(std::int64_t days);

CalendarDate add_days(const CalendarDate& d, std::int64_t days);
// ISO weekday: 1 Monday .. 7 Sunday.
int weekday(const CalendarDate& d);

struct IsoWeek {
  int year = 0;
  int week = 0;  // 1..53
};
IsoWeek iso_week(const CalendarDate& d);

// The month `months` after (before, when negative) year/month, as year * 12 + (month - 1).
int month_index(int year, int month);
inline int index_year(int index) { return index / 12; }
inline int index_month(int index) { return index % 12 + 1; }

inline int quarter_of(int month) { return (month - 1) / 3 + 1; }

}  // namespace analyze::calendar
