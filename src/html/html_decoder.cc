#include "html/html_decoder.h"

#include <algorithm>
#include <memory>
#include <string>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

namespace analyze {

namespace {

constexpr std::size_t kDeclarationWindow = 4096;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_charset_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
}

bool is_utf8_name(const std::string& name) { return name == "utf-8" || name == "utf8"; }

// Converts with ICU; bytes the charset does not map become its substitute (U+FFFD, or U+001A for
// some single-byte charsets), and U+FFFD ones are counted.
Result<DecodedText> convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) return Error{"unknown-charset", charset};
  const icu::UnicodeString wide(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status)) return Error{"unknown-charset", charset};
  DecodedText d;
  d.source_encoding = charset;
  for (int32_t i = 0; i < wide.length(); ++i) d.repaired += wide[i] == 0xFFFD;
  wide.toUTF8String(d.text);
  return d;
}

}  // namespace

std::string declared_charset(std::string_view bytes) {
  const std::string head = lower_ascii(bytes.substr(0, kDeclarationWindow));
  for (std::size_t at = head.find("charset"); at != std::string::npos; at = head.find("charset", at + 7)) {
    std::size_t i = at + 7;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t end = i;
    while (end < head.size() && is_charset_char(head[end])) ++end;
    if (end > i) return head.substr(i, end - i);
  }
  return "";
}

Result<DecodedText> decode_html(std::string_view bytes) {
  const bool has_bom = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF') ||
                                             (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF"));
  if (has_bom) return decode_text(bytes);
  // Valid UTF-8 (nothing repaired) is taken as it is, whatever the page declares.
  auto as_utf8 = decode_text(bytes);
  if (as_utf8 && as_utf8->repaired == 0) return as_utf8;
  const std::size_t head = std::min<std::size_t>(bytes.size(), 8000);
  if (bytes.substr(0, head).find('\0') != std::string_view::npos)
    return Error{"not-text", "binary data (a NUL byte near the start), not a web page"};
  const std::string charset = declared_charset(bytes);
  if (!charset.empty() && !is_utf8_name(charset)) {
    auto converted = convert(bytes, charset);
    if (converted) return converted;
  }
  return as_utf8;
}

}  // namespace analyze
