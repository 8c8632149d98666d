// Turns the bytes of a web page into UTF-8 for the HTML parser: a byte-order mark first, then the
// page's own declaration (<meta charset>, http-equiv Content-Type) when the bytes are not already
// valid UTF-8, else UTF-8 with invalid sequences repaired, as plain text is.
#pragma once

#include <string_view>

#include "analyze/status.h"
#include "core/text_decoder.h"

namespace analyze {

// The charset a page declares in its first 4096 bytes ("windows-1252", "shift_jis"), lower-case,
// or "" when it declares none.
std::string declared_charset(std::string_view bytes);

// The page as UTF-8. Rules: a BOM wins; valid UTF-8 stays UTF-8 whatever the page declares (a
// wrong declaration is more common than Latin-1 text that happens to be valid UTF-8); otherwise a
// declared charset ICU knows converts the bytes; otherwise UTF-8 repair. Errors: `not-text` for
// binary data (as decode_text decides).
Result<DecodedText> decode_html(std::string_view bytes);

}  // namespace analyze
