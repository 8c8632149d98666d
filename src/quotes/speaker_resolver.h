// Which entity of the article a quote's speaker is: the entity whose mention the speaker span
// holds; for a pronoun ("he", "she", "they"), the nearest entity of a fitting type mentioned before
// it; for a role noun ("the senator", "the company"), the nearest earlier entity whose roles name
// it, else the nearest of the role's type.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "analyze/document.h"
#include "analyze/entity.h"

namespace analyze {

class SpeakerResolver {
 public:
  SpeakerResolver(const Document& doc, const EntityLayer& entities);
  // The entity of the speaker written as tokens [token_begin, token_end), or nothing.
  std::optional<std::uint32_t> resolve(std::uint32_t token_begin, std::uint32_t token_end) const;
  // The end of the speaker written as tokens [token_begin, token_end) without the trailing words
  // that name no one, adverbs, quantifiers, verb forms and punctuation ("Trump then" is "Trump";
  // "then", "falsely", "some", "Having" are nobody), which the tagger or the words before a cue
  // sometimes give; token_begin when nothing is left.
  std::uint32_t speaker_end(std::uint32_t token_begin, std::uint32_t token_end) const;
  // The speaker of a cue at tokens [cue_begin, cue_end) the tagger gave no source: the nearest
  // entity mention or personal pronoun before it in its sentence ("Trump on Friday said"), else
  // just after it ("said Trump"; not beyond a preposition: "said on Twitter" is no speaker). Tokens
  // [first, last) bound the search.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> speaker_near(std::uint32_t cue_begin, std::uint32_t cue_end,
                                                                      std::uint32_t first, std::uint32_t last) const;

 private:
  struct Occurrence {
    std::uint32_t token;  // the mention's first token
    std::uint32_t entity;
  };
  std::optional<std::pair<std::uint32_t, std::uint32_t>> speaker_at(std::uint32_t token) const;
  std::optional<std::uint32_t> nearest_before(std::uint32_t token, EntityType type, std::string_view role) const;
  const Document& doc_;
  const EntityLayer& entities_;
  std::vector<std::uint32_t> entity_at_;  // per token: entity index + 1, 0 for none
  std::vector<Occurrence> occurrences_;   // every PERSON or ORGANIZATION mention, in text order
};

}  // namespace analyze
