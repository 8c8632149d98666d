// The quotes layer: every attribution of the article, direct (verbatim, in quotation marks) or
// reported ("officials said the polls close at 7"), with the cue that attributes it, the speaker as
// written and the entity the speaker is.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace analyze {

// A span of Document::text, byte offsets [begin, end).
struct TextSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct Quote {
  TextSpan content;                // without the quotation marks
  bool direct = false;             // verbatim: the content lies inside quotation marks
  std::optional<TextSpan> cue;     // "said", "told reporters", "according to"
  std::optional<TextSpan> speaker; // the source as written: a name, a pronoun, "officials"
  std::optional<std::uint32_t> entity;  // index into EntityLayer::entities
};

// In text order of the content. A quote the cue interrupts ("A," he said, "B.") is two quotes with
// the same cue.
struct QuoteLayer {
  std::vector<Quote> quotes;
};

}  // namespace analyze
