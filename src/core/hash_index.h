// Word hashing and a flat open-addressing index from 64-bit keys to array positions, shared by the
// sentiment lexicon and the stance model: a per-token lookup is one multiply-shift and a probe or
// two in a contiguous array, with no string compare and no allocation.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace analyze {

// Finaliser of splitmix64: spreads every input bit over the whole word.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Hash of `word` with ASCII letters lower-cased (lexicon entries are ASCII; other bytes are hashed
// as they are, so non-ASCII words still get stable, distinct keys).
inline std::uint64_t lowercase_hash(std::string_view word) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (const char ch : word) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    h = (h ^ c) * 0x100000001b3ULL;
  }
  return mix64(h);
}

// feature_key's mixing of its first and second word: a caller combining one word with many
// families mixes it once. feature_key(f, a, b) == feature_key_of_parts(f, first_part(a), second_part(b)).
inline std::uint64_t first_part(std::uint64_t a) { return mix64(a + 0x632be59bd9b4e019ULL); }
inline std::uint64_t second_part(std::uint64_t b) { return mix64(b) >> 1; }
inline std::uint64_t feature_key_of_parts(std::uint64_t family, std::uint64_t first, std::uint64_t second) {
  return mix64(family * 0x9e3779b97f4a7c15ULL ^ first ^ second);
}

// Combines a feature family tag with up to two word hashes into one feature key.
inline std::uint64_t feature_key(std::uint64_t family, std::uint64_t a = 0, std::uint64_t b = 0) {
  return feature_key_of_parts(family, first_part(a), second_part(b));
}

// Maps keys to the positions they were inserted with. Built once; lookups are const.
class HashIndex {
 public:
  static constexpr std::uint32_t kAbsent = 0xffffffffu;

  explicit HashIndex(std::size_t expected = 0) { reserve(expected); }

  // Inserts `key` -> `position`, or returns the existing position when `key` is present.
  std::uint32_t insert(std::uint64_t key, std::uint32_t position) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t i = slot(key);
    while (slots_[i].position != kAbsent) {
      if (slots_[i].key == key) return slots_[i].position;
      i = (i + 1) & mask_;
    }
    slots_[i] = {key, position};
    ++size_;
    return position;
  }

  std::uint32_t find(std::uint64_t key) const {
    if (slots_.empty()) return kAbsent;
    for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
      if (slots_[i].position == kAbsent) return kAbsent;
      if (slots_[i].key == key) return slots_[i].position;
    }
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t position = kAbsent;
  };

  // Keys are already mixed, so their low bits index well.
  std::size_t slot(std::uint64_t key) const { return static_cast<std::size_t>(key) & mask_; }

  void reserve(std::size_t expected) {
    std::size_t n = 16;
    while (n < expected * 2 + 2) n *= 2;
    rehash(n);
  }
  void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }
  void rehash(std::size_t n) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.position != kAbsent) insert(s.key, s.position);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace analyze
