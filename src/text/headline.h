// The article's headline, and whether its capitals are a style rather than names. The entity
// linker weighs the headline's mentions and, like the keyphrase extractor, does not read the
// capitals of a title-case headline ("Data Center Demand Soars") as names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "analyze/document.h"

namespace analyze {

constexpr std::uint32_t kNoHeadline = 0xFFFFFFFFu;

// The paragraph that is the article's headline: the first non-boilerplate paragraph, when it is
// one short sentence without final punctuation; else kNoHeadline.
std::uint32_t headline_paragraph(const Document& doc);

// Whether `s` is in title case: it has at least three words longer than three letters, and at
// least three in four of those are capitalised.
bool is_title_case(const Document& doc, const Sentence& s);

// The article's headline as the output gives it: a span of the text ([begin, end) bytes), or for
// a web page the headline the page states, with the span where the text repeats it at its start.
struct ArticleHeadline {
  std::optional<std::pair<std::uint32_t, std::uint32_t>> span;
  std::string text;
};

// A web page's stated headline (Document::source "title") first; else the headline paragraph's
// sentence; nullopt when the article has none.
std::optional<ArticleHeadline> article_headline(const Document& doc);

// The headline's sentence when the headline is in title case and the article goes on after it;
// else nullptr. (A text that is all headline has nothing else to go by.)
const Sentence* title_case_headline(const Document& doc);

}  // namespace analyze
