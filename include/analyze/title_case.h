// Title case: a sentence such as "Data Center Demand Soars", where the capitals are a style, not
// names. The keyphrase extractor and the entity linker do not read such capitals as names.
#pragma once

#include "analyze/document.h"

namespace analyze {

// Whether `s` is in title case: it has at least three words longer than three letters, and at
// least three in four of those are capitalised.
bool is_title_case(const Document& doc, const Sentence& s);

}  // namespace analyze
