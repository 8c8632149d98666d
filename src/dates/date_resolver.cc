#include "dates/date_resolver.h"

#include <fmt/format.h>

#include "dates/calendar.h"

namespace analyze {

namespace {

using date_lexicon::Tense;
using date_lexicon::UnitKind;

// A month or month and day without a year lies at most this many months after the anchor, else
// before it: news reports more of the recent past than of the coming months.
constexpr int kMonthsAhead = 3;

bool in_range(long year) { return year >= 1 && year <= 9999; }

std::string year_month(int index) {
  return fmt::format("{:04d}-{:02d}", calendar::index_year(index), calendar::index_month(index));
}

}  // namespace

std::string DateResolver::day(int offset) const {
  if (!anchor_) return "XXXX-XX-XX";
  const CalendarDate d = calendar::add_days(*anchor_, offset);
  return calendar::is_valid(d) ? iso_date(d) : "XXXX-XX-XX";
}

std::string DateResolver::week(int offset) const {
  if (!anchor_) return "XXXX-WXX";
  const CalendarDate d = calendar::add_days(*anchor_, 7L * offset);
  if (!calendar::is_valid(d)) return "XXXX-WXX";
  const calendar::IsoWeek w = calendar::iso_week(d);
  return fmt::format("{:04d}-W{:02d}", w.year, w.week);
}

std::string DateResolver::month(int offset) const {
  if (!anchor_) return "XXXX-XX";
  const long index = calendar::month_index(anchor_->year, anchor_->month) + long{offset};
  if (!in_range(index / 12)) return "XXXX-XX";
  return year_month(static_cast<int>(index));
}

std::string DateResolver::quarter(int offset) const {
  if (!anchor_) return "XXXX-QX";
  const long index = long{anchor_->year} * 4 + (calendar::quarter_of(anchor_->month) - 1) + offset;
  if (!in_range(index / 4)) return "XXXX-QX";
  return fmt::format("{:04d}-Q{}", index / 4, index % 4 + 1);
}

std::string DateResolver::year(int offset) const {
  if (!anchor_ || !in_range(long{anchor_->year} + offset)) return "XXXX";
  return fmt::format("{:04d}", anchor_->year + offset);
}

std::string DateResolver::shifted(UnitKind unit, long count, int direction) const {
  constexpr long kLargest = 10000;
  if (count > kLargest) count = kLargest;
  const long signed_count = count * direction;
  switch (unit) {
    case UnitKind::kSecond:
    case UnitKind::kMinute:
    case UnitKind::kHour: return day(0);
    case UnitKind::kDay: return day(static_cast<int>(signed_count));
    case UnitKind::kWeek: return day(static_cast<int>(7 * signed_count));
    case UnitKind::kMonth: return month(static_cast<int>(signed_count));
    case UnitKind::kQuarter: return quarter(static_cast<int>(signed_count));
    case UnitKind::kYear: return year(static_cast<int>(signed_count));
    case UnitKind::kDecade: return year(static_cast<int>(10 * signed_count));
    case UnitKind::kCentury: return year(static_cast<int>(100 * signed_count));
  }
  return day(0);
}

std::string DateResolver::weekday(int weekday, int direction, Tense tense) const {
  if (!anchor_) return fmt::format("XXXX-WXX-{}", weekday);
  const int today = calendar::weekday(*anchor_);
  int offset = 0;
  if (direction == 0 && tense == Tense::kFuture) offset = (weekday - today + 7) % 7;
  else if (direction > 0) offset = (weekday - today + 7) % 7 == 0 ? 7 : (weekday - today + 7) % 7;
  else if (direction < 0) offset = -((today - weekday + 7) % 7 == 0 ? 7 : (today - weekday + 7) % 7);
  else offset = -((today - weekday + 7) % 7);
  return day(offset);
}

std::string DateResolver::named_month(int month, int direction, Tense tense) const {
  if (!anchor_) return fmt::format("XXXX-{:02d}", month);
  int year = anchor_->year;
  if (direction == 0 && tense == Tense::kFuture) year += month < anchor_->month ? 1 : 0;
  else if (direction > 0 && month <= anchor_->month) ++year;
  else if (direction < 0 && month >= anchor_->month) --year;
  else if (direction == 0 && month - anchor_->month > kMonthsAhead) --year;
  else if (direction == 0 && anchor_->month - month > 12 - kMonthsAhead) ++year;
  if (!in_range(year)) return fmt::format("XXXX-{:02d}", month);
  return fmt::format("{:04d}-{:02d}", year, month);
}

std::string DateResolver::month_day(int month, int day, Tense tense) const {
  if (!anchor_) return fmt::format("XXXX-{:02d}-{:02d}", month, day);
  const int anchor_index = calendar::month_index(anchor_->year, anchor_->month);
  int year = anchor_->year;
  const int distance = calendar::month_index(year, month) - anchor_index;
  if (tense == Tense::kFuture) year += distance < 0 ? 1 : 0;
  else if (distance > kMonthsAhead) --year;
  else if (distance < kMonthsAhead - 12) ++year;
  const CalendarDate d{year, month, day};
  if (!calendar::is_valid(d)) return fmt::format("XXXX-{:02d}-{:02d}", month, day);
  return iso_date(d);
}

namespace {

CalendarDate holiday_in(const HolidayRule& rule, int year) {
  if (rule.day > 0) return CalendarDate{year, rule.month, rule.day};
  const int first = calendar::weekday(CalendarDate{year, rule.month, 1});
  return CalendarDate{year, rule.month, 1 + (rule.weekday - first + 7) % 7 + 7 * (rule.nth - 1) + rule.shift};
}

}  // namespace

std::string DateResolver::holiday(const HolidayRule& rule, int direction, Tense tense) const {
  if (!anchor_)
    return rule.day > 0 ? fmt::format("XXXX-{:02d}-{:02d}", rule.month, rule.day) : fmt::format("XXXX-{:02d}-XX", rule.month);
  int year = anchor_->year;
  if (direction == 0) {
    const std::string month_value = named_month(rule.month, 0, tense);
    if (month_value.rfind("XXXX", 0) != 0) year = std::stoi(month_value.substr(0, 4));
  } else {
    const std::int64_t anchor_day = calendar::to_days(*anchor_), day = calendar::to_days(holiday_in(rule, year));
    if (direction < 0 && day >= anchor_day) --year;
    if (direction > 0 && day <= anchor_day) ++year;
  }
  const CalendarDate d = holiday_in(rule, year);
  return calendar::is_valid(d) ? iso_date(d) : fmt::format("XXXX-{:02d}-XX", rule.month);
}

std::string DateResolver::weekend(Tense tense) const {
  if (!anchor_) return "XXXX-WXX-WE";
  const bool on_weekend = calendar::weekday(*anchor_) >= 6;
  return week(tense == Tense::kFuture || on_weekend ? 0 : -1) + "-WE";
}

std::string DateResolver::season(std::string_view code, int direction) const {
  if (!anchor_) return fmt::format("XXXX-{}", code);
  const int start = date_lexicon::season_start(code);
  int year = anchor_->year;
  if (direction < 0 && start + 3 > anchor_->month) --year;
  else if (direction > 0 && start <= anchor_->month) ++year;
  if (!in_range(year)) return fmt::format("XXXX-{}", code);
  return fmt::format("{:04d}-{}", year, code);
}

std::string DateResolver::ordinal_quarter(int quarter, Tense tense) const {
  if (!anchor_) return fmt::format("XXXX-Q{}", quarter);
  int year = anchor_->year;
  if (quarter > calendar::quarter_of(anchor_->month) && tense != Tense::kFuture) --year;
  if (!in_range(year)) return fmt::format("XXXX-Q{}", quarter);
  return fmt::format("{:04d}-Q{}", year, quarter);
}

std::string DateResolver::day_part(int offset, std::string_view part) const {
  return fmt::format("{}T{}", day(offset), part);
}

std::optional<std::string> shift_quarter_value(const std::string& value, int quarters) {
  if (value.size() != 7 || value[4] != '-' || value[5] != 'Q' || value[6] < '1' || value[6] > '4') return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (value[i] < '0' || value[i] > '9') return std::nullopt;
    year = year * 10 + (value[i] - '0');
  }
  const long index = long{year} * 4 + (value[6] - '1') + quarters;
  if (!in_range(index / 4)) return std::nullopt;
  return fmt::format("{:04d}-Q{}", index / 4, index % 4 + 1);
}

}  // namespace analyze
