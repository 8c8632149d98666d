// Where results go: stdout as JSON / JSONL / a table, or one JSON file per article in a directory.
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_set>

#include "analyze/batch_runner.h"
#include "analyze/pipeline.h"

namespace analyze {

enum class OutputFormat { kJson, kJsonl, kTable };

struct RenderOptions {
  OutputFormat format = OutputFormat::kJsonl;
  int width = 80;       // table only
  bool colour = false;  // table only
};

// The article's output text: contract JSON (pretty for kJson, one line for kJsonl) or a table.
std::string render(const Pipeline& pipeline, const Document& doc, const std::optional<Error>& error,
                   const RenderOptions& options);

class OutputWriter {
 public:
  virtual ~OutputWriter() = default;
  // Writes one result; false when the output is gone (stdout closed) and the batch should stop.
  virtual bool write(const ArticleResult& result) = 0;
  // Completes the output (e.g. the closing bracket of a JSON array).
  virtual bool finish() = 0;
};

// To a stream. With `array` (several articles as --format json) the objects form one JSON array;
// tables are separated by a blank line.
class StreamWriter final : public OutputWriter {
 public:
  StreamWriter(std::FILE* out, OutputFormat format, bool array);
  bool write(const ArticleResult& result) override;
  bool finish() override;

 private:
  bool put(std::string_view s);
  std::FILE* out_;
  OutputFormat format_;
  bool array_;
  bool flush_each_ = true;  // a terminal, pipe or socket: someone reads the results as they come
  std::uint64_t written_ = 0;
};

// One `<output name>.json` per article below `dir`, each written to a temporary name and renamed,
// so an interrupted batch never leaves a half-written file. A second article with a name already
// written in this run (two JSONL records with the same id) fails with `output` instead of
// replacing the first one's file.
class DirectoryWriter final : public OutputWriter {
 public:
  explicit DirectoryWriter(std::filesystem::path dir) : dir_(std::move(dir)) {}
  bool write(const ArticleResult& result) override;
  bool finish() override { return true; }
  // The last write's problem, if it failed.
  const std::optional<Error>& last_error() const { return last_error_; }

 private:
  std::filesystem::path dir_;
  std::optional<Error> last_error_;
  std::unordered_set<std::string> written_;
};

}  // namespace analyze
