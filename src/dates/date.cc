#include "analyze/date.h"

#include <fmt/format.h>

#include "dates/calendar.h"

namespace analyze {

namespace {

std::optional<int> fixed_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<CalendarDate> parse_iso_date(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] >= '0' && text[10] <= '9') return std::nullopt;
  const auto year = fixed_digits(text, 0, 4), month = fixed_digits(text, 5, 2), day = fixed_digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const CalendarDate date{*year, *month, *day};
  if (!calendar::is_valid(date)) return std::nullopt;
  return date;
}

std::string iso_date(const CalendarDate& date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

std::string_view timex_type_name(TimexType type) {
  switch (type) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
  }
  return "DATE";
}

std::string_view anchor_source_name(AnchorSource source) {
  switch (source) {
    case AnchorSource::kMetadata: return "metadata";
    case AnchorSource::kPage: return "page";
    case AnchorSource::kOption: return "option";
    case AnchorSource::kText: return "text";
    case AnchorSource::kNone: return "none";
  }
  return "none";
}

}  // namespace analyze
