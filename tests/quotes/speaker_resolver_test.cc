#include "quotes/speaker_resolver.h"

#include <catch2/catch.hpp>
#include <string>

#include "test_support.h"

using namespace analyze;

namespace {

// The name of the entity the speaker `speaker` (its first occurrence at or after `from`) resolves to.
std::string resolved(const std::string& text, const std::string& speaker, std::size_t from = 0) {
  const Document doc = testing::analyzed(text, "normalize,segment,entities");
  const EntityLayer* entities = doc.layer<EntityLayer>();
  REQUIRE(entities);
  const std::size_t at = text.find(speaker, from);
  REQUIRE(at != std::string::npos);
  std::uint32_t begin = 0, end = 0;
  for (std::uint32_t t = 0; t < doc.tokens.size(); ++t) {
    if (doc.tokens[t].begin == at) begin = t;
    if (doc.tokens[t].end == at + speaker.size()) end = t + 1;
  }
  REQUIRE(end > begin);
  const auto entity = SpeakerResolver(doc, *entities).resolve(begin, end);
  return entity ? entities->entities[*entity].name : "-";
}

// Tokens [begin, end) of the words `words` of `doc` at or after byte `from`.
std::pair<std::uint32_t, std::uint32_t> tokens_of(const Document& doc, const std::string& words, std::size_t from = 0) {
  const std::size_t at = doc.text().find(words, from);
  REQUIRE(at != std::string::npos);
  std::uint32_t begin = 0, end = 0;
  for (std::uint32_t t = 0; t < doc.tokens.size(); ++t) {
    if (doc.tokens[t].begin == at) begin = t;
    if (doc.tokens[t].end == at + words.size()) end = t + 1;
  }
  REQUIRE(end > begin);
  return {begin, end};
}

}  // namespace

TEST_CASE("speaker resolver: names, pronouns and role nouns", "[quotes][data]") {
  const std::string text =
      "Senator Elizabeth Warren met Microsoft executives in Boston on Monday. Warren said the talks went well. "
      "She said more talks would follow. The company said it agreed.";
  CHECK(resolved(text, "Warren", 20) == "Elizabeth Warren");
  CHECK(resolved(text, "She") == "Elizabeth Warren");
  CHECK(resolved(text, "The company") == "Microsoft");
  CHECK(resolved("Nobody said anything. He said so.", "He") == "-");
}

TEST_CASE("speaker resolver: trailing adverbs, verb forms and punctuation name no one", "[quotes][data]") {
  const Document doc = testing::analyzed(
      "Kasich then said he would win. Clinton famously said no. Some said yes. The aide, a spokeswoman, said so.",
      "normalize,segment,entities");
  REQUIRE(doc.layer<EntityLayer>());
  const SpeakerResolver resolver(doc, *doc.layer<EntityLayer>());
  const auto kasich_then = tokens_of(doc, "Kasich then");
  CHECK(resolver.speaker_end(kasich_then.first, kasich_then.second) == kasich_then.first + 1);
  const auto famously = tokens_of(doc, "famously");
  CHECK(resolver.speaker_end(famously.first, famously.second) == famously.first);
  const auto some = tokens_of(doc, "Some");
  CHECK(resolver.speaker_end(some.first, some.second) == some.second);  // "some say" is annotated so
  const auto spokeswoman = tokens_of(doc, "a spokeswoman,");
  CHECK(resolver.speaker_end(spokeswoman.first, spokeswoman.second) == spokeswoman.second - 1);
}

TEST_CASE("speaker resolver: a name after a cue and a preposition is no speaker", "[quotes][data]") {
  const Document doc = testing::analyzed("The plan will fail, said Smith. The plan will fail, wrote on Twitter.",
                                         "normalize,segment,entities");
  REQUIRE(doc.layer<EntityLayer>());
  const SpeakerResolver resolver(doc, *doc.layer<EntityLayer>());
  const auto said = tokens_of(doc, "said");
  const auto speaker = resolver.speaker_near(said.first, said.second, 0, static_cast<std::uint32_t>(doc.tokens.size()));
  REQUIRE(speaker);
  CHECK(doc.form(doc.tokens[speaker->first]) == "Smith");
  const auto wrote = tokens_of(doc, "wrote");
  CHECK_FALSE(resolver.speaker_near(wrote.first, wrote.second, wrote.first, static_cast<std::uint32_t>(doc.tokens.size())));
}
