// Removes the bodies of <script> and <style> elements from a page before it is parsed: a third of
// a page's bytes, none of its text, which libxml2 would read character by character. JSON-LD
// scripts keep theirs (the page metadata reads them).
#pragma once

#include <string>
#include <string_view>

namespace analyze {

// The page with every script's and style sheet's content cut, where libxml2's HTML parser would
// find it: from the end of the start tag to the first "</script" ("</style"), in any case, or to
// the end of the page. Comments and other tags are skipped as the parser skips them (quoted
// attribute values included), so a "<script" inside them cuts nothing. A start tag that may close
// itself ("/>"), names "ld+json", or has no end keeps its content. Linear in the page's size.
std::string without_script_bodies(std::string_view html);

}  // namespace analyze
