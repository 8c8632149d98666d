// JSONL input on arbitrary bytes: parse_jsonl_record on the input as one line, then the
// ArticleReader streaming it as a .jsonl file, with every record it yields run through the default
// pipeline (records name their own target spans, so offsets from the input meet the text).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"

using namespace analyze;

namespace {

void write_seeds() {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fuzz::data_dir() / "samples")) {
    const std::string text = fuzz::read_file(entry.path());
    Json record = {{"id", entry.path().filename().string()},
                   {"text", text},
                   {"targets", {{{"start", 0}, {"end", 12}}, "Reuters", {{"name", "the government"}}}},
                   {"source", "samples"}};
    fuzz::write_seed("sample-" + std::to_string(n++) + ".jsonl", record.dump() + "\n");
  }
  // The cases the reader repairs or reports: a lone surrogate, invalid UTF-8, CRLF and blank lines,
  // a bad target, a record without text, a non-object, a cut line.
  fuzz::write_seed("repairs.jsonl",
                   "{\"id\": \"a\", \"text\": \"Emoji cut \\ud83d here. \\u00e9t\\u00e9 \xff\xfe ok.\"}\r\n"
                   "\n"
                   "{\"id\": 7, \"text\": \"Mr. Smith met Ms. Jones in Paris.\", \"targets\": [{\"start\": 0, \"end\": 9}]}\n"
                   "{\"text\": \"x\", \"targets\": [{\"start\": 5, \"end\": 2}]}\n"
                   "{\"id\": \"no text\"}\n"
                   "[1, 2]\n"
                   "{\"id\": \"cut\", \"text\": \"The minister sa");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return fuzz::initialize(write_seeds, fuzz::create_default_pipeline);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  {
    Article article;
    parse_jsonl_record(bytes, "fuzz.jsonl:1", article);
  }
  static const std::filesystem::path file = fuzz::scratch_dir() / "input.jsonl";
  ReaderOptions options;
  options.max_article_bytes = 4096;  // small, so `too-large` lines are reached too
  options.targets = {"Reuters"};
  fuzz::read_and_run(file, bytes, options);
  return 0;
}
