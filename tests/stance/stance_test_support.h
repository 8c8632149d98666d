// Helpers for the stance tests: byte offsets of phrases in a document.
#pragma once

#include <string>

#include "analyze/pipeline.h"
#include "test_support.h"

namespace analyze::stance_testing {

using testing::segmented;

// Byte offset of the `nth` occurrence of `needle` in the document's text.
inline std::uint32_t byte_of(const Document& doc, const std::string& needle, int nth = 0) {
  std::size_t pos = doc.text().find(needle);
  while (nth-- > 0 && pos != std::string::npos) pos = doc.text().find(needle, pos + 1);
  if (pos == std::string::npos) throw std::runtime_error("not in the text: " + needle);
  return static_cast<std::uint32_t>(pos);
}

}  // namespace analyze::stance_testing
