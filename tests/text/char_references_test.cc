#include "text/char_references.h"

#include <catch2/catch.hpp>

using analyze::decode_char_references;
using analyze::find_char_references;

TEST_CASE("numeric and named character references are found and decoded", "[char-references]") {
  CHECK(decode_char_references("S&#227;o Paulo, Bogot&#xE1;, caf&eacute; &amp; cr&egrave;me") == "São Paulo, Bogotá, café & crème");
  CHECK(decode_char_references("&#150; &#8212; &#0; &#xD800; &#x110000;") == "– — \uFFFD \uFFFD \uFFFD");
  const auto refs = find_char_references("a &amp; b");
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].begin == 2);
  CHECK(refs[0].end == 7);
  CHECK(refs[0].code_point == U'&');
}

TEST_CASE("text that only looks like a reference is left alone", "[char-references]") {
  for (const char* s : {"AT&T", "Q&A; next", "&amp", "&#;", "&#x;", "&nosuchentity;", "&#12345678901;", "& amp;", "&"})
    CHECK(decode_char_references(s) == s);
}
