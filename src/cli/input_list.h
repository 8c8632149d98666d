// The inputs named in a file (--files-from FILE, or - for stdin): one name a line, or
// NUL-separated with -0, as `find -print0` and `xargs -0` have them, so any byte but NUL may be in
// a name.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "analyze/status.h"

namespace analyze::cli {

// Splits `text` at `separator` ('\n' or '\0'); empty names (a blank line, the final separator)
// are dropped. A line's '\r' stays: a name may end with one.
std::vector<std::string> split_input_list(const std::string& text, char separator);

// Reads the list in `file` ("-": stdin). Errors: Error{"bad-option", "--files-from FILE: why"}.
Result<std::vector<std::string>> read_input_list(const std::string& file, char separator);

}  // namespace analyze::cli
