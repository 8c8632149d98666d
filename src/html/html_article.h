// A web page read as an article: its bytes decoded, parsed, its main text extracted and what it
// states about itself (the contract's "source") read. The reader calls this for HTML input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "analyze/status.h"

namespace analyze {

struct HtmlArticle {
  std::string text;   // the article's main text, UTF-8: what every offset indexes
  Json source;        // {"format": "html", "title", "byline", "published", "url", "language", "site_name"}
  std::string date;   // the publication date (YYYY-MM-DD) when the page states one, else ""
  std::vector<Error> warnings;  // e.g. invalid bytes repaired
};

// Errors: `not-text` (binary data), `bad-html` (nothing parsable), `too-large`.
Result<HtmlArticle> read_html_article(std::string_view bytes);

}  // namespace analyze
