// A parsed web page: libxml2's HTML parser (error-recovering, as browsers are) over UTF-8, and the
// small helpers the extractor and the metadata reader share to look at its nodes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "analyze/status.h"

namespace analyze {

// Nodes deeper than this are left out of every walk, so a page of a million nested <div>s costs
// neither stack nor time beyond it. Real pages stay under 100.
constexpr int kMaxHtmlDepth = 256;

class HtmlTree {
 public:
  // Parses UTF-8 HTML; errors: `bad-html` when libxml2 gives no document at all. The tree holds
  // no script or style content but JSON-LD's, and no text node of whitespace that only lays out
  // blocks (between or at the start of block elements, outside <pre>).
  static Result<HtmlTree> parse(std::string_view utf8);

  xmlNode* root() const { return xmlDocGetRootElement(doc_.get()); }

 private:
  struct Free {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
  };
  std::unique_ptr<xmlDoc, Free> doc_;
};

// Whether `tag` is a block-level element, which the extracted text sets apart by line breaks.
bool is_block_tag(std::string_view tag);
// The element's lower-case tag name ("" for a non-element).
std::string_view tag_of(const xmlNode* node);
// The value of attribute `name` (lower-case, as libxml2's HTML parser stores names), "" if absent.
std::string_view attribute(const xmlNode* node, std::string_view name);
// Whether the element has attribute `name`, with or without a value (<div hidden>).
bool has_attribute(const xmlNode* node, std::string_view name);
// The text of the node's subtree, whitespace collapsed to single spaces and trimmed.
std::string collapsed_text(const xmlNode* node);
// Collapses runs of whitespace (ASCII and U+00A0) to one space and trims both ends.
std::string collapse_whitespace(std::string_view s);
// Appends collapse_whitespace(s) to `out`.
void append_collapsed(std::string_view s, std::string& out);

}  // namespace analyze
