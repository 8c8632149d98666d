#include "analyze/title_case.h"

#include "analyze/topic_terms.h"

namespace analyze {

bool is_title_case(const Document& doc, const Sentence& s) {
  std::size_t words = 0, capitalised = 0;
  for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
    const Token& t = doc.tokens[i];
    if (!is_term_token(doc, t)) continue;
    const std::string_view form = doc.form(t);
    if (form.size() <= 3) continue;  // "in", "of", "the": often lower-case in title case
    ++words;
    capitalised += form[0] >= 'A' && form[0] <= 'Z';
  }
  return words >= 3 && capitalised * 4 >= words * 3;
}

}  // namespace analyze
