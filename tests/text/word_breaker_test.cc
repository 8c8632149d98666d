#include "text/word_breaker.h"

#include "core/utf8.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/ubrk.h>

#include "test_paths.h"

using namespace analyze;

namespace {

std::string show(std::string_view text, const std::vector<WordSegment>& segments) {
  std::string out;
  for (const auto& s : segments) {
    out += '[';
    out += text.substr(s.begin, s.end - s.begin);
    out += ']';
    out += std::to_string(s.status);
  }
  return out;
}

// Checks that the Latin scanner, where it accepts `text`, gives exactly ICU's segments.
// Returns whether it accepted the text.
bool agrees_with_icu(const std::string& text) {
  std::vector<WordSegment> latin, icu;
  break_words_icu(text, icu);
  if (!break_words_latin(text, latin)) return false;
  if (!(latin == icu)) {
    INFO("text: \"" << text << "\"\nicu:   " << show(text, icu) << "\nlatin: " << show(text, latin));
    CHECK(false);
  }
  return true;
}

// One character of every word-break class the scanner handles, and some it must refuse.
const std::vector<std::string> kAlphabet = {
    "a", "B", "1", ".", "'", ":", ",", ";", "_", "\"", " ", "-", "$", "\t",
    "\xC3\xA9",      // é ALetter
    "\xE2\x80\x99",  // ’ MidNumLet
    "\xE2\x80\x94",  // — Other
    "\xC2\xA0",      // no-break space: Other, not WSegSpace
    "\xC2\xB7",      // · MidLetter
    "\xE2\x80\x9C",  // “ Other
    "\xE2\x80\x83",  // em space: WSegSpace
    "\xC2\xA9",      // © Extended_Pictographic: refused
    "\n",            // refused
};

}  // namespace

TEST_CASE("the Latin word scanner gives ICU's segments on every short string", "[word_breaker]") {
  std::size_t accepted = 0, total = 0;
  std::vector<std::size_t> index;
  for (std::size_t length = 1; length <= 4; ++length) {
    index.assign(length, 0);
    while (true) {
      std::string text;
      for (const std::size_t k : index) text += kAlphabet[k];
      accepted += agrees_with_icu(text);
      ++total;
      std::size_t k = length;
      while (k > 0 && ++index[k - 1] == kAlphabet.size()) index[--k] = 0;
      if (k == 0) break;
    }
  }
  // Everything without "©" or a line break is accepted: (21/23)^n of the strings of length n.
  CHECK(accepted > total * 6 / 10);
}

TEST_CASE("the Latin word scanner treats every character it accepts as ICU does", "[word_breaker]") {
  // Each character in the contexts where its word-break class matters.
  const std::vector<std::pair<const char*, const char*>> contexts = {
      {"", ""}, {"a", ""}, {"", "a"}, {"a", "a"}, {"1", ""}, {"", "1"}, {"1", "1"}, {"a", "1"}, {"1", "a"},
      {"_", ""}, {"", "_"}, {" ", " "}, {"a.", "a"}, {"a", ".a"}, {"1,", "1"}, {"1", ",1"}, {"x", "x"}};
  std::size_t accepted = 0;
  for (const char32_t range_end : {0x300u, 0x20D0u}) {
    for (char32_t c = range_end == 0x300u ? 0 : 0x2000; c < range_end; ++c) {
      if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85) continue;  // paragraphs have none
      std::string ch;
      utf8::append(ch, c);
      for (const auto& [before, after] : contexts) accepted += agrees_with_icu(before + ch + after);
    }
  }
  CHECK(accepted > 500 * contexts.size());
}

TEST_CASE("the Latin word scanner gives ICU's segments on long random text", "[word_breaker]") {
  const std::vector<std::string> pieces = {
      "U.S.", "don't", "O\xE2\x80\x99" "Brien", "3.14", "$1,500", "e-mail", "caf\xC3\xA9", "\xE2\x80\x94", "...",
      "  ", " ", "Mr.", "COVID-19", "a1", "1a", "snake_case", "_", "1_000", "x:y", "3;4", "it's", "'90s", "?!",
      "(", ")", "\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xA0", "na\xC3\xAFve", "Stra\xC3\x9F" "e", "4\xC2\xB7" "5"};
  std::mt19937 random(20240607);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string text;
  while (text.size() < 200000) text += pieces[pick(random)];
  CHECK(agrees_with_icu(text));
}

TEST_CASE("the Latin word scanner gives ICU's segments on the SBD texts", "[word_breaker][data]") {
  if (!std::filesystem::exists(testing::shared_dir())) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  std::size_t accepted = 0, paragraphs = 0;
  for (const char* file : {"gum_train.jsonl", "ewt_train.jsonl"}) {
    std::ifstream in(testing::shared_dir() / "data" / "sbd" / file);
    REQUIRE(in);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream lines(nlohmann::json::parse(line).at("text").get<std::string>());
      for (std::string paragraph; std::getline(lines, paragraph);) {
        accepted += agrees_with_icu(paragraph);
        ++paragraphs;
      }
    }
  }
  CHECK(accepted > paragraphs / 2);  // the others contain characters only ICU handles
}

TEST_CASE("break_words falls back to ICU outside the Latin scanner's characters", "[word_breaker]") {
  std::vector<WordSegment> segments;
  const std::string text = "Hi \xF0\x9F\x98\x80 there";  // an emoji: four bytes
  CHECK_FALSE(break_words_latin(text, segments));
  break_words(text, segments);
  REQUIRE(segments.size() == 5);
  CHECK(segments[2].begin == 3);
  CHECK(segments[2].end == 7);
  CHECK(segments[4].status >= UBRK_WORD_LETTER);
}

TEST_CASE("word segments: words, numbers and the rest", "[word_breaker]") {
  std::vector<WordSegment> segments;
  const std::string text = "U.S. GDP rose 3.5% in 2019, don't";
  REQUIRE(break_words_latin(text, segments));
  std::vector<std::string> words;
  for (const auto& s : segments)
    if (s.status != UBRK_WORD_NONE) words.push_back(text.substr(s.begin, s.end - s.begin));
  CHECK(words == std::vector<std::string>{"U.S", "GDP", "rose", "3.5", "in", "2019", "don't"});
}
