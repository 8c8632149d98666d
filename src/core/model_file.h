// Binary model files of the topics and keyphrases stages and of the knowledge base: an 8-byte
// magic, a u32 version, the body, then a u64 checksum (checksum64) of everything before it, so a
// truncated or damaged file is refused on load instead of giving wrong answers. Values are little-endian, as the machine writes.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapped_file.h"
#include "analyze/status.h"

namespace analyze {

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
  void put_string(std::string_view s);  // u16 length + bytes
  Status save(const std::filesystem::path& file);

 private:
  std::string bytes_;
};

// Reads the body of a file written by ModelWriter, with bounds checks; after the first failed read
// every read fails, so a caller can check once at the end.
class ModelReader {
 public:
  // Errors: Error{"bad-model", "<file>: <why>"} for a missing file, another magic, another
  // version or a checksum mismatch. `what` names the model in messages ("topic model").
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
  // Skips the zero bytes that pad the file to the next multiple of `alignment` bytes.
  bool skip_padding(std::size_t alignment) {
    while (ok_ && pos_ % alignment != 0)
      if (pos_ == body_.size() || body_[pos_++] != '\0') return fail();
    return ok_;
  }
  bool get_string(std::string& s);
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
  std::optional<MappedFile> file_bytes_;
  std::string_view body_;  // file_bytes_ without the checksum; reading starts after the header
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace analyze
