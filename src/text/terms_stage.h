// Stage `terms`: the article's terms (text/terms.h), hashed once for the stages that read them
// (topics, keyphrases). Writes no output; a pipeline holding one of its readers gets it unasked.
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& terms_stage_spec();

}  // namespace analyze
