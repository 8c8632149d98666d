#include "core/utf8.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace analyze::utf8 {

void to_lower(std::string_view s, std::string& out) {
  out.clear();
  if (is_ascii(s)) {
    out.resize(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  u.toUTF8String(out);
}

std::string to_lower(std::string_view s) {
  std::string out;
  to_lower(s, out);
  return out;
}

}  // namespace analyze::utf8
