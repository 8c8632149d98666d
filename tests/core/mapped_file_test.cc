#include "core/mapped_file.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

using namespace analyze;
namespace fs = std::filesystem;

namespace {

fs::path write_temp(const std::string& name, const std::string& bytes) {
  const fs::path file = fs::temp_directory_path() / name;
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

}  // namespace

TEST_CASE("mapped file: a file's bytes exactly, NULs included, still valid after a move", "[mapped_file]") {
  const std::string bytes = std::string("ANZ\0model\n", 10) + std::string(100000, 'x');
  const fs::path file = write_temp("analyze-mapped-file-test.bin", bytes);
  auto opened = MappedFile::open(file);
  REQUIRE(opened);
  MappedFile moved = std::move(opened.value());
  CHECK(moved.bytes() == bytes);
  fs::remove(file);
  CHECK(moved.bytes() == bytes);  // the mapping outlives the file's name
}

TEST_CASE("mapped file: an empty file has no bytes, and a missing file or a directory is an error", "[mapped_file]") {
  const fs::path empty = write_temp("analyze-mapped-file-empty.bin", "");
  auto opened = MappedFile::open(empty);
  REQUIRE(opened);
  CHECK(opened.value().bytes().empty());
  fs::remove(empty);

  auto missing = MappedFile::open(fs::temp_directory_path() / "analyze-no-such-file.bin");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "unreadable");
  auto directory = MappedFile::open(fs::temp_directory_path());
  REQUIRE_FALSE(directory);
  CHECK(directory.error().message == "not a regular file");
}
