// Where the run-time data (models, lexicons, gazetteers) is found.
#pragma once

#include <filesystem>

#include "analyze/status.h"

namespace analyze {

// In order: $ANALYZE_DATA_DIR; beside the installed library, <libdir>/../share/analyze/data (for
// a program using libanalyze.so wherever `cmake --install` put it); <exe dir>/../share/analyze/data
// (the installed binary); <exe dir>/data and <library dir>/../data (a build directory, where CMake
// links data/ beside the binaries; the Python module lies in <build>/python), or an unpacked
// folder. A candidate counts when it holds the file `abbreviations.txt`. No path of the build is
// compiled in.
Result<std::filesystem::path> find_data_dir();

}  // namespace analyze
