// Helpers for the segmentation tests: the real `normalize` + `segment` stages on the project's
// data/ lists, and the sentences or tokens they produce as strings.
#pragma once

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "text/abbreviations.h"
#include "analyze/document.h"
#include "analyze/pipeline.h"
#include "test_paths.h"

namespace analyze::testing {

inline const Pipeline& segment_pipeline() {
  static const Pipeline pipeline = [] {
    StageOptions options;
    options.data_dir = data_dir();
    auto p = Pipeline::create({"normalize", "segment"}, options);
    REQUIRE(p);
    return std::move(p.value());
  }();
  return pipeline;
}

inline const Abbreviations& data_abbreviations() {
  static const Abbreviations abbreviations = [] {
    auto a = Abbreviations::load(data_dir());
    REQUIRE(a);
    return std::move(a.value());
  }();
  return abbreviations;
}

inline Document segment(std::string text) {
  Document doc("test", std::move(text));
  REQUIRE(segment_pipeline().run(doc));
  return doc;
}

inline std::vector<std::string> sentences_of(std::string text) {
  const Document doc = segment(std::move(text));
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.slice(s.begin, s.end));
  return out;
}

inline std::vector<std::string> token_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.raw_text(t));
  return out;
}

}  // namespace analyze::testing
