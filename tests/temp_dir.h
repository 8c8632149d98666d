// A directory of one test's own for the files it writes: unique (made with mkdtemp under the
// system's temporary directory, so tests running at once never share a file name) and removed,
// with everything in it, when the object goes. Tests write no file anywhere else.
#pragma once

#include <filesystem>
#include <string>

namespace analyze::testing {

class TempDir {
 public:
  TempDir();  // fails the running test if the directory cannot be made
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `content` to `relative` inside the directory, making the folders on the way; returns
  // the file's path.
  std::filesystem::path write(const std::filesystem::path& relative, const std::string& content) const;

  const std::filesystem::path path;
};

}  // namespace analyze::testing
