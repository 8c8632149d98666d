#include "text/paragraph_splitter.h"

#include <unicode/uchar.h>

#include "core/utf8.h"

namespace analyze {

namespace {

// Length of the line break at `i`, or 0.
std::size_t line_break_at(std::string_view t, std::size_t i) {
  const char c = t[i];
  if (c == '\n' || c == '\f' || c == '\v') return 1;
  if (c == '\r') return (i + 1 < t.size() && t[i + 1] == '\n') ? 2 : 1;
  // U+0085 NEXT LINE: C2 85; U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR: E2 80 A8 / E2 80 A9
  if (c == '\xC2' && i + 1 < t.size() && t[i + 1] == '\x85') return 2;
  if (c == '\xE2' && i + 2 < t.size() && t[i + 1] == '\x80' && (t[i + 2] == '\xA8' || t[i + 2] == '\xA9')) return 3;
  return 0;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || (c >= 0x80 && u_isUWhiteSpace(static_cast<UChar32>(c))); }

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> split_paragraphs(std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  std::size_t line_start = 0;
  auto emit = [&](std::size_t b, std::size_t e) {
    // Trim whitespace on both sides (Unicode spaces included: scraped text is full of U+00A0).
    while (b < e) {
      std::size_t p = b;
      if (!is_space(utf8::decode(text, p))) break;
      b = p;
    }
    while (e > b) {
      std::size_t p = e;
      if (!is_space(utf8::decode_before(text, p))) break;
      e = p;
    }
    if (b < e) out.emplace_back(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
  };
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = line_break_at(text, i)) {
      emit(line_start, i);
      i += n;
      line_start = i;
    } else {
      ++i;
    }
  }
  emit(line_start, text.size());
  return out;
}

}  // namespace analyze
