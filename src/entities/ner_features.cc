#include "entities/ner_features.h"

#include <algorithm>

#include <unicode/uchar.h>

#include "core/utf8.h"

namespace analyze {

namespace {

// Feature families. Values are combined with the family (and a small parameter such as a window
// offset) into one key; renumbering them invalidates trained models.
enum Family : std::uint64_t {
  kBias = 1,
  kLower,
  kForm,
  kShape,
  kLongShape,
  kPrefix,
  kSuffix,
  kLowerAt,
  kShapeAt,
  kShapeTrigram,
  kBigramBefore,
  kBigramAfter,
  kCasingInitial,
  kHeadline,
  kCorpusCapitalised,
  kCorpusFrequency,
  kCorpusCapitalisedAt,
  kDocumentCasing,
  kGazetteer,
  kGazetteerAt,
  kCluster,
  kClusterAt,
  kFirstPassType,
  kFirstPassOutside,
  kFormAt,
  kFirstPassTag,
  kFirstPassAgreement,
  kFirstPassAt,
  kFirstPassEarlier,
};

constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
// Window positions outside the sentence.
constexpr std::uint64_t kBeforeSentence = 0x5354415254ULL;
constexpr std::uint64_t kAfterSentence = 0x454e44ULL;

inline std::uint64_t fnv(std::uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }
inline unsigned char digit_as_zero(unsigned char c) { return c >= '0' && c <= '9' ? '0' : c; }

inline std::uint64_t key(Family family, std::uint64_t parameter, std::uint64_t value) {
  return mix64(value + (family * 0x10001ULL + parameter) * 0x9e3779b97f4a7c15ULL) | 1;  // never 0 (empty)
}

// Character class for shapes: X upper, x lower, d digit, the character itself for ASCII
// punctuation, '*' for any other symbol.
unsigned char shape_class(char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    if (c >= '0' && c <= '9') return 'd';
    return static_cast<unsigned char>(c);
  }
  if (u_isupper(static_cast<UChar32>(c))) return 'X';
  if (u_isalpha(static_cast<UChar32>(c))) return 'x';
  if (u_isdigit(static_cast<UChar32>(c))) return 'd';
  return '*';
}

}  // namespace

NerCasing NerFeatureExtractor::casing(std::string_view form) {
  std::size_t letters = 0, upper = 0;
  bool first_upper = false, rest_has_upper = false;
  for (std::size_t pos = 0; pos < form.size();) {
    const char32_t c = utf8::decode(form, pos);
    const unsigned char k = shape_class(c);
    if (k != 'X' && k != 'x') continue;
    if (k == 'X') {
      ++upper;
      if (letters == 0) first_upper = true;
      else rest_has_upper = true;
    }
    ++letters;
  }
  if (letters == 0) return NerCasing::kNoLetters;
  if (upper == letters) return letters >= 2 ? NerCasing::kAllCaps : NerCasing::kCapitalised;
  if (upper == 0) return NerCasing::kLower;
  if (first_upper && !rest_has_upper) return NerCasing::kCapitalised;
  return NerCasing::kMixed;
}

namespace {

bool starts_upper(NerCasing c) {
  return c == NerCasing::kCapitalised || c == NerCasing::kAllCaps || c == NerCasing::kMixed;
}

// Writes `lower` re-cased as `casing` into `out` (only the first letter changes for kCapitalised).
void recase(std::string_view lower, std::string_view original, NerCasing casing, std::string& out) {
  if (casing == NerCasing::kAllCaps || casing == NerCasing::kMixed || casing == NerCasing::kNoLetters) {
    out.assign(original);
    return;
  }
  out.assign(lower);
  if (casing == NerCasing::kLower || lower.empty()) return;
  std::size_t pos = 0;
  const char32_t first = utf8::decode(lower, pos);
  out.clear();
  utf8::append(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(first))));
  out.append(lower.substr(pos));
}

}  // namespace

std::uint64_t NerFeatureExtractor::word_key(std::string_view lower) {
  std::uint64_t h = kFnvBasis;
  for (const char ch : lower) h = fnv(h, digit_as_zero(static_cast<unsigned char>(ch)));
  return mix64(h) | 1;
}

void NerFeatureExtractor::analyze_token(std::string_view form, TokenInfo& info) {
  // The form: its key, shapes and casing.
  std::uint64_t form_hash = kFnvBasis, shape = kFnvBasis, long_shape = kFnvBasis;
  unsigned char last = 0;
  int run = 0;
  for (std::size_t pos = 0; pos < form.size();) {
    const std::size_t start = pos;
    const char32_t c = utf8::decode(form, pos);
    for (std::size_t b = start; b < pos; ++b) form_hash = fnv(form_hash, digit_as_zero(static_cast<unsigned char>(form[b])));
    const unsigned char k = shape_class(c);
    run = k == last ? run + 1 : 1;
    if (run == 1) shape = fnv(shape, k);
    if (run <= 4) long_shape = fnv(long_shape, k);
    last = k;
  }
  info.form = mix64(form_hash);
  info.shape = mix64(shape);
  info.long_shape = mix64(long_shape);
  info.casing = casing(form);
}

std::uint32_t NerFeatureExtractor::doc_slot(std::uint64_t k) {
  const std::size_t mask = doc_words_.size() - 1;
  for (std::size_t i = k & mask;; i = (i + 1) & mask) {
    if (doc_words_[i].key == k) return static_cast<std::uint32_t>(i);
    if (doc_words_[i].key == 0) {
      doc_words_[i].key = k;
      return static_cast<std::uint32_t>(i);
    }
  }
}

namespace {

// Hashes of the lower-cased word's prefixes and suffixes of up to 4 code points (suffixes from the
// end backwards), built incrementally.
void hash_affixes(std::string_view lower, NerFeatureExtractor::TokenInfo& info) {
  std::size_t count = 0;
  std::uint64_t h = kFnvBasis;
  for (std::size_t pos = 0; pos < lower.size() && count < 4;) {
    const std::size_t start = pos;
    utf8::decode(lower, pos);
    for (std::size_t b = start; b < pos; ++b) h = fnv(h, digit_as_zero(static_cast<unsigned char>(lower[b])));
    info.prefix[count++] = mix64(h) | 1;
  }
  h = kFnvBasis;
  std::size_t back = 0;
  for (std::size_t pos = lower.size(); pos > 0 && back < 4;) {
    const std::size_t end = pos;
    utf8::decode_before(lower, pos);
    for (std::size_t b = end; b > pos; --b) h = fnv(h, digit_as_zero(static_cast<unsigned char>(lower[b - 1])));
    info.suffix[back++] = mix64(h) | 1;
  }
  info.affixes = static_cast<std::uint8_t>(count);
}

void count_up(std::uint16_t& counter) { counter = static_cast<std::uint16_t>(std::min(counter + 1, 0xffff)); }

}  // namespace

void NerFeatureExtractor::analyze(const Document& doc) {
  tokens_.resize(doc.tokens.size());
  std::size_t slots = 16;
  while (slots < doc.tokens.size() * 2 + 2) slots *= 2;
  doc_words_.assign(slots, DocWord{});
  for (const Sentence& s : doc.sentences) {
    if (doc.in_boilerplate(s)) continue;
    const bool headline = analyze_sentence(doc, s);
    count_document_casing(s, headline);
  }
  recase_headlines(doc);
}

bool NerFeatureExtractor::analyze_sentence(const Document& doc, const Sentence& s) {
  bool seen_word = false;
  std::size_t letter_tokens = 0, all_caps = 0, capitalised_or_upper = 0;
  for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
    const Token& token = doc.tokens[t];
    TokenInfo& info = tokens_[t];
    info = TokenInfo{};
    const std::string_view form = doc.form(token);
    utf8::to_lower(form, lower_);
    info.lower = word_key(lower_);
    analyze_token(form, info);
    info.raw_casing = info.casing;
    info.word = model_.lexicon.find(info.lower);
    info.doc_slot = doc_slot(info.lower);
    info.initial = !seen_word;
    if (token.kind == TokenKind::kWord) {
      seen_word = true;
      hash_affixes(lower_, info);
    }
    if (info.casing != NerCasing::kNoLetters) {
      ++letter_tokens;
      all_caps += info.casing == NerCasing::kAllCaps;
      capitalised_or_upper += info.casing == NerCasing::kAllCaps || info.casing == NerCasing::kCapitalised;
    }
  }
  // All capitals (headlines, datelines): the capitals say nothing, so such words are re-cased.
  return all_caps >= 1 && capitalised_or_upper == letter_tokens;
}

void NerFeatureExtractor::count_document_casing(const Sentence& s, bool headline) {
  for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
    TokenInfo& info = tokens_[t];
    info.headline = headline;
    if (headline || info.initial) continue;
    DocWord& w = doc_words_[info.doc_slot];
    if (starts_upper(info.casing)) count_up(w.capitalised);
    if (info.casing == NerCasing::kAllCaps) count_up(w.all_caps);
    if (info.casing == NerCasing::kLower) count_up(w.lower);
  }
}

NerCasing NerFeatureExtractor::headline_casing(const TokenInfo& info) const {
  const DocWord& w = doc_words_[info.doc_slot];
  if (w.capitalised + w.lower > 0)
    return w.lower > w.capitalised        ? NerCasing::kLower
           : 2 * w.all_caps > w.capitalised ? NerCasing::kAllCaps
                                            : NerCasing::kCapitalised;
  return info.word ? info.word->usual_casing : NerCasing::kCapitalised;
}

void NerFeatureExtractor::recase_headlines(const Document& doc) {
  for (const Sentence& s : doc.sentences) {
    if (doc.in_boilerplate(s)) continue;
    for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
      TokenInfo& info = tokens_[t];
      if (!info.headline || info.casing == NerCasing::kNoLetters) continue;
      const NerCasing casing = headline_casing(info);
      if (casing == NerCasing::kAllCaps || casing == NerCasing::kMixed) continue;  // keep as written
      const std::string_view form = doc.form(doc.tokens[t]);
      utf8::to_lower(form, lower_);
      recase(lower_, form, casing, recased_);
      analyze_token(recased_, info);
    }
  }
}

namespace {

// Of counts by O (0) then each entity type (1 + type): the type counted most often, as 1 + type,
// even when O outnumbers it; 0 when no entity type was counted.
template <class Count>
int most_frequent_type(const Count (&counts)[5]) {
  int best = 0;
  for (int k = 1; k < 5; ++k)
    if (counts[k] > counts[best] || (best == 0 && counts[k] > 0)) best = k;
  return best;
}

}  // namespace

std::uint8_t NerFeatureExtractor::earlier_tags(const std::uint16_t (&seen_types)[5]) {
  const int best = most_frequent_type(seen_types);
  if (best > 0) return static_cast<std::uint8_t>(kEarlierType + best - 1);
  return seen_types[0] > 0 ? kOnlyOutside : kNotSeen;
}

void NerFeatureExtractor::collect_first_pass(const Document& doc, const std::uint8_t* first_pass_tags) {
  for (DocWord& w : doc_words_) {
    std::fill(std::begin(w.first_pass), std::end(w.first_pass), 0);
    std::fill(std::begin(w.seen_types), std::end(w.seen_types), 0);
  }
  earlier_.assign(doc.tokens.size(), kNotSeen);
  // One sweep in text order: each token's history is read before its own tag joins it.
  for (const Sentence& s : doc.sentences) {
    if (doc.in_boilerplate(s)) continue;
    for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
      DocWord& w = doc_words_[tokens_[t].doc_slot];
      const int tag = first_pass_tags[t];
      count_up(w.first_pass[tag]);
      earlier_[t] = earlier_tags(w.seen_types);
      count_up(w.seen_types[tag == 0 ? 0 : 1 + static_cast<int>(ner_tag_type(tag))]);
    }
  }
}

namespace {

using TokenInfo = NerFeatureExtractor::TokenInfo;
using Features = std::vector<std::uint64_t>;

// A sentence's analysed tokens, with the window positions outside it as fixed values.
struct SentenceWindow {
  const TokenInfo* tok;
  std::ptrdiff_t n;

  bool inside(std::ptrdiff_t j) const { return j >= 0 && j < n; }
  std::uint64_t lower_at(std::ptrdiff_t j) const { return j < 0 ? kBeforeSentence : j >= n ? kAfterSentence : tok[j].lower; }
  std::uint64_t shape_at(std::ptrdiff_t j) const { return j < 0 ? kBeforeSentence : j >= n ? kAfterSentence : tok[j].shape; }
};

// The word itself: its forms, shapes and affixes.
void add_word_features(const TokenInfo& t, Features& f) {
  f.push_back(key(kBias, 0, 0));
  f.push_back(key(kLower, 0, t.lower));
  f.push_back(key(kForm, 0, t.form));
  f.push_back(key(kShape, 0, t.shape));
  f.push_back(key(kLongShape, 0, t.long_shape));
  for (std::size_t k = 0; k < t.affixes; ++k) {
    f.push_back(key(kPrefix, k, t.prefix[k]));
    f.push_back(key(kSuffix, k, t.suffix[k]));
  }
}

// The +-2 window: neighbouring words, forms and shapes, and word bigrams.
void add_window_features(const SentenceWindow& w, std::ptrdiff_t i, Features& f) {
  const TokenInfo& t = w.tok[i];
  for (const std::ptrdiff_t d : {-2, -1, 1, 2}) f.push_back(key(kLowerAt, static_cast<std::uint64_t>(d + 2), w.lower_at(i + d)));
  if (i > 0) f.push_back(key(kFormAt, 0, w.tok[i - 1].form));
  if (i + 1 < w.n) f.push_back(key(kFormAt, 1, w.tok[i + 1].form));
  f.push_back(key(kShapeAt, 0, w.shape_at(i - 1)));
  f.push_back(key(kShapeAt, 1, w.shape_at(i + 1)));
  f.push_back(key(kShapeTrigram, 0, mix64(w.shape_at(i - 1) ^ mix64(t.shape ^ mix64(w.shape_at(i + 1))))));
  f.push_back(key(kBigramBefore, 0, mix64(w.lower_at(i - 1)) ^ t.lower));
  f.push_back(key(kBigramAfter, 0, mix64(t.lower) ^ w.lower_at(i + 1)));
}

// The word's capitals where it stands, and what the corpus says about its capitals (and its
// neighbours'), for words whose capitals are uninformative here (sentence-initial, headline) as
// much as for the others.
void add_casing_features(const SentenceWindow& w, std::ptrdiff_t i, Features& f) {
  const TokenInfo& t = w.tok[i];
  const std::uint64_t casing = static_cast<std::uint64_t>(t.casing);
  f.push_back(key(kCasingInitial, 0, casing * 2 + t.initial));
  if (t.headline) f.push_back(key(kHeadline, 0, casing * 16 + static_cast<std::uint64_t>(t.raw_casing)));
  if (t.word) {
    const std::uint64_t bucket = t.word->capitalised_bucket;
    f.push_back(key(kCorpusCapitalised, 0, (bucket * 8 + casing) * 4 + t.initial * 2 + t.headline));
    f.push_back(key(kCorpusFrequency, 0, t.word->frequency_bucket * 8 + casing));
  } else {
    f.push_back(key(kCorpusCapitalised, 1, casing * 4 + t.initial * 2 + t.headline));
  }
  for (const std::ptrdiff_t d : {-1, 1}) {
    const std::ptrdiff_t j = i + d;
    if (!w.inside(j) || !w.tok[j].word) continue;
    f.push_back(key(kCorpusCapitalisedAt, static_cast<std::uint64_t>(d + 1),
                    w.tok[j].word->capitalised_bucket * 8 + static_cast<std::uint64_t>(w.tok[j].casing)));
  }
}

// Gazetteers: lists and position of the phrase covering this token, and its neighbours' lists.
void add_gazetteer_features(const SentenceWindow& w, const NerGazetteerMatch* matches, std::ptrdiff_t i, Features& f) {
  const std::uint64_t casing = static_cast<std::uint64_t>(w.tok[i].casing);
  for (std::uint32_t lists = matches[i].lists; lists; lists &= lists - 1) {
    const auto list = static_cast<std::uint64_t>(__builtin_ctz(lists));
    f.push_back(key(kGazetteer, 0, list * 4 + matches[i].position));
    f.push_back(key(kGazetteer, 1, (list * 4 + matches[i].position) * 8 + casing));
  }
  for (const std::ptrdiff_t d : {-1, 1}) {
    const std::ptrdiff_t j = i + d;
    if (!w.inside(j)) continue;
    for (std::uint32_t lists = matches[j].lists; lists; lists &= lists - 1)
      f.push_back(key(kGazetteerAt, static_cast<std::uint64_t>(d + 1), static_cast<std::uint64_t>(__builtin_ctz(lists))));
  }
}

// Word clusters at each granularity; the neighbours' at the middle one.
void add_cluster_features(const SentenceWindow& w, std::ptrdiff_t i, Features& f) {
  const TokenInfo& t = w.tok[i];
  if (t.word)
    for (int k = 0; k < NerWordInfo::kClusterings; ++k)
      if (t.word->clusters[k]) f.push_back(key(kCluster, static_cast<std::uint64_t>(k), t.word->clusters[k]));
  for (const std::ptrdiff_t d : {-1, 1}) {
    const std::ptrdiff_t j = i + d;
    if (!w.inside(j) || !w.tok[j].word || !w.tok[j].word->clusters[1]) continue;
    f.push_back(key(kClusterAt, static_cast<std::uint64_t>(d + 1), w.tok[j].word->clusters[1]));
  }
}

}  // namespace

void NerFeatureExtractor::add_document_casing_feature(const TokenInfo& t, std::vector<std::uint64_t>& f) const {
  if (t.casing == NerCasing::kNoLetters) return;
  const DocWord& w = doc_words_[t.doc_slot];
  const bool counted = !t.initial && !t.headline;
  const int capitalised = w.capitalised - (counted && starts_upper(t.casing));
  const int lower = w.lower - (counted && t.casing == NerCasing::kLower);
  const std::uint64_t casing = static_cast<std::uint64_t>(t.casing);
  f.push_back(key(kDocumentCasing, 0,
                  ((casing * 3 + (capitalised > 0 ? 1 + (capitalised > 1) : 0)) * 3 + (lower > 0 ? 1 + (lower > 1) : 0)) * 2 +
                      (t.initial || t.headline)));
}

void NerFeatureExtractor::local_features(const Document& doc, std::uint32_t s, NerSentenceFeatures& out) {
  const Sentence& sentence = doc.sentences[s];
  const std::size_t n = sentence.token_end - sentence.token_begin;
  const SentenceWindow window{tokens_.data() + sentence.token_begin, static_cast<std::ptrdiff_t>(n)};
  out.features.clear();
  out.offsets.clear();
  out.offsets.push_back(0);

  gazetteer_keys_.resize(n);
  gazetteer_matches_.resize(n);
  for (std::size_t i = 0; i < n; ++i) gazetteer_keys_[i] = window.tok[i].lower;
  model_.gazetteer.match(gazetteer_keys_.data(), n, gazetteer_matches_.data());

  auto& f = out.features;
  for (std::ptrdiff_t i = 0; i < window.n; ++i) {
    add_word_features(window.tok[i], f);
    add_window_features(window, i, f);
    add_casing_features(window, i, f);
    add_document_casing_feature(window.tok[i], f);
    add_gazetteer_features(window, gazetteer_matches_.data(), i, f);
    add_cluster_features(window, i, f);
    out.offsets.push_back(static_cast<std::uint32_t>(f.size()));
  }
}

void NerFeatureExtractor::non_local_features(const Document& doc, std::uint32_t s, const std::uint8_t* first_pass_tags,
                                             NerSentenceFeatures& out) const {
  const Sentence& sentence = doc.sentences[s];
  out.features.clear();
  out.offsets.clear();
  out.offsets.push_back(0);
  auto& f = out.features;
  // The entity type the first pass gave most often to the word's other occurrences: 1 + type, or 0
  // when it never tagged them as an entity.
  const auto usual_type = [&](std::uint32_t t) {
    const TokenInfo& token = tokens_[t];
    if (token.casing == NerCasing::kNoLetters) return 0;
    const DocWord& w = doc_words_[token.doc_slot];
    int counts[5] = {};
    for (int tag = 0; tag < kNerTags; ++tag)
      counts[tag == 0 ? 0 : 1 + static_cast<int>(ner_tag_type(tag))] += w.first_pass[tag] - (tag == first_pass_tags[t]);
    return most_frequent_type(counts);
  };
  for (std::uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) {
    const TokenInfo& token = tokens_[t];
    if (token.casing != NerCasing::kNoLetters) {
      const DocWord& w = doc_words_[token.doc_slot];
      const std::uint64_t context = static_cast<std::uint64_t>(token.casing) * 2 + (token.initial || token.headline);
      const int own_tag = first_pass_tags[t];
      int others[5] = {}, total = 0;
      for (int tag = 0; tag < kNerTags; ++tag) {
        const int n = w.first_pass[tag] - (tag == own_tag);
        if (n <= 0) continue;
        total += n;
        others[tag == 0 ? 0 : 1 + static_cast<int>(ner_tag_type(tag))] += n;
        if (tag != 0) f.push_back(key(kFirstPassTag, 0, static_cast<std::uint64_t>(tag)));  // type and position
      }
      bool any_entity = false;
      for (int k = 1; k < 5; ++k) {
        if (others[k] == 0) continue;
        any_entity = true;
        f.push_back(key(kFirstPassType, static_cast<std::uint64_t>(k), 2 * others[k] >= total));
        f.push_back(key(kFirstPassType, static_cast<std::uint64_t>(k) + 8, context));
      }
      if (!any_entity && total > 0) f.push_back(key(kFirstPassOutside, 0, context));
      // Agreement of this occurrence's first-pass tag with the others', and with the earlier ones'.
      f.push_back(key(kFirstPassAgreement, 0, static_cast<std::uint64_t>(own_tag) * 8 + static_cast<std::uint64_t>(usual_type(t))));
      f.push_back(key(kFirstPassEarlier, 0, static_cast<std::uint64_t>(earlier_[t]) * 16 + context));
      f.push_back(key(kFirstPassEarlier, 1, static_cast<std::uint64_t>(earlier_[t]) * 32 + static_cast<std::uint64_t>(own_tag)));
    }
    for (const int d : {-1, 1}) {
      const std::int64_t j = static_cast<std::int64_t>(t) + d;
      if (j < sentence.token_begin || j >= sentence.token_end) continue;
      if (const int type = usual_type(static_cast<std::uint32_t>(j)); type > 0)
        f.push_back(key(kFirstPassAt, static_cast<std::uint64_t>(d + 1), static_cast<std::uint64_t>(type)));
    }
    out.offsets.push_back(static_cast<std::uint32_t>(f.size()));
  }
}

}  // namespace analyze
