// What many tests need: documents run through real stages with the project's data/ (so a test
// using these carries the [data] tag, see test_paths.h), and small readers and generators.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "analyze/pipeline.h"
#include "test_paths.h"

namespace analyze::testing {

inline StageOptions test_options() {
  StageOptions options;
  options.data_dir = data_dir();
  return options;
}

// The pipeline of the comma-separated `stages`, built once per list.
inline const Pipeline& pipeline_of(const std::string& stages) {
  static std::map<std::string, std::unique_ptr<Pipeline>> cache;
  auto& slot = cache[stages];
  if (!slot) {
    std::vector<std::string> names;
    std::stringstream ss(stages);
    for (std::string name; std::getline(ss, name, ',');) names.push_back(name);
    auto p = Pipeline::create(names, test_options());
    if (!p) FAIL("cannot build pipeline " << stages << ": " << p.error().message);
    slot = std::make_unique<Pipeline>(std::move(p.value()));
  }
  return *slot;
}

inline Document analyzed(std::string text, const std::string& stages = "normalize,segment") {
  Document doc("test", std::move(text));
  const Status s = pipeline_of(stages).run(doc);
  if (!s) FAIL("stages " << stages << " failed: " << s.error().message);
  return doc;
}

// The keys `stages` write into the article object for `doc`, parsed; each stage's sentence and
// entity keys go into the objects the others write, as in the pipeline.
inline Json written_json(const Document& doc, std::initializer_list<const Stage*> stages) {
  std::vector<std::shared_ptr<const Stage>> list;
  for (const Stage* s : stages) list.emplace_back(s, [](const Stage*) {});  // not owned
  std::string text;
  ArticleJsonWriter out(text, false, list);
  out.begin_object();
  for (const auto& s : list) s->write_json(doc, out);
  out.end_object();
  return Json::parse(text);
}

// The keys `write(writer)` writes into an object, parsed.
template <class Write>
Json keys_json(Write write) {
  std::string text;
  JsonWriter out(text);
  out.begin_object();
  write(out);
  out.end_object();
  return Json::parse(text);
}

// A document split into paragraphs, sentences and tokens by the real normalize + segment stages.
inline Document segmented(std::string text) { return analyzed(std::move(text)); }

// The i-th of many distinct made-up words ("zqa", "zqb", ... "zqba", ...), for articles full of
// names or words no model has seen.
inline std::string distinct_word(int i) {
  std::string word = "zq";
  for (int n = i; n > 0 || word.size() == 2; n /= 26) word += static_cast<char>('a' + n % 26);
  return word;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text of a sentence, for readable assertions.
inline std::string sentence_text(const Document& doc, std::size_t i) {
  return std::string(doc.slice(doc.sentences[i].begin, doc.sentences[i].end));
}

}  // namespace analyze::testing
