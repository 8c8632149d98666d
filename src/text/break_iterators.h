// ICU's English word and sentence BreakIterators, one of each per thread: creating one costs far
// more than iterating over a paragraph, and an iterator holds per-text state, so threads cannot
// share one. Each is cloned from a prototype built once. BreakIteratorPass sets one on a UTF-8
// text for one pass over it.
#pragma once

#include <cstdint>
#include <string_view>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace analyze {

icu::BreakIterator& thread_word_iterator();
icu::BreakIterator& thread_sentence_iterator();

// A break iterator set on UTF-8 text for one pass over it: the UText through which ICU reads the
// text is opened here, without copying it, and closed when the pass ends. ok() is false when ICU
// could not open it; the iterator must not be used then.
class BreakIteratorPass {
 public:
  BreakIteratorPass(icu::BreakIterator& it, std::string_view utf8) {
    utext_openUTF8(&text_, utf8.data(), static_cast<std::int64_t>(utf8.size()), &status_);
    it.setText(&text_, status_);
  }
  ~BreakIteratorPass() { utext_close(&text_); }
  BreakIteratorPass(const BreakIteratorPass&) = delete;
  BreakIteratorPass& operator=(const BreakIteratorPass&) = delete;
  bool ok() const { return U_SUCCESS(status_); }

 private:
  UText text_ = UTEXT_INITIALIZER;
  UErrorCode status_ = U_ZERO_ERROR;
};

}  // namespace analyze
