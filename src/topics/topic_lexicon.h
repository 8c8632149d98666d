// The user's own taxonomy (--topics-lexicon FILE): topic codes with a label and weighted keywords,
// scored on an article beside the IPTC topics.
//
// File (JSON): an object from code to {"label": string, "keywords": KEYWORDS}, where KEYWORDS is
// an object from keyword to weight (a positive number), or an array of keywords (weight 1):
//   {"acme:cyber": {"label": "Cyber security", "keywords": {"ransomware": 2, "data breach": 1}},
//    "acme:ports": {"label": "Ports", "keywords": ["port", "container ship", "dock workers"]}}
// Keywords match whole words case-insensitively; a phrase matches its words in sequence within a
// sentence ("data breach", "data-breach"). Plurals are not guessed: list "port" and "ports".
//
// Score: with E the weighted keyword hits per 100 words (a text shorter than `min_words`, 100 for
// the user's lexicon, counts as that long), score = 1 - 2^-E, so one weight-1 keyword per 100
// words scores 0.5, two score 0.75.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "core/hash_index.h"
#include "analyze/status.h"
#include "text/terms.h"

namespace analyze {

struct UserTopicScore {
  std::string code;
  std::string label;
  double score = 0.0;                 // [0, 1]
  std::vector<std::string> keywords;  // the keywords found, as the lexicon writes them
};

class TopicLexicon {
 public:
  // Errors: Error{"bad-lexicon", "<file>: <why>"}. When the file has a compiled form beside it
  // (`file` with the extension .bin, written by compile() from exactly this file), that is read
  // instead of parsing the JSON; otherwise, or when it is damaged, the JSON is parsed.
  static Result<TopicLexicon> load(const std::filesystem::path& file, double min_words = 100);
  // Parses `file` and writes its compiled form to `out`. Errors: those of load; Error{"io", ...}.
  static Status compile(const std::filesystem::path& file, const std::filesystem::path& out);
  static Result<TopicLexicon> parse(std::string_view json, std::string_view name, double min_words = 100);

  // Topics with at least one keyword in a document with these terms (the `terms` layer), best first.
  std::vector<UserTopicScore> score(const std::vector<Term>& terms) const;
  // The score of every topic, in the order of code(), for a document with these terms
  // (collect_terms); 0 where no keyword occurs.
  std::vector<double> scores(const std::vector<Term>& terms) const;
  // Whether some keyword may start with the word of this term hash: false means none does (a
  // filter, so true may be wrong about one word in sixteen).
  bool may_start_keyword(std::uint64_t term_hash) const { return in_first_word_filter(extend_phrase_key(0, term_hash)); }
  std::size_t size() const { return topics_.size(); }
  const std::string& code(std::size_t topic) const { return topics_[topic].code; }

 private:
  struct Topic {
    std::string code, label;
  };
  struct Keyword {
    std::string text;
    std::uint32_t topic = 0;
    double weight = 0.0;
  };
  // Scores per topic; `found`, when given, marks the keywords that occurred.
  std::vector<double> evidence(const std::vector<Term>& terms, std::vector<bool>* found) const;
  // Adds a keyword of `topic` whose term hashes are `terms` (at least one), with
  // every proper beginning of it; returns the key of its first word, for the first-word filter.
  std::uint64_t add_keyword(std::string phrase, const std::vector<std::uint64_t>& terms, std::uint32_t topic,
                            double weight);
  bool in_first_word_filter(std::uint64_t key) const {
    const std::uint64_t bit_mask = first_words_.size() * 64 - 1;
    return first_words_[(key >> 32 & bit_mask) / 64] >> (key >> 32 & 63) & 1;
  }
  // Sets the filter's bit of each of these first-word keys.
  void build_first_word_filter(const std::vector<std::uint64_t>& first_keys);
  // The lexicon compiled from JSON text `source`, or nothing when `file` is missing, damaged or
  // compiled from other text.
  static std::optional<TopicLexicon> read_compiled(const std::filesystem::path& file, std::string_view source,
                                                   double min_words);
  Status write_compiled(const std::filesystem::path& file, std::string_view source) const;

  std::vector<Topic> topics_;
  std::vector<Keyword> keywords_;
  // A keyword phrase or a proper beginning of one ("container" of "container ship"), so that one
  // lookup per word answers both whether a keyword ends here and whether one may go on.
  struct Phrase {
    std::uint32_t first_keyword = HashIndex::kAbsent;  // keywords with this phrase chain through next_
    bool continues = false;                           // a longer keyword starts with it
  };
  HashIndex index_;  // phrase key (extend_phrase_key over its term hashes) -> phrases_
  std::vector<Phrase> phrases_;
  // A bit per possible first word (keyed by the high bits of its phrase key): most words start no
  // keyword, and this small filter answers that without touching the index.
  std::vector<std::uint64_t> first_words_;
  std::vector<std::uint32_t> next_;
  std::size_t longest_ = 0;  // terms in the longest phrase
  double min_words_ = 100;
};

}  // namespace analyze
