#include "text/break_iterators.h"

#include <memory>
#include <stdexcept>
#include <string>

#include <unicode/locid.h>

namespace analyze {

namespace {

using Factory = icu::BreakIterator* (*)(const icu::Locale&, UErrorCode&);

// The prototype made by `create`; ICU without its break rules data is a broken installation, so
// that is an exception (it fails the article, never the process) rather than a null iterator.
std::unique_ptr<icu::BreakIterator> prototype(Factory create) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(create(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status) || !it) throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
  return it;
}

}  // namespace

icu::BreakIterator& thread_word_iterator() {
  static const std::unique_ptr<icu::BreakIterator> words = prototype(&icu::BreakIterator::createWordInstance);
  thread_local const std::unique_ptr<icu::BreakIterator> iterator(words->clone());
  return *iterator;
}

icu::BreakIterator& thread_sentence_iterator() {
  static const std::unique_ptr<icu::BreakIterator> sentences = prototype(&icu::BreakIterator::createSentenceInstance);
  thread_local const std::unique_ptr<icu::BreakIterator> iterator(sentences->clone());
  return *iterator;
}

}  // namespace analyze
