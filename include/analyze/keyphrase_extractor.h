// Keyphrases: the phrases that say what an article is about, found without a part-of-speech
// tagger.
//
// Candidates are runs of words between stop words, punctuation, numbers and possessives, inside
// one sentence; every sub-phrase of one to four words is a candidate. What a word may do at a
// phrase's edge is learned from the background corpus, which stands in for a tagger: a phrase may
// not begin or end with a word that behaves like a verb there (it follows "to", a modal or a
// subject pronoun more often than a determiner, or is an "-ing" form that rarely takes a
// determiner: "tackling", "raises"), nor end with a word that is rarely last in a run of content
// words (modifiers such as "illegal", "human", "Latin"), nor begin or end with an "-ly" adverb.
// Case variants and plurals are merged ("Human rights" = "human right").
//
// Score = count^0.75 (occurrences in the article) x specificity (mean idf of its words against the
// background, unknown words counting as rarest) x 1.4^(words - 1) x (1.5 - first position / 2);
// phrases are taken best first, skipping any that contains or is contained in one already taken.
// The reported score is raw / (raw + the article's median candidate score x 4), in [0, 1).
//
// Background statistics (data/models/keyphrases.bin) are learned by tools/train-topics from the
// topics training texts: per word, its idf, how often it follows a determiner or a verb cue, and how
// often it ends a run of content words. File (little-endian): magic "ANZKEYPH", u32 version,
// u32 documents, u32 word count W, u64 word hash[W] (distinct), f32 idf[W], then u8[W] each for
// the determiner, verb-cue and run-end shares (x255), then u64 FNV-1a checksum of the bytes before.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/document.h"
#include "analyze/hash_index.h"
#include "analyze/status.h"

namespace analyze {

struct KeyphraseWordStats {
  float idf = 0.0f;
  float determiner_share = 0.0f;  // of its occurrences, the share right after a determiner
  float verb_share = 0.0f;        // ... right after "to", a modal, "not" or a subject pronoun
  float end_share = 0.0f;         // ... last in its run of content words
};

class KeyphraseBackground {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"}.
  static Result<KeyphraseBackground> load(const std::filesystem::path& file);
  Status save(const std::filesystem::path& file) const;

  const KeyphraseWordStats* find(std::uint64_t word_hash) const {
    const std::uint32_t i = index_.find(word_hash);
    return i == HashIndex::kAbsent ? nullptr : &stats_[i];
  }
  // The idf of a word never seen in the background.
  float unseen_idf() const { return unseen_idf_; }
  std::size_t size() const { return stats_.size(); }

 private:
  friend class KeyphraseBackgroundBuilder;
  std::uint32_t documents_ = 0;
  float unseen_idf_ = 0.0f;
  std::vector<std::uint64_t> keys_;
  std::vector<KeyphraseWordStats> stats_;
  HashIndex index_;
};

// Counts the background statistics over a corpus, one analysed document at a time.
class KeyphraseBackgroundBuilder {
 public:
  void add(const Document& doc);
  // Words seen in fewer than `min_documents` documents are left out (they count as unseen).
  KeyphraseBackground build(std::uint32_t min_documents) const;

 private:
  struct Counts {
    std::uint32_t documents = 0, occurrences = 0, after_determiner = 0, after_verb_cue = 0, run_end = 0;
  };
  std::uint32_t documents_ = 0;
  std::unordered_map<std::uint64_t, Counts> counts_;
};

struct Keyphrase {
  std::string text;  // the most frequent written form
  double score = 0.0;
  int count = 0;
};

class KeyphraseExtractor {
 public:
  explicit KeyphraseExtractor(KeyphraseBackground background) : background_(std::move(background)) {}
  // Up to `limit` keyphrases of `doc`'s non-boilerplate sentences, best first.
  std::vector<Keyphrase> extract(const Document& doc, std::size_t limit = 10) const;

 private:
  KeyphraseBackground background_;
};

}  // namespace analyze
