// The words that topic models, user lexicons and keyphrase statistics are built from: each word
// token of an article's non-boilerplate sentences, case-folded and hashed, so the models never
// compare strings at run time and the trainer sees exactly what the stages see.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "core/hash_index.h"

namespace analyze {

struct Term {
  std::uint64_t hash = 0;     // term_hash() of the token's form
  std::uint32_t token = 0;    // index into Document::tokens
  bool follows_term = false;  // the previous term is the word just before it in the same sentence
};

// Key of a phrase from its terms' hashes, extended one term at a time from 0 (the topic lexicon's
// keywords, the keyphrase candidates).
inline std::uint64_t extend_phrase_key(std::uint64_t key, std::uint64_t term) {
  return mix64(key ^ (term + 0x9e3779b97f4a7c15ULL));
}

// Hash of a word after full Unicode lower-casing (ASCII words take an allocation-free path).
// `buffer` is scratch space for non-ASCII words.
std::uint64_t term_hash(std::string_view word, std::string& buffer);

// Appends the terms of `doc`'s non-boilerplate sentences in text order. A hyphen written without
// spaces ("socio-economic") keeps its two sides adjacent; other punctuation and numbers separate.
void collect_terms(const Document& doc, std::vector<Term>& out);

// Layer `terms` (the `terms` stage): the terms of the article (collect_terms), collected once for
// the stages that read them (topics, keyphrases).
struct TermLayer {
  std::vector<Term> terms;
};

// A keyword phrase from a lexicon as term hashes, split the way the tokenizer splits text: at
// whitespace and hyphens, with outer punctuation and a possessive "'s" dropped.
std::vector<std::uint64_t> phrase_term_hashes(std::string_view phrase);

}  // namespace analyze
