// The registry: every stage in run order. A new stage is its own file plus one line here.
#include "analyze/stage.h"

#include "analyze/normalize_stage.h"
#include "analyze/segment_stage.h"

namespace analyze {

const std::vector<StageSpec>& stage_registry() {
  static const std::vector<StageSpec> registry = {
      normalize_stage_spec(),
      segment_stage_spec(),
  };
  return registry;
}

}  // namespace analyze
