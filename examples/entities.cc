// Analyses one text with the installed analyze library and prints its entities, most salient
// first, one a line: type, name, salience and ids. Built against the installed tree (see
// docs/LIBRARY.md and examples/CMakeLists.txt):
//
//   entities "Brian Kemp won the runoff in Atlanta on Tuesday."
//   entities < article.txt
//
// Its first line names the data directory the library found (find_data_dir()).
#include <iostream>
#include <iterator>
#include <string>

#include <analyze/data_dir.h>
#include <analyze/entity.h>
#include <analyze/pipeline.h>

int main(int argc, char** argv) {
  std::string text;
  if (argc > 1) {
    text = argv[1];
  } else {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }

  auto data = analyze::find_data_dir();
  if (!data) {
    std::cerr << "entities: " << data.error().message << "\n";
    return 2;
  }
  std::cout << "data directory: " << data.value().string() << "\n";
  analyze::StageOptions options;
  options.data_dir = data.value();
  // The stages named and every stage they require (normalize, segment); the optional ones that
  // help (boilerplate, language) are named too.
  auto pipeline = analyze::Pipeline::create({"normalize", "segment", "boilerplate", "language", "entities"}, options);
  if (!pipeline) {
    std::cerr << "entities: " << pipeline.error().code << ": " << pipeline.error().message << "\n";
    return 2;
  }

  analyze::Document doc("text", text);
  if (analyze::Status status = pipeline.value().run(doc); !status) {
    std::cerr << "entities: " << status.error().code << ": " << status.error().message << "\n";
    return 1;
  }
  if (const auto* layer = doc.layer<analyze::EntityLayer>()) {
    for (const analyze::Entity& e : layer->entities) {
      std::cout << analyze::entity_type_name(e.type) << "\t" << e.name << "\t" << e.salience;
      for (const auto& [scheme, id] : e.ids) std::cout << "\t" << scheme << ":" << id;
      std::cout << "\n";
    }
  }
  return 0;
}
