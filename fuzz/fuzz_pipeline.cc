// The whole default pipeline on arbitrary bytes as one article's raw input (what `analyze FILE`
// reads): normalize must reject or repair anything, every later stage must cope with what is left.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"

using namespace analyze;

namespace {

void write_seeds() {
  for (const auto& entry : std::filesystem::directory_iterator(fuzz::data_dir() / "samples"))
    fuzz::write_seed(entry.path().filename().string(), fuzz::read_file(entry.path()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return fuzz::initialize(write_seeds, fuzz::create_default_pipeline);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Document doc("fuzz.txt", std::string(reinterpret_cast<const char*>(data), size));
  fuzz::run_article(fuzz::default_pipeline(), doc, /*check_spans=*/true);
  return 0;
}
