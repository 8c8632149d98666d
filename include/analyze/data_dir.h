// Where the run-time data (models, lexicons, gazetteers) is found.
#pragma once

#include <filesystem>

#include "analyze/status.h"

namespace analyze {

// In order: $ANALYZE_DATA_DIR; beside the installed library, <libdir>/../share/analyze/data (for
// a program using libanalyze.so wherever `cmake --install` put it); <exe dir>/../share/analyze/data
// (the installed binary); <exe dir>/data; the source tree's data/ recorded at build time (any
// build directory). A candidate counts when it holds the file `abbreviations.txt`.
Result<std::filesystem::path> find_data_dir();

}  // namespace analyze
