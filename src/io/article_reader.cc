#include "analyze/article_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fnmatch.h>
#include <istream>
#include <map>
#include <poll.h>
#include <set>
#include <streambuf>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

#include <fmt/format.h>

#include "core/text_decoder.h"
#include "html/html_article.h"

namespace analyze {

namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view path, std::string_view ext) {
  return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
}

bool has_jsonl_extension(std::string_view path) { return ends_with(path, ".jsonl") || ends_with(path, ".ndjson"); }

bool has_html_extension(std::string_view path) { return ends_with(path, ".html") || ends_with(path, ".htm"); }

// Replaces the page in article.doc.raw with its article text and what the page states.
void extract_html(Article& article) {
  article.html = false;
  auto page = read_html_article(article.doc.raw);
  if (!page) {
    std::string().swap(article.doc.raw);
    article.error = page.error();
    return;
  }
  article.doc.raw = std::move(page->text);
  article.doc.source = std::move(page->source);
  article.doc.date = std::move(page->date);
  for (auto& w : page->warnings) article.doc.warnings.push_back(std::move(w));
}

bool matches_any(const std::string& name, const std::vector<std::string>& globs) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return fnmatch(g.c_str(), name.c_str(), 0) == 0; });
}

// The absolute, lexically normal form of `path`, without a trailing separator.
fs::path normal_absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (p.has_relative_path() && p.filename().empty()) p = p.parent_path();
  return p;
}

// The deepest directory holding every input named: a directory named holds itself, any other
// input its folder. Output names are paths below it, so they mirror the inputs' layout.
fs::path common_folder(const std::vector<std::string>& inputs) {
  std::optional<fs::path> common;
  for (const auto& input : inputs) {
    if (input == "-") continue;
    std::error_code ec;
    const fs::path path = normal_absolute(input);
    const fs::path folder = fs::is_directory(input, ec) ? path : path.parent_path();
    if (!common) {
      common = folder;
      continue;
    }
    fs::path shared;
    for (auto a = common->begin(), b = folder.begin(); a != common->end() && b != folder.end() && *a == *b; ++a, ++b)
      shared /= *a;
    common = shared;
  }
  return common.value_or(fs::path("/"));
}

// An input's output name: its path below `folder` ("." for the folder itself).
std::string output_name_below(const fs::path& folder, const std::string& input) {
  return normal_absolute(input).lexically_relative(folder).string();
}

// Depth-first, each directory's entries sorted by name; a directory already on the path (a symlink
// loop) or already walked is not entered again. `relative` is the directory's output name
// (InputFile::output_name): "." when it is the common folder, whose files are named by their paths
// below it.
void walk(const fs::path& dir, const fs::path& relative, const std::vector<std::string>& globs,
          std::set<std::pair<dev_t, ino_t>>& seen, std::vector<InputFile>& out) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !seen.insert({st.st_dev, st.st_ino}).second) return;
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  if (ec) {
    const fs::path name = relative == "." ? normal_absolute(dir.string()).filename() : relative;
    out.push_back({dir.string(), name.string(), Error{"unreadable", fmt::format("cannot list directory: {}", ec.message())}});
    return;
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& e : entries) {
    const fs::path name = e.path().filename();
    std::error_code type_ec;
    const fs::path below = relative == "." ? name : relative / name;
    if (e.is_directory(type_ec)) {
      walk(e.path(), below, globs, seen, out);
    } else if (matches_any(name.string(), globs)) {
      out.push_back({e.path().string(), below.string(), std::nullopt});
    }
  }
}

std::string sanitize_name(std::string_view id) {
  std::string out;
  for (const char c : id) out += (c == '/' || c == '\\' || c == '\0') ? '_' : c;
  if (out.empty() || out == "." || out == "..") out = "_" + out;
  return out;
}

std::string too_large_message(std::uint64_t size, std::uint64_t limit) {
  return fmt::format("{:.1f} MB is more than the {} MB an article may have (--max-article-size)", size / 1048576.0,
                     limit >> 20);
}

// Reads a whole file (or stdin for "-") into `out`, but never more than `limit` bytes: a pipe, a
// device or a file that grew after it was listed fails with `too-large` instead of filling memory.
std::optional<Error> read_file(const std::string& path, std::uint64_t limit, std::string& out) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f && errno == ELOOP) return Error{"unreadable", "symbolic link loop (too many levels of symbolic links)"};
  if (!f && errno == ENOENT) return Error{"not-found", "no such file or directory"};  // e.g. deleted since it was listed
  if (!f) return Error{"unreadable", std::strerror(errno)};
  struct stat st {};
  if (::fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (f != stdin) std::fclose(f);
    return Error{"unreadable", "is a directory"};
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) <= limit) out.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  std::size_t n;
  bool over = false;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (out.size() + n > limit) {
      over = true;
      break;
    }
    out.append(buffer, n);
  }
  const bool failed = !over && std::ferror(f);
  const int err = errno;
  if (f != stdin) std::fclose(f);
  if (over) {
    std::string().swap(out);
    return Error{"too-large", fmt::format("more than the {} MB an article may have (--max-article-size)", limit >> 20)};
  }
  if (failed) return Error{"unreadable", std::strerror(err)};
  return std::nullopt;
}

// Reads a file descriptor through a 64 KB buffer: std::cin reads stdin a character at a time
// through C stdio, which cost 0.5 s more than a file on the 8 MB peer corpus. A read interrupted by
// a signal ends the input (the batch is stopping); another read error makes the stream bad().
class DescriptorBuffer final : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd), buffer_(std::size_t{1} << 16) {}

 protected:
  int_type underflow() override {
    if (gptr() == egptr()) {
      const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
      if (n < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "read");
      if (n <= 0) return traits_type::eof();
      setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    }
    return traits_type::to_int_type(*gptr());
  }

 private:
  int fd_;
  std::vector<char> buffer_;
};

// std::getline, but keeps at most `cap + 1` bytes of the line (enough to know it is too long), so
// a 200 MB line never sits in memory; `length` is the line's full length, without the newline.
bool getline_capped(std::istream& in, std::string& line, std::size_t cap, std::uint64_t& length) {
  line.clear();
  length = 0;
  bool any = false;
  char buffer[1 << 16];
  while (true) {
    in.getline(buffer, sizeof buffer);
    const auto got = static_cast<std::size_t>(in.gcount());
    const bool full = in.fail() && !in.eof() && got == sizeof buffer - 1;  // no newline yet: read on
    const std::size_t chars = full || in.eof() ? got : (got ? got - 1 : 0);  // gcount counts the newline
    if (got) any = true;
    length += chars;
    if (line.size() <= cap) line.append(buffer, std::min(chars, cap + 1 - line.size()));
    if (full) {
      in.clear(in.rdstate() & ~std::ios::failbit);
      continue;
    }
    if (in.bad()) return false;
    if (in.fail() && !any) return false;  // nothing left
    if (in.fail()) in.clear(in.rdstate() & ~std::ios::failbit);
    return true;
  }
}

Result<Target> parse_target(const Json& t) {
  if (t.is_string()) return Target{std::nullopt, t.get<std::string>()};
  if (t.is_object()) {
    const auto s = t.find("start"), e = t.find("end");
    if (s != t.end() && e != t.end() && s->is_number_unsigned() && e->is_number_unsigned() &&
        s->get<std::uint64_t>() <= e->get<std::uint64_t>() && e->get<std::uint64_t>() <= UINT32_MAX)
      return Target{std::make_pair(s->get<std::uint32_t>(), e->get<std::uint32_t>()), ""};
    for (const char* key : {"name", "target"})
      if (const auto n = t.find(key); n != t.end() && n->is_string()) return Target{std::nullopt, n->get<std::string>()};
  }
  return Error{"bad-targets", fmt::format("a target must be a name or {{\"start\": int, \"end\": int}} with start <= end, not {}",
                                          t.dump().substr(0, 60))};
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The code unit of the escape "\\uXXXX" at `i`, or -1.
long escape_unit(std::string_view s, std::size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  for (std::size_t k = 2; k < 6; ++k)
    if (!is_hex(s[i + k])) return -1;
  return std::stol(std::string(s.substr(i + 2, 4)), nullptr, 16);
}

}  // namespace

std::size_t repair_surrogate_escapes(std::string& json) {
  std::size_t repaired = 0;
  for (std::size_t i = json.find('\\'); i != std::string::npos && i + 1 < json.size(); i = json.find('\\', i)) {
    const long unit = escape_unit(json, i);
    if (unit < 0) {
      i += 2;  // another escape (\\, \", \n, ...): skip both characters
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const long next = escape_unit(json, i + 6);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        i += 12;  // a proper pair
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      json.replace(i, 6, "\\ufffd");
      ++repaired;
    }
    i += 6;
  }
  return repaired;
}

void parse_jsonl_record(std::string_view line, const std::string& fallback_id, Article& article) {
  Document& doc = article.doc;
  doc.id = fallback_id;
  std::string repaired;
  std::size_t bad = 0;
  if (!is_valid_utf8(line)) {
    bad = repair_utf8(line, repaired);
    line = repaired;
  }
  if (line.find("\\ud") != std::string_view::npos || line.find("\\uD") != std::string_view::npos) {
    if (repaired.empty()) repaired.assign(line);
    bad += repair_surrogate_escapes(repaired);
    line = repaired;
  }
  Json record;
  try {
    record = Json::parse(line);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);  // drop "[json.exception...]"
    article.error = Error{"bad-jsonl", "not valid JSON: " + what};
    return;
  }
  if (!record.is_object()) {
    article.error = Error{"bad-jsonl", "a JSONL record must be a JSON object"};
    return;
  }
  if (const auto id = record.find("id"); id != record.end() && !id->is_null())
    doc.id = id->is_string() ? id->get<std::string>() : id->dump();
  // Before any check of the record: a failed record's error still carries the user's keys.
  for (auto it = record.begin(); it != record.end(); ++it)
    if (it.key() != "id" && it.key() != "text" && it.key() != "html" && it.key() != "targets") doc.meta[it.key()] = std::move(it.value());
  auto text = record.find("text");
  if (text == record.end() || !text->is_string()) {
    text = record.find("html");
    article.html = text != record.end() && text->is_string();
  }
  if (text == record.end() || !text->is_string()) {
    article.error = Error{"missing-text", "the record has no \"text\" (or \"html\") string"};
    return;
  }
  doc.raw = std::move(text->get_ref<std::string&>());  // the record is dropped: no copy of the text
  if (const auto targets = record.find("targets"); targets != record.end() && !targets->is_null()) {
    if (!targets->is_array()) {
      article.error = Error{"bad-targets", "\"targets\" must be an array"};
      return;
    }
    for (const auto& t : *targets) {
      auto target = parse_target(t);
      if (!target) {
        article.error = target.error();
        return;
      }
      doc.targets.push_back(std::move(target.value()));
    }
  }
  if (bad)
    doc.warnings.push_back(
        {"invalid-utf8", fmt::format("{} invalid UTF-8 sequence(s) or lone surrogate(s) in the JSONL line replaced with U+FFFD", bad)});
}

ArticleReader::ArticleReader(const std::vector<std::string>& inputs, ReaderOptions options) : options_(std::move(options)) {
  std::set<std::pair<dev_t, ino_t>> seen;
  const fs::path folder = common_folder(inputs);
  for (const auto& input : inputs) {
    if (input == "-") {
      files_.push_back({"-", "stdin", std::nullopt});
      continue;
    }
    const std::string name = output_name_below(folder, input);
    std::error_code ec;
    const auto status = fs::status(input, ec);
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      // ELOOP (a symbolic link loop), EACCES on a directory on the way, ...
      files_.push_back({input, name,
                        Error{"unreadable", ec == std::errc::too_many_symbolic_link_levels
                                                ? "symbolic link loop (too many levels of symbolic links)"
                                                : ec.message()}});
    } else if (ec || !fs::exists(status)) {
      files_.push_back({input, name,
                        Error{"not-found", fs::is_symlink(fs::symlink_status(input, ec)) ? "broken symbolic link"
                                                                                           : "no such file or directory"}});
    } else if (fs::is_directory(status)) {
      walk(input, name, options_.globs, seen, files_);
    } else {
      files_.push_back({input, name, std::nullopt});
    }
  }
  for (const auto& f : files_) {
    std::error_code ec;
    if (f.path != "-" && !f.error) bytes_total_ += fs::file_size(f.path, ec) * !ec;
  }
}

ArticleReader::~ArticleReader() = default;

bool ArticleReader::is_jsonl(const InputFile& f) const {
  if (options_.format != InputFormat::kAuto) return options_.format == InputFormat::kJsonl;
  return has_jsonl_extension(f.path);
}

bool ArticleReader::is_html(const InputFile& f) const {
  if (options_.format != InputFormat::kAuto) return options_.format == InputFormat::kHtml;
  return has_html_extension(f.path);
}

bool ArticleReader::single_document() const {
  return files_.size() == 1 && !is_jsonl(files_[0]);
}

std::uint64_t ArticleReader::articles_total() const {
  const bool counted = std::none_of(files_.begin(), files_.end(), [&](const InputFile& f) { return !f.error && is_jsonl(f); });
  return counted ? files_.size() : 0;
}

std::optional<ArticleReader::OutputNameClash> ArticleReader::output_name_clash() const {
  std::map<std::string, const InputFile*> by_name;
  for (const auto& f : files_) {
    if (!f.error && is_jsonl(f)) continue;
    const auto [it, added] = by_name.emplace(f.output_name, &f);
    if (!added) return OutputNameClash{it->second->path, f.path, f.output_name};
  }
  return std::nullopt;
}

void ArticleReader::fail(Article& article, std::string id, std::string code, std::string message) {
  article.doc.id = std::move(id);
  article.error = Error{std::move(code), std::move(message)};
}

bool ArticleReader::next_jsonl_record(Article& article) {
  std::uint64_t length = 0;
  while (getline_capped(*jsonl_stream_, line_, options_.max_article_bytes, length)) {
    ++jsonl_line_;
    bytes_read_ += length + 1;
    if (!line_.empty() && line_.back() == '\r' && length <= options_.max_article_bytes) {
      line_.pop_back();
      --length;
    }
    if (line_.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines separate nothing
    const std::string where = fmt::format("{}:{}", jsonl_file_->path == "-" ? "<stdin>" : jsonl_file_->path, jsonl_line_);
    if (length > options_.max_article_bytes) {
      // Only the first max_article_bytes + 1 bytes were kept: a 200 MB line never sits in memory.
      fail(article, where, "too-large", too_large_message(length, options_.max_article_bytes));
      std::string().swap(line_);
    } else {
      article.doc.id = where;
      article.record.assign(line_);  // a copy, not a move: line_ keeps its capacity for the next line
    }
    article.record_line = jsonl_line_;
    return true;
  }
  if (jsonl_stream_->bad()) {
    fail(article, jsonl_file_->path, "unreadable", fmt::format("read error after line {}", jsonl_line_));
    jsonl_stream_.reset();
    return true;
  }
  jsonl_stream_.reset();
  return false;
}

bool ArticleReader::would_wait() const {
  if (!jsonl_stream_ || jsonl_file_->path != "-" || jsonl_stream_->rdbuf()->in_avail() > 0) return false;
  pollfd input{STDIN_FILENO, POLLIN, 0};
  return poll(&input, 1, 0) == 0;
}

void ArticleReader::finish(Article& article) const {
  if (article.html && !article.error) extract_html(article);
  if (article.record_line == 0) return;  // not a JSONL record, or finished already
  if (!article.error) {
    const std::string record = std::exchange(article.record, {});
    const std::string where = article.doc.id;  // a copy: parsing replaces doc.id with the record's own
    parse_jsonl_record(record, where, article);
    if (article.html && !article.error) extract_html(article);
  }
  article.output_name = sanitize_name(article.doc.id);
  for (const auto& name : options_.targets) article.doc.targets.push_back({std::nullopt, name});
  if (article.error) article.error->message = fmt::format("line {}: {}", article.record_line, article.error->message);
  article.record_line = 0;
}

bool ArticleReader::next(Article& article) {
  if (!read(article)) return false;
  finish(article);
  return true;
}

bool ArticleReader::read(Article& article) {
  const std::uint64_t before = bytes_read_;
  const bool got = read_next(article);
  article.input_bytes = bytes_read_ - before;
  return got;
}

bool ArticleReader::read_next(Article& article) {
  article = Article{};
  while (true) {
    if (jsonl_stream_ && next_jsonl_record(article)) return true;
    if (next_file_ >= files_.size()) return false;
    const InputFile& f = files_[next_file_++];
    article.output_name = f.output_name;
    if (f.error) {
      fail(article, f.path, f.error->code, f.error->message);
      return true;
    }
    if (is_jsonl(f)) {
      if (f.path == "-") {
        stdin_buffer_ = std::make_unique<DescriptorBuffer>(STDIN_FILENO);
        jsonl_stream_ = std::make_unique<std::istream>(stdin_buffer_.get());
      } else {
        auto file = std::make_unique<std::ifstream>(f.path, std::ios::binary);
        if (!*file) {
          const int err = errno;
          if (err == ENOENT) fail(article, f.path, "not-found", "no such file or directory");
          else fail(article, f.path, "unreadable", err == ELOOP ? "symbolic link loop (too many levels of symbolic links)" : std::strerror(err));
          return true;
        }
        jsonl_stream_ = std::move(file);
      }
      jsonl_file_ = &f;
      jsonl_line_ = 0;
      continue;
    }
    article.doc.id = f.path;
    std::error_code size_ec;
    if (const auto size = f.path == "-" ? 0 : fs::file_size(f.path, size_ec); !size_ec && size > options_.max_article_bytes) {
      article.error = Error{"too-large", too_large_message(size, options_.max_article_bytes)};
      bytes_read_ += size;
      return true;
    }
    // stdin, pipes, devices and files that grew since they were listed: the limit holds while reading.
    if (auto error = read_file(f.path, options_.max_article_bytes, article.doc.raw)) {
      article.error = std::move(error);
      return true;
    }
    bytes_read_ += article.doc.raw.size();
    article.html = is_html(f);
    for (const auto& name : options_.targets) article.doc.targets.push_back({std::nullopt, name});
    return true;
  }
}

}  // namespace analyze
