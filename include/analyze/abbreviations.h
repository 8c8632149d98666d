// The word lists that sentence segmentation and tokenization rely on, loaded from plain-text files
// in data/ that users can extend (data/abbreviations.txt, data/sentence_starters.txt).
#pragma once

#include <filesystem>
#include <string_view>

#include "analyze/status.h"
#include "analyze/string_set.h"

namespace analyze {

enum class AbbreviationKind : unsigned char {
  kNone,
  kTitle,   // never ends a sentence: "Mr.", "Dr.", "e.g.", "vs."
  kCommon,  // ends a sentence only before a sentence starter: "U.S.", "Inc.", "Jan.", "p.m.", "etc."
};

class Abbreviations {
 public:
  // Reads `<dir>/abbreviations.txt` and `<dir>/sentence_starters.txt`.
  static Result<Abbreviations> load(const std::filesystem::path& dir);

  // `word` includes its final period ("Mr."). Also recognises initials ("J.") and initialisms
  // ("D.C.", "a.m.") that no list names. An ALL-CAPS form matches its listed form ("MR.").
  AbbreviationKind kind(std::string_view word) const;
  // Whether `word` (as written) commonly starts a sentence and rarely follows an abbreviation
  // inside one: "The", "He", "However".
  bool is_sentence_starter(std::string_view word) const;

  void add(std::string_view word, AbbreviationKind kind);
  void add_starter(std::string_view word) { starters_.emplace(word); }

 private:
  StringSet titles_;
  StringSet common_;
  StringSet starters_;
};

}  // namespace analyze
