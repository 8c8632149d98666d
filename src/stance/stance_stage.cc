#include "stance/stance_stage.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "analyze/entity.h"
#include "analyze/quote.h"
#include "analyze/stance.h"
#include "stance/stance_features.h"
#include "stance/stance_model.h"
#include "analyze/table_writer.h"

namespace analyze {

namespace {

constexpr float kEvidenceMinimum = 0.05f;    // a sentence this weak drives nothing
constexpr std::size_t kMaxEvidence = 3;
constexpr std::size_t kTableEntities = 8;

// One place where something we score (an entity or a requested target) is mentioned.
struct Occurrence {
  std::uint32_t sentence = 0;
  std::uint32_t token_begin = 0;  // Document::tokens indexes
  std::uint32_t token_end = 0;
  std::uint32_t owner = 0;  // entity index, or entity count + target index
};

// What one sentence says about one occurrence.
struct Reading {
  std::uint32_t sentence = 0;
  float score = 0.0f;  // (-1, 1)
};

double round3(float v) { return std::round(static_cast<double>(v) * 1000.0) / 1000.0; }

bool same_words(std::string_view a, std::string_view b) { return lowercase_hash(a) == lowercase_hash(b); }

// Entity whose name or an alias is `name` (case-insensitive), if any.
std::optional<std::uint32_t> match_entity(const EntityLayer* entities, std::string_view name) {
  if (!entities) return std::nullopt;
  for (std::uint32_t e = 0; e < entities->entities.size(); ++e) {
    const Entity& ent = entities->entities[e];
    if (same_words(ent.name, name)) return e;
    for (const auto& alias : ent.aliases)
      if (same_words(alias, name)) return e;
  }
  return std::nullopt;
}

// Splits `name` at spaces into word hashes ("Nayib Bukele" -> two words).
std::vector<std::uint64_t> name_words(std::string_view name) {
  std::vector<std::uint64_t> words;
  while (!name.empty()) {
    const std::size_t sp = name.find(' ');
    if (sp != 0) words.push_back(lowercase_hash(name.substr(0, sp)));
    if (sp == std::string_view::npos) break;
    name.remove_prefix(sp + 1);
  }
  return words;
}

// Occurrences of a name in the text outside boilerplate: runs of tokens whose forms are its words.
void find_name(const Document& doc, std::string_view name, std::uint32_t owner, std::vector<Occurrence>& out) {
  const auto words = name_words(name);
  if (words.empty()) return;
  const std::size_t n = doc.tokens.size();
  for (std::size_t i = 0; i + words.size() <= n; ++i) {
    std::size_t k = 0;
    while (k < words.size() && doc.tokens[i + k].sentence == doc.tokens[i].sentence &&
           lowercase_hash(doc.form(doc.tokens[i + k])) == words[k])
      ++k;
    if (k < words.size() || doc.in_boilerplate(doc.sentences[doc.tokens[i].sentence])) continue;
    out.push_back({doc.tokens[i].sentence, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + k), owner});
  }
}

// The places outside boilerplate where the entities and the requested targets are mentioned, in
// text order. A target named like an entity (its name or an alias) is that entity: its index goes
// into `target_entities` and it needs no places of its own.
std::vector<Occurrence> find_occurrences(const Document& doc, const EntityLayer* entities,
                                         std::vector<std::optional<std::uint32_t>>& target_entities) {
  std::vector<Occurrence> occurrences;
  const auto n_entities = static_cast<std::uint32_t>(entities ? entities->entities.size() : 0);
  for (std::uint32_t e = 0; e < n_entities; ++e)
    for (const Mention& m : entities->entities[e].mentions)
      if (!doc.in_boilerplate(doc.sentences[m.sentence])) occurrences.push_back({m.sentence, m.token_begin, m.token_end, e});
  for (std::uint32_t r = 0; r < doc.targets.size(); ++r) {
    const Target& t = doc.targets[r];
    const std::uint32_t owner = n_entities + r;
    if (t.span) {
      if (const auto loc = locate_target(doc, doc.byte_offset(t.span->first), doc.byte_offset(t.span->second)))
        occurrences.push_back({loc->sentence, loc->token_begin, loc->token_end, owner});
    } else if (!(target_entities[r] = match_entity(entities, t.name))) {
      find_name(doc, t.name, owner, occurrences);
    }
  }
  std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.token_begin < b.token_begin;
  });
  return occurrences;
}

// GDELT's tone, counted over the words of the sentences outside boilerplate.
// Per token: inside a direct quotation of the quotes layer. The article's tone is its own words:
// a quoted opinion is the speaker's (entity sentiment still reads it).
std::vector<bool> quoted_tokens(const Document& doc) {
  std::vector<bool> quoted(doc.tokens.size(), false);
  const QuoteLayer* quotes = doc.layer<QuoteLayer>();
  if (!quotes) return quoted;
  for (const Quote& q : quotes->quotes) {
    if (!q.direct) continue;
    auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), q.content.begin,
                               [](const Token& t, std::uint32_t b) { return t.end <= b; });
    for (; it != doc.tokens.end() && it->begin < q.content.end; ++it) quoted[static_cast<std::size_t>(it - doc.tokens.begin())] = true;
  }
  return quoted;
}

struct ToneCounter {
  std::size_t words = 0, positive = 0, negative = 0;

  // `ruled` are the tokens of a sentence from token `first` on; quoted ones are left out.
  void add(const std::vector<RuledToken>& ruled, const std::vector<bool>& quoted, std::uint32_t first) {
    for (std::size_t i = 0; i < ruled.size(); ++i) {
      if (quoted[first + i]) continue;
      const RuledToken& t = ruled[i];
      words += t.word;
      positive += t.word && t.valence > 0.0f;
      negative += t.word && t.valence < 0.0f;
    }
  }
  Tone tone() const {
    Tone tone;
    if (words == 0) return tone;
    tone.positive = 100.0f * static_cast<float>(positive) / static_cast<float>(words);
    tone.negative = 100.0f * static_cast<float>(negative) / static_cast<float>(words);
    tone.score = tone.positive - tone.negative;
    return tone;
  }
};

class StanceStage : public Stage {
 public:
  StanceStage(SentimentLexicon lexicon, StanceIdioms idioms, std::optional<StanceModel> model)
      : lexicon_(std::move(lexicon)), idioms_(std::move(idioms)), model_(std::move(model)) {}

  Status run(Document& doc) const override;
  void write_json(const Document& doc, ArticleJsonWriter& out) const override;
  void write_sentence_keys(const Document& doc, std::size_t sentence, JsonWriter& out) const override;
  void write_entity_keys(const Document& doc, std::size_t entity, JsonWriter& out) const override;
  void write_table(const Document& doc, TableWriter& table) const override;

 private:
  Sentiment summarize(std::vector<Reading>& readings) const;
  // What a sentence, whose tokens the rules made `ruled`, says about its tokens [begin, end): by
  // the model, from the sentence's own logits and the occurrence's features, or by the lexicon.
  Reading read(const std::vector<RuledToken>& ruled, std::uint32_t sentence, std::size_t begin, std::size_t end,
               const StanceModel::Scores& sentence_logits, std::vector<StanceFeature>& features) const;
  // One pass over the sentences: each sentence's polarity, the article's tone (quotes and list-like
  // sentences left out), and a reading of every occurrence of an entity or target.
  void read_sentences(const Document& doc, const std::vector<Occurrence>& occurrences, StanceLayer& layer,
                      std::vector<std::vector<Reading>>& readings) const;
  // The readings of the occurrences [begin, end) of one sentence, whose tokens the rules made `ruled`.
  void read_occurrences(const std::vector<RuledToken>& ruled, const Sentence& sentence, std::uint32_t si,
                        std::vector<Occurrence>::const_iterator begin, std::vector<Occurrence>::const_iterator end,
                        std::vector<std::vector<Reading>>& readings, std::vector<StanceFeature>& features) const;

  SentimentLexicon lexicon_;
  StanceIdioms idioms_;
  std::optional<StanceModel> model_;  // absent: the lexicon-only variant
};

Sentiment StanceStage::summarize(std::vector<Reading>& readings) const {
  Sentiment s;
  if (readings.empty()) return s;
  for (const Reading& r : readings) {
    s.score += r.score;
    s.magnitude += std::abs(r.score);
  }
  s.score /= static_cast<float>(readings.size());
  s.polarity = polarity_of(s.score);
  // Evidence: the sentences that push hardest toward the polarity (either way when neutral).
  const float sign = s.polarity == Polarity::kPositive ? 1.0f : s.polarity == Polarity::kNegative ? -1.0f : 0.0f;
  auto strength = [&](const Reading& r) { return sign == 0.0f ? std::abs(r.score) : sign * r.score; };
  std::stable_sort(readings.begin(), readings.end(),
                   [&](const Reading& a, const Reading& b) { return strength(a) > strength(b); });
  for (const Reading& r : readings) {
    if (s.evidence.size() == kMaxEvidence || strength(r) < kEvidenceMinimum) break;
    if (std::find(s.evidence.begin(), s.evidence.end(), r.sentence) == s.evidence.end()) s.evidence.push_back(r.sentence);
  }
  return s;
}

Reading StanceStage::read(const std::vector<RuledToken>& ruled, std::uint32_t sentence, std::size_t begin,
                          std::size_t end, const StanceModel::Scores& sentence_logits,
                          std::vector<StanceFeature>& features) const {
  Reading r{sentence, 0.0f};
  if (!model_) {
    r.score = valence_score(lexicon_target_sum(ruled, begin, end));
    return r;
  }
  features.clear();
  target_features(ruled, begin, end, features);
  StanceModel::Scores logits = sentence_logits;
  model_->add_logits(features, logits);
  r.score = StanceModel::mention_score(logits);
  return r;
}

Status StanceStage::run(Document& doc) const {
  const EntityLayer* entities = doc.layer<EntityLayer>();
  const auto n_entities = static_cast<std::uint32_t>(entities ? entities->entities.size() : 0);
  StanceLayer layer;
  layer.entities.resize(n_entities);
  layer.targets.resize(doc.targets.size());
  layer.target_entities.resize(doc.targets.size());
  if (english_or_warn(doc, "stance")) {
    const std::vector<Occurrence> occurrences = find_occurrences(doc, entities, layer.target_entities);
    std::vector<std::vector<Reading>> readings(n_entities + doc.targets.size());
    read_sentences(doc, occurrences, layer, readings);
    for (std::uint32_t e = 0; e < n_entities; ++e) layer.entities[e] = summarize(readings[e]);
    for (std::uint32_t r = 0; r < doc.targets.size(); ++r)
      layer.targets[r] = layer.target_entities[r] ? layer.entities[*layer.target_entities[r]]
                                                  : summarize(readings[n_entities + r]);
  }
  doc.set_layer(std::move(layer));
  return Status::ok();
}

void StanceStage::read_sentences(const Document& doc, const std::vector<Occurrence>& occurrences, StanceLayer& layer,
                                 std::vector<std::vector<Reading>>& readings) const {
  std::vector<RuledToken> ruled;
  std::vector<StanceFeature> features;
  ToneCounter tone;
  const std::vector<bool> quoted = quoted_tokens(doc);
  auto next = occurrences.begin();
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& sentence = doc.sentences[si];
    const bool boilerplate = doc.in_boilerplate(sentence);
    const auto sentence_end = std::find_if(next, occurrences.end(), [&](const Occurrence& o) { return o.sentence != si; });
    if (boilerplate && next == sentence_end) continue;
    apply_sentiment_rules(doc, sentence, lexicon_, idioms_, ruled);
    const bool list = list_like(ruled);
    if (!boilerplate) {
      const float score = list ? 0.0f : valence_score(valence_sum(ruled, 0, ruled.size()));
      layer.sentences.push_back({si, score, polarity_of(score)});
      if (!list) tone.add(ruled, quoted, sentence.token_begin);
    }
    if (!list) read_occurrences(ruled, sentence, si, next, sentence_end, readings, features);
    next = sentence_end;
  }
  layer.tone = tone.tone();
}

void StanceStage::read_occurrences(const std::vector<RuledToken>& ruled, const Sentence& sentence, std::uint32_t si,
                                   std::vector<Occurrence>::const_iterator begin,
                                   std::vector<Occurrence>::const_iterator end,
                                   std::vector<std::vector<Reading>>& readings,
                                   std::vector<StanceFeature>& features) const {
  if (begin == end) return;
  StanceModel::Scores sentence_logits{};
  if (model_) {
    features.clear();
    sentence_features(ruled, features);
    model_->add_logits(features, sentence_logits);
  }
  for (auto o = begin; o != end; ++o)
    readings[o->owner].push_back(read(ruled, si, o->token_begin - sentence.token_begin,
                                      o->token_end - sentence.token_begin, sentence_logits, features));
}

void write_sentiment(const Sentiment& s, JsonWriter& out) {
  out.field("score", round3(s.score)).field("magnitude", round3(s.magnitude)).field("polarity", polarity_name(s.polarity));
}

void StanceStage::write_json(const Document& doc, ArticleJsonWriter& out) const {
  const StanceLayer* layer = doc.layer<StanceLayer>();
  if (!layer) return;
  out.key("stance").begin_object();
  out.key("tone")
      .begin_object()
      .field("score", round3(layer->tone.score))
      .field("positive", round3(layer->tone.positive))
      .field("negative", round3(layer->tone.negative))
      .end_object();
  out.key("targets").begin_array();
  for (std::size_t r = 0; r < layer->targets.size(); ++r) {
    const Target& t = doc.targets[r];
    out.begin_object();
    if (t.span) {
      out.field("start", t.span->first).field("end", t.span->second);
    } else {
      out.field("target", t.name);
      if (layer->target_entities[r]) out.field("entity", *layer->target_entities[r]);
    }
    write_sentiment(layer->targets[r], out);
    out.field("evidence", layer->targets[r].evidence).end_object();
  }
  out.end_array().end_object();
}

// Sentences outside boilerplate have a polarity; the layer lists them in document order.
void StanceStage::write_sentence_keys(const Document& doc, std::size_t sentence, JsonWriter& out) const {
  const StanceLayer* layer = doc.layer<StanceLayer>();
  if (!layer) return;
  const auto it = std::lower_bound(layer->sentences.begin(), layer->sentences.end(), sentence,
                                   [](const SentencePolarity& s, std::size_t i) { return s.sentence < i; });
  if (it == layer->sentences.end() || it->sentence != sentence) return;
  out.key("sentiment")
      .begin_object()
      .field("score", round3(it->score))
      .field("polarity", polarity_name(it->polarity))
      .end_object();
}

void StanceStage::write_entity_keys(const Document& doc, std::size_t entity, JsonWriter& out) const {
  const StanceLayer* layer = doc.layer<StanceLayer>();
  if (!layer || entity >= layer->entities.size()) return;
  out.key("sentiment").begin_object();
  write_sentiment(layer->entities[entity], out);
  out.end_object().field("evidence", layer->entities[entity].evidence);
}

void StanceStage::write_table(const Document& doc, TableWriter& table) const {
  const StanceLayer* layer = doc.layer<StanceLayer>();
  if (!layer) return;
  table.heading("Stance");
  table.field("tone", fmt::format("{:+.2f}  ({:.1f}% positive, {:.1f}% negative words)", layer->tone.score,
                                  layer->tone.positive, layer->tone.negative));
  auto evidence_text = [&](const Sentiment& s) {
    return s.evidence.empty() ? std::string("-") : std::string(doc.slice(doc.sentences[s.evidence[0]].begin,
                                                                         doc.sentences[s.evidence[0]].end));
  };
  std::vector<std::vector<std::string>> rows;
  const EntityLayer* entities = doc.layer<EntityLayer>();
  for (std::size_t e = 0; entities && e < layer->entities.size() && e < kTableEntities; ++e) {
    const Sentiment& s = layer->entities[e];
    rows.push_back({entities->entities[e].name, std::string(polarity_name(s.polarity)), fmt::format("{:+.2f}", s.score),
                    evidence_text(s)});
  }
  for (std::size_t r = 0; r < layer->targets.size(); ++r) {
    const Target& t = doc.targets[r];
    const Sentiment& s = layer->targets[r];
    const std::string name = t.span ? fmt::format("[{}, {})", t.span->first, t.span->second) : t.name;
    rows.push_back({"target " + name, std::string(polarity_name(s.polarity)), fmt::format("{:+.2f}", s.score),
                    evidence_text(s)});
  }
  if (!rows.empty()) table.table({"entity", "polarity", "score", "strongest evidence"}, rows);
}

Result<std::unique_ptr<Stage>> create(const StageOptions& options) {
  auto lexicon = SentimentLexicon::load(options.data_dir / kSentimentLexiconFile);
  if (!lexicon) return lexicon.error();
  auto idioms = StanceIdioms::load(options.data_dir / kStanceIdiomsFile);
  if (!idioms) return idioms.error();
  if (options.stance_variant == StanceVariant::kLexicon)
    return std::unique_ptr<Stage>(new StanceStage(std::move(*lexicon), std::move(*idioms), std::nullopt));
  auto model = StanceModel::load(options.data_dir / kStanceModelFile);
  if (!model) return model.error();
  return std::unique_ptr<Stage>(new StanceStage(std::move(*lexicon), std::move(*idioms), std::move(*model)));
}

}  // namespace

const StageSpec& stance_stage_spec() {
  static const StageSpec spec{
      "stance",
      "article tone, sentence polarities, and sentiment toward each entity and requested target",
      {"paragraphs", "sentences", "tokens", "entities"},
      {"boilerplate", "language", "quotes"},
      {"stance"},
      create,
  };
  return spec;
}

}  // namespace analyze
