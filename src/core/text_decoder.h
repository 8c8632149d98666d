// Turns the bytes of an input into the text every stage reads: UTF-8 without a byte-order mark.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "analyze/status.h"

namespace analyze {

struct DecodedText {
  std::string text;               // valid UTF-8
  std::size_t repaired = 0;       // invalid sequences replaced with U+FFFD
  std::string source_encoding;    // "utf-8", "utf-16le", "utf-16be"
};

// Decodes UTF-8 (BOM removed) or UTF-16 with a BOM. Invalid sequences become U+FFFD, one per
// maximal subpart (Unicode ch. 3, "U+FFFD substitution of maximal subparts", as Python's
// errors="replace"). Errors: `not-text` when the bytes look binary (a NUL byte in the first 8000
// bytes, as git decides, or more than 30% invalid or control bytes).
Result<DecodedText> decode_text(std::string_view bytes);

// Whether `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Appends `bytes` to `out` as valid UTF-8, returning the number of replaced sequences.
std::size_t repair_utf8(std::string_view bytes, std::string& out);

}  // namespace analyze
