#include "quantities/quantity_extractor.h"

#include <algorithm>
#include <array>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/utf8.h"

namespace analyze {

std::string_view quantity_type_name(QuantityType type) {
  switch (type) {
    case QuantityType::kMoney: return "MONEY";
    case QuantityType::kPercent: return "PERCENT";
    case QuantityType::kNumber: return "NUMBER";
  }
  return "NUMBER";
}

namespace {

struct Word {
  std::string_view text;
  std::string_view unit;  // ISO 4217, "%", or the unit word itself when empty
  double factor = 1.0;    // minor currency units and basis points
};

// Currency marks written before the number; longer marks first so "US$" wins over "$".
constexpr Word kCurrencyMarks[] = {
    {"US$", "USD"}, {"AU$", "AUD"}, {"NZ$", "NZD"}, {"CA$", "CAD"}, {"HK$", "HKD"}, {"A$", "AUD"},
    {"C$", "CAD"},  {"S$", "SGD"},  {"R$", "BRL"},  {"$", "USD"},   {"£", "GBP"},   {"€", "EUR"},
    {"¥", "JPY"},   {"₹", "INR"},   {"₩", "KRW"},
};

// Scale words: attached ("£5bn", "£5million") or after a space ("£14 billion").
constexpr Word kScaleWords[] = {
    {"trillion", "", 1e12}, {"billion", "", 1e9}, {"million", "", 1e6}, {"thousand", "", 1e3},
    {"crore", "", 1e7},     {"lakh", "", 1e5},    {"bn", "", 1e9},       {"tn", "", 1e12},
    {"mn", "", 1e6},        {"m", "", 1e6},       {"k", "", 1e3},
};
// Scale abbreviations stand only attached to the number: "5 m" is five metres, not five million.
bool attached_only(std::string_view scale) { return scale.size() <= 2; }

// Percent words after the number; "%" is handled apart (it may be attached).
constexpr Word kPercentWords[] = {
    {"per cent", "%"},           {"percent", "%"},           {"percentage points", "%"},
    {"percentage point", "%"},   {"basis points", "%", 0.01}, {"basis point", "%", 0.01},
};

// Currency words after the number ("14bn euros", "5.2bn Swiss francs"); qualified names first.
// "rupees" and "cents" take their currency from the article (see ArticleCurrencies).
constexpr Word kCurrencyWords[] = {
    {"Swiss francs", "CHF"},        {"Australian dollars", "AUD"}, {"Canadian dollars", "CAD"},
    {"New Zealand dollars", "NZD"}, {"Hong Kong dollars", "HKD"},  {"Singapore dollars", "SGD"},
    {"US dollars", "USD"},          {"pounds sterling", "GBP"},    {"pounds", "GBP"},
    {"pound", "GBP"},               {"euros", "EUR"},              {"euro", "EUR"},
    {"dollars", "USD"},             {"dollar", "USD"},             {"yen", "JPY"},
    {"yuan", "CNY"},                {"renminbi", "CNY"},           {"rupiah", "IDR"},
    {"naira", "NGN"},               {"francs", "CHF"},             {"rand", "ZAR"},
    {"roubles", "RUB"},             {"rubles", "RUB"},             {"lira", "TRY"},
    {"ringgit", "MYR"},             {"baht", "THB"},               {"shekels", "ILS"},
    {"pence", "GBP", 0.01},         {"rupees", "rupee"},           {"cents", "cent", 0.01},
    {"cent", "cent", 0.01},
};

// Units of measure after the number, by a space or a hyphen ("55-litre") or attached ("770kg").
// Lower-case words match any case; abbreviations with capitals match as written ("GW", not "gw").
constexpr std::string_view kMeasureUnits[] = {
    "tonnes", "tonne", "tons", "ton", "kilograms", "kilogram", "kilos", "kg", "grams", "gram", "kilometres",
    "kilometers", "kilometre", "kilometer", "km", "miles", "mile", "metres", "meters", "metre", "meter", "cm",
    "mm", "feet", "foot", "ft", "inches", "inch", "yards", "yard", "acres", "acre", "hectares", "hectare",
    "square miles", "square metres", "square meters", "square feet", "sq km", "sq ft", "cubic metres",
    "litres", "liters", "litre", "liter", "gallons", "gallon", "barrels", "barrel", "gigawatts", "gigawatt",
    "megawatts", "megawatt", "kilowatts", "kilowatt", "terawatt hours", "gigawatt hours", "megawatt hours",
    "kilowatt hours", "watts", "GW", "MW", "kW", "TWh", "GWh", "MWh", "kWh", "mph", "km/h", "kph", "knots",
    "degrees", "°C", "°F", "calories", "kcal", "decibels", "terabytes", "gigabytes", "megabytes", "TB", "GB",
    "MB"};

constexpr std::string_view kSmallNumbers[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                              "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
                                              "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::string_view kTens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_digit(c) || is_ascii_letter(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Whether code point `c` is part of a word: ASCII letters and digits, and any code point outside
// Latin-1's symbols and the punctuation, currency and symbol blocks (U+2000-U+2BFF): "é" and "ж"
// are, "£", "–" and curly quotes are not.
bool is_word_char(char32_t c) {
  if (c < 0x80) return is_digit(static_cast<char>(c)) || is_ascii_letter(static_cast<char>(c));
  if (c < 0xC0) return false;
  return !(c >= 0x2000 && c < 0x2C00) && c != 0xD7 && c != 0xF7;
}
bool word_char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  return is_word_char(utf8::decode(text, pos));
}
bool word_char_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  return is_word_char(utf8::decode_before(text, pos));
}

// Whether `text` at `pos` starts with `word`: lower-case letters of `word` match either case,
// capitals and symbols only themselves.
bool starts_with_word_form(std::string_view text, std::size_t pos, std::string_view word) {
  if (text.size() - pos < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char w = word[i], t = text[pos + i];
    if (w != t && !(w >= 'a' && w <= 'z' && lower(t) == w)) return false;
  }
  return true;
}

// Whether a word ends at `pos` (no letter or digit follows).
bool word_ends(std::string_view text, std::size_t pos) { return !word_char_at(text, pos); }

constexpr std::string_view entry_text(const Word& w) { return w.text; }
constexpr std::string_view entry_text(std::string_view s) { return s; }

// The bytes an entry of `words` may begin with (its first byte; a lower-case letter's capital too):
// a list whose entries cannot begin at a position is passed over at once.
template <typename Entry, std::size_t N>
constexpr std::array<bool, 256> first_bytes(const Entry (&words)[N]) {
  std::array<bool, 256> table{};
  for (const Entry& entry : words) {
    const char c = entry_text(entry)[0];
    table[static_cast<unsigned char>(c)] = true;
    if (c >= 'a' && c <= 'z') table[static_cast<unsigned char>(c - ('a' - 'A'))] = true;
  }
  return table;
}
constexpr auto kScaleFirstBytes = first_bytes(kScaleWords);
constexpr auto kPercentFirstBytes = first_bytes(kPercentWords);
constexpr auto kCurrencyFirstBytes = first_bytes(kCurrencyWords);
constexpr auto kMeasureFirstBytes = first_bytes(kMeasureUnits);
constexpr auto kSmallNumberFirstBytes = first_bytes(kSmallNumbers);
constexpr auto kTensFirstBytes = first_bytes(kTens);

bool may_begin(const std::array<bool, 256>& first, std::string_view text, std::size_t pos) {
  return pos < text.size() && first[static_cast<unsigned char>(text[pos])];
}

// The entry of `words` (beginning with the bytes `first`) that `text` spells at `pos` as a whole
// word, and its end.
template <std::size_t N>
std::optional<std::pair<const Word*, std::size_t>> word_at(std::string_view text, std::size_t pos,
                                                           const Word (&words)[N], const std::array<bool, 256>& first) {
  if (!may_begin(first, text, pos)) return std::nullopt;
  for (const Word& w : words)
    if (starts_with_word_form(text, pos, w.text) && word_ends(text, pos + w.text.size()))
      return std::pair{&w, pos + w.text.size()};
  return std::nullopt;
}

// Position after one space at `pos`, or npos.
std::size_t after_space(std::string_view text, std::size_t pos) {
  return pos < text.size() && text[pos] == ' ' ? pos + 1 : std::string_view::npos;
}

struct Number {
  double value = 0.0;
  std::size_t end = 0;
  bool article = false;  // "a" (as in "a billion dollars"): a number only with a scale word after
};

// Digits with thousands commas and a decimal part: "3,251.51", "1.86". The scan goes over every
// digit of the run even when the value overflows, so the caller can skip the whole number.
std::optional<Number> digits_at(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == pos) return std::nullopt;
  std::string digits(text.substr(pos, i - pos));
  // ",ddd" groups: exactly three digits after each comma.
  while (i + 3 < text.size() + 0 && text[i] == ',' && is_digit(text[i + 1]) && is_digit(text[i + 2]) &&
         is_digit(text[i + 3]) && (i + 4 >= text.size() || !is_digit(text[i + 4]))) {
    digits.append(text.substr(i + 1, 3));
    i += 4;
  }
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    const std::size_t start = i;
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    digits.append(text.substr(start, i - start));
  }
  return Number{std::strtod(digits.c_str(), nullptr), i, false};
}

// The index of `text`'s lower-cased word at `pos` in `words` (words of letters only), and its end.
// Only an entry as long as the run of letters at `pos` can be the whole word.
template <std::size_t N>
std::optional<std::pair<std::size_t, std::size_t>> number_word_at(std::string_view text, std::size_t pos,
                                                                  const std::string_view (&words)[N]) {
  std::size_t letters = pos;
  while (letters < text.size() && is_ascii_letter(text[letters])) ++letters;
  letters -= pos;
  for (std::size_t k = 0; k < N; ++k)
    if (words[k].size() == letters && starts_with_word_form(text, pos, words[k]) && word_ends(text, pos + letters))
      return std::pair{k, pos + letters};
  return std::nullopt;
}

// Number words: "one", "Forty-three", "twenty", and "a" before a scale word.
std::optional<Number> number_words_at(std::string_view text, std::size_t pos) {
  if (starts_with_word_form(text, pos, "a") && word_ends(text, pos + 1)) return Number{1.0, pos + 1, true};
  if (!may_begin(kSmallNumberFirstBytes, text, pos) && !may_begin(kTensFirstBytes, text, pos)) return std::nullopt;
  if (auto small = number_word_at(text, pos, kSmallNumbers)) return Number{double(small->first), small->second, false};
  auto tens = number_word_at(text, pos, kTens);
  if (!tens) return std::nullopt;
  Number n{20.0 + 10.0 * double(tens->first), tens->second, false};
  if (n.end < text.size() && text[n.end] == '-')
    if (auto unit = number_word_at(text, n.end + 1, kSmallNumbers); unit && unit->first > 0 && unit->first < 10) {
      n.value += double(unit->first);
      n.end = unit->second;
    }
  return n;
}

// What follows a number: a scale and a unit, each optional.
struct Tail {
  double scale = 1.0;
  std::size_t end = 0;  // after the scale, or the number when there is none
  QuantityType type = QuantityType::kNumber;
  std::string_view unit;  // empty: no unit
  double factor = 1.0;
  std::size_t unit_end = 0;
};

std::optional<std::pair<const Word*, std::size_t>> scale_at(std::string_view text, std::size_t pos) {
  if (auto attached = word_at(text, pos, kScaleWords, kScaleFirstBytes)) return attached;
  const std::size_t spaced = after_space(text, pos);
  if (spaced == std::string_view::npos) return std::nullopt;
  auto word = word_at(text, spaced, kScaleWords, kScaleFirstBytes);
  if (word && attached_only(word->first->text)) return std::nullopt;
  return word;
}

// "%" attached or after a space, or a percent word after a space.
bool percent_at(std::string_view text, std::size_t pos, Tail& tail) {
  const std::size_t spaced = after_space(text, pos);
  for (const std::size_t at : {pos, spaced}) {
    if (at == std::string_view::npos) continue;
    if (at < text.size() && text[at] == '%') {
      tail = {tail.scale, tail.end, QuantityType::kPercent, "%", 1.0, at + 1};
      return true;
    }
  }
  if (spaced == std::string_view::npos) return false;
  if (auto word = word_at(text, spaced, kPercentWords, kPercentFirstBytes)) {
    tail = {tail.scale, tail.end, QuantityType::kPercent, "%", word->first->factor, word->second};
    return true;
  }
  return false;
}

// A currency word after a space ("14bn euros"), or "p" attached for pence ("5p", not "5pm").
bool currency_word_at(std::string_view text, std::size_t pos, Tail& tail) {
  if (tail.scale == 1.0 && pos < text.size() && text[pos] == 'p' && word_ends(text, pos + 1)) {
    tail = {tail.scale, tail.end, QuantityType::kMoney, "GBP", 0.01, pos + 1};
    return true;
  }
  const std::size_t spaced = after_space(text, pos);
  if (spaced == std::string_view::npos) return false;
  if (auto word = word_at(text, spaced, kCurrencyWords, kCurrencyFirstBytes)) {
    tail = {tail.scale, tail.end, QuantityType::kMoney, word->first->unit, word->first->factor, word->second};
    return true;
  }
  return false;
}

// A unit of measure attached, after a space, or after a hyphen ("55-litre").
bool measure_unit_at(std::string_view text, std::size_t pos, Tail& tail) {
  for (const std::size_t at : {pos, after_space(text, pos), pos < text.size() && text[pos] == '-' ? pos + 1 : std::string_view::npos}) {
    if (at == std::string_view::npos || !may_begin(kMeasureFirstBytes, text, at)) continue;
    for (const std::string_view unit : kMeasureUnits)
      if (starts_with_word_form(text, at, unit) && word_ends(text, at + unit.size())) {
        tail = {tail.scale, tail.end, QuantityType::kNumber, text.substr(at, unit.size()), 1.0, at + unit.size()};
        return true;
      }
  }
  return false;
}

// The scale and unit after a number ending at `pos`.
Tail tail_at(std::string_view text, std::size_t pos) {
  Tail tail;
  tail.end = pos;
  if (auto scale = scale_at(text, pos)) {
    tail.scale = scale->first->factor;
    tail.end = scale->second;
  }
  tail.unit_end = tail.end;
  if (!percent_at(text, tail.end, tail) && !currency_word_at(text, tail.end, tail)) measure_unit_at(text, tail.end, tail);
  return tail;
}

// A range's connector after the first end: "-", "–", " to ", " and " (the last only after "between").
std::size_t range_connector_end(std::string_view text, std::size_t pos, bool after_between) {
  if (pos < text.size() && text[pos] == '-') return pos + 1;
  if (starts_with_word_form(text, pos, "–")) return pos + std::string_view("–").size();
  if (starts_with_word_form(text, pos, " to ")) return pos + 4;
  if (after_between && starts_with_word_form(text, pos, " and ")) return pos + 5;
  return std::string_view::npos;
}

constexpr std::string_view kMonths[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
                                        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};

// Whether a month name stands right before `pos` ("July 31 to 7.0 percent": a date, not a range).
bool preceded_by_month(std::string_view text, std::size_t pos) {
  for (const std::string_view month : kMonths) {
    const std::size_t need = month.size() + 1;
    if (pos >= need && text.substr(pos - need, month.size()) == month && text[pos - 1] == ' ' &&
        !word_char_before(text, pos - need))
      return true;
  }
  return false;
}

bool preceded_by_between(std::string_view text, std::size_t pos) {
  constexpr std::string_view kBetween = "between ";
  return pos >= kBetween.size() && starts_with_word_form(text, pos - kBetween.size(), kBetween);
}

std::optional<std::pair<const Word*, std::size_t>> currency_mark_at(std::string_view text, std::size_t pos) {
  for (const Word& mark : kCurrencyMarks)
    if (text.substr(pos, mark.text.size()) == mark.text) return std::pair{&mark, pos + mark.text.size()};
  return std::nullopt;
}

// Where a quantity may start: not inside a word or a number ("COVID-19", "G20", "1,5").
bool starts_token(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  const char before = text[pos - 1];
  if (before == '.' || before == ',' || word_char_before(text, pos)) return false;
  return before != '-' || !word_char_before(text, pos - 1);
}

// The article's currencies for words that depend on it: "cents" take the last dollar-like currency
// written before them (USD when none), "rupees" the country the article names.
class ArticleCurrencies {
 public:
  explicit ArticleCurrencies(std::string_view text) : text_(text) {}
  std::string_view resolve(std::string_view unit) {
    if (unit == "cent") return cents_;
    if (unit == "rupee") return rupees();
    if (unit != "GBP" && unit != "JPY" && unit != "KRW" && unit != "INR") cents_ = unit;
    return unit;
  }

 private:
  std::string_view rupees() {
    if (rupees_.empty()) {
      rupees_ = text_.find("Sri Lanka") != std::string_view::npos ? "LKR"
                : text_.find("Pakistan") != std::string_view::npos ? "PKR"
                : text_.find("Nepal") != std::string_view::npos    ? "NPR"
                                                                   : "INR";
    }
    return rupees_;
  }
  std::string_view text_;
  std::string_view cents_ = "USD";
  std::string_view rupees_;
};

struct Scanner {
  std::string_view text;
  ArticleCurrencies currencies;
  std::vector<Quantity>& out;

  // The quantity starting at `pos`, or nullopt; `skip` is set past a number that made none.
  std::optional<Quantity> match(std::size_t pos, std::size_t& skip) {
    const auto mark = currency_mark_at(text, pos);
    const std::size_t number_pos = mark ? mark->second : pos;
    std::optional<Number> number = digits_at(text, number_pos);
    if (!number && !mark) number = number_words_at(text, number_pos);
    if (!number) return std::nullopt;
    skip = number->end;
    if (number->article && !scale_at(text, number->end) &&
        range_connector_end(text, number->end, true) == std::string_view::npos)
      return std::nullopt;  // "a" without a scale word: the common case, decided before the tail
    Tail tail = tail_at(text, number->end);
    if (tail.end == number->end && tail.unit.empty()) borrow_from_range(pos, *number, tail, mark.has_value());
    if (number->article && tail.scale == 1.0) return std::nullopt;
    std::string_view unit = tail.unit;
    QuantityType type = tail.type;
    if (mark && (unit.empty() || type != QuantityType::kMoney)) {
      type = QuantityType::kMoney;
      unit = mark->first->unit;
      tail.unit_end = tail.end;
      tail.factor = 1.0;
    }
    if (unit.empty()) return std::nullopt;
    const double value = number->value * tail.scale * tail.factor;
    if (!std::isfinite(value)) return std::nullopt;
    if (type == QuantityType::kMoney) unit = currencies.resolve(unit);
    return Quantity{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(tail.unit_end), type, value,
                    std::string(unit)};
  }

  // "$5-6bn", "5 to 6 per cent", "between 50 and 60%": the first end takes the second's scale
  // and unit, and the span runs to the second's end. Two complete ends ("£750 to £1,000") stay two.
  void borrow_from_range(std::size_t begin, const Number& first, Tail& tail, bool has_mark) {
    if (preceded_by_month(text, begin)) return;
    const std::size_t second_pos = range_connector_end(text, first.end, preceded_by_between(text, begin));
    if (second_pos == std::string_view::npos || second_pos >= text.size() || !is_digit(text[second_pos])) return;
    const auto second = digits_at(text, second_pos);
    if (!second) return;
    Tail second_tail = tail_at(text, second->end);
    if (second_tail.end == second->end && second_tail.unit.empty()) return;  // "2-1": a score
    if (has_mark && second_tail.scale == 1.0) return;                       // "$5-6": two amounts
    tail = second_tail;
    if (tail.unit.empty()) tail.unit_end = tail.end;
  }

  // Text [begin, end): a paragraph. Quantities may not start past `end`. A rejected position
  // skips the rest of its ASCII word: no quantity starts inside one.
  void scan(std::size_t begin, std::size_t end) {
    for (std::size_t pos = begin; pos < end;) {
      if (!may_start(pos)) {
        ++pos;
        while (pos < end && is_ascii_alnum(text[pos]) && is_ascii_alnum(text[pos - 1])) ++pos;
        continue;
      }
      std::size_t skip = pos + 1;
      if (auto q = match(pos, skip)) {
        pos = q->end;
        out.push_back(std::move(*q));
      } else {
        pos = std::max(skip, pos + 1);
      }
    }
  }

  // Digits, currency marks, and the first letters of number words ("a", "one" ... "ninety") and
  // of prefixed dollar marks ("US$", "A$", "NZ$" ...), at the start of a token.
  bool may_start(std::size_t pos) const {
    return kMayStart[static_cast<unsigned char>(text[pos])] && starts_token(text, pos);
  }

  static constexpr std::array<bool, 256> kMayStart = [] {
    std::array<bool, 256> table{};
    for (const char c : std::string_view("0123456789$aefnostzAEFNOSTZUCHR")) table[static_cast<unsigned char>(c)] = true;
    for (std::size_t c = 0xC2; c < 256; ++c) table[c] = true;
    return table;
  }();
};

}  // namespace

QuantityLayer extract_quantities(const Document& doc) {
  QuantityLayer layer;
  Scanner scanner{doc.text(), ArticleCurrencies(doc.text()), layer.quantities};
  for (const Paragraph& p : doc.paragraphs)
    if (!p.boilerplate) scanner.scan(p.begin, p.end);
  return layer;
}

std::vector<Quantity> extract_quantities(std::string_view text) {
  std::vector<Quantity> out;
  Scanner scanner{text, ArticleCurrencies(text), out};
  scanner.scan(0, text.size());
  return out;
}

}  // namespace analyze
