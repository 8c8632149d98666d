// What a web page states about its article: headline, byline, publication date, canonical URL,
// language and site name, from <meta> (Open Graph, Twitter, Dublin Core, article:*), JSON-LD
// (NewsArticle, Article, BlogPosting, also inside @graph), <time>, <h1>, <title> and <html lang>.
#pragma once

#include <string>

#include "analyze/document.h"
#include "html/html_tree.h"

namespace analyze {

struct PageMetadata {
  std::string title;      // the article's headline, not the site's name
  std::string byline;     // the authors, ", "-separated
  std::string published;  // ISO 8601 as the page states it ("2024-03-05T10:00:00Z")
  std::string url;
  std::string language;   // <html lang>, as written ("en-US")
  std::string site_name;
};

PageMetadata read_page_metadata(const HtmlTree& tree);

// The metadata as the contract's "source" object: "format": "html" and the non-empty fields.
Json source_json(const PageMetadata& m);

// The date part of an ISO 8601 timestamp ("2024-03-05T10:00:00Z" -> "2024-03-05"), or "" when
// `published` does not start with one.
std::string iso_date(std::string_view published);

}  // namespace analyze
