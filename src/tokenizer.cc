#include "analyze/tokenizer.h"

#include <memory>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "analyze/utf8.h"

namespace analyze {

namespace {

// One word iterator per thread, cloned from a prototype built once: creating one costs far more
// than a paragraph's worth of iteration.
icu::BreakIterator& word_iterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  thread_local const std::unique_ptr<icu::BreakIterator> iterator(prototype->clone());
  return *iterator;
}

bool is_apostrophe_at(std::string_view s, std::size_t i, std::size_t& len) {
  if (s[i] == '\'') {
    len = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE2\x80\x99") {  // U+2019 RIGHT SINGLE QUOTATION MARK
    len = 3;
    return true;
  }
  return false;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// Bytes at the end of `w` that form a clitic ('s 're 've 'll 'd 'm n't), or 0.
std::size_t clitic_length(std::string_view w) {
  // Find the last apostrophe; the clitic is what follows it (plus a preceding "n" for "n't").
  for (std::size_t i = w.size(); i-- > 0;) {
    std::size_t alen = 0;
    if (!is_apostrophe_at(w, i, alen)) continue;
    const std::string_view rest = w.substr(i + alen);
    std::string tail;
    for (const char c : rest) tail += lower(c);
    if (tail == "t" && i >= 2 && lower(w[i - 1]) == 'n') return w.size() - (i - 1);
    if (i == 0) return 0;  // "'s" alone stays one token
    if (tail == "s" || tail == "re" || tail == "ve" || tail == "ll" || tail == "d" || tail == "m") return w.size() - i;
    return 0;
  }
  return 0;
}

TokenKind kind_of(int32_t rule_status, std::string_view text) {
  if (rule_status >= UBRK_WORD_NUMBER && rule_status < UBRK_WORD_NUMBER_LIMIT) return TokenKind::kNumber;
  if (rule_status >= UBRK_WORD_LETTER) return TokenKind::kWord;
  std::size_t p = 0;
  const char32_t c = utf8::decode(text, p);
  if (u_isalpha(static_cast<UChar32>(c))) return TokenKind::kWord;  // letters ICU leaves unclassified
  return u_ispunct(static_cast<UChar32>(c)) ? TokenKind::kPunctuation : TokenKind::kSymbol;
}

bool is_whitespace(std::string_view text) {
  for (std::size_t p = 0; p < text.size();)
    if (!u_isUWhiteSpace(static_cast<UChar32>(utf8::decode(text, p)))) return false;
  return true;
}

char32_t fold(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    default: return c;
  }
}

// Sets the token's analysis form when it differs from its raw text (non-ASCII tokens only).
void set_form(Document& doc, Token& t) {
  const std::string_view raw = doc.raw_text(t);
  if (utf8::is_ascii(raw)) return;
  std::string folded;
  folded.reserve(raw.size());
  for (std::size_t p = 0; p < raw.size();) {
    const char32_t c = utf8::decode(raw, p);
    if (c == 0x2026) folded += "...";
    else utf8::append(folded, fold(c));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  if (U_SUCCESS(status) && !nfc->isNormalized(u, status)) {
    status = U_ZERO_ERROR;
    const icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) {
      folded.clear();
      n.toUTF8String(folded);
    }
  }
  if (folded == raw) return;
  t.form_in_pool = true;
  t.form_begin = static_cast<std::uint32_t>(doc.forms.size());
  t.form_length = static_cast<std::uint32_t>(folded.size());
  doc.forms += folded;
}

}  // namespace

Tokenizer::Tokenizer(std::shared_ptr<const Abbreviations> abbreviations) : abbreviations_(std::move(abbreviations)) {}

void Tokenizer::tokenize(Document& doc, std::uint32_t begin, std::uint32_t end) const {
  const std::string_view text = doc.text();
  const std::string_view para = text.substr(begin, end - begin);
  icu::BreakIterator& it = word_iterator();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, para.data(), static_cast<int64_t>(para.size()), &status);
  it.setText(&ut, status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    return;
  }

  const std::size_t first = doc.tokens.size();
  std::string candidate;  // "U.S" + "." while checking abbreviations
  for (int32_t b = it.first(), e = it.next(); e != icu::BreakIterator::DONE; b = e, e = it.next()) {
    const std::string_view piece = para.substr(b, e - b);
    const int32_t rule = it.getRuleStatus();
    if (rule < UBRK_WORD_NONE_LIMIT && is_whitespace(piece)) continue;
    Token t;
    t.begin = begin + b;
    t.end = begin + e;
    t.kind = kind_of(rule, piece);

    if (doc.tokens.size() > first) {
      Token& prev = doc.tokens.back();
      const std::string_view prev_text = doc.raw_text(prev);
      // "U.S" "." -> "U.S." when the result is an abbreviation.
      if (piece == "." && prev.end == t.begin && prev.kind == TokenKind::kWord) {
        candidate.assign(prev_text);
        candidate += '.';
        if (abbreviations_->kind(candidate) != AbbreviationKind::kNone) {
          prev.end = t.end;
          continue;
        }
      }
      // Runs of the same dot or dash are one token: "...", "--".
      if (piece.size() == 1 && (piece[0] == '.' || piece[0] == '-') && prev.end == t.begin &&
          prev.kind == TokenKind::kPunctuation && prev_text.find_first_not_of(piece[0]) == std::string_view::npos) {
        prev.end = t.end;
        continue;
      }
    }
    if (t.kind == TokenKind::kWord) {
      if (const std::size_t n = clitic_length(piece); n > 0 && n < piece.size()) {
        Token stem = t;
        stem.end = t.end - static_cast<std::uint32_t>(n);
        doc.tokens.push_back(stem);
        t.begin = stem.end;
      }
    }
    doc.tokens.push_back(t);
  }
  utext_close(&ut);
  for (std::size_t i = first; i < doc.tokens.size(); ++i) set_form(doc, doc.tokens[i]);
}

}  // namespace analyze
