// Trains the IPTC Media Topics classifier (topic_classifier.h), writes the IPTC concept lexicon
// (topic_lexicon.h) and the keyphrase background statistics (keyphrase_extractor.h), from
// ../shared/data/topics (run from the project root; these are the defaults):
//
//   train-topics --data ../shared/data/topics --model data/models/topics.bin
//                --keyphrases data/models/keyphrases.bin --lexicon data/models/topics-lexicon.json
//
// Every text goes through the project's own `normalize` and `segment` stages, so the features seen
// in training are the ones the stages compute at run time.
//
// Training examples: topics_train.jsonl and topics_train_extra.jsonl (never the dev files), plus
// seed examples for topics with little or no data: each IPTC concept's label and definition
// (iptc_mediatopics_en.tsv) and each keyword of the IPTC EXTRA rules (iptc_extra_rules_en.jsonl),
// labelled with the concept's level-1 and level-2 ancestors. Seeds in British spelling get an
// American twin when the training texts use the American form too ("organised" -> "organized").
// The same IPTC labels and rule keywords make the concept lexicon (--lexicon), and the training
// texts give the keyphrase background statistics (--keyphrases).
//
// Model: one-vs-rest logistic regression per level-1 and level-2 topic over tf-idf vectors,
// trained with FTRL-proximal (L1 + L2 regularised). A level-2 topic learns only from documents
// whose level-2 label is known: a document of its parent with no level-2 label says nothing about
// it. A text with no level-2 label that names the concepts under one level-2 topic of its level-1
// topic clearly more than any other's takes that topic (DistantLevel2Labeler, topic_trainer.h): no
// source labels level 2 for sport, the economy, health or most politics. Each source counts with the square root of its size (so 22,000 headlines do not drown 1,400
// articles); within a source, documents count equally. Calibration: per-topic Platt scaling fitted
// on out-of-fold margins of the training documents (--folds), then the final model is trained on
// everything. The out-of-fold accuracy per source is printed; --tune prints only that, which is
// how the options were chosen (the dev files stay for measurement).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topics/keyphrase_extractor.h"
#include "analyze/pipeline.h"
#include "core/string_set.h"
#include "topics/topic_classifier.h"
#include "topics/topic_lexicon.h"
#include "text/terms.h"
#include "train/topic_trainer.h"

namespace fs = std::filesystem;
using namespace analyze;

namespace {

struct Options {
  fs::path data = "../shared/data/topics";
  fs::path model = "data/models/topics.bin";
  fs::path keyphrases = "data/models/keyphrases.bin";
  fs::path lexicon = "data/models/topics-lexicon.json";
  int folds = 5;
  TopicTrainingOptions training;  // epochs, FTRL rates and regularisation, pruning, seed
  float seed_weight = 1.0f;       // the seeds as a source, against a source of the same size
  int min_count = 3;              // documents a feature must occur in (seed features are always kept)
  int max_level = 2;              // deepest IPTC level the model reports
  double source_power = 0.5;      // a source's weight grows as its size to this power
  std::vector<std::string> exclude;  // sources left out (ablation)
  bool tune = false;                 // report the out-of-fold accuracy only, write nothing
};

// ---- IPTC vocabulary --------------------------------------------------------------------------

struct Concept {
  std::string code, parent, label, definition;
  int level = 0;
};

class Vocabulary {
 public:
  static Vocabulary load(const fs::path& tsv) {
    Vocabulary v;
    std::ifstream in(tsv);
    if (!in) throw std::runtime_error("cannot read " + tsv.string());
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::size_t start = 0;
      for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
        f.push_back(line.substr(start, tab - start));
      f.push_back(line.substr(start));
      if (f.size() < 5) continue;
      v.index_[f[0]] = v.concepts.size();
      v.concepts.push_back({f[0], f[1], f[3], f[4], std::stoi(f[2])});
    }
    return v;
  }
  const Concept* find(std::string_view code) const {
    const auto it = index_.find(code);
    return it == index_.end() ? nullptr : &concepts[it->second];
  }
  // The ancestor of `code` at `level` (the code itself at its own level), or "" when shallower.
  std::string ancestor(std::string code, int level) const {
    for (const Concept* c = find(code); c; c = find(c->parent)) {
      if (c->level == level) return c->code;
      if (c->level < level) break;
    }
    return "";
  }
  std::vector<Concept> concepts;

 private:
  StringMap<std::size_t> index_;
};

// ---- Examples ---------------------------------------------------------------------------------

// Where an example comes from, beside what the trainer learns from it (TopicExample).
struct Origin {
  std::string id;
  std::string source;  // "agnews", "masakhanews", "huffpost", "wcep", "seed"
  int fold = 0;
  std::vector<std::uint64_t> keys;  // feature keys, until the vectors are built
};

struct Corpus {
  std::vector<TopicInfo> topics;
  StringMap<int> topic_index;
  std::vector<TopicExample> examples;
  std::vector<Origin> origins;  // parallel to examples
};

void add_topics(Corpus& c, const Vocabulary& v, int max_level) {
  for (int level = 1; level <= max_level; ++level)
    for (const Concept& k : v.concepts)
      if (k.level == level) {
        c.topic_index[k.code] = static_cast<int>(c.topics.size());
        c.topics.push_back({k.code, k.label, static_cast<std::uint8_t>(level), 0});
      }
  for (TopicInfo& t : c.topics)
    t.level1 = static_cast<std::uint16_t>(c.topic_index.at(v.ancestor(t.code, 1)));
}

// Sets the example's level-1/level-2 topics from its gold codes (deeper codes count for their
// level-2 ancestor). Returns false when no code maps to a level-1 topic.
bool set_labels(TopicExample& e, const std::vector<std::string>& codes, const Corpus& c, const Vocabulary& v) {
  for (const std::string& code : codes) {
    if (const std::string a = v.ancestor(code, 1); !a.empty() && e.level1 < 0) e.level1 = c.topic_index.at(a);
    if (const std::string a = v.ancestor(code, 2); !a.empty() && e.level2 < 0 && c.topic_index.count(a))
      e.level2 = c.topic_index.at(a);
  }
  if (e.level2 >= 0 && c.topics[e.level2].level1 != e.level1) e.level2 = -1;
  return e.level1 >= 0;
}

struct Text {
  std::string id, source, text;
  std::vector<std::string> codes;
  float weight = 1.0f;  // relative weight within its source (seeds only)
};

std::vector<Text> read_jsonl(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Text> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Text t;
    t.id = j.at("id").get<std::string>();
    t.source = t.id.substr(0, t.id.find('-'));
    t.text = j.at("text").get<std::string>();
    t.codes = j.at("labels").get<std::vector<std::string>>();
    out.push_back(std::move(t));
  }
  return out;
}

// ---- Seeds: IPTC definitions and EXTRA rule keywords --------------------------------------------

// Keywords of an EXTRA boolean query that argue for its topic: quoted strings outside `not`
// groups. `any` lists give one keyword per word, `adj` and bare strings one phrase each; regular
// expressions are skipped, and a trailing wildcard is dropped ("designer*" -> "designer").
std::vector<std::string> rule_keywords(std::string_view q) {
  struct Group {
    bool negated = false;
    std::string last_word;
  };
  std::vector<Group> stack{{}};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < q.size();) {
    const char ch = q[i];
    if (ch == '(') {
      stack.push_back({stack.back().negated, ""});
      ++i;
    } else if (ch == ')') {
      if (stack.size() > 1) stack.pop_back();
      ++i;
    } else if (ch == '"') {
      std::string s;
      for (++i; i < q.size() && q[i] != '"'; ++i) {
        if (q[i] == '\\' && i + 1 < q.size()) ++i;
        s += q[i];
      }
      ++i;
      const Group& g = stack.back();
      const std::string& mode = g.last_word;
      if (g.negated || mode.find("regexp") != std::string::npos) continue;
      std::string cleaned;
      for (const char c : s) cleaned += c == '*' ? ' ' : c;
      if (mode.rfind("any", 0) == 0) {
        std::size_t a = 0;
        while (a < cleaned.size()) {
          const std::size_t b = std::min(cleaned.find(' ', a), cleaned.size());
          if (b > a) out.push_back(cleaned.substr(a, b - a));
          a = b + 1;
        }
      } else if (s.find('*') == std::string::npos || s.back() == '*') {
        out.push_back(cleaned);  // an inner wildcard ("model* agenc*") would leave broken words
      }
    } else if (ch == ' ' || ch == '\t' || ch == '\n') {
      ++i;
    } else {
      std::size_t j = i;
      while (j < q.size() && q[j] != ' ' && q[j] != '(' && q[j] != ')' && q[j] != '"') ++j;
      const std::string word(q.substr(i, j - i));
      if (word == "not") stack.back().negated = true;
      stack.back().last_word = word;
      i = j;
    }
  }
  return out;
}

struct Rule {
  std::string code;
  std::vector<std::string> keywords;
};

// The EXTRA rules of topics still in the vocabulary (two rules are for retired topics).
std::vector<Rule> read_rules(const fs::path& file, const Vocabulary& v) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Rule> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    std::string code = j.at("code").get<std::string>();
    if (v.find(code)) out.push_back({std::move(code), rule_keywords(j.at("query").get<std::string>())});
  }
  return out;
}

// Counts over the training texts that the seeds and the concept lexicon consult.
struct WordCounts {
  std::unordered_map<std::uint64_t, std::uint32_t> occurrences, documents;  // by term hash
  std::size_t texts = 0;
  std::uint32_t occurrences_of(std::string_view word) const {
    std::string buffer;
    const auto it = occurrences.find(term_hash(word, buffer));
    return it == occurrences.end() ? 0u : it->second;
  }
  double document_share(std::string_view word) const {
    std::string buffer;
    const auto it = documents.find(term_hash(word, buffer));
    return it == documents.end() || texts == 0 ? 0.0 : static_cast<double>(it->second) / static_cast<double>(texts);
  }
};

// British spellings that American news texts write differently.
std::vector<std::string> spelling_variants(const std::string& word) {
  static const std::vector<std::pair<std::string, std::string>> rules = {
      {"isation", "ization"}, {"ise", "ize"}, {"ised", "ized"}, {"ises", "izes"}, {"ising", "izing"},
      {"our", "or"},         {"ours", "ors"}, {"tre", "ter"},   {"tres", "ters"}, {"ence", "ense"},
      {"yse", "yze"},        {"ogue", "og"},  {"lled", "led"},  {"lling", "ling"}};
  std::vector<std::string> out;
  for (const auto& [from, to] : rules)
    if (word.size() > from.size() + 2 && word.compare(word.size() - from.size(), from.size(), from) == 0)
      out.push_back(word.substr(0, word.size() - from.size()) + to);
  // "labourers": the suffix is inside the word.
  if (const std::size_t p = word.find("our"); p != std::string::npos && p > 2 && p + 3 < word.size())
    out.push_back(word.substr(0, p) + "or" + word.substr(p + 3));
  return out;
}

constexpr std::uint32_t kMinVariantOccurrences = 3;  // a spelling or plural the training texts use

// `text` with each British spelling replaced by its American form (lower-cased) where the
// training texts use that form too: IPTC writes "organised crime", many sources "organized crime".
std::string american_spelling(const std::string& text, const WordCounts& counts) {
  std::string out;
  std::size_t a = 0;
  while (a < text.size()) {
    std::size_t b = a;
    while (b < text.size() && std::isalpha(static_cast<unsigned char>(text[b]))) ++b;
    std::string word = text.substr(a, b - a), lower = word;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& variant : spelling_variants(lower))
      if (counts.occurrences_of(variant) >= kMinVariantOccurrences) {
        word = variant;
        break;
      }
    out += word;
    if (b < text.size()) out += text[b];
    a = b + 1;
  }
  return out;
}

std::vector<Text> seed_texts(const Vocabulary& v, const std::vector<Rule>& rules, const WordCounts& counts) {
  std::vector<Text> out;
  for (const Concept& k : v.concepts)
    out.push_back({"iptc-" + k.code, "seed", k.label + ".\n\n" + k.definition, {k.code}, 1.0f});
  for (const Rule& r : rules) {
    // A rule counts as much as a few definitions, however many keywords it lists.
    const float weight = std::min(1.0f, 8.0f / static_cast<float>(std::max<std::size_t>(1, r.keywords.size())));
    for (const std::string& k : r.keywords) out.push_back({"rule-" + r.code + "-" + k, "seed", k, {r.code}, weight});
  }
  // A seed in British spelling gets an American twin; the two share the seed's weight.
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::string twin = american_spelling(out[i].text, counts);
    if (twin == out[i].text) continue;
    out[i].weight *= 0.5f;
    Text t = out[i];
    t.id += "-us";
    t.text = std::move(twin);
    out.push_back(std::move(t));
  }
  return out;
}

// The IPTC concept lexicon (topic_lexicon.h format): for each level-1 and level-2 topic, the labels
// of the concepts under it (with American spellings and, where the training texts use them,
// plurals) and the keywords of the EXTRA rules for them. Phrases weigh 1 and single words 0.5; a
// single word found in more than 1% of the training texts ("police", "law") says too little and is
// left out, as are labels with commas.
Json concept_lexicon(const Vocabulary& v, const std::vector<Rule>& rules, const WordCounts& counts, int max_level) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto plural = [](const std::string& w) -> std::string {
    if (w.empty() || !std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }) || w.back() == 's')
      return "";
    if (w.size() > 2 && w.back() == 'y' && std::string_view("aeiou").find(w[w.size() - 2]) == std::string_view::npos)
      return w.substr(0, w.size() - 1) + "ies";
    if (w.back() == 'x' || w.ends_with("ch") || w.ends_with("sh")) return w + "es";
    return w + "s";
  };
  Json out = Json::object();
  auto add = [&](const std::string& code, std::string keyword, bool with_plural) {
    if (const std::size_t open = keyword.find(" ("); open != std::string::npos) keyword.erase(open);
    keyword = lower(keyword);
    if (keyword.empty() || keyword.find(',') != std::string::npos) return;
    const auto words = static_cast<std::size_t>(std::count(keyword.begin(), keyword.end(), ' ')) + 1;
    if (words > 4 || (words == 1 && counts.document_share(keyword) > 0.01)) return;
    const double weight = words > 1 ? 1.0 : 0.5;
    std::vector<std::string> forms = {keyword, american_spelling(keyword, counts)};
    const std::size_t last = keyword.rfind(' ') + 1;  // 0 for one word
    if (forms[1] == forms[0]) forms.pop_back();
    for (std::size_t i = 0, n = forms.size(); with_plural && i < n; ++i)
      if (const std::string p = plural(forms[i].substr(last)); !p.empty() && counts.occurrences_of(p) >= kMinVariantOccurrences)
        forms.push_back(forms[i].substr(0, last) + p);
    for (int level = 1; level <= max_level; ++level) {
      const std::string topic = v.ancestor(code, level);
      if (topic.empty()) continue;
      Json& entry = out[topic];
      entry["label"] = v.find(topic)->label;
      for (const std::string& f : forms) {
        Json& k = entry["keywords"][f];
        k = std::max(k.is_number() ? k.get<double>() : 0.0, weight);
      }
    }
  };
  for (const Concept& k : v.concepts) add(k.code, k.label, true);
  for (const Rule& r : rules)
    for (const std::string& k : r.keywords) add(r.code, k, false);
  return out;
}

// Names of the concepts under each level-2 topic, for the distant level-2 labels
// (DistantLevel2Labeler): each concept's label without its parenthesised gloss, lower-cased; labels
// with commas or of more than four words name nothing a text writes.
std::vector<std::pair<int, std::string>> level2_names(const Vocabulary& v, const Corpus& c) {
  std::vector<std::pair<int, std::string>> out;
  for (const Concept& k : v.concepts) {
    const auto topic = c.topic_index.find(v.ancestor(k.code, 2));
    if (topic == c.topic_index.end()) continue;
    std::string name = k.label.substr(0, k.label.find(" ("));
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name.empty() || name.find(',') != std::string::npos || std::count(name.begin(), name.end(), ' ') >= 4) continue;
    out.emplace_back(topic->second, std::move(name));
  }
  return out;
}

constexpr double kMinCalibrationPositives = 30;  // fewer: the topic takes its level's median calibration
constexpr std::uint32_t kBackgroundMinDocuments = 10;  // rarer words count as unseen for keyphrases

// ---- Main ---------------------------------------------------------------------------------------

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool excluded(const Options& o, std::string_view source) {
  return std::find(o.exclude.begin(), o.exclude.end(), source) != o.exclude.end();
}

// Runs the pipeline on the training texts and the seeds: the examples' feature keys, the word
// counts of the training texts, and the keyphrase background counted over them.
WordCounts analyse(const Options& o, const Vocabulary& vocab, const std::vector<Rule>& rules, Corpus& corpus,
                   KeyphraseBackgroundBuilder& background) {
  auto pipeline = segmentation_pipeline();
  if (!pipeline) throw std::runtime_error(pipeline.error().message);
  auto distant = DistantLevel2Labeler::create(corpus.topics, level2_names(vocab, corpus));
  if (!distant) throw std::runtime_error(distant.error().message);
  StringMap<int> distant_labels;  // by source and level-2 topic, for the log
  auto add = [&](const Text& t, bool counts_for_background) {
    TopicExample e;
    e.weight = t.weight;
    if (excluded(o, t.source) || !set_labels(e, t.codes, corpus, vocab)) return;
    Document doc(t.id, t.text);
    if (Status s = pipeline->run(doc); !s) throw std::runtime_error(t.id + ": " + s.error().message);
    Origin origin{t.id, t.source, 0, {}};
    std::vector<Term> terms;
    collect_terms(doc, terms);
    if (t.source != "seed" && e.level2 < 0 && (e.level2 = distant->label(terms, e.level1)) >= 0)
      ++distant_labels[t.source + " " + corpus.topics[e.level2].label];
    topic_feature_keys(terms, origin.keys);
    if (counts_for_background) background.add(doc);
    if (origin.keys.empty()) return;
    corpus.examples.push_back(std::move(e));
    corpus.origins.push_back(std::move(origin));
  };
  for (const char* file : {"topics_train.jsonl", "topics_train_extra.jsonl"})
    for (const Text& t : read_jsonl(o.data / file)) add(t, true);
  WordCounts counts;  // over all keys: the bigram keys never collide with a word's in practice
  for (const Origin& e : corpus.origins) {
    ++counts.texts;
    for (const std::uint64_t k : e.keys) ++counts.occurrences[k];
    std::vector<std::uint64_t> distinct = e.keys;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::uint64_t k : distinct) ++counts.documents[k];
  }
  for (const Text& t : seed_texts(vocab, rules, counts)) add(t, false);
  std::map<std::string, int> by_name(distant_labels.begin(), distant_labels.end());
  for (const auto& [name, n] : by_name) std::fprintf(stderr, "  distant level-2 label: %-50s %5d\n", name.c_str(), n);
  return counts;
}

// Feature rows (keys in at least min_count documents, or in any seed) and each example's tf-idf
// vector over them. Returns the keys; `idf` gets one value per row.
std::vector<std::uint64_t> build_vectors(const Options& o, Corpus& corpus, std::vector<float>& idf) {
  std::unordered_map<std::uint64_t, std::uint32_t> doc_count;
  for (const Origin& e : corpus.origins) {
    std::vector<std::uint64_t> distinct = e.keys;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::uint64_t k : distinct) doc_count[k] += e.source == "seed" ? o.min_count : 1;
  }
  std::vector<std::uint64_t> keys;
  for (const auto& [k, n] : doc_count)
    if (n >= static_cast<std::uint32_t>(o.min_count)) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  HashIndex row_of(keys.size());
  for (std::size_t r = 0; r < keys.size(); ++r) row_of.insert(keys[r], static_cast<std::uint32_t>(r));

  // Document frequencies over the training texts (seeds are not documents).
  std::vector<std::uint32_t> df(keys.size(), 0);
  std::size_t documents = 0;
  std::vector<std::vector<std::uint32_t>> rows(corpus.origins.size());
  for (std::size_t i = 0; i < corpus.origins.size(); ++i) {
    Origin& e = corpus.origins[i];
    for (const std::uint64_t k : e.keys)
      if (const std::uint32_t r = row_of.find(k); r != HashIndex::kAbsent) rows[i].push_back(r);
    std::vector<std::uint64_t>().swap(e.keys);
    if (e.source == "seed") continue;
    ++documents;
    std::vector<std::uint32_t> distinct = rows[i];
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::uint32_t r : distinct) ++df[r];
  }
  idf.resize(keys.size());
  for (std::size_t r = 0; r < keys.size(); ++r)
    idf[r] = static_cast<float>(std::log((documents + 1.0) / (df[r] + 1.0)));

  for (std::size_t i = 0; i < rows.size(); ++i) make_document_vector(rows[i], idf, corpus.examples[i].vector);
  return keys;
}

// Example weights: each source counts with its size to the power source_power (the seeds also
// times seed_weight), spread over its examples by their own weights; the mean weight is 1.
void set_weights(const Options& o, Corpus& corpus) {
  StringMap<double> source_total;
  for (std::size_t i = 0; i < corpus.examples.size(); ++i) source_total[corpus.origins[i].source] += corpus.examples[i].weight;
  double total = 0;
  for (std::size_t i = 0; i < corpus.examples.size(); ++i) {
    const std::string& source = corpus.origins[i].source;
    const double n = source_total[source];
    const double mass = std::pow(n, o.source_power) * (source == "seed" ? o.seed_weight : 1.0);
    float& w = corpus.examples[i].weight;
    w = static_cast<float>(w / n * mass);
    total += w;
  }
  for (TopicExample& e : corpus.examples) e.weight = static_cast<float>(e.weight * corpus.examples.size() / total);
  for (const auto& [source, n] : source_total) {
    double w = 0;
    for (std::size_t i = 0; i < corpus.examples.size(); ++i)
      w += corpus.origins[i].source == source ? corpus.examples[i].weight : 0.0;
    std::fprintf(stderr, "  %-12s %6.0f examples, weight %6.0f\n", source.c_str(), n, w);
  }
}

// Platt calibration of every topic from out-of-fold margins. Seeds are not news: only training
// documents count, each once. A topic with too few positives takes its level's median.
void calibrate(const Corpus& corpus, const std::vector<std::vector<float>>& oof, std::vector<float>& scale,
               std::vector<float>& offset) {
  const std::size_t topics = corpus.topics.size();
  scale.assign(topics, 1.0f);
  offset.assign(topics, 0.0f);
  std::vector<bool> fitted(topics, false);
  for (std::size_t t = 0; t < topics; ++t) {
    std::vector<float> m, y, w;
    double positives = 0;
    for (std::size_t i = 0; i < corpus.examples.size(); ++i) {
      const TopicExample& e = corpus.examples[i];
      if (oof[i].empty() || corpus.origins[i].source == "seed" || !teaches(corpus.topics, e, t)) continue;
      m.push_back(oof[i][t]);
      y.push_back(is_labelled(e, t) ? 1.0f : 0.0f);
      w.push_back(1.0f);
      positives += y.back();
    }
    if (positives < kMinCalibrationPositives) continue;
    std::tie(scale[t], offset[t]) = fit_platt(m, y, w);
    fitted[t] = true;
  }
  for (const int level : {1, 2}) {
    std::vector<float> scales, offsets;
    for (std::size_t t = 0; t < topics; ++t)
      if (fitted[t] && corpus.topics[t].level == level) {
        scales.push_back(scale[t]);
        offsets.push_back(offset[t]);
      }
    if (scales.empty()) continue;
    std::nth_element(scales.begin(), scales.begin() + scales.size() / 2, scales.end());
    std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2, offsets.end());
    for (std::size_t t = 0; t < topics; ++t)
      if (!fitted[t] && corpus.topics[t].level == level) {
        scale[t] = scales[scales.size() / 2];
        offset[t] = offsets[offsets.size() / 2];
      }
  }
}

// Out-of-fold level-1 top-1 accuracy and P/R at 0.5 per source, with the calibration applied, and
// level-2 top-1 accuracy over documents with a level-2 label.
void report(const Corpus& corpus, const std::vector<std::vector<float>>& oof, const std::vector<float>& scale,
            const std::vector<float>& offset) {
  struct Counts {
    double docs = 0, correct = 0, tp = 0, fp = 0, fn = 0, l2_docs = 0, l2_correct = 0;
  };
  StringMap<Counts> by_source;
  for (std::size_t i = 0; i < corpus.examples.size(); ++i) {
    const TopicExample& e = corpus.examples[i];
    if (oof[i].empty()) continue;
    Counts& c = by_source[corpus.origins[i].source];
    c.docs += 1;
    int best[3] = {-1, -1, -1};
    float best_p[3] = {-1, -1, -1};
    for (std::size_t t = 0; t < corpus.topics.size(); ++t) {
      const int level = corpus.topics[t].level;
      const float prob = sigmoid(scale[t] * oof[i][t] + offset[t]);
      if (prob > best_p[level]) best_p[level] = prob, best[level] = static_cast<int>(t);
      if (level != 1) continue;
      const bool gold = static_cast<int>(t) == e.level1;
      if (prob >= 0.5f) (gold ? c.tp : c.fp) += 1;
      else if (gold) c.fn += 1;
    }
    c.correct += best[1] == e.level1;
    if (e.level2 >= 0) {
      c.l2_docs += 1;
      c.l2_correct += best[2] == e.level2;
    }
  }
  for (const auto& [source, c] : by_source) {
    std::fprintf(stderr, "out-of-fold %-12s docs %6.0f  L1 top-1 %.4f  P %.4f R %.4f at 0.5", source.c_str(), c.docs,
                 c.correct / c.docs, c.tp / std::max(1.0, c.tp + c.fp), c.tp / std::max(1.0, c.tp + c.fn));
    if (c.l2_docs > 0) std::fprintf(stderr, "  L2 top-1 %.4f (%.0f docs)", c.l2_correct / c.l2_docs, c.l2_docs);
    std::fprintf(stderr, "\n");
  }
}

int run(const Options& o) {
  const auto t0 = std::chrono::steady_clock::now();
  const Vocabulary vocab = Vocabulary::load(o.data / "iptc_mediatopics_en.tsv");
  Corpus corpus;
  add_topics(corpus, vocab, o.max_level);
  KeyphraseBackgroundBuilder background;
  const std::vector<Rule> rules = read_rules(o.data / "iptc_extra_rules_en.jsonl", vocab);
  const WordCounts counts = analyse(o, vocab, rules, corpus, background);
  std::fprintf(stderr, "%zu examples, %zu topics; analysed in %.1f s\n", corpus.examples.size(), corpus.topics.size(),
               seconds_since(t0));
  if (!o.tune) {
    const KeyphraseBackground b = background.build(kBackgroundMinDocuments);
    if (Status s = b.save(o.keyphrases); !s) throw std::runtime_error(s.error().message);
    std::fprintf(stderr, "wrote %s: %zu words, %.1f MB\n", o.keyphrases.string().c_str(), b.size(),
                 fs::file_size(o.keyphrases) / 1e6);
    const Json lexicon = concept_lexicon(vocab, rules, counts, o.max_level);
    std::ofstream file(o.lexicon);
    file << lexicon.dump(1) << "\n";
    file.close();
    if (!file) throw std::runtime_error("cannot write " + o.lexicon.string());
    // Its compiled form, which start-up reads while the JSON is unchanged.
    fs::path compiled = o.lexicon;
    if (Status s = TopicLexicon::compile(o.lexicon, compiled.replace_extension(".bin")); !s)
      throw std::runtime_error(s.error().message);
    std::fprintf(stderr, "wrote %s and %s: %zu topics\n", o.lexicon.string().c_str(), compiled.string().c_str(),
                 lexicon.size());
  }
  std::mt19937 rng(o.training.seed);
  for (Origin& e : corpus.origins) e.fold = static_cast<int>(rng() % static_cast<unsigned>(std::max(1, o.folds)));
  std::vector<float> idf;
  const std::vector<std::uint64_t> keys = build_vectors(o, corpus, idf);
  set_weights(o, corpus);

  const TopicTrainingOptions& training = o.training;
  std::vector<std::vector<float>> oof(corpus.examples.size());
  for (int k = 0; o.folds > 1 && k < o.folds; ++k) {
    std::vector<std::uint32_t> train_set;
    for (std::uint32_t i = 0; i < corpus.examples.size(); ++i)
      if (corpus.origins[i].fold != k) train_set.push_back(i);
    const TopicWeights m = train_topic_weights(corpus.topics, corpus.examples, train_set, keys.size(), training);
    for (std::uint32_t i = 0; i < corpus.examples.size(); ++i)
      if (corpus.origins[i].fold == k) oof[i] = m.margins(corpus.examples[i].vector);
    std::fprintf(stderr, "fold %d of %d trained (%.1f s)\n", k + 1, o.folds, seconds_since(t0));
  }
  std::vector<float> scale, offset;
  calibrate(corpus, oof, scale, offset);
  if (o.folds > 1) report(corpus, oof, scale, offset);
  if (o.tune) return 0;

  std::vector<std::uint32_t> all(corpus.examples.size());
  std::iota(all.begin(), all.end(), 0u);
  const TopicWeights weights = train_topic_weights(corpus.topics, corpus.examples, all, keys.size(), training);
  auto classifier = TopicClassifier::create(
      topic_model_parameters(corpus.topics, weights, keys, idf, std::move(scale), std::move(offset)));
  if (!classifier) throw std::runtime_error(classifier.error().message);
  if (Status s = classifier->save(o.model); !s) throw std::runtime_error(s.error().message);
  std::fprintf(stderr, "wrote %s: %zu topics, %zu features, %zu weights, %.1f MB (%.1f s)\n", o.model.string().c_str(),
               classifier->topics().size(), classifier->features(), classifier->weights(), fs::file_size(o.model) / 1e6, seconds_since(t0));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"Train the IPTC Media Topics classifier and the keyphrase background from the topics data."};
  app.add_option("--data", o.data, "folder with iptc_mediatopics_en.tsv, topics_train*.jsonl, iptc_extra_rules_en.jsonl");
  app.add_option("--model", o.model, "topic model file to write");
  app.add_option("--keyphrases", o.keyphrases, "keyphrase background statistics file to write");
  app.add_option("--lexicon", o.lexicon, "IPTC concept lexicon file to write");
  app.add_option("--folds", o.folds, "cross-validation folds for calibration and the report (1: no calibration)");
  app.add_option("--epochs", o.training.epochs, "passes over the training data");
  app.add_option("--alpha", o.training.alpha, "FTRL learning rate");
  app.add_option("--l1", o.training.l1, "L1 regularisation");
  app.add_option("--l2", o.training.l2, "L2 regularisation");
  app.add_option("--seed-weight", o.seed_weight, "weight of the IPTC seed examples as a source");
  app.add_option("--source-power", o.source_power, "a source's weight grows as its size to this power");
  app.add_option("--min-count", o.min_count, "documents a feature must occur in");
  app.add_option("--prune", o.training.prune, "smallest weight kept in the model file");
  app.add_option("--max-level", o.max_level, "deepest IPTC level to model (1 or 2)")->check(CLI::Range(1, 2));
  app.add_option("--exclude", o.exclude, "sources to leave out (agnews masakhanews huffpost wcep seed)");
  app.add_flag("--tune", o.tune, "print the out-of-fold accuracy only; write nothing");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train-topics: %s\n", e.what());
    return 1;
  }
}
