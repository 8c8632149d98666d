#include "stance/stance_stage.h"

#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "analyze/entity.h"
#include "analyze/quote.h"
#include "analyze/stance.h"
#include "stance/stance_features.h"
#include "analyze/table_writer.h"
#include "stance/stance_test_support.h"
#include "temp_dir.h"

using namespace analyze;
using analyze::stance_testing::byte_of;
using analyze::stance_testing::segmented;
namespace fs = std::filesystem;

namespace {

// The stage is created directly so these tests do not depend on the entities stage: entities,
// where a test needs them, are put in by hand.
const Stage& stage() {
  static const std::unique_ptr<Stage> s = [] {
    StageOptions options;
    options.data_dir = testing::data_dir();
    auto created = stance_stage_spec().create(options);
    if (!created) throw std::runtime_error(created.error().message);
    return std::move(created.value());
  }();
  return *s;
}

Target span_target(const Document& doc, const std::string& needle, int nth = 0) {
  const std::uint32_t b = byte_of(doc, needle, nth);
  Target t;
  t.span = std::make_pair(doc.code_point(b), doc.code_point(b + static_cast<std::uint32_t>(needle.size())));
  return t;
}

Target name_target(const std::string& name) {
  Target t;
  t.name = name;
  return t;
}

// Runs the stage on `text` with the given targets (made from the segmented document).
template <class MakeTargets>
Document analyzed(const std::string& text, MakeTargets make_targets) {
  Document doc = segmented(text);
  doc.targets = make_targets(doc);
  REQUIRE(stage().run(doc));
  REQUIRE(doc.layer<StanceLayer>());
  return doc;
}

const Sentiment& target(const Document& doc, std::size_t i) { return doc.layer<StanceLayer>()->targets.at(i); }

// An entity with one mention per occurrence of `surface` in the text.
Entity entity_from_text(const Document& doc, const std::string& name, const std::string& surface) {
  Entity e;
  e.name = name;
  e.type = EntityType::kPerson;
  e.aliases = {name, surface};
  for (std::size_t pos = doc.text().find(surface); pos != std::string::npos; pos = doc.text().find(surface, pos + 1)) {
    const auto loc = locate_target(doc, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + surface.size()));
    REQUIRE(loc);
    e.mentions.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + surface.size()),
                          loc->sentence, loc->token_begin, loc->token_end});
  }
  return e;
}

}  // namespace

TEST_CASE("stance: a span target gets the polarity of what is said about it", "[stance_stage][data]") {
  const auto neg = analyzed("Critics say Smith is a corrupt, dishonest liar who betrayed voters.",
                            [](const Document& d) { return std::vector{span_target(d, "Smith")}; });
  CHECK(target(neg, 0).polarity == Polarity::kNegative);
  CHECK(target(neg, 0).score < 0.0f);
  CHECK(target(neg, 0).evidence == std::vector<std::uint32_t>{0});

  const auto pos = analyzed("Smith was praised for her brilliant, courageous leadership.",
                            [](const Document& d) { return std::vector{span_target(d, "Smith")}; });
  CHECK(pos.layer<StanceLayer>()->targets[0].polarity == Polarity::kPositive);

  // The JSON echoes the span, in code points.
  const Json out = testing::written_json(neg, {&stage()});
  const auto& t = out["stance"]["targets"][0];
  CHECK(t["start"] == 12);
  CHECK(t["end"] == 17);
  CHECK(t["polarity"] == "negative");
  CHECK(t["evidence"] == Json::array({0}));
}

TEST_CASE("stance: negation turns what is said around", "[stance_stage][data]") {
  auto score_of = [](const std::string& text, const std::string& who) {
    return target(analyzed(text, [&](const Document& d) { return std::vector{span_target(d, who)}; }), 0).score;
  };
  CHECK(score_of("The reform is not a great success.", "reform") < 0.0f);
  CHECK(score_of("The reform is a great success.", "reform") > 0.0f);
  CHECK(score_of("Smith is not a liar.", "Smith") > score_of("Smith is a liar.", "Smith"));
}

TEST_CASE("stance: contrast separates two targets in one sentence", "[stance_stage][data]") {
  const auto doc = analyzed("Jones is honest and widely admired, but Smith is a corrupt liar.", [](const Document& d) {
    return std::vector{span_target(d, "Jones"), span_target(d, "Smith")};
  });
  CHECK(target(doc, 0).polarity == Polarity::kPositive);
  CHECK(target(doc, 1).polarity == Polarity::kNegative);
}

TEST_CASE("stance: a reported view weighs less than the article's own voice", "[stance_stage][data]") {
  const auto doc = analyzed("The plan is a terrible failure. Critics argue that the plan is a terrible failure.",
                            [](const Document&) { return std::vector<Target>{}; });
  const auto& sentences = doc.layer<StanceLayer>()->sentences;
  REQUIRE(sentences.size() == 2);
  CHECK(sentences[0].polarity == Polarity::kNegative);
  CHECK(sentences[1].polarity == Polarity::kNegative);
  CHECK(sentences[1].score > sentences[0].score);
}

namespace {

// The score the stage gives the span `who` in `text`, by the model or (lexicon_only) the rules alone.
float score_toward(const std::string& text, const std::string& who, bool lexicon_only = false) {
  static const std::unique_ptr<Stage> rules = [] {
    StageOptions options;
    options.data_dir = testing::data_dir();
    options.stance_variant = StanceVariant::kLexicon;
    return std::move(stance_stage_spec().create(options).value());
  }();
  Document doc = segmented(text);
  doc.targets = {span_target(doc, who)};
  REQUIRE((lexicon_only ? *rules : stage()).run(doc));
  return doc.layer<StanceLayer>()->targets.at(0).score;
}

// The rules (the lexicon-only variant) give `who` the polarity `sign` says, and the model leans
// that way: it learns the role features from political news, where sports and market verbs are
// rare, so on them it may stay inside the neutral band.
void check_toward(const std::string& text, const std::string& who, int sign) {
  INFO(text << " -> " << who);
  CHECK(polarity_of(score_toward(text, who, true)) == (sign > 0 ? Polarity::kPositive : Polarity::kNegative));
  CHECK(score_toward(text, who) * static_cast<float>(sign) > 0.0f);
}

}  // namespace

TEST_CASE("stance idioms: a helper of victims is not blamed for their plight", "[stance_stage][data]") {
  check_toward("Norway funded emergency shelters for the victims of the deadly earthquake.", "Norway", +1);
  check_toward("The charity helped hundreds of families who lost everything in the devastating fire.", "charity", +1);
}

TEST_CASE("stance idioms: winning over a rival is good for the winner, bad for the loser", "[stance_stage][data]") {
  check_toward("Kemboi dominated the race from the first lap.", "Kemboi", +1);
  check_toward("Rovers thrashed Wanderers in a one-sided derby.", "Rovers", +1);
  check_toward("Rovers thrashed Wanderers in a one-sided derby.", "Wanderers", -1);
  check_toward("Wanderers were crushed by Rovers in the derby.", "Rovers", +1);
  check_toward("Wanderers were crushed by Rovers in the derby.", "Wanderers", -1);
}

TEST_CASE("stance idioms: a company's measures going down is bad news for it", "[stance_stage][data]") {
  check_toward("Shares of Brightwell dropped after the recall hit profit growth.", "Brightwell", -1);
  check_toward("Brightwell said sales jumped and profits rose to a record.", "Brightwell", +1);
  check_toward("At Brightwell, losses widened and debt soared.", "Brightwell", -1);
}

TEST_CASE("stance idioms: a killer application is praise", "[stance_stage][data]") {
  check_toward("Reviewers called the new tablet from Quillon a killer app for students.", "Quillon", +1);
}

TEST_CASE("stance idioms: the target of criticism, not the critic, is judged", "[stance_stage][data]") {
  check_toward("The senator criticized Halloway for the delays.", "Halloway", -1);
  check_toward("The mayor was praised by residents for the new park.", "mayor", +1);
}

TEST_CASE("stance: name targets match entities by name or alias, or are found in the text", "[stance_stage][data]") {
  Document doc = segmented(
      "President Nayib Bukele was praised for his brilliant leadership. Bukele's critics are few. "
      "Jones was condemned as a corrupt liar.");
  EntityLayer entities;
  entities.entities.push_back(entity_from_text(doc, "Nayib Bukele", "Bukele"));
  doc.set_layer(std::move(entities));
  doc.targets = {name_target("bukele"), name_target("Jones"), name_target("Obama")};
  REQUIRE(stage().run(doc));
  const StanceLayer& layer = *doc.layer<StanceLayer>();

  // Matched to entity 0 through its alias: the entity's own sentiment.
  // The mean of a praised mention and a doubtful one ("Bukele's critics are few", which the model
  // reads as negative) leans positive without leaving the neutral band.
  REQUIRE(layer.target_entities[0] == std::optional<std::uint32_t>(0));
  CHECK(layer.targets[0].score > 0.0f);
  CHECK(layer.targets[0].score == layer.entities[0].score);
  CHECK(layer.targets[0].polarity == layer.entities[0].polarity);
  CHECK_FALSE(layer.entities[0].evidence.empty());
  CHECK(layer.entities[0].evidence.front() == 0);

  // Not an entity, but in the text: scored from its occurrences.
  CHECK_FALSE(layer.target_entities[1]);
  CHECK(layer.targets[1].polarity == Polarity::kNegative);
  CHECK(layer.targets[1].evidence == std::vector<std::uint32_t>{2});

  // Absent from the text: neutral, no evidence, no error.
  CHECK(layer.targets[2].polarity == Polarity::kNeutral);
  CHECK(layer.targets[2].score == 0.0f);
  CHECK(layer.targets[2].evidence.empty());

  // In the JSON: the stance object, and the keys the stage adds to each entity and sentence.
  const Json out = testing::written_json(doc, {&stage()});
  const Json entity = testing::keys_json([&](JsonWriter& w) { stage().write_entity_keys(doc, 0, w); });
  CHECK(entity["sentiment"]["polarity"] == polarity_name(layer.entities[0].polarity));
  CHECK(entity["evidence"].size() >= 1);
  const auto& targets = out["stance"]["targets"];
  REQUIRE(targets.size() == 3);
  CHECK(targets[0]["target"] == "bukele");
  CHECK(targets[0]["entity"] == 0);
  CHECK_FALSE(targets[1].contains("entity"));
  CHECK(targets[2]["polarity"] == "neutral");
  CHECK(targets[2]["evidence"].empty());
  CHECK(out["stance"]["tone"].contains("score"));
  CHECK(out["stance"]["tone"]["positive"].get<double>() > 0.0);
  auto sentence = [&](std::size_t i) {
    return testing::keys_json([&](JsonWriter& w) { stage().write_sentence_keys(doc, i, w); });
  };
  CHECK(sentence(0)["sentiment"]["polarity"] == "positive");
  CHECK(sentence(2)["sentiment"]["polarity"] == "negative");

  TableWriter table(80);
  stage().write_table(doc, table);
  CHECK(table.str().find("Stance") != std::string::npos);
  CHECK(table.str().find("Nayib Bukele") != std::string::npos);
}

TEST_CASE("stance: a span target over nothing, and non-English text, are answered neutral", "[stance_stage][data]") {
  Document doc = segmented("Smith is a liar.   ");
  Target beyond;
  beyond.span = std::make_pair(100u, 110u);
  doc.targets = {beyond};
  REQUIRE(stage().run(doc));
  CHECK(doc.layer<StanceLayer>()->targets[0].polarity == Polarity::kNeutral);
  CHECK(doc.layer<StanceLayer>()->targets[0].evidence.empty());

  Document es = segmented("Smith es un mentiroso.");
  es.language = Language{"es", 0.99, true};
  es.targets = {name_target("Smith")};
  REQUIRE(stage().run(es));
  CHECK(es.layer<StanceLayer>()->targets[0].polarity == Polarity::kNeutral);
  REQUIRE_FALSE(es.warnings.empty());
  CHECK(es.warnings.back().code == "not-english");
}

TEST_CASE("stance: the lexicon-only variant is selectable, and bad data fails at start-up", "[stance_stage][data]") {
  StageOptions options;
  options.data_dir = testing::data_dir();
  options.stance_variant = StanceVariant::kLexicon;
  auto lexicon_only = stance_stage_spec().create(options);
  REQUIRE(lexicon_only);
  Document doc = segmented("Smith is a corrupt, dishonest liar.");
  doc.targets = {span_target(doc, "Smith")};
  REQUIRE((*lexicon_only)->run(doc));
  CHECK(doc.layer<StanceLayer>()->targets[0].polarity == Polarity::kNegative);

  const testing::TempDir dir;
  dir.write(kStanceModelFile, "ANSTANCE garbage");
  fs::create_directory(dir.path / "lexicons");
  fs::copy_file(testing::data_dir() / kSentimentLexiconFile, dir.path / kSentimentLexiconFile);
  fs::copy_file(testing::data_dir() / kStanceIdiomsFile, dir.path / kStanceIdiomsFile);
  options.data_dir = dir.path;
  options.stance_variant = StanceVariant::kModel;
  auto corrupt = stance_stage_spec().create(options);
  REQUIRE_FALSE(corrupt);
  CHECK(corrupt.error().code == "bad-model");
  CHECK(corrupt.error().message.find("stance.bin") != std::string::npos);
  fs::remove(dir.path / kSentimentLexiconFile);
  auto no_lexicon = stance_stage_spec().create(options);
  REQUIRE_FALSE(no_lexicon);
  CHECK(no_lexicon.error().code == "bad-model");
  fs::copy_file(testing::data_dir() / kSentimentLexiconFile, dir.path / kSentimentLexiconFile);
  dir.write(kStanceIdiomsFile, "# analyze-stance-idioms 1\nbeat\trole\t0.5\n");
  auto bad_idioms = stance_stage_spec().create(options);
  REQUIRE_FALSE(bad_idioms);
  CHECK(bad_idioms.error().code == "bad-model");
  CHECK(bad_idioms.error().message.find("stance-idioms.tsv:2") != std::string::npos);
}

TEST_CASE("stance: a quoted opinion is not the article's own tone", "[stance_stage][data]") {
  const std::string text = "The council met on Monday. “This plan is a terrible, awful disaster,” the mayor said.";
  Document without = analyzed(text, [](const Document&) { return std::vector<Target>{}; });
  CHECK(without.layer<StanceLayer>()->tone.negative > 0.0f);
  Document with = segmented(text);
  const std::uint32_t begin = byte_of(with, "This plan"), end = byte_of(with, "disaster") + 8;
  with.set_layer(QuoteLayer{{Quote{{begin, end}, true, std::nullopt, std::nullopt, std::nullopt}}});
  REQUIRE(stage().run(with));
  CHECK(with.layer<StanceLayer>()->tone.negative == 0.0f);
  CHECK(with.layer<StanceLayer>()->tone.score == 0.0f);
}

TEST_CASE("stance: the spec declares what it needs and provides", "[stance_stage]") {
  const StageSpec& spec = stance_stage_spec();
  CHECK(spec.name == "stance");
  CHECK(std::find(spec.requires_layers.begin(), spec.requires_layers.end(), "entities") != spec.requires_layers.end());
  CHECK(spec.provides_layers == std::vector<std::string_view>{"stance"});
  CHECK(std::find(spec.optional_layers.begin(), spec.optional_layers.end(), "quotes") != spec.optional_layers.end());
}

TEST_CASE("stance: NewsMTSC dev-rw macro-F1 stays at or above 0.70", "[stance_stage][shared][data]") {
  const fs::path gold = testing::shared_dir() / "data/stance/newsmtsc-dev-rw.jsonl";
  if (!fs::exists(testing::shared_dir())) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  std::ifstream in(gold);
  REQUIRE(in);
  // confusion[gold][predicted], classes in Polarity order.
  double confusion[3][3] = {};
  std::string line;
  while (std::getline(in, line)) {
    const auto rec = nlohmann::json::parse(line);
    Document doc = segmented(rec["text"].get<std::string>());
    for (const auto& t : rec["targets"]) {
      Target target;
      target.span = std::make_pair(t["start"].get<std::uint32_t>(), t["end"].get<std::uint32_t>());
      doc.targets.push_back(target);
    }
    REQUIRE(stage().run(doc));
    const auto& answers = doc.layer<StanceLayer>()->targets;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const std::string g = rec["targets"][i]["polarity"];
      const int gi = g == "negative" ? 0 : g == "neutral" ? 1 : 2;
      confusion[gi][static_cast<int>(answers[i].polarity)] += 1;
    }
  }
  double macro_f1 = 0;
  for (int c = 0; c < 3; ++c) {
    const double predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
    const double actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
    const double p = predicted ? confusion[c][c] / predicted : 0, r = actual ? confusion[c][c] / actual : 0;
    macro_f1 += (p + r > 0 ? 2 * p * r / (p + r) : 0) / 3;
  }
  CHECK(macro_f1 >= 0.70);
}
