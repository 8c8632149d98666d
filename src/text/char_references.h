// HTML character references in plain text ("S&#227;o Paulo", "AT&amp;T", "&eacute;"): found in
// place, so the tokenizer can give a word that holds one its decoded analysis form while every
// offset still indexes the text as read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace analyze {

struct CharReference {
  std::uint32_t begin = 0;  // bytes of the reference, "&" to ";" inclusive
  std::uint32_t end = 0;
  char32_t code_point = 0;
};

// The references in `text`, in order: decimal (&#227;) and hexadecimal (&#xE3;) ones, and the
// HTML 4 named ones (&amp; &eacute; &mdash; ...), each ended by ';'. Numeric references to
// nothing (0, surrogates, beyond U+10FFFF) decode to U+FFFD, and 128-159 to the Windows-1252
// characters they meant (&#150; is "–"), as browsers do.
std::vector<CharReference> find_char_references(std::string_view text);

// `text` with its references decoded.
std::string decode_char_references(std::string_view text);

}  // namespace analyze
