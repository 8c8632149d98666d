// The word lists that sentence segmentation and tokenization rely on, loaded from plain-text files
// in data/ that users can extend (data/abbreviations.txt, data/sentence_starters.txt,
// data/speech_verbs.txt; data/sentence_starters_learned.txt is made by
// tools/build-sentence-starters.py).
#pragma once

#include <filesystem>
#include <string_view>

#include "analyze/status.h"
#include "core/string_set.h"

namespace analyze {

enum class AbbreviationKind : unsigned char {
  kNone,
  kTitle,         // never ends a sentence: "Mr.", "Dr.", "e.g.", "vs."
  kBeforeNumber,  // never ends a sentence before a number, otherwise does: "No. 5", "Vol. 2", "pp. 3-9"
  kCommon,        // ends a sentence only before a sentence starter: "U.S.", "Inc.", "Jan.", "etc.", "Yahoo!"
  kTime,          // ends a sentence before a capitalised word that continues no time: "a.m.", "p.m."
};

class Abbreviations {
 public:
  // Reads `<dir>/abbreviations.txt`, `<dir>/sentence_starters.txt`,
  // `<dir>/sentence_starters_learned.txt` and `<dir>/speech_verbs.txt`.
  static Result<Abbreviations> load(const std::filesystem::path& dir);

  // `word` includes its final period ("Mr."), or the "!" of a listed name ("Yahoo!"). Also
  // recognises initials ("J.", "c.") and dotted abbreviations ("D.C.", "a.m.", "M.Sc.") that no
  // list names, as kCommon. An ALL-CAPS form matches its listed form ("MR.").
  AbbreviationKind kind(std::string_view word) const;
  // kind(word), or for a word in lower case the kind of its capitalised form: "co." as "Co.".
  AbbreviationKind kind_any_case(std::string_view word) const;
  // Whether `word` (as written) commonly starts a sentence and rarely follows an abbreviation
  // inside one: "The", "He", "However".
  bool is_sentence_starter(std::string_view word) const;
  // Whether `word` (lower case) reports speech after a quotation: "said", "asked", "shouted".
  bool is_speech_verb(std::string_view word) const { return speech_verbs_.contains(word); }

 private:
  StringMap<AbbreviationKind> kinds_;
  StringSet starters_;
  StringSet speech_verbs_;
};

}  // namespace analyze
