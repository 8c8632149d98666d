#include "text/dateline.h"

#include <algorithm>
#include <string_view>

#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::uint32_t kMaxDatelineTokens = 10;

bool is_dash(std::string_view form) { return form == "-" || form == "--" || form == "\u2014" || form == "\u2013"; }

// "WASHINGTON", "U.S.", "AP": at least two letters, none lower-case.
bool is_capitals(std::string_view w) {
  return std::count_if(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) >= 2 &&
         std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_month(std::string_view w) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                 "Sept", "Oct", "Nov", "Dec", "January", "February", "March",
                                                 "April", "June", "July", "August", "September", "October",
                                                 "November", "December"};
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  return std::find(std::begin(kMonths), std::end(kMonths), w) != std::end(kMonths);
}

// "1996-08-30" or "30": the tokenizer's number, or digits with dashes and slashes.
bool is_date_part(const Document& doc, const Token& t) {
  if (t.kind == TokenKind::kNumber) return true;
  const std::string_view w = doc.form(t);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return std::any_of(w.begin(), w.end(), digit) &&
         std::all_of(w.begin(), w.end(), [&](char c) { return digit(c) || c == '-' || c == '/'; });
}

}  // namespace

std::uint32_t dateline_end(const Document& doc, const Sentence& s) {
  const auto index = static_cast<std::uint32_t>(&s - doc.sentences.data());
  if (doc.paragraphs[s.paragraph].sentence_begin != index) return s.token_begin;
  const std::uint32_t limit = std::min(s.token_end, s.token_begin + kMaxDatelineTokens + 1);
  bool capitals = false, parenthesised = false, in_parentheses = false;
  for (std::uint32_t i = s.token_begin; i < limit; ++i) {
    const Token& t = doc.tokens[i];
    const std::string_view w = doc.form(t);
    if (in_parentheses) {
      if (w == ")") in_parentheses = false;
      else if (!utf8::starts_with_capital(w)) return s.token_begin;
      continue;
    }
    if (is_dash(w)) {
      if (!capitals) return s.token_begin;
      std::uint32_t j = i;
      while (j < s.token_end && is_dash(doc.form(doc.tokens[j]))) ++j;
      return j < s.token_end ? j : s.token_begin;  // a dash that ends the sentence introduces nothing
    }
    if (w == "(" && !parenthesised && i > s.token_begin) {
      parenthesised = in_parentheses = true;
    } else if (is_capitals(w)) {
      capitals = true;
    } else if (is_date_part(doc, t)) {
      // A line of capitals and a date is a dateline of its own: "LONDON 1996-08-30".
      std::uint32_t j = i + 1;
      while (j < s.token_end && (is_dash(doc.form(doc.tokens[j])) || is_date_part(doc, doc.tokens[j]))) ++j;
      if (capitals && j == s.token_end) return s.token_end;
    } else if (!(w == "," || w == "." || is_month(w))) {
      return s.token_begin;
    }
  }
  return s.token_begin;
}

std::uint32_t headline_credit_begin(const Document& doc, const Sentence& s) {
  if (s.token_end - s.token_begin < 4) return s.token_end;  // a credit closes some headline
  const std::uint32_t open = s.token_end - 3;
  const Token& word = doc.tokens[open + 1];
  const bool credit = doc.form(doc.tokens[open]) == "(" && doc.form(doc.tokens[s.token_end - 1]) == ")" &&
                      word.kind == TokenKind::kWord && utf8::starts_with_capital(doc.form(word));
  return credit ? open : s.token_end;
}

}  // namespace analyze
