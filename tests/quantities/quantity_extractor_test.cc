#include "quantities/quantity_extractor.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "test_support.h"

using analyze::Quantity;
using analyze::QuantityType;
using analyze::extract_quantities;

namespace {

// The quantities of `text` as "text|TYPE|value|unit" lines, for readable comparisons.
std::vector<std::string> found(const std::string& text) {
  std::vector<std::string> out;
  for (const Quantity& q : extract_quantities(text)) {
    char value[64];
    std::snprintf(value, sizeof value, "%.15g", q.value);
    out.push_back(text.substr(q.begin, q.end - q.begin) + "|" + std::string(analyze::quantity_type_name(q.type)) +
                  "|" + value + "|" + q.unit);
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("money: currency marks, scale words and currency words", "[quantities]") {
  CHECK(found("It paid $3.25bn (£1.7bn) for the firm.") == Lines{"$3.25bn|MONEY|3250000000|USD", "£1.7bn|MONEY|1700000000|GBP"});
  CHECK(found("Sales hit A$1.86bn and NZ$5m, US$20 and HK$3.") ==
        Lines{"A$1.86bn|MONEY|1860000000|AUD", "NZ$5m|MONEY|5000000|NZD", "US$20|MONEY|20|USD", "HK$3|MONEY|3|HKD"});
  CHECK(found("a £14 billion deal and £5million more") == Lines{"£14 billion|MONEY|14000000000|GBP", "£5million|MONEY|5000000|GBP"});
  CHECK(found("It cost 14bn euros, 5.2bn Swiss francs and 59.2 trillion rupiah.") ==
        Lines{"14bn euros|MONEY|14000000000|EUR", "5.2bn Swiss francs|MONEY|5200000000|CHF", "59.2 trillion rupiah|MONEY|59200000000000|IDR"});
  CHECK(found("The median pay is £32,465 a year; a stamp costs £3,251.51.") ==
        Lines{"£32,465|MONEY|32465|GBP", "£3,251.51|MONEY|3251.51|GBP"});
  CHECK(found("worth a billion dollars") == Lines{"a billion dollars|MONEY|1000000000|USD"});
}

TEST_CASE("money: minor units are valued in the main unit", "[quantities]") {
  CHECK(found("up 5p to 182.59p, 10p-a-litre") ==
        Lines{"5p|MONEY|0.05|GBP", "182.59p|MONEY|1.8259|GBP", "10p|MONEY|0.1|GBP"});
  CHECK(found("It rose 32 cents.") == Lines{"32 cents|MONEY|0.32|USD"});
  CHECK(found("A coffee is €2, or 50 cents more.") == Lines{"€2|MONEY|2|EUR", "50 cents|MONEY|0.5|EUR"});
  CHECK(found("The meeting starts at 5pm.").empty());  // a time, not pence
}

TEST_CASE("rupees take the country the article names", "[quantities]") {
  CHECK(found("In Sri Lanka, fuel costs 400 rupees.") == Lines{"400 rupees|MONEY|400|LKR"});
  CHECK(found("Delhi: fuel costs 90 rupees.") == Lines{"90 rupees|MONEY|90|INR"});
}

TEST_CASE("percentages: signs, words, points", "[quantities]") {
  CHECK(found("Inflation was 6.7%, then 5 per cent, then 4 percent and Forty-three per cent.") ==
        Lines{"6.7%|PERCENT|6.7|%", "5 per cent|PERCENT|5|%", "4 percent|PERCENT|4|%", "Forty-three per cent|PERCENT|43|%"});
  CHECK(found("a rise of 25 basis points and 2 percentage points") ==
        Lines{"25 basis points|PERCENT|0.25|%", "2 percentage points|PERCENT|2|%"});
}

TEST_CASE("numbers need a unit of measure", "[quantities]") {
  CHECK(found("7.4 million tonnes of coal, a 55-litre tank, 770kg, 40 gigawatts, one tonne, 300,000 barrels a day") ==
        Lines{"7.4 million tonnes|NUMBER|7400000|tonnes", "55-litre|NUMBER|55|litre", "770kg|NUMBER|770|kg",
              "40 gigawatts|NUMBER|40|gigawatts", "one tonne|NUMBER|1|tonne", "300,000 barrels|NUMBER|300000|barrels"});
  // Counts, years, scores, ages, durations and a number whose unit is only implied are not quantities.
  CHECK(found("464,000 subscribers in 2019 won 2-1 after 24 hours; aged 16, 10-year bonds, the UK's 7.4 million").empty());
  CHECK(found("COVID-19 and the G20 met at 5 m above sea level").empty());
}

TEST_CASE("ranges: a first end that borrows is one quantity, two whole ends are two", "[quantities]") {
  CHECK(found("It will cost $5-6bn.") == Lines{"$5-6bn|MONEY|5000000000|USD"});
  CHECK(found("between 50 and 60% of them") == Lines{"50 and 60%|PERCENT|50|%"});
  CHECK(found("5 to 6 per cent") == Lines{"5 to 6 per cent|PERCENT|5|%"});
  CHECK(found("£750 to £1,000 and 15%-20%") ==
        Lines{"£750|MONEY|750|GBP", "£1,000|MONEY|1000|GBP", "15%|PERCENT|15|%", "20%|PERCENT|20|%"});
  CHECK(found("Rates were cut on July 31 to 7.0 percent.") == Lines{"7.0 percent|PERCENT|7|%"});
  CHECK(found("fell 10 and 20% rose") == Lines{"20%|PERCENT|20|%"});  // "and" joins a range only after "between"
}

TEST_CASE("hostile input: no crash, no overflow, no infinity", "[quantities]") {
  CHECK(found("$$$ and £ and %%% and $").empty());
  CHECK(found("1e308bn dollars").empty());  // not a number this scanner reads
  // Values that overflow are dropped, never printed as infinity; the scan goes on after them.
  CHECK(found("$" + std::string(400, '9') + "bn and " + std::string(10000, '7') + "% and 5%") == Lines{"5%|PERCENT|5|%"});
  CHECK(found("the 99th of Smarch, a year 99999").empty());
  CHECK(found("9,99,999% and 1,2345 tonnes").empty());  // malformed digit groups make no number
}

TEST_CASE("quantities are found only outside boilerplate, with offsets into the text", "[quantities][data]") {
  auto doc = analyze::testing::analyzed("“Shares fell 5% to £3.20.”\n\nWin £1,000 today\n");
  REQUIRE(doc.paragraphs.size() == 2);
  doc.paragraphs[1].boilerplate = true;
  const auto layer = analyze::extract_quantities(doc);
  REQUIRE(layer.quantities.size() == 2);
  CHECK(doc.slice(layer.quantities[0].begin, layer.quantities[0].end) == "5%");
  CHECK(doc.slice(layer.quantities[1].begin, layer.quantities[1].end) == "£3.20");
}

TEST_CASE("the scan stays linear: 200,000 numbers in one paragraph", "[quantities]") {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += std::to_string(i) + (i % 3 == 0 ? "% " : i % 3 == 1 ? " apples " : "-");
  const auto quantities = extract_quantities(text);
  CHECK(quantities.size() >= 66000);
}
