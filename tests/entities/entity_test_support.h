// Helpers for the gazetteer, linker and entities-stage tests: tagger output written by hand over
// real segmentation (test_support.h), so grouping is tested without the trained model.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "entities/ner_tagger.h"
#include "analyze/pipeline.h"
#include "test_support.h"

namespace analyze::testing {

// Every occurrence of each phrase (as written, tokens joined as in the text) tagged with its type:
// what a perfect tagger would return. Longer phrases first, spans never overlap.
inline std::vector<TaggedSpan> tag_all(const Document& doc, std::vector<std::pair<std::string, EntityType>> phrases) {
  std::stable_sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<TaggedSpan> spans;
  std::vector<bool> taken(doc.tokens.size(), false);
  for (const auto& [phrase, type] : phrases) {
    for (std::uint32_t b = 0; b < doc.tokens.size(); ++b) {
      for (std::uint32_t e = b + 1; e <= doc.tokens.size(); ++e) {
        const std::string_view text = doc.slice(doc.tokens[b].begin, doc.tokens[e - 1].end);
        if (text.size() > phrase.size()) break;
        if (text != phrase) continue;
        bool free = true;
        for (std::uint32_t i = b; i < e; ++i) free = free && !taken[i];
        if (free) {
          for (std::uint32_t i = b; i < e; ++i) taken[i] = true;
          spans.push_back({b, e, type});
        }
        break;
      }
    }
  }
  std::sort(spans.begin(), spans.end(), [](const TaggedSpan& a, const TaggedSpan& b) { return a.token_begin < b.token_begin; });
  return spans;
}

inline const Entity* find_entity(const EntityLayer& layer, std::string_view name) {
  for (const Entity& e : layer.entities)
    if (e.name == name) return &e;
  return nullptr;
}

inline std::vector<std::string> mention_texts(const Document& doc, const Entity& e) {
  std::vector<std::string> texts;
  for (const Mention& m : e.mentions) texts.emplace_back(doc.slice(m.begin, m.end));
  return texts;
}

}  // namespace analyze::testing
