#include "text/word_breaker.h"

#include <array>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include "text/break_iterators.h"

namespace analyze {

namespace {

// The UAX #29 word-break classes the Latin scanner handles; kUnsupported sends the text to ICU.
enum Class : std::uint8_t {
  kUnsupported,
  kOther,         // punctuation, symbols, tabs: a segment of its own
  kLetter,        // ALetter
  kNumeric,       // Numeric
  kMidNumLet,     // MidNumLet and Single_Quote: "." "'" "’"
  kMidLetter,     // MidLetter: "·"
  kMidNum,        // MidNum: "," ";"
  kExtendNumLet,  // "_"
  kSpace,         // WSegSpace
};

// Code points the scanner knows: U+0000..U+02FF (Latin letters, digits, ASCII and Latin-1
// punctuation) and U+2000..U+20CF (typographic quotes, dashes, ellipsis, currency signs).
constexpr char32_t kLowEnd = 0x300, kPunctBegin = 0x2000, kPunctEnd = 0x20D0;

Class class_from_icu(UChar32 c) {
  if (c == '@') return kLetter;  // ICU's rules (since ICU 72) keep e-mail addresses whole
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return kUnsupported;  // emoji rules
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return kLetter;
    case U_WB_NUMERIC: return kNumeric;
    case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: return kMidNumLet;  // Single_Quote differs only for Hebrew
    case U_WB_MIDLETTER: return c == ':' ? kOther : kMidLetter;     // ICU's rules leave ":" out
    case U_WB_MIDNUM: return kMidNum;
    case U_WB_EXTENDNUMLET: return kExtendNumLet;
    case U_WB_WSEGSPACE: return kSpace;
    case U_WB_OTHER: case U_WB_DOUBLE_QUOTE: return kOther;        // Double_Quote differs only for Hebrew
    default: return kUnsupported;  // CR LF Newline Extend Format ZWJ Katakana Hebrew_Letter ...
  }
}

struct ClassTable {
  std::array<Class, kLowEnd> low{};
  std::array<Class, kPunctEnd - kPunctBegin> punct{};
  ClassTable() {
    for (char32_t c = 0; c < kLowEnd; ++c) low[c] = class_from_icu(static_cast<UChar32>(c));
    for (char32_t c = kPunctBegin; c < kPunctEnd; ++c) punct[c - kPunctBegin] = class_from_icu(static_cast<UChar32>(c));
  }
};

const ClassTable& class_table() {
  static const ClassTable table;
  return table;
}

// The class of the code point at byte `i` of `s`, and its length in bytes.
inline Class class_at(const ClassTable& t, std::string_view s, std::size_t i, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    length = 1;
    return t.low[b0];
  }
  if (b0 < 0xE0) {  // two bytes: U+0080..U+07FF
    length = 2;
    const char32_t c = (char32_t(b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    return c < kLowEnd ? t.low[c] : kUnsupported;
  }
  if (b0 < 0xF0) {
    length = 3;
    const char32_t c = (char32_t(b0 & 0x0F) << 12) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                       (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    return c >= kPunctBegin && c < kPunctEnd ? t.punct[c - kPunctBegin] : kUnsupported;
  }
  length = 4;
  return kUnsupported;
}

constexpr std::int32_t status_of(Class c) {
  return c == kLetter ? UBRK_WORD_LETTER : c == kNumeric ? UBRK_WORD_NUMBER : UBRK_WORD_NONE;
}

}  // namespace

bool break_words_latin(std::string_view text, std::vector<WordSegment>& out) {
  out.clear();
  const ClassTable& table = class_table();
  // The rules that join a code point to the segment before it (UAX #29 WB3d, WB5-WB13b). Their
  // status is ICU's: that of the last rule applied ("a1" is a number, "1a" a word).
  std::size_t begin = 0, i = 0, length = 0;
  Class before_previous = kUnsupported, previous = kUnsupported;  // within the current segment
  std::int32_t status = 0;
  while (i < text.size()) {
    const Class c = class_at(table, text, i, length);
    if (c == kUnsupported) return false;
    const std::size_t next = i + length;
    bool join = false;
    if (i > begin) {
      auto after = [&] {  // WB6 and WB11 look one code point ahead
        std::size_t unused = 0;
        return next < text.size() ? class_at(table, text, next, unused) : kUnsupported;
      };
      const Class p = previous;
      join = true;
      if (p == kSpace && c == kSpace) {
      } else if (p == kLetter && c == kLetter) {
        status = UBRK_WORD_LETTER;
      } else if ((p == kNumeric && c == kNumeric) || (p == kLetter && c == kNumeric)) {
        status = UBRK_WORD_NUMBER;
      } else if (p == kNumeric && c == kLetter) {
        status = UBRK_WORD_LETTER;
      } else if ((p == kLetter || p == kNumeric || p == kExtendNumLet) && c == kExtendNumLet) {
        status = p == kNumeric ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER;
      } else if (p == kExtendNumLet && (c == kLetter || c == kNumeric)) {
        status = status_of(c);
      } else if (p == kLetter && (c == kMidNumLet || c == kMidLetter) && after() == kLetter) {
      } else if (p == kNumeric && (c == kMidNumLet || c == kMidNum) && after() == kNumeric) {
      } else if ((p == kMidNumLet || p == kMidLetter || p == kMidNum) && before_previous != kUnsupported) {
        status = status_of(c);  // the second half of "U.S", "don't", "3.14", "1,500"
      } else {
        join = false;
      }
    }
    if (!join) {
      if (i > begin) out.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(i), status});
      begin = i;
      status = status_of(c);
      previous = kUnsupported;
    }
    before_previous = previous;
    previous = c;
    i = next;
    // Runs of ASCII letters, digits or spaces join by WB5, WB8 and WB3d: skip them in one go.
    const auto same_class = [&](auto in_class) {
      if (i >= text.size() || !in_class(text[i])) return;
      while (i < text.size() && in_class(text[i])) ++i;
      before_previous = c;
      if (c != kSpace) status = status_of(c);
    };
    if (c == kLetter) same_class([](char b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'); });
    else if (c == kNumeric) same_class([](char b) { return b >= '0' && b <= '9'; });
    else if (c == kSpace) same_class([](char b) { return b == ' '; });
  }
  if (i > begin) out.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(i), status});
  return true;
}

void break_words_icu(std::string_view text, std::vector<WordSegment>& out) {
  out.clear();
  icu::BreakIterator& it = thread_word_iterator();
  const BreakIteratorPass pass(it, text);
  if (!pass.ok()) return;
  for (int32_t b = it.first(), e = it.next(); e != icu::BreakIterator::DONE; b = e, e = it.next())
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), it.getRuleStatus()});
}

void break_words(std::string_view text, std::vector<WordSegment>& out) {
  if (!break_words_latin(text, out)) break_words_icu(text, out);
}

}  // namespace analyze
