// Stage `entities`: named entities (PERSON, ORGANIZATION, LOCATION, MISC) found by the statistical
// tagger (ner_tagger.h) and grouped into real-world entities with canonical names, ISO 3166 ids,
// roles and salience (entity_linker.h); places and US Congress members then get their knowledge-base
// ids and places their coordinates, chosen by the article's context (place_resolver.h). Loads
// data/models/ner.bin, data/gazetteers/*.tsv and data/kb/places.bin, then the user's --gazetteer
// files, whose names win over the tagger.
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& entities_stage_spec();

}  // namespace analyze
