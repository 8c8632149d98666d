// A file's bytes mapped read-only into memory. The model loaders read their files in place: copying
// a 3 MB model into fresh memory first cost a page fault per 4 KiB and a pass to zero it, a third
// of the topic model's load time. Regular files only (the models in data/).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "analyze/status.h"

namespace analyze {

class MappedFile {
 public:
  // Errors: Error{"unreadable", "<why>"} (the caller names the file in its own message).
  static Result<MappedFile> open(const std::filesystem::path& file);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Valid as long as this object (or the one it is moved into) lives.
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace analyze
