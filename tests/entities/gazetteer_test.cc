#include "entities/gazetteer.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "entities/entity_test_support.h"
#include "temp_dir.h"

using namespace analyze;
using analyze::testing::segmented;

namespace {

// The names of the matches in `doc`'s first sentence, as written in the text.
std::vector<std::string> matched(const Gazetteer& g, const Document& doc, bool user_only = false) {
  std::vector<GazetteerMatch> matches;
  for (const Sentence& s : doc.sentences) g.find(doc, s.token_begin, s.token_end, matches, user_only);
  std::vector<std::string> names;
  for (const auto& m : matches) names.emplace_back(doc.slice(doc.tokens[m.token_begin].begin, doc.tokens[m.token_end - 1].end));
  return names;
}

Gazetteer small() {
  Gazetteer g;
  REQUIRE(g.add_tsv("# countries\n"
                    "United States\tLOCATION\t\tiso3166:US\n"
                    "U.S.\tLOCATION\tUnited States\tiso3166:US\n"
                    "US\tLOCATION\tUnited States\tiso3166:US\n"
                    "United\tORGANIZATION\n"
                    "Guinea-Bissau\tLOC\t\tiso3166:GW\n"
                    "Côte d'Ivoire\tLOCATION\t\tiso3166:CI\n"
                    "Georgia\tLOCATION\t\tiso3166:GE\n"
                    "Georgia\tPERSON\n",
                    "small.tsv", false));
  return g;
}

}  // namespace

TEST_CASE("gazetteer: longest match wins, left to right", "[gazetteer][data]") {
  const Gazetteer g = small();
  const Document doc = segmented("The United States and United Airlines met in the U.S. on Monday.");
  CHECK(matched(g, doc) == std::vector<std::string>{"United States", "United", "U.S."});
}

TEST_CASE("gazetteer: case is ignored, but a capitalised name never matches lower-case text", "[gazetteer][data]") {
  const Gazetteer g = small();
  CHECK(matched(g, segmented("Let us go to the US.")) == std::vector<std::string>{"US"});
  CHECK(matched(g, segmented("UNITED STATES SAYS NO")) == std::vector<std::string>{"UNITED STATES"});
  CHECK(matched(g, segmented("a united states of mind")).empty());
}

TEST_CASE("gazetteer: matching does not depend on how the tokenizer splits a name", "[gazetteer][data]") {
  const Gazetteer g = small();
  // Curly apostrophe in the text, straight in the list; hyphenated name.
  CHECK(matched(g, segmented("Guinea-Bissau and Côte d\u2019Ivoire signed.")) ==
        std::vector<std::string>{"Guinea-Bissau", "Côte d\u2019Ivoire"});
}

TEST_CASE("gazetteer: matches report every type the name has and the preferred entry", "[gazetteer][data]") {
  const Gazetteer g = small();
  const Document doc = segmented("Georgia voted.");
  std::vector<GazetteerMatch> matches;
  g.find(doc, 0, static_cast<std::uint32_t>(doc.tokens.size()), matches);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].type_mask == (type_bit(EntityType::kLocation) | type_bit(EntityType::kPerson)));
  CHECK(g.entry(matches[0].entry).id == "iso3166:GE");  // the first listed wins
  const auto entries = g.lookup(doc, 0, 1);
  REQUIRE(entries.size() == 2);
  CHECK(g.entry(entries[1]).type == EntityType::kPerson);
  CHECK(g.lookup(doc, 0, 2).empty());  // "Georgia voted" is no name
}

TEST_CASE("gazetteer: user entries come first and can be matched alone", "[gazetteer][data]") {
  Gazetteer g = small();
  CHECK_FALSE(g.has_user_entries());
  REQUIRE(g.add_tsv("Georgia\tORGANIZATION\tGeorgia Power\n", "mine.tsv", true));
  CHECK(g.has_user_entries());
  const Document doc = segmented("Georgia and the U.S. agreed.");
  CHECK(g.entry(g.lookup(doc, 0, 1).front()).canonical == "Georgia Power");
  CHECK(matched(g, doc, /*user_only=*/true) == std::vector<std::string>{"Georgia"});
}

TEST_CASE("gazetteer: malformed files are rejected with file and line", "[gazetteer]") {
  Gazetteer g;
  const Status bad_type = g.add_tsv("Paris\tLOCATION\nParis\tCITY\n", "cities.tsv", true);
  REQUIRE_FALSE(bad_type);
  CHECK(bad_type.error().code == "bad-gazetteer");
  CHECK(bad_type.error().message.find("cities.tsv:2") != std::string::npos);
  const Status no_type = g.add_tsv("Paris\n", "x.tsv", true);
  REQUIRE_FALSE(no_type);
  CHECK(no_type.error().message.find("x.tsv:1") != std::string::npos);
  const Status latin1 = g.add_tsv("# cities\nCaf\xE9 de Paris\tORGANIZATION\n", "latin1.tsv", true);
  REQUIRE_FALSE(latin1);
  CHECK(latin1.error().message.find("latin1.tsv:2: not valid UTF-8") != std::string::npos);
  const Status missing = g.add_file("/nonexistent/names.tsv", true);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-gazetteer");
  CHECK(missing.error().message.find("/nonexistent/names.tsv") != std::string::npos);
}

TEST_CASE("gazetteer: the shipped lists map country aliases to ISO 3166 codes", "[gazetteer][data]") {
  Gazetteer g;
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(g.add_directory(testing::data_dir() / "gazetteers"));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(g.size() > 15000);
  CHECK(ms < 1000);  // loaded once at start-up; a generous bound for debug and sanitizer builds
  const Document doc = segmented("America, the USA, the U.S. and El Salvador; Salvadoran and Central American voters.");
  std::vector<GazetteerMatch> matches;
  g.find(doc, 0, static_cast<std::uint32_t>(doc.tokens.size()), matches);
  std::vector<std::string> seen;
  for (const auto& m : matches) {
    const GazetteerEntry& e = g.entry(m.entry);
    seen.push_back(e.canonical + "|" + e.id);
  }
  CHECK(seen == std::vector<std::string>{"United States|iso3166:US", "United States|iso3166:US", "United States|iso3166:US",
                                         "El Salvador|iso3166:SV", "Salvadoran|iso3166:SV", "Central American|"});
}

namespace {

std::vector<std::string> all_matches(const Gazetteer& g, const std::string& text) {
  const Document doc = segmented(text);
  std::vector<GazetteerMatch> matches;
  g.find(doc, 0, static_cast<std::uint32_t>(doc.tokens.size()), matches);
  std::vector<std::string> seen;
  for (const auto& m : matches) {
    const GazetteerEntry& e = g.entry(m.entry);
    seen.push_back(e.name + "|" + e.canonical + "|" + e.id + "|" + std::to_string(m.type_mask));
  }
  return seen;
}

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("gazetteer: the compiled file gives what the lists give, and is ignored once a list changes",
          "[gazetteer][data]") {
  testing::TempDir dir;
  dir.write("10-places.tsv", "Georgia\tLOCATION\t\tiso3166:GE\nCôte d'Ivoire\tLOC\t\tiso3166:CI\nNew York City\tLOCATION\n");
  dir.write("20-people.tsv", "Georgia\tPERSON\nJohn\tPERSON\n");
  const std::string text = "John went from Georgia to New York City and CÔTE D’IVOIRE.";
  Gazetteer parsed;
  REQUIRE(parsed.add_directory(dir.path));
  REQUIRE(Gazetteer::compile_directory(dir.path, dir.path / "gazetteers.bin"));
  Gazetteer compiled;
  REQUIRE(compiled.add_directory(dir.path));
  CHECK(compiled.size() == parsed.size());
  CHECK(all_matches(compiled, text) == all_matches(parsed, text));
  CHECK(all_matches(compiled, text).size() == 4);

  dir.write("20-people.tsv", "Georgia\tPERSON\nJohn\tPERSON\nYork\tPERSON\n");  // changed after compiling
  Gazetteer changed;
  REQUIRE(changed.add_directory(dir.path));
  CHECK(changed.size() == parsed.size() + 1);

  std::string damaged = file_bytes(dir.path / "gazetteers.bin");
  damaged[damaged.size() / 2] ^= 0x20;
  dir.write("gazetteers.bin", damaged);
  Gazetteer despite_damage;
  REQUIRE(despite_damage.add_directory(dir.path));
  CHECK(all_matches(despite_damage, text) == all_matches(changed, text));
}

TEST_CASE("gazetteer: the shipped compiled file is the one the shipped lists give", "[gazetteer][data]") {
  testing::TempDir dir;
  REQUIRE(Gazetteer::compile_directory(testing::data_dir() / "gazetteers", dir.path / "gazetteers.bin"));
  // Rebuild with: build/compile-gazetteers data/gazetteers (data/README.md).
  CHECK(file_bytes(dir.path / "gazetteers.bin") == file_bytes(testing::data_dir() / "gazetteers" / "gazetteers.bin"));
}
