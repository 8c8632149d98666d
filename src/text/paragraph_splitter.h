// Paragraph boundaries. Scraped articles come with a blank line between paragraphs or with a single
// line break, so every line break ends a paragraph; blank lines are dropped.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace analyze {

// Byte spans [begin, end) of the non-blank lines of `text`, without the line breaks (\n, \r\n, \r,
// \f, \v, U+0085, U+2028, U+2029) and without leading or trailing whitespace.
std::vector<std::pair<std::uint32_t, std::uint32_t>> split_paragraphs(std::string_view text);

}  // namespace analyze
