// The command-line front end: parses arguments, builds the pipeline and hands the inputs to the
// batch runner. All analysis lives in the library.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <sys/ioctl.h>
#include <thread>
#include <unistd.h>

#include "analyze/article_reader.h"
#include "analyze/batch_runner.h"
#include "analyze/data_dir.h"
#include "analyze/model_heap.h"
#include "analyze/output_writer.h"
#include "analyze/pipeline.h"
#include "progress_bar.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitArticleFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// Set by SIGINT/SIGTERM: the batch stops after the article being written, so --output-dir never
// holds a half-written file. A second signal kills at once.
volatile std::sig_atomic_t interrupted = 0;

void on_interrupt(int signal) {
  interrupted = signal;
  std::signal(signal, SIG_DFL);
}

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read of stdin returns, so the batch can stop
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "analyze: %s\n", message.c_str());
  return kExitUsage;
}

int terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return std::clamp<int>(ws.ws_col, 40, 120);
  return 80;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void list_stages() {
  for (const auto& spec : analyze::stage_registry()) {
    auto join = [](const std::vector<std::string_view>& v) {
      std::string s;
      for (auto x : v) s += (s.empty() ? "" : ",") + std::string(x);
      return s.empty() ? std::string("-") : s;
    };
    std::printf("%-12s requires: %-28s provides: %s\n%-12s %s\n", std::string(spec.name).c_str(),
                join(spec.requires_layers).c_str(), join(spec.provides_layers).c_str(), "",
                std::string(spec.description).c_str());
  }
}

constexpr const char* kExamples = R"(
Examples:
  analyze article.txt                          a table on a terminal, JSON when piped
  analyze article.txt | jq '.entities[0]'      the most salient entity
  analyze corpus/ --jobs 8 > out.jsonl         a folder, one JSON object per line, input order
  analyze records.jsonl --target "Bukele"      JSONL in ({"id","text",...}), stance toward a name
  cat a.txt | analyze - --stages normalize,segment,stats
  analyze corpus/ --output-dir results/        one results/<name>.json per article

Exit status: 0 every article analysed; 1 at least one article failed (the others still produced
output); 2 usage error (bad option, unknown stage, missing dependency, missing data) before any work.
)";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"analyze: news articles in, paragraphs, sentences, entities, topics, keyphrases and stance out"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("analyze ") + ANALYZE_VERSION);

  std::vector<std::string> inputs;
  std::string format, input_format, stages, output_dir, globs, topics_lexicon;
  std::vector<std::string> targets, gazetteers;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int max_article_mb = 32;
  bool progress = false, no_progress = false, show_stages = false;

  app.add_option("inputs", inputs, "files, directories (walked recursively) or - for stdin");
  app.add_option("-f,--format", format, "json | jsonl | table (default: table on a terminal, else json for one article, jsonl for several)")
      ->check(CLI::IsMember({"json", "jsonl", "table"}));
  app.add_option("--input-format", input_format, "text | jsonl (default: jsonl for *.jsonl / *.ndjson, else text)")
      ->check(CLI::IsMember({"text", "jsonl"}));
  app.add_option("--stages", stages, "comma-separated stage names (default: all; see --list-stages)");
  app.add_flag("--list-stages", show_stages, "list the stages with what they require and provide");
  app.add_option("-j,--jobs", jobs, "worker threads (default: number of cores)")->check(CLI::Range(1, 1024));
  app.add_option("--output-dir", output_dir, "write one <input name>.json per article into this directory");
  // Repeatable options take one value each: `--target X a.txt` must not read a.txt as a target.
  app.add_option("--target", targets, "report stance toward NAME (repeatable)")->allow_extra_args(false);
  app.add_option("--glob", globs, "comma-separated file patterns for directories (default: *.txt,*.text,*.md,*.jsonl,*.ndjson)");
  app.add_option("--gazetteer", gazetteers, "extra gazetteer TSV (name, type, canonical name, id); repeatable; wins over the model")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  app.add_option("--topics-lexicon", topics_lexicon, "your own topic taxonomy (JSON), reported beside IPTC")->check(CLI::ExistingFile);
  app.add_option("--max-article-size", max_article_mb, "largest article in MB; larger ones fail with too-large (default 32)")
      ->check(CLI::Range(1, 4096));
  auto* progress_flag = app.add_flag("--progress", progress, "progress bar on stderr (default: on a terminal with several inputs)");
  app.add_flag("--no-progress", no_progress, "no progress bar")->excludes(progress_flag);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return usage_error(std::string(e.what()) + " (see --help)");
  }

  if (show_stages) {
    list_stages();
    return kExitOk;
  }
  if (inputs.empty()) {
    if (isatty(STDIN_FILENO)) return usage_error("no input: name files, directories or - for stdin (see --help)");
    inputs.push_back("-");
  }

  auto data_dir = analyze::find_data_dir();
  if (!data_dir) return usage_error(data_dir.error().message);
  analyze::StageOptions stage_options;
  stage_options.data_dir = data_dir.value();
  stage_options.gazetteer_files = gazetteers;
  stage_options.topics_lexicon_file = topics_lexicon;
  analyze::reserve_model_heap();
  auto pipeline = analyze::Pipeline::create(split_list(stages), stage_options);
  if (!pipeline) return usage_error(pipeline.error().message);

  analyze::ReaderOptions reader_options;
  if (input_format == "text") reader_options.format = analyze::InputFormat::kText;
  if (input_format == "jsonl") reader_options.format = analyze::InputFormat::kJsonl;
  if (!globs.empty()) reader_options.globs = split_list(globs);
  reader_options.targets = targets;
  reader_options.max_article_bytes = static_cast<std::uint64_t>(max_article_mb) << 20;
  analyze::ArticleReader reader(inputs, reader_options);

  const bool stdout_tty = isatty(STDOUT_FILENO);
  analyze::RenderOptions render_options;
  if (!output_dir.empty()) {
    render_options.format = analyze::OutputFormat::kJson;
  } else if (format.empty()) {
    render_options.format = stdout_tty ? analyze::OutputFormat::kTable
                            : reader.single_document() ? analyze::OutputFormat::kJson
                                                       : analyze::OutputFormat::kJsonl;
  } else {
    render_options.format = format == "json" ? analyze::OutputFormat::kJson
                            : format == "jsonl" ? analyze::OutputFormat::kJsonl
                                                : analyze::OutputFormat::kTable;
  }
  if (render_options.format == analyze::OutputFormat::kTable) {
    render_options.width = stdout_tty ? terminal_width() : 80;
    const char* no_color = std::getenv("NO_COLOR");
    render_options.colour = stdout_tty && !(no_color && *no_color);
  }

  std::unique_ptr<analyze::OutputWriter> writer;
  analyze::DirectoryWriter* directory = nullptr;
  if (!output_dir.empty()) {
    auto d = std::make_unique<analyze::DirectoryWriter>(output_dir);
    directory = d.get();
    writer = std::move(d);
  } else {
    writer = std::make_unique<analyze::StreamWriter>(stdout, render_options.format, !reader.single_document());
  }

  const bool several = !reader.single_document();
  analyze::cli::ProgressBar bar(progress || (!no_progress && several && isatty(STDERR_FILENO)));
  const analyze::BatchRunner runner(pipeline.value(), jobs);
  std::uint64_t done = 0, failed = 0;
  bool output_failed = false;
  int output_errno = 0;
  catch_interrupts();
  runner.run(
      reader,
      [&](const analyze::Document& doc, const std::optional<analyze::Error>& error) {
        return analyze::render(pipeline.value(), doc, error, render_options);
      },
      [&](analyze::ArticleResult& r) {
        if (interrupted) return false;
        ++done;
        if (r.error) {
          ++failed;
          bar.message(fmt::format("analyze: {}: {} ({})", r.id, r.error->message, r.error->code));
        }
        if (!writer->write(r)) {
          output_failed = true;
          output_errno = errno;
          return false;
        }
        if (directory && directory->last_error()) {
          ++failed;
          bar.message(fmt::format("analyze: {}: {} ({})", r.id, directory->last_error()->message, directory->last_error()->code));
        }
        const double fraction = reader.bytes_total() ? double(reader.bytes_read()) / double(reader.bytes_total()) : -1.0;
        bar.update(done, failed, std::min(fraction, 1.0));
        return true;
      });
  bar.finish();
  if (interrupted) {
    std::fprintf(stderr, "analyze: interrupted after %llu article(s)\n", static_cast<unsigned long long>(done));
    return kExitInterrupted;
  }
  if (!output_failed && !writer->finish()) {
    output_failed = true;
    output_errno = errno;
  }
  // stdout closed by the reader (`analyze corpus/ | head -1`) is a normal way to stop: no message.
  // Anything else (a full disk) loses results, so it is an error.
  if (output_failed && output_errno != EPIPE) {
    std::fprintf(stderr, "analyze: cannot write the output: %s (output)\n", std::strerror(output_errno));
    return kExitArticleFailed;
  }
  return failed ? kExitArticleFailed : kExitOk;
}
