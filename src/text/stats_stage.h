// Stage `stats`: counts of the article proper (boilerplate paragraphs excluded).
#pragma once

#include <cstdint>

#include "analyze/stage.h"

namespace analyze {

struct ArticleStats {
  std::uint64_t characters = 0;  // code points of the article's paragraphs
  std::uint64_t words = 0;       // word and number tokens
  std::uint64_t sentences = 0;
  std::uint64_t paragraphs = 0;
};

ArticleStats count_article(const Document& doc);

const StageSpec& stats_stage_spec();

}  // namespace analyze
