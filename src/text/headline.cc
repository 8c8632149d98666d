#include "text/headline.h"

#include <string_view>

#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::uint32_t kMaxHeadlineTokens = 25;

bool is_content(const Paragraph& p) { return !p.boilerplate && p.sentence_end > p.sentence_begin; }

}  // namespace

std::uint32_t headline_paragraph(const Document& doc) {
  for (std::uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& para = doc.paragraphs[p];
    if (!is_content(para)) continue;
    const Sentence& first = doc.sentences[para.sentence_begin];
    if (para.sentence_end - para.sentence_begin != 1 || first.token_end == first.token_begin ||
        first.token_end - first.token_begin > kMaxHeadlineTokens)
      return kNoHeadline;
    const std::string_view last = doc.form(doc.tokens[first.token_end - 1]);
    return last == "." || last == "!" || last == "?" ? kNoHeadline : p;
  }
  return kNoHeadline;
}

bool is_title_case(const Document& doc, const Sentence& s) {
  std::size_t words = 0, capitalised = 0;
  for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
    const Token& t = doc.tokens[i];
    if (!is_term_token(doc, t)) continue;
    const std::string_view form = doc.form(t);
    if (form.size() <= 3) continue;  // "in", "of", "the": often lower-case in title case
    ++words;
    capitalised += utf8::starts_with_capital(form);
  }
  return words >= 3 && capitalised * 4 >= words * 3;
}

std::optional<ArticleHeadline> article_headline(const Document& doc) {
  if (const auto title = doc.source.find("title"); !doc.source.is_null() && title != doc.source.end() && title->is_string()) {
    ArticleHeadline h{std::nullopt, title->get<std::string>()};
    if (doc.text().compare(0, h.text.size(), h.text) == 0)
      h.span = std::make_pair(0u, static_cast<std::uint32_t>(h.text.size()));
    return h;
  }
  const std::uint32_t p = headline_paragraph(doc);
  if (p == kNoHeadline) return std::nullopt;
  const Sentence& s = doc.sentences[doc.paragraphs[p].sentence_begin];
  return ArticleHeadline{std::make_pair(s.begin, s.end), std::string(doc.slice(s.begin, s.end))};
}

const Sentence* title_case_headline(const Document& doc) {
  const std::uint32_t p = headline_paragraph(doc);
  if (p == kNoHeadline) return nullptr;
  bool goes_on = false;
  for (std::uint32_t q = p + 1; q < doc.paragraphs.size() && !goes_on; ++q) goes_on = is_content(doc.paragraphs[q]);
  const Sentence& s = doc.sentences[doc.paragraphs[p].sentence_begin];
  return goes_on && is_title_case(doc, s) ? &s : nullptr;
}

}  // namespace analyze
