// Finds the attributions of an article: the tagger (quote_model.h) labels each paragraph's tokens
// as content, cue or source; each content span joins the nearest cue of its paragraph and each cue
// the nearest source. Patterns then add the direct quotes the tagger missed ("…," she said;
// he said: "…"), a quote that continues over paragraphs inherits its speaker, and speakers are
// resolved to entities (speaker_resolver.h). A content span the tagger stopped short runs to its
// sentence's end when nothing after it there was tagged. A cue holds a cue word, a speaker is never
// words of its own content, and a quote without one takes the speaker of the attribution before it.
#pragma once

#include <optional>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "analyze/quote.h"
#include "quotes/quote_features.h"
#include "quotes/quote_model.h"

namespace analyze {

// A token range [begin, end).
struct TokenRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// One attribution in tokens, before it becomes Quotes.
struct TokenAttribution {
  std::vector<TokenRange> content;
  std::optional<TokenRange> cue;
  std::optional<TokenRange> source;
};

// Which parts run: the tagger alone, the patterns alone, or both (the default), to measure each.
enum class QuoteMethods { kBoth, kTaggerOnly, kPatternsOnly };

// The tagger's attributions of tokens [first, last) (one paragraph), from its tags.
std::vector<TokenAttribution> attributions_from_tags(const std::vector<std::uint8_t>& tags, std::uint32_t first);

// Rewrites, in one paragraph's `tags`, each cue span that holds no cue word of `model` (`lower`: the
// paragraph's lowercase_hash per token): between two content spans it joins them as content,
// elsewhere it becomes O.
void drop_cues_without_cue_word(const QuoteModel& model, const std::uint64_t* lower, std::vector<std::uint8_t>& tags);

// Extends, in the `tags` of one paragraph starting at token `first`, each content span to its
// sentence's end (final punctuation left out) when the rest of the sentence is untagged.
void extend_clause_content(const Document& doc, std::uint32_t first, std::vector<std::uint8_t>& tags);

// The quotes of `attributions` in text order, each with its speaker: the tagger's source, else the
// mention or pronoun next to the cue, never words of the content; else, within a paragraph (and into
// the next for a quotation), the speaker of the attribution before. Reported content without a cue
// and a quotation of fewer than four words without one (a title, a scare quote) are left out.
QuoteLayer attributed_quotes(const Document& doc, const QuoteContext& context, std::vector<TokenAttribution> attributions,
                             const EntityLayer* entities);

// Every attribution of `doc` (needs tokens, sentences, paragraphs; `entities` may be null).
QuoteLayer extract_quotes(const Document& doc, const QuoteModel& model, const EntityLayer* entities,
                          QuoteMethods methods = QuoteMethods::kBoth);

}  // namespace analyze
