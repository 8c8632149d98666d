// compile-gazetteers: parses the gazetteers of a data directory (its *.tsv files) and writes what
// they give, ready to use, to gazetteers.bin beside them, which the entities stage reads instead of
// parsing the files as long as they are unchanged (src/entities/gazetteer.h):
//
//   compile-gazetteers data/gazetteers
//
// Run it after changing a gazetteer file (data/README.md); a test checks that the committed file
// matches the committed lists.
#include <filesystem>
#include <iostream>

#include "entities/gazetteer.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: compile-gazetteers DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  if (analyze::Status s = analyze::Gazetteer::compile_directory(dir, dir / "gazetteers.bin"); !s) {
    std::cerr << "compile-gazetteers: " << s.error().message << "\n";
    return 1;
  }
  std::cout << (dir / "gazetteers.bin").string() << "\n";
  return 0;
}
