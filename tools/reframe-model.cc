// Converts a model file of the framing before XXH3 into the model-file framing of
// src/core/model_file.h, keeping its body byte for byte, so a model need not be retrained when
// only its framing changed:
//
//   reframe-model OLD NEW
//
// The old framings, all little-endian, with the checksum64 below (a word-at-a-time splitmix mix):
//   ANZTOPIC v1, ANZKEYPH v3, ANZKBASE v1: magic, u32 version, body, u64 checksum of all before it
//   ANZ-NER\n v1:                          magic, u32 version, u64 checksum of the body, body
//   ANSTANCE v1:                           magic, u32 version, body (no checksum)
// The old checksum is verified, the body written with the kind's current version, and the new
// file loaded by the stage's own loader, so a file this tool writes is one the stage accepts.
// Prints the body's size and offsets, so its bytes can be compared in both files (data/README.md).
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/hash_index.h"
#include "core/model_file.h"
#include "entities/knowledge_base.h"
#include "entities/ner_model.h"
#include "stance/stance_model.h"
#include "topics/keyphrase_extractor.h"

namespace {

namespace fs = std::filesystem;
using analyze::Status;

enum class OldChecksum { kAtEnd, kAfterVersion, kNone };

struct Kind {
  std::string_view magic;
  std::uint32_t old_version;
  std::uint32_t new_version;
  OldChecksum checksum;
  std::function<Status(const fs::path&)> load;  // the stage's loader, to check the new file (none: checked by upgrade-model)
};

template <class Model>
Status loads(const fs::path& file) {
  auto model = Model::load(file);
  return model ? Status::ok() : Status(model.error());
}

const Kind kKinds[] = {
    {"ANZTOPIC", 1, 2, OldChecksum::kAtEnd, nullptr},  // version 2 is not the stage's: upgrade-model takes it on
    {"ANZKEYPH", 3, 4, OldChecksum::kAtEnd, loads<analyze::KeyphraseBackground>},
    {"ANZKBASE", 1, 2, OldChecksum::kAtEnd, loads<analyze::KnowledgeBase>},
    {std::string_view("ANZ-NER\n", 8), 1, 2, OldChecksum::kAfterVersion, loads<analyze::NerModel>},
    {"ANSTANCE", 1, 2, OldChecksum::kNone, loads<analyze::StanceModel>},
};

// The checksum of the old framing.
std::uint64_t checksum64(std::string_view bytes) {
  std::uint64_t h = 0x243f6a8885a308d3ULL ^ bytes.size();
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = analyze::mix64(h ^ w);
  }
  for (; i < bytes.size(); ++i) h = analyze::mix64(h ^ static_cast<unsigned char>(bytes[i]));
  return h;
}

std::uint64_t u64_at(std::string_view bytes, std::size_t offset) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data() + offset, sizeof v);
  return v;
}

// The body of an old file of `kind`, its old checksum verified; throws on a bad file.
std::string_view old_body(std::string_view bytes, const Kind& kind) {
  constexpr std::size_t header = analyze::kModelHeaderBytes;
  std::uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 8, sizeof version);
  if (version != kind.old_version)
    throw std::runtime_error(fmt::format("version {} is not the old version {} of this kind", version, kind.old_version));
  switch (kind.checksum) {
    case OldChecksum::kAtEnd:
      if (bytes.size() < header + 8 || checksum64(bytes.substr(0, bytes.size() - 8)) != u64_at(bytes, bytes.size() - 8))
        throw std::runtime_error("checksum mismatch");
      return bytes.substr(header, bytes.size() - 8 - header);
    case OldChecksum::kAfterVersion:
      if (bytes.size() < header + 8 || checksum64(bytes.substr(header + 8)) != u64_at(bytes, header))
        throw std::runtime_error("checksum mismatch");
      return bytes.substr(header + 8);
    case OldChecksum::kNone:
      return bytes.substr(header);
  }
  return {};
}

const Kind& kind_of(std::string_view bytes) {
  for (const Kind& kind : kKinds)
    if (bytes.size() >= analyze::kModelHeaderBytes && bytes.substr(0, 8) == kind.magic) return kind;
  throw std::runtime_error("not a model file of a known kind (bad magic)");
}

void reframe(const fs::path& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the file");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Kind& kind = kind_of(bytes);
  const std::string_view body = old_body(bytes, kind);
  analyze::ModelWriter w(kind.magic, kind.new_version);
  w.put_bytes(body);
  if (Status s = w.save(to); !s) throw std::runtime_error(s.error().message);
  if (Status s = kind.load ? kind.load(to) : Status::ok(); !s) throw std::runtime_error("the new file does not load: " + s.error().message);
  std::cout << fmt::format("{}: body of {} bytes at offset {} (old file) and {} (new file), version {} -> {}\n",
                           to.string(), body.size(), body.data() - bytes.data(), analyze::kModelHeaderBytes,
                           kind.old_version, kind.new_version);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: reframe-model OLD NEW\n";
    return 2;
  }
  try {
    reframe(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "reframe-model: " << argv[1] << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
