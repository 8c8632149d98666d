#include "topics/keyphrase_extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "text/dateline.h"
#include "analyze/date.h"
#include "analyze/entity.h"
#include "analyze/quantity.h"
#include "core/model_file.h"
#include "text/headline.h"
#include "text/terms.h"
#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::string_view kMagic = "ANZKEYPH";
constexpr std::uint32_t kVersion = 4;
constexpr std::size_t kMaxWords = 4;

// Closed word classes. Stop words end candidate runs; determiners, verb cues, copulas and "than" are
// the contexts the background counts to tell noun-like words from verb-like and adjective-like ones.
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "according", "across", "after", "again", "against", "ago", "all", "almost", "along",
    "already", "also", "although", "always", "am", "amid", "among", "an", "and", "another", "any", "anyone",
    "anything", "are", "around", "as", "at", "away", "back", "be", "became", "because", "become", "been", "before",
    "behind", "being", "below", "between", "billion", "billions", "both", "but", "by", "can", "cannot", "cent",
    "cents", "could", "did", "do", "does", "doing", "done", "down", "dozen", "dozens", "during", "each", "eight",
    "either", "else", "enough", "even", "ever", "every", "few", "first", "five", "for", "four", "from", "further",
    "get", "gets", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "however", "hundred", "hundreds", "i", "if", "in", "including", "into", "is", "it", "its",
    "itself", "just", "last", "least", "less", "like", "made", "make", "makes", "many", "may", "me", "might",
    "million", "millions", "more", "most", "mr", "mrs", "ms", "much", "must", "my", "myself", "neither", "never",
    "next", "nine", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "onto", "or",
    "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per", "percent", "perhaps",
    "quite", "rather", "really", "said", "same", "say", "saying", "says", "second", "see", "seven", "several",
    "shall", "she", "should", "since", "six", "so", "some", "someone", "something", "still", "such", "take",
    "takes", "ten", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "third", "this", "those", "though", "thousand", "thousands", "three", "through", "throughout", "thus",
    "to", "today", "told", "tomorrow", "tonight", "too", "toward", "towards", "trillion", "trillions", "two",
    "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
    "would", "yesterday", "yet", "you", "your", "yours", "yourself", "yourselves"};
constexpr std::string_view kDeterminers[] = {"the", "a", "an", "this", "these", "those", "its", "their", "his", "her",
                                             "our", "my", "your", "every", "each", "another"};
// Verb cues: what follows them is mostly a verb. A modal, "not" or a subject pronoun is followed by
// nothing else; "to" and "have" are followed by nouns too ("to court", "have headaches").
constexpr std::string_view kStrongVerbCues[] = {"will", "would", "can", "could", "should", "may", "might", "must",
                                                "shall", "not", "cannot", "he", "she", "they", "we", "i", "who"};
constexpr std::string_view kWeakVerbCues[] = {"to", "has", "have", "had", "it"};
// Copulas, forms of "be" and degree words: what follows them is mostly an adjective ("is
// unacceptable", "very keen"), seldom a noun; after a degree word, hardly ever.
constexpr std::string_view kDegreeWords[] = {"so", "too", "very", "quite", "really"};
constexpr std::string_view kBeForms[] = {"am", "are", "be", "been", "being", "is", "was", "were", "became", "become"};

enum WordClass : std::uint8_t {
  kContent = 0,
  kStop = 1,
  kDeterminer = 2 | kStop,
  kVerbCue = 4 | kStop,
  kCopula = 8 | kStop,
  kStrongVerbCue = 16 | kVerbCue,
  kDegreeWord = 32 | kCopula,
  kThan = 64 | kStop  // what comes right before it is mostly a comparative ("lower than")
};

// Stop words, determiners, verb cues, copulas and "than" by their term hash.
class ClosedClasses {
 public:
  ClosedClasses() {
    std::string buffer;
    auto add = [&](std::string_view w, std::uint8_t c) {
      const std::uint64_t h = term_hash(w, buffer);
      const std::uint32_t i = index_.insert(h, static_cast<std::uint32_t>(classes_.size()));
      if (i == classes_.size()) classes_.push_back(0);
      classes_[i] |= c;
    };
    for (auto w : kStopWords) add(w, kStop);
    for (auto w : kDeterminers) add(w, kDeterminer);
    for (auto w : kStrongVerbCues) add(w, kStrongVerbCue);
    for (auto w : kWeakVerbCues) add(w, kVerbCue);
    for (auto w : kDegreeWords) add(w, kDegreeWord);
    for (auto w : kBeForms) add(w, kCopula);
    add("than", kThan);
  }
  std::uint8_t of(std::uint64_t hash) const {
    const std::uint32_t i = index_.find(hash);
    return i == HashIndex::kAbsent ? std::uint8_t{kContent} : classes_[i];
  }

 private:
  HashIndex index_;
  std::vector<std::uint8_t> classes_;
};

const ClosedClasses& closed_classes() {
  static const ClosedClasses classes;
  return classes;
}

// A word that dates an event ("on Thursday", "in April", "Sept.", "last year") begins no phrase; it may end
// one ("Black Friday", "fiscal year"). ("May" is a stop word already.)
bool is_date_word(std::uint64_t hash) {
  static constexpr std::string_view kDateWords[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
      "april", "june", "july", "august", "september", "october", "november", "december", "day", "days", "week",
      "weeks", "weekend", "weekends", "month", "months", "year", "years", "decade", "decades", "morning", "afternoon",
      "evening", "night", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "sept", "oct.",
      "nov.", "dec.", "mon.", "tue.", "tues.", "wed.", "thu.", "thur.", "thurs.", "fri.", "sat.", "sun."};
  static const auto hashes = [] {
    std::array<std::uint64_t, std::size(kDateWords)> h{};
    std::string buffer;
    for (std::size_t i = 0; i < h.size(); ++i) h[i] = term_hash(kDateWords[i], buffer);
    return h;
  }();
  return std::find(hashes.begin(), hashes.end(), hash) != hashes.end();
}

// Whether `w` is longer than a lower-case `suffix` and ends with it, ASCII letters in any case
// (setting bit 5 lower-cases an ASCII letter and turns no other byte into one), so an ASCII word
// need not be lower-cased first.
template <std::size_t N>
bool ends_with(std::string_view w, const char (&suffix)[N]) {
  constexpr std::size_t n = N - 1;
  if (w.size() <= n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if ((w[w.size() - n + i] | 0x20) != suffix[i]) return false;
  return true;
}

// The hash of the singular of an irregular plural ("women" -> "woman", "crises" -> "crisis"), by the
// plural's term hash; 0 for any other word.
std::uint64_t irregular_singular_hash(std::uint64_t hash) {
  static constexpr std::string_view kPlurals[][2] = {
      {"men", "man"},           {"women", "woman"},         {"children", "child"},   {"people", "person"},
      {"mice", "mouse"},        {"feet", "foot"},           {"teeth", "tooth"},      {"geese", "goose"},
      {"crises", "crisis"},     {"analyses", "analysis"},   {"theses", "thesis"},    {"diagnoses", "diagnosis"},
      {"criteria", "criterion"}, {"phenomena", "phenomenon"}, {"lives", "life"},      {"wives", "wife"},
      {"knives", "knife"},         {"wolves", "wolf"},      {"halves", "half"},
      {"shelves", "shelf"},     {"thieves", "thief"},       {"loaves", "loaf"},      {"calves", "calf"},
      {"selves", "self"},       {"oases", "oasis"},        {"indices", "index"},
      {"appendices", "appendix"}, {"fungi", "fungus"},      {"cacti", "cactus"},     {"nuclei", "nucleus"},
      {"stimuli", "stimulus"},  {"alumni", "alumnus"},      {"bacteria", "bacterium"}};
  static const auto table = [] {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> t;
    std::string buffer;
    for (const auto& [plural, singular] : kPlurals) t.emplace_back(term_hash(plural, buffer), term_hash(singular, buffer));
    std::sort(t.begin(), t.end());
    return t;
  }();
  const auto it = std::lower_bound(table.begin(), table.end(), std::make_pair(hash, std::uint64_t{0}));
  return it != table.end() && it->first == hash ? it->second : 0;
}

// Hash of the singular of a word whose term_hash() is `hash`, for merging plurals ("rights" ->
// "right", "countries" -> "country"; "crisis", "news" are left alone): a word that is not a plural
// keeps its term hash. `w` is ASCII in any case or lower-cased; `buffer` is scratch space.
std::uint64_t singular_hash(std::string_view w, std::uint64_t hash, std::string& buffer) {
  if (const std::uint64_t irregular = irregular_singular_hash(hash)) return irregular;
  if (w.size() <= 3 || !utf8::is_ascii(w)) return hash;
  if (ends_with(w, "uses") && w.size() > 5) return lowercase_hash(w.substr(0, w.size() - 2));  // "viruses", "bonuses"
  if (ends_with(w, "ies") && w.size() > 4) {
    buffer.assign(w.substr(0, w.size() - 3));
    buffer += 'y';
    return lowercase_hash(buffer);
  }
  if (ends_with(w, "sses") || ends_with(w, "ches") || ends_with(w, "shes") || ends_with(w, "xes"))
    return lowercase_hash(w.substr(0, w.size() - 2));
  if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is") && !ends_with(w, "news"))
    return lowercase_hash(w.substr(0, w.size() - 1));
  return hash;
}

// count^1.1 without a call to pow for the counts articles have: readers name what an article
// repeats, more than in proportion to how often it repeats it.
double boosted_count(std::uint32_t count) {
  static const auto table = [] {
    std::array<double, 64> t{};
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = std::pow(static_cast<double>(i), 1.1);
    return t;
  }();
  return count < table.size() ? table[count] : std::pow(static_cast<double>(count), 1.1);
}

// A lower-case word alone is generic when more than one background article in twenty holds it
// (idf = ln(N / df) below 3): the stop list of generic nouns the background counts give.
constexpr float kGenericIdf = 3.0f;
constexpr std::uint32_t kGenericMinDocuments = 1000;  // a smaller background cannot tell

// A word of the current run of content words.
struct RunWord {
  std::uint32_t token = 0;
  std::uint64_t key = 0;  // hash of its lower-cased singular
  float idf = 0.0f;
  bool can_start = true;
  bool can_end = true;
  bool verb_like = false;  // behaves like a verb in the background corpus
  bool follows_name = false;  // the word right after a person's name ("Brandt | midway")
  bool in_headline = false;  // in the article's headline, written in title case (title_case_headline)
};

struct Candidate {
  std::array<std::uint64_t, kMaxWords> words{};  // word keys, for containment checks
  std::uint8_t length = 0;
  std::uint32_t count = 0;
  std::uint32_t first_token = 0;
  float specificity = 0.0f;
  std::uint32_t last_occurrence = HashIndex::kAbsent;  // newest occurrence; older ones are chained
  double score = 0.0;
  // In every occurrence, it holds a verb-like word or runs on past a person's name: a phrase only
  // if the article repeats it.
  bool tentative = false;
  bool title_only = false;  // every occurrence is in the title before a person's name
  // Every occurrence is in a headline written in title case, where capitals do not show where
  // names end.
  bool headline_only = false;
  bool rejected = false;  // not a phrase after all (see the ranking), so it absorbs nothing either
  bool absorbed = false;  // part of a longer phrase that stands for it
  bool capitalised = true;  // every occurrence starts with a capital letter
};

struct Occurrence {
  std::uint32_t begin = 0, end = 0;  // byte span in the text
  std::uint32_t previous = HashIndex::kAbsent;
};

bool contains(const Candidate& outer, const Candidate& inner) {
  for (std::size_t s = 0; s + inner.length <= outer.length; ++s)
    if (std::equal(inner.words.begin(), inner.words.begin() + inner.length, outer.words.begin() + s)) return true;
  return false;
}

// Whether two phrases say the same thing: one contains the other, or they share two words in a
// row ("Civil Protection chief Marco" and "Protection chief Marco Bellini").
bool overlaps(const Candidate& a, const Candidate& b) {
  if (contains(a, b) || contains(b, a)) return true;
  for (std::size_t i = 0; i + 1 < a.length; ++i)
    for (std::size_t j = 0; j + 1 < b.length; ++j)
      if (a.words[i] == b.words[j] && a.words[i + 1] == b.words[j + 1]) return true;
  return false;
}

std::size_t capitals(std::string_view w) {
  return static_cast<std::size_t>(std::count_if(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
}

// A phrase in the ranking.
struct Ranked {
  double score = 0.0;
  std::uint32_t index = 0;  // into the candidates
};

// Higher scores first; among equals, the candidate found first.
bool ranks_before(const Ranked& a, const Ranked& b) {
  return a.score != b.score ? a.score > b.score : a.index < b.index;
}

// A written form of a phrase and how often the article writes it so.
struct Spelling {
  std::string_view form;
  std::uint32_t count = 0;
};

// A mention of a person or an organisation, by its byte span in the text.
struct NameSpan {
  std::uint32_t begin = 0, end = 0;
  const Entity* entity = nullptr;
};

// extract()'s working memory, kept per thread between articles so that extraction rarely allocates.
struct ExtractionScratch {
  std::vector<Candidate> candidates;
  std::vector<Occurrence> occurrences;
  std::vector<RunWord> run;
  std::array<std::vector<std::uint32_t>, kMaxWords + 1> by_length;  // candidates by their word count
  std::vector<Ranked> order;
  std::vector<Spelling> spellings;  // of the phrase being reported
  std::vector<std::uint8_t> token_flags;  // per token: kNameStart, kAfterName, kWhenOrHowMuch
  std::vector<NameSpan> names;
  // The article's votes on unseen words (+ after a verb or adjective cue, - after a determiner), in
  // the order the words were first voted on.
  std::vector<int> unseen_votes;
  std::string lower, singular;
};

// Per token: where a person's name starts or has just ended, and whether a time expression or a
// quantity holds it.
constexpr std::uint8_t kNameStart = 1;      // first token of a person's name
constexpr std::uint8_t kAfterName = 2;      // first token after one
constexpr std::uint8_t kWhenOrHowMuch = 4;  // in a time expression or a quantity

// Where the entities stage found names in `doc`: the edges of persons' names per token, and as
// spans in text order the mentions of organisations whose full name the article writes at least
// twice (a longest name written once is too often a tagging error: "Microsoft Activision"). A
// person is reported as the article writes them most ("Schmidt" after one "Eric Schmidt"), as
// readers name them.
void collect_names(const Document& doc, std::vector<std::uint8_t>& edges, std::vector<NameSpan>& names) {
  edges.assign(doc.tokens.size(), 0);
  names.clear();
  const EntityLayer* entities = doc.layer<EntityLayer>();
  if (!entities) return;
  for (const Entity& e : entities->entities) {
    if (e.type == EntityType::kOrganization &&
        std::count_if(e.mentions.begin(), e.mentions.end(),
                      [&](const Mention& m) { return doc.slice(m.begin, m.end) == e.name; }) >= 2)
      for (const Mention& m : e.mentions) names.push_back({m.begin, m.end, &e});
    if (e.type != EntityType::kPerson) continue;
    for (const Mention& m : e.mentions) {
      if (m.token_begin < edges.size()) edges[m.token_begin] |= kNameStart;
      if (m.token_end < edges.size()) edges[m.token_end] |= kAfterName;
    }
  }
  std::sort(names.begin(), names.end(), [](const NameSpan& a, const NameSpan& b) { return a.begin < b.begin; });
}

// Marks the tokens of the article's time expressions ("a year earlier", "last week") and quantities
// ("$4.3 billion", "38%"), when the dates and quantities stages ran: a when or a how much is no
// keyphrase; those stages report them.
template <class Layer, class Items>
void mark_spans(const Document& doc, Items Layer::*items, std::vector<std::uint8_t>& flags) {
  const auto* layer = doc.layer<Layer>();
  if (!layer) return;
  for (const auto& item : layer->*items) {
    auto t = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), item.begin,
                              [](const Token& token, std::uint32_t begin) { return token.end <= begin; });
    for (; t != doc.tokens.end() && t->begin < item.end; ++t) flags[t - doc.tokens.begin()] |= kWhenOrHowMuch;
  }
}

// The organisation whose mentions hold every one of these occurrences, if there is one ("Royal
// College" in "the Royal College of Nursing" and "the Royal College said"), else nullptr.
const Entity* named_entity(const std::vector<NameSpan>& names, const std::vector<Occurrence>& occurrences,
                           std::uint32_t last) {
  const Entity* entity = nullptr;
  for (std::uint32_t o = last; o != HashIndex::kAbsent; o = occurrences[o].previous) {
    auto after = std::upper_bound(names.begin(), names.end(), occurrences[o].begin,
                                  [](std::uint32_t begin, const NameSpan& n) { return begin < n.begin; });
    if (after == names.begin()) return nullptr;
    const NameSpan& n = *(after - 1);
    if (occurrences[o].end > n.end || (entity && n.entity != entity)) return nullptr;
    entity = n.entity;
  }
  return entity;
}

}  // namespace

// ---- Background ---------------------------------------------------------------------------------

void KeyphraseBackground::reserve(std::size_t words) {
  std::size_t n = 16;
  while (n < words * 2 + 2) n *= 2;
  slots_.assign(n, Slot{});
  mask_ = n - 1;
}

bool KeyphraseBackground::insert(std::uint64_t word_hash, const KeyphraseWordStats& stats) {
  std::size_t i = word_hash & mask_;
  for (; slots_[i].stats.idf >= 0; i = (i + 1) & mask_)
    if (slots_[i].key == word_hash) return false;
  slots_[i] = {word_hash, stats};
  return true;
}

void KeyphraseBackground::add_stop_words() {
  std::string buffer;
  KeyphraseWordStats stop;
  stop.stop = true;
  for (const std::string_view w : kStopWords) insert(term_hash(w, buffer), stop);
}

void KeyphraseBackgroundBuilder::add(const Document& doc) {
  const ClosedClasses& classes = closed_classes();
  std::string buffer;
  std::vector<std::uint64_t> seen;
  ++documents_;
  for (const Sentence& s : doc.sentences) {
    if (doc.in_boilerplate(s)) continue;
    std::uint8_t previous = kStop;  // class of the previous token; punctuation counts as a stop
    Counts* last_content = nullptr;
    for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens[i];
      if (!is_term_token(doc, t)) {
        if (last_content) ++last_content->run_end;
        last_content = nullptr;
        previous = kStop;
        continue;
      }
      const std::uint64_t h = term_hash(doc.form(t), buffer);
      const std::uint8_t c = classes.of(h);
      if (c != kContent) {
        if (last_content) ++last_content->run_end;
        if (last_content && (c & kThan) == kThan) ++last_content->adjective_uses;
        last_content = nullptr;
        previous = c;
        continue;
      }
      Counts& n = counts_[h];
      ++n.occurrences;
      n.after_determiner += (previous & kDeterminer) == kDeterminer;
      n.after_verb_cue += (previous & kVerbCue) == kVerbCue;
      n.adjective_uses += (previous & kCopula) == kCopula;
      seen.push_back(h);
      last_content = &n;
      previous = kContent;
    }
    if (last_content) ++last_content->run_end;
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (const std::uint64_t h : seen) ++counts_[h].documents;
}

KeyphraseBackground KeyphraseBackgroundBuilder::build(std::uint32_t min_documents) const {
  KeyphraseBackground b;
  b.documents_ = documents_;
  b.unseen_idf_ = static_cast<float>(std::log((documents_ + 1.0) / 1.0));
  std::vector<std::uint64_t> keys;
  for (const auto& [h, n] : counts_)
    if (n.documents >= min_documents) keys.push_back(h);
  std::sort(keys.begin(), keys.end());
  auto share = [](std::uint32_t part, std::uint32_t whole) {
    return static_cast<std::uint8_t>(std::round(255.0f * static_cast<float>(part) / static_cast<float>(std::max(1u, whole))));
  };
  b.reserve(keys.size() + std::size(kStopWords));
  for (const std::uint64_t h : keys) {
    const Counts& n = counts_.at(h);
    b.keys_.push_back(h);
    b.insert(h, {static_cast<float>(std::log((documents_ + 1.0) / (n.documents + 1.0))),
                 share(n.after_determiner, n.occurrences), share(n.after_verb_cue, n.occurrences),
                 share(n.run_end, n.occurrences), static_cast<std::uint8_t>(share(n.adjective_uses, n.occurrences) >> 1)});
  }
  b.add_stop_words();
  return b;
}

Result<KeyphraseBackground> KeyphraseBackground::load(const std::filesystem::path& file) {
  auto opened = ModelReader::open(file, kMagic, kVersion, "keyphrase background");
  if (!opened) return opened.error();
  ModelReader& r = opened.value();
  KeyphraseBackground b;
  std::uint32_t words = 0;
  std::vector<float> idf;
  std::vector<std::uint8_t> determiner, verb, end, adjective;
  if (!r.get(b.documents_) || !r.get(words) || words > r.remaining() / 16 || !r.get_all(b.keys_, words) ||
      !r.get_all(idf, words) || !r.get_all(determiner, words) || !r.get_all(verb, words) || !r.get_all(end, words) ||
      !r.get_all(adjective, words))
    return r.error("truncated or inconsistent sizes");
  if (r.remaining() != 0) return r.error("unexpected bytes after the statistics");
  if (b.documents_ == 0) return r.error("no documents");
  b.unseen_idf_ = static_cast<float>(std::log(b.documents_ + 1.0));
  b.reserve(words + std::size(kStopWords));
  for (std::uint32_t i = 0; i < words; ++i) {
    if (!std::isfinite(idf[i]) || idf[i] < 0 || idf[i] > b.unseen_idf_) return r.error("an idf is out of range");
    if (!b.insert(b.keys_[i], {idf[i], determiner[i], verb[i], end[i], static_cast<std::uint8_t>(adjective[i] >> 1)}))
      return r.error("a word is repeated");
  }
  b.add_stop_words();
  return b;
}

Status KeyphraseBackground::save(const std::filesystem::path& file) const {
  ModelWriter w(kMagic, kVersion);
  w.put(documents_);
  w.put(static_cast<std::uint32_t>(keys_.size()));
  w.put_all(keys_);
  std::vector<float> idf;
  std::vector<std::uint8_t> determiner, verb, end, adjective;
  for (const std::uint64_t key : keys_) {
    const KeyphraseWordStats& s = *find(key);
    idf.push_back(s.idf);
    determiner.push_back(s.determiner);
    verb.push_back(s.verb);
    end.push_back(s.end);
    adjective.push_back(static_cast<std::uint8_t>(s.adjective << 1));
  }
  w.put_all(idf);
  w.put_all(determiner);
  w.put_all(verb);
  w.put_all(end);
  w.put_all(adjective);
  return w.save(file);
}

// ---- Extraction ---------------------------------------------------------------------------------

namespace {

// The sentence being scanned for runs of content words.
struct ScannedSentence {
  const Sentence& sentence;
  std::uint32_t first = 0;  // the first token after its dateline, if it has one
  bool title_case = false;  // written in title case, so capitals say nothing about names
  bool in_headline = false;  // it is the article's title-case headline (title_case_headline)
};

// What a content word may do in a phrase.
struct WordRole {
  bool verb_like = false;  // it ends no phrase, and a phrase holding it must occur twice
  bool modifier = false;   // it ends no phrase
};

// The role of a word the background saw, by how the background uses it.
WordRole known_word_role(const KeyphraseWordStats& stats, std::string_view word) {
  WordRole role;
  role.verb_like = stats.verb_share() > stats.determiner_share() ||
                   (ends_with(word, "ing") && stats.determiner_share() < 0.1f);
  // A modifier is rarely last in its run; an adjective often follows "is" or "very" ("is
  // unacceptable") or comes before "than" ("lower than"), which a noun seldom does.
  role.modifier = stats.end_share() < 0.3f || stats.adjective_share() >= 0.1f;
  // A participle that usually modifies the next word ("organized crime") is not a verb here.
  if (ends_with(word, "ed") && stats.end_share() < 0.5f) role.verb_like = false;
  return role;
}

// One article's pass of extract(): its candidate phrases are gathered sentence by sentence, then
// scored, merged into the phrases that absorb them and reported best first. Candidates and votes
// are found through hash indexes, never by searching a list, so the pass stays linear in the
// article's size (docs/PERFORMANCE.md section 7).
class ArticlePass {
 public:
  ArticlePass(const Document& doc, const KeyphraseBackground& background, ExtractionScratch& scratch)
      : doc_(doc), background_(background), scratch_(scratch), index_(doc.tokens.size()),
        total_tokens_(static_cast<float>(std::max<std::size_t>(1, doc.tokens.size()))) {
    scratch_.candidates.clear();
    scratch_.occurrences.clear();
    scratch_.run.clear();
    scratch_.unseen_votes.clear();
  }

  // The candidates of every non-boilerplate sentence; `terms` are the document's terms
  // (document_terms). False when there are none.
  bool gather(const std::vector<Term>& terms);
  // Rejects the candidates that are not phrases, scores the rest, lets phrases absorb their parts
  // and orders what is left, the best few first. False when nothing is left.
  bool rank(std::size_t limit);
  // Up to `limit` keyphrases, taken best first, skipping those that overlap one already taken.
  std::vector<Keyphrase> report(std::size_t limit);

 private:
  // Whether token j is a hyphen or an ampersand joining two words with no space ("cost-of-living",
  // "H&M").
  bool tight_joiner(const Sentence& s, std::uint32_t j) const;
  // Adds term token i to the current run of content words, or ends the run.
  void add_word(const ScannedSentence& s, std::uint32_t i, const Term& current);
  // The role of a word the background never saw, by how the article uses it; records its vote.
  WordRole unseen_word_role(const RunWord& w, std::string_view word, const Term& current, bool compound_part);
  // Counts every sub-phrase of the current run whose edges are allowed, then empties the run.
  void flush_run(bool title = false);
  // Counts the occurrence of run words [a, b] as a phrase whose key is `key`.
  void count_occurrence(std::size_t a, std::size_t b, std::uint64_t key, float idf_sum, bool tentative, bool title);
  void score_candidates();
  void absorb_parts();
  // The written form of `c` seen most often.
  const Spelling& most_common_spelling(const Candidate& c);

  const Document& doc_;
  const KeyphraseBackground& background_;
  ExtractionScratch& scratch_;
  HashIndex index_;  // phrase key -> its candidate
  HashIndex voted_;  // unseen word key -> its votes' position in unseen_votes
  const float total_tokens_;
  double median_ = 0.0;     // the median score of the ranked phrases
  std::size_t sorted_ = 0;  // how many of the ranked phrases are in order
};

bool ArticlePass::gather(const std::vector<Term>& terms) {
  collect_names(doc_, scratch_.token_flags, scratch_.names);
  mark_spans(doc_, &DateLayer::dates, scratch_.token_flags);
  mark_spans(doc_, &QuantityLayer::quantities, scratch_.token_flags);
  const Sentence* const title_case_head = title_case_headline(doc_);
  const std::uint32_t headline = headline_paragraph(doc_);
  const Term* term = terms.data();  // the next term; terms are the non-boilerplate term tokens in order
  const Term* const terms_end = term + terms.size();
  for (const Sentence& s : doc_.sentences) {
    if (doc_.in_boilerplate(s)) continue;
    // The sentence's background statistics are prefetched first, so the lookups' cache misses
    // overlap.
    const Term* const sentence_end =
        std::find_if(term, terms_end, [&](const Term& t) { return t.token >= s.token_end; });
    for (const Term* t = term; t != sentence_end; ++t) background_.prefetch(t->hash);
    // A dateline or a credit says where a story came from, not what it is about.
    const ScannedSentence scanned{s, dateline_end(doc_, s), is_title_case(doc_, s), &s == title_case_head};
    const std::uint32_t last = s.paragraph == headline ? headline_credit_begin(doc_, s) : s.token_end;
    while (term != sentence_end && term->token < scanned.first) ++term;
    for (std::uint32_t i = scanned.first; i < last; ++i) {
      if (!is_term_token(doc_, doc_.tokens[i])) {
        if (!tight_joiner(s, i)) flush_run();
      } else if (scratch_.token_flags[i] & kWhenOrHowMuch) {
        ++term;
        flush_run();
      } else {
        add_word(scanned, i, *term++);
      }
    }
    flush_run();
    term = sentence_end;
  }
  return !scratch_.candidates.empty();
}

bool ArticlePass::tight_joiner(const Sentence& s, std::uint32_t j) const {
  if (j <= s.token_begin || j + 1 >= s.token_end) return false;
  const std::string_view form = doc_.form(doc_.tokens[j]);
  return (form == "-" || form == "&") && doc_.tokens[j - 1].end == doc_.tokens[j].begin &&
         doc_.tokens[j].end == doc_.tokens[j + 1].begin && is_term_token(doc_, doc_.tokens[j + 1]);
}

void ArticlePass::add_word(const ScannedSentence& s, std::uint32_t i, const Term& current) {
  std::vector<RunWord>& run = scratch_.run;
  const std::string_view form = doc_.form(doc_.tokens[i]);
  const std::uint64_t hash = current.hash;
  const KeyphraseWordStats* stats = background_.find(hash);
  // A compound is one unit: a phrase starts or ends only at its edges ("Oslo-based company",
  // not "based company"; "H&M", not "M"), and a stop word inside it is part of it
  // ("cost-of-living crisis", "first-time buyers").
  const bool joined_before = i > s.sentence.token_begin && tight_joiner(s.sentence, i - 1);
  const bool joined_after = tight_joiner(s.sentence, i + 1);
  // A person's name starts a new phrase: the words before it are a title ("Chief Executive |
  // Ingrid Solberg", "Secretary of State | Alan Brooks"), unless they make one compound with it.
  // A title is no phrase either, so no phrase ends with it ("Sen.").
  if ((scratch_.token_flags[i] & kNameStart) && !joined_before && !run.empty()) {
    run.back().can_end = false;
    flush_run(true);
  }
  // A number, an amount or a year ("3.25bn", "2011", "1st") is no part of a phrase.
  if (form.front() >= '0' && form.front() <= '9') return flush_run();
  RunWord w;
  w.token = i;
  w.follows_name = (scratch_.token_flags[i] & kAfterName) && !joined_before;
  w.in_headline = s.in_headline;
  if (stats && stats->stop) {
    if (!joined_before && !joined_after) return flush_run();
    w.key = hash;
    w.idf = stats->idf;
    w.can_start = !joined_before;
    w.can_end = !joined_after;
    run.push_back(w);
    return;
  }
  // The suffix tests ignore the case of ASCII letters: only other words are lower-cased.
  std::string_view word = form;
  if (!utf8::is_ascii(form)) {
    utf8::to_lower(form, scratch_.lower);
    word = scratch_.lower;
  }
  w.key = singular_hash(word, hash, scratch_.singular);
  w.idf = stats ? stats->idf : background_.unseen_idf();
  const bool proper = utf8::starts_with_capital(form) && i > s.first && !s.title_case;  // a name inside a sentence
  // A name after a lower-case word starts a new phrase: "chief | Marco Bellini", "state-run |
  // Xinhua news agency". The lower-case word is a title or a modifier of the name, not part of
  // it, unless the two make one compound ("pro-Russian separatists").
  if (proper && !joined_before && !run.empty() && !utf8::starts_with_capital(doc_.form(doc_.tokens[run.back().token])))
    flush_run();
  const bool adverb = ends_with(word, "ly");
  const bool participle = ends_with(word, "ed");
  WordRole role;  // a name is neither verb-like nor a modifier
  if (!proper)
    role = stats ? known_word_role(*stats, word) : unseen_word_role(w, word, current, joined_before || joined_after);
  w.verb_like = role.verb_like && !joined_before && !joined_after;  // "Oslo-based", "follow-up": not verbs
  // "widely-used" starts its compound.
  w.can_start = !joined_before && (!adverb || joined_after) && !is_date_word(hash);
  w.can_end = !joined_after && !adverb && !role.modifier && !participle && !role.verb_like;
  run.push_back(w);
}

// A word the background never saw is judged by the article, as the background judges the others:
// after a modal or a pronoun it is a verb ("will oversee"), after "to" too unless it looks plural
// ("to conceal", "to harass", not "to brokers"), after a degree word an adjective ("so rational"),
// after a determiner a noun. The majority decides for all its occurrences; a word written with
// capitals or inside a compound does not vote.
WordRole ArticlePass::unseen_word_role(const RunWord& w, std::string_view word, const Term& current,
                                       bool compound_part) {
  const std::uint8_t cue = current.follows_term ? closed_classes().of((&current - 1)->hash) : std::uint8_t{kContent};
  const bool plural = w.key != current.hash;
  const bool verb_cue = (cue & kStrongVerbCue) == kStrongVerbCue || ((cue & kVerbCue) == kVerbCue && !plural);
  const bool adjective_cue = (cue & kDegreeWord) == kDegreeWord;
  const int vote = verb_cue || adjective_cue ? 1 : (cue & kDeterminer) == kDeterminer ? -1 : 0;
  if (vote != 0 && !compound_part && capitals(doc_.form(doc_.tokens[w.token])) == 0) {
    const std::uint32_t v = voted_.insert(w.key, static_cast<std::uint32_t>(scratch_.unseen_votes.size()));
    if (v == scratch_.unseen_votes.size()) scratch_.unseen_votes.push_back(0);
    scratch_.unseen_votes[v] += vote;
  }
  return {ends_with(word, "ing") || ends_with(word, "ed") || verb_cue, adjective_cue};
}

// The run before a person's name is a title ("Former BDO world champion"): its phrases count only
// if they occur elsewhere too.
void ArticlePass::flush_run(bool title) {
  const std::vector<RunWord>& run = scratch_.run;
  for (std::size_t a = 0; a < run.size(); ++a) {
    if (!run[a].can_start) continue;
    std::uint64_t key = 0;
    float idf_sum = 0.0f;
    bool tentative = false;
    for (std::size_t b = a; b < run.size() && b - a < kMaxWords; ++b) {
      key = extend_phrase_key(key, run[b].key);
      idf_sum += run[b].idf;
      tentative |= run[b].verb_like || (b > a && run[b].follows_name);
      if (run[b].can_end) count_occurrence(a, b, key, idf_sum, tentative, title);
    }
  }
  scratch_.run.clear();
}

void ArticlePass::count_occurrence(std::size_t a, std::size_t b, std::uint64_t key, float idf_sum, bool tentative,
                                   bool title) {
  const std::vector<RunWord>& run = scratch_.run;
  std::vector<Candidate>& candidates = scratch_.candidates;
  std::vector<Occurrence>& occurrences = scratch_.occurrences;
  const auto position = static_cast<std::uint32_t>(candidates.size());
  const std::uint32_t c = index_.insert(key, position);
  if (c == position) {
    Candidate added;
    added.length = static_cast<std::uint8_t>(b - a + 1);
    for (std::size_t k = a; k <= b; ++k) added.words[k - a] = run[k].key;
    added.first_token = run[a].token;
    added.specificity = idf_sum / static_cast<float>(b - a + 1) / background_.unseen_idf();
    added.tentative = tentative;
    added.title_only = true;
    added.headline_only = true;
    candidates.push_back(added);
  }
  Candidate& cand = candidates[c];
  cand.tentative &= tentative;
  cand.title_only &= title;
  cand.headline_only &= run[a].in_headline;
  cand.capitalised &= utf8::starts_with_capital(doc_.form(doc_.tokens[run[a].token]));
  ++cand.count;
  occurrences.push_back({doc_.tokens[run[a].token].begin, doc_.tokens[run[b].token].end, cand.last_occurrence});
  cand.last_occurrence = static_cast<std::uint32_t>(occurrences.size() - 1);
}

bool ArticlePass::rank(std::size_t limit) {
  score_candidates();
  absorb_parts();
  // The phrases left, with their scores beside them so that ranking reads one array.
  std::vector<Ranked>& order = scratch_.order;
  order.clear();
  for (std::uint32_t i = 0; i < scratch_.candidates.size(); ++i) {
    const Candidate& c = scratch_.candidates[i];
    if (!c.absorbed && !c.rejected) order.push_back({c.score, i});
  }
  if (order.empty()) return false;
  std::nth_element(order.begin(), order.begin() + order.size() / 2, order.end(), ranks_before);
  median_ = order[order.size() / 2].score;
  // Only the best few need ordering; the rest is sorted when overlaps use them up.
  sorted_ = std::min(order.size(), 4 * limit + 8);
  std::partial_sort(order.begin(), order.begin() + sorted_, order.end(), ranks_before);
  return true;
}

void ArticlePass::score_candidates() {
  for (auto& phrases : scratch_.by_length) phrases.clear();
  for (std::uint32_t i = 0; i < scratch_.candidates.size(); ++i) {
    Candidate& c = scratch_.candidates[i];
    // A phrase with a verb-like word is a clause fragment ("crews used helicopters") unless the
    // article repeats it, which a verb-like modifier's phrase does ("organized crime"); so is a
    // name with the next word ("Lukas Brandt midway", but "Trump administration" recurs).
    c.rejected = (c.tentative && c.count < 2) || c.title_only;
    // In a headline in title case, capitals hide where names end ("Data Center Demand Soars"): a
    // phrase found only there is not known to be one, nor a word that is not a noun ("Soars").
    c.rejected |= c.headline_only;
    // A generic noun ("way", "time", "service"), in more than one background article in twenty,
    // says nothing about this one on its own; a name written so often still does ("Obama").
    c.rejected |= c.length == 1 && !c.capitalised && background_.documents() >= kGenericMinDocuments &&
                  c.specificity * background_.unseen_idf() < kGenericIdf;
    // Its last word is, by the article's votes, a verb or an adjective ("trolls harass", where the
    // article also writes "to harass").
    const std::uint32_t v = voted_.find(c.words[c.length - 1]);
    c.rejected |= v != HashIndex::kAbsent && scratch_.unseen_votes[v] > 0;
    if (c.rejected) continue;
    const float position = static_cast<float>(c.first_token) / total_tokens_;
    static constexpr double kLengthBonus[kMaxWords + 1] = {0.0, 1.0, 1.4, 1.96, 2.744};  // 1.4^(words - 1)
    c.score = boosted_count(c.count) * c.specificity * kLengthBonus[c.length] * (1.5 - 0.5 * position);
    scratch_.by_length[c.length].push_back(i);
  }
}

// A phrase that accounts for more than half the occurrences of one of its parts absorbs it: the
// part is not reported on its own ("Nayib" in "Nayib Bukele", "crime" in "organized crime") and
// the phrase ranks at least as high as the part did. Longest phrases first, so chains resolve.
void ArticlePass::absorb_parts() {
  std::vector<Candidate>& candidates = scratch_.candidates;
  for (std::size_t length = kMaxWords; length > 1; --length)
    for (const std::uint32_t i : scratch_.by_length[length]) {
      Candidate& c = candidates[i];
      for (std::size_t a = 0; a < c.length; ++a) {
        std::uint64_t key = 0;
        for (std::size_t b = a; b < c.length; ++b) {
          key = extend_phrase_key(key, c.words[b]);
          if (b - a + 1 == c.length) break;
          const std::uint32_t j = index_.find(key);
          if (j == HashIndex::kAbsent || candidates[j].absorbed || candidates[j].rejected ||
              2 * c.count <= candidates[j].count)
            continue;
          candidates[j].absorbed = true;
          c.score = std::max(c.score, candidates[j].score);
        }
      }
    }
}

std::vector<Keyphrase> ArticlePass::report(std::size_t limit) {
  std::vector<Ranked>& order = scratch_.order;
  const std::vector<Candidate>& candidates = scratch_.candidates;
  std::vector<Keyphrase> out;
  std::vector<std::uint32_t> taken;
  std::vector<const Entity*> reported;  // entities reported under their full name
  for (std::size_t k = 0; k < order.size() && out.size() < limit; ++k) {
    if (k == sorted_) {
      std::sort(order.begin() + sorted_, order.end(), ranks_before);
      sorted_ = order.size();
    }
    const std::uint32_t i = order[k].index;
    const Candidate& c = candidates[i];
    if (std::any_of(taken.begin(), taken.end(), [&](std::uint32_t j) { return overlaps(candidates[j], c); }))
      continue;
    taken.push_back(i);
    // A phrase that only ever names one organisation is reported under its full name ("Royal
    // College" as "Royal College of Nursing"), once.
    std::string text(most_common_spelling(c).form);
    if (const Entity* e = named_entity(scratch_.names, scratch_.occurrences, c.last_occurrence);
        e && e->name.size() > text.size() && e->name.find(text) != std::string::npos) {
      if (std::find(reported.begin(), reported.end(), e) != reported.end()) continue;
      reported.push_back(e);
      text = e->name;
    }
    out.push_back({std::move(text), c.score / (c.score + 4.0 * median_ + 1e-12), static_cast<int>(c.count)});
  }
  return out;
}

// Among equals, the one with fewer capitals (a sentence's first word is capitalised for grammar,
// not meaning), then the latest. Counted per distinct form: a phrase occurs many times but is
// spelt few ways.
const Spelling& ArticlePass::most_common_spelling(const Candidate& c) {
  std::vector<Spelling>& spellings = scratch_.spellings;
  spellings.clear();  // in the order of their latest occurrence
  for (std::uint32_t o = c.last_occurrence; o != HashIndex::kAbsent; o = scratch_.occurrences[o].previous) {
    const std::string_view form = doc_.slice(scratch_.occurrences[o].begin, scratch_.occurrences[o].end);
    const auto same = std::find_if(spellings.begin(), spellings.end(), [&](const Spelling& sp) { return sp.form == form; });
    if (same == spellings.end())
      spellings.push_back({form, 1});
    else
      ++same->count;
  }
  const Spelling* best = &spellings.front();
  for (const Spelling& sp : spellings)
    if (sp.count > best->count || (sp.count == best->count && capitals(sp.form) < capitals(best->form))) best = &sp;
  return *best;
}

}  // namespace

std::vector<Keyphrase> KeyphraseExtractor::extract(const Document& doc, const std::vector<Term>& terms,
                                                   std::size_t limit) const {
  thread_local ExtractionScratch scratch;
  ArticlePass pass(doc, background_, scratch);
  if (!pass.gather(terms) || !pass.rank(limit)) return {};
  return pass.report(limit);
}

}  // namespace analyze
