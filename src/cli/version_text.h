// The text of --version: the program's version, the data directory this run would use, and each
// model file there with its name, format version and checksum, so that a result can be traced to
// the exact models that gave it.
#pragma once

#include <string>

namespace analyze::cli {

// Several lines, the last one without its newline.
std::string version_text(const std::string& program_version);

}  // namespace analyze::cli
