// compile-data: writes the compiled forms of a data directory's text files, which start-up reads
// instead of parsing the text as long as the text is unchanged (each compiled file records the
// XXH3-64 of what it was made from):
//   gazetteers/*.tsv           -> gazetteers/gazetteers.bin   (src/entities/gazetteer.h)
//   models/topics-lexicon.json -> models/topics-lexicon.bin   (src/topics/topic_lexicon.h)
//
//   compile-data data
//
// Run it after changing one of those files (data/README.md); tests check that the committed
// compiled files match the committed text.
#include <filesystem>
#include <iostream>

#include "entities/gazetteer.h"
#include "topics/topic_lexicon.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: compile-data DATA_DIR\n";
    return 2;
  }
  const std::filesystem::path data = argv[1];
  const std::filesystem::path gazetteers = data / "gazetteers" / "gazetteers.bin";
  const std::filesystem::path lexicon = data / "models" / "topics-lexicon.bin";
  for (const auto& [status, written] :
       {std::pair{analyze::Gazetteer::compile_directory(data / "gazetteers", gazetteers), gazetteers},
        std::pair{analyze::TopicLexicon::compile(data / "models" / "topics-lexicon.json", lexicon), lexicon}}) {
    if (!status) {
      std::cerr << "compile-data: " << status.error().message << "\n";
      return 1;
    }
    std::cout << written.string() << "\n";
  }
  return 0;
}
