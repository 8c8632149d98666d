#include "text/tokenizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "core/utf8.h"
#include "text/char_references.h"
#include "text/word_breaker.h"

namespace analyze {

namespace {

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

bool is_apostrophe(std::string_view s) { return s == "'" || s == "\xE2\x80\x99"; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

bool equals_lower(std::string_view s, std::string_view lower_case) {
  if (s.size() != lower_case.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(s[i]) != lower_case[i]) return false;
  return true;
}

// The clitics split off as in the Penn Treebank: 's 're 've 'll 'd 'm (and n't, below).
bool is_clitic_tail(std::string_view s) {
  return equals_lower(s, "s") || equals_lower(s, "re") || equals_lower(s, "ve") || equals_lower(s, "ll") ||
         equals_lower(s, "d") || equals_lower(s, "m");
}

// Bytes at the end of `w` that form a clitic ('s 're 've 'll 'd 'm n't), or 0.
std::size_t clitic_length(std::string_view w) {
  if (w.find_first_of("'\xE2") == std::string_view::npos) return 0;  // no apostrophe: most words
  // The clitic is what follows the last apostrophe (plus the "n" before it for "n't").
  for (std::size_t i = w.size(); i-- > 0;) {
    std::size_t alen = 0;
    if (!is_apostrophe_at(w, i, alen)) continue;
    const std::string_view rest = w.substr(i + alen);
    if (equals_lower(rest, "t") && i >= 2 && lower(w[i - 1]) == 'n') return w.size() - (i - 1);
    if (i == 0) return 0;  // "'s" alone stays one token
    return is_clitic_tail(rest) ? w.size() - i : 0;
  }
  return 0;
}

TokenKind kind_of(int32_t rule_status, std::string_view text) {
  if (rule_status >= UBRK_WORD_NUMBER && rule_status < UBRK_WORD_NUMBER_LIMIT) return TokenKind::kNumber;
  if (rule_status >= UBRK_WORD_LETTER) return TokenKind::kWord;
  std::size_t p = 0;
  const auto c = static_cast<UChar32>(utf8::decode(text, p));
  if (u_isalpha(c)) return TokenKind::kWord;  // letters ICU leaves unclassified
  return u_ispunct(c) ? TokenKind::kPunctuation : TokenKind::kSymbol;
}

bool is_whitespace(std::string_view text) {
  for (std::size_t p = 0; p < text.size();) {
    const auto b = static_cast<unsigned char>(text[p]);
    if (b < 0x80) {
      if (b != ' ' && b != '\t') return false;
      ++p;
    } else if (!u_isUWhiteSpace(static_cast<UChar32>(utf8::decode(text, p)))) {
      return false;
    }
  }
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

// Sets the token's analysis form when it differs from its raw text: `raw` folded and in NFC
// (`raw` is the token's text with any character references decoded).
void set_form(Document& doc, Token& t, std::string_view raw) {
  if (utf8::is_ascii(raw) && raw.size() == t.end - t.begin) return;
  thread_local std::string folded, normalized;
  folded.clear();
  for (std::size_t p = 0; p < raw.size();) {
    const char32_t c = utf8::decode(raw, p);
    if (c == 0x2026) folded += "...";
    else utf8::append(folded, fold(c));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string_view form = folded;
  if (U_SUCCESS(status) && !nfc->isNormalizedUTF8(folded, status) && U_SUCCESS(status)) {
    normalized.clear();
    icu::StringByteSink<std::string> sink(&normalized);
    nfc->normalizeUTF8(0, folded, sink, nullptr, status);
    if (U_SUCCESS(status)) form = normalized;
  }
  if (form == doc.raw_text(t)) return;
  t.form_in_pool = true;
  t.form_begin = static_cast<std::uint32_t>(doc.forms.size());
  t.form_length = static_cast<std::uint32_t>(form.size());
  doc.forms += form;
}

// Whether `last` (the paragraph's latest token, one letter) follows a tight "&" or "-" that
// follows a word: "H&M", "Jay-Z".
bool ends_compound(const Document& doc, std::size_t first, const Token& last) {
  const std::size_t n = doc.tokens.size();
  if (last.end - last.begin != 1 || n < first + 3) return false;
  const Token& joiner = doc.tokens[n - 2];
  const Token& word = doc.tokens[n - 3];
  const std::string_view j = doc.raw_text(joiner);
  return (j == "&" || j == "-") && joiner.end == last.begin && word.end == joiner.begin && word.kind == TokenKind::kWord;
}

bool is_letter_or_mark(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) > 0; }

// The kind of a token that is one reference to a character other than a letter.
TokenKind reference_kind(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  if (type == U_DECIMAL_DIGIT_NUMBER) return TokenKind::kNumber;
  if (c == '&' || c == '@' || c == '#' || c == '%' || type == U_CURRENCY_SYMBOL || type == U_MATH_SYMBOL || type == U_OTHER_SYMBOL ||
      type == U_MODIFIER_SYMBOL)
    return TokenKind::kSymbol;
  return TokenKind::kPunctuation;
}

// Makes each character reference of the paragraph one token with the tokens it cut apart
// ("Bogot" "&" "#225" ";" -> "Bogot&#225;"): a reference to a letter joins the word tokens it
// touches on both sides, any other stays a token of its own. One pass over the tokens.
void join_char_references(Document& doc, std::size_t first, std::uint32_t begin, const std::vector<CharReference>& refs) {
  std::vector<Token> joined;
  joined.reserve(doc.tokens.size() - first);
  std::size_t r = 0;
  for (std::size_t k = first; k < doc.tokens.size();) {
    Token t = doc.tokens[k++];
    while (r < refs.size() && begin + refs[r].end <= t.begin) ++r;
    if (r == refs.size() || begin + refs[r].begin >= t.end) {
      joined.push_back(t);
      continue;
    }
    const bool letter = is_letter_or_mark(refs[r].code_point);
    if (letter && !joined.empty() && joined.back().end == t.begin && joined.back().kind == TokenKind::kWord) {
      t.begin = joined.back().begin;
      joined.pop_back();
    }
    t.kind = letter ? TokenKind::kWord : reference_kind(refs[r].code_point);
    while (k < doc.tokens.size() && doc.tokens[k].begin == t.end) {
      const Token& next = doc.tokens[k];
      const bool in_reference = next.begin < begin + refs[r].end;
      const bool next_reference = r + 1 < refs.size() && next.begin == begin + refs[r + 1].begin && is_letter_or_mark(refs[r + 1].code_point);
      if (!in_reference && !next_reference && !(letter && next.kind == TokenKind::kWord)) break;
      if (next_reference) ++r;
      t.end = next.end;
      ++k;
    }
    joined.push_back(t);
  }
  doc.tokens.resize(first);
  doc.tokens.insert(doc.tokens.end(), joined.begin(), joined.end());
}

}  // namespace

Tokenizer::Tokenizer(std::shared_ptr<const Abbreviations> abbreviations) : abbreviations_(std::move(abbreviations)) {}

void Tokenizer::tokenize(Document& doc, std::uint32_t begin, std::uint32_t end) const {
  const std::string_view para = doc.slice(begin, end);
  thread_local std::vector<WordSegment> segments;
  thread_local std::string candidate;  // "U.S" + "." while checking abbreviations
  break_words(para, segments);

  const std::size_t first = doc.tokens.size();
  for (const WordSegment& segment : segments) {
    const std::string_view piece = para.substr(segment.begin, segment.end - segment.begin);
    if (segment.status < UBRK_WORD_NONE_LIMIT && is_whitespace(piece)) continue;
    Token t;
    t.begin = begin + segment.begin;
    t.end = begin + segment.end;
    t.kind = kind_of(segment.status, piece);

    if (doc.tokens.size() > first) {
      Token& prev = doc.tokens.back();
      const std::string_view prev_text = doc.raw_text(prev);
      // "U.S" "." -> "U.S." when the result is an abbreviation. A letter joined to the word
      // before it by "&" or "-" ends a name ("H&M.", "AT&T.", "Jay-Z."), not an initial: the
      // period stays a sentence's.
      if (piece == "." && prev.end == t.begin && prev.kind == TokenKind::kWord && !ends_compound(doc, first, prev)) {
        candidate.assign(prev_text);
        candidate += '.';
        if (abbreviations_->kind(candidate) != AbbreviationKind::kNone) {
          prev.end = t.end;
          continue;
        }
      }
      // Runs of the same dot or dash are one token: "...", "--". (Such a token is made of one
      // character, so its ends tell; a scan would make a long run quadratic.)
      if (piece.size() == 1 && (piece[0] == '.' || piece[0] == '-') && prev.end == t.begin &&
          prev.kind == TokenKind::kPunctuation && prev_text.front() == piece[0] && prev_text.back() == piece[0]) {
        prev.end = t.end;
        continue;
      }
      // "1990" "'" "s" -> "1990" "'s": UAX #29 keeps the apostrophe apart after a number.
      if (t.kind == TokenKind::kWord && is_clitic_tail(piece) && prev.end == t.begin && is_apostrophe(prev_text) &&
          doc.tokens.size() - first >= 2 && doc.tokens[doc.tokens.size() - 2].end == prev.begin) {
        prev.end = t.end;
        prev.kind = TokenKind::kWord;
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
  const std::vector<CharReference> refs = para.find('&') == std::string_view::npos ? std::vector<CharReference>() : find_char_references(para);
  if (!refs.empty()) join_char_references(doc, first, begin, refs);
  if (utf8::is_ascii(para) && refs.empty()) return;
  for (std::size_t i = first; i < doc.tokens.size(); ++i) {
    Token& t = doc.tokens[i];
    const std::string_view raw = doc.raw_text(t);
    if (refs.empty() || raw.find('&') == std::string_view::npos) set_form(doc, t, raw);
    else set_form(doc, t, decode_char_references(raw));
  }
}

}  // namespace analyze
