// The main text of a web page without its navigation, ads, share bars, comments, teasers and
// banners: a Readability-style scorer (paragraph text and commas credited to the ancestors that
// hold them, class/id hints, link density) picks the element that holds the article, its sibling
// blocks that belong to it are added, and link lists and other boilerplate inside it are cleaned
// out; figure captions are left out. Blocks become paragraphs (separated by a blank line), <br>
// and list items line breaks.
#pragma once

#include <string>
#include <string_view>

#include "html/html_tree.h"

namespace analyze {

// The article's text. `headline` (the page's headline, possibly "") is left out where the page
// repeats it as the article's heading: the headline is reported on its own.
std::string extract_article_text(const HtmlTree& tree, std::string_view headline);

}  // namespace analyze
