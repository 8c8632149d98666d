// Stage `language`: language identification with CLD2 (Debian libcld2) over the article's
// paragraphs (boilerplate excluded when that stage ran).
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& language_stage_spec();

}  // namespace analyze
