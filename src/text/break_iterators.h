// ICU's English word and sentence BreakIterators, one of each per thread: creating one costs far
// more than iterating over a paragraph, and an iterator holds per-text state, so threads cannot
// share one. Each is cloned from a prototype built once.
#pragma once

#include <unicode/brkiter.h>

namespace analyze {

icu::BreakIterator& thread_word_iterator();
icu::BreakIterator& thread_sentence_iterator();

}  // namespace analyze
