#include "entities/entities_stage.h"

#include <fmt/format.h>

#include <algorithm>

#include "analyze/date.h"
#include "analyze/quantity.h"
#include "entities/entity_linker.h"
#include "entities/gazetteer.h"
#include "entities/knowledge_base.h"
#include "entities/ner_tagger.h"
#include "entities/place_resolver.h"
#include "analyze/table_writer.h"

namespace analyze {

namespace {

constexpr std::size_t kTableRows = 12;

using ByteSpans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// The byte spans of the article's time expressions or quantities (when that stage ran), sorted.
template <class Layer, class Items>
ByteSpans spans_of(const Document& doc, Items Layer::*items) {
  ByteSpans spans;
  if (const auto* layer = doc.layer<Layer>())
    for (const auto& item : layer->*items) spans.emplace_back(item.begin, item.end);
  std::sort(spans.begin(), spans.end());
  return spans;
}

bool covered(const ByteSpans& spans, std::uint32_t begin, std::uint32_t end) {
  auto after = std::upper_bound(spans.begin(), spans.end(), std::pair{begin, UINT32_MAX});
  return after != spans.begin() && std::prev(after)->first <= begin && end <= std::prev(after)->second;
}

// A name the tagger found inside a time expression ("Friday", "August", "GMT" in "8pm GMT") is part
// of a when, not an entity; a person, organisation or place inside a quantity is part of a how much.
// A MISC name there stays: a currency's country ("Swiss" in "25,000 Swiss francs") is a name, as
// CoNLL-2003 tags it. The spans are dropped before linking.
void drop_spans_in_times_and_amounts(const Document& doc, std::vector<TaggedSpan>& tagged) {
  const ByteSpans times = spans_of(doc, &DateLayer::dates);
  const ByteSpans amounts = spans_of(doc, &QuantityLayer::quantities);
  if (times.empty() && amounts.empty()) return;
  auto inside = [&](const TaggedSpan& t) {
    const std::uint32_t begin = doc.tokens[t.token_begin].begin, end = doc.tokens[t.token_end - 1].end;
    return covered(times, begin, end) || (t.type != EntityType::kMisc && covered(amounts, begin, end));
  };
  tagged.erase(std::remove_if(tagged.begin(), tagged.end(), inside), tagged.end());
}

class EntitiesStage final : public Stage {
 public:
  EntitiesStage(NerTagger tagger, std::shared_ptr<const Gazetteer> gazetteer,
                std::shared_ptr<const KnowledgeBase> knowledge_base)
      : tagger_(std::move(tagger)), linker_(std::move(gazetteer), knowledge_base), resolver_(std::move(knowledge_base)) {}

  Status run(Document& doc) const override {
    if (!english_or_warn(doc, "entities")) {
      doc.set_layer(EntityLayer{});
      return Status::ok();
    }
    std::vector<TaggedSpan> tagged = tagger_.tag(doc);
    drop_spans_in_times_and_amounts(doc, tagged);
    EntityLayer layer = linker_.link(doc, tagged);
    resolver_.resolve(doc, layer);
    doc.set_layer(std::move(layer));
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const EntityLayer* layer = doc.layer<EntityLayer>();
    if (!layer) return;
    out.key("entities").begin_array();
    for (std::size_t i = 0; i < layer->entities.size(); ++i) {
      const Entity& e = layer->entities[i];
      out.begin_object()
          .field("name", e.name)
          .field("type", entity_type_name(e.type))
          .field("salience", json_score(e.salience))
          .field("aliases", e.aliases)
          .field("roles", e.roles);
      out.key("ids").begin_object();
      for (const auto& [scheme, value] : e.ids) out.field(scheme, value);
      out.end_object();
      if (e.coordinates)
        out.key("coordinates").begin_object().field("lat", e.coordinates->lat).field("lon", e.coordinates->lon).end_object();
      out.key("mentions").begin_array();
      for (const Mention& m : e.mentions)
        out.begin_object()
            .field("start", doc.code_point(m.begin))
            .field("end", doc.code_point(m.end))
            .field("text", doc.slice(m.begin, m.end))
            .field("sentence", m.sentence)
            .end_object();
      out.end_array();
      out.entity_keys(doc, i);
      out.end_object();
    }
    out.end_array();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const EntityLayer* layer = doc.layer<EntityLayer>();
    if (!layer) return;
    table.heading("Entities");
    if (layer->entities.empty()) {
      table.line("  (none found)");
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const Entity& e : layer->entities) {
      if (rows.size() == kTableRows) break;
      std::string also;  // other names, ids, roles
      for (const auto& alias : e.aliases)
        if (alias != e.name) also += (also.empty() ? "" : ", ") + alias;
      for (const auto& [scheme, value] : e.ids) also += (also.empty() ? "" : "; ") + scheme + " " + value;
      for (const auto& role : e.roles) also += (also.empty() ? "" : "; ") + role;
      rows.push_back({e.name, std::string(entity_type_name(e.type)), fmt::format("{:.2f}", e.salience),
                      std::to_string(e.mentions.size()), also});
    }
    table.table({"entity", "type", "salience", "mentions", "also"}, rows);
    if (layer->entities.size() > kTableRows)
      table.line(fmt::format("  … and {} more (--format json lists them all)", layer->entities.size() - kTableRows));
  }

 private:
  NerTagger tagger_;
  EntityLinker linker_;
  PlaceResolver resolver_;
};

Result<std::unique_ptr<Stage>> create(const StageOptions& options) {
  auto gazetteer = std::make_shared<Gazetteer>();
  if (Status s = gazetteer->add_directory(options.data_dir / "gazetteers"); !s) return s.error();
  for (const std::string& file : options.gazetteer_files)
    if (Status s = gazetteer->add_file(file, /*user=*/true); !s) return s.error();
  auto tagger = NerTagger::load(options.data_dir / "models" / "ner.bin");
  if (!tagger) return tagger.error();
  auto knowledge_base = KnowledgeBase::load(options.data_dir / "kb" / "places.bin");
  if (!knowledge_base) return knowledge_base.error();
  return std::unique_ptr<Stage>(new EntitiesStage(std::move(tagger.value()), std::move(gazetteer),
                                                  std::make_shared<const KnowledgeBase>(std::move(knowledge_base.value()))));
}

}  // namespace

const StageSpec& entities_stage_spec() {
  static const StageSpec spec{
      "entities",
      "named entities (PERSON, ORGANIZATION, LOCATION, MISC) grouped across mentions, with salience, ids (ISO 3166, GeoNames, Wikidata) and places' coordinates",
      {"paragraphs", "sentences", "tokens"},
      {"boilerplate", "language", "dates", "quantities"},
      {"entities"},
      create,
  };
  return spec;
}

}  // namespace analyze
