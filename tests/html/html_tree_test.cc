#include <catch2/catch.hpp>

#include <string>

#include "html/html_tree.h"

using analyze::HtmlTree;

namespace {

// The children of the first element named `tag` that has any, as "<name>" for elements and "[text]"
// for text ("" when none has).
std::string children_of(const xmlNode* node, std::string_view tag) {
  for (; node; node = node->next) {
    if (analyze::tag_of(node) == tag) {
      std::string out;
      for (const xmlNode* c = node->children; c; c = c->next) {
        const bool element = c->type == XML_ELEMENT_NODE;
        out += element ? '<' : '[';
        out += element ? analyze::tag_of(c) : std::string_view(reinterpret_cast<const char*>(c->content));
        out += element ? '>' : ']';
      }
      if (!out.empty()) return out;
    }
    if (std::string found = children_of(node->children, tag); !found.empty()) return found;
  }
  return "";
}

}  // namespace

TEST_CASE("whitespace that only lays out blocks makes no text node, whitespace between words does", "[html]") {
  auto tree = HtmlTree::parse(
      "<html><body><div>\n  <p>One <b>bold</b> <i>word</i>.</p>\n  <p>Two<sup> <a>2</a> </sup>.</p>\n</div>"
      "<pre><code>x</code>\n  <div>y</div>\n</pre></body></html>");
  REQUIRE(tree);
  CHECK(children_of(tree->root(), "div") == "<p><p>");
  CHECK(children_of(tree->root(), "p") == "[One ]<b>[ ]<i>[.]");
  CHECK(children_of(tree->root(), "sup") == "[ ]<a>[ ]");
  CHECK(children_of(tree->root(), "pre") == "<code>[\n  ]<div>[\n]");
}

TEST_CASE("script and style content is not kept, a JSON-LD script's is", "[html]") {
  auto tree = HtmlTree::parse(
      "<html><head><style>p { color: red }</style><script>var x = \"<p>not text</p>\";</script>"
      "<script type=\"Application/LD+JSON\">{\"headline\": \"H\"}</script></head><body><p>Text</p></body></html>");
  REQUIRE(tree);
  CHECK(children_of(tree->root(), "style").empty());
  CHECK(children_of(tree->root(), "script") == "[{\"headline\": \"H\"}]");
  CHECK(children_of(tree->root(), "p") == "[Text]");
}
