#include "entities/ner_gazetteer.h"

#include "entities/ner_model.h"

namespace analyze {

std::size_t NerGazetteer::list(const std::string& name) {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return i;
  if (names_.size() == kMaxLists) return kMaxLists;
  names_.push_back(name);
  return names_.size() - 1;
}

void NerGazetteer::add(const std::uint64_t* token_keys, std::size_t n, std::size_t list) {
  if (n == 0 || n > kMaxPhraseTokens || list >= kMaxLists) return;
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < n; ++i) {
    key = extend(key, token_keys[i]);
    std::uint32_t at = index_.find(key);
    if (at == HashIndex::kAbsent) {
      at = static_cast<std::uint32_t>(keys_.size());
      index_.insert(key, at);
      keys_.push_back(key);
      entries_.push_back({});
    }
    if (i + 1 < n) {
      entries_[at].longer = 1;
    } else {
      phrases_ += entries_[at].lists == 0;
      entries_[at].lists |= 1u << list;
    }
  }
}

void NerGazetteer::match(const std::uint64_t* token_keys, std::size_t n, NerGazetteerMatch* matches) const {
  std::size_t i = 0;
  while (i < n) {
    std::size_t best_length = 0;
    std::uint32_t best_lists = 0;
    std::uint64_t key = 0;
    for (std::size_t j = i; j < n && j - i < kMaxPhraseTokens; ++j) {
      key = extend(key, token_keys[j]);
      const std::uint32_t at = index_.find(key);
      if (at == HashIndex::kAbsent) break;
      if (entries_[at].lists) {
        best_length = j - i + 1;
        best_lists = entries_[at].lists;
      }
      if (!entries_[at].longer) break;
    }
    if (best_length == 0) {
      matches[i++] = {};
      continue;
    }
    for (std::size_t k = 0; k < best_length; ++k) {
      const int position = best_length == 1 ? kNerUnit : k == 0 ? kNerBegin : k + 1 == best_length ? kNerLast : kNerInside;
      matches[i + k] = {best_lists, static_cast<std::uint8_t>(position)};
    }
    i += best_length;
  }
}

bool NerGazetteer::assign(std::vector<std::string> names, std::vector<std::uint64_t> keys, std::vector<Entry> entries) {
  names_ = std::move(names);
  keys_ = std::move(keys);
  entries_ = std::move(entries);
  index_ = HashIndex(keys_.size());
  phrases_ = 0;
  bool valid = keys_.size() == entries_.size();
  for (std::size_t i = 0; i < keys_.size() && valid; ++i) {
    valid &= index_.insert(keys_[i], static_cast<std::uint32_t>(i)) == i;
    phrases_ += entries_[i].lists != 0;
  }
  return valid;
}

}  // namespace analyze
