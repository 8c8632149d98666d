// A mention the named-entity tagger found: what the tagger and its model produce and the entity
// linker groups, without either depending on the other.
#pragma once

#include <cstdint>

#include "analyze/entity.h"

namespace analyze {

// Tokens [token_begin, token_end) of the Document, all in one sentence, and the CoNLL type. Titles
// are outside PERSON spans ("Mr Blair" -> "Blair"), as in CoNLL-2003.
struct TaggedSpan {
  std::uint32_t token_begin = 0;
  std::uint32_t token_end = 0;
  EntityType type = EntityType::kMisc;
};

}  // namespace analyze
