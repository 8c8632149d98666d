#include "core/model_file.h"

#include <fstream>
#include <utility>

#include <fmt/format.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace analyze {

namespace {

constexpr std::size_t kMagicBytes = 8;

std::string padded_magic(std::string_view magic) {
  std::string m(magic.substr(0, kMagicBytes));
  m.resize(kMagicBytes, '\0');
  return m;
}

}  // namespace

std::uint64_t model_checksum(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

ModelWriter::ModelWriter(std::string_view magic, std::uint32_t version) : bytes_(padded_magic(magic)) {
  put(version);
}

void ModelWriter::put_string(std::string_view s) {
  put(static_cast<std::uint16_t>(s.size()));
  bytes_.append(s.substr(0, 0xffff));
}

Status ModelWriter::save(const std::filesystem::path& file) {
  const std::uint64_t checksum = model_checksum(bytes_);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes_.data(), static_cast<std::streamsize>(bytes_.size()));
  out.write(reinterpret_cast<const char*>(&checksum), sizeof checksum);
  out.close();
  if (!out) return Error{"io", fmt::format("{}: cannot write the file", file.string())};
  return Status::ok();
}

Result<ModelReader> ModelReader::open(const std::filesystem::path& file, std::string_view magic, std::uint32_t version,
                                      std::string_view what) {
  ModelReader r;
  r.file_ = file.string();
  auto mapped = MappedFile::open(file);
  if (!mapped) return r.error(fmt::format("cannot open the {} ({})", what, mapped.error().message));
  const std::string_view bytes = mapped.value().bytes();
  if (bytes.size() < kModelHeaderBytes + kModelChecksumBytes || bytes.substr(0, kMagicBytes) != padded_magic(magic))
    return r.error(fmt::format("not a {} (bad magic)", what));
  std::uint32_t file_version = 0;
  std::memcpy(&file_version, bytes.data() + kMagicBytes, sizeof file_version);
  if (file_version != version)
    return r.error(fmt::format("{} version {} is not supported (expected version {}; data/README.md says how to rebuild it)",
                               what, file_version, version));
  const std::size_t end = bytes.size() - kModelChecksumBytes;
  std::uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + end, sizeof checksum);
  if (checksum != model_checksum(bytes.substr(0, end))) return r.error("checksum mismatch (truncated or corrupt file)");
  r.body_ = bytes.substr(0, end);
  r.file_bytes_ = std::make_shared<const MappedFile>(std::move(mapped.value()));
  r.pos_ = kModelHeaderBytes;
  return r;
}

bool ModelReader::get_bytes(std::string& s, std::size_t n) {
  if (!ok_ || n > body_.size() - pos_) return fail();
  s.assign(body_, pos_, n);
  pos_ += n;
  return true;
}

bool ModelReader::get_string(std::string& s) {
  std::uint16_t n = 0;
  return get(n) && get_bytes(s, n);
}

Error ModelReader::error(std::string_view why) const { return Error{"bad-model", fmt::format("{}: {}", file_, why)}; }

}  // namespace analyze
