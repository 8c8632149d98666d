// The tagger's features (after Ratinov & Roth 2009), as 64-bit hashes: the word and its lower-cased
// form, shapes, affixes, a +-2 window, capitalisation (sentence-initial, all-caps headlines re-cased
// from the document and the lexicon), how the corpus and the document capitalise the word, word
// clusters, gazetteer matches, and, in the second pass, how the first pass tagged the same word
// elsewhere in the article and earlier in it.
//
// One extractor serves one document at a time: analyze() does the per-token work once, then
// local_features() and non_local_features() are called per sentence. Buffers are reused, so a warm
// extractor does not allocate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "entities/ner_model.h"

namespace analyze {

// Features of a sentence's tokens: token i has features[offsets[i] .. offsets[i + 1]).
struct NerSentenceFeatures {
  std::vector<std::uint64_t> features;
  std::vector<std::uint32_t> offsets;
  std::size_t tokens() const { return offsets.empty() ? 0 : offsets.size() - 1; }
};

class NerFeatureExtractor {
 public:
  explicit NerFeatureExtractor(const NerModel& model) : model_(model) {}

  // Key of a lower-cased word (ASCII digits read as 0): lexicon, gazetteer and feature values.
  static std::uint64_t word_key(std::string_view lower);
  // Casing of a form: "paris" kLower, "Paris" kCapitalised, "NATO"/"U.S." kAllCaps, "McDonald" kMixed.
  static NerCasing casing(std::string_view form);

  // Per-token analysis and document statistics for every sentence not in boilerplate.
  void analyze(const Document& doc);

  // The first pass's features of sentence `s` of the analysed document.
  void local_features(const Document& doc, std::uint32_t s, NerSentenceFeatures& out);

  // After the first pass: counts its tags (one per document token) per word of the document.
  void collect_first_pass(const Document& doc, const std::uint8_t* first_pass_tags);
  // The second pass's extra features of sentence `s`: how the first pass tagged the same word
  // elsewhere in the article (collect_first_pass first).
  void non_local_features(const Document& doc, std::uint32_t s, const std::uint8_t* first_pass_tags,
                          NerSentenceFeatures& out) const;

  // What analyze() found about a token.
  struct TokenInfo {
    std::uint64_t lower = 0;  // word_key of the lower-cased form
    std::uint64_t form = 0;   // key of the form as cased (re-cased in all-caps headlines)
    std::uint64_t shape = 0;  // runs collapsed: "Xx", "X.X.", "d-d"
    std::uint64_t long_shape = 0;  // runs capped at 4: "Xxxxx", "dddd"
    std::uint64_t prefix[4] = {};
    std::uint64_t suffix[4] = {};
    std::uint32_t doc_slot = 0;  // this word's slot in the document statistics
    NerCasing casing = NerCasing::kNoLetters;  // after re-casing
    NerCasing raw_casing = NerCasing::kNoLetters;
    bool initial = false;   // no word before it in the sentence
    bool headline = false;  // the sentence is all capitals
    std::uint8_t affixes = 0;  // prefixes/suffixes filled (0 for non-words)
    const NerWordInfo* word = nullptr;
  };
  const TokenInfo& token(std::uint32_t t) const { return tokens_[t]; }

 private:
  // Per distinct lower-cased word of the document.
  struct DocWord {
    std::uint64_t key = 0;
    std::uint16_t capitalised = 0;  // capitalised where capitals say something (not initial/headline)
    std::uint16_t all_caps = 0;     // of which all capitals ("NATO", "U.S.")
    std::uint16_t lower = 0;        // starting with a lower-case letter
    std::uint16_t first_pass[kNerTags] = {};  // first-pass tags of its occurrences
    std::uint16_t seen_types[5] = {};         // running count while sweeping: O, then each type
  };
  // What the first pass said of a word's earlier occurrences (Ratinov & Roth's extended prediction
  // history): kNotSeen, kOnlyOutside, or kEarlierType + the type most of them got.
  enum EarlierTags : std::uint8_t { kNotSeen = 0, kOnlyOutside = 1, kEarlierType = 2 };
  static std::uint8_t earlier_tags(const std::uint16_t (&seen_types)[5]);

  // analyze()'s phases: per-token analysis of a sentence (returns whether it is all capitals),
  // the document's casing counts, then re-casing of all-caps lines from them.
  bool analyze_sentence(const Document& doc, const Sentence& s);
  void count_document_casing(const Sentence& s, bool headline);
  void recase_headlines(const Document& doc);
  // How a word in an all-caps line is re-cased: as the article writes it elsewhere, else as the
  // corpus usually does, else (an unknown word) as a name.
  NerCasing headline_casing(const TokenInfo& info) const;
  void analyze_token(std::string_view form, TokenInfo& info);
  std::uint32_t doc_slot(std::uint64_t key);
  // How the article itself capitalises the word elsewhere.
  void add_document_casing_feature(const TokenInfo& t, std::vector<std::uint64_t>& f) const;

  const NerModel& model_;
  std::vector<TokenInfo> tokens_;  // by document token index
  std::vector<std::uint8_t> earlier_;  // EarlierTags by document token index (collect_first_pass)
  std::vector<DocWord> doc_words_;  // open addressing by key
  std::vector<std::uint64_t> gazetteer_keys_;
  std::vector<NerGazetteerMatch> gazetteer_matches_;
  std::string lower_;
  std::string recased_;
};

}  // namespace analyze
