// The registry: every stage in run order. A new stage is its own file plus one line here.
#include "analyze/stage.h"

#include "analyze/boilerplate_stage.h"
#include "analyze/entities_stage.h"
#include "analyze/keyphrases_stage.h"
#include "analyze/language_stage.h"
#include "analyze/normalize_stage.h"
#include "analyze/segment_stage.h"
#include "analyze/stance_stage.h"
#include "analyze/stats_stage.h"
#include "analyze/topics_stage.h"

namespace analyze {

const std::vector<StageSpec>& stage_registry() {
  static const std::vector<StageSpec> registry = {
      normalize_stage_spec(),
      segment_stage_spec(),
      boilerplate_stage_spec(),
      language_stage_spec(),
      stats_stage_spec(),
      entities_stage_spec(),
      topics_stage_spec(),
      keyphrases_stage_spec(),
      stance_stage_spec(),
  };
  return registry;
}

}  // namespace analyze
