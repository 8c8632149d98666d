#include "topics/keyphrase_extractor.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include <catch2/catch.hpp>

#include "analyze/entity.h"
#include "text/terms.h"
#include "temp_dir.h"
#include "test_support.h"

using namespace analyze;
using analyze::testing::segmented;
namespace fs = std::filesystem;

namespace {

// A small background corpus: enough to tell verbs ("will tackle") from nouns ("the crime").
KeyphraseBackground toy_background() {
  KeyphraseBackgroundBuilder builder;
  const char* texts[] = {
      "The government will tackle the crime wave.", "Police said the crime rate fell.",
      "They will tackle the problem of poverty.", "The report raises questions about the budget.",
      "It raises taxes every year.", "The minister will address the rights of workers.",
      "Human rights groups criticised the plan.", "The court ruled on human rights.",
      "A new policy on immigration was announced.", "The immigration office was closed.",
      "Illegal immigration fell last year.", "The illegal trade grew.",
      "The delay was unacceptable.", "Critics said the cuts are unacceptable.", "The delay grew.",
      "Costs came in lower than forecasts.",
  };
  for (int copy = 0; copy < 3; ++copy)
    for (const char* t : texts) builder.add(segmented(t));
  return builder.build(2);
}

std::vector<std::string> texts_of(const std::vector<Keyphrase>& phrases) {
  std::vector<std::string> out;
  for (const auto& k : phrases) out.push_back(k.text);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* kArticle =
    "The government will tackle illegal immigration, the minister said.\n"
    "Critics said illegal immigration is not the problem; human rights are.\n"
    "Human right groups will meet the minister. Illegal Immigration was the theme of the meeting.\n"
    "Read more: subscribe to our newsletter about sports and recipes\n";

// What the keyphrases stage does with a document.
std::vector<Keyphrase> extract(const KeyphraseExtractor& extractor, const Document& doc, std::size_t limit) {
  std::vector<Term> terms;
  collect_terms(doc, terms);
  return extractor.extract(doc, terms, limit);
}

// The ten keyphrases of `text` against the toy background.
std::vector<std::string> toy_keyphrases(const char* text) {
  const KeyphraseExtractor extractor(toy_background());
  return texts_of(extract(extractor, segmented(text), 10));
}

// The phrases among `texts` that contain any of `parts`, ignoring case (an assertion that none
// does lists them when it fails).
std::vector<std::string> containing(const std::vector<std::string>& texts, std::initializer_list<std::string_view> parts) {
  std::vector<std::string> out;
  for (const auto& t : texts) {
    const std::string text = lower(t);
    if (std::any_of(parts.begin(), parts.end(),
                    [&](std::string_view p) { return text.find(lower(std::string(p))) != std::string::npos; }))
      out.push_back(t);
  }
  return out;
}

bool listed(const std::vector<std::string>& texts, std::string_view phrase) {
  return std::find(texts.begin(), texts.end(), phrase) != texts.end();
}

}  // namespace

TEST_CASE("keyphrases: background statistics survive save and load", "[keyphrases][data]") {
  const KeyphraseBackground b = toy_background();
  const testing::TempDir dir;
  const fs::path file = dir.path / "background.bin";
  REQUIRE(b.save(file));
  auto loaded = KeyphraseBackground::load(file);
  REQUIRE(loaded);
  CHECK(loaded->size() == b.size());
  std::string buffer;
  const auto* crime = loaded->find(term_hash("crime", buffer));
  const auto* original = b.find(term_hash("crime", buffer));
  REQUIRE(crime);
  REQUIRE(original);
  CHECK(crime->idf == Approx(original->idf));
  CHECK(crime->determiner == original->determiner);
  const auto* unacceptable = loaded->find(term_hash("unacceptable", buffer));
  REQUIRE(unacceptable);
  CHECK(unacceptable->adjective_share() == Approx(1.0).margin(0.01));  // after "was" and "are" each time
  const auto* lower = loaded->find(term_hash("lower", buffer));
  REQUIRE(lower);
  CHECK(lower->adjective_share() == Approx(1.0).margin(0.01));  // before "than"
  CHECK(crime->adjective == 0);
  const auto* the = loaded->find(term_hash("the", buffer));
  REQUIRE(the);
  CHECK(the->stop);  // stop words are known without being counted
  CHECK_FALSE(crime->stop);

  std::string bytes = testing::read_file(file);
  bytes[bytes.size() / 2] ^= 0x20;
  dir.write("background.bin", bytes);
  auto damaged = KeyphraseBackground::load(file);
  REQUIRE_FALSE(damaged);
  CHECK(damaged.error().code == "bad-model");
}

TEST_CASE("keyphrases: phrases are merged across case and plural, with no stop word or verb at the edges",
          "[keyphrases][data]") {
  const KeyphraseExtractor extractor(toy_background());
  Document doc = segmented(kArticle);
  doc.paragraphs.back().boilerplate = true;
  const auto phrases = extract(extractor, doc, 10);
  const auto texts = texts_of(phrases);
  REQUIRE_FALSE(phrases.empty());
  CHECK(phrases[0].text == "illegal immigration");  // the written form seen most often
  CHECK(phrases[0].count == 3);                       // "Illegal Immigration" counts too
  const auto rights = std::find(texts.begin(), texts.end(), "human rights");
  REQUIRE(rights != texts.end());
  CHECK(phrases[static_cast<std::size_t>(rights - texts.begin())].count == 2);  // "Human right groups"

  for (const auto& k : phrases) {
    const std::string t = lower(k.text);
    CHECK(t.rfind("the ", 0) != 0);
    CHECK(t.find(" the") == std::string::npos);
    CHECK(t.rfind("tackle", 0) != 0);  // a verb in the background corpus
    CHECK(t.find("newsletter") == std::string::npos);  // boilerplate paragraph
    CHECK(k.score > 0.0);
    CHECK(k.score < 1.0);
  }
  for (std::size_t i = 0; i + 1 < phrases.size(); ++i) CHECK(phrases[i].score >= phrases[i + 1].score);
  // No phrase is reported inside another one ("immigration" inside "illegal immigration").
  for (const auto& a : texts)
    for (const auto& b : texts)
      if (a != b) CHECK(lower(a).find(lower(b)) == std::string::npos);
}

TEST_CASE("keyphrases: an adjective (a word that follows \"is\" or comes before \"than\" in the background) is no phrase",
          "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "Officials said the delay was unacceptable.\nThe long delay angered passengers; unacceptable, they said.\n"
      "Unacceptable, said one. The delay continued. Fares went lower; fares went lower again.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "delay"));
  CHECK(containing(texts, {"unacceptable", "lower"}).empty());
}


TEST_CASE("keyphrases: a word the background never saw is judged by how the article uses it", "[keyphrases][data]") {
  // None of "harass", "conceal", "rational" and "brokers" is in the toy background: unseen words
  // rank as the rarest, so a verb or an adjective among them would top the list.
  const auto texts = toy_keyphrases(
      "Trolls harass the minister.\nCritics said it was cowardly to harass people online.\n"
      "The minister tried to conceal the report; the report was late.\n"
      "Sharon was so rational. The minister spoke to brokers, and the brokers agreed.\n");
  CAPTURE(texts);
  CHECK(containing(texts, {"harass", "conceal", "rational"}).empty());
  // A plural after "to" is still a noun.
  CHECK(listed(texts, "brokers"));
  CHECK(listed(texts, "minister"));
}
TEST_CASE("keyphrases: a name is not glued to the lower-case title or modifier before it", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "The union president Rosa Albers said the strike would go on.\n"
      "Officials met the civil protection chief Marco Bellini on Monday.\n"
      "The state-run Xinhua news agency reported the talks.\n");
  CAPTURE(texts);
  for (const char* name : {"Rosa Albers", "Marco Bellini", "Xinhua news agency"}) CHECK(listed(texts, name));
  CHECK(containing(texts, {"president Rosa", "chief Marco", "run Xinhua"}).empty());
}

// `doc` with entities added to its entity layer, as the entities stage would give them: one of
// `type` for each list of names (full name first, then shorter forms), mentioned wherever one of
// them occurs as whole tokens.
Document with_entities(Document doc, EntityType type, std::initializer_list<std::vector<std::string_view>> names) {
  EntityLayer layer;
  if (const EntityLayer* existing = doc.layer<EntityLayer>()) layer = *existing;
  for (const auto& forms : names) {
    Entity entity;
    entity.type = type;
    entity.name = std::string(forms.front());
    for (const std::string_view form : forms) {
      std::vector<std::string_view> words;
      for (std::size_t i = 0; i <= form.size();) {
        const std::size_t space = std::min(form.find(' ', i), form.size());
        words.push_back(form.substr(i, space - i));
        i = space + 1;
      }
      for (std::uint32_t i = 0; i + words.size() <= doc.tokens.size(); ++i) {
        bool match = true;
        for (std::size_t k = 0; k < words.size() && match; ++k) match = doc.form(doc.tokens[i + k]) == words[k];
        const auto last = static_cast<std::uint32_t>(i + words.size());
        const bool inside_another = std::any_of(entity.mentions.begin(), entity.mentions.end(), [&](const Mention& m) {
          return m.token_begin < last && i < m.token_end;
        });
        if (match && !inside_another) entity.mentions.push_back({doc.tokens[i].begin, doc.tokens[last - 1].end, 0, i, last});
      }
    }
    REQUIRE_FALSE(entity.mentions.empty());
    layer.entities.push_back(entity);
  }
  doc.set_layer(std::move(layer));
  return doc;
}

Document with_people(Document doc, std::initializer_list<std::vector<std::string_view>> people) {
  return with_entities(std::move(doc), EntityType::kPerson, people);
}

TEST_CASE("keyphrases: a person's name is kept apart from its title and from the word after it", "[keyphrases][data]") {
  const KeyphraseExtractor extractor(toy_background());
  const Document doc = with_people(segmented("Sen. Maria Delgado won the vote.\n"
                                             "Secretary of State Alan Brooks said Sen. Maria Delgado led.\n"
                                             "Chief Executive Ingrid Solberg resigned.\n"
                                             "The striker Lukas Brandt midway through the half scored.\n"
                                             "The Trump administration met. The Trump administration left.\n"),
                                   {{"Maria Delgado"}, {"Alan Brooks"}, {"Ingrid Solberg"}, {"Lukas Brandt"}, {"Trump"}});
  const auto texts = texts_of(extract(extractor, doc, 20));
  CAPTURE(texts);
  for (const char* name : {"Maria Delgado", "Alan Brooks", "Ingrid Solberg", "Lukas Brandt"}) CHECK(listed(texts, name));
  // A title is not a phrase, even repeated ("Sen."); a name runs on into the next word only in a
  // phrase the article repeats.
  for (const char* title : {"Sen.", "Sen", "State", "Chief Executive", "Executive"}) CHECK_FALSE(listed(texts, title));
  CHECK(containing(texts, {"Sen. Maria", "State Alan", "Executive Ingrid", "Brandt midway"}).empty());
  CHECK(listed(texts, "Trump administration"));
}

TEST_CASE("keyphrases stage: the entities stage's person names reach it in a pipeline", "[keyphrases][data]") {
  Document doc("chipmaker", testing::read_file(testing::data_dir() / "samples" / "chipmaker-earnings.txt"));
  auto pipeline = Pipeline::create({"normalize", "segment", "boilerplate", "language", "entities", "keyphrases"},
                                   testing::test_options());
  REQUIRE(pipeline);
  REQUIRE(pipeline->run(doc));
  const Json out = pipeline->to_json(doc);
  std::vector<std::string> texts;
  for (const auto& k : out["keyphrases"]) texts.push_back(k["text"].get<std::string>());
  CAPTURE(texts);
  CHECK(listed(texts, "Ingrid Solberg"));
  CHECK(containing(texts, {"Executive Ingrid", "Demand Soars"}).empty());
}

TEST_CASE("keyphrases: a person is reported as the article names them most often", "[keyphrases][data]") {
  const KeyphraseExtractor extractor(toy_background());
  const char* text =
      "Sen. Maria Delgado won the vote.\nDelgado thanked voters. Delgado said the crime rate fell.\n"
      "Delgado met Ruth Jones and Ricky Jones. Jones spoke first.\n";
  const Document doc = with_people(segmented(text), {{"Maria Delgado", "Delgado"}, {"Ruth Jones"}, {"Ricky Jones"}});
  const auto texts = texts_of(extract(extractor, doc, 20));
  CAPTURE(texts);
  CHECK(listed(texts, "Delgado"));
  CHECK_FALSE(listed(texts, "Maria Delgado"));
  CHECK(listed(texts, "Jones"));
}

TEST_CASE("keyphrases: an organisation's short name is reported as the full name the article writes twice",
          "[keyphrases][data]") {
  const KeyphraseExtractor extractor(toy_background());
  const char* text =
      "The Royal College of Nursing called a strike.\nThe Royal College said pay fell. The Royal College of "
      "Nursing met the minister.\nThe Royal College wants talks. Acme Widgets Holdings said Acme grew; Acme "
      "rose again.\n";
  const Document doc = with_entities(segmented(text), EntityType::kOrganization,
                                     {{"Royal College of Nursing", "Royal College"}, {"Acme Widgets Holdings", "Acme"}});
  const auto texts = texts_of(extract(extractor, doc, 20));
  CAPTURE(texts);
  CHECK(listed(texts, "Royal College of Nursing"));
  CHECK_FALSE(listed(texts, "Royal College"));
  // "Acme Widgets Holdings" is written once: it may be a tagging error, so "Acme" stays as written.
  CHECK(listed(texts, "Acme"));
}

TEST_CASE("keyphrases: a title-case headline is not one long phrase", "[keyphrases][data]") {
  const char* headline = "Data Center Demand Soars\n";
  const auto with_body = toy_keyphrases(
      "Data Center Demand Soars\nThe data center market grew as demand rose.\nDemand for chips soared.\n");
  CAPTURE(with_body);
  CHECK(listed(with_body, "data center"));
  CHECK(containing(with_body, {"Demand Soars"}).empty());
  CHECK_FALSE(listed(with_body, "Soars"));  // a word found only there is not known to be a noun
  // A text that is all headline keeps its phrases: there is nothing else to go by.
  const auto alone = toy_keyphrases(headline);
  CAPTURE(alone);
  CHECK(listed(alone, "Data Center Demand Soars"));
}

TEST_CASE("keyphrases: a date word (day, month, year) begins no phrase but may end one", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "Stores opened early on Thursday for Black Friday.\nOn Thursday, Black Friday crowds queued.\n"
      "Shoppers said Thursday was calm. In April, sales fell; April was slow.\n"
      "Sales fell last year and the year before, in the fiscal year.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "Black Friday"));
  CHECK(containing(texts, {"thursday", "april"}).empty());
  CHECK_FALSE(listed(texts, "year"));
}

TEST_CASE("keyphrases: a compound written with a hyphen or an ampersand is one unit, stop words included",
          "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "The cost-of-living crisis hit first-time buyers.\n"
      "The cost-of-living crisis worsened, and first-time buyers waited.\n"
      "They met the Oslo-based company.\n"
      "Troops fought the pro-Russian separatists.\n"
      "Shoppers went to H&M on Monday. Prices fell at H&M.\n");
  CAPTURE(texts);
  for (const char* phrase :
       {"cost-of-living crisis", "first-time buyers", "Oslo-based company", "pro-Russian separatists", "H&M"})
    CHECK(listed(texts, phrase));
  // "H&M." at the end of a sentence is the same phrase: the period is the sentence's.
  for (const char* part : {"living crisis", "time buyers", "based company", "H", "M", "H&M."})
    CHECK_FALSE(listed(texts, part));
}

TEST_CASE("keyphrases: yesterday, today, tonight and tomorrow are not part of a phrase", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "England won at the Oval yesterday.\nThe Oval crowd cheered the Oval yesterday and the final today.\n"
      "Fans expect rain tonight, and the parade tomorrow.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "Oval"));
  CHECK(containing(texts, {"yesterday", "today", "tonight", "tomorrow"}).empty());
}

TEST_CASE("keyphrases: the votes on unseen words stay per word in an article full of them", "[keyphrases][data]") {
  // Thousands of distinct unseen words, each after "the" (a noun vote), around one voted a verb.
  std::string text =
      "The quixotry of the quixotry was the quixotry.\n"
      "Critics said it was cowardly to harass people. Trolls harass the minister.\n";
  for (int i = 0; i < 20000; ++i) text += "The " + testing::distinct_word(i) + "k arrived.\n";
  const auto texts = toy_keyphrases(text.c_str());
  CAPTURE(texts);
  CHECK(containing(texts, {"harass"}).empty());
  CHECK(listed(texts, "quixotry"));  // unseen, voted a noun three times
}

TEST_CASE("keyphrases: datelines and credits are not phrases", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "Refinery Fire Closes Port (AP)\n\nAP - A refinery fire closed the port on Monday.\n\n"
      "WASHINGTON (Reuters) - The refinery fire sent fuel prices up.\n\n"
      "HOUSTON (AP) -- Crews fought the refinery fire; the port stayed shut.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "refinery fire"));
  CHECK(containing(texts, {"AP", "Reuters", "Washington", "Houston"}).empty());
}

TEST_CASE("keyphrases: quantity words are not phrases", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "The firm earned 5 billion euros.\nRevenue rose 20 percent to 5 billion euros, and thousands of jobs came.\n"
      "Millions watched. Revenue rose again, by a million euros; shares rose 3 per cent.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "euros"));
  CHECK(containing(texts, {"billion", "percent", "cent", "thousand", "million"}).empty());
}

TEST_CASE("keyphrases: numbers, amounts and years are no part of a phrase", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "Acme sold the unit for 3.25bn in 2011.\nThe 3.25bn sale of the unit closed in 2011, after 3-day talks.\n"
      "The 2nd bid for the unit failed; 2011 was a good year for Acme.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "unit"));
  CHECK(containing(texts, {"3.25", "2011", "3-day", "2nd"}).empty());
}

TEST_CASE("keyphrases: night, morning, weekend and abbreviated months are date words too", "[keyphrases][data]") {
  const auto texts = toy_keyphrases(
      "The Zorblat parade ran on Saturday night.\nThe Zorblat parade returns next weekend, each morning.\n"
      "Night fell; the weekend crowd and the morning crowd watched the Zorblat parade on Sept. 4 and Sept. 5.\n");
  CAPTURE(texts);
  CHECK(listed(texts, "Zorblat parade"));
  CHECK(containing(texts, {"night", "weekend", "morning", "sept"}).empty());
}

TEST_CASE("keyphrases: irregular plurals and plurals in -uses are merged with their singulars", "[keyphrases][data]") {
  const KeyphraseExtractor extractor(toy_background());
  const auto phrases = extract(extractor,
                               segmented("The flu virus spread.\nTwo flu viruses mutated. Scientists tracked the flu "
                                         "virus.\nThe zebrafish crises grew; the zebrafish crisis ended.\n"),
                               10);
  const auto texts = texts_of(phrases);
  CAPTURE(texts);
  for (const auto& k : phrases) {
    if (k.text == "flu virus") CHECK(k.count == 3);
    if (k.text == "zebrafish crisis" || k.text == "zebrafish crises") CHECK(k.count == 2);
  }
  CHECK(containing(texts, {"viruses"}).empty());
  CHECK((listed(texts, "zebrafish crisis") || listed(texts, "zebrafish crises")));
}

TEST_CASE("keyphrases: a generic word alone (in one background article in twenty) is no keyphrase",
          "[keyphrases][data]") {
  // A background of 1,600 articles where "crime" and "rate" are each in more than one in twenty:
  // alone they are generic; a phrase of them and a name are not. (The toy background of 48
  // articles is too small to judge: its "delay" and "minister" stay keyphrases, tested above.)
  KeyphraseBackgroundBuilder builder;
  for (int copy = 0; copy < 100; ++copy)
    for (const char* t : {"Police said the crime rate was high.", "The rate of crime is news.", "The crime wave.",
                          "The court ruled.", "A new policy on immigration.", "The delay grew.", "The budget.",
                          "The minister spoke.", "The trade grew.", "The plan.", "The vote.", "The port.",
                          "The ship.", "The storm.", "The game.", "The film."})
      builder.add(segmented(t));
  const KeyphraseExtractor extractor(builder.build(2));
  const char* text =
      "Zorbia has a high crime rate.\nThe crime rate of Zorbia is news, and crime is news.\n"
      "The rate of crime in Zorbia is high; crime is high.\n";
  const auto texts = texts_of(extract(extractor, segmented(text), 10));
  CAPTURE(texts);
  CHECK(listed(texts, "crime rate"));
  CHECK(listed(texts, "Zorbia"));
  CHECK_FALSE(listed(texts, "crime"));
  CHECK_FALSE(listed(texts, "rate"));
}

TEST_CASE("keyphrases: no sample's keyphrase is a bare number or a date", "[keyphrases][data]") {
  auto pipeline = Pipeline::create({"normalize", "segment", "boilerplate", "language", "entities", "keyphrases"},
                                   testing::test_options());
  REQUIRE(pipeline);
  const std::regex date_like(
      "(\\d.*|(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
      "august|september|october|november|december|week|month|year|day|today|yesterday|tomorrow|night|weekend)s?|"
      "(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\\.)",
      std::regex::icase);
  int samples = 0;
  for (const auto& entry : fs::directory_iterator(testing::data_dir() / "samples")) {
    Document doc(entry.path().filename().string(), testing::read_file(entry.path()));
    REQUIRE(pipeline->run(doc));
    const Json out = pipeline->to_json(doc);
    REQUIRE_FALSE(out["keyphrases"].empty());
    ++samples;
    for (const auto& k : out["keyphrases"]) {
      const std::string text = k["text"].get<std::string>();
      CAPTURE(entry.path().filename().string(), text);
      CHECK_FALSE(std::regex_match(text, date_like));
    }
  }
  CHECK(samples >= 5);
}

TEST_CASE("keyphrases stage: no keyphrase holds a word of a time expression or a quantity", "[keyphrases][data]") {
  // "earlier", "quarter" and "tonnes" are words a phrase could take; here the dates and
  // quantities stages find them in a when or a how much, so no keyphrase may hold them.
  const std::string text =
      "Copper Output Falls\n\nThe miner said copper output fell to 90,000 tonnes, down from a year earlier. "
      "Copper output in the previous quarter was weaker than a year earlier, and the miner expects "
      "output of 95,000 tonnes in the fourth quarter. Copper prices rose a year earlier too.\n";
  auto pipeline = Pipeline::create({"normalize", "segment", "boilerplate", "language", "dates", "quantities",
                                    "entities", "keyphrases"},
                                   testing::test_options());
  REQUIRE(pipeline);
  Document doc("copper", text);
  REQUIRE(pipeline->run(doc));
  const Json out = pipeline->to_json(doc);
  std::vector<std::string> texts;
  for (const auto& k : out["keyphrases"]) texts.push_back(k["text"].get<std::string>());
  CAPTURE(texts, out["dates"], out["quantities"]);
  REQUIRE_FALSE(out["dates"].empty());
  REQUIRE_FALSE(out["quantities"].empty());
  CHECK(listed(texts, "copper output"));
  CHECK(containing(texts, {"earlier", "quarter", "tonnes"}).empty());
}

TEST_CASE("keyphrases: the limit is respected and an empty article has none", "[keyphrases][data]") {
  const KeyphraseExtractor extractor(toy_background());
  CHECK(extract(extractor, segmented(kArticle), 2).size() == 2);
  CHECK(extract(extractor, segmented(""), 10).empty());
  CHECK(extract(extractor, segmented("The and of, to it."), 10).empty());
}

TEST_CASE("keyphrases and topics: the user's sample", "[keyphrases][topics][data]") {
  if (!testing::shared_available()) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  Document doc("sample", testing::read_file(testing::shared_dir() / "samples" / "trump-bukele.txt"));
  auto pipeline = Pipeline::create({"normalize", "segment", "boilerplate", "language", "topics", "keyphrases"},
                                   testing::test_options());
  REQUIRE(pipeline);
  REQUIRE(pipeline->run(doc));
  const Json out = pipeline->to_json(doc);

  const Json& topics = out["topics"];
  REQUIRE_FALSE(topics.empty());
  CHECK(topics[0]["code"] == "medtop:11000000");
  double crime = 0.0;
  for (const auto& t : topics)
    if (t["code"] == "medtop:02000000") crime = t["score"].get<double>();
  CHECK(crime >= 0.3);

  std::vector<std::string> phrases;
  for (const auto& k : out["keyphrases"]) phrases.push_back(lower(k["text"].get<std::string>()));
  CHECK(phrases.size() == 10);
  for (const char* expected : {"illegal immigration", "organized crime", "human rights", "regional stability"})
    CHECK(std::find(phrases.begin(), phrases.end(), expected) != phrases.end());
}
