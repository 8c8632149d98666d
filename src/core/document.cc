#include "analyze/document.h"

#include <algorithm>

#include "core/utf8.h"

namespace analyze {

void Document::set_text(std::string text) {
  text_ = std::move(text);
  cp_at_block_.clear();
  cp_at_block_.reserve(text_.size() / kBlock + 1);
  std::uint32_t cps = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (i % kBlock == 0) cp_at_block_.push_back(cps);
    cps += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  }
}

std::uint32_t Document::code_point(std::uint32_t byte) const {
  if (text_.empty()) return 0;
  byte = std::min<std::uint32_t>(byte, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t block = std::min<std::uint32_t>(byte / kBlock, static_cast<std::uint32_t>(cp_at_block_.size() - 1));
  std::uint32_t cps = cp_at_block_[block];
  for (std::uint32_t i = block * kBlock; i < byte; ++i) cps += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  return cps;
}

std::uint32_t Document::byte_offset(std::uint32_t cp) const {
  if (cp_at_block_.empty()) return 0;
  // Last block starting at or before `cp`, then walk forward.
  const auto it = std::upper_bound(cp_at_block_.begin(), cp_at_block_.end(), cp);
  std::size_t block = static_cast<std::size_t>(it - cp_at_block_.begin()) - 1;
  std::size_t pos = block * kBlock;
  std::uint32_t cps = cp_at_block_[block];
  // The block may start inside a character: skip continuation bytes first.
  while (pos < text_.size() && (static_cast<unsigned char>(text_[pos]) & 0xC0) == 0x80) ++pos;
  while (pos < text_.size() && cps < cp) {
    pos += utf8::sequence_length(static_cast<unsigned char>(text_[pos]));
    ++cps;
  }
  return static_cast<std::uint32_t>(std::min(pos, text_.size()));
}

bool Document::english_or_unknown() const {
  return !language || !language->reliable || language->code == "en" || language->code == "und";
}

}  // namespace analyze
