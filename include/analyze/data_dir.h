// Where the run-time data (models, lexicons, gazetteers) is found.
#pragma once

#include <filesystem>

#include "analyze/status.h"

namespace analyze {

// In order: $ANALYZE_DATA_DIR; <exe dir>/../share/analyze/data (after `cmake --install`);
// <exe dir>/data (a build directory, where CMake links data/ beside the binaries, or an unpacked
// folder). A candidate counts when it holds the file `abbreviations.txt`. No path of the build is
// compiled in.
Result<std::filesystem::path> find_data_dir();

}  // namespace analyze
