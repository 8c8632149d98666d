// The command-line front end: parses arguments, builds the pipeline and hands the inputs to the
// batch runner. All analysis lives in the library; `main` only parses and dispatches to the phases
// (parse options, build the pipeline, open inputs and output, run, report).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <sched.h>
#include <string_view>
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
#include "cli/input_list.h"
#include "cli/interrupts.h"
#include "cli/progress_bar.h"
#include "cli/progress_counter.h"
#include "cli/version_text.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitArticleFailed = 1;
constexpr int kExitUsage = 2;

int usage_error(const std::string& message) {
  std::fprintf(stderr, "analyze: %s\n", message.c_str());
  return kExitUsage;
}

// The CPUs this process may run on (`taskset -c 0 analyze` gets 1), else the machine's.
int default_jobs() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0) return CPU_COUNT(&cpus);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

bool term_is_dumb() {
  const char* term = std::getenv("TERM");
  return term && std::string_view(term) == "dumb";
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
  analyze article.txt                          a table on a terminal, JSONL when piped
  analyze article.txt | jq '.entities[0]'      the most salient entity
  analyze corpus/ --jobs 8 > out.jsonl         a folder, one JSON object per line, input order
  find . -print0 | analyze --files-from - -0   the files find names, whatever their names hold
  analyze records.jsonl --target "Bukele"      JSONL in ({"id","text",...}), stance toward a name
  analyze - --stages normalize,segment,stats  stdin, through the stages named only
  analyze corpus/ --output-dir results/        results/a/x.txt.json for corpus/a/x.txt

Exit status:
  0    every article analysed
  1    at least one article failed (the others still produced output)
  2    usage error before any work: bad option, unknown stage, missing dependency, missing data,
       an unreadable --files-from list, two inputs for one --output-dir file
  Interrupted by SIGINT or SIGTERM, analyze finishes the article being written, flushes the output
  and dies of the same signal (130 or 143 in the shell).
)";

// Everything the command line says.
struct CliOptions {
  std::vector<std::string> inputs;
  std::string format, input_format, stages, output_dir, globs, topics_lexicon, stance_model, files_from, date;
  std::string color = "auto";
  std::vector<std::string> targets, gazetteers;
  int jobs = default_jobs();
  int max_article_mb = 32;
  bool progress = false, no_progress = false, show_stages = false, nul_separated = false;
};

void add_options(CLI::App& app, CliOptions& o) {
  app.add_option("inputs", o.inputs, "files, directories (walked recursively) or - for stdin");
  auto* files_from = app.add_option("--files-from", o.files_from, "read more input names from FILE, one a line (- for stdin)");
  app.add_flag("-0,--null", o.nul_separated, "--files-from names are NUL-separated (find -print0)")->needs(files_from);
  app.add_option("-f,--format", o.format,
                 "jsonl | json | table (default: table on a terminal, else jsonl: one compact object per line; json: "
                 "indented, an array for several articles)")
      ->check(CLI::IsMember({"json", "jsonl", "table"}));
  app.add_option("--input-format", o.input_format, "text | jsonl | html (default: jsonl for *.jsonl / *.ndjson, html for *.html / *.htm, else text)")
      ->check(CLI::IsMember({"text", "jsonl", "html"}));
  app.add_option("--stages", o.stages, "comma-separated stage names (default: all; see --list-stages)");
  app.add_flag("--list-stages", o.show_stages, "list the stages with the layers they require, provide and use when present");
  app.add_option("-j,--jobs", o.jobs, "worker threads (default: the CPUs this process may run on)")->check(CLI::Range(1, 1024));
  app.add_option("--output-dir", o.output_dir,
                 "write one JSON file per article into this directory, mirroring the inputs' paths (corpus/a/x.txt: a/x.txt.json)");
  // Repeatable options take one value each: `--target X a.txt` must not read a.txt as a target.
  app.add_option("--target", o.targets, "report stance toward NAME (repeatable)")->allow_extra_args(false);
  app.add_option("--glob", o.globs, "comma-separated file patterns for directories (default: *.txt,*.text,*.md,*.jsonl,*.ndjson,*.html,*.htm)");
  app.add_option("--gazetteer", o.gazetteers, "extra gazetteer TSV (name, type, canonical name, id); repeatable; wins over the model")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  app.add_option("--topics-lexicon", o.topics_lexicon, "your own topic taxonomy (JSON), reported beside IPTC")->check(CLI::ExistingFile);
  app.add_option("--stance-model", o.stance_model,
                 "model | lexicon: the stance toward targets from the trained model (default) or the lexicon-only scorer "
                 "(default: $ANALYZE_STANCE, else model)")
      ->check(CLI::IsMember({"model", "lexicon"}));
  app.add_option("--date", o.date, "YYYY-MM-DD: the articles' publication date, for relative dates (a JSONL record's \"date\" or a web page's own date wins)");
  app.add_option("--max-article-size", o.max_article_mb, "largest article in MB; larger ones fail with too-large (default 32)")
      ->check(CLI::Range(1, 4096));
  app.add_option("--color", o.color, "auto | always | never: colour in tables (auto: on a terminal, unless NO_COLOR is set or TERM=dumb)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  auto* progress_flag = app.add_flag("--progress", o.progress, "progress bar on stderr (default: on a terminal with several inputs)");
  app.add_flag("--no-progress", o.no_progress, "no progress bar")->excludes(progress_flag);
}

// Appends the names --files-from lists to the inputs.
std::optional<int> add_listed_inputs(CliOptions& o) {
  if (o.files_from == "-" && std::find(o.inputs.begin(), o.inputs.end(), "-") != o.inputs.end())
    return usage_error("stdin cannot be both the list of inputs (--files-from -) and an input (-)");
  auto listed = analyze::cli::read_input_list(o.files_from, o.nul_separated ? '\0' : '\n');
  if (!listed) return usage_error(listed.error().message);
  o.inputs.insert(o.inputs.end(), listed->begin(), listed->end());
  return std::nullopt;
}

// Parses the command line into `o`: nothing when analysis goes on, else the exit status (--help,
// --version, a usage error). No input named means stdin, unless stdin is a terminal.
std::optional<int> parse_options(int argc, char** argv, CliOptions& o) {
  CLI::App app{"analyze: news articles in, paragraphs, sentences, entities, topics, keyphrases and stance out", "analyze"};
  app.footer(kExamples);
  app.set_version_flag("--version", [] { return analyze::cli::version_text(ANALYZE_VERSION); },
                       "the version, the data directory and each model's name, format version and checksum");
  add_options(app, o);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return usage_error(std::string(e.what()) + " (see --help)");
  }
  if (!o.files_from.empty()) return add_listed_inputs(o);
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
  if (o.input_format == "html") options.format = analyze::InputFormat::kHtml;
  if (!o.globs.empty()) options.globs = split_list(o.globs);
  options.targets = o.targets;
  options.max_article_bytes = static_cast<std::uint64_t>(o.max_article_mb) << 20;
  return options;
}

analyze::OutputFormat output_format(const CliOptions& o, bool stdout_tty) {
  if (!o.output_dir.empty()) return analyze::OutputFormat::kJson;
  if (o.format.empty()) return stdout_tty ? analyze::OutputFormat::kTable : analyze::OutputFormat::kJsonl;
  return o.format == "json"    ? analyze::OutputFormat::kJson
         : o.format == "jsonl" ? analyze::OutputFormat::kJsonl
                               : analyze::OutputFormat::kTable;
}

// --color: `auto` colours a terminal's table unless NO_COLOR is set (https://no-color.org) or
// TERM=dumb.
bool use_colour(const std::string& mode, bool stdout_tty) {
  if (mode != "auto") return mode == "always";
  const char* no_color = std::getenv("NO_COLOR");
  return stdout_tty && !(no_color && *no_color) && !term_is_dumb();
}

analyze::RenderOptions render_options(const CliOptions& o) {
  const bool stdout_tty = isatty(STDOUT_FILENO);
  analyze::RenderOptions options;
  options.format = output_format(o, stdout_tty);
  if (options.format == analyze::OutputFormat::kTable) {
    options.width = stdout_tty ? terminal_width() : 80;
    options.colour = use_colour(o.color, stdout_tty);
  }
  return options;
}

// Two inputs that --output-dir would write to the same file: a usage error, before any work.
std::optional<std::string> output_clash(const CliOptions& o, const analyze::ArticleReader& reader) {
  if (o.output_dir.empty()) return std::nullopt;
  const auto clash = reader.output_name_clash();
  if (!clash) return std::nullopt;
  const std::string target = (std::filesystem::path(o.output_dir) / (clash->output_name + ".json")).string();
  return fmt::format("--output-dir: {} and {} would both be written to {}", clash->first_path, clash->second_path, target);
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
  analyze::cli::ProgressBar bar(o.progress || (!o.no_progress && several && isatty(STDERR_FILENO)), !term_is_dumb());
  analyze::cli::ProgressCounter progress(reader.articles_total(), reader.bytes_total());
  const analyze::BatchRunner runner(pipeline, o.jobs);
  RunOutcome outcome;
  analyze::cli::catch_interrupts();
  outcome.summary = runner.run(
      reader,
      [&](const analyze::Document& doc, const std::optional<analyze::Error>& error) {
        return analyze::render(pipeline, doc, error, render_options);
      },
      [&](analyze::ArticleResult& r, const analyze::BatchSummary& so_far) {
        if (analyze::cli::interrupting_signal()) return false;
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
        progress.finished(r.input_bytes);
        bar.update(progress, so_far.failed + outcome.unwritten);
        return true;
      });
  bar.finish();
  if (!analyze::cli::interrupting_signal() && !outcome.output_failed && !output.writer->finish()) {
    outcome.output_failed = true;
    outcome.output_errno = errno;
  }
  return outcome;
}

// The closing message, if any, and the exit status. After SIGINT or SIGTERM the output written so
// far is flushed and the process dies of that signal, so a shell loop running analyze stops too.
int report(const RunOutcome& outcome) {
  if (const int signal = analyze::cli::interrupting_signal()) {
    std::fflush(stdout);
    std::fprintf(stderr, "analyze: interrupted after %llu article(s)\n",
                 static_cast<unsigned long long>(outcome.summary.articles));
    analyze::cli::die_of_signal(signal);
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
  if (const auto clash = output_clash(options, reader)) return usage_error(*clash);
  const analyze::RenderOptions render = render_options(options);
  Output output = open_output(options, render.format, reader.single_document());
  return report(run(pipeline.value(), options, reader, render, output));
}
