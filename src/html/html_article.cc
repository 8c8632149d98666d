#include "html/html_article.h"

#include <fmt/format.h>

#include "html/article_extractor.h"
#include "html/html_decoder.h"
#include "html/html_tree.h"
#include "html/page_metadata.h"

namespace analyze {

Result<HtmlArticle> read_html_article(std::string_view bytes) {
  auto decoded = decode_html(bytes);
  if (!decoded) return decoded.error();
  auto tree = HtmlTree::parse(decoded->text);
  if (!tree) return tree.error();
  HtmlArticle article;
  if (decoded->repaired)
    article.warnings.push_back({"invalid-utf8", fmt::format("{} invalid {} sequence(s) in the page replaced with U+FFFD",
                                                            decoded->repaired, decoded->source_encoding)});
  const PageMetadata metadata = read_page_metadata(*tree);
  article.text = extract_article_text(*tree, metadata.title);
  article.source = source_json(metadata);
  article.date = iso_date(metadata.published);
  return article;
}

}  // namespace analyze
