#include "text/char_references.h"

#include <libxml/HTMLparser.h>

#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::size_t kLongestName = 8;  // "thetasym"
constexpr std::size_t kLongestNumber = 8;  // "&#x10FFFF;" digits

// HTML's rule for numeric references to C1 controls: the Windows-1252 character of that byte.
constexpr char32_t kWindows1252[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                       0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                       0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

bool is_digit(char c, bool hex) {
  return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

char32_t numeric_value(std::string_view digits, bool hex) {
  char32_t v = 0;
  for (const char c : digits) {
    const char32_t d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    v = v * (hex ? 16 : 10) + d;
  }
  if (v >= 0x80 && v < 0xA0) return kWindows1252[v - 0x80];
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
  return v;
}

// The reference starting at text[at] == '&', or one with end == 0.
CharReference reference_at(std::string_view text, std::size_t at) {
  CharReference r;
  std::size_t i = at + 1;
  if (i < text.size() && text[i] == '#') {
    const bool hex = i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X');
    const std::size_t start = i + 1 + hex;
    std::size_t end = start;
    while (end < text.size() && end - start <= kLongestNumber && is_digit(text[end], hex)) ++end;
    if (end == start || end - start > kLongestNumber || end >= text.size() || text[end] != ';') return r;
    r.code_point = numeric_value(text.substr(start, end - start), hex);
    r.end = static_cast<std::uint32_t>(end + 1);
  } else {
    std::size_t end = i;
    while (end < text.size() && end - i <= kLongestName && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == i || end - i > kLongestName || end >= text.size() || text[end] != ';') return r;
    const std::string name(text.substr(i, end - i));
    const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (!entity) return r;
    r.code_point = entity->value;
    r.end = static_cast<std::uint32_t>(end + 1);
  }
  r.begin = static_cast<std::uint32_t>(at);
  return r;
}

}  // namespace

std::vector<CharReference> find_char_references(std::string_view text) {
  std::vector<CharReference> refs;
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    const CharReference r = reference_at(text, at);
    if (r.end == 0) continue;
    refs.push_back(r);
    at = r.end - 1;
  }
  return refs;
}

std::string decode_char_references(std::string_view text) {
  std::string out;
  std::size_t done = 0;
  for (const CharReference& r : find_char_references(text)) {
    out.append(text.substr(done, r.begin - done));
    utf8::append(out, r.code_point);
    done = r.end;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace analyze
