// Stage `normalize`: the input's bytes become the text every other stage reads (text_decoder.h).
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& normalize_stage_spec();

}  // namespace analyze
