// The registry: every stage in run order. A new stage is its own file plus one line here.
#include "analyze/stage.h"

#include "dates/dates_stage.h"
#include "entities/entities_stage.h"
#include "quantities/quantities_stage.h"
#include "quotes/quotes_stage.h"
#include "stance/stance_stage.h"
#include "text/boilerplate_stage.h"
#include "text/language_stage.h"
#include "text/normalize_stage.h"
#include "text/segment_stage.h"
#include "text/stats_stage.h"
#include "text/terms_stage.h"
#include "topics/keyphrases_stage.h"
#include "topics/topics_stage.h"

namespace analyze {

const std::vector<StageSpec>& stage_registry() {
  static const std::vector<StageSpec> registry = {
      normalize_stage_spec(),
      segment_stage_spec(),
      boilerplate_stage_spec(),
      language_stage_spec(),
      stats_stage_spec(),
      quantities_stage_spec(),
      dates_stage_spec(),
      entities_stage_spec(),
      quotes_stage_spec(),
      terms_stage_spec(),
      topics_stage_spec(),
      keyphrases_stage_spec(),
      stance_stage_spec(),
  };
  return registry;
}

}  // namespace analyze
