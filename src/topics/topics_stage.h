// Stage `topics`: IPTC Media Topics (level 1, and level 2 where the evidence supports it) with
// calibrated scores, from data/models/topics.bin (topic_classifier.h); plus the user's own
// taxonomy when --topics-lexicon is given (topic_lexicon.h), reported as `user_topics`.
#pragma once

#include <string>
#include <vector>

#include "analyze/stage.h"
#include "topics/topic_lexicon.h"

namespace analyze {

struct ScoredTopic {
  std::string code;   // "medtop:11000000"
  std::string label;  // "politics and government"
  int level = 1;
  std::string parent;  // the level-1 topic's code, for a level-2 topic
  double score = 0.0;  // [0, 1]
};

// Topics sorted by score, highest first.
struct TopicLayer {
  std::vector<ScoredTopic> topics;
  std::vector<UserTopicScore> user_topics;
};

const StageSpec& topics_stage_spec();

}  // namespace analyze
