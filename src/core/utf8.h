// UTF-8 primitives shared by every stage. Document text is valid UTF-8 after `normalize`, so the
// decoders here trust their input; validation and repair live in the normalize stage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace analyze::utf8 {

// Length in bytes of the sequence that starts with lead byte `b` (1 for continuation bytes, so a
// scan never stalls).
inline std::size_t sequence_length(unsigned char b) {
  if (b < 0xC0) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

// Decodes the code point at `pos` of valid UTF-8 and advances `pos` past it.
inline char32_t decode(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  const std::size_t n = sequence_length(b0);
  if (pos + n > s.size()) {  // truncated: never read past the end
    ++pos;
    return 0xFFFD;
  }
  char32_t c = n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t i = 1; i < n; ++i) c = (c << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  pos += n;
  return c;
}

// Decodes the code point that ends at `pos` (exclusive) and moves `pos` to its start.
inline char32_t decode_before(std::string_view s, std::size_t& pos) {
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && pos - start < 4) --start;
  std::size_t p = start;
  const char32_t c = decode(s, p);
  pos = start;
  return c;
}

inline void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Number of code points in valid UTF-8.
inline std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

inline bool is_ascii(std::string_view s) {
  for (const char ch : s)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

// Whether `s` begins with an ASCII capital letter ("Trump", "AP"): how news text marks names.
inline bool starts_with_capital(std::string_view s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; }

// Full Unicode lower-casing (ICU), with an allocation-free ASCII fast path for the common case.
std::string to_lower(std::string_view s);
void to_lower(std::string_view s, std::string& out);

}  // namespace analyze::utf8
