// Stage `segment`: paragraphs (paragraph_splitter.h), tokens (tokenizer.h) and sentences
// (sentence_segmenter.h).
#pragma once

#include "analyze/stage.h"

namespace analyze {

const StageSpec& segment_stage_spec();

}  // namespace analyze
