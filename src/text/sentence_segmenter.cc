#include "text/sentence_segmenter.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include "text/break_iterators.h"
#include "core/utf8.h"

namespace analyze {

namespace {

bool is_quote(std::string_view form) { return form == "\"" || form == "'" || form == "''"; }
bool is_closing(std::string_view form) { return is_quote(form) || form == ")" || form == "]" || form == "}"; }

bool starts_lowercase(std::string_view s) {
  if (s.empty()) return false;
  if (static_cast<unsigned char>(s[0]) < 0x80) return s[0] >= 'a' && s[0] <= 'z';
  std::size_t p = 0;
  return u_islower(static_cast<UChar32>(utf8::decode(s, p)));
}

bool starts_uppercase(std::string_view s) {
  if (s.empty()) return false;
  if (static_cast<unsigned char>(s[0]) < 0x80) return s[0] >= 'A' && s[0] <= 'Z';
  std::size_t p = 0;
  return u_isupper(static_cast<UChar32>(utf8::decode(s, p)));
}

// "?", "!", "?!", "!!!" (the tokenizer keeps each mark apart, but be liberal).
bool is_question_or_exclamation(std::string_view form) {
  return !form.empty() && form.find_first_not_of("?!") == std::string_view::npos;
}

// Whether the token can end a sentence: a full stop, "?", "!", an ellipsis, a word with its
// abbreviation period ("U.S."), or another script's terminator ("。").
bool is_sentence_final(const Token& t, std::string_view form) {
  if (form.empty()) return false;
  if (form.back() == '.' || is_question_or_exclamation(form)) return true;
  if (t.kind != TokenKind::kPunctuation || static_cast<unsigned char>(form[0]) < 0x80) return false;
  std::size_t p = 0;
  return u_hasBinaryProperty(static_cast<UChar32>(utf8::decode(form, p)), UCHAR_S_TERM);
}

constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
constexpr std::string_view kZones[] = {"Eastern", "Pacific", "Central", "Mountain", "Atlantic"};

// Whether `form` is one of `names`, or its abbreviation with a full stop ("Jan.", "Sept.", "Tues.").
template <std::size_t N>
bool names_one_of(std::string_view form, const std::string_view (&names)[N]) {
  const bool dotted = !form.empty() && form.back() == '.';
  const std::string_view word = dotted ? form.substr(0, form.size() - 1) : form;
  return std::any_of(std::begin(names), std::end(names), [&](std::string_view name) {
    return word == name || (dotted && word.size() >= 3 && word.size() < name.size() && name.substr(0, word.size()) == word);
  });
}

// Whether the capitalised word at `next`, after "p.m.", continues the time: a day, a month ("Jan.",
// "Sept."), a time zone ("EST", "Eastern", "Iraq time").
bool continues_time(const Document& doc, std::uint32_t next, std::uint32_t token_end) {
  const std::string_view form = doc.form(doc.tokens[next]);
  if (next + 1 < token_end && (doc.form(doc.tokens[next + 1]) == "time" || doc.form(doc.tokens[next + 1]) == "Time"))
    return true;
  if (form.size() >= 2 && form.size() <= 4 && std::all_of(form.begin(), form.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return true;
  return names_one_of(form, kWeekdays) || names_one_of(form, kMonths) || names_one_of(form, kZones);
}

bool is_pronoun(std::string_view form) {
  return form == "I" || form == "He" || form == "She" || form == "They" || form == "We" || form == "You" ||
         form == "It";
}

// "I", "IV", "xii": a Roman numeral that numbers a list item.
bool is_roman_numeral(std::string_view form) {
  return !form.empty() && form.size() <= 4 &&
         (form.find_first_not_of("IVXLC") == std::string_view::npos ||
          form.find_first_not_of("ivxlc") == std::string_view::npos);
}

// A number that numbers a list item or a section: "1", "12", "2.1".
bool is_item_number(std::string_view form) {
  return !form.empty() && form.size() <= 5 && form.find_first_not_of("0123456789.") == std::string_view::npos &&
         form.front() != '.';
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A list item's marker: "1.", "2)", "3.)", "a.", "B)", "IV.", "2.1.". Markers of one number or
// letter have a value, so that the next item's marker is known ("b." after "a.", "3)" after "2)").
struct ListMarker {
  std::uint32_t first = 0;  // its first token
  int value = -1;           // 1 for "1." and "a.", 2 for "2." and "b." ...; -1 for "IV." or "2.1."
  char style = 0;           // '1' for numbers, 'a' or 'A' for letters
};

ListMarker letter_marker(std::uint32_t first, char letter) {
  const bool lower = letter >= 'a';
  return {first, letter - (lower ? 'a' : 'A') + 1, lower ? 'a' : 'A'};
}

// The list marker whose tokens end just before token `e`, within tokens [begin, e): "A." is one
// token (the tokenizer keeps an initial's period), "1." "2)" "3.)" are two or three.
std::optional<ListMarker> marker_before(const Document& doc, std::uint32_t begin, std::uint32_t e) {
  auto form = [&](std::uint32_t i) { return doc.form(doc.tokens[i]); };
  if (e == begin) return std::nullopt;
  std::uint32_t p = e - 1;
  const std::string_view single = form(p);
  if (doc.tokens[p].kind == TokenKind::kWord && single.size() == 2 && single[1] == '.')
    return is_ascii_letter(single[0]) ? letter_marker(p, single[0]) : ListMarker{p};
  if (form(p) == ")" && p > begin && form(p - 1) == "." && doc.tokens[p - 1].end == doc.tokens[p].begin) --p;
  if ((form(p) != "." && form(p) != ")") || p == begin || doc.tokens[p - 1].end != doc.tokens[p].begin)
    return std::nullopt;
  --p;
  const std::string_view f = form(p);
  const Token& t = doc.tokens[p];
  if (t.kind == TokenKind::kNumber && is_item_number(f)) {
    const bool counted = f.size() <= 2 && f.find('.') == std::string_view::npos;
    return ListMarker{p, counted ? std::stoi(std::string(f)) : -1, '1'};
  }
  if (t.kind != TokenKind::kWord) return std::nullopt;
  if (f.size() == 1 && is_ascii_letter(f[0])) return letter_marker(p, f[0]);
  if (is_roman_numeral(f)) return ListMarker{p};
  return std::nullopt;
}

bool is_bullet(std::string_view form) {
  return form == "*" || form == "-" || form == "\xE2\x80\xA2" || form == "(" || form == "#";
}

// Whether tokens [s, e) are only a list item's marker, behind any bullet: "1.", "* 3.", "(b)".
bool is_list_marker(const Document& doc, std::uint32_t s, std::uint32_t e) {
  if (s < e && is_bullet(doc.form(doc.tokens[s]))) ++s;
  const auto marker = marker_before(doc, s, e);
  return marker && marker->first == s;
}

// Whether `next` is the marker of the item after `previous`'s: "b." after "a.", "3)" after "2.".
bool is_next_marker(const ListMarker& previous, const ListMarker& next) {
  return previous.value > 0 && next.style == previous.style && next.value == previous.value + 1;
}

bool has_word(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  for (std::uint32_t i = begin; i < end; ++i)
    if (doc.tokens[i].kind == TokenKind::kWord || doc.tokens[i].kind == TokenKind::kNumber) return true;
  return false;
}

// Whether token `i` numbers an item of an inline enumeration: "here: 1. that ..., and 2. that".
bool is_enumeration_number(const Document& doc, std::uint32_t token_begin, std::uint32_t i) {
  const Token& t = doc.tokens[i];
  if (t.kind != TokenKind::kNumber || t.end - t.begin > 2) return false;
  if (i == token_begin) return true;
  const std::string_view before = doc.form(doc.tokens[i - 1]);
  return before == ":" || before == ";" || before == "," || before == "and" || before == "or";
}

// "Eng", "Epis": a capitalised word of at most four letters, the shape of an abbreviation that no
// list names. All-capitals words ("NASA", "ASAP") are acronyms, which end sentences.
bool is_short_capitalised_word(const Document& doc, std::uint32_t i) {
  const Token& t = doc.tokens[i];
  const std::string_view form = doc.form(t);
  return t.kind == TokenKind::kWord && starts_uppercase(form) && utf8::length(form) <= 4 &&
         std::any_of(form.begin() + 1, form.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The token after the reference marks that start at `i` ("[17]", "[6][7]", "[1]–[11]", "[...]",
// "[citation needed]", or a footnote number before a sentence starter: "... fee. 8 Yet some"), or
// `i` when none start there.
std::uint32_t skip_reference_marks(const Document& doc, const Abbreviations& words, std::uint32_t i,
                                   std::uint32_t token_end) {
  const Token& first = doc.tokens[i];
  if (first.kind == TokenKind::kNumber && first.end - first.begin <= 3 && i + 1 < token_end &&
      doc.tokens[i + 1].begin > first.end && words.is_sentence_starter(doc.form(doc.tokens[i + 1])) &&
      doc.form(first).find_first_not_of("0123456789") == std::string_view::npos)
    return i + 1;
  constexpr std::uint32_t kMaxInside = 4;
  std::uint32_t after = i;
  for (std::uint32_t j = i; j < token_end && doc.form(doc.tokens[j]) == "[";) {
    std::uint32_t k = j + 1;
    for (; k < token_end && k - j <= kMaxInside; ++k) {
      const Token& t = doc.tokens[k];
      const std::string_view f = doc.form(t);
      if (f == "]" || f == "[") break;
      if (t.kind == TokenKind::kWord ? !starts_lowercase(f) : t.kind == TokenKind::kSymbol) return after;
    }
    if (k >= token_end || doc.form(doc.tokens[k]) != "]" || k == j + 1) return after;
    after = j = k + 1;
    // "[17], [18]" and "[1]–[11]": a comma or a dash joins the next mark.
    if (j + 1 < token_end && (doc.form(doc.tokens[j]) == "," || doc.form(doc.tokens[j]) == "-") &&
        doc.form(doc.tokens[j + 1]) == "[")
      ++j;
  }
  return after;
}

// Where a sentence may start after sentence-final punctuation (and the closing quotes and
// brackets attached to it) that a space follows, as the index of the token that would start it, in
// order.
void punctuation_boundaries(const Document& doc, std::uint32_t token_begin, std::uint32_t token_end,
                            std::vector<std::uint32_t>& candidates) {
  const auto& tokens = doc.tokens;
  for (std::uint32_t i = token_begin; i + 1 < token_end; ++i) {
    if (!is_sentence_final(tokens[i], doc.form(tokens[i]))) continue;
    std::uint32_t j = i + 1;
    while (j < token_end && tokens[j].begin == tokens[j - 1].end && is_closing(doc.form(tokens[j]))) ++j;
    if (j < token_end && tokens[j].begin > tokens[j - 1].end) candidates.push_back(j);
    i = j - 1;
  }
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Whether a URL starts at byte `at` of `text`: "http://", "https://", "www.".
bool is_url_at(std::string_view text, std::uint32_t at) {
  if (text[at] != 'h' && text[at] != 'w') return false;
  const std::string_view rest = text.substr(at);
  return rest.rfind("http://", 0) == 0 || rest.rfind("https://", 0) == 0 || rest.rfind("www.", 0) == 0;
}

// Reads `count_min` to `count_max` digits of `text` at `p`, moving `p` past them.
bool read_digits(std::string_view text, std::size_t& p, std::size_t count_min, std::size_t count_max) {
  std::size_t n = 0;
  while (p < text.size() && n < count_max && is_ascii_digit(text[p])) ++p, ++n;
  return n >= count_min;
}

// The end (a byte offset) of an e-mail header's time stamp at byte `at`, "03/15/2001 04:03 PM" or
// "01/19/01 07:55:12 AM", or 0 when none starts there.
std::size_t time_stamp_end(std::string_view text, std::size_t at) {
  std::size_t p = at;
  if (!read_digits(text, p, 1, 2) || p >= text.size() || text[p++] != '/' || !read_digits(text, p, 1, 2) ||
      p >= text.size() || text[p++] != '/' || !read_digits(text, p, 2, 4) || p >= text.size() || text[p++] != ' ' ||
      !read_digits(text, p, 1, 2) || p >= text.size() || text[p++] != ':' || !read_digits(text, p, 2, 2))
    return 0;
  if (p + 2 < text.size() && text[p] == ':') ++p, read_digits(text, p, 2, 2);
  if (p + 3 > text.size() || text[p] != ' ') return 0;
  const std::string_view meridiem = text.substr(p + 1, 2);
  return meridiem == "AM" || meridiem == "PM" || meridiem == "am" || meridiem == "pm" ? p + 3 : 0;
}

// Whether token `i` ends the closing of a letter that starts its sentence: "Thanks", "Regards",
// "Sincerely", "Best", "Best regards", "Thank you", "Many thanks".
bool ends_closing(const Document& doc, std::uint32_t token_begin, std::uint32_t i) {
  auto starts_sentence = [&](std::uint32_t k) {
    return k == token_begin || is_sentence_final(doc.tokens[k - 1], doc.form(doc.tokens[k - 1]));
  };
  const std::string_view word = doc.form(doc.tokens[i]);
  if (word == "Thanks" || word == "Regards" || word == "Cheers" || word == "Sincerely" || word == "Respectfully" ||
      word == "Cordially" || word == "Best")
    return starts_sentence(i);
  if (i == token_begin || !(word == "regards" || word == "you" || word == "thanks" || word == "wishes")) return false;
  const std::string_view first = doc.form(doc.tokens[i - 1]);
  return (first == "Best" || first == "Kind" || first == "Warm" || first == "Thank" || first == "Many") &&
         starts_sentence(i - 1);
}

// Whether token `i` follows a word or number that no punctuation ends and that introduces no date
// or name: "ants" in "... about ants Tuesday, September 1", not "on" in "on Tuesday, September 1".
bool follows_unpunctuated_text(const Document& doc, std::uint32_t i) {
  static constexpr std::string_view kIntroducing[] = {
      "on", "by", "of", "until", "till", "since", "from", "before", "after", "at", "for", "to", "and", "or",
      "than", "through", "between", "dated", "is", "was", "were", "be", "been", "will", "said", "says", "the"};
  const Token& before = doc.tokens[i - 1];
  if ((before.kind != TokenKind::kWord && before.kind != TokenKind::kNumber) || before.end == doc.tokens[i].begin)
    return false;
  const std::string_view form = doc.form(before);
  return std::find(std::begin(kIntroducing), std::end(kIntroducing), form) == std::end(kIntroducing);
}

// Whether tokens from `i` label a picture's credit: "Image:", "Photo:", "Credit:".
bool is_credit_label(const Document& doc, std::uint32_t i, std::uint32_t token_end) {
  const std::string_view form = doc.form(doc.tokens[i]);
  return i + 1 < token_end && doc.form(doc.tokens[i + 1]) == ":" &&
         (form == "Image" || form == "Photo" || form == "Picture" || form == "Credit");
}

// The token after a full date that starts at token `i`, "Tuesday, September 1, 2015", or `i`.
std::uint32_t date_line_end(const Document& doc, std::uint32_t i, std::uint32_t token_end) {
  auto form = [&](std::uint32_t k) { return doc.form(doc.tokens[k]); };
  if (i + 6 > token_end || form(i + 1) != "," || !names_one_of(form(i), kWeekdays) || !names_one_of(form(i + 2), kMonths) ||
      doc.tokens[i + 3].kind != TokenKind::kNumber || form(i + 4) != "," || doc.tokens[i + 5].kind != TokenKind::kNumber ||
      form(i + 5).size() != 4)
    return i;
  return i + 6;
}

// Whether tokens `i` and `i + 1` are a caption's label: "Figure 1.3", "Fig. 2", "Table 4".
bool is_caption_label(const Document& doc, std::uint32_t i, std::uint32_t token_end) {
  if (i + 1 >= token_end || doc.tokens[i + 1].kind != TokenKind::kNumber) return false;
  const std::string_view label = doc.form(doc.tokens[i]);
  return label == "Figure" || label == "Fig." || label == "Table";
}

// The token after a caption's label that starts at token `i` when a capitalised word follows it
// (the caption's first sentence), or `i`. A label with its own full stop ("Figure 1. Original and
// mutant application") starts the caption's sentence instead (keeps_boundary).
std::uint32_t caption_label_end(const Document& doc, std::uint32_t i, std::uint32_t token_end) {
  if (i + 2 >= token_end || !is_caption_label(doc, i, token_end)) return i;
  return starts_uppercase(doc.form(doc.tokens[i + 2])) ? i + 2 : i;
}

// Whether token `i` names the one a closing addresses ("Thanks, Anne"), not an audience ("Thank
// you, Mr. Chair", "Thank you, Madam Speaker").
bool is_addressed_name(const Document& doc, std::uint32_t i) {
  const std::string_view form = doc.form(doc.tokens[i]);
  return starts_uppercase(form) && form != "Madam" && form != "Sir" && form.back() != '.';
}

// Boundaries that no punctuation marks, from the layout of web text and e-mail, as the index of
// the token that starts the sentence, in order: after a URL before another or before a capitalised
// word; around an e-mail header's time stamp after a name ("Kay Mann 03/15/2001 04:03 PM I have");
// after a letter's closing, before the name ("Thanks, Anne"); around a date line after a
// headline ("... ants Tuesday, September 1, 2015 For") or after one that starts the paragraph;
// before a picture's credit after its caption ("Black Widow and Captain America Image: Nick
// Moreau."); after a caption's label that starts the paragraph ("Figure 1.3 This map shows").
void layout_boundaries(const Document& doc, std::uint32_t token_begin, std::uint32_t token_end,
                       std::vector<std::uint32_t>& out) {
  const std::string_view text = doc.text();
  const auto& tokens = doc.tokens;
  auto first_token_from = [&](std::uint32_t i, std::size_t at) {
    while (i < token_end && tokens[i].begin < at) ++i;
    return i;
  };
  for (std::uint32_t i = token_begin; i < token_end; ++i) {
    const Token& t = tokens[i];
    if (is_url_at(text, t.begin)) {
      std::size_t url_end = t.begin;
      while (url_end < text.size() && !std::isspace(static_cast<unsigned char>(text[url_end]))) ++url_end;
      const std::uint32_t j = first_token_from(i, url_end);
      if (j < token_end && (is_url_at(text, tokens[j].begin) || starts_uppercase(doc.form(tokens[j])))) out.push_back(j);
      i = j - 1;
    } else if (t.kind == TokenKind::kNumber && i > token_begin && tokens[i - 1].kind == TokenKind::kWord &&
               starts_uppercase(doc.form(tokens[i - 1]))) {
      const std::size_t stamp_end = time_stamp_end(text, t.begin);
      if (stamp_end == 0) continue;
      out.push_back(i);
      const std::uint32_t j = first_token_from(i, stamp_end);
      if (j < token_end) out.push_back(j);
      i = j - 1;
    } else if (t.kind == TokenKind::kWord && i + 2 < token_end && doc.form(tokens[i + 1]) == "," &&
               is_addressed_name(doc, i + 2) && ends_closing(doc, token_begin, i)) {
      out.push_back(i + 2);
    } else if (i > token_begin && is_credit_label(doc, i, token_end) && follows_unpunctuated_text(doc, i)) {
      out.push_back(i);
    } else if (const std::uint32_t after = date_line_end(doc, i, token_end);
               after != i && (i == token_begin || follows_unpunctuated_text(doc, i))) {
      if (i > token_begin) out.push_back(i);
      if (after < token_end && starts_uppercase(doc.form(tokens[after]))) out.push_back(after);
      i = after - 1;
    } else if (const std::uint32_t caption = caption_label_end(doc, i, token_end); caption != i && i == token_begin) {
      out.push_back(caption);
    }
  }
}

// Merges ICU's sentence boundaries of the paragraph doc.text()[begin, end) into `candidates` (in
// order), each as the first token at or after it: a break inside a token moves to its end.
void merge_icu_boundaries(const Document& doc, std::uint32_t begin, std::uint32_t end, std::uint32_t token_begin,
                          std::uint32_t token_end, std::vector<std::uint32_t>& candidates) {
  const auto& tokens = doc.tokens;
  const std::size_t own = candidates.size();
  const std::string_view para = doc.slice(begin, end);
  icu::BreakIterator& it = thread_sentence_iterator();
  if (const BreakIteratorPass pass(it, para); pass.ok()) {
    auto first = tokens.begin() + token_begin;
    const auto last = tokens.begin() + token_end;
    for (int32_t b = it.next(); b != icu::BreakIterator::DONE && static_cast<std::uint32_t>(b) < para.size(); b = it.next()) {
      const std::uint32_t at = begin + static_cast<std::uint32_t>(b);
      first = std::lower_bound(first, last, at, [](const Token& t, std::uint32_t pos) { return t.begin < pos; });
      if (first == last) break;
      candidates.push_back(static_cast<std::uint32_t>(first - tokens.begin()));
    }
  }
  std::inplace_merge(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(own), candidates.end());
}

// Whether the word before a list marker joins it to the item before: "..., and 2. that".
bool joins_items(std::string_view before) {
  return before == "," || before == ";" || before == "and" || before == "or";
}

// A list item's marker starts the sentence after it, and the next item's marker starts the next
// sentence ("a. The first item b. The second"), unless a comma or "and" joins the items; a marker
// after a colon continues the sentence ("Options: a. The first"). Punctuation alone (". . .",
// "? ? ?", ":)") is no sentence and stays with the one before it. One pass, keeping
// starts[0, kept): a sentence begins at starts[kept - 1] and ends at the next start kept.
void join_list_items(const Document& doc, std::uint32_t token_end, std::vector<std::uint32_t>& starts) {
  std::size_t kept = 1;
  ListMarker open;  // the last item's marker
  for (std::size_t i = 1; i < starts.size(); ++i) {
    const std::uint32_t sentence_begin = starts[kept - 1];
    const std::uint32_t sentence_end = i + 1 < starts.size() ? starts[i + 1] : token_end;
    if (const auto marker = marker_before(doc, sentence_begin, starts[i])) {
      const bool opens = is_list_marker(doc, sentence_begin, starts[i]);
      const std::string_view before = opens ? "" : doc.form(doc.tokens[marker->first - 1]);
      const bool next_item = is_next_marker(open, *marker);
      if (opens || before == ":" || next_item) open = *marker;
      if (opens || before == ":" || (next_item && joins_items(before))) continue;
      if (next_item && doc.tokens[marker->first].begin > doc.tokens[marker->first - 1].end) starts[i] = marker->first;
    }
    if (!has_word(doc, starts[i], sentence_end)) continue;
    starts[kept++] = starts[i];
  }
  starts.resize(kept);
}

}  // namespace

SentenceSegmenter::SentenceSegmenter(std::shared_ptr<const Abbreviations> abbreviations)
    : abbreviations_(std::move(abbreviations)) {}

bool SentenceSegmenter::is_attribution(const Document& doc, std::uint32_t next, std::uint32_t token_end) const {
  std::uint32_t i = next;
  if (is_pronoun(doc.form(doc.tokens[i]))) {
    ++i;
  } else {  // a name, possibly with a title: "Smith", "Mr. Smith", "Mom"
    while (i < token_end && i - next < 3 && doc.tokens[i].kind == TokenKind::kWord &&
           starts_uppercase(doc.form(doc.tokens[i])))
      ++i;
  }
  return i > next && i < token_end && abbreviations_->is_speech_verb(doc.form(doc.tokens[i]));
}

AbbreviationKind SentenceSegmenter::abbreviation_at(const Document& doc, std::uint32_t token_begin, std::uint32_t last,
                                                    std::uint32_t next) const {
  const Token& end_token = doc.tokens[last];
  const std::string_view end_form = doc.form(end_token);
  if (end_token.kind == TokenKind::kWord && end_form.size() > 1 && end_form.back() == '.')
    return abbreviations_->kind(end_form);
  if ((end_form != "." && end_form != "!") || last == token_begin) return AbbreviationKind::kNone;
  const Token& word = doc.tokens[last - 1];
  if (word.kind != TokenKind::kWord || word.end != end_token.begin) return AbbreviationKind::kNone;
  const std::string_view word_form = doc.form(word);
  thread_local std::string written;
  written.assign(word_form).append(end_form);
  if (end_form == "!") return abbreviations_->kind(written);
  const std::string_view next_form = doc.form(doc.tokens[next]);
  if (starts_lowercase(next_form)) return abbreviations_->kind_any_case(written);
  // "Albert I. Jones": between capitalised words, "I." is an initial, not the pronoun.
  const bool initial = word_form == "I" && last - 1 > token_begin && starts_uppercase(next_form) &&
                       doc.tokens[last - 2].kind == TokenKind::kWord && starts_uppercase(doc.form(doc.tokens[last - 2]));
  return initial ? AbbreviationKind::kCommon : AbbreviationKind::kNone;
}

bool SentenceSegmenter::keeps_boundary(const Document& doc, std::uint32_t token_begin, std::uint32_t next,
                                       std::uint32_t token_end) const {
  // The token that ends the sentence, looking through closing quotes and brackets.
  std::uint32_t last = next - 1;
  bool closed = false, quoted = false;
  while (last > token_begin && is_closing(doc.form(doc.tokens[last]))) {
    closed = true;
    quoted |= is_quote(doc.form(doc.tokens[last]));
    --last;
  }
  const Token& end_token = doc.tokens[last];
  const std::string_view end_form = doc.form(end_token);
  const std::string_view next_form = doc.form(doc.tokens[next]);

  if (end_form == "." && last == token_begin + 2 && is_caption_label(doc, token_begin, token_end)) return false;
  switch (abbreviation_at(doc, token_begin, last, next)) {
    case AbbreviationKind::kTitle:
      return false;
    case AbbreviationKind::kBeforeNumber:
      if (doc.tokens[next].kind == TokenKind::kNumber) return false;
      break;
    case AbbreviationKind::kCommon:
      // A quotation may open a sentence (`in the U.S. "It was`), but not after an initial, where
      // it is a nickname (`John J. "Jack" Sheehan`); "Under-Secretary" is not "Under".
      if (is_quote(next_form)) return end_form.size() > 2;
      return abbreviations_->is_sentence_starter(next_form) &&
             !(next + 1 < token_end && doc.tokens[next + 1].begin == doc.tokens[next].end &&
               doc.form(doc.tokens[next + 1]) == "-");
    case AbbreviationKind::kTime:
      return is_quote(next_form) || (starts_uppercase(next_form) && !continues_time(doc, next, token_end));
    case AbbreviationKind::kNone:
      break;
  }
  // "watch?v=1", "Yahoo!Messenger": no space, no sentence end (ICU breaks after "?" and "!" anyway).
  if (is_question_or_exclamation(end_form) && doc.tokens[next].begin == doc.tokens[next - 1].end) return false;
  // Before a lower-case word (behind any opening brackets or quotes) only a plain full stop or a
  // bare "?"/"!" ends a sentence ("i'm done. see you"); an ellipsis does not ("Wait... what?",
  // "I waited . . . and"),
  // nor a quotation (`"Stop!" he said`), nor a full stop after a number ("claims: 1. that") or after
  // a short capitalised word, most likely an abbreviation no list names ("the Epis. church").
  std::uint32_t word = next;
  while (word + 1 < token_end && word - next < 3 && doc.tokens[word].kind == TokenKind::kPunctuation) ++word;
  if (starts_lowercase(doc.form(doc.tokens[word]))) {
    if (closed) return false;
    if (is_question_or_exclamation(end_form)) return true;
    if (end_form != "." || last == token_begin || next_form == ".") return false;
    const std::uint32_t before = last - 1;
    if (doc.form(doc.tokens[before]) == ".") return false;  // a spaced ellipsis: "I waited . . . and"
    if (doc.tokens[before].end != end_token.begin) return true;
    return !is_enumeration_number(doc, token_begin, before) && !is_short_capitalised_word(doc, before);
  }
  if (quoted && is_question_or_exclamation(end_form) && is_attribution(doc, next, token_end)) return false;
  return true;
}

void SentenceSegmenter::split(const Document& doc, std::uint32_t begin, std::uint32_t end, std::uint32_t token_begin,
                              std::uint32_t token_end, std::vector<std::uint32_t>& starts) const {
  starts.clear();
  if (token_begin == token_end) return;
  // Candidates, as the index of the token that would start the next sentence.
  thread_local std::vector<std::uint32_t> candidates;
  candidates.clear();
  punctuation_boundaries(doc, token_begin, token_end, candidates);
  merge_icu_boundaries(doc, begin, end, token_begin, token_end, candidates);
  thread_local std::vector<std::uint32_t> layout;
  layout.clear();
  layout_boundaries(doc, token_begin, token_end, layout);
  const std::size_t own = candidates.size();
  candidates.insert(candidates.end(), layout.begin(), layout.end());
  std::inplace_merge(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(own), candidates.end());
  // The rules decide the boundaries that punctuation proposes; reference marks move a boundary
  // past them.
  starts.push_back(token_begin);
  for (const std::uint32_t next : candidates) {
    if (next <= starts.back()) continue;
    if (!std::binary_search(layout.begin(), layout.end(), next) && !keeps_boundary(doc, token_begin, next, token_end))
      continue;
    const std::uint32_t after = skip_reference_marks(doc, *abbreviations_, next, token_end);
    if (after == token_end) break;
    starts.push_back(after);
  }
  join_list_items(doc, token_end, starts);
}

}  // namespace analyze
