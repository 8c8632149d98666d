#include "analyze/data_dir.h"

#include <cstdlib>
#include <system_error>
#include <vector>

namespace analyze {

namespace fs = std::filesystem;

namespace {

bool holds_data(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "abbreviations.txt", ec);
}

}  // namespace

Result<fs::path> find_data_dir() {
  if (const char* env = std::getenv("ANALYZE_DATA_DIR"); env && *env) {
    if (holds_data(env)) return fs::path(env);
    return Error{"bad-data-dir", std::string("ANALYZE_DATA_DIR=") + env + " does not hold analyze's data (no abbreviations.txt)"};
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path().parent_path() / ANALYZE_INSTALL_DATA_SUBDIR);
    candidates.push_back(exe.parent_path() / "data");
  }
  for (const auto& c : candidates)
    if (holds_data(c)) return c;
  return Error{"bad-data-dir", "cannot find analyze's data directory; set ANALYZE_DATA_DIR"};
}

}  // namespace analyze
