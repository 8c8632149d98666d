#include "analyze/sentence_segmenter.h"

#include <algorithm>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "analyze/utf8.h"

namespace analyze {

namespace {

icu::BreakIterator& sentence_iterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  thread_local const std::unique_ptr<icu::BreakIterator> iterator(prototype->clone());
  return *iterator;
}

bool is_closing(std::string_view form) {
  return form == "\"" || form == "'" || form == ")" || form == "]" || form == "}" || form == "''";
}

bool starts_lowercase(std::string_view s) {
  std::size_t p = 0;
  return !s.empty() && u_islower(static_cast<UChar32>(utf8::decode(s, p)));
}

}  // namespace

SentenceSegmenter::SentenceSegmenter(std::shared_ptr<const Abbreviations> abbreviations)
    : abbreviations_(std::move(abbreviations)) {}

bool SentenceSegmenter::keeps_boundary(const Document& doc, std::uint32_t token_begin, std::uint32_t next) const {
  // The token that ends the sentence, looking through closing quotes and brackets.
  std::uint32_t last = next - 1;
  while (last > token_begin && is_closing(doc.form(doc.tokens[last]))) --last;
  const Token& end_token = doc.tokens[last];
  const std::string_view end_form = doc.form(end_token);
  const std::string_view next_form = doc.form(doc.tokens[next]);

  // A break before a lower-case word is a false one ("Wait... what?", "U.S. officials").
  if (starts_lowercase(next_form)) return false;

  if (end_token.kind == TokenKind::kWord && end_form.size() > 1 && end_form.back() == '.') {
    switch (abbreviations_->kind(end_form)) {
      case AbbreviationKind::kTitle:
        return false;
      case AbbreviationKind::kCommon:
        return abbreviations_->is_sentence_starter(next_form) || (next_form == "\"" || next_form == "'");
      case AbbreviationKind::kNone:
        break;
    }
  }
  return true;
}

void SentenceSegmenter::split(const Document& doc, std::uint32_t begin, std::uint32_t end, std::uint32_t token_begin,
                              std::uint32_t token_end, std::vector<std::uint32_t>& starts) const {
  starts.clear();
  if (token_begin == token_end) return;
  starts.push_back(token_begin);
  const std::string_view para = doc.slice(begin, end);
  icu::BreakIterator& it = sentence_iterator();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, para.data(), static_cast<int64_t>(para.size()), &status);
  it.setText(&ut, status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    return;
  }
  auto first = doc.tokens.begin() + token_begin;
  const auto last = doc.tokens.begin() + token_end;
  for (int32_t b = it.next(); b != icu::BreakIterator::DONE && static_cast<std::uint32_t>(b) < para.size(); b = it.next()) {
    // The first token at or after the break; a break inside a token (rare) is moved to its end.
    const std::uint32_t at = begin + static_cast<std::uint32_t>(b);
    first = std::lower_bound(first, last, at, [](const Token& t, std::uint32_t pos) { return t.begin < pos; });
    if (first == last) break;
    const auto next = static_cast<std::uint32_t>(first - doc.tokens.begin());
    if (next <= starts.back()) continue;
    if (keeps_boundary(doc, token_begin, next)) starts.push_back(next);
  }
  utext_close(&ut);
}

}  // namespace analyze
