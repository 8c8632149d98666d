#include "core/mapped_file.h"

#include <filesystem>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "temp_dir.h"

using namespace analyze;
namespace fs = std::filesystem;

TEST_CASE("mapped file: a file's bytes exactly, NULs included, still valid after a move", "[mapped_file]") {
  const std::string bytes = std::string("ANZ\0model\n", 10) + std::string(100000, 'x');
  const testing::TempDir dir;
  const fs::path file = dir.write("model.bin", bytes);
  auto opened = MappedFile::open(file);
  REQUIRE(opened);
  MappedFile moved = std::move(opened.value());
  CHECK(moved.bytes() == bytes);
  fs::remove(file);
  CHECK(moved.bytes() == bytes);  // the mapping outlives the file's name
}

TEST_CASE("mapped file: an empty file has no bytes, and a missing file or a directory is an error", "[mapped_file]") {
  const testing::TempDir dir;
  auto opened = MappedFile::open(dir.write("empty.bin", ""));
  REQUIRE(opened);
  CHECK(opened.value().bytes().empty());

  auto missing = MappedFile::open(dir.path / "no-such-file.bin");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "unreadable");
  auto directory = MappedFile::open(dir.path);
  REQUIRE_FALSE(directory);
  CHECK(directory.error().message == "not a regular file");
}
