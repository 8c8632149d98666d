#include "entities/entity_linker.h"

#include <filesystem>
#include <numeric>

#include "entities/entity_test_support.h"

using namespace analyze;
using analyze::testing::find_entity;
using analyze::testing::mention_texts;
using analyze::testing::segmented;
using analyze::testing::tag_all;

namespace {

constexpr auto kPer = EntityType::kPerson;
constexpr auto kOrg = EntityType::kOrganization;
constexpr auto kLoc = EntityType::kLocation;
constexpr auto kMisc = EntityType::kMisc;

std::shared_ptr<const Gazetteer> shipped_gazetteer() {
  static const auto g = [] {
    auto gaz = std::make_shared<Gazetteer>();
    REQUIRE(gaz->add_directory(testing::data_dir() / "gazetteers"));
    return std::shared_ptr<const Gazetteer>(gaz);
  }();
  return g;
}

const EntityLinker& plain_linker() {
  static const EntityLinker linker(std::make_shared<Gazetteer>());
  return linker;
}

}  // namespace

TEST_CASE("linker: full name, surname and possessive are one PERSON named by the full name", "[entity_linker][data]") {
  const Document doc = segmented(
      "Former President Donald Trump met Nayib Bukele on Monday.\n"
      "Trump's plan was praised. Later, Bukele\u2019s aides and President Trump spoke.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Donald Trump", kPer}, {"Trump", kPer}, {"Nayib Bukele", kPer}, {"Bukele", kPer}}));
  REQUIRE(layer.entities.size() == 2);
  const Entity* trump = find_entity(layer, "Donald Trump");
  REQUIRE(trump);
  CHECK(trump->type == kPer);
  CHECK(mention_texts(doc, *trump) == std::vector<std::string>{"Donald Trump", "Trump", "Trump"});
  CHECK(trump->aliases == std::vector<std::string>{"Donald Trump", "Trump"});
  CHECK(trump->roles == std::vector<std::string>{"Former President", "President"});
  const Entity* bukele = find_entity(layer, "Nayib Bukele");
  REQUIRE(bukele);
  CHECK(mention_texts(doc, *bukele) == std::vector<std::string>{"Nayib Bukele", "Bukele"});  // the stem of "Bukele’s"
  CHECK(bukele->mentions[1].sentence == 2);
}

TEST_CASE("linker: a possessive or a title the tagger put inside a PERSON span is cut off", "[entity_linker][data]") {
  const Document doc = segmented("President Trump's visit was short.");
  // The tagger's span covers "President Trump 's".
  const auto layer = plain_linker().link(doc, {{0, 3, kPer}});
  REQUIRE(layer.entities.size() == 1);
  const Entity& e = layer.entities[0];
  CHECK(e.name == "Trump");
  CHECK(mention_texts(doc, e) == std::vector<std::string>{"Trump"});
  CHECK(e.roles == std::vector<std::string>{"President"});
}

TEST_CASE("linker: a title after a place and a possessive is one role", "[entity_linker][data]") {
  const Document doc = segmented(
      "El Salvador's President Nayib Bukele and former U.S. President Donald Trump met Mr. Smith, "
      "Secretary of State Marco Rubio and Acme Corp's Jane Doe.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"El Salvador", kLoc}, {"Nayib Bukele", kPer}, {"U.S.", kLoc}, {"Donald Trump", kPer}, {"Smith", kPer},
                         {"Marco Rubio", kPer}, {"Acme Corp", kOrg}, {"Jane Doe", kPer}}));
  CHECK(find_entity(layer, "Nayib Bukele")->roles == std::vector<std::string>{"El Salvador's President"});
  CHECK(find_entity(layer, "Donald Trump")->roles == std::vector<std::string>{"former U.S. President"});
  CHECK(find_entity(layer, "Smith")->roles.empty());  // an honorific names no function
  CHECK(find_entity(layer, "Marco Rubio")->roles == std::vector<std::string>{"Secretary of State"});
  CHECK(find_entity(layer, "Jane Doe")->roles.empty());  // a name before a name is no title
  CHECK(find_entity(layer, "El Salvador")->roles.empty());
}

TEST_CASE("linker: country aliases are one LOCATION with its ISO 3166 code", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented(
      "The U.S. and El Salvador signed. America wants more, the United States said.\n"
      "US officials and Salvadorans cheered in Latin America.");
  const auto layer = linker.link(doc, tag_all(doc, {{"U.S.", kLoc}, {"El Salvador", kLoc}, {"America", kLoc}, {"United States", kLoc},
                                                   {"US", kLoc}, {"Salvadorans", kMisc}, {"Latin America", kLoc}}));
  const Entity* us = find_entity(layer, "United States");
  REQUIRE(us);
  CHECK(us->type == kLoc);
  CHECK(us->ids == std::vector<std::pair<std::string, std::string>>{{"iso3166", "US"}});
  CHECK(mention_texts(doc, *us) == std::vector<std::string>{"U.S.", "America", "United States", "US"});
  const Entity* sv = find_entity(layer, "El Salvador");
  REQUIRE(sv);
  CHECK(sv->ids == std::vector<std::pair<std::string, std::string>>{{"iso3166", "SV"}});
  const Entity* salvadoran = find_entity(layer, "Salvadoran");  // the demonym: MISC, its own entity
  REQUIRE(salvadoran);
  CHECK(salvadoran->type == kMisc);
  const Entity* latin = find_entity(layer, "Latin America");
  REQUIRE(latin);
  CHECK(latin->ids.empty());
  CHECK(layer.entities.size() == 4);
}

TEST_CASE("linker: organisations join their acronym and longer names that start with them", "[entity_linker][data]") {
  const Document doc = segmented("The European Central Bank raised rates. The ECB said Acme Corp and Acme agreed.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"European Central Bank", kOrg}, {"ECB", kOrg}, {"Acme Corp", kOrg}, {"Acme", kOrg}}));
  REQUIRE(layer.entities.size() == 2);
  CHECK(find_entity(layer, "European Central Bank")->aliases == std::vector<std::string>{"European Central Bank", "ECB"});
  CHECK(find_entity(layer, "Acme Corp")->mentions.size() == 2);
}

TEST_CASE("linker: short names still find their full names among thousands of others", "[entity_linker][data]") {
  // The linker looks up the names that could hold a short one by word and by initials; this is
  // the same article with 4,000 distinct names between the full names and the short ones.
  std::string text = "Donald Trump met the European Central Bank.\n";
  auto name = [](int i) {
    std::string w = testing::distinct_word(i);
    w[0] = 'Z';
    return w;
  };
  for (int i = 0; i < 2000; ++i)
    text += name(4 * i) + " " + name(4 * i + 1) + " met " + name(4 * i + 2) + " " + name(4 * i + 3) + ".\n";
  text += "Trump and the ECB agreed.\n";
  const Document doc = segmented(text);
  std::vector<TaggedSpan> spans;
  for (const Sentence& s : doc.sentences) {
    const std::uint32_t t = s.token_begin;
    if (&s == &doc.sentences.front()) {
      spans.push_back({t, t + 2, kPer});
      spans.push_back({t + 4, t + 7, kOrg});
    } else if (&s == &doc.sentences.back()) {
      spans.push_back({t, t + 1, kPer});
      spans.push_back({t + 3, t + 4, kOrg});
    } else {
      spans.push_back({t, t + 2, kPer});
      spans.push_back({t + 3, t + 5, kPer});
    }
  }
  const auto layer = plain_linker().link(doc, spans);
  CHECK(layer.entities.size() == 4002);
  const Entity* trump = find_entity(layer, "Donald Trump");
  REQUIRE(trump);
  CHECK(mention_texts(doc, *trump) == std::vector<std::string>{"Donald Trump", "Trump"});
  const Entity* ecb = find_entity(layer, "European Central Bank");
  REQUIRE(ecb);
  CHECK(ecb->aliases == std::vector<std::string>{"European Central Bank", "ECB"});
}

TEST_CASE("linker: an ambiguous surname goes to the person named last before it", "[entity_linker][data]") {
  const Document doc = segmented("George Bush spoke. Laura Bush listened. Bush then left. Later George Bush returned.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"George Bush", kPer}, {"Laura Bush", kPer}, {"Bush", kPer}}));
  REQUIRE(layer.entities.size() == 2);
  CHECK(mention_texts(doc, *find_entity(layer, "Laura Bush")) == std::vector<std::string>{"Laura Bush", "Bush"});
  CHECK(find_entity(layer, "George Bush")->mentions.size() == 2);
}

TEST_CASE("linker: one name has one type in an article, the one most of its mentions have", "[entity_linker][data]") {
  const Document doc = segmented("Ofgem said prices rise. Ofgem wants more. Critics said Ofgem failed. Ofgem price caps help.");
  auto spans = tag_all(doc, {{"Ofgem", kOrg}});
  REQUIRE(spans.size() == 4);
  spans[2].type = kPer;   // a mistyped mention
  spans[3].type = kMisc;  // an attributive use
  const auto layer = plain_linker().link(doc, spans);
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].type == kOrg);
  CHECK(layer.entities[0].mentions.size() == 4);
}

TEST_CASE("linker: a title before a name votes PERSON, and a tie keeps the first mention's type", "[entity_linker][data]") {
  const Document doc = segmented("Jordan scored twice. Mr Jordan left for Amman.");
  auto spans = tag_all(doc, {{"Jordan", kLoc}, {"Amman", kLoc}});
  spans[0].type = kPer;  // PERSON once, LOCATION once: the title decides
  const auto layer = plain_linker().link(doc, spans);
  REQUIRE(find_entity(layer, "Jordan"));
  CHECK(find_entity(layer, "Jordan")->type == kPer);
  CHECK(find_entity(layer, "Jordan")->mentions.size() == 2);
  const Document tie = segmented("Jordan scored twice in Jordan.");
  const auto tied = plain_linker().link(tie, {{0, 1, kPer}, {4, 5, kLoc}});
  REQUIRE(tied.entities.size() == 1);
  CHECK(tied.entities[0].type == kPer);
}

TEST_CASE("linker: a name with a digit is no person's", "[entity_linker][data]") {
  const Document doc = segmented("S4C said it would air the show. S4C confirmed.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"S4C", kPer}}));
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].type == kOrg);
}

TEST_CASE("linker: a demonym the gazetteer knows stays MISC though tagged PERSON as often", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented("Israeli firms grew. An Israeli said so.");
  auto spans = tag_all(doc, {{"Israeli", kMisc}});
  spans[1].type = kPer;
  const auto layer = linker.link(doc, spans);
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].type == kMisc);
}

TEST_CASE("linker: party short forms and a leading 'the' join the full name", "[entity_linker][data]") {
  const Document doc = segmented(
      "The Conservative Party won. The Tories cheered, a Tory MP said, and the Conservatives agreed. "
      "The Lib Dems and the Liberal Democrats are one. The Home Office and the Home Office agreed.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Conservative Party", kOrg}, {"Tories", kOrg}, {"Tory", kMisc}, {"Conservatives", kOrg},
                         {"Lib Dems", kOrg}, {"Liberal Democrats", kOrg}, {"The Home Office", kOrg}, {"Home Office", kOrg}}));
  const Entity* tories = find_entity(layer, "Conservative Party");
  REQUIRE(tories);
  CHECK(tories->type == kOrg);
  CHECK(tories->mentions.size() == 4);
  REQUIRE(find_entity(layer, "Liberal Democrats"));
  CHECK(find_entity(layer, "Liberal Democrats")->mentions.size() == 2);
  CHECK(layer.entities.size() == 3);
}

TEST_CASE("linker: an organisation joins a longer name only with the same head", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented(
      "BBC Radio Scotland and the BBC spoke. Gwent Police patrol Gwent. Acme Corp and Acme agreed. "
      "Mercedes-Benz and Mercedes grew. The Los Angeles Lakers beat the Lakers. The Sunday Times and The Times sold.");
  const auto layer = linker.link(
      doc, tag_all(doc, {{"BBC Radio Scotland", kOrg}, {"BBC", kOrg}, {"Gwent Police", kOrg}, {"Gwent", kOrg},
                         {"Acme Corp", kOrg}, {"Acme", kOrg}, {"Mercedes-Benz", kOrg}, {"Mercedes", kOrg},
                         {"Los Angeles Lakers", kOrg}, {"Lakers", kOrg}, {"The Sunday Times", kOrg}, {"The Times", kOrg}}));
  CHECK(find_entity(layer, "BBC Radio Scotland")->mentions.size() == 1);  // a division, not the broadcaster
  CHECK(find_entity(layer, "Gwent Police")->mentions.size() == 1);
  CHECK(find_entity(layer, "Acme Corp")->mentions.size() == 2);
  CHECK(find_entity(layer, "Mercedes-Benz")->mentions.size() == 2);
  CHECK(find_entity(layer, "Los Angeles Lakers")->mentions.size() == 2);  // a club named after its city
  CHECK(find_entity(layer, "The Sunday Times")->mentions.size() == 1);
  CHECK(layer.entities.size() == 9);
  const Document plural = segmented("The Welsh Liberal Democrats met. A Welsh Liberal Democrat spoke.");
  const auto one = linker.link(plural, tag_all(plural, {{"Welsh Liberal Democrats", kOrg}, {"Welsh Liberal Democrat", kOrg}}));
  REQUIRE(one.entities.size() == 1);
  CHECK(one.entities[0].name == "Welsh Liberal Democrats");
}

TEST_CASE("linker: --gazetteer names win over the tagger", "[entity_linker][data]") {
  auto g = std::make_shared<Gazetteer>();
  REQUIRE(g->add_tsv("Bukele\tPERSON\tNayib Bukele\nNuevas Ideas\tORGANIZATION\n", "user.tsv", true));
  const EntityLinker linker(g);
  const Document doc = segmented("Nayib Bukele leads Nuevas Ideas. Bukele won; Nuevas Ideas gained.");
  // The tagger found "Nayib Bukele", mistyped "Bukele" as ORGANIZATION and split "Nuevas Ideas".
  auto spans = tag_all(doc, {{"Nayib Bukele", kPer}, {"Bukele", kOrg}, {"Nuevas", kMisc}});
  const auto layer = linker.link(doc, spans);
  const Entity* bukele = find_entity(layer, "Nayib Bukele");
  REQUIRE(bukele);
  CHECK(mention_texts(doc, *bukele) == std::vector<std::string>{"Nayib Bukele", "Bukele"});
  const Entity* party = find_entity(layer, "Nuevas Ideas");
  REQUIRE(party);
  CHECK(party->type == kOrg);
  CHECK(party->mentions.size() == 2);
  CHECK(layer.entities.size() == 2);
}

TEST_CASE("linker: salience favours headline, lead and spread, and sums to one", "[entity_linker][data]") {
  const Document doc = segmented(
      "TRUMP MEETS BUKELE\n\n"
      "Donald Trump met Nayib Bukele in Washington.\n\n"
      "Trump praised the deal. Bukele agreed.\n\n"
      "Trump left for Washington. Reporters from Reuters followed.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"TRUMP", kPer}, {"BUKELE", kPer}, {"Donald Trump", kPer}, {"Trump", kPer},
                                                         {"Nayib Bukele", kPer}, {"Bukele", kPer}, {"Washington", kLoc},
                                                         {"Reuters", kOrg}}));
  REQUIRE(layer.entities.size() == 4);
  CHECK(layer.entities[0].name == "Donald Trump");  // a headline's capitals never name an entity
  CHECK(layer.entities[1].name == "Nayib Bukele");
  CHECK(layer.entities[2].name == "Washington");
  CHECK(layer.entities[3].name == "Reuters");
  double total = 0;
  for (const Entity& e : layer.entities) {
    CHECK(e.salience > 0.0);
    CHECK(e.salience <= 1.0);
    total += e.salience;
  }
  CHECK(total == Approx(1.0));
}

TEST_CASE("linker: spans in boilerplate paragraphs are ignored", "[entity_linker][data]") {
  Document doc = segmented("Bukele spoke.\nGeorge Santos faces accusations.");
  doc.paragraphs[1].boilerplate = true;
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Bukele", kPer}, {"George Santos", kPer}}));
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].name == "Bukele");
}

TEST_CASE("linker: a hyphenated pair of known places is two places", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented("U.S.-Latin America relations and Israeli-Syrian talks worry the U.S.");
  // The tagger took "U.S.-Latin America" as one MISC span; "Israeli-Syrian" is one MISC (CoNLL-2003).
  const auto layer = linker.link(doc, tag_all(doc, {{"U.S.-Latin America", kMisc}, {"Israeli-Syrian", kMisc}, {"U.S.", kLoc}}));
  REQUIRE(layer.entities.size() == 3);
  CHECK(mention_texts(doc, *find_entity(layer, "United States")) == std::vector<std::string>{"U.S.", "U.S."});
  CHECK(find_entity(layer, "Latin America")->type == kLoc);
  CHECK(find_entity(layer, "Israeli-Syrian")->type == kMisc);
}

TEST_CASE("linker: a surname the tagger typed otherwise joins the person", "[entity_linker][data]") {
  const Document doc = segmented("Nayib Bukele spoke. Bukele's popularity remains high. Ford and Bukele met. Nayib Bukele left.");
  auto spans = tag_all(doc, {{"Nayib Bukele", kPer}, {"Bukele", kOrg}, {"Ford", kOrg}});
  spans.back().type = kOrg;  // the last "Nayib Bukele"
  const auto layer = plain_linker().link(doc, spans);
  REQUIRE(layer.entities.size() == 2);
  CHECK(find_entity(layer, "Nayib Bukele")->mentions.size() == 4);
  CHECK(find_entity(layer, "Ford")->type == kOrg);
}

TEST_CASE("linker: a name found only in a title-case headline is kept only if the gazetteer knows it",
          "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented(
      "Data Center Demand Soars in Northern Italy as Halvorsen Grows\n\n"
      "Halvorsen said demand for data centers rose in Milan.\n\n"
      "Analysts expect more growth.");
  const auto layer = linker.link(doc, tag_all(doc, {{"Data Center Demand Soars", kOrg}, {"Northern Italy", kLoc},
                                                    {"Halvorsen", kOrg}, {"Milan", kLoc}}));
  CHECK(find_entity(layer, "Data Center Demand Soars") == nullptr);  // capitals of style, not a name
  CHECK(find_entity(layer, "Northern Italy") != nullptr);              // "Italy" is a known place
  REQUIRE(find_entity(layer, "Halvorsen") != nullptr);                 // named again in the body
  CHECK(find_entity(layer, "Halvorsen")->mentions.size() == 2);
  // A text that is all headline, or a headline not in title case, keeps what the tagger found.
  const Document alone = segmented("Data Center Demand Soars");
  CHECK(find_entity(linker.link(alone, tag_all(alone, {{"Data Center Demand Soars", kOrg}})), "Data Center Demand Soars"));
  const Document plain = segmented("Data center demand soars at Acme Widgets\n\nThe market grew.");
  CHECK(find_entity(linker.link(plain, tag_all(plain, {{"Acme Widgets", kOrg}})), "Acme Widgets"));
}

TEST_CASE("linker: times, zones and generic acronyms are no entities, unless MISC", "[entity_linker][data]") {
  const Document doc = segmented("Polls close at 8am GMT. Acme sold the DVD and a VHS copy by SMS.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"8am", kLoc}, {"GMT", kMisc}, {"Acme", kOrg}, {"DVD", kOrg}, {"VHS", kOrg}, {"SMS", kOrg}}));
  REQUIRE(layer.entities.size() == 2);
  CHECK(find_entity(layer, "Acme"));
  CHECK(find_entity(layer, "GMT"));  // MISC is no row of the table: left as the tagger said
}

TEST_CASE("linker: no name crosses a spaced dash or a list, nor starts or ends with punctuation", "[entity_linker][data]") {
  const Document doc = segmented("He flew to Dublin - it was late. Facebook, Instagram and Twitter grew. Marks and Spencer fell.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Dublin - it", kLoc}, {"Facebook, Instagram and Twitter", kOrg},
                                                           {"Marks and Spencer", kOrg}}));
  CHECK(mention_texts(doc, *find_entity(layer, "Dublin")) == std::vector<std::string>{"Dublin"});
  CHECK(find_entity(layer, "Facebook"));
  CHECK(find_entity(layer, "Instagram"));
  CHECK(find_entity(layer, "Twitter"));
  CHECK(find_entity(layer, "Marks and Spencer"));  // "and" without a comma is no list
  CHECK(layer.entities.size() == 5);
  const Document ministry = segmented("The Ministry of Land, Infrastructure and Transport said so.");
  CHECK(find_entity(plain_linker().link(ministry, tag_all(ministry, {{"Ministry of Land, Infrastructure and Transport", kOrg}})),
                    "Ministry of Land, Infrastructure and Transport"));
  const Document dash = segmented("Emma - a nurse - and \"Jo Smith\" met.");
  const auto people = plain_linker().link(dash, {{0, 2, kPer}, {7, 10, kPer}});  // "Emma -" and `Jo Smith"`
  CHECK(find_entity(people, "Emma"));
  CHECK(find_entity(people, "Jo Smith"));
}

TEST_CASE("linker: 'X-based' is the place X, a title is no name, 'MP for X' is the place X", "[entity_linker][data]") {
  const Document doc = segmented("The Boston-based firm hired the US President and the MP for Somerton and Frome.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Boston-based", kMisc}, {"US President", kOrg}, {"MP for Somerton and Frome", kOrg}}));
  REQUIRE(find_entity(layer, "Boston"));
  CHECK(find_entity(layer, "Boston")->type == kLoc);
  REQUIRE(find_entity(layer, "US"));
  CHECK(find_entity(layer, "Somerton and Frome")->type == kLoc);
  CHECK(layer.entities.size() == 3);
}

TEST_CASE("linker: a function word opening the sentence is no part of a name", "[entity_linker][data]") {
  const Document doc = segmented("He said: \"Both Acme models sold.\" Let them go. Hi! It was Jo Smith. In Paris it rained.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Both Acme", kOrg}, {"Let", kOrg}, {"Hi", kOrg}, {"Jo Smith", kPer}, {"Paris", kLoc}}));
  REQUIRE(find_entity(layer, "Acme"));
  CHECK(mention_texts(doc, *find_entity(layer, "Acme")) == std::vector<std::string>{"Acme"});
  CHECK(find_entity(layer, "Let") == nullptr);
  CHECK(find_entity(layer, "Hi") == nullptr);
  CHECK(layer.entities.size() == 3);
}

TEST_CASE("linker: a name without a capital letter is no entity", "[entity_linker][data]") {
  const Document doc = segmented("ker said the urt was open to Acme.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"ker", kPer}, {"urt", kOrg}, {"Acme", kOrg}}));
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].name == "Acme");
}

TEST_CASE("linker: a place in a dateline keeps its type when the article's club has its name", "[entity_linker][data]") {
  const Document doc = segmented("NEW YORK 1996-08-29\nNEW YORK beat BOSTON. NEW YORK won again.");
  auto spans = tag_all(doc, {{"NEW YORK", kOrg}, {"BOSTON", kOrg}});
  spans[0].type = kLoc;
  const auto layer = plain_linker().link(doc, spans);
  std::vector<EntityType> types;
  for (const Entity& e : layer.entities)
    if (e.name == "NEW YORK") types.push_back(e.type);
  std::sort(types.begin(), types.end());
  CHECK(types == std::vector<EntityType>{kOrg, kLoc});
}

TEST_CASE("linker: appositions and possessives name a person's role, honorifics do not", "[entity_linker][data]") {
  const Document doc = segmented(
      "Jane Doe, chief executive of Acme, said profits rose. Jo Smith, the club's boss, agreed. "
      "Acme's chief executive Tim Cook spoke. Dr Ann Lee, who is 40, left. Home Secretary Suella Braverman and "
      "Mr Sunak met Bob Ray, a friend. In a letter to the home secretary Mr Davies said no.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Jane Doe", kPer}, {"Acme", kOrg}, {"Jo Smith", kPer}, {"Tim Cook", kPer}, {"Ann Lee", kPer},
                         {"Suella Braverman", kPer}, {"Sunak", kPer}, {"Bob Ray", kPer}, {"Davies", kPer}}));
  CHECK(find_entity(layer, "Jane Doe")->roles == std::vector<std::string>{"chief executive of Acme"});
  CHECK(find_entity(layer, "Jo Smith")->roles == std::vector<std::string>{"club's boss"});
  CHECK(find_entity(layer, "Tim Cook")->roles == std::vector<std::string>{"Acme's chief executive"});
  CHECK(find_entity(layer, "Ann Lee")->roles.empty());
  CHECK(find_entity(layer, "Suella Braverman")->roles == std::vector<std::string>{"Home Secretary"});
  CHECK(find_entity(layer, "Sunak")->roles.empty());
  CHECK(find_entity(layer, "Bob Ray")->roles.empty());  // "a friend" is no function
  CHECK(find_entity(layer, "Davies")->roles.empty());   // the title is another person's
}

TEST_CASE("linker: an HTML character reference inside a name stays in it", "[entity_linker][data]") {
  // The tokenizer keeps a reference inside its word (tests/text/tokenizer_test.cc), so the tagger's
  // span is the whole word: the mentions keep the text as written, the name is the decoded form.
  const Document doc = segmented("The mayor of Bogot&#225; met Medell&iacute;n officials. Bogot&#225; agreed.");
  auto spans = tag_all(doc, {{"Bogot&#225;", kLoc}, {"Medell&iacute;n", kLoc}});
  const auto layer = plain_linker().link(doc, spans);
  REQUIRE(find_entity(layer, "Bogot\u00e1"));
  CHECK(mention_texts(doc, *find_entity(layer, "Bogot\u00e1")) == std::vector<std::string>{"Bogot&#225;", "Bogot&#225;"});
  CHECK(find_entity(layer, "Medell\u00edn"));
  CHECK(layer.entities.size() == 2);
}

TEST_CASE("linker: a lone PERSON word opening an organisation's name is its short form", "[entity_linker][data]") {
  const Document doc = segmented("Riverside beat Northport City 2-1. Northport took the lead before the break.");
  const auto layer =
      plain_linker().link(doc, tag_all(doc, {{"Northport City", kOrg}, {"Riverside", kOrg}, {"Northport", kPer}}));
  const Entity* club = find_entity(layer, "Northport City");
  REQUIRE(club);
  CHECK(club->type == kOrg);
  CHECK(club->mentions.size() == 2);
  CHECK_FALSE(find_entity(layer, "Northport"));
  // A word of a person's name stays the person's, though a company opens with it.
  const Document named = segmented("John Smith founded Smith Holdings. Smith said sales rose.");
  const auto people = plain_linker().link(named, tag_all(named, {{"John Smith", kPer}, {"Smith Holdings", kOrg}, {"Smith", kPer}}));
  const Entity* smith = find_entity(people, "John Smith");
  REQUIRE(smith);
  CHECK(smith->mentions.size() == 2);
}

TEST_CASE("linker: a common noun beside a name votes for its type", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented(
      "The Zorbex index fell. Trade publication Quillory said so, as did the telecoms company, Vantrel, and "
      "singer Brisko. She played at the Lumenfair festival and met doctors at the Marrowgate hospital in Leeds. "
      "A Leeds hospital closed.");
  const auto layer = linker.link(doc, tag_all(doc, {{"Zorbex", kLoc}, {"Quillory", kPer}, {"Vantrel", kPer},
                                                    {"Brisko", kOrg}, {"Lumenfair", kOrg}, {"Marrowgate hospital", kLoc},
                                                    {"Leeds", kLoc}}));
  REQUIRE(find_entity(layer, "Quillory"));
  CHECK(find_entity(layer, "Quillory")->type == kOrg);
  CHECK(find_entity(layer, "Vantrel")->type == kOrg);
  CHECK(find_entity(layer, "Brisko")->type == kPer);
  CHECK(find_entity(layer, "Zorbex")->type == kMisc);     // an index: no row of the entity table
  CHECK(find_entity(layer, "Lumenfair")->type == kMisc);  // an event
  REQUIRE(find_entity(layer, "Marrowgate"));          // the lower-case head noun is no part of the name
  CHECK(find_entity(layer, "Marrowgate")->type == kOrg);
  REQUIRE(find_entity(layer, "Leeds"));  // a known place before "hospital" stays a place
  CHECK(find_entity(layer, "Leeds")->type == kLoc);
}

TEST_CASE("linker: a name before a place noun (county, province, district, region) is a place", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented(
      "Lines in Varrow and Quentham counties were long. Officials in Dresk province and the Ollan district "
      "counted ballots, as did the Pellaw region.");
  const auto layer = linker.link(doc, tag_all(doc, {{"Varrow", kLoc}, {"Quentham", kOrg}, {"Dresk", kPer},
                                                    {"Ollan", kOrg}, {"Pellaw", kPer}}));
  for (const char* place : {"Quentham", "Dresk", "Ollan", "Pellaw"}) {
    INFO(place);
    REQUIRE(find_entity(layer, place));
    CHECK(find_entity(layer, place)->type == kLoc);
  }
}

TEST_CASE("linker: a name ending in a nationality noun is a demonym", "[entity_linker][data]") {
  const Document doc = segmented("The Northern Irishman won. Two Welshmen lost in Cardiff.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Northern Irishman", kLoc}, {"Welshmen", kPer}, {"Cardiff", kLoc}}));
  REQUIRE(layer.entities.size() == 3);
  CHECK(find_entity(layer, "Northern Irishman")->type == kMisc);
  CHECK(find_entity(layer, "Welshmen")->type == kMisc);
  CHECK(find_entity(layer, "Cardiff")->type == kLoc);
}

TEST_CASE("linker: an editor's square brackets inside a name are no part of it", "[entity_linker][data]") {
  const Document doc = segmented("\"We beat Fred [Quarnby] there,\" he said. Fred Quarnby scored 20.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Fred [Quarnby", kPer}, {"Fred Quarnby", kPer}}));
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].name == "Fred Quarnby");
  CHECK(mention_texts(doc, layer.entities[0]) == std::vector<std::string>{"Fred [Quarnby]", "Fred Quarnby"});
}

TEST_CASE("linker: a party's council group is the party", "[entity_linker][data]") {
  const Document doc = segmented("Labour won the seat. The Labour Group leader spoke.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Labour", kOrg}, {"Labour Group", kOrg}}));
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].type == kOrg);
  CHECK(layer.entities[0].aliases == std::vector<std::string>{"Labour", "Labour Group"});
}

TEST_CASE("linker: a hyphenated surname typed otherwise joins the person", "[entity_linker][data]") {
  const Document doc = segmented("Olwen Varda-Quist died. Varda-Quist was nine.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Olwen Varda-Quist", kPer}, {"Varda-Quist", kOrg}}));
  REQUIRE(layer.entities.size() == 1);
  CHECK(layer.entities[0].name == "Olwen Varda-Quist");
}

TEST_CASE("linker: a hyphenated place the gazetteer knows whole stays one place, and a language is MISC", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented("Shares fell across Asia-Pacific. Gaelic singer Ailsa Rowe sang.");
  const auto layer = linker.link(doc, tag_all(doc, {{"Asia-Pacific", kLoc}, {"Gaelic", kLoc}, {"Ailsa Rowe", kPer}}));
  REQUIRE(find_entity(layer, "Asia-Pacific"));
  CHECK(find_entity(layer, "Asia") == nullptr);
  REQUIRE(find_entity(layer, "Gaelic"));
  CHECK(find_entity(layer, "Gaelic")->type == kMisc);
  CHECK(layer.entities.size() == 3);
}

TEST_CASE("linker: a name the gazetteer knows only as an organisation votes ORGANIZATION and is found untagged", "[entity_linker][data]") {
  auto g = std::make_shared<Gazetteer>();
  REQUIRE(g->add_tsv("Globexa\tORGANIZATION\nQuorvia\tORGANIZATION\nPellmor\tORGANIZATION\nPellmor\tLOCATION\n", "orgs.tsv", false));
  const EntityLinker linker(g);
  const Document doc = segmented(
      "Earlier this week, Globexa raised prices. She wrote on Quorvia that quorvia fans and Pellmor agreed. "
      "Tom Quorvia-Smith and Pellmor Ltd did not.");
  // The tagger took the company for a place once, and missed the others.
  const auto layer = linker.link(doc, tag_all(doc, {{"Globexa", kLoc}, {"Tom Quorvia-Smith", kPer}, {"Pellmor Ltd", kOrg}}));
  REQUIRE(find_entity(layer, "Globexa"));
  CHECK(find_entity(layer, "Globexa")->type == kOrg);
  const Entity* quorvia = find_entity(layer, "Quorvia");
  REQUIRE(quorvia);
  CHECK(quorvia->type == kOrg);
  CHECK(mention_texts(doc, *quorvia) == std::vector<std::string>{"Quorvia"});  // not the lower-case "quorvia"
  CHECK(find_entity(layer, "Pellmor") == nullptr);  // also a place: left to the tagger
  CHECK(layer.entities.size() == 4);
}

TEST_CASE("linker: a span that ends a list after a comma is cut at its and", "[entity_linker][data]") {
  const Document doc = segmented(
      "Three firms - Rostel, Vantel Canada and Brisk Corp - lead. In Leeds, Marks and Spencer grew. "
      "Sales at Marks and Spencer fell.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Rostel", kOrg}, {"Vantel Canada and Brisk Corp", kOrg}, {"Leeds", kLoc}, {"Marks and Spencer", kOrg}}));
  CHECK(find_entity(layer, "Vantel Canada and Brisk Corp") == nullptr);
  REQUIRE(find_entity(layer, "Vantel Canada"));
  REQUIRE(find_entity(layer, "Brisk Corp"));
  const Entity* ms = find_entity(layer, "Marks and Spencer");  // after "In Leeds," no list goes on
  REQUIRE(ms);
  CHECK(ms->mentions.size() == 2);
  CHECK(layer.entities.size() == 5);
}

TEST_CASE("linker: a name ending in an event word is an event, MISC", "[entity_linker][data]") {
  const Document doc = segmented("Wales reached the Zanthor Pro League after beating the Quillan Cup holders. The Arab League met.");
  auto g = std::make_shared<Gazetteer>();
  REQUIRE(g->add_tsv("Arab League\tORGANIZATION\n", "orgs.tsv", false));
  const EntityLinker linker(g);
  const auto layer = linker.link(
      doc, tag_all(doc, {{"Wales", kLoc}, {"Zanthor Pro League", kOrg}, {"Quillan Cup", kOrg}, {"Arab League", kOrg}}));
  CHECK(find_entity(layer, "Zanthor Pro League")->type == kMisc);
  CHECK(find_entity(layer, "Quillan Cup")->type == kMisc);
  CHECK(find_entity(layer, "Arab League")->type == kOrg);  // the gazetteer's organisation outvotes the word
}

TEST_CASE("linker: a name given as an example of a plural noun takes the noun's type", "[entity_linker][data]") {
  const Document doc = segmented(
      "He played festivals such as Brisbury Lights. Firms like Corvane and companies including Dellwyn hired.");
  const auto layer = plain_linker().link(doc, tag_all(doc, {{"Brisbury Lights", kOrg}, {"Corvane", kPer}, {"Dellwyn", kLoc}}));
  CHECK(find_entity(layer, "Brisbury Lights")->type == kMisc);
  CHECK(find_entity(layer, "Corvane")->type == kOrg);
  CHECK(find_entity(layer, "Dellwyn")->type == kOrg);
}

TEST_CASE("linker: a code in capitals with a three-digit number is a model or an index, MISC", "[entity_linker][data]") {
  const Document doc = segmented("The QVX 450 vehicles sold well and the ZRT 200 fell. Lancashire 357 for 8. Trelford 240 for 5.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"QVX", kOrg}, {"ZRT", kLoc}, {"Lancashire", kOrg}, {"Trelford", kOrg}}));
  CHECK(find_entity(layer, "QVX")->type == kMisc);
  CHECK(find_entity(layer, "ZRT")->type == kMisc);
  CHECK(find_entity(layer, "Lancashire")->type == kOrg);  // a team and its score
  CHECK(find_entity(layer, "Trelford")->type == kOrg);
}

TEST_CASE("linker: a name in brackets, or after became or formerly, is another name of the same body", "[entity_linker][data]") {
  const Document doc = segmented(
      "Marrow Ora (Health ZQ) said no. Later Brisk Borough Council became Brisk City Council. "
      "Vantel, formerly Apexor, grew. Jo Rowe (Labour) spoke.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Marrow Ora", kOrg}, {"Health ZQ", kOrg}, {"Brisk Borough Council", kOrg}, {"Brisk City Council", kOrg},
                         {"Vantel", kOrg}, {"Apexor", kOrg}, {"Jo Rowe", kPer}, {"Labour", kOrg}}));
  const Entity* health = find_entity(layer, "Marrow Ora");
  REQUIRE(health);
  CHECK(health->aliases == std::vector<std::string>{"Marrow Ora", "Health ZQ"});
  REQUIRE(find_entity(layer, "Brisk Borough Council"));
  CHECK(find_entity(layer, "Brisk Borough Council")->aliases == std::vector<std::string>{"Brisk Borough Council", "Brisk City Council"});
  CHECK(find_entity(layer, "Vantel")->mentions.size() == 2);
  CHECK(find_entity(layer, "Jo Rowe")->mentions.size() == 1);  // a person's party in brackets is another entity
  CHECK(layer.entities.size() == 5);
}

TEST_CASE("linker: the first word of a place name W of X after the is that place", "[entity_linker][data]") {
  const Document doc = segmented(
      "Polls in the Republic of Quarnia rose. It is strong in the Republic. Elsewhere the Gulf of Brell "
      "and the Gulf of Drast froze; the Gulf did not.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Republic of Quarnia", kLoc}, {"Republic", kLoc}, {"Gulf of Brell", kLoc}, {"Gulf of Drast", kLoc},
                         {"Gulf", kLoc}}));
  CHECK(find_entity(layer, "Republic of Quarnia")->mentions.size() == 2);
  REQUIRE(find_entity(layer, "Gulf"));  // two names start with it: left alone
  CHECK(layer.entities.size() == 4);
}

TEST_CASE("linker: a club's last word joins its name when the knowledge base knows the place before it", "[entity_linker][data]") {
  auto loaded = KnowledgeBase::load(testing::data_dir() / "kb" / "places.bin");
  REQUIRE(loaded);
  const EntityLinker linker(std::make_shared<Gazetteer>(), std::make_shared<const KnowledgeBase>(std::move(loaded.value())));
  const Document doc = segmented("The Brooklyn Zephyrs won 98-90. The Zephyrs led. The Sunday Quill and the Quill differ.");
  const auto spans = tag_all(doc, {{"Brooklyn Zephyrs", kOrg}, {"Zephyrs", kOrg}, {"Sunday Quill", kOrg}, {"Quill", kOrg}});
  const auto layer = linker.link(doc, spans);
  REQUIRE(find_entity(layer, "Brooklyn Zephyrs"));
  CHECK(find_entity(layer, "Brooklyn Zephyrs")->mentions.size() == 2);
  CHECK(find_entity(layer, "Quill"));  // "Sunday" is no place
  CHECK(layer.entities.size() == 3);
  CHECK(plain_linker().link(doc, spans).entities.size() == 4);  // without the knowledge base
}

TEST_CASE("linker: the other names of a list of three, all of one type, vote for it", "[entity_linker][data]") {
  const Document doc = segmented(
      "Follow us on Pictra, Chirpa or Snapso. She sang with Ava Lorn, Pell Ridley and Tam Oduya.");
  const auto layer = plain_linker().link(
      doc, tag_all(doc, {{"Pictra", kOrg}, {"Chirpa", kOrg}, {"Snapso", kLoc}, {"Ava Lorn", kLoc}, {"Pell Ridley", kPer},
                         {"Tam Oduya", kPer}}));
  CHECK(find_entity(layer, "Snapso")->type == kOrg);
  CHECK(find_entity(layer, "Ava Lorn")->type == kPer);
  const Document pair = segmented("Quarnia and Zorvex Group met.");  // two names are no list to vote
  const auto two = plain_linker().link(pair, tag_all(pair, {{"Quarnia", kLoc}, {"Zorvex Group", kOrg}}));
  CHECK(find_entity(two, "Zorvex Group")->type == kOrg);
}

TEST_CASE("linker: a dateline's place and its agency's credit stay two entities, the place a LOCATION", "[entity_linker][data]") {
  const EntityLinker linker(shipped_gazetteer());
  const Document doc = segmented("ATLANTA (Zed Wire) \u2014 Voters in Georgia queued for hours on Friday.");
  const auto layer = linker.link(doc, tag_all(doc, {{"ATLANTA", kOrg}, {"Zed Wire", kOrg}, {"Georgia", kLoc}}));
  REQUIRE(find_entity(layer, "ATLANTA"));
  CHECK(find_entity(layer, "ATLANTA")->type == kLoc);
  REQUIRE(find_entity(layer, "Zed Wire"));
  CHECK(find_entity(layer, "Zed Wire")->aliases == std::vector<std::string>{"Zed Wire"});
}
