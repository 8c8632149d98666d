// Word lists that make a sentence's words say something of a particular participant rather than
// of the sentence as a whole: verbs that judge their subject and their object differently ("beat",
// "funded", "criticised"), the finance idiom of measures that go up or down ("shares dropped",
// "hit profit growth"), fixed phrases whose words mislead one by one ("killer app"), and the
// auxiliaries that make a verb passive ("was beaten by"). Read by the sentiment rules
// (sentiment_rules.h); written by hand, see data/README.md.
//
// File format (UTF-8 text, data/lexicons/stance-idioms.tsv): a first line
// "# analyze-stance-idioms 1", then comment lines starting with '#' and lines
// "term<TAB>class<TAB>value[<TAB>value]", where class is one of
//   role       two values in [-1, 1]: what the verb says of its agent, then of its patient
//   measure    +1 or -1: a quantity that is good (+1: profit, sales) or bad (-1: losses, debt) to grow
//   change     +1 or -1: a word that makes a measure grow (rose, jumped) or shrink (fell, hit)
//   phrase     value in [-1, 1]: the valence of the whole phrase; its term is several words
//   auxiliary  value ignored: a form of "be" or "get" that makes the next verb passive
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "analyze/status.h"
#include "core/hash_index.h"

namespace analyze {

struct IdiomEntry {
  float agent = 0.0f;    // role verbs: what it says of its subject (or of the agent of its passive)
  float patient = 0.0f;  // ...and of its object (or of the subject of its passive)
  float measure = 0.0f;  // +1, -1, or 0 when not a measure
  float change = 0.0f;   // +1, -1, or 0 when not a change
  bool role = false;
  bool auxiliary = false;
  std::vector<std::uint32_t> phrases;  // indexes of the phrases that begin with this word
};

struct IdiomPhrase {
  std::vector<std::uint64_t> words;  // lowercase_hash of each word, the first included
  float valence = 0.0f;
};

class StanceIdioms {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"} when the file is missing or malformed.
  static Result<StanceIdioms> load(const std::filesystem::path& file);
  // Parses the text of an idiom file; `name` is used in error messages.
  static Result<StanceIdioms> parse(std::string_view text, std::string_view name);

  const IdiomEntry* find_hash(std::uint64_t word_hash) const {
    const std::uint32_t i = index_.find(word_hash);
    return i == HashIndex::kAbsent ? nullptr : &entries_[i];
  }
  const IdiomPhrase& phrase(std::uint32_t i) const { return phrases_[i]; }
  std::size_t size() const { return entries_.size(); }

 private:
  IdiomEntry& entry(std::uint64_t word_hash);

  std::vector<IdiomEntry> entries_;
  std::vector<IdiomPhrase> phrases_;
  HashIndex index_;
};

}  // namespace analyze
