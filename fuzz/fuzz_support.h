// What the fuzz targets share: the data directory, the default pipeline (created once), and
// running one article the way the CLI does, with checks of the invariants every output must keep.
// A broken invariant aborts, so libFuzzer reports it like a crash, with the input that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "analyze/article_reader.h"
#include "analyze/document.h"
#include "analyze/pipeline.h"

namespace analyze::fuzz {

// The source tree's data/ (ANALYZE_DATA_DIR overrides it).
const std::filesystem::path& data_dir();

// Every registered stage, created once from data_dir().
const Pipeline& default_pipeline();

// Runs `pipeline` on `doc` and renders the result as JSON and as tables of several widths, as the
// CLI would; checks the layers' offsets and that the JSON is valid UTF-8. `check_spans` also checks
// every {"start", "end", "text"} object of the JSON against the text (off when the input names
// its own spans, which are echoed back as given).
void run_article(const Pipeline& pipeline, Document& doc, bool check_spans);

// Paragraphs, sentences and tokens: in text order, nested, on character boundaries.
void check_layers(const Document& doc);

// Aborts with a message naming the broken invariant.
[[noreturn]] void fail(std::string_view what);

// The output text parsed strictly (valid JSON, valid UTF-8), or a failure.
Json parsed_json(const std::string& text);

// A private directory below $TMPDIR (or /tmp), removed at exit.
const std::filesystem::path& scratch_dir();

// Writes `bytes` to `file`, replacing it.
void write_file(const std::filesystem::path& file, std::string_view bytes);
std::string read_file(const std::filesystem::path& file);

// When $ANALYZE_FUZZ_SEEDS names a directory, the target writes its seed inputs there (built
// from data/) and exits: fuzz/run.sh starts each corpus that way.
const char* seeds_dir();
void write_seed(std::string_view name, std::string_view bytes);

// What every target's LLVMFuzzerInitialize does: when seeds_dir() is set, `write_seeds` writes the
// seeds and the process exits; otherwise `warm_up` does the start-up work (loading models) once,
// outside the measured runs. Returns 0, LLVMFuzzerInitialize's result.
int initialize(void (*write_seeds)(), void (*warm_up)());

// Warm-up of the targets that run the default pipeline: creates it.
void create_default_pipeline();

// Writes `bytes` to `file` and reads it with an ArticleReader as the CLI does, every article run
// through the default pipeline and an article that failed to read rendered as its error. Spans
// are not checked against the text: records may name their own.
void read_and_run(const std::filesystem::path& file, std::string_view bytes, const ReaderOptions& options);

}  // namespace analyze::fuzz
