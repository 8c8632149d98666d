#include "cli/input_list.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace analyze::cli {

std::vector<std::string> split_input_list(const std::string& text, char separator) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) names.emplace_back(text, start, end - start);
    start = end + 1;
  }
  return names;
}

Result<std::vector<std::string>> read_input_list(const std::string& file, char separator) {
  std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (!in) return Error{"bad-option", fmt::format("--files-from {}: {}", file, std::strerror(errno))};
  std::string text;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(in);
  const int err = errno;
  if (in != stdin) std::fclose(in);
  if (failed) return Error{"bad-option", fmt::format("--files-from {}: {}", file, std::strerror(err))};
  return split_input_list(text, separator);
}

}  // namespace analyze::cli
