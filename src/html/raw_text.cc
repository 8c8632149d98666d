#include "html/raw_text.h"

#include <cctype>

namespace analyze {

namespace {

constexpr auto npos = std::string_view::npos;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Whether `s` has the lower-case `word` at `at`, in any case.
bool has_word_at(std::string_view s, std::size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (lower(s[at + k]) != word[k]) return false;
  return true;
}

// The first `word` (lower-case, starting with a character that has no case: "</script") at or
// after `from`, in any case.
std::size_t find_word(std::string_view s, std::size_t from, std::string_view word) {
  for (std::size_t at = s.find(word.front(), from); at != npos; at = s.find(word.front(), at + 1))
    if (has_word_at(s, at, word)) return at;
  return npos;
}

// Whether the lower-case `word` occurs in `s`, in any case.
bool contains_word(std::string_view s, std::string_view word) {
  for (std::size_t at = 0; at + word.size() <= s.size(); ++at)
    if (has_word_at(s, at, word)) return true;
  return false;
}

// Where the tag opened by the '<' before `at` ends (just after its '>'); npos if it does not.
std::size_t end_of_tag(std::string_view s, std::size_t at) {
  bool value_next = false;
  for (std::size_t i = at; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '>') return i + 1;
    if (value_next && (c == '"' || c == '\'')) {
      i = s.find(c, i + 1);
      if (i == npos) return npos;
      value_next = false;
    } else if (c == '=') {
      value_next = true;
    } else if (!is_space(c)) {
      value_next = false;
    }
  }
  return npos;
}

// The raw-text element ("script", "style") a start tag at `at` (just after '<') opens, or "".
std::string_view raw_text_element(std::string_view s, std::size_t at) {
  for (const std::string_view name : {std::string_view("script"), std::string_view("style")}) {
    const std::size_t after = at + name.size();
    if (has_word_at(s, at, name) && after < s.size() && (is_space(s[after]) || s[after] == '>' || s[after] == '/')) return name;
  }
  return {};
}

}  // namespace

std::string without_script_bodies(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t copied = 0;
  std::size_t i = html.find('<');
  while (i != npos && i + 1 < html.size()) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i + 4);
      if (end == npos) break;
      i = html.find('<', end + 3);
      continue;
    }
    const char next = html[i + 1];
    if (!is_letter(next) && next != '/' && next != '!' && next != '?') {
      i = html.find('<', i + 1);
      continue;
    }
    const std::size_t end = end_of_tag(html, i + 1);
    if (end == npos) break;
    const std::string_view element = is_letter(next) ? raw_text_element(html, i + 1) : std::string_view();
    const std::string_view tag = html.substr(i, end - i);
    if (!element.empty() && tag[tag.size() - 2] != '/' && !contains_word(tag, "ld+json")) {
      out.append(html.substr(copied, end - copied));
      const std::size_t close = find_word(html, end, element == "script" ? "</script" : "</style");
      copied = close == npos ? html.size() : close;
      i = close == npos ? npos : html.find('<', close + 2);
      continue;
    }
    i = html.find('<', end);
  }
  out.append(html.substr(copied));
  return out;
}

}  // namespace analyze
