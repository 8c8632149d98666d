// The valence lexicon and the closed word classes that modify valence (negators, intensifiers,
// hedges, contrast and attribution cues). Built by tools/build-sentiment-lexicon from VADER's
// human-rated lexicon; see data/README.md for its source and licence.
//
// File format (UTF-8 text, data/lexicons/sentiment.tsv): a first line "# analyze-sentiment-lexicon 1",
// then comment lines starting with '#' and lines "term<TAB>class<TAB>value", where class is one of
//   valence      value in [-1, 1]: the word's prior polarity and strength
//   negator      value ignored: flips the valence of what follows in its clause ("not", "never")
//   booster      value in [-1, 1]: relative change of the next sentiment word ("very" +, "slightly" -)
//   hedge        value in [0, 1]: factor applied to the rest of the clause ("may", "could")
//   contrast     value ignored: "but", "however": the clause after outweighs the one before
//   attribution  value ignored: reporting verbs ("argue", "claim"): what follows is someone's view
//   reverser     value ignored: acting against ("combat", "curb"): the harm that follows is being fought
// A term may have a valence and one cue class ("no" is negative and a negator).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash_index.h"
#include "analyze/status.h"

namespace analyze {

// The whole of a stance word list (the sentiment lexicon, the idiom list). Errors:
// Error{"bad-model", "<file>: cannot open the <what>"}.
Result<std::string> read_word_list(const std::filesystem::path& file, std::string_view what);

// The next line of a word list that holds data (not blank, not a `#` comment), without its line
// end, taken off the front of `text`; `line_no` counts every line read. False at the end.
bool next_data_line(std::string_view& text, std::size_t& line_no, std::string_view& line);

enum class SentimentCue : std::uint8_t { kNone, kNegator, kBooster, kHedge, kContrast, kAttribution, kReverser };

struct LexiconEntry {
  float valence = 0.0f;  // [-1, 1]
  SentimentCue cue = SentimentCue::kNone;
  float cue_value = 0.0f;  // booster change or hedge factor
};

class SentimentLexicon {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"} when the file is missing or malformed.
  static Result<SentimentLexicon> load(const std::filesystem::path& file);
  // Parses the text of a lexicon file; `name` is used in error messages.
  static Result<SentimentLexicon> parse(std::string_view text, std::string_view name);

  // The entry for `word` (matched case-insensitively on ASCII letters), or nullptr.
  const LexiconEntry* find(std::string_view word) const { return find_hash(lowercase_hash(word)); }
  const LexiconEntry* find_hash(std::uint64_t word_hash) const {
    const std::uint32_t i = index_.find(word_hash);
    return i == HashIndex::kAbsent ? nullptr : &entries_[i];
  }
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<LexiconEntry> entries_;
  HashIndex index_;
};

// The class names used in the file, indexed by SentimentCue (valence is "valence").
std::string_view sentiment_cue_name(SentimentCue cue);

}  // namespace analyze
