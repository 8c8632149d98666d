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
