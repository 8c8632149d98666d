// Stage `quotes`: every attribution of the article, direct or reported, with its cue, its speaker as
// written and the speaker's entity (quote_extractor.h). Loads data/models/quotes.bin
// (tools/train-quotes).
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& quotes_stage_spec();

}  // namespace analyze
