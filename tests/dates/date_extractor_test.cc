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

TEST_CASE("dates: a sentence's full stop or comma never ends a span", "[dates][data]") {
  CHECK(found("The runoff is set for November.") == Lines{"November|DATE|1998-11"});
  CHECK(found("Results are due in September, officials said.") == Lines{"September|DATE|1998-09"});
  CHECK(found("It opened on Aug. 7.") == Lines{"Aug. 7|DATE|1998-08-07"});
}

TEST_CASE("dates: a month without a year lies at most three months ahead of the anchor", "[dates][data]") {
  CHECK(found("The vote takes place in November.") == Lines{"November|DATE|1998-11"});
  CHECK(found("The plant closed in December.") == Lines{"December|DATE|1997-12"});
  CHECK(found("The deal closed on Dec. 15.") == Lines{"Dec. 15|DATE|1997-12-15"});
  CHECK(found("Shares are paid on Oct. 30.") == Lines{"Oct. 30|DATE|1998-10-30"});
}

TEST_CASE("dates: a participle after be takes the tense of its auxiliary", "[dates][data]") {
  CHECK(found("The vote will be held Sunday.") == Lines{"Sunday|DATE|1998-08-09"});
  CHECK(found("He will be named commander for a mission in December.") == Lines{"December|DATE|1998-12"});
  CHECK(found("The vote was held Sunday.") == Lines{"Sunday|DATE|1998-08-02"});
}

TEST_CASE("dates: the 1997 quarter is that year's reported quarter", "[dates][data]") {
  CHECK(found("Profit rose in the third quarter, from $14.5 million in the 1997 quarter.") ==
        Lines{"the third quarter|DATE|1998-Q3", "the 1997 quarter|DATE|1997-Q3"});
  CHECK(found("Sales fell in the second quarter. In the 1997 period, they rose.") ==
        Lines{"the second quarter|DATE|1998-Q2", "the 1997 period|DATE|1997-Q2"});
  CHECK(found("Sales fell in the 1997 period.") == Lines{"the 1997 period|DATE|1997"});
}

TEST_CASE("dates: a year's end is that year, the last one after since", "[dates][data]") {
  CHECK(found("The sale should close by year-end.") == Lines{"year-end|DATE|1998"});
  CHECK(found("Shares rose 5% since year-end.") == Lines{"year-end|DATE|1997"});
  CHECK(found("It should be in place by year's end.") == Lines{"year's end|DATE|1998"});
  CHECK(found("In 1988, when year-end net was low.") == Lines{"1988|DATE|1988"});
}

TEST_CASE("dates: a person's age is no time expression", "[dates][data]") {
  CHECK(found("Mr. Reupke, 52 years old, will retire.").empty());
  CHECK(found("Employees 55 years old or older may leave.").empty());
  CHECK(found("He was a 44-year-old doctor.").empty());
  CHECK(found("It ended a years-old slump.") == Lines{"years|DURATION|PXY"});
}

TEST_CASE("dates: a capitalised word inside a sentence shows no tense", "[dates][data]") {
  CHECK(found("The father will travel to the United States Sunday.") == Lines{"Sunday|DATE|1998-08-09"});
}

TEST_CASE("dates: a weekday's part of the day stays out of its value but its evening", "[dates][data]") {
  CHECK(found("The blast came on Thursday night.") == Lines{"Thursday night|DATE|1998-08-06"});
  CHECK(found("The blast came on Thursday morning.") == Lines{"Thursday morning|DATE|1998-08-06"});
  CHECK(found("The blast came on Thursday evening.") == Lines{"Thursday evening|TIME|1998-08-06TEV"});
  CHECK(found("They meet on Thursday evening.", std::nullopt) == Lines{"Thursday evening|DATE|XXXX-WXX-4"});
}

TEST_CASE("dates: halves, couples, more, decades and later in durations", "[dates][data]") {
  CHECK(found("They waited 5 1/2 hours.") == Lines{"5 1/2 hours|DURATION|PT5H30M"});
  CHECK(found("It took 2 1/2 years.") == Lines{"2 1/2 years|DURATION|P2Y6M"});
  CHECK(found("It lasted a minute and a half.") == Lines{"a minute and a half|DURATION|PT1M30S"});
  CHECK(found("It took a couple of years.") == Lines{"a couple of years|DURATION|P2Y"});
  CHECK(found("They stay two more weeks.") == Lines{"two more weeks|DURATION|P2W"});
  CHECK(found("It ruled for two decades and then centuries.") == Lines{"two decades|DURATION|P20Y", "centuries|DURATION|PXY"});
  CHECK(found("Three days later the rebels left.") == Lines{"Three days|DURATION|P3D"});
}

TEST_CASE("dates: reported periods in results stories", "[dates][data]") {
  CHECK(found("Profit rose to $5 million from $4 million a year ago.") == Lines{"a year ago|DATE|1997"});
  CHECK(found("Profit in the third quarter rose from a year-earlier $4 million.") ==
        Lines{"the third quarter|DATE|1998-Q3", "a year-earlier|DATE|1997-Q3"});
  CHECK(found("The third quarter was weak; the latest quarter was better.") ==
        Lines{"The third quarter|DATE|1998-Q3", "the latest quarter|DATE|1998-Q2"});
  CHECK(found("Sales in the current fiscal year and the current account.") ==
        Lines{"the current fiscal year|DATE|1998"});
  CHECK(found("The current account is in deficit.").empty());
  CHECK(found("Under current conditions it is poor.") == Lines{"current|DATE|PRESENT_REF"});
}

TEST_CASE("dates: holidays", "[dates][data]") {
  const CalendarDate anchor{1999, 11, 30};
  CHECK(found("They met on Thanksgiving Day and on Christmas Eve.", anchor) ==
        Lines{"Thanksgiving Day|DATE|1999-11-25", "Christmas Eve|DATE|1999-12-24"});
  CHECK(found("Since last Thanksgiving and before New Year's Day.", anchor) ==
        Lines{"last Thanksgiving|DATE|1999-11-25", "New Year's Day|DATE|2000-01-01"});
  CHECK(found("He won on Election Day.", CalendarDate{1998, 11, 10}) == Lines{"Election Day|DATE|1998-11-03"});
  CHECK(found("A new year began.", anchor).empty());
  CHECK(found("See you next Christmas.", CalendarDate{9999, 12, 30}) == Lines{"next Christmas|DATE|XXXX-12-XX"});
}

TEST_CASE("dates: the following and the previous count from the date stated last", "[dates][data]") {
  CHECK(found("The plant opened in 1995. The following year it closed.") ==
        Lines{"1995|DATE|1995", "The following year|DATE|1996"});
  CHECK(found("Trading stopped on Oct. 27, 1989, after a fall the previous Friday.") ==
        Lines{"Oct. 27, 1989|DATE|1989-10-27", "the previous Friday|DATE|1989-10-20"});
  CHECK(found("The strike began on Oct. 27, 1989, and ended the following day.") ==
        Lines{"Oct. 27, 1989|DATE|1989-10-27", "the following day|DATE|1989-10-28"});
  CHECK(found("Sales rose the following month.") == Lines{"the following month|DATE|1998-09"});
}

TEST_CASE("dates: years said in words", "[dates][data]") {
  CHECK(found("It began in nineteen ninety-six and ended in January nineteen ninety-seven.") ==
        Lines{"nineteen ninety-six|DATE|1996", "January nineteen ninety-seven|DATE|1997-01"});
  CHECK(found("Prices peaked in nineteen eighty.") == Lines{"nineteen eighty|DATE|1980"});
  CHECK(found("She stayed nineteen years.") == Lines{"nineteen years|DURATION|P19Y"});
}

TEST_CASE("dates: recent days, weeks and months are a span, recent years the past", "[dates][data]") {
  CHECK(found("Prices rose in recent weeks and in recent years.") ==
        Lines{"recent weeks|DURATION|PXW", "recent years|DATE|PAST_REF"});
  CHECK(found("Fighting grew in recent days and recent months.") ==
        Lines{"recent days|DURATION|PXD", "recent months|DURATION|PXM"});
}

TEST_CASE("dates: a possessive weekday has passed, 'as soon as' a weekday is ahead", "[dates][data]") {
  CHECK(found("Lawyers would challenge Friday's ruling.") == Lines{"Friday|DATE|1998-08-07"});
  CHECK(found("The group may leave as soon as Tuesday.") == Lines{"Tuesday|DATE|1998-08-11"});
  CHECK(found("The group may leave on Tuesday.") == Lines{"Tuesday|DATE|1998-08-04"});
}

TEST_CASE("dates: the year of a results story", "[dates][data]") {
  CHECK(found("Sales for the full year rose; for the year, volume fell.") ==
        Lines{"the full year|DATE|1998", "the year|DATE|1998"});
  CHECK(found("Net income for the year ended Aug. 31 rose.") ==
        Lines{"the year|DURATION|P1Y", "Aug. 31|DATE|1998-08-31"});
  CHECK(found("Profit fell from the year-ago quarter and from the year before.") ==
        Lines{"the year-ago quarter|DATE|1997-Q2"});
  CHECK(found("It was the year that changed everything.").empty());
}

TEST_CASE("dates: that year and that quarter are the ones the article stated last", "[dates][data]") {
  CHECK(found("He fled in June 1995 and returned later that year.") ==
        Lines{"June 1995|DATE|1995-06", "later that year|DATE|1995"});
  CHECK(found("Profit rose in the 1997 second quarter. Results for that quarter included a charge.") ==
        Lines{"the 1997 second quarter|DATE|1997-Q2", "that quarter|DATE|1997-Q2"});
  CHECK(found("Nobody knew that year would matter.").empty());
}

TEST_CASE("dates: the season of the article's year or of a stated year", "[dates][data]") {
  CHECK(found("Demand stayed weak well into the summer.") == Lines{"the summer|DATE|1998-SU"});
  CHECK(found("Prices rose from the early summer lows.") == Lines{"early summer|DATE|1998-SU"});
  CHECK(found("Oil was cheap in the winter of 1994.") == Lines{"the winter of 1994|DATE|1994-WI"});
  CHECK(found("Prices may fall further.").empty());
}

TEST_CASE("dates: the near future, the short term and these days", "[dates][data]") {
  CHECK(found("It plans an offering in the near future and cuts in the short term.") ==
        Lines{"the near future|DATE|FUTURE_REF", "the short term|DATE|FUTURE_REF"});
  CHECK(found("Traders suffer more these days.") == Lines{"these days|DATE|PRESENT_REF"});
  CHECK(found("It will reduce the short-term debt.").empty());
}

TEST_CASE("dates: a year's ordinal quarter", "[dates][data]") {
  CHECK(found("Profit will rise in next year's first quarter after this year's third quarter.") ==
        Lines{"next year's first quarter|DATE|1999-Q1", "this year's third quarter|DATE|1998-Q3"});
  CHECK(found("This year's harvest is poor.") == Lines{"This year|DATE|1998"});
}

TEST_CASE("dates: a half of a stated year", "[dates][data]") {
  CHECK(found("Earnings for the last half of 1989 and the first half of 1990 will fall.") ==
        Lines{"the last half of 1989|DATE|1989-H2", "the first half of 1990|DATE|1990-H1"});
  CHECK(found("Profit for the first half rose.").empty());
}

TEST_CASE("dates: a share in quarters is no time", "[dates][data]") {
  CHECK(found("Iraq imports about three-quarters of its food and more than a quarter of the oil.").empty());
  CHECK(found("It made a profit after several quarters of losses.") == Lines{"several quarters|DURATION|PXQ"});
}

TEST_CASE("dates: 'or so' before 'ago'", "[dates][data]") {
  CHECK(found("Then, a week or so ago, he left.") == Lines{"a week or so ago|DATE|1998-08-01"});
}
