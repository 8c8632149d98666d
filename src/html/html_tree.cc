#include "html/html_tree.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <mutex>

#include <libxml/SAX2.h>

#include "html/raw_text.h"

namespace analyze {

namespace {

// libxml2 must be initialised once, on one thread, before threads parse.
void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

constexpr std::array<std::string_view, 40> kBlockTags = {
    "address", "article", "aside",  "blockquote", "body",  "center", "dd",    "details", "dialog", "dir",
    "div",     "dl",      "dt",     "fieldset",   "figcaption", "figure", "footer", "form", "h1",  "h2",
    "h3",      "h4",      "h5",     "h6",         "header", "hgroup", "hr",   "li",      "main",  "nav",
    "ol",      "p",       "pre",    "section",    "table", "tbody",  "td",    "th",      "tr",    "ul"};

std::string_view as_view(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }

bool is_space_at(std::string_view s, std::size_t i, std::size_t& width) {
  const char c = s[i];
  width = 1;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
    width = 2;
    return true;
  }
  return false;
}

void append_text(const xmlNode* node, int depth, std::string& out) {
  if (depth > kMaxHtmlDepth) return;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) out += as_view(c->content);
    else if (c->type == XML_ELEMENT_NODE) {
      const auto tag = tag_of(c);
      if (tag == "script" || tag == "style") continue;
      out += ' ';
      append_text(c, depth + 1, out);
    }
  }
}

bool is_blank(const xmlChar* text, int len) {
  for (int i = 0; i < len; ++i)
    if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r' && text[i] != '\f') return false;
  return true;
}

// Whitespace that lays out the markup ("</p>\n  <p>", "<ul>\n  <li>") is most of a page's text
// nodes and shows nothing: a block's text is set apart by line breaks anyway. The parser makes no
// node of whitespace that follows a block element or opens one (outside <pre>); whitespace between
// inline elements and inside them ("<sup> <a>2</a> </sup>") separates words and stays.
void characters_but_layout(void* context, const xmlChar* text, int len) {
  const auto* ctxt = static_cast<const htmlParserCtxt*>(context);
  const xmlNode* parent = ctxt->node;
  if (parent && is_blank(text, len) && tag_of(parent) != "pre") {
    const xmlNode* before = parent->last;
    if (before ? is_block_tag(tag_of(before)) : is_block_tag(tag_of(parent))) return;
  }
  xmlSAX2Characters(context, text, len);
}

bool is_json_ld(const xmlNode* script) {
  const std::string_view type = attribute(script, "type");
  constexpr std::string_view kJsonLd = "application/ld+json";
  return type.size() == kJsonLd.size() && std::equal(type.begin(), type.end(), kJsonLd.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// Scripts and style sheets are none of the page's text, and often a third of its bytes: the parser
// keeps only the content of JSON-LD scripts, which the page metadata reads.
void script_content_if_json_ld(void* context, const xmlChar* text, int len) {
  const auto* ctxt = static_cast<const htmlParserCtxt*>(context);
  if (ctxt->node && tag_of(ctxt->node) == "script" && is_json_ld(ctxt->node)) xmlSAX2CDataBlock(context, text, len);
}

}  // namespace

bool is_block_tag(std::string_view tag) { return std::find(kBlockTags.begin(), kBlockTags.end(), tag) != kBlockTags.end(); }

Result<HtmlTree> HtmlTree::parse(std::string_view utf8) {
  init_libxml2();
  if (utf8.size() > static_cast<std::size_t>(INT_MAX)) return Error{"too-large", "the page is over 2 GB"};
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> ctxt(htmlNewParserCtxt(), htmlFreeParserCtxt);
  if (!ctxt) return Error{"bad-html", "the HTML parser could not start (out of memory)"};
  ctxt->sax->characters = characters_but_layout;
  ctxt->sax->cdataBlock = script_content_if_json_ld;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  const std::string markup = without_script_bodies(utf8);
  HtmlTree tree;
  tree.doc_.reset(htmlCtxtReadMemory(ctxt.get(), markup.data(), static_cast<int>(markup.size()), nullptr, "UTF-8", options));
  if (!tree.doc_ || !tree.root()) return Error{"bad-html", "no HTML document could be parsed from the page"};
  return tree;
}

std::string_view tag_of(const xmlNode* node) {
  return node && node->type == XML_ELEMENT_NODE ? as_view(node->name) : std::string_view();
}

std::string_view attribute(const xmlNode* node, std::string_view name) {
  if (!node || node->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = node->properties; a; a = a->next)
    if (as_view(a->name) == name) return a->children && a->children->type == XML_TEXT_NODE ? as_view(a->children->content) : std::string_view();
  return {};
}

bool has_attribute(const xmlNode* node, std::string_view name) {
  if (!node || node->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = node->properties; a; a = a->next)
    if (as_view(a->name) == name) return true;
  return false;
}

void append_collapsed(std::string_view s, std::string& out) {
  bool wrote = false, space = false;
  for (std::size_t i = 0, width = 1; i < s.size(); i += width) {
    if (is_space_at(s, i, width)) {
      space = wrote;
      continue;
    }
    if (space) out += ' ';
    space = false;
    wrote = true;
    out.append(s.substr(i, width));
  }
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_collapsed(s, out);
  return out;
}

std::string collapsed_text(const xmlNode* node) {
  std::string raw;
  append_text(node, 0, raw);
  return collapse_whitespace(raw);
}

}  // namespace analyze
