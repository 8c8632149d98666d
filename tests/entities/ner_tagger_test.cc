// The named-entity tagger: BILOU decoding, gazetteer matching, training and the model file, and
// behaviour of the shipped model (data/models/ner.bin) that users rely on.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "entities/ner_features.h"
#include "entities/ner_model.h"
#include "entities/ner_tagger.h"
#include "train/ner_trainer.h"
#include "core/utf8.h"
#include "temp_dir.h"
#include "test_support.h"
#include "train/ner_training_support.h"

namespace analyze {
namespace {

namespace fs = std::filesystem;
using testing::analyzed;

// Mentions as "TYPE text" strings, in text order.
std::vector<std::string> mentions(const Document& doc, const std::vector<TaggedSpan>& spans) {
  std::vector<std::string> out;
  for (const TaggedSpan& s : spans)
    out.push_back(std::string(entity_type_name(s.type)) + " " +
                  std::string(doc.slice(doc.tokens[s.token_begin].begin, doc.tokens[s.token_end - 1].end)));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Token span of the first occurrence of `phrase` (whole tokens) in `doc`.
TaggedSpan span_of(const Document& doc, const std::string& phrase, EntityType type) {
  for (std::uint32_t b = 0; b < doc.tokens.size(); ++b)
    for (std::uint32_t e = b + 1; e <= doc.tokens.size(); ++e)
      if (doc.slice(doc.tokens[b].begin, doc.tokens[e - 1].end) == phrase) return {b, e, type};
  FAIL("phrase not found: " << phrase);
  return {};
}

const NerTagger& shipped_tagger() {
  static const NerTagger tagger = [] {
    auto t = NerTagger::load(testing::data_dir() / "models" / "ner.bin");
    if (!t) FAIL(t.error().message);
    return std::move(t.value());
  }();
  return tagger;
}

}  // namespace

TEST_CASE("BILOU tags and spans convert both ways, and Viterbi keeps tags well-formed", "[ner]") {
  const std::vector<TaggedSpan> spans = {{1, 3, EntityType::kPerson}, {4, 5, EntityType::kLocation}, {5, 8, EntityType::kMisc}};
  std::vector<std::uint8_t> tags(9);
  ner_tags_from_spans(spans, 0, 9, tags.data());
  CHECK(tags[1] == ner_tag(EntityType::kPerson, kNerBegin));
  CHECK(tags[2] == ner_tag(EntityType::kPerson, kNerLast));
  CHECK(tags[4] == ner_tag(EntityType::kLocation, kNerUnit));
  CHECK(tags[6] == ner_tag(EntityType::kMisc, kNerInside));
  std::vector<TaggedSpan> back;
  ner_spans_from_tags(tags.data(), 0, 9, back);
  REQUIRE(back.size() == 3);
  CHECK((back[2].token_begin == 5 && back[2].token_end == 8 && back[2].type == EntityType::kMisc));

  // Emissions that alone would say "I-PER" first and "B-LOC" last: not a valid sequence.
  std::vector<float> emissions(2 * kNerTags, 0.0f);
  emissions[ner_tag(EntityType::kPerson, kNerInside)] = 5;
  emissions[kNerTags + ner_tag(EntityType::kLocation, kNerBegin)] = 5;
  std::vector<int> best(2);
  std::vector<float> work;
  std::vector<std::uint8_t> scratch;
  const NerTransitions transitions = ner_forbid_transitions(NerTransitions{});
  ner_viterbi(emissions.data(), 2, transitions.data(), best.data(), work, scratch);
  for (int i = 0; i < 2; ++i) CHECK(best[i] == 0);
}

TEST_CASE("the gazetteer matches the longest phrase, left to right", "[ner]") {
  NerGazetteer gazetteer;
  const auto keys = [](std::initializer_list<const char*> words) {
    std::vector<std::uint64_t> k;
    for (const char* w : words) k.push_back(NerFeatureExtractor::word_key(utf8::to_lower(w)));
    return k;
  };
  const std::size_t places = gazetteer.list("places"), names = gazetteer.list("names");
  for (const auto& phrase : {keys({"new", "york"}), keys({"new", "york", "city"}), keys({"york"})})
    gazetteer.add(phrase.data(), phrase.size(), places);
  const auto york = keys({"york"});
  gazetteer.add(york.data(), york.size(), names);

  const auto text = keys({"in", "New", "York", "City", "and", "York"});
  std::vector<NerGazetteerMatch> m(text.size());
  gazetteer.match(text.data(), text.size(), m.data());
  CHECK(m[0].lists == 0);
  CHECK((m[1].lists == 1u << places && m[1].position == kNerBegin));
  CHECK(m[2].position == kNerInside);
  CHECK(m[3].position == kNerLast);
  CHECK((m[5].lists == ((1u << places) | (1u << names)) && m[5].position == kNerUnit));
}

TEST_CASE("a tagger trained on a tiny corpus tags it and survives a save/load round trip", "[ner][data]") {
  const std::vector<std::string> people = {"Anna Lindqvist", "Peter Blackburn", "Maria Santos", "Tom Okafor"};
  const std::vector<std::string> places = {"Oslo", "Lima", "Nairobi", "Quito"};
  const std::vector<std::string> firms = {"Volvo", "Petrobras", "Safaricom", "Nokia"};
  std::vector<NerTrainingDocument> docs;
  for (std::size_t i = 0; i < 24; ++i) {
    const std::string& person = people[i % 4];
    const std::string& place = places[(i / 4) % 4];
    const std::string& firm = firms[(i + 1) % 4];
    NerTrainingDocument d{analyzed(person + " visited " + place + " on Monday.\nThe talks with " + firm +
                                   " went well, " + person.substr(person.find(' ') + 1) + " said in " + place + "."),
                          {}};
    d.gold = {span_of(d.doc, person, EntityType::kPerson), span_of(d.doc, place, EntityType::kLocation),
              span_of(d.doc, firm, EntityType::kOrganization)};
    docs.push_back(std::move(d));
  }
  const NerTagger trained = testing::tiny_tagger(docs, 5, 2);
  CHECK(trained.model().weights.size() > 0);
  const Document doc = analyzed("Maria Santos visited Nairobi on Monday.");
  const std::vector<std::string> found = mentions(doc, trained.tag(doc));
  CHECK(has(found, "PERSON Maria Santos"));
  CHECK(has(found, "LOCATION Nairobi"));

  const testing::TempDir dir;
  const fs::path file = dir.path / "ner.bin";
  REQUIRE(trained.save(file).is_ok());
  auto loaded = NerTagger::load(file);
  REQUIRE(loaded.is_ok());
  for (const auto& d : docs) CHECK(mentions(d.doc, loaded->tag(d.doc)) == mentions(d.doc, trained.tag(d.doc)));
}

TEST_CASE("a missing, truncated or corrupt model file is a bad-model error, not a crash", "[ner][data]") {
  const fs::path good = testing::data_dir() / "models" / "ner.bin";
  const std::string bytes = testing::read_file(good);
  REQUIRE(bytes.size() > 1000);

  const testing::TempDir dir;
  const auto load_bytes = [&dir](const std::string& content) { return NerTagger::load(dir.write("corrupt.bin", content)); };
  auto missing = NerTagger::load(dir.path / "does-not-exist.bin");
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.error().code == "bad-model");
  CHECK(missing.error().message.find("does-not-exist.bin") != std::string::npos);

  for (const std::size_t size : {std::size_t{0}, std::size_t{7}, std::size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    auto truncated = load_bytes(bytes.substr(0, size));
    REQUIRE_FALSE(truncated.is_ok());
    CHECK(truncated.error().code == "bad-model");
  }
  for (const std::size_t at : {std::size_t{3}, std::size_t{30}, bytes.size() / 3, bytes.size() - 5}) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x5a);
    auto corrupt = load_bytes(flipped);
    REQUIRE_FALSE(corrupt.is_ok());
    CHECK(corrupt.error().code == "bad-model");
  }
  CHECK_FALSE(load_bytes(bytes + "x").is_ok());
  CHECK(load_bytes(bytes).is_ok());
}

TEST_CASE("the shipped model leaves titles outside PERSON names", "[ner][data]") {
  const Document doc = analyzed("Mr Blair met President Clinton and Prime Minister John Major in London on Tuesday.");
  const std::vector<std::string> found = mentions(doc, shipped_tagger().tag(doc));
  CAPTURE(found);
  CHECK(has(found, "PERSON Blair"));
  CHECK(has(found, "PERSON Clinton"));
  CHECK(has(found, "PERSON John Major"));
  CHECK(has(found, "LOCATION London"));
  for (const std::string& m : found) CHECK(m.find("Mr") == std::string::npos);
}

TEST_CASE("the shipped model tags names in all-caps headlines", "[ner][data]") {
  const Document doc = analyzed(
      "SOCCER - JUVENTUS BEAT PARMA AS RAVANELLI SCORES IN TURIN.\n"
      "Juventus beat Parma 2-1 on Sunday with a late goal by Fabrizio Ravanelli.");
  const std::vector<std::string> found = mentions(doc, shipped_tagger().tag(doc));
  CAPTURE(found);
  CHECK(has(found, "ORGANIZATION JUVENTUS"));
  CHECK(has(found, "ORGANIZATION PARMA"));
  CHECK(has(found, "PERSON RAVANELLI"));
  CHECK(has(found, "LOCATION TURIN"));
  CHECK_FALSE(has(found, "MISC SOCCER"));
  CHECK(has(found, "PERSON Fabrizio Ravanelli"));
}

TEST_CASE("sentences in boilerplate paragraphs are not tagged", "[ner][data]") {
  Document doc = analyzed("Angela Merkel spoke in Berlin.\nRead more: Vladimir Putin visits Crimea.");
  REQUIRE(doc.paragraphs.size() == 2);
  doc.paragraphs[1].boilerplate = true;
  const std::vector<TaggedSpan> spans = shipped_tagger().tag(doc);
  CHECK_FALSE(spans.empty());
  for (const TaggedSpan& s : spans) CHECK(doc.tokens[s.token_begin].sentence < doc.paragraphs[1].sentence_begin);
  CHECK(shipped_tagger().tag(Document()).empty());
}

}  // namespace analyze
