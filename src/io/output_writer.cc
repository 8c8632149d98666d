#include "analyze/output_writer.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze/table_writer.h"

namespace analyze {

namespace fs = std::filesystem;

namespace {

std::string render_table(const Pipeline& pipeline, const Document& doc, const std::optional<Error>& error,
                         const RenderOptions& options) {
  TableWriter table(options.width, options.colour);
  table.heading(doc.id);
  if (error) {
    table.field("error", fmt::format("{} ({})", error->message, error->code));
    return table.str();
  }
  for (const auto& w : doc.warnings) table.field("warning", fmt::format("{} ({})", w.message, w.code));
  pipeline.write_table(doc, table);
  return table.str();
}

}  // namespace

std::string render(const Pipeline& pipeline, const Document& doc, const std::optional<Error>& error,
                   const RenderOptions& options) {
  if (options.format == OutputFormat::kTable) return render_table(pipeline, doc, error, options);
  const bool pretty = options.format == OutputFormat::kJson;
  std::string out;
  out.reserve(2 * doc.text().size() + 1024);  // the sentences repeat the text, mentions parts of it
  if (error) Pipeline::write_error_json(doc, *error, out, pretty);
  else pipeline.write_json(doc, out, pretty);
  return out;
}

StreamWriter::StreamWriter(std::FILE* out, OutputFormat format, bool array) : out_(out), format_(format), array_(array) {
  // A regular file or /dev/null gains nothing from a write per article: stdio's buffer is enough.
  struct stat st {};
  if (::fstat(fileno(out), &st) == 0 && !isatty(fileno(out)) && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
    flush_each_ = false;
}

bool StreamWriter::put(std::string_view s) {
  return std::fwrite(s.data(), 1, s.size(), out_) == s.size();
}

bool StreamWriter::write(const ArticleResult& result) {
  bool ok = true;
  switch (format_) {
    case OutputFormat::kJsonl:
      ok = put(result.rendered) && put("\n");
      break;
    case OutputFormat::kJson:
      if (array_) ok = put(written_ == 0 ? "[\n" : ",\n");
      ok = ok && put(result.rendered);
      if (!array_) ok = ok && put("\n");
      break;
    case OutputFormat::kTable:
      ok = (written_ == 0 || put("\n")) && put(result.rendered);
      break;
  }
  ++written_;
  // Flush per article on a terminal or pipe so downstream tools see results as they come.
  return ok && (!flush_each_ || std::fflush(out_) == 0);
}

bool StreamWriter::finish() {
  bool ok = true;
  if (format_ == OutputFormat::kJson && array_) ok = put(written_ == 0 ? "[]\n" : "\n]\n");
  return ok && std::fflush(out_) == 0;
}

bool DirectoryWriter::write(const ArticleResult& result) {
  last_error_.reset();
  const fs::path target = dir_ / (result.output_name + ".json");
  if (!written_.insert(result.output_name).second) {
    last_error_ = Error{"output", fmt::format("cannot write {}: an earlier article of this run was written there (the same id?)",
                                              target.string())};
    return true;
  }
  const fs::path temporary = target.parent_path() / fmt::format(".{}.tmp", target.filename().string());
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  std::FILE* f = std::fopen(temporary.c_str(), "wb");
  if (!f) {
    last_error_ = Error{"output", fmt::format("cannot write {}: {}", target.string(), std::strerror(errno))};
    return true;  // this article's output is lost, the batch goes on
  }
  const bool ok = std::fwrite(result.rendered.data(), 1, result.rendered.size(), f) == result.rendered.size() &&
                  std::fputc('\n', f) != EOF;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed || std::rename(temporary.c_str(), target.c_str()) != 0) {
    last_error_ = Error{"output", fmt::format("cannot write {}: {}", target.string(), std::strerror(errno))};
    std::remove(temporary.c_str());
  }
  return true;
}

}  // namespace analyze
