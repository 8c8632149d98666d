#include "dates/date_extractor.h"

#include <catch2/catch.hpp>
#include <string>

#include "test_support.h"

using analyze::CalendarDate;
using analyze::TimeExpression;

namespace {

using Lines = std::vector<std::string>;

// The expressions of `text` as "text|TYPE|value" lines, resolved against `anchor`.
Lines found(const std::string& text, std::optional<CalendarDate> anchor = CalendarDate{1998, 8, 8}) {
  const analyze::Document doc = analyze::testing::segmented(text);
  Lines out;
  for (const TimeExpression& t : analyze::extract_dates(doc, anchor))
    out.push_back(std::string(doc.slice(t.begin, t.end)) + "|" + std::string(analyze::timex_type_name(t.type)) + "|" +
                  t.value);
  return out;
}

}  // namespace

// 1998-08-08 was a Saturday.
TEST_CASE("dates: weekdays take the tense of their sentence", "[dates][data]") {
  CHECK(found("The minister said on Tuesday that talks had failed.") == Lines{"Tuesday|DATE|1998-08-04"});
  CHECK(found("The ministers will meet on Tuesday.") == Lines{"Tuesday|DATE|1998-08-11"});
  CHECK(found("Bombs exploded on Saturday.") == Lines{"Saturday|DATE|1998-08-08"});
  CHECK(found("He left last Friday and returns next Monday.") ==
        Lines{"last Friday|DATE|1998-08-07", "next Monday|DATE|1998-08-10"});
}

TEST_CASE("dates: relative expressions resolve against the article's date", "[dates][data]") {
  CHECK(found("Sales fell last month, rose this year and may rise next year.") ==
        Lines{"last month|DATE|1998-07", "this year|DATE|1998", "next year|DATE|1999"});
  CHECK(found("It happened two weeks ago, yesterday and five months ago.") ==
        Lines{"two weeks ago|DATE|1998-07-25", "yesterday|DATE|1998-08-07", "five months ago|DATE|1998-03"});
  CHECK(found("The strike began last week; this year's harvest is poor.") ==
        Lines{"last week|DATE|1998-W31", "this year|DATE|1998"});
  CHECK(found("Prices are high now, as recently noted.") == Lines{"now|DATE|PRESENT_REF", "recently|DATE|PAST_REF"});
}

TEST_CASE("dates: calendar dates, years, quarters, times, durations and sets", "[dates][data]") {
  CHECK(found("On Aug. 7, 1998, and on Oct. 23 and in July 1997.") ==
        Lines{"Aug. 7, 1998|DATE|1998-08-07", "Oct. 23|DATE|1998-10-23", "July 1997|DATE|1997-07"});
  CHECK(found("Profit in the third quarter rose, as in fiscal 1990 and the 1990s.") ==
        Lines{"the third quarter|DATE|1998-Q3", "fiscal 1990|DATE|1990", "the 1990s|DATE|199X"});
  CHECK(found("The blast came at 10:35 a.m. and another at 8pm GMT.") ==
        Lines{"10:35 a.m.|TIME|1998-08-08T10:35", "8pm GMT|TIME|1998-08-08T20:00"});
  CHECK(found("The talks lasted three days, a two-year plan, the past two months.") ==
        Lines{"three days|DURATION|P3D", "two-year|DURATION|P2Y", "the past two months|DURATION|P2M"});
  CHECK(found("The paper appears daily and meets every week.") == Lines{"daily|SET|P1D", "every week|SET|P1W"});
}

TEST_CASE("dates: without an anchor, relative values stay unresolved", "[dates][data]") {
  CHECK(found("They met on June 24 and again on Tuesday.", std::nullopt) ==
        Lines{"June 24|DATE|XXXX-06-24", "Tuesday|DATE|XXXX-WXX-2"});
  CHECK(found("It rose last year.", std::nullopt) == Lines{"last year|DATE|XXXX"});
}

TEST_CASE("dates: the first stated date anchors an article without one", "[dates][data]") {
  const auto doc = analyze::testing::segmented("NAIROBI, Kenya, Aug. 7, 1998 (AP) - Bombs exploded on Friday.");
  const auto anchor = analyze::first_stated_date(doc);
  REQUIRE(anchor);
  CHECK(*anchor == CalendarDate{1998, 8, 7});
  CHECK_FALSE(analyze::first_stated_date(analyze::testing::segmented("No date here, only Friday.")));
}

TEST_CASE("dates: hostile input makes no expression or a shorter one, never a crash", "[dates][data]") {
  CHECK(found("$$$").empty());
  CHECK(found("It cost 1e308bn.").empty());
  CHECK(found(std::string(10000, '9') + " years ago") == Lines{"years ago|DATE|PAST_REF"});  // no count
  CHECK(found("It happened on February 30.") == Lines{"February|DATE|1998-02"});
  CHECK(found("It happened on the 99th of Smarch.").empty());
  CHECK(found("In the year 99999 nothing happened.").empty());
  CHECK(found("It fell 9999 years ago.") == Lines{"9999 years ago|DATE|XXXX"});
}
