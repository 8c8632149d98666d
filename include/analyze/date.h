// The dates layer: time expressions in TIMEX3 terms (TimeML): their span, their type (DATE, TIME,
// DURATION, SET) and their value, resolved against the article's date, together with that date
// and where it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace analyze {

// A day of the proleptic Gregorian calendar.
struct CalendarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const CalendarDate& a, const CalendarDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

// "YYYY-MM-DD" (anything after the day, as in "1998-12-05T09:42", is ignored) when it names a real
// day of the years 1..9999; nullopt otherwise ("2026-02-30", "June 5", "99999-01-01").
std::optional<CalendarDate> parse_iso_date(std::string_view text);

// "YYYY-MM-DD".
std::string iso_date(const CalendarDate& date);

enum class TimexType : std::uint8_t { kDate, kTime, kDuration, kSet };

// Contract names: DATE, TIME, DURATION, SET.
std::string_view timex_type_name(TimexType type);

struct TimeExpression {
  std::uint32_t begin = 0;  // byte offsets into Document::text, [begin, end)
  std::uint32_t end = 0;
  TimexType type = TimexType::kDate;
  std::string value;  // TIMEX3 value: "1998-08-07", "1998-Q3", "P3D", "PRESENT_REF", "XXXX-06-24"
};

// Where the article's date came from: the input record's "date", a web page's publication date
// (Document::date), the --date option, a date the
// text itself states (its dateline or first full date), or nowhere (relative expressions then keep
// their unresolved form).
enum class AnchorSource : std::uint8_t { kMetadata, kPage, kOption, kText, kNone };

// Contract names: metadata, page, option, text, none.
std::string_view anchor_source_name(AnchorSource source);

// Expressions in text order, never overlapping.
struct DateLayer {
  std::optional<CalendarDate> anchor;
  AnchorSource anchor_source = AnchorSource::kNone;
  std::vector<TimeExpression> dates;
};

}  // namespace analyze
