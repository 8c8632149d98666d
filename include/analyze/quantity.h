// The quantities layer: amounts of money, percentages and numbers with a unit of measure, each with
// its value as a number (scale words applied) and its unit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace analyze {

enum class QuantityType : std::uint8_t { kMoney, kPercent, kNumber };

// Contract names: MONEY, PERCENT, NUMBER.
std::string_view quantity_type_name(QuantityType type);

struct Quantity {
  std::uint32_t begin = 0;  // byte offsets into Document::text, [begin, end)
  std::uint32_t end = 0;
  QuantityType type = QuantityType::kNumber;
  double value = 0.0;  // "£1.7bn" 1.7e9; "6.7%" 6.7; "5p" 0.05 (minor units in the main unit)
  std::string unit;    // ISO 4217 for money, "%" for percentages, the unit word for numbers
};

// In text order, never overlapping.
struct QuantityLayer {
  std::vector<Quantity> quantities;
};

}  // namespace analyze
