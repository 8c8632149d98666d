// Stage `entities`: named entities (PERSON, ORGANIZATION, LOCATION, MISC) found by the statistical
// tagger (ner_tagger.h) and grouped into real-world entities with canonical names, ISO 3166 ids,
// roles and salience (entity_linker.h). Loads data/models/ner.bin and data/gazetteers/*.tsv, then
// the user's --gazetteer files, whose names win over the tagger.
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& entities_stage_spec();

}  // namespace analyze
