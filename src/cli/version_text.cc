#include "cli/version_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "analyze/data_dir.h"

namespace analyze::cli {

namespace fs = std::filesystem;

namespace {

// The folders of the data directory that hold models (trained or built files, not word lists).
constexpr const char* kModelFolders[] = {"models", "kb"};

// "<magic> version <n>" from a binary model's header (an 8-byte magic of capitals, digits, '-'
// or a final newline, then a u32 version), or "-" for a file of another kind (a JSON lexicon).
std::string model_header(const std::string& bytes) {
  if (bytes.size() < 12) return "-";
  std::string magic;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = bytes[i];
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') magic += c;
    else if (c != '\n' || i != 7) return "-";
  }
  std::uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 8, sizeof version);
  return fmt::format("{} version {}", magic, version);
}

std::string model_line(const fs::path& data, const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string content = bytes.str();
  return fmt::format("  {:<28} {:<26} xxh3:{:016x}\n", fs::relative(file, data).string(), model_header(content),
                     XXH3_64bits(content.data(), content.size()));
}

std::string model_lines(const fs::path& data) {
  std::vector<fs::path> files;
  for (const char* folder : kModelFolders) {
    std::error_code ec;
    for (fs::directory_iterator it(data / folder, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::string lines;
  for (const auto& file : files) lines += model_line(data, file);
  return lines;
}

}  // namespace

std::string version_text(const std::string& program_version) {
  std::string text = "analyze " + program_version + "\n";
  const auto data = find_data_dir();
  if (!data) return text + "data: none found (" + data.error().message + ")";
  text += "data: " + data.value().string() + "\nmodels:\n" + model_lines(data.value());
  text.pop_back();  // the caller ends the last line
  return text;
}

}  // namespace analyze::cli
