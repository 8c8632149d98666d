// Turns the command line's inputs (files, directories, "-") into a stream of articles, in order,
// one at a time, so a multi-gigabyte JSONL never has to fit in memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze/document.h"
#include "analyze/status.h"

namespace analyze {

enum class InputFormat { kAuto, kText, kJsonl, kHtml };

struct Article {
  Document doc;                 // id, raw bytes, meta, targets
  std::optional<Error> error;   // the input could not be read or parsed: reported in its place
  std::string output_name;      // relative path for --output-dir, without extension
  std::uint64_t input_bytes = 0;  // what it took of the input (a file's size, a JSONL line), for progress
  // A JSONL line read but not yet parsed (ArticleReader::read): parsing is most of the reading
  // work, so a batch leaves it to the worker threads (ArticleReader::finish).
  std::string record;
  std::uint64_t record_line = 0;  // its line number; 0 once finished or when not from JSONL
  // doc.raw holds a web page (an HTML file, or a JSONL record's "html") whose article finish()
  // extracts, on the worker thread.
  bool html = false;
};

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: JSONL for *.jsonl / *.ndjson, HTML for *.html / *.htm, text otherwise
  std::vector<std::string> globs = {"*.txt", "*.text", "*.md", "*.jsonl", "*.ndjson", "*.html", "*.htm"};  // for directories
  std::vector<std::string> targets;  // --target names, appended to every article's targets
  std::uint64_t max_article_bytes = 32ull << 20;  // larger articles fail with `too-large`
};

// One input as the user named it, expanded: a directory becomes its matching files.
struct InputFile {
  std::string path;          // "-" for stdin
  // For --output-dir: the path relative to the deepest directory holding every input named (a
  // directory named holds itself), so `corpus/` gives `a/x.txt` for corpus/a/x.txt, one file its
  // name, and `a/x.txt b/x.txt` both paths; "stdin" for stdin.
  std::string output_name;
  std::optional<Error> error;  // e.g. a missing path: still reported in its place
};

class ArticleReader {
 public:
  // Expands directories (recursively, sorted by name, symlink loops skipped) right away, so the
  // number of files and their total size are known for progress; file contents are read lazily.
  ArticleReader(const std::vector<std::string>& inputs, ReaderOptions options);
  ~ArticleReader();

  // The next article in input order, complete; false at the end. Equals read() then finish().
  bool next(Article& article);
  // The next article in input order, a JSONL record still unparsed in article.record; false at
  // the end. finish() completes it, on any thread: it only reads the options.
  bool read(Article& article);
  void finish(Article& article) const;
  // Whether next() would wait for input that has not arrived: a JSONL stream on stdin whose writer
  // is slower than the analysis (`tail -f feed.jsonl | analyze -`). Files never wait. A batch ends
  // there, so a live stream's articles come out as they arrive.
  bool would_wait() const;

  // True when the inputs are a single text document (one article).
  bool single_document() const;
  // The number of articles when known before reading: every input is a text file (or stdin as
  // text); 0 when a JSONL input's records are still to be counted.
  std::uint64_t articles_total() const;
  // Two inputs whose articles would be written to the same --output-dir file (the same
  // output_name; JSONL files are left out, their records being named by their ids), or nothing.
  struct OutputNameClash {
    std::string first_path, second_path, output_name;
  };
  std::optional<OutputNameClash> output_name_clash() const;
  // Bytes of input consumed so far and in total (0 total when unknown, e.g. stdin).
  std::uint64_t bytes_read() const { return bytes_read_; }
  std::uint64_t bytes_total() const { return bytes_total_; }

 private:
  bool is_jsonl(const InputFile& f) const;
  bool is_html(const InputFile& f) const;
  bool read_next(Article& article);
  bool next_jsonl_record(Article& article);
  void fail(Article& article, std::string id, std::string code, std::string message);

  ReaderOptions options_;
  std::vector<InputFile> files_;
  std::size_t next_file_ = 0;
  // The JSONL file being streamed, if any; stdin's is read through stdin_buffer_.
  std::unique_ptr<std::streambuf> stdin_buffer_;
  std::unique_ptr<std::istream> jsonl_stream_;
  const InputFile* jsonl_file_ = nullptr;
  std::uint64_t jsonl_line_ = 0;
  std::string line_;
  std::uint64_t bytes_read_ = 0;
  std::uint64_t bytes_total_ = 0;
};

// Parses one JSONL record ({"id", "text", "targets", ...}) into `article` (meta: the other keys).
// A record with an "html" string instead of "text" is a web page: article.html is set.
// `fallback_id` names the record when it has no id ("file.jsonl:12"). Invalid UTF-8 and lone
// surrogate escapes ("\ud83d" cut from its pair) are repaired to U+FFFD with a warning.
void parse_jsonl_record(std::string_view line, const std::string& fallback_id, Article& article);

// Replaces each \uXXXX escape of a lone UTF-16 surrogate in JSON text with \ufffd, so a record
// cut in the middle of an emoji is repaired instead of rejected; returns how many were replaced.
std::size_t repair_surrogate_escapes(std::string& json);

}  // namespace analyze
