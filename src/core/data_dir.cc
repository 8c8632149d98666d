#include "analyze/data_dir.h"

#include <dlfcn.h>

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

// The folder of the file this code was loaded from: the installed libanalyze.so for a program
// using the library, the executable itself when the library is linked in statically.
fs::path library_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&find_data_dir), &info) == 0 || info.dli_fname == nullptr) return {};
  std::error_code ec;
  const fs::path file = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path() : file.parent_path();
}

}  // namespace

Result<fs::path> find_data_dir() {
  if (const char* env = std::getenv("ANALYZE_DATA_DIR"); env && *env) {
    if (holds_data(env)) return fs::path(env);
    return Error{"bad-data-dir", std::string("ANALYZE_DATA_DIR=") + env + " does not hold analyze's data (no abbreviations.txt)"};
  }
  std::vector<fs::path> candidates;
  const fs::path lib = library_dir();
  if (!lib.empty()) candidates.push_back(lib / ANALYZE_LIBRARY_TO_DATA_DIR);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path().parent_path() / ANALYZE_INSTALL_DATA_SUBDIR);
    candidates.push_back(exe.parent_path() / "data");
  }
  if (!lib.empty()) candidates.push_back(lib.parent_path() / "data");
  for (const auto& c : candidates)
    if (holds_data(c)) return c.lexically_normal();
  return Error{"bad-data-dir", "cannot find analyze's data directory; set ANALYZE_DATA_DIR"};
}

}  // namespace analyze
