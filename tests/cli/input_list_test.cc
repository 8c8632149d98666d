#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/input_list.h"
#include "temp_dir.h"

using analyze::cli::read_input_list;
using analyze::cli::split_input_list;
using analyze::testing::TempDir;
using Names = std::vector<std::string>;

TEST_CASE("input lists: one name a line, blank lines and the last newline dropped", "[input-list]") {
  CHECK(split_input_list("a.txt\n\nb dir/c.txt\n", '\n') == Names{"a.txt", "b dir/c.txt"});
  CHECK(split_input_list("a.txt", '\n') == Names{"a.txt"});
  CHECK(split_input_list("", '\n').empty());
  CHECK(split_input_list("x\r\n", '\n') == Names{"x\r"});  // a name may end with CR: kept
}

TEST_CASE("input lists: NUL-separated names may hold newlines, spaces and quotes", "[input-list]") {
  static const char kList[] = "new\nline.txt\0it's \"q\".txt\0\0last.txt\0";  // as find -print0 writes
  CHECK(split_input_list(std::string(kList, sizeof kList - 1), '\0') == Names{"new\nline.txt", "it's \"q\".txt", "last.txt"});
}

TEST_CASE("input lists: read from a file, or a clear bad-option error naming it", "[input-list]") {
  TempDir dir;
  const auto file = dir.write("list", "one.txt\ntwo.txt\n");
  const auto names = read_input_list(file.string(), '\n');
  REQUIRE(names);
  CHECK(names.value() == Names{"one.txt", "two.txt"});

  const auto missing = read_input_list((dir.path / "nope").string(), '\n');
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-option");
  CHECK(missing.error().message == "--files-from " + (dir.path / "nope").string() + ": No such file or directory");

  const auto directory = read_input_list(dir.path.string(), '\n');
  REQUIRE_FALSE(directory);
  CHECK(directory.error().message == "--files-from " + dir.path.string() + ": Is a directory");
}
