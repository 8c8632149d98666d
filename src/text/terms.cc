#include "text/terms.h"

#include <algorithm>
#include <cctype>

#include "core/hash_index.h"
#include "core/utf8.h"

namespace analyze {

std::uint64_t term_hash(std::string_view word, std::string& buffer) {
  if (utf8::is_ascii(word)) return lowercase_hash(word);
  utf8::to_lower(word, buffer);
  return lowercase_hash(buffer);
}

void collect_terms(const Document& doc, std::vector<Term>& out) {
  out.reserve(out.size() + doc.tokens.size());  // at most one term per token: one allocation
  std::string buffer;
  for (const Sentence& s : doc.sentences) {
    if (doc.in_boilerplate(s)) continue;
    bool adjacent = false;  // the last token seen continues into the next word
    for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens[i];
      if (is_term_token(doc, t)) {
        out.push_back({term_hash(doc.form(t), buffer), i, adjacent});
        adjacent = true;
      } else if (t.kind == TokenKind::kWord) {
        // A clitic ("'s") belongs to the word before it and is skipped without breaking the pair.
      } else {
        const bool tight_hyphen = adjacent && doc.form(t) == "-" && i > s.token_begin && i + 1 < s.token_end &&
                                  doc.tokens[i - 1].end == t.begin && t.end == doc.tokens[i + 1].begin;
        adjacent = tight_hyphen;
      }
    }
  }
}

std::vector<std::uint64_t> phrase_term_hashes(std::string_view phrase) {
  std::vector<std::uint64_t> out;
  std::string buffer;
  auto is_separator = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-'; };
  auto is_outer_punctuation = [](char c) {
    return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '(' || c == ')' || c == '\'';
  };
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && is_separator(phrase[i])) ++i;
    std::size_t j = i;
    while (j < phrase.size() && !is_separator(phrase[j])) ++j;
    std::string_view word = phrase.substr(i, j - i);
    i = j;
    if (word.size() >= 2 && (word.substr(word.size() - 2) == "'s" || word.substr(word.size() - 2) == "'S"))
      word.remove_suffix(2);
    while (!word.empty() && is_outer_punctuation(word.front())) word.remove_prefix(1);
    while (!word.empty() && (is_outer_punctuation(word.back()) || (word.back() == '.' && word.find('.') == word.size() - 1)))
      word.remove_suffix(1);
    const bool has_letter_or_digit = std::any_of(word.begin(), word.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    if (has_letter_or_digit) out.push_back(term_hash(word, buffer));
  }
  return out;
}

}  // namespace analyze
