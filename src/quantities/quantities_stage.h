// Stage `quantities`: money, percentages and numbers with a unit of measure, with their values
// (scale words applied) and units (quantity_extractor.h). No data files: the currency marks, scale
// words and units are part of the rules.
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& quantities_stage_spec();

}  // namespace analyze
