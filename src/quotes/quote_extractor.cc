#include "quotes/quote_extractor.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

#include "quotes/quote_features.h"
#include "quotes/quote_marks.h"
#include "quotes/speaker_resolver.h"

namespace analyze {

namespace {

constexpr std::uint32_t kNoAttribution = 0xffffffffu;
// How many tokens beyond a quotation mark the patterns look for its cue.
constexpr std::uint32_t kCueReach = 6;
// A quoted span with fewer words continuing a quote of the paragraph before is a title or a
// scare quote of its own.
constexpr std::uint32_t kMinQuoteWords = 4;
constexpr std::uint32_t kMaxSourceTokens = 6;

bool is_speech_verb(std::string_view w) {
  static constexpr std::string_view kVerbs[] = {
      "said", "says", "say", "told", "tells", "added", "asked", "wrote", "writes", "tweeted", "stated", "explained",
      "noted", "insisted", "argued", "claimed", "continued", "replied", "recalled", "warned", "declared", "announced",
      "responded", "remarked", "according", "saying", "joked", "acknowledged", "admitted", "conceded", "suggested",
      "predicted", "vowed", "promised", "countered", "quipped", "observed", "emphasized", "stressed"};
  std::string lower(w);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return std::find(std::begin(kVerbs), std::end(kVerbs), lower) != std::end(kVerbs);
}

std::uint32_t distance(TokenRange a, TokenRange b) {
  if (a.end <= b.begin) return b.begin - a.end;
  if (b.end <= a.begin) return a.begin - b.end;
  return 0;
}

struct RoleSpans {
  std::vector<TokenRange> content, cue, source;
};

RoleSpans role_spans(const std::vector<std::uint8_t>& tags, std::uint32_t first) {
  RoleSpans spans;
  for (std::uint32_t i = 0; i < tags.size();) {
    const int role = quote_role(tags[i]);
    if (role == 0) {
      ++i;
      continue;
    }
    std::uint32_t j = i + 1;
    while (j < tags.size() && quote_role(tags[j]) == role && !quote_tag_begins(tags[j])) ++j;
    const TokenRange r{first + i, first + j};
    (role == 1 ? spans.content : role == 2 ? spans.cue : spans.source).push_back(r);
    i = j;
  }
  return spans;
}

// The candidate nearest to `span`; candidates are in text order and do not overlap, so it is the
// first one ending after the span starts or the one before it.
std::size_t nearest(TokenRange span, const std::vector<TokenRange>& candidates) {
  const auto it = std::lower_bound(candidates.begin(), candidates.end(), span.begin,
                                   [](const TokenRange& c, std::uint32_t b) { return c.end <= b; });
  std::size_t best = it == candidates.end() ? candidates.size() - 1 : static_cast<std::size_t>(it - candidates.begin());
  if (best > 0 && distance(span, candidates[best - 1]) <= distance(span, candidates[best])) --best;
  return best;
}

}  // namespace

std::vector<TokenAttribution> attributions_from_tags(const std::vector<std::uint8_t>& tags, std::uint32_t first) {
  const RoleSpans spans = role_spans(tags, first);
  std::vector<TokenAttribution> out;
  if (spans.cue.empty()) {
    for (const TokenRange& c : spans.content) {
      TokenAttribution a;
      a.content.push_back(c);
      if (!spans.source.empty()) a.source = spans.source[nearest(c, spans.source)];
      out.push_back(std::move(a));
    }
    return out;
  }
  out.resize(spans.cue.size());
  for (std::size_t k = 0; k < spans.cue.size(); ++k) out[k].cue = spans.cue[k];
  for (const TokenRange& c : spans.content) out[nearest(c, spans.cue)].content.push_back(c);
  for (const TokenRange& s : spans.source) {
    TokenAttribution& a = out[nearest(s, spans.cue)];
    if (!a.source || distance(s, *a.cue) < distance(*a.source, *a.cue)) a.source = s;
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const TokenAttribution& a) { return a.content.empty(); }),
            out.end());
  return out;
}

// A cue holds a cue word ("said", "according", "told"): a tagged cue without one ("avoided taking",
// "want") is a verb of the content or of the narrative. Inside a content span it becomes content,
// joining the two parts; elsewhere it is no cue, and content without a cue is then attributed to the
// paragraph's remaining cues or to none.
void drop_cues_without_cue_word(const QuoteModel& model, const std::uint64_t* lower, std::vector<std::uint8_t>& tags) {
  const std::size_t n = tags.size();
  for (std::size_t i = 0; i < n;) {
    if (quote_role(tags[i]) != 2) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && quote_role(tags[j]) == 2 && !quote_tag_begins(tags[j])) ++j;
    bool has_cue_word = false;
    for (std::size_t k = i; k < j && !has_cue_word; ++k) has_cue_word = model.is_cue_word(lower[k]);
    if (!has_cue_word) {
      const bool inside_content = i > 0 && quote_role(tags[i - 1]) == 1 && j < n && quote_role(tags[j]) == 1;
      for (std::size_t k = i; k < j; ++k) tags[k] = inside_content ? kContentInside : kOutside;
      if (inside_content && quote_tag_begins(tags[j])) tags[j] = kContentInside;
    }
    i = j;
  }
}

// The tagger stops long clauses short ("that the media [has been rewarding ...]").
void extend_clause_content(const Document& doc, std::uint32_t first, std::vector<std::uint8_t>& tags) {
  const std::uint32_t n = static_cast<std::uint32_t>(tags.size());
  for (std::uint32_t i = 0; i < n; ++i) {
    if (tags[i] != kContentBegin) continue;
    std::uint32_t j = i + 1;
    while (j < n && tags[j] == kContentInside) ++j;
    const std::uint32_t sentence_end = std::min(doc.sentences[doc.tokens[first + i].sentence].token_end - first, n);
    bool untagged = true;
    for (std::uint32_t k = j; k < sentence_end && untagged; ++k) untagged = tags[k] == kOutside;
    if (!untagged || j >= sentence_end) continue;
    const bool final_mark = doc.tokens[first + sentence_end - 1].kind == TokenKind::kPunctuation;
    for (std::uint32_t k = j; k < sentence_end - (final_mark ? 1 : 0); ++k) tags[k] = kContentInside;
    i = sentence_end - 1;
  }
}

namespace {

// Whether a paragraph may hold an attribution: it has a cue word or a quotation mark. The others,
// most of an article, are not tagged, which keeps the stage's cost small.
bool may_attribute(const QuoteModel& model, const QuoteContext& context, std::uint32_t first, std::uint32_t last) {
  for (std::uint32_t t = first; t < last; ++t)
    if (context.quote_state[t] != 0 || model.is_cue_word(context.lower[t])) return true;
  return false;
}

std::vector<TokenAttribution> tag_paragraphs(const Document& doc, const QuoteModel& model, const QuoteContext& context) {
  std::vector<TokenAttribution> out;
  std::vector<std::uint64_t> features;
  std::vector<std::uint32_t> offsets;
  std::vector<float> emissions;
  std::vector<std::uint8_t> tags;
  for (const Paragraph& p : doc.paragraphs) {
    if (p.boilerplate || p.sentence_begin >= p.sentence_end) continue;
    const std::uint32_t first = doc.sentences[p.sentence_begin].token_begin;
    const std::uint32_t last = doc.sentences[p.sentence_end - 1].token_end;
    if (first >= last || !may_attribute(model, context, first, last)) continue;
    quote_features(doc, context, model, first, last, features, offsets);
    const std::size_t n = last - first;
    emissions.assign(n * kQuoteTags, 0.0f);
    model.prefetch(features.data(), offsets[std::min<std::size_t>(n, 1)]);
    for (std::size_t i = 0; i < n; ++i) {
      if (i + 1 < n) model.prefetch(features.data() + offsets[i + 1], offsets[i + 2] - offsets[i + 1]);
      model.add_emissions(features.data() + offsets[i], offsets[i + 1] - offsets[i], &emissions[i * kQuoteTags]);
    }
    model.decode(emissions, n, tags);
    drop_cues_without_cue_word(model, context.lower.data() + first, tags);
    extend_clause_content(doc, first, tags);
    for (TokenAttribution& a : attributions_from_tags(tags, first)) out.push_back(std::move(a));
  }
  return out;
}

// The speaker written next to a cue: the words just before it ("Donald Trump said"), else just
// after it ("said Trump"), within its sentence.
std::optional<TokenRange> source_next_to(const Document& doc, std::uint32_t cue, std::uint32_t floor, std::uint32_t ceiling) {
  auto is_word = [&](std::uint32_t t) { return doc.tokens[t].kind == TokenKind::kWord; };
  std::uint32_t b = cue;
  while (b > floor && cue - b < kMaxSourceTokens && is_word(b - 1) && doc.tokens[b - 1].sentence == doc.tokens[cue].sentence)
    --b;
  if (b < cue) return TokenRange{b, cue};
  std::uint32_t e = cue + 1;
  while (e < ceiling && e - cue <= kMaxSourceTokens && is_word(e) && !is_speech_verb(doc.form(doc.tokens[e]))) ++e;
  if (e > cue + 1) return TokenRange{cue + 1, e};
  return std::nullopt;
}

struct PatternCue {
  TokenRange cue;
  std::optional<TokenRange> source;
};

// "…," she said / "…," said the senator: a speech verb just after the closing mark; or
// He said: "…": one just before the opening mark. Never beyond the paragraph or another mark.
std::optional<PatternCue> cue_near(const Document& doc, const QuoteContext& context, const QuotedSpan& q,
                                   std::uint32_t para_first, std::uint32_t para_last) {
  for (std::uint32_t t = q.token_end; t < para_last && t < q.token_end + kCueReach + 1; ++t) {
    if (t > q.token_end && context.quote_state[t] != 0) break;
    if (is_speech_verb(doc.form(doc.tokens[t])))
      return PatternCue{{t, t + 1}, source_next_to(doc, t, q.token_end + 1, para_last)};
  }
  const std::uint32_t open = q.token_begin > para_first ? q.token_begin - 1 : q.token_begin;
  for (std::uint32_t t = open; t-- > para_first && t + kCueReach >= open;) {
    if (context.quote_state[t] != 0) break;
    if (is_speech_verb(doc.form(doc.tokens[t]))) return PatternCue{{t, t + 1}, source_next_to(doc, t, para_first, open)};
  }
  return std::nullopt;
}

std::uint32_t word_count(const Document& doc, TokenRange r) {
  std::uint32_t n = 0;
  for (std::uint32_t t = r.begin; t < r.end; ++t) n += doc.tokens[t].kind == TokenKind::kWord;
  return n;
}

std::uint32_t paragraph_of(const Document& doc, std::uint32_t token) {
  return doc.sentences[doc.tokens[token].sentence].paragraph;
}
std::uint32_t paragraph_first(const Document& doc, std::uint32_t p) {
  return doc.sentences[doc.paragraphs[p].sentence_begin].token_begin;
}
std::uint32_t paragraph_last(const Document& doc, std::uint32_t p) {
  return doc.sentences[doc.paragraphs[p].sentence_end - 1].token_end;
}

// Adds the quoted spans the tagger left out that have a speech verb next to them. One with no cue
// of its own continues the quote of the paragraph before when that one ran to its paragraph's end
// (the quote reopened in this one); others (titles, scare quotes, the tagger's rejects) are left.
void add_pattern_quotes(const Document& doc, const QuoteContext& context, const std::vector<QuotedSpan>& quoted,
                        std::vector<TokenAttribution>& attributions) {
  std::vector<std::uint32_t> owner(doc.tokens.size(), kNoAttribution);
  for (std::uint32_t a = 0; a < attributions.size(); ++a)
    for (const TokenRange& r : attributions[a].content)
      for (std::uint32_t t = r.begin; t < r.end; ++t) owner[t] = a;
  std::uint32_t previous_owner = kNoAttribution;
  const QuotedSpan* previous = nullptr;
  for (const QuotedSpan& q : quoted) {
    if (doc.paragraphs[q.paragraph].boilerplate) continue;
    std::uint32_t covered = 0, covering = kNoAttribution;
    for (std::uint32_t t = q.token_begin; t < q.token_end; ++t)
      if (owner[t] != kNoAttribution) ++covered, covering = owner[t];
    const bool continues = previous && !previous->closed && previous->paragraph + 1 == q.paragraph;
    std::uint32_t mine = kNoAttribution;
    if (covered * 2 >= q.token_end - q.token_begin) {
      mine = covering;
    } else {
      const auto pattern = cue_near(doc, context, q, paragraph_first(doc, q.paragraph), paragraph_last(doc, q.paragraph));
      if (pattern) {
        TokenAttribution a;
        a.content.push_back({q.token_begin, q.token_end});
        a.cue = pattern->cue, a.source = pattern->source;
        mine = static_cast<std::uint32_t>(attributions.size());
        attributions.push_back(std::move(a));
      } else if (continues && previous_owner != kNoAttribution &&
                 word_count(doc, {q.token_begin, q.token_end}) >= kMinQuoteWords) {
        attributions[previous_owner].content.push_back({q.token_begin, q.token_end});
        mine = previous_owner;
      }
    }
    previous = &q;
    previous_owner = mine;
  }
}

bool is_direct(const Document& doc, const QuoteContext& context, TokenRange r);

// A cue whose contents mix a quotation with reported words ("“…,” she said several months later")
// attributes the quotation: the reported parts become an attribution of their own, by the same
// speaker and with no cue, since the tagger joined them to the cue only by nearness.
void separate_reported_from_direct(const Document& doc, const QuoteContext& context,
                                   std::vector<TokenAttribution>& attributions) {
  const std::size_t n = attributions.size();
  for (std::size_t k = 0; k < n; ++k) {
    std::vector<TokenRange> direct, reported;
    for (const TokenRange& r : attributions[k].content) (is_direct(doc, context, r) ? direct : reported).push_back(r);
    if (direct.empty() || reported.empty() || !attributions[k].cue) continue;
    attributions[k].content = std::move(direct);
    TokenAttribution rest;
    rest.content = std::move(reported);
    rest.source = attributions[k].source;
    attributions.push_back(std::move(rest));
  }
}

bool is_edge_punctuation(const Document& doc, const QuoteContext& context, std::uint32_t t) {
  if (context.quote_state[t] == 3) return true;
  const std::string_view f = doc.form(doc.tokens[t]);
  return doc.tokens[t].kind == TokenKind::kPunctuation && (f == "," || f == ":" || f == "-" || f == "(" || f == ")");
}

// Without quotation marks and the punctuation that joined the content to its cue.
TokenRange trimmed(const Document& doc, const QuoteContext& context, TokenRange r) {
  while (r.begin < r.end && is_edge_punctuation(doc, context, r.begin)) ++r.begin;
  while (r.end > r.begin && is_edge_punctuation(doc, context, r.end - 1)) --r.end;
  return r;
}

bool is_direct(const Document& doc, const QuoteContext& context, TokenRange r) {
  std::uint32_t words = 0, quoted = 0;
  for (std::uint32_t t = r.begin; t < r.end; ++t) {
    if (doc.tokens[t].kind != TokenKind::kWord && doc.tokens[t].kind != TokenKind::kNumber) continue;
    ++words;
    quoted += context.quote_state[t] == 1 || context.quote_state[t] == 2;
  }
  return words > 0 && quoted == words;
}

TextSpan text_span(const Document& doc, TokenRange r) {
  return {doc.tokens[r.begin].begin, doc.tokens[r.end - 1].end};
}

std::optional<TokenRange> speaker_near_cue(const Document& doc, const SpeakerResolver& resolver, TokenRange cue) {
  const std::uint32_t paragraph = paragraph_of(doc, cue.begin);
  const auto speaker = resolver.speaker_near(cue.begin, cue.end, paragraph_first(doc, paragraph), paragraph_last(doc, paragraph));
  if (!speaker) return std::nullopt;
  return TokenRange{speaker->first, speaker->second};
}

// Content the tagger or the patterns found with no cue: a quotation of a few words is a title or a
// scare quote ("Morning Joe", "deficit neutral"), reported words are the narrative's own.
bool stands_without_cue(const Document& doc, const QuoteContext& context, const TokenAttribution& a) {
  const TokenRange r = trimmed(doc, context, a.content.front());
  return is_direct(doc, context, r) && (a.content.size() > 1 || word_count(doc, r) >= kMinQuoteWords);
}

bool overlaps_content(const TokenAttribution& a, TokenRange r) {
  for (const TokenRange& c : a.content)
    if (r.begin < c.end && c.begin < r.end) return true;
  return false;
}

// The speaker of an attribution: the tagger's source, else the one next to the cue, never words of
// the content itself ("He said Mr. Rubio had ..." is said by "He") nor words that name no one.
void choose_source(const Document& doc, const SpeakerResolver& resolver, TokenAttribution& a) {
  if (a.source) a.source->end = resolver.speaker_end(a.source->begin, a.source->end);
  if (a.source && (overlaps_content(a, *a.source) || a.source->begin == a.source->end)) a.source.reset();
  if (!a.source && a.cue) a.source = speaker_near_cue(doc, resolver, *a.cue);
  if (a.source && overlaps_content(a, *a.source)) a.source.reset();
}

// A speaker carried over from the attribution before: news runs a speaker's quotes on without
// naming them again, within a paragraph, and a quotation on into the next paragraph.
struct CarriedSpeaker {
  std::optional<TokenRange> source;
  std::optional<std::uint32_t> entity;
  std::uint32_t paragraph = 0;
};

}  // namespace

QuoteLayer attributed_quotes(const Document& doc, const QuoteContext& context, std::vector<TokenAttribution> attributions,
                             const EntityLayer* entities) {
  QuoteLayer layer;
  std::optional<SpeakerResolver> resolver;
  if (entities) resolver.emplace(doc, *entities);
  attributions.erase(std::remove_if(attributions.begin(), attributions.end(),
                                    [](const TokenAttribution& a) { return a.content.empty(); }),
                     attributions.end());
  std::stable_sort(attributions.begin(), attributions.end(), [](const TokenAttribution& x, const TokenAttribution& y) {
    return x.content.front().begin < y.content.front().begin;
  });
  CarriedSpeaker carried;
  for (TokenAttribution& a : attributions) {
    if (!a.cue && !stands_without_cue(doc, context, a)) continue;
    if (resolver) choose_source(doc, *resolver, a);
    std::optional<std::uint32_t> entity;
    if (resolver && a.source) entity = resolver->resolve(a.source->begin, a.source->end);
    const std::uint32_t paragraph = paragraph_of(doc, a.content.front().begin);
    const bool direct = is_direct(doc, context, trimmed(doc, context, a.content.front()));
    if (!a.source && carried.source && paragraph <= carried.paragraph + (direct ? 1 : 0))
      a.source = carried.source, entity = carried.entity;
    if (a.source) carried = {a.source, entity, paragraph};
    for (const TokenRange& part : a.content) {
      const TokenRange r = trimmed(doc, context, part);
      if (r.begin >= r.end) continue;
      Quote q;
      q.content = text_span(doc, r);
      q.direct = is_direct(doc, context, r);
      if (a.cue) q.cue = text_span(doc, *a.cue);
      if (a.source) q.speaker = text_span(doc, *a.source);
      q.entity = entity;
      layer.quotes.push_back(q);
    }
  }
  std::stable_sort(layer.quotes.begin(), layer.quotes.end(),
                   [](const Quote& x, const Quote& y) { return x.content.begin < y.content.begin; });
  return layer;
}

QuoteLayer extract_quotes(const Document& doc, const QuoteModel& model, const EntityLayer* entities, QuoteMethods methods) {
  const std::vector<QuotedSpan> quoted = find_quoted_spans(doc);
  const QuoteContext context = quote_context(doc, quoted, entities);
  std::vector<TokenAttribution> attributions;
  if (methods != QuoteMethods::kPatternsOnly) {
    attributions = tag_paragraphs(doc, model, context);
    separate_reported_from_direct(doc, context, attributions);
  }
  if (methods != QuoteMethods::kTaggerOnly) add_pattern_quotes(doc, context, quoted, attributions);
  return attributed_quotes(doc, context, std::move(attributions), entities);
}

}  // namespace analyze
