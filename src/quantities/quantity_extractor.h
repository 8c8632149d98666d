// Finds the quantities of an article: money ("$3.25bn", "£1.7bn", "14bn euros", "5p"), percentages
// ("6.7%", "5 per cent", "25 basis points") and numbers with a unit of measure ("7.4 million
// tonnes", "55-litre"). A left-to-right scanner reads, at each place a quantity may start, an
// optional currency mark, a number (digits or number words), an optional range whose first end
// borrows the second's scale or unit ("$5-6bn", "between 50 and 60%"), an optional scale word and
// an optional unit. A number with neither a currency nor a unit is not a quantity: counts of things,
// years and scores are left out, as the contract's guideline says.
//
// Rules: the scan must stay linear in the article's size (each byte is read a bounded number of
// times: a failed match at a digit skips the rest of that number); a value that overflows
// ("1e308bn", a 10,000-digit number) drops the quantity rather than printing infinity.
#pragma once

#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "analyze/quantity.h"

namespace analyze {

// The quantities of the paragraphs of `doc` that are not boilerplate, in text order.
QuantityLayer extract_quantities(const Document& doc);

// The quantities of `text` alone (offsets relative to it): for tests and callers without a Document.
std::vector<Quantity> extract_quantities(std::string_view text);

}  // namespace analyze
