#include "topics/topics_stage.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "analyze/table_writer.h"
#include "core/hash_index.h"
#include "core/utf8.h"
#include "text/headline.h"
#include "topics/topic_classifier.h"

namespace analyze {

namespace {

// What is listed: the best level-1 topic always; another only when its calibrated score says it
// is likely (at least 0.5): below that, runners-up were mostly noise, a keyword or two of the
// concept lexicon ("sport" on a currency story) giving the same small score to hundreds of
// articles. Level-2 topics only when their own score is substantial.
constexpr double kLevel1Floor = 0.5;
constexpr std::size_t kMaxLevel1 = 5;
constexpr double kLevel2Floor = 0.4;
// A topic raised by the concept lexicon stays just below the classifier's best topic: the
// classifier, trained on whole documents, decides what an article is mainly about.
constexpr double kLexiconCap = 0.98;
// A mention or two in a headline or a two-sentence item is not yet what the item is about: the
// concept lexicon counts a text shorter than this as this long.
constexpr double kConceptMinWords = 250;

// The terms `concepts` reads: a word that may start a concept keyword and that the article writes
// capitalised inside a sentence and never in lower case is a name there ("Labour" the party,
// "Shell" the company), not the IPTC concept spelt the same, so its terms are left out (and the
// next term no longer follows one). A sentence's first word and the words of a title-case headline
// show no name. Returns false, leaving `out` alone, when the article has no such word. Linear: one
// hash index over the terms that may start a keyword.
bool concept_terms(const Document& doc, const std::vector<Term>& terms, const TopicLexicon& concepts,
                   std::vector<Term>& out) {
  enum : std::uint8_t { kNoEvidence, kName, kLowerCase };
  enum : std::int8_t { kUnknown = -1 };
  std::vector<std::int8_t> title_case_sentence(doc.sentences.size(), kUnknown);  // filled when asked
  auto in_title_case = [&](std::uint32_t sentence) {
    if (title_case_sentence[sentence] == kUnknown)
      title_case_sentence[sentence] = is_title_case(doc, doc.sentences[sentence]);
    return title_case_sentence[sentence] == 1;
  };
  HashIndex index;
  std::vector<std::uint8_t> state;
  for (const Term& t : terms) {
    if (!concepts.may_start_keyword(t.hash)) continue;
    const std::uint32_t i = index.insert(t.hash, static_cast<std::uint32_t>(state.size()));
    if (i == state.size()) state.push_back(kNoEvidence);
    const Token& token = doc.tokens[t.token];
    if (!utf8::starts_with_capital(doc.form(token))) {
      state[i] = kLowerCase;
    } else if (state[i] == kNoEvidence && t.token != doc.sentences[token.sentence].token_begin &&
               !in_title_case(token.sentence)) {
      state[i] = kName;
    }
  }
  if (std::find(state.begin(), state.end(), kName) == state.end()) return false;
  out.clear();
  bool dropped = false;
  for (const Term& t : terms) {
    if (const std::uint32_t i = index.find(t.hash); i != HashIndex::kAbsent && state[i] == kName) {
      dropped = true;
      continue;
    }
    out.push_back(t);
    if (dropped) out.back().follows_term = false;
    dropped = false;
  }
  return true;
}

class TopicsStage final : public Stage {
 public:
  TopicsStage(TopicClassifier classifier, TopicLexicon concepts, std::optional<TopicLexicon> lexicon)
      : classifier_(std::move(classifier)), concepts_(std::move(concepts)), lexicon_(std::move(lexicon)) {
    for (std::size_t i = 0; i < concepts_.size(); ++i)
      for (std::size_t t = 0; t < classifier_.topics().size(); ++t)
        if (classifier_.topics()[t].code == concepts_.code(i)) concept_topic_.push_back({i, t});
  }

  Status run(Document& doc) const override {
    TopicLayer layer;
    if (!english_or_warn(doc, "topics")) {
      doc.set_layer(std::move(layer));
      return Status::ok();
    }
    const TermLayer* term_layer = doc.layer<TermLayer>();
    if (!term_layer) return missing_layer("topics", "terms");
    const std::vector<Term>& terms = term_layer->terms;
    if (terms.empty()) {  // no words, no evidence: the model's priors are not a topic
      doc.set_layer(std::move(layer));
      return Status::ok();
    }
    std::vector<float> scores;
    classifier_.score(terms, scores);
    std::vector<Term> without_names;
    add_concept_evidence(concept_terms(doc, terms, concepts_, without_names) ? without_names : terms, scores);
    const auto& topics = classifier_.topics();
    std::vector<std::uint32_t> listed;  // the best level-1 topic, others above the floors
    std::uint32_t best = 0;
    for (std::uint32_t t = 0; t < scores.size(); ++t)
      if (topics[t].level == 1 && (topics[best].level != 1 || scores[t] > scores[best])) best = t;
    // A level-2 topic is listed under its level-1 topic only.
    auto listed_level1 = [&](std::uint32_t t) { return t == best || scores[t] >= kLevel1Floor; };
    for (std::uint32_t t = 0; t < scores.size(); ++t)
      if (topics[t].level == 1 ? listed_level1(t) : scores[t] >= kLevel2Floor && listed_level1(topics[t].level1))
        listed.push_back(t);
    std::stable_sort(listed.begin(), listed.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
    std::size_t level1 = 0;
    for (const std::uint32_t t : listed) {
      if (topics[t].level == 1 && ++level1 > kMaxLevel1) continue;
      layer.topics.push_back({topics[t].code, topics[t].label, topics[t].level,
                              topics[t].level == 1 ? std::string() : topics[topics[t].level1].code, scores[t]});
    }
    if (lexicon_) layer.user_topics = lexicon_->score(terms);
    doc.set_layer(std::move(layer));
    return Status::ok();
  }

  // Mentions of IPTC concepts ("organized crime", "unemployment") raise the topics they belong to:
  // a secondary topic of an article, or one the training data lacks, still gets a fair score. A
  // level-1 topic stays below the classifier's best; a level-2 topic below its parent.
  void add_concept_evidence(const std::vector<Term>& terms, std::vector<float>& scores) const {
    const auto& topics = classifier_.topics();
    float best = 0.0f;
    for (std::size_t t = 0; t < scores.size(); ++t)
      if (topics[t].level == 1) best = std::max(best, scores[t]);
    const std::vector<double> evidence = concepts_.scores(terms);
    for (const int level : {1, 2})
      for (const auto& [i, t] : concept_topic_) {
        if (topics[t].level != level || evidence[i] <= scores[t]) continue;
        const float cap = level == 1 ? static_cast<float>(kLexiconCap) * best : scores[topics[t].level1];
        scores[t] = std::max(scores[t], std::min(static_cast<float>(evidence[i]), cap));
      }
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const TopicLayer* layer = doc.layer<TopicLayer>();
    if (!layer) return;
    out.key("topics").begin_array();
    for (const ScoredTopic& t : layer->topics) {
      out.begin_object().field("code", t.code).field("label", t.label).field("level", t.level);
      if (!t.parent.empty()) out.field("parent", t.parent);
      out.field("score", json_score(t.score)).end_object();
    }
    out.end_array();
    if (!lexicon_) return;
    out.key("user_topics").begin_array();
    for (const UserTopicScore& t : layer->user_topics)
      out.begin_object()
          .field("code", t.code)
          .field("label", t.label)
          .field("score", json_score(t.score))
          .field("keywords", t.keywords)
          .end_object();
    out.end_array();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const TopicLayer* layer = doc.layer<TopicLayer>();
    if (!layer) return;
    table.heading("Topics (IPTC Media Topics)");
    // Each level-1 topic followed by its level-2 topics, indented.
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> shown(layer->topics.size(), false);
    auto add = [&](std::size_t i) {
      const ScoredTopic& t = layer->topics[i];
      rows.push_back({fmt::format("{:.2f}", t.score), t.code, (t.level == 1 ? "" : "  ") + t.label});
      shown[i] = true;
    };
    for (std::size_t i = 0; i < layer->topics.size(); ++i) {
      if (layer->topics[i].level != 1) continue;
      add(i);
      for (std::size_t j = 0; j < layer->topics.size(); ++j)
        if (layer->topics[j].parent == layer->topics[i].code) add(j);
    }
    for (std::size_t i = 0; i < layer->topics.size(); ++i)
      if (!shown[i]) add(i);
    table.table({"score", "code", "topic"}, rows);
    if (!lexicon_) return;
    table.heading("Topics (your lexicon)");
    if (layer->user_topics.empty()) {
      table.line("(no keyword of the lexicon found)");
      return;
    }
    rows.clear();
    for (const UserTopicScore& t : layer->user_topics) {
      std::string keywords;
      for (const auto& k : t.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
      rows.push_back({fmt::format("{:.2f}", t.score), t.code, t.label + " (" + keywords + ")"});
    }
    table.table({"score", "code", "topic"}, rows);
  }

 private:
  TopicClassifier classifier_;
  TopicLexicon concepts_;  // data/models/topics-lexicon.json
  std::vector<std::pair<std::size_t, std::size_t>> concept_topic_;  // lexicon topic -> classifier topic
  std::optional<TopicLexicon> lexicon_;                             // the user's
};

Result<std::unique_ptr<Stage>> create(const StageOptions& options) {
  auto classifier = TopicClassifier::load(options.data_dir / "models" / "topics.bin");
  if (!classifier) return classifier.error();
  auto concepts = TopicLexicon::load(options.data_dir / "models" / "topics-lexicon.json", kConceptMinWords);
  if (!concepts) return Error{"bad-model", concepts.error().message};
  std::optional<TopicLexicon> lexicon;
  if (!options.topics_lexicon_file.empty()) {
    auto loaded = TopicLexicon::load(options.topics_lexicon_file);
    if (!loaded) return loaded.error();
    lexicon = std::move(loaded.value());
  }
  return std::unique_ptr<Stage>(
      new TopicsStage(std::move(classifier.value()), std::move(concepts.value()), std::move(lexicon)));
}

}  // namespace

const StageSpec& topics_stage_spec() {
  static const StageSpec spec{
      "topics",
      "IPTC Media Topics (level 1, level 2 where supported) with calibrated scores; --topics-lexicon adds your own",
      {"terms"},
      {"language"},
      {"topics"},
      create,
  };
  return spec;
}

}  // namespace analyze
