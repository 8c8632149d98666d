#include "stance/sentiment_rules.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace analyze {

namespace {

// VADER's empirically derived constants, on its [-4, 4] scale they are the same ratios.
constexpr float kNegationScale = -0.74f;  // "not good" is milder than "bad"
constexpr int kNegationReach = 3;         // a negator reaches the next three words of its clause
constexpr int kReverserReach = 4;         // "combat (the) organized crime", "curb illegal immigration"
constexpr int kBoosterReach = 2;          // "very", "very very" modify the word right after
constexpr float kLosingClause = 0.5f;     // "X but Y": X counts half...
constexpr float kWinningClause = 1.5f;    // ...and Y half again
constexpr int kTrailingAttribution = 5;   // "..., critics said." ends within this many tokens
constexpr int kMeasureReach = 3;          // "shares dropped", "a drop in quarterly sales"
constexpr float kMeasureValence = 0.5f;   // a measure's change is news of middling strength
constexpr int kAuxiliaryReach = 2;        // "was beaten", "was soundly beaten"
constexpr int kListSeparators = 3;

enum class Mark : std::uint8_t { kOther, kClauseBreak, kQuote };

Mark punctuation_mark(std::string_view form) {
  if (form.empty()) return Mark::kOther;
  switch (form.front()) {
    case ',': case ';': case ':': case '(': case ')': case '-': case '[': case ']':
      return Mark::kClauseBreak;
    case '"':
      return Mark::kQuote;
    default:
      return Mark::kOther;
  }
}

// Marks each token's clause, quote state, prior valence and cue: punctuation splits clauses, a
// quote mark opens or closes a quotation, and a contrast word opens the clause it belongs to.
void read_tokens(const Document& doc, const Sentence& sentence, const SentimentLexicon& lexicon,
                 std::vector<RuledToken>& out) {
  std::uint16_t clause = 0;
  bool in_quote = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Token& tok = doc.tokens[sentence.token_begin + i];
    const std::string_view form = doc.form(tok);
    RuledToken& r = out[i];
    r.word = tok.kind == TokenKind::kWord;
    r.number = tok.kind == TokenKind::kNumber;
    r.lowercase = r.word && form.front() >= 'a' && form.front() <= 'z';
    r.separator = !form.empty() && (form.front() == ',' || form.front() == ';' || form.front() == ':' || form.front() == '|');
    if (tok.kind == TokenKind::kPunctuation) {
      const Mark mark = punctuation_mark(form);
      if (mark == Mark::kClauseBreak && i > 0) ++clause;
      if (mark == Mark::kQuote) in_quote = !in_quote;
    }
    r.hash = lowercase_hash(form);
    if (const LexiconEntry* e = lexicon.find_hash(r.hash); e && tok.kind != TokenKind::kPunctuation) {
      r.prior = e->valence;
      r.cue = e->cue;
      // A contrast word opens the clause it belongs to.
      if (r.cue == SentimentCue::kContrast && i > 0 && out[i - 1].clause == clause) ++clause;
    }
    r.valence = r.prior;
    r.clause = clause;
    r.reported = in_quote;
  }
}

// The phrase of `idioms` that starts at token i, if any: its index and length.
std::optional<std::pair<std::uint32_t, std::size_t>> phrase_at(const StanceIdioms& idioms, const IdiomEntry& e,
                                                             const std::vector<RuledToken>& out, std::size_t i) {
  for (const std::uint32_t p : e.phrases) {
    const auto& words = idioms.phrase(p).words;
    if (i + words.size() > out.size()) continue;
    std::size_t k = 1;
    while (k < words.size() && out[i + k].hash == words[k]) ++k;
    if (k == words.size()) return std::make_pair(p, k);
  }
  return std::nullopt;
}

// A fixed phrase's first word carries the phrase's valence and the others none.
void apply_phrases(const StanceIdioms& idioms, std::vector<RuledToken>& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const IdiomEntry* e = idioms.find_hash(out[i].hash);
    if (!e || e->phrases.empty()) continue;
    const auto match = phrase_at(idioms, *e, out, i);
    if (!match) continue;
    out[i].prior = idioms.phrase(match->first).valence;
    for (std::size_t k = 1; k < match->second; ++k) out[i + k].prior = 0.0f;
    i += match->second - 1;
  }
}

// The nearest measure within reach of change word i in its clause, or out.size().
std::size_t nearest_measure(const StanceIdioms& idioms, const std::vector<RuledToken>& out, std::size_t i) {
  for (std::size_t d = 1; d <= kMeasureReach; ++d)
    for (const std::size_t j : {i - d, i + d})  // i - d wraps past 0 to a huge index: rejected below
      if (j < out.size() && out[j].clause == out[i].clause) {
        const IdiomEntry* e = idioms.find_hash(out[j].hash);
        if (e && e->measure != 0.0f) return j;
      }
  return out.size();
}

// "Shares dropped", "hit profit growth", "a rise in unemployment": the change word carries the
// news (good when a good measure grows or a bad one shrinks), the measures near it lose their own
// valence ("profit" and "growth" say nothing good in "hit profit growth").
void apply_measures(const StanceIdioms& idioms, std::vector<RuledToken>& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const IdiomEntry* change = idioms.find_hash(out[i].hash);
    if (!change || change->change == 0.0f) continue;
    const std::size_t m = nearest_measure(idioms, out, i);
    if (m == out.size()) continue;
    out[i].prior = change->change * idioms.find_hash(out[m].hash)->measure * kMeasureValence;
    for (std::size_t j = i > kMeasureReach ? i - kMeasureReach : 0; j <= i + kMeasureReach && j < out.size(); ++j) {
      const IdiomEntry* e = idioms.find_hash(out[j].hash);
      if (j != i && e && e->measure != 0.0f && out[j].clause == out[i].clause) out[j].prior = 0.0f;
    }
  }
}

// Marks role verbs, passive ones (an auxiliary within reach before them) and "by".
void mark_roles(const StanceIdioms& idioms, std::vector<RuledToken>& out) {
  static const std::uint64_t kBy = lowercase_hash("by");
  for (std::size_t i = 0; i < out.size(); ++i) {
    RuledToken& t = out[i];
    t.agent_marker = t.hash == kBy;
    const IdiomEntry* e = idioms.find_hash(t.hash);
    if (!e || !e->role) continue;
    t.role = true;
    t.agent = e->agent;
    t.patient = e->patient;
    for (std::size_t d = 1; d <= kAuxiliaryReach && d <= i && out[i - d].clause == t.clause; ++d) {
      const IdiomEntry* before = idioms.find_hash(out[i - d].hash);
      if (before && before->auxiliary) t.passive = true;
    }
  }
}

// The idioms act on prior valences, before negation and the other cues.
void apply_idioms(const StanceIdioms& idioms, std::vector<RuledToken>& out) {
  apply_phrases(idioms, out);
  apply_measures(idioms, out);
  mark_roles(idioms, out);
  for (RuledToken& t : out) t.valence = t.prior;
}

// Calls `act` on each of the next `reach` words after token i that are in its clause.
template <typename Act>
void for_next_words_of_clause(std::vector<RuledToken>& out, std::size_t i, int reach, Act act) {
  for (std::size_t j = i + 1; j < out.size() && reach > 0 && out[j].clause == out[i].clause; ++j) {
    if (!out[j].word) continue;
    --reach;
    act(out[j]);
  }
}

// The cues that act on the rest of a clause or on the whole sentence, gathered in one pass and
// applied once after it, so that a sentence full of cues stays linear in its length
// (docs/PERFORMANCE.md section 7).
struct SentenceCues {
  std::size_t last_contrast;  // the token of the last contrast cue; the sentence's size if none
  float last_contrast_value = 0.0f;
  std::size_t first_leading_attribution;  // "critics argue that ...": what follows is reported
  std::uint32_t trailing_attribution_clause = 0;  // "..., critics said.": the clauses before it are
};

// Applies the cues that reach a few words (negators, reversers, boosters) and gathers the others.
SentenceCues apply_word_cues(const SentimentLexicon& lexicon, std::vector<RuledToken>& out) {
  const std::size_t n = out.size();
  SentenceCues cues{n, 0.0f, n, 0};
  for (std::size_t i = 0; i < n; ++i) {
    const RuledToken& cue = out[i];
    const LexiconEntry* e = cue.cue == SentimentCue::kNone ? nullptr : lexicon.find_hash(cue.hash);
    switch (cue.cue) {
      case SentimentCue::kNegator:
        for_next_words_of_clause(out, i, kNegationReach, [](RuledToken& t) {
          t.negated = true;
          t.valence *= kNegationScale;
          t.agent *= kNegationScale;
          t.patient *= kNegationScale;
        });
        break;
      case SentimentCue::kReverser:
        // Fighting a harm speaks well of whoever fights it: the harm's valence turns.
        for_next_words_of_clause(out, i, kReverserReach, [](RuledToken& t) {
          if (t.valence < 0.0f) t.valence *= kNegationScale;
        });
        break;
      case SentimentCue::kBooster:
        for (std::size_t j = i + 1; j < n && j <= i + kBoosterReach; ++j)
          if (out[j].prior != 0.0f) {
            out[j].valence *= 1.0f + e->cue_value;
            break;
          }
        break;
      case SentimentCue::kContrast:
        cues.last_contrast = i;
        cues.last_contrast_value = e->cue_value;
        break;
      case SentimentCue::kAttribution:
        // "..., critics said." reports what came before; "critics argue that ..." what follows.
        if (n - i <= kTrailingAttribution && cue.clause > 0)
          cues.trailing_attribution_clause = std::max<std::uint32_t>(cues.trailing_attribution_clause, cue.clause);
        else
          cues.first_leading_attribution = std::min(cues.first_leading_attribution, i);
        break;
      case SentimentCue::kHedge:  // apply_hedges
      case SentimentCue::kNone:
        break;
    }
  }
  return cues;
}

// Each token's valence takes the product of the factors of the hedges before it in its clause.
void apply_hedges(const SentimentLexicon& lexicon, std::vector<RuledToken>& out) {
  float factor = 1.0f;
  bool hedged = false;
  for (std::size_t j = 0; j < out.size(); ++j) {
    if (j > 0 && out[j].clause != out[j - 1].clause) {
      factor = 1.0f;
      hedged = false;
    }
    if (hedged) {
      out[j].hedged = true;
      out[j].valence *= factor;
      out[j].agent *= factor;
      out[j].patient *= factor;
    }
    if (out[j].cue == SentimentCue::kHedge) {
      factor *= lexicon.find_hash(out[j].hash)->cue_value;
      hedged = true;
    }
  }
}

// The last contrast cue decides every weight. Its value > 0 ("but"): the clauses after it win;
// value <= 0 ("although"): its own clause loses.
void apply_contrast(const SentenceCues& cues, std::vector<RuledToken>& out) {
  if (cues.last_contrast >= out.size()) return;
  const std::uint32_t clause = out[cues.last_contrast].clause;
  for (std::size_t j = 0; j < out.size(); ++j)
    out[j].weight = (cues.last_contrast_value > 0.0f ? j < cues.last_contrast : out[j].clause == clause)
                        ? kLosingClause
                        : kWinningClause;
}

// The attributions add up: what a leading one is followed by and the clauses a trailing one ends
// are reported.
void apply_attributions(const SentenceCues& cues, std::vector<RuledToken>& out) {
  for (std::size_t j = 0; j < out.size(); ++j)
    if (out[j].clause < cues.trailing_attribution_clause || j > cues.first_leading_attribution) out[j].reported = true;
}

}  // namespace

std::string_view polarity_name(Polarity polarity) {
  switch (polarity) {
    case Polarity::kNegative: return "negative";
    case Polarity::kNeutral: return "neutral";
    case Polarity::kPositive: return "positive";
  }
  return "neutral";
}

void apply_sentiment_rules(const Document& doc, const Sentence& sentence, const SentimentLexicon& lexicon,
                           const StanceIdioms& idioms, std::vector<RuledToken>& out) {
  out.clear();
  out.resize(sentence.token_end - sentence.token_begin);
  read_tokens(doc, sentence, lexicon, out);
  apply_idioms(idioms, out);
  const SentenceCues cues = apply_word_cues(lexicon, out);
  apply_hedges(lexicon, out);
  apply_contrast(cues, out);
  apply_attributions(cues, out);
}

bool list_like(const std::vector<RuledToken>& tokens) {
  int separators = 0, numbers = 0, lowercase = 0;
  for (const RuledToken& t : tokens) {
    separators += t.separator;
    numbers += t.number;
    lowercase += t.lowercase;
  }
  return separators >= kListSeparators && lowercase < separators + numbers;
}

float valence_sum(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end) {
  float sum = 0.0f;
  for (std::size_t i = begin; i < end; ++i) {
    const RuledToken& t = tokens[i];
    sum += t.valence * t.weight * (t.reported ? kReportedWeight : 1.0f);
  }
  return sum;
}

float squash_valence(float sum) {
  constexpr float kAlpha = 15.0f / 16.0f;  // VADER's alpha 15 on a 4x larger scale
  return sum / std::sqrt(sum * sum + kAlpha);
}

float valence_score(float sum) {
  // squash_valence(x) = 0.5 at x = sqrt(kAlpha / 3) = 0.559, and 0.559 / 0.0485 = 11.5.
  constexpr float kGain = 11.5f;
  return squash_valence(kGain * sum);
}

}  // namespace analyze
