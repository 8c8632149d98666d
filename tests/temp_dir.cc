#include "temp_dir.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace analyze::testing {
namespace {

std::filesystem::path make_unique_directory() {
  std::string name = (std::filesystem::temp_directory_path() / "analyze-test-XXXXXX").string();
  if (mkdtemp(name.data()) == nullptr) FAIL("cannot make a directory " << name << ": " << std::strerror(errno));
  return name;
}

}  // namespace

TempDir::TempDir() : path(make_unique_directory()) {}

TempDir::~TempDir() {
  std::error_code ignored;  // a destructor must not throw; what is left is only litter in /tmp
  std::filesystem::remove_all(path, ignored);
}

std::filesystem::path TempDir::write(const std::filesystem::path& relative, const std::string& content) const {
  const std::filesystem::path file = path / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
  return file;
}

}  // namespace analyze::testing
