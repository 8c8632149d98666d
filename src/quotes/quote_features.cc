#include "quotes/quote_features.h"

#include <algorithm>
#include <string_view>

#include "analyze/entity.h"
#include "core/hash_index.h"

namespace analyze {

namespace {

enum Family : std::uint64_t {
  kBias = 1, kWord, kPrevWord, kNextWord, kPrevWord2, kNextWord2, kPrevBigram, kNextBigram, kShape, kSuffix,
  kQuoteState, kQuoteStateWord, kQuoteNeighbours, kCueLeft, kCueLeftDistance, kCueRight, kCueRightDistance,
  kIsCue, kEntity, kPrevEntity, kNextEntity, kEntityCueRight, kPlace, kThatAfterCue, kCueBothSides,
  kCueLeftClause, kWordAfterCue, kSentencePart,
};

constexpr std::uint64_t kEdge = 0x5eed;  // the word "before the first" and "after the last"

// Lower-case letters x, capitals X, digits d, others as they are; runs collapsed ("Xx", "d.d").
std::uint64_t shape_of(std::string_view form) {
  std::uint64_t h = 0;
  char last = 0;
  for (const char ch : form) {
    char c = ch;
    if (c >= 'a' && c <= 'z') c = 'x';
    else if (c >= 'A' && c <= 'Z') c = 'X';
    else if (c >= '0' && c <= '9') c = 'd';
    else if (static_cast<unsigned char>(c) >= 0x80) c = 'u';
    if (c == last) continue;
    last = c;
    h = h * 131 + static_cast<unsigned char>(c);
  }
  return h;
}

// 1, 2, 3, 4-5, 6-10, 11-20, more; plus 8 when a sentence boundary lies between.
std::uint64_t distance_bucket(std::uint32_t d, bool other_sentence) {
  std::uint64_t b = d <= 3 ? d : d <= 5 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7;
  return b + (other_sentence ? 8 : 0);
}

constexpr std::uint32_t kNone = 0xffffffffu;

// Nearest cue word before and after each token of the paragraph.
void nearest_cues(const QuoteContext& context, const QuoteModel& model, std::uint32_t first, std::uint32_t last,
                  std::vector<std::uint32_t>& left, std::vector<std::uint32_t>& right) {
  const std::uint32_t n = last - first;
  left.assign(n, kNone);
  right.assign(n, kNone);
  std::uint32_t seen = kNone;
  for (std::uint32_t i = 0; i < n; ++i) {
    left[i] = seen;
    if (context.quote_state[first + i] == 0 && model.is_cue_word(context.lower[first + i])) seen = first + i;
  }
  seen = kNone;
  for (std::uint32_t i = n; i-- > 0;) {
    right[i] = seen;
    if (context.quote_state[first + i] == 0 && model.is_cue_word(context.lower[first + i])) seen = first + i;
  }
}

// A word's hash mixed as feature_key mixes a first and a second word (hash_index.h).
struct WordParts {
  std::uint64_t first, second;
};
constexpr std::int64_t kWindow = 2;  // the words before and after a token that its features read

// The parts of the words of [first, last) and of kWindow edge words on either side.
void word_parts(const QuoteContext& context, std::uint32_t first, std::uint32_t last, std::vector<WordParts>& parts) {
  const WordParts edge{first_part(kEdge), second_part(kEdge)};
  parts.assign(last - first + 2 * kWindow, edge);
  for (std::uint32_t t = first; t < last; ++t)
    parts[t - first + kWindow] = {first_part(context.lower[t]), second_part(context.lower[t])};
}

struct TokenView {
  const Document& doc;
  const QuoteContext& context;
  std::uint32_t first, last;
  const std::vector<std::uint32_t>& clause_marks;  // commas, semicolons and dashes before each token
  const std::vector<WordParts>& parts;             // per token from first - kWindow
  std::uint64_t word(std::int64_t t) const {
    return t < first || t >= last ? kEdge : context.lower[static_cast<std::size_t>(t)];
  }
  const WordParts& part(std::int64_t t) const { return parts[static_cast<std::size_t>(t - first + kWindow)]; }
  std::uint64_t entity(std::int64_t t) const {
    return t < first || t >= last ? 9 : context.entity_type[static_cast<std::size_t>(t)];
  }
  std::uint64_t quote(std::int64_t t) const {
    return t < first || t >= last ? 9 : context.quote_state[static_cast<std::size_t>(t)];
  }
};

// Per token of [first, last): how many clause marks (",", ";", "-", "--") stand before it.
void count_clause_marks(const Document& doc, std::uint32_t first, std::uint32_t last, std::vector<std::uint32_t>& marks) {
  marks.assign(last - first, 0);
  std::uint32_t seen = 0;
  for (std::uint32_t t = first; t < last; ++t) {
    marks[t - first] = seen;
    const std::string_view f = doc.form(doc.tokens[t]);
    seen += doc.tokens[t].kind == TokenKind::kPunctuation && (f == "," || f == ";" || f == "-" || f == "--");
  }
}

// 0, 1, 2: the first, middle or last third of the sentence.
std::uint64_t sentence_third(const Sentence& s, std::uint32_t t) {
  const std::uint32_t n = s.token_end - s.token_begin;
  return n == 0 ? 0 : 3 * (t - s.token_begin) / n;
}

void lexical_features(const TokenView& v, std::uint32_t t, std::vector<std::uint64_t>& out) {
  const std::string_view form = v.doc.form(v.doc.tokens[t]);
  const std::int64_t i = t;
  const std::uint64_t none = second_part(0);
  out.push_back(feature_key(kBias));
  out.push_back(feature_key_of_parts(kWord, v.part(i).first, none));
  out.push_back(feature_key_of_parts(kPrevWord, v.part(i - 1).first, none));
  out.push_back(feature_key_of_parts(kNextWord, v.part(i + 1).first, none));
  out.push_back(feature_key_of_parts(kPrevWord2, v.part(i - 2).first, none));
  out.push_back(feature_key_of_parts(kNextWord2, v.part(i + 2).first, none));
  out.push_back(feature_key_of_parts(kPrevBigram, v.part(i - 1).first, v.part(i).second));
  out.push_back(feature_key_of_parts(kNextBigram, v.part(i).first, v.part(i + 1).second));
  out.push_back(feature_key(kShape, shape_of(form)));
  if (form.size() > 3) out.push_back(feature_key(kSuffix, lowercase_hash(form.substr(form.size() - 3))));
}

void context_features(const TokenView& v, std::uint32_t t, std::uint32_t cue_left, std::uint32_t cue_right,
                      std::vector<std::uint64_t>& out) {
  const Document& doc = v.doc;
  const std::int64_t i = t;
  const std::uint64_t q = v.quote(t);
  out.push_back(feature_key(kQuoteState, q));
  out.push_back(feature_key_of_parts(kQuoteStateWord, first_part(q), v.part(i).second));
  out.push_back(feature_key(kQuoteNeighbours, v.quote(i - 1) * 16 + q, v.quote(i + 1)));
  out.push_back(feature_key(kEntity, v.entity(t)));
  out.push_back(feature_key(kPrevEntity, v.entity(i - 1)));
  out.push_back(feature_key(kNextEntity, v.entity(i + 1)));
  const std::uint32_t sentence = doc.tokens[t].sentence;
  const Sentence& s = doc.sentences[sentence];
  out.push_back(feature_key(kPlace, (t == s.token_begin) + 2 * (t + 1 == s.token_end) + 4 * (t == v.first)));
  out.push_back(feature_key(kSentencePart, sentence_third(s, t), q));
  std::uint64_t left_bucket = 99, right_bucket = 99;
  if (cue_left != kNone) {
    left_bucket = distance_bucket(t - cue_left, doc.tokens[cue_left].sentence != sentence);
    out.push_back(feature_key_of_parts(kCueLeft, v.part(cue_left).first, second_part(left_bucket)));
    out.push_back(feature_key(kCueLeftDistance, left_bucket, q));
    if (doc.tokens[cue_left].sentence == sentence) {
      const std::uint32_t marks = v.clause_marks[t - v.first] - v.clause_marks[cue_left - v.first];
      out.push_back(feature_key(kCueLeftClause, std::min<std::uint32_t>(marks, 2), q));
    }
    if (t <= cue_left + 2) out.push_back(feature_key_of_parts(kWordAfterCue, v.part(cue_left).first, v.part(i).second));
    if (t >= 1 && cue_left + 3 >= t && v.word(i - 1) == lowercase_hash("that"))
      out.push_back(feature_key(kThatAfterCue));
  }
  if (cue_right != kNone) {
    right_bucket = distance_bucket(cue_right - t, doc.tokens[cue_right].sentence != sentence);
    out.push_back(feature_key_of_parts(kCueRight, v.part(cue_right).first, second_part(right_bucket)));
    out.push_back(feature_key(kCueRightDistance, right_bucket, q));
    out.push_back(feature_key(kEntityCueRight, v.entity(t), right_bucket));
  }
  out.push_back(feature_key(kCueBothSides, std::min<std::uint64_t>(left_bucket, 99), std::min<std::uint64_t>(right_bucket, 99)));
}

}  // namespace

QuoteContext quote_context(const Document& doc, const std::vector<QuotedSpan>& quoted, const EntityLayer* entities) {
  QuoteContext context;
  const std::size_t n = doc.tokens.size();
  context.quote_state.assign(n, 0);
  context.entity_type.assign(n, 0);
  context.lower.resize(n);
  for (std::size_t t = 0; t < n; ++t) context.lower[t] = lowercase_hash(doc.form(doc.tokens[t]));
  for (const QuotedSpan& q : quoted)
    for (std::uint32_t t = q.token_begin; t < q.token_end; ++t) context.quote_state[t] = q.closed ? 1 : 2;
  for (std::uint32_t t = 0; t < n; ++t)
    if (is_quotation_mark(doc, t)) context.quote_state[t] = 3;
  if (entities)
    for (const Entity& e : entities->entities)
      for (const Mention& m : e.mentions)
        for (std::uint32_t t = m.token_begin; t < m.token_end && t < n; ++t)
          context.entity_type[t] = static_cast<std::uint8_t>(1 + static_cast<int>(e.type));
  return context;
}

void quote_features(const Document& doc, const QuoteContext& context, const QuoteModel& model, std::uint32_t first,
                    std::uint32_t last, std::vector<std::uint64_t>& features, std::vector<std::uint32_t>& offsets) {
  thread_local std::vector<std::uint32_t> cue_left, cue_right, clause_marks;
  thread_local std::vector<WordParts> parts;
  nearest_cues(context, model, first, last, cue_left, cue_right);
  count_clause_marks(doc, first, last, clause_marks);
  word_parts(context, first, last, parts);
  features.clear();
  offsets.assign(1, 0);
  const TokenView view{doc, context, first, last, clause_marks, parts};
  for (std::uint32_t t = first; t < last; ++t) {
    lexical_features(view, t, features);
    context_features(view, t, cue_left[t - first], cue_right[t - first], features);
    if (model.is_cue_word(context.lower[t])) features.push_back(feature_key(kIsCue, context.quote_state[t]));
    offsets.push_back(static_cast<std::uint32_t>(features.size()));
  }
}

}  // namespace analyze
