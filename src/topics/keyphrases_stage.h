// Stage `keyphrases`: the article's ten most important phrases (keyphrase_extractor.h), with the
// background statistics from data/models/keyphrases.bin.
#pragma once

#include <vector>

#include "topics/keyphrase_extractor.h"
#include "analyze/stage.h"

namespace analyze {

struct KeyphraseLayer {
  std::vector<Keyphrase> keyphrases;  // best first
};

const StageSpec& keyphrases_stage_spec();

}  // namespace analyze
