#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>

#include "analyze/output_writer.h"

namespace analyze::fuzz {

namespace fs = std::filesystem;

namespace {

bool on_boundary(const std::string& text, std::uint32_t byte) {
  return byte == text.size() || (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80);
}

bool valid_span(const std::string& text, std::uint32_t begin, std::uint32_t end) {
  return begin <= end && end <= text.size() && on_boundary(text, begin) && on_boundary(text, end);
}

}  // namespace

void check_layers(const Document& doc) {
  const std::string& text = doc.text();
  std::uint32_t previous_end = 0;
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    const Paragraph& p = doc.paragraphs[i];
    if (!valid_span(text, p.begin, p.end) || p.begin < previous_end) fail("paragraph offsets");
    if (p.sentence_begin > p.sentence_end || p.sentence_end > doc.sentences.size()) fail("paragraph's sentences");
    for (std::uint32_t s = p.sentence_begin; s < p.sentence_end; ++s) {
      const Sentence& sentence = doc.sentences[s];
      if (sentence.paragraph != i || sentence.begin < p.begin || sentence.end > p.end) fail("sentence outside its paragraph");
    }
    previous_end = p.end;
  }
  previous_end = 0;
  std::uint32_t next_token = 0;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    if (!valid_span(text, s.begin, s.end) || s.begin < previous_end) fail("sentence offsets");
    if (s.paragraph >= doc.paragraphs.size()) fail("sentence's paragraph");
    if (s.token_begin != next_token || s.token_begin >= s.token_end || s.token_end > doc.tokens.size())
      fail("sentence's tokens");
    for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const Token& token = doc.tokens[t];
      if (token.sentence != i || token.begin < s.begin || token.end > s.end) fail("token outside its sentence");
    }
    next_token = s.token_end;
    previous_end = s.end;
  }
  previous_end = 0;
  for (const Token& t : doc.tokens) {
    if (!valid_span(text, t.begin, t.end) || t.begin == t.end || t.begin < previous_end) fail("token offsets");
    if (t.form_in_pool && (t.form_begin > doc.forms.size() || t.form_length > doc.forms.size() - t.form_begin))
      fail("token form outside the pool");
    previous_end = t.end;
  }
}

namespace {

// Every {"start", "end"} object is a span of the text in code points; with "text", that text.
void check_spans(const Document& doc, const Json& j) {
  if (j.is_array()) {
    for (const Json& item : j) check_spans(doc, item);
    return;
  }
  if (!j.is_object()) return;
  const auto start = j.find("start"), end = j.find("end");
  if (start != j.end() && end != j.end() && start->is_number_unsigned() && end->is_number_unsigned()) {
    const auto s = start->get<std::uint64_t>(), e = end->get<std::uint64_t>();
    if (s > e || e > doc.code_points()) fail("a span outside the text: " + j.dump(-1, ' ', false, Json::error_handler_t::replace));
    const auto text = j.find("text");
    if (text != j.end() && text->is_string() &&
        text->get_ref<const std::string&>() !=
            doc.slice(doc.byte_offset(static_cast<std::uint32_t>(s)), doc.byte_offset(static_cast<std::uint32_t>(e))))
      fail("a span's text is not the text at its offsets");
  }
  for (const auto& item : j.items()) check_spans(doc, item.value());
}

void remove_scratch_dir() {
  std::error_code ec;
  fs::remove_all(scratch_dir(), ec);
}

}  // namespace

void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

Json parsed_json(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    fail(std::string("the JSON output does not parse: ") + e.what());
  }
}

const fs::path& data_dir() {
  static const fs::path dir = [] {
    const char* env = std::getenv("ANALYZE_DATA_DIR");
    return fs::path(env && *env ? env : ANALYZE_FUZZ_DATA_DIR);
  }();
  return dir;
}

const Pipeline& default_pipeline() {
  static const Pipeline pipeline = [] {
    StageOptions options;
    options.data_dir = data_dir();
    auto created = Pipeline::create({}, options);
    if (!created) fail("cannot create the default pipeline: " + created.error().message);
    return std::move(created.value());
  }();
  return pipeline;
}

void run_article(const Pipeline& pipeline, Document& doc, bool spans) {
  std::optional<Error> error;
  if (Status s = pipeline.run(doc); !s) error = s.error();
  if (!error) {
    check_layers(doc);
    std::string text;
    pipeline.write_json(doc, text);
    const Json json = parsed_json(text);
    if (spans) check_spans(doc, json);
  }
  // What the CLI prints: JSON, JSONL and tables for a narrow and a wide terminal, with colour.
  for (const OutputFormat format : {OutputFormat::kJson, OutputFormat::kJsonl}) (void)render(pipeline, doc, error, {format});
  for (const int width : {20, 80, 200}) (void)render(pipeline, doc, error, {OutputFormat::kTable, width, width == 80});
}

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/analyze-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) fail("cannot create a scratch directory");
    std::atexit(remove_scratch_dir);
    return fs::path(pattern);
  }();
  return dir;
}

void write_file(const fs::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) fail("cannot write " + file.string());
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const char* seeds_dir() {
  const char* dir = std::getenv("ANALYZE_FUZZ_SEEDS");
  return dir && *dir ? dir : nullptr;
}

void write_seed(std::string_view name, std::string_view bytes) { write_file(fs::path(seeds_dir()) / name, bytes); }

int initialize(void (*write_seeds)(), void (*warm_up)()) {
  if (seeds_dir()) {
    write_seeds();
    std::exit(0);
  }
  warm_up();
  return 0;
}

void create_default_pipeline() { (void)default_pipeline(); }

void read_and_run(const fs::path& file, std::string_view bytes, const ReaderOptions& options) {
  write_file(file, bytes);
  ArticleReader reader({file.string()}, options);
  Article article;
  while (reader.next(article)) {
    if (article.error) {
      (void)render(default_pipeline(), article.doc, article.error, {OutputFormat::kJsonl});
      continue;
    }
    run_article(default_pipeline(), article.doc, /*check_spans=*/false);
  }
}

}  // namespace analyze::fuzz
