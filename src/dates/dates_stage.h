// Stage `dates`: time expressions (TIMEX3 DATE, TIME, DURATION, SET) with their values resolved
// against the article's date (date_extractor.h). The article's date is the input record's "date",
// else --date (StageOptions::article_date), else the first full date the text states (a dateline);
// the output says which. No data files: the lexicons are part of the rules.
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& dates_stage_spec();

}  // namespace analyze
