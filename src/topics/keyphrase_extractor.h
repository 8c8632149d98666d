// Keyphrases: the phrases that say what an article is about, found without a part-of-speech
// tagger.
//
// Candidates are runs of words between stop words, punctuation, numbers and possessives, inside
// one sentence; every sub-phrase of one to four words is a candidate. What a word may do in a
// phrase is learned from a background corpus, which stands in for a tagger:
//  - a word that behaves like a verb there (it follows "to", a modal or a subject pronoun more
//    often than a determiner, or is an "-ing" form that rarely takes one: "tackling", "raises")
//    may not end a phrase, and a phrase holding one must occur twice: "organized crime" repeated
//    is a name for something, "crews used helicopters" once is a clause;
//  - a word rarely last in a run of content words (a modifier: "illegal", "human", "Latin"), a
//    word often used as adjectives are, after "is" or "very" or before "than" ("unacceptable",
//    "keen", "lower"), an "-ed" form or an "-ly" adverb may not end a phrase; an "-ly" adverb may
//    not begin one.
// A word the background never saw is judged by the article the same way: one that follows a modal,
// a pronoun or "to" (unless it looks plural) more often than a determiner is a verb ("to conceal"),
// and one after "so" or "very" an adjective; no phrase ends with it anywhere in the article.
// Capitalised words inside a sentence (names) are exempt, unless the sentence is in title case.
// Case variants and plurals are merged ("Human rights" = "human right", "viruses" = "virus",
// "women" = "woman"). A number, an amount or a year ("3.25bn", "2011") ends a run and is part of no
// phrase. A lower-case word alone that more than one background article in twenty holds ("time",
// "year": idf below 3) is generic and no keyphrase: the stop list of generic nouns is learned from
// the background counts (of at least 1,000 articles; fewer cannot tell).
//
// When the entities stage has run, a person's name starts a new phrase: the words before it are a
// title ("Chief Executive | Ingrid Solberg"), and a phrase found only in titles is dropped ("Sen.").
// A phrase that runs on past a name ("Lukas Brandt midway") must occur twice, like one with a
// verb-like word ("Trump administration" recurs). A person is reported as the article writes them
// most often ("Schmidt" after one "Eric Schmidt"), as readers name them; a phrase that only names an
// organisation whose full name the article writes twice is reported under that full name ("Royal
// College of Nursing").
// A phrase found only in a title-case headline is dropped when the text has more than the headline:
// capitals there do not show where names end ("Data Center Demand Soars"), nor which word is a verb. A
// date word (a day or month name, "week", "year", "night") begins no phrase. Wire datelines and credits
// ("WASHINGTON (Reuters) -", "(AP)", dateline.h) are skipped.
//
// Score = count^1.1 (occurrences in the article) x specificity (mean idf of its words against the
// background, unseen words counting as rarest) x 1.4^(words - 1) x (1.5 - first position / 2); the
// exponent is tuned on KPCrowd's training articles (docs/ACCURACY.md), where readers name what an
// article repeats.
// A phrase that accounts for more than half the occurrences of one of its parts absorbs it ("Nayib"
// in "Nayib Bukele", "crime" in "organized crime"): the part is not reported and the phrase ranks
// at least as high. Phrases are taken best first, skipping any that contains, is contained in or
// shares two words in a row with one already taken. The reported score is raw / (raw + 4 x the
// article's median candidate score), in [0, 1).
//
// Background statistics (data/models/keyphrases.bin) are learned by tools/train-topics from the
// topics training texts: per word seen in at least 10 of them, its idf, how often it follows a
// determiner or a verb cue, how often it is used like an adjective (right after a copula or a degree
// word, or right before "than"), and how often it ends a run of content words. File (model_file.h;
// magic "ANZKEYPH", version 4): u32 documents, u32 word count W, u64 word hash[W] (distinct), f32
// idf[W], then u8[W] each for the determiner, verb-cue, run-end and adjective shares (x255).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/document.h"
#include "core/hash_index.h"
#include "analyze/status.h"
#include "text/terms.h"

namespace analyze {

// The shares are kept in a byte each (x255, as the file stores them; the adjective share in 7 bits,
// x127), so that the lookup table holds a word in 16 bytes and stays in the cache beside the topic
// model.
struct KeyphraseWordStats {
  float idf = 0.0f;
  std::uint8_t determiner = 0;  // of its occurrences, the share right after a determiner (x255)
  std::uint8_t verb = 0;        // ... right after "to", a modal, "not" or a subject pronoun
  std::uint8_t end = 0;         // ... last in its run of content words
  std::uint8_t adjective : 7 = 0;  // ... right after a form of "be" or a degree word ("is", "very"), or
                                   // right before "than" (x127)
  bool stop : 1 = false;           // a stop word (the built-in list, not stored in the file)

  float determiner_share() const { return determiner / 255.0f; }
  float verb_share() const { return verb / 255.0f; }
  float end_share() const { return end / 255.0f; }
  float adjective_share() const { return adjective / 127.0f; }
};

class KeyphraseBackground {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"}.
  static Result<KeyphraseBackground> load(const std::filesystem::path& file);
  Status save(const std::filesystem::path& file) const;

  // The statistics of a word by its term_hash(), or nullptr when the background never saw it.
  const KeyphraseWordStats* find(std::uint64_t word_hash) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = word_hash & mask_; slots_[i].stats.idf >= 0; i = (i + 1) & mask_)
      if (slots_[i].key == word_hash) return &slots_[i].stats;
    return nullptr;
  }
  // Starts loading the cache line find(word_hash) reads first.
  void prefetch(std::uint64_t word_hash) const { __builtin_prefetch(slots_.data() + (word_hash & mask_)); }
  // The idf of a word never seen in the background.
  float unseen_idf() const { return unseen_idf_; }
  std::size_t size() const { return keys_.size(); }  // words counted, stop words aside
  std::uint32_t documents() const { return documents_; }  // the background's articles

 private:
  friend class KeyphraseBackgroundBuilder;
  // The statistics inline beside their key, so a lookup is one cache miss, not two.
  struct Slot {
    std::uint64_t key = 0;
    KeyphraseWordStats stats{-1.0f};  // a negative idf marks an empty slot
  };
  static_assert(sizeof(Slot) == 16, "four words to a cache line");
  // An empty table with room for `words` words.
  void reserve(std::size_t words);
  // Adds a word unless it is present; returns whether it was added.
  bool insert(std::uint64_t word_hash, const KeyphraseWordStats& stats);
  // Adds the stop words to the lookup table, so one lookup per word answers both questions.
  void add_stop_words();
  std::uint32_t documents_ = 0;
  float unseen_idf_ = 0.0f;
  std::vector<std::uint64_t> keys_;  // the counted words, in file order
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// Counts the background statistics over a corpus, one analysed document at a time.
class KeyphraseBackgroundBuilder {
 public:
  void add(const Document& doc);
  // Words seen in fewer than `min_documents` documents are left out (they count as unseen).
  KeyphraseBackground build(std::uint32_t min_documents) const;

 private:
  struct Counts {
    std::uint32_t documents = 0, occurrences = 0, after_determiner = 0, after_verb_cue = 0, adjective_uses = 0,
                  run_end = 0;
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
  // Up to `limit` keyphrases of `doc`'s non-boilerplate sentences, best first; `terms` are the
  // document's terms (the `terms` layer). Uses `doc`'s EntityLayer, if it has one, for person names.
  std::vector<Keyphrase> extract(const Document& doc, const std::vector<Term>& terms, std::size_t limit = 10) const;

 private:
  KeyphraseBackground background_;
};

}  // namespace analyze
