// The command-line front end: parses arguments, builds the pipeline and hands the inputs to the
// batch runner. All analysis lives in the library; `main` only parses and dispatches to the phases
// (parse options, build the pipeline, open inputs and output, run, report).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <sys/ioctl.h>
#include <thread>
#include <unistd.h>

#include "analyze/article_reader.h"
#include "analyze/batch_runner.h"
#include "analyze/data_dir.h"
#include "analyze/date.h"
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

std::string join_layers(const std::vector<std::string_view>& layers) {
  std::string s;
  for (auto layer : layers) s += (s.empty() ? "" : ",") + std::string(layer);
  return s.empty() ? std::string("-") : s;
}

// One stage a line pair: name, required, provided and optional (used when present) layers, then
// the description. Scripts read the first line by its fields (bench/peers/run.sh).
void list_stages() {
  for (const auto& spec : analyze::stage_registry())
    std::printf("%-12s requires: %-28s provides: %-28s optional: %s\n%-12s %s\n", std::string(spec.name).c_str(),
                join_layers(spec.requires_layers).c_str(), join_layers(spec.provides_layers).c_str(),
                join_layers(spec.optional_layers).c_str(), "", std::string(spec.description).c_str());
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

// Everything the command line says.
struct CliOptions {
  std::vector<std::string> inputs;
  std::string format, input_format, stages, output_dir, globs, topics_lexicon, stance_model, date;
  std::vector<std::string> targets, gazetteers;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int max_article_mb = 32;
  bool progress = false, no_progress = false, show_stages = false;
};

void add_options(CLI::App& app, CliOptions& o) {
  app.add_option("inputs", o.inputs, "files, directories (walked recursively) or - for stdin");
  app.add_option("-f,--format", o.format, "json | jsonl | table (default: table on a terminal, else json for one article, jsonl for several)")
      ->check(CLI::IsMember({"json", "jsonl", "table"}));
  app.add_option("--input-format", o.input_format, "text | jsonl (default: jsonl for *.jsonl / *.ndjson, else text)")
      ->check(CLI::IsMember({"text", "jsonl"}));
  app.add_option("--stages", o.stages, "comma-separated stage names (default: all; see --list-stages)");
  app.add_flag("--list-stages", o.show_stages, "list the stages with the layers they require, provide and use when present");
  app.add_option("-j,--jobs", o.jobs, "worker threads (default: number of cores)")->check(CLI::Range(1, 1024));
  app.add_option("--output-dir", o.output_dir, "write one <input name>.json per article into this directory");
  // Repeatable options take one value each: `--target X a.txt` must not read a.txt as a target.
  app.add_option("--target", o.targets, "report stance toward NAME (repeatable)")->allow_extra_args(false);
  app.add_option("--glob", o.globs, "comma-separated file patterns for directories (default: *.txt,*.text,*.md,*.jsonl,*.ndjson)");
  app.add_option("--gazetteer", o.gazetteers, "extra gazetteer TSV (name, type, canonical name, id); repeatable; wins over the model")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  app.add_option("--topics-lexicon", o.topics_lexicon, "your own topic taxonomy (JSON), reported beside IPTC")->check(CLI::ExistingFile);
  app.add_option("--stance-model", o.stance_model,
                 "model | lexicon: the stance toward targets from the trained model (default) or the lexicon-only scorer "
                 "(default: $ANALYZE_STANCE, else model)")
      ->check(CLI::IsMember({"model", "lexicon"}));
  app.add_option("--date", o.date, "YYYY-MM-DD: the articles' publication date, for relative dates (a JSONL record's \"date\" wins)");
  app.add_option("--max-article-size", o.max_article_mb, "largest article in MB; larger ones fail with too-large (default 32)")
      ->check(CLI::Range(1, 4096));
  auto* progress_flag = app.add_flag("--progress", o.progress, "progress bar on stderr (default: on a terminal with several inputs)");
  app.add_flag("--no-progress", o.no_progress, "no progress bar")->excludes(progress_flag);
}

// Parses the command line into `o`: nothing when analysis goes on, else the exit status (--help,
// --version, a usage error). No input named means stdin, unless stdin is a terminal.
std::optional<int> parse_options(int argc, char** argv, CliOptions& o) {
  CLI::App app{"analyze: news articles in, paragraphs, sentences, entities, topics, keyphrases and stance out"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("analyze ") + ANALYZE_VERSION);
  add_options(app, o);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return usage_error(std::string(e.what()) + " (see --help)");
  }
  if (o.show_stages || !o.inputs.empty()) return std::nullopt;
  if (isatty(STDIN_FILENO)) return usage_error("no input: name files, directories or - for stdin (see --help)");
  o.inputs.push_back("-");
  return std::nullopt;
}

// --stance-model, or the environment variable ANALYZE_STANCE (its documented alias) when the
// option is not given.
analyze::Result<analyze::StanceVariant> stance_variant(const CliOptions& o) {
  std::string variant = o.stance_model;
  if (variant.empty()) {
    const char* env = std::getenv("ANALYZE_STANCE");
    variant = env ? env : "";
    if (!variant.empty() && variant != "model" && variant != "lexicon")
      return analyze::Error{"bad-option", fmt::format("ANALYZE_STANCE is '{}'; use 'model' (default) or 'lexicon'", variant)};
  }
  return variant == "lexicon" ? analyze::StanceVariant::kLexicon : analyze::StanceVariant::kModel;
}

// Finds the data, checks the stages and loads their models: every usage error before any input.
analyze::Result<analyze::Pipeline> build_pipeline(const CliOptions& o) {
  auto data_dir = analyze::find_data_dir();
  if (!data_dir) return data_dir.error();
  auto variant = stance_variant(o);
  if (!variant) return variant.error();
  analyze::StageOptions stage_options;
  stage_options.data_dir = data_dir.value();
  stage_options.gazetteer_files = o.gazetteers;
  stage_options.topics_lexicon_file = o.topics_lexicon;
  stage_options.stance_variant = variant.value();
  if (!o.date.empty()) {
    stage_options.article_date = analyze::parse_iso_date(o.date);
    if (!stage_options.article_date)
      return analyze::Error{"bad-option", fmt::format("--date '{}' is no day in YYYY-MM-DD form", o.date)};
  }
  analyze::reserve_model_heap();
  return analyze::Pipeline::create(split_list(o.stages), stage_options);
}

analyze::ReaderOptions reader_options(const CliOptions& o) {
  analyze::ReaderOptions options;
  if (o.input_format == "text") options.format = analyze::InputFormat::kText;
  if (o.input_format == "jsonl") options.format = analyze::InputFormat::kJsonl;
  if (!o.globs.empty()) options.globs = split_list(o.globs);
  options.targets = o.targets;
  options.max_article_bytes = static_cast<std::uint64_t>(o.max_article_mb) << 20;
  return options;
}

analyze::OutputFormat output_format(const CliOptions& o, bool stdout_tty, bool single_document) {
  if (!o.output_dir.empty()) return analyze::OutputFormat::kJson;
  if (o.format.empty())
    return stdout_tty        ? analyze::OutputFormat::kTable
           : single_document ? analyze::OutputFormat::kJson
                             : analyze::OutputFormat::kJsonl;
  return o.format == "json"    ? analyze::OutputFormat::kJson
         : o.format == "jsonl" ? analyze::OutputFormat::kJsonl
                               : analyze::OutputFormat::kTable;
}

analyze::RenderOptions render_options(const CliOptions& o, bool single_document) {
  const bool stdout_tty = isatty(STDOUT_FILENO);
  analyze::RenderOptions options;
  options.format = output_format(o, stdout_tty, single_document);
  if (options.format == analyze::OutputFormat::kTable) {
    options.width = stdout_tty ? terminal_width() : 80;
    const char* no_color = std::getenv("NO_COLOR");
    options.colour = stdout_tty && !(no_color && *no_color);
  }
  return options;
}

// Where the results go; `directory` is set for --output-dir, whose writes can fail one by one.
struct Output {
  std::unique_ptr<analyze::OutputWriter> writer;
  analyze::DirectoryWriter* directory = nullptr;
};

Output open_output(const CliOptions& o, analyze::OutputFormat format, bool single_document) {
  Output output;
  if (o.output_dir.empty()) {
    output.writer = std::make_unique<analyze::StreamWriter>(stdout, format, !single_document);
    return output;
  }
  auto directory = std::make_unique<analyze::DirectoryWriter>(o.output_dir);
  output.directory = directory.get();
  output.writer = std::move(directory);
  return output;
}

// What a run did: the batch's summary, the results --output-dir could not write, and whether
// the output itself failed (errno says why).
struct RunOutcome {
  analyze::BatchSummary summary;
  std::uint64_t unwritten = 0;
  bool output_failed = false;
  int output_errno = 0;
};

RunOutcome run(const analyze::Pipeline& pipeline, const CliOptions& o, analyze::ArticleReader& reader,
               const analyze::RenderOptions& render_options, Output& output) {
  const bool several = !reader.single_document();
  analyze::cli::ProgressBar bar(o.progress || (!o.no_progress && several && isatty(STDERR_FILENO)));
  const analyze::BatchRunner runner(pipeline, o.jobs);
  RunOutcome outcome;
  catch_interrupts();
  outcome.summary = runner.run(
      reader,
      [&](const analyze::Document& doc, const std::optional<analyze::Error>& error) {
        return analyze::render(pipeline, doc, error, render_options);
      },
      [&](analyze::ArticleResult& r, const analyze::BatchSummary& so_far) {
        if (interrupted) return false;
        if (r.error) bar.message(fmt::format("analyze: {}: {} ({})", r.id, r.error->message, r.error->code));
        if (!output.writer->write(r)) {
          outcome.output_failed = true;
          outcome.output_errno = errno;
          return false;
        }
        if (output.directory && output.directory->last_error()) {
          const analyze::Error& error = *output.directory->last_error();
          ++outcome.unwritten;
          bar.message(fmt::format("analyze: {}: {} ({})", r.id, error.message, error.code));
        }
        const double fraction = reader.bytes_total() ? double(reader.bytes_read()) / double(reader.bytes_total()) : -1.0;
        bar.update(so_far.articles, so_far.failed + outcome.unwritten, std::min(fraction, 1.0));
        return true;
      });
  bar.finish();
  if (!interrupted && !outcome.output_failed && !output.writer->finish()) {
    outcome.output_failed = true;
    outcome.output_errno = errno;
  }
  return outcome;
}

// The closing message, if any, and the exit status.
int report(const RunOutcome& outcome) {
  if (interrupted) {
    std::fprintf(stderr, "analyze: interrupted after %llu article(s)\n",
                 static_cast<unsigned long long>(outcome.summary.articles));
    return kExitInterrupted;
  }
  // stdout closed by the reader (`analyze corpus/ | head -1`) is a normal way to stop: no message.
  // Anything else (a full disk) loses results, so it is an error.
  if (outcome.output_failed && outcome.output_errno != EPIPE) {
    std::fprintf(stderr, "analyze: cannot write the output: %s (output)\n", std::strerror(outcome.output_errno));
    return kExitArticleFailed;
  }
  return outcome.summary.failed || outcome.unwritten ? kExitArticleFailed : kExitOk;
}

}  // namespace

// Parses and dispatches: each phase is a function above.
int main(int argc, char** argv) {
  CliOptions options;
  if (const auto exit_status = parse_options(argc, argv, options)) return *exit_status;
  if (options.show_stages) {
    list_stages();
    return kExitOk;
  }
  auto pipeline = build_pipeline(options);
  if (!pipeline) return usage_error(pipeline.error().message);
  analyze::ArticleReader reader(options.inputs, reader_options(options));
  const analyze::RenderOptions render = render_options(options, reader.single_document());
  Output output = open_output(options, render.format, reader.single_document());
  return report(run(pipeline.value(), options, reader, render, output));
}
