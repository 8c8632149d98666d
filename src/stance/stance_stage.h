// Stage `stance`: the article's tone, a polarity per sentence, each entity's sentiment with the
// sentences that drive it, and the stance toward each target the user asked for (JSONL spans or
// names, --target NAME). Requires paragraphs, sentences, tokens and entities, uses boilerplate and
// language when present; provides stance.
//
// By default a target's polarity comes from the stance model (data/models/stance.bin); with
// StageOptions::stance_variant kLexicon (`--stance-model lexicon`) it comes from the lexicon-only
// scorer instead, so the two can be compared on the same data (docs: the accuracy table). Every
// score's polarity follows polarity_of (analyze/stance.h). Sentences that are lists, table rows or
// team sheets (list_like) score 0 and say nothing of the names in them.
#pragma once

#include "analyze/stage.h"

namespace analyze {

// Run-time data, relative to the data directory.
inline constexpr const char* kSentimentLexiconFile = "lexicons/sentiment.tsv";
inline constexpr const char* kStanceModelFile = "models/stance.bin";
inline constexpr const char* kStanceIdiomsFile = "lexicons/stance-idioms.tsv";

const StageSpec& stance_stage_spec();

}  // namespace analyze
