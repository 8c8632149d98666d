// Phrase lists (countries, given names, ...) matched over tokens for the tagger's gazetteer
// features. Phrases are stored as hashes of their tokens' lower-cased forms, so matching needs no
// strings: the longest phrase starting at a token wins, left to right, without overlaps.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/hash_index.h"

namespace analyze {

struct NerGazetteerMatch {
  std::uint32_t lists = 0;  // bit i: the phrase covering this token is in list i; 0: no match
  std::uint8_t position = 0;  // NerTagPosition of the token inside the phrase (B, I, L or U)
};

class NerGazetteer {
 public:
  static constexpr std::size_t kMaxLists = 32;
  static constexpr std::size_t kMaxPhraseTokens = 8;

  // Index of the list called `name`, created on first use; kMaxLists when there are too many.
  std::size_t list(const std::string& name);
  const std::vector<std::string>& list_names() const { return names_; }

  // Adds a phrase given by its tokens' keys (NerFeatureExtractor::word_key of the lower form).
  // Phrases longer than kMaxPhraseTokens are ignored.
  void add(const std::uint64_t* token_keys, std::size_t n, std::size_t list);

  // Fills matches[0..n) for a sentence's token keys.
  void match(const std::uint64_t* token_keys, std::size_t n, NerGazetteerMatch* matches) const;

  std::size_t phrases() const { return phrases_; }

  // Serialisation (ner_model.cc): entries are (key of a phrase prefix, lists bits, prefix flag).
  struct Entry {
    std::uint32_t lists = 0;   // lists holding exactly this phrase
    std::uint32_t longer = 0;  // 1 when a longer phrase starts with this one
  };
  const std::vector<std::uint64_t>& keys() const { return keys_; }
  const std::vector<Entry>& entries() const { return entries_; }
  // False when keys repeat or sizes differ.
  bool assign(std::vector<std::string> names, std::vector<std::uint64_t> keys, std::vector<Entry> entries);

 private:
  static std::uint64_t extend(std::uint64_t prefix_key, std::uint64_t token_key) {
    return mix64(prefix_key * 0x9e3779b97f4a7c15ULL + token_key) | 1;  // never 0
  }

  std::vector<std::string> names_;
  std::vector<std::uint64_t> keys_;
  std::vector<Entry> entries_;
  HashIndex index_;
  std::size_t phrases_ = 0;
};

}  // namespace analyze
