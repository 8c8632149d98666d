// The one framing of every binary model file (the NER, topic, keyphrase and stance models and the
// knowledge base), and its writer and reader:
//
//   offset 0       8 bytes   magic: names the kind of model ("ANZTOPIC"), zero-padded
//   offset 8       u32       the model's format version; version 1 files used an older checksum
//   offset 12      body      the model's own layout (its header says what), read in order
//   size - 8       u64       XXH3-64 (seed 0) of every byte before it
//
// so a truncated or damaged file is refused on load instead of giving wrong answers, and a file
// of another version is refused with a message naming the version expected. Every value is
// little-endian: the writer and reader copy values as the machine holds them, and the
// static_assert below keeps them to little-endian machines.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapped_file.h"
#include "analyze/status.h"

namespace analyze {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "model files are little-endian and read in place: a big-endian port must byte-swap in model_file.h");

// Bytes of the framing around the body.
inline constexpr std::size_t kModelHeaderBytes = 8 + sizeof(std::uint32_t);
inline constexpr std::size_t kModelChecksumBytes = sizeof(std::uint64_t);

// The checksum stored at the end of a file whose other bytes are `bytes`.
std::uint64_t model_checksum(std::string_view bytes);

// An array a model reads: built in memory (by a trainer or a test) or viewed in place in the
// mapped model file, so that a table stored ready to use is neither copied nor rebuilt at start-up.
// Copies share the values, which never change once the array is made.
template <class T>
class ModelArray {
 public:
  ModelArray() = default;
  explicit ModelArray(std::vector<T> values) {
    auto owned = std::make_shared<const std::vector<T>>(std::move(values));
    data_ = owned->data();
    size_ = owned->size();
    keep_ = std::move(owned);
  }
  // `data` points into the memory `keep` holds.
  ModelArray(std::shared_ptr<const void> keep, const T* data, std::size_t size)
      : keep_(std::move(keep)), data_(data), size_(size) {}

  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  std::shared_ptr<const void> keep_;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

// Appends values to a file image; save() adds the checksum and writes it.
class ModelWriter {
 public:
  ModelWriter(std::string_view magic, std::uint32_t version);
  template <class T>
  void put(T v) {
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>
  void put_all(const std::vector<T>& v) {
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  template <class T>
  void put_all(const ModelArray<T>& v) {
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_bytes(std::string_view s) { bytes_.append(s); }
  // Zero bytes up to the next multiple of `alignment` bytes from the file's start, so that the
  // array written next can be viewed in place (ModelReader::view, skip_padding).
  void pad_to(std::size_t alignment) { bytes_.resize((bytes_.size() + alignment - 1) / alignment * alignment, '\0'); }
  void put_string(std::string_view s);  // u16 length + bytes
  // Errors: Error{"io", "<file>: cannot write the file"}.
  Status save(const std::filesystem::path& file);

 private:
  std::string bytes_;
};

// Reads the body of a file written by ModelWriter, with bounds checks; after the first failed read
// every read fails, so a caller can check once at the end.
class ModelReader {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"} for a missing file, another magic, another
  // version (naming the one expected) or a checksum mismatch. `what` names the model in messages
  // ("topic model").
  static Result<ModelReader> open(const std::filesystem::path& file, std::string_view magic, std::uint32_t version,
                                  std::string_view what);

  template <class T>
  bool get(T& v) {
    if (!ok_ || body_.size() - pos_ < sizeof v) return fail();
    std::memcpy(&v, body_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  template <class T>
  bool get_all(std::vector<T>& v, std::size_t n) {
    if (!ok_ || n > (body_.size() - pos_) / sizeof(T)) return fail();
    v.resize(n);
    if (n != 0) std::memcpy(v.data(), body_.data() + pos_, n * sizeof(T));  // an empty vector's data() may be null
    pos_ += n * sizeof(T);
    return true;
  }
  // Points `p` at `n` values of T inside the mapped file, without copying: the values stay valid as
  // long as this reader (or the one it is moved into) lives. Fails unless they start at a multiple
  // of alignof(T); writers pad arrays to 8 bytes (skip_padding).
  template <class T>
  bool view(const T*& p, std::size_t n) {
    if (!ok_ || n > (body_.size() - pos_) / sizeof(T)) return fail();
    const char* at = body_.data() + pos_;
    if (reinterpret_cast<std::uintptr_t>(at) % alignof(T) != 0) return fail();
    p = reinterpret_cast<const T*>(at);
    pos_ += n * sizeof(T);
    return true;
  }
  // The same, as an array that keeps the mapping alive for as long as it lives.
  template <class T>
  bool view(ModelArray<T>& array, std::size_t n) {
    const T* p = nullptr;
    if (!view(p, n)) return false;
    array = ModelArray<T>(file_bytes_, p, n);
    return true;
  }
  // Skips the zero bytes that pad the file to the next multiple of `alignment` bytes.
  bool skip_padding(std::size_t alignment) {
    while (ok_ && pos_ % alignment != 0)
      if (pos_ == body_.size() || body_[pos_++] != '\0') return fail();
    return ok_;
  }
  bool get_bytes(std::string& s, std::size_t n);
  bool get_string(std::string& s);  // u16 length + bytes
  std::size_t remaining() const { return ok_ ? body_.size() - pos_ : 0; }
  bool ok() const { return ok_; }
  // Error{"bad-model", "<file>: <why>"}.
  Error error(std::string_view why) const;

 private:
  bool fail() {
    ok_ = false;
    return false;
  }
  std::string file_;
  std::shared_ptr<const MappedFile> file_bytes_;
  std::string_view body_;  // file_bytes_ without the checksum; reading starts after the header
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace analyze
