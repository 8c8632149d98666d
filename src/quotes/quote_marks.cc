#include "quotes/quote_marks.h"

#include <optional>
#include <string_view>

namespace analyze {

namespace {

enum class Mark { kNone, kOpening, kClosing, kStraight };

// What a mark's raw text is; a straight mark's direction depends on its neighbours.
Mark mark_kind(std::string_view raw) {
  if (raw == "\xE2\x80\x9C" || raw == "\xE2\x80\x9E" || raw == "\xE2\x80\x9F" || raw == "\xC2\xAB" || raw == "``")
    return Mark::kOpening;
  if (raw == "\xE2\x80\x9D" || raw == "\xC2\xBB") return Mark::kClosing;
  if (raw == "\"" || raw == "''") return Mark::kStraight;
  return Mark::kNone;
}

// Whether a token's raw text may be a quotation mark or half of one: every mark starts with one of
// these bytes (the lead bytes of “ ” „ ‟ « »), which rules out nearly every token at once.
bool may_be_mark(std::string_view raw) {
  if (raw.empty()) return false;
  const char c = raw[0];
  return c == '"' || c == '\'' || c == '`' || c == '\xE2' || c == '\xC2';
}

// Two apostrophes or two backquotes written as separate adjacent tokens: one mark of two tokens.
bool is_doubled(const Document& doc, std::uint32_t t, char c) {
  if (t + 1 >= doc.tokens.size()) return false;
  const Token& a = doc.tokens[t];
  const Token& b = doc.tokens[t + 1];
  const std::string_view ra = doc.raw_text(a), rb = doc.raw_text(b);
  return a.end == b.begin && ra.size() == 1 && rb.size() == 1 && ra[0] == c && rb[0] == c;
}

bool opens_after(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '[' || c == '{' || c == '-' || c == '/';
}

// Whether a mark at bytes [begin, end) follows the paragraph's start, a space, an opening bracket
// or a dash, and whether a space or the paragraph's end follows it.
bool spaced_before(const Document& doc, std::uint32_t begin, const Paragraph& p) {
  const std::string& text = doc.text();
  return begin == p.begin || opens_after(text[begin - 1]) || static_cast<unsigned char>(text[begin - 1]) >= 0x80;
}
bool spaced_after(const Document& doc, std::uint32_t end, const Paragraph& p) {
  const std::string& text = doc.text();
  return end >= p.end || text[end] == ' ' || text[end] == '\t' || text[end] == '\n';
}

// A straight mark opens after the paragraph's start, a space or an opening bracket when text
// follows it closely; otherwise it closes when a quote is open.
bool straight_opens(const Document& doc, std::uint32_t begin, std::uint32_t end, const Paragraph& p, bool open) {
  const bool space_before = spaced_before(doc, begin, p);
  const bool space_after = spaced_after(doc, end, p);
  if (space_before && !space_after) return true;
  if (!space_before && space_after) return false;
  return !open;
}

// An opening mark written where a closing one belongs (“Do you?“ he asked): a quote is open, the
// mark follows the text closely and a space or the paragraph's end follows it.
bool closes_as_typo(const Document& doc, std::uint32_t begin, std::uint32_t end, const Paragraph& p) {
  return !spaced_before(doc, begin, p) && spaced_after(doc, end, p);
}

// Markup written into the text (<tweet tweet-date="March 9, 2016">) quotes attribute values: a
// straight mark right after '=' opens a value, the next straight mark closes it, and a straight
// mark right before '>' closes one begun in an earlier paragraph. None of them is a quotation.
enum class MarkupMark { kNone, kOpensValue, kClosesValue };

MarkupMark markup_mark(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  const std::string& text = doc.text();
  if (begin > 0 && text[begin - 1] == '=') return MarkupMark::kOpensValue;
  if (end < text.size() && text[end] == '>') return MarkupMark::kClosesValue;
  return MarkupMark::kNone;
}

}  // namespace

bool is_quotation_mark(const Document& doc, std::uint32_t t) {
  if (!may_be_mark(doc.raw_text(doc.tokens[t]))) return false;
  if (mark_kind(doc.raw_text(doc.tokens[t])) != Mark::kNone) return true;
  return is_doubled(doc, t, '\'') || is_doubled(doc, t, '`') || (t > 0 && is_doubled(doc, t - 1, '\'')) ||
         (t > 0 && is_doubled(doc, t - 1, '`'));
}

std::vector<QuotedSpan> find_quoted_spans(const Document& doc) {
  std::vector<QuotedSpan> spans;
  for (std::uint32_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    const Paragraph& p = doc.paragraphs[pi];
    if (p.sentence_begin >= p.sentence_end) continue;
    const std::uint32_t first = doc.sentences[p.sentence_begin].token_begin;
    const std::uint32_t last = doc.sentences[p.sentence_end - 1].token_end;
    std::optional<std::uint32_t> open;  // first content token of the open quote
    bool in_markup = false;             // inside a markup attribute's value
    auto close_at = [&](std::uint32_t end, bool closed) {
      if (*open < end) spans.push_back({*open, end, pi, closed});
      open.reset();
    };
    for (std::uint32_t t = first; t < last; ++t) {
      if (!may_be_mark(doc.raw_text(doc.tokens[t]))) continue;
      Mark kind = mark_kind(doc.raw_text(doc.tokens[t]));
      std::uint32_t width = 1;
      if (kind == Mark::kNone && is_doubled(doc, t, '\'')) kind = Mark::kStraight, width = 2;
      if (kind == Mark::kNone && is_doubled(doc, t, '`')) kind = Mark::kOpening, width = 2;
      if (kind == Mark::kNone) continue;
      const std::uint32_t begin = doc.tokens[t].begin, end = doc.tokens[t + width - 1].end;
      if (kind == Mark::kStraight) {
        const MarkupMark markup = markup_mark(doc, begin, end);
        if (in_markup || markup != MarkupMark::kNone) {
          in_markup = !in_markup && markup == MarkupMark::kOpensValue;
          t += width - 1;
          continue;
        }
      }
      if (kind == Mark::kOpening && open && closes_as_typo(doc, begin, end, p)) kind = Mark::kClosing;
      const bool opening = kind == Mark::kOpening ||
                           (kind == Mark::kStraight && straight_opens(doc, begin, end, p, open.has_value()));
      if (!opening && open) close_at(t, true);
      else if (opening) open = t + width;
      t += width - 1;
    }
    if (open) close_at(last, false);
  }
  return spans;
}

}  // namespace analyze
