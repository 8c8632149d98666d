#include "core/text_decoder.h"

#include <fmt/format.h>

#include "core/utf8.h"

namespace analyze {

namespace {

inline unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// Length of the well-formed UTF-8 sequence at `i`, or 0 with `bad` set to the length of the maximal
// subpart to replace (Unicode Table 3-7).
std::size_t well_formed_length(std::string_view s, std::size_t i, std::size_t& bad) {
  const unsigned char b0 = byte_at(s, i);
  if (b0 < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    bad = 1;
    return 0;
  }
  std::size_t k = 1;
  for (; k < n; ++k) {
    if (i + k >= s.size()) break;
    const unsigned char b = byte_at(s, i + k);
    const unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) break;
  }
  if (k == n) return n;
  bad = k;  // the lead byte plus the continuation bytes that were valid so far
  return 0;
}

bool is_control(unsigned char b) { return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7F; }

std::string decode_utf16(std::string_view bytes, bool little_endian, std::size_t& repaired) {
  std::string out;
  out.reserve(bytes.size());
  const std::size_t units = bytes.size() / 2;
  auto unit = [&](std::size_t k) -> char16_t {
    const unsigned char a = byte_at(bytes, 2 * k), b = byte_at(bytes, 2 * k + 1);
    return static_cast<char16_t>(little_endian ? (a | (b << 8)) : ((a << 8) | b));
  };
  // A high surrogate that ends the data before a lone odd byte is one truncated character, which
  // becomes one U+FFFD (as Python decodes it).
  const bool truncated_pair = bytes.size() % 2 && units > 0 && unit(units - 1) >= 0xD800 && unit(units - 1) <= 0xDBFF;
  for (std::size_t k = 0; k < units - truncated_pair; ++k) {
    const char16_t u = unit(k);
    if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units && unit(k + 1) >= 0xDC00 && unit(k + 1) <= 0xDFFF) {
      utf8::append(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (unit(k + 1) - 0xDC00));
      ++k;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      utf8::append(out, 0xFFFD);  // lone surrogate
      ++repaired;
    } else {
      utf8::append(out, u);
    }
  }
  if (bytes.size() % 2) {  // a trailing odd byte
    utf8::append(out, 0xFFFD);
    ++repaired;
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (byte_at(s, i) < 0x80) {
      ++i;
      continue;
    }
    std::size_t bad = 0;
    const std::size_t n = well_formed_length(s, i, bad);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t repair_utf8(std::string_view s, std::string& out) {
  std::size_t repaired = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy runs of ASCII in one go: the common case.
    std::size_t j = i;
    while (j < s.size() && byte_at(s, j) < 0x80) ++j;
    out.append(s.substr(i, j - i));
    i = j;
    if (i >= s.size()) break;
    std::size_t bad = 0;
    if (const std::size_t n = well_formed_length(s, i, bad)) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      ++repaired;
      i += bad;
    }
  }
  return repaired;
}

Result<DecodedText> decode_text(std::string_view bytes) {
  DecodedText d;
  if (bytes.size() >= 2 && (byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xFE)) {
    d.source_encoding = "utf-16le";
    d.text = decode_utf16(bytes.substr(2), true, d.repaired);
    return d;
  }
  if (bytes.size() >= 2 && (byte_at(bytes, 0) == 0xFE && byte_at(bytes, 1) == 0xFF)) {
    d.source_encoding = "utf-16be";
    d.text = decode_utf16(bytes.substr(2), false, d.repaired);
    return d;
  }
  d.source_encoding = "utf-8";
  if (bytes.size() >= 3 && byte_at(bytes, 0) == 0xEF && byte_at(bytes, 1) == 0xBB && byte_at(bytes, 2) == 0xBF)
    bytes.remove_prefix(3);

  const std::size_t head = std::min<std::size_t>(bytes.size(), 8000);
  if (bytes.substr(0, head).find('\0') != std::string_view::npos)
    return Error{"not-text", "binary data (a NUL byte near the start), not text"};

  d.text.reserve(bytes.size());
  d.repaired = repair_utf8(bytes, d.text);
  std::size_t controls = 0;
  for (const char c : bytes) controls += is_control(static_cast<unsigned char>(c));
  // Binary data is mostly invalid sequences and control bytes; a short Latin-1 line ("Caf\xE9
  // cr\xE8me": 20% invalid) is still text to repair, as the contract asks.
  if (!bytes.empty() && (d.repaired + controls) * 10 > bytes.size() * 3)
    return Error{"not-text", fmt::format("binary data ({} of {} bytes are invalid UTF-8 or control characters), not text",
                                         d.repaired + controls, bytes.size())};
  return d;
}

}  // namespace analyze
