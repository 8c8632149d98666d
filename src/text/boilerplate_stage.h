// Stage `boilerplate`: flags paragraphs that are not part of the article (boilerplate_detector.h).
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& boilerplate_stage_spec();

}  // namespace analyze
