#include "dates/date_resolver.h"

#include <catch2/catch.hpp>

#include "dates/calendar.h"

using analyze::CalendarDate;
using analyze::DateResolver;
using analyze::date_lexicon::Tense;
using analyze::date_lexicon::UnitKind;

TEST_CASE("calendar: weekdays, ISO weeks and day counts", "[dates]") {
  namespace calendar = analyze::calendar;
  CHECK(calendar::weekday({1998, 8, 7}) == 5);  // a Friday
  CHECK(calendar::iso_week({2000, 1, 1}).year == 1999);
  CHECK(calendar::iso_week({2000, 1, 1}).week == 52);
  CHECK(calendar::add_days({2000, 2, 28}, 1) == CalendarDate{2000, 2, 29});
  CHECK(calendar::add_days({1999, 12, 31}, 1) == CalendarDate{2000, 1, 1});
  CHECK_FALSE(calendar::is_valid({2026, 2, 30}));
  CHECK_FALSE(calendar::is_valid({99999, 1, 1}));
}

TEST_CASE("resolver: months, quarters, seasons and steps past the calendar", "[dates]") {
  const DateResolver r(CalendarDate{1998, 1, 26});
  CHECK(r.ordinal_quarter(4, Tense::kUnknown) == "1997-Q4");
  CHECK(r.ordinal_quarter(4, Tense::kFuture) == "1998-Q4");
  CHECK(r.named_month(12, 0, Tense::kPast) == "1997-12");
  CHECK(r.named_month(4, 0, Tense::kFuture) == "1998-04");
  CHECK(r.season("FA", -1) == "1997-FA");
  CHECK(r.shifted(UnitKind::kYear, 99999, -1) == "XXXX");
  CHECK(DateResolver(CalendarDate{9999, 12, 31}).day(1) == "XXXX-XX-XX");
  CHECK(DateResolver(std::nullopt).month_day(6, 24) == "XXXX-06-24");
}

TEST_CASE("parse_iso_date accepts real days only", "[dates]") {
  CHECK(analyze::parse_iso_date("1998-12-05T09:42") == CalendarDate{1998, 12, 5});
  CHECK_FALSE(analyze::parse_iso_date("2026-02-30"));
  CHECK_FALSE(analyze::parse_iso_date("99999-01-01"));
  CHECK_FALSE(analyze::parse_iso_date("June 5"));
  CHECK_FALSE(analyze::parse_iso_date(""));
}

TEST_CASE("resolver: a month or month and day in a future-tense sentence is the next one", "[dates]") {
  const DateResolver r(CalendarDate{1989, 10, 26});
  CHECK(r.month_day(2, 1, Tense::kFuture) == "1990-02-01");
  CHECK(r.month_day(10, 26, Tense::kFuture) == "1989-10-26");
  CHECK(r.month_day(10, 20, Tense::kFuture) == "1989-10-20");
  CHECK(r.month_day(9, 20, Tense::kFuture) == "1990-09-20");
  CHECK(r.month_day(2, 1) == "1989-02-01");
  CHECK(r.month_day(12, 1, Tense::kPast) == "1989-12-01");
  CHECK(r.named_month(10, 0, Tense::kFuture) == "1989-10");
  CHECK(r.named_month(9, 0, Tense::kFuture) == "1990-09");
  CHECK(r.named_month(10, 1, Tense::kUnknown) == "1990-10");
}
