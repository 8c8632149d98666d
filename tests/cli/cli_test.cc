// End-to-end tests of the `analyze` binary: what users type, what they get, and the exit status.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "analyze/article_reader.h"
#include "analyze/batch_runner.h"
#include "temp_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;
using analyze::testing::analyze_binary;
using analyze::testing::data_dir;
using analyze::testing::read_file;
using analyze::testing::TempDir;
using nlohmann::json;

namespace {

// "a<n>.txt", appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "a" + std::string.
std::string numbered_file(int n) {
  std::string name = "a";
  name += std::to_string(n);
  name += ".txt";
  return name;
}

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `analyze ARGS` through the shell (so tests can pipe), capturing stdout and stderr; `env`
// ("NAME=value ...", already quoted) is set for analyze only.
Run run_cli(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") {
  const TempDir dir;
  dir.write("in", stdin_text);
  const std::string cmd = "cd " + quote(dir.path) + " && " + (env.empty() ? "" : "env " + env + " ") +
                          quote(analyze_binary()) + " " + args + " <in >out 2>err";
  const int raw = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(dir.path / "out");
  r.err = read_file(dir.path / "err");
  return r;
}

std::vector<json> jsonl(const std::string& out) {
  std::vector<json> v;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) v.push_back(json::parse(line));
  return v;
}

fs::path samples() { return data_dir() / "samples"; }
const std::string kCore = "--stages normalize,segment,boilerplate,language,stats";

}  // namespace

TEST_CASE("one article piped gives one contract JSON object on one line (JSONL)", "[cli]") {
  const auto r = run_cli(kCore + " " + quote((samples() / "cup-final.txt").string()));
  REQUIRE(r.status == 0);
  CHECK(r.out.find('\n') == r.out.size() - 1);  // compact: one line, as for any number of articles
  const json j = json::parse(r.out);
  CHECK(j["schema"] == "analyze/1");
  CHECK(j["id"] == (samples() / "cup-final.txt").string());
  CHECK(j["language"]["code"] == "en");
  CHECK(j["stats"]["paragraphs"] == 6);
  CHECK(j["paragraphs"].size() == 6);
  for (const auto& s : j["sentences"]) {
    CHECK(s["start"].get<int>() < s["end"].get<int>());
    CHECK(s["paragraph"].get<int>() < 6);
  }
  CHECK(r.err.empty());
}

TEST_CASE("stdin is read with -", "[cli]") {
  const auto r = run_cli(kCore + " -", "Stocks fell on Monday. Bonds rose.\n");
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  CHECK(j["id"] == "-");
  CHECK(j["sentences"].size() == 2);
  CHECK(j["sentences"][1]["text"] == "Bonds rose.");
}

TEST_CASE("offsets are code points into the text as read, emoji included", "[cli]") {
  const std::string text = "\xEF\xBB\xBF" "Fans 😀 cheered. Café owners smiled.";  // BOM removed first
  const auto r = run_cli(kCore + " -", text);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["sentences"].size() == 2);
  // In Python: text[start:end] with the emoji as one character.
  CHECK(j["sentences"][1]["start"] == 16);
  CHECK(j["sentences"][1]["end"] == 35);
  CHECK(j["sentences"][1]["text"] == "Café owners smiled.");
}

TEST_CASE("several inputs give JSONL in input order, and --format json gives an array", "[cli]") {
  const std::string a = quote((samples() / "cup-final.txt").string()), b = quote((samples() / "river-floods.txt").string());
  const auto r = run_cli(kCore + " " + b + " " + a);
  REQUIRE(r.status == 0);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"].get<std::string>().ends_with("river-floods.txt"));
  CHECK(lines[1]["id"].get<std::string>().ends_with("cup-final.txt"));

  const auto arr = run_cli(kCore + " --format json " + b + " " + a);
  REQUIRE(arr.status == 0);
  const json j = json::parse(arr.out);
  REQUIRE(j.is_array());
  CHECK(j.size() == 2);

  const auto pretty = run_cli(kCore + " --format json " + a);  // one article: an indented object
  REQUIRE(pretty.status == 0);
  CHECK(pretty.out.rfind("{\n  \"schema\": \"analyze/1\",\n", 0) == 0);
  CHECK(json::parse(pretty.out) == jsonl(r.out)[1]);
}

TEST_CASE("the table fits 80 columns and has no colour when not on a terminal", "[cli]") {
  const auto r = run_cli(kCore + " --format table " + quote((samples() / "port-strike-scraped.txt").string()));
  REQUIRE(r.status == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("boilerplate") != std::string::npos);
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    int cols = 0;
    for (unsigned char c : line) cols += (c & 0xC0) != 0x80;
    CHECK(cols <= 80);
  }
}

TEST_CASE("JSONL input passes other keys through as meta", "[cli]") {
  TempDir dir;
  const std::string f = dir.write("in.jsonl", R"({"id": "r1", "text": "Hello there.", "source": "wire", "year": 2024})" "\n").string();
  const auto r = run_cli(kCore + " " + quote(f));
  REQUIRE(r.status == 0);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["id"] == "r1");
  CHECK(lines[0]["meta"] == json{{"source", "wire"}, {"year", 2024}});
}

TEST_CASE("a batch with every kind of bad input still outputs every good article", "[cli]") {
  TempDir dir;
  dir.write("01-good.txt", "The port reopened on Friday. Ships queued outside.");
  dir.write("02-empty.txt", "");
  dir.write("03-whitespace.txt", " \n\t \r\n");
  dir.write("04-binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir.write("05-invalid-utf8.txt", "Caf\xE9 owners smiled.");
  dir.write("06-utf16.txt", std::string("\xFF\xFE" "H\0i\0.\0", 8));
  dir.write("07-unreadable.txt", "secret");
  dir.write("08-records.jsonl",
            "{\"id\": \"ok1\", \"text\": \"Fine text.\"}\n"
            "{\"id\": \"bad\", \"text\": \n"
            "{\"id\": \"notext\", \"body\": \"x\"}\n"
            "{\"id\": \"ok2\", \"text\": \"Also fine.\"}\n");
  dir.write("09-good.txt", "Another good article.");
  fs::permissions(dir.path / "07-unreadable.txt", fs::perms::none);
  fs::rename(dir.path / "07-unreadable.txt", dir.path / "unreadable.txt");
  const bool root = geteuid() == 0;  // root reads anything: no unreadable file to test with

  const auto r = run_cli(kCore + " --jobs 2 " + quote(dir.path.string()) + " " + quote((dir.path / "missing.txt").string()));
  CHECK(r.status == 1);
  const auto lines = jsonl(r.out);
  std::map<std::string, json> by_id;
  std::vector<std::string> order;
  for (const auto& j : lines) {
    std::string id = j["id"];
    if (id.find('/') != std::string::npos) id = fs::path(id).filename().string();
    order.push_back(id);
    by_id[id] = j;
  }
  std::vector<std::string> expected = {"01-good.txt", "02-empty.txt", "03-whitespace.txt", "04-binary.txt",
                                       "05-invalid-utf8.txt", "06-utf16.txt", "ok1", "08-records.jsonl:2",
                                       "notext", "ok2", "09-good.txt", "unreadable.txt", "missing.txt"};
  CHECK(order == expected);
  CHECK(by_id["01-good.txt"]["sentences"].size() == 2);
  CHECK(by_id["02-empty.txt"]["warnings"][0]["code"] == "empty");
  CHECK(by_id["02-empty.txt"]["stats"]["words"] == 0);
  CHECK(by_id["03-whitespace.txt"]["warnings"][0]["code"] == "empty");
  CHECK(by_id["04-binary.txt"]["error"]["code"] == "not-text");
  CHECK(by_id["05-invalid-utf8.txt"]["warnings"][0]["code"] == "invalid-utf8");
  CHECK(by_id["05-invalid-utf8.txt"]["sentences"][0]["text"] == "Caf\xEF\xBF\xBD owners smiled.");
  CHECK(by_id["06-utf16.txt"]["sentences"][0]["text"] == "Hi.");
  CHECK(by_id["08-records.jsonl:2"]["error"]["code"] == "bad-jsonl");
  CHECK(by_id["notext"]["error"]["code"] == "missing-text");
  CHECK(by_id["ok2"]["sentences"].size() == 1);
  CHECK(by_id["missing.txt"]["error"]["code"] == "not-found");
  if (!root) CHECK(by_id["unreadable.txt"]["error"]["code"] == "unreadable");
  // One stderr line per failed article, naming it.
  CHECK(r.err.find("04-binary.txt") != std::string::npos);
  CHECK(r.err.find("missing.txt") != std::string::npos);
}

TEST_CASE("exit status 2 for usage errors, before any input is read", "[cli]") {
  const auto unknown = run_cli("--stages normalize,bogus -", "x");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown stage 'bogus'") != std::string::npos);
  CHECK(unknown.out.empty());

  const auto missing = run_cli("--stages normalize,stats -", "x");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("requires 'paragraphs'") != std::string::npos);
  CHECK(missing.err.find("'segment'") != std::string::npos);

  const auto bad_option = run_cli("--no-such-option -", "x");
  CHECK(bad_option.status == 2);
  CHECK(bad_option.err.rfind("analyze: ", 0) == 0);

  const auto bad_format = run_cli("--format xml -", "x");
  CHECK(bad_format.status == 2);
}

TEST_CASE("the stage list, help and version", "[cli]") {
  const auto list = run_cli("--list-stages");
  CHECK(list.status == 0);
  for (const auto& spec : analyze::stage_registry()) CHECK(list.out.find(std::string(spec.name)) != std::string::npos);
  // A stage's first line, as scripts read it: name, then required, provided and optional layers.
  std::istringstream lines(list.out);
  std::map<std::string, std::vector<std::string>> fields;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> f{std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
    if (f.size() == 7 && f[1] == "requires:" && f[3] == "provides:" && f[5] == "optional:") fields[f[0]] = f;
  }
  CHECK(fields.size() == analyze::stage_registry().size());
  CHECK(fields["keyphrases"][2] == "paragraphs,sentences,tokens,terms");
  CHECK(fields["keyphrases"][4] == "keyphrases");
  CHECK(fields["keyphrases"][6] == "boilerplate,language,entities,dates,quantities");
  CHECK(fields["normalize"][2] == "-");
  CHECK(fields["normalize"][6] == "-");
  const auto help = run_cli("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Examples:") != std::string::npos);
  const auto version = run_cli("--version");
  CHECK(version.status == 0);
  CHECK(version.out.rfind("analyze ", 0) == 0);
}

TEST_CASE("the number of jobs does not change a byte of the output", "[cli]") {
  TempDir dir;
  for (int i = 0; i < 60; ++i) {
    std::string text;
    for (int k = 0; k <= i % 9; ++k) text += "Article " + std::to_string(i) + " says Mr. Smith met Dr. Jones at 5 p.m. on Jan. 3. ";
    dir.write(numbered_file(100 + i), text);
  }
  const auto one = run_cli(kCore + " --jobs 1 " + quote(dir.path.string()));
  const auto two = run_cli(kCore + " --jobs 2 " + quote(dir.path.string()));
  const auto eight = run_cli(kCore + " --jobs 8 " + quote(dir.path.string()));
  REQUIRE(one.status == 0);
  CHECK(jsonl(one.out).size() == 60);
  CHECK(one.out == two.out);
  CHECK(one.out == eight.out);
}

TEST_CASE("an output directory gets one JSON file per article", "[cli]") {
  TempDir in, out;
  in.write("x/one.txt", "First article.");
  in.write("two.txt", "Second article.");
  // An older result, hard-linked: written in place (truncate, write) the link would change too;
  // written to a temporary name and renamed over, the link keeps the old bytes.
  out.write("two.txt.json", "old");
  fs::create_hard_link(out.path / "two.txt.json", out.path / "old-link");
  const auto r = run_cli(kCore + " --output-dir " + quote(out.path.string()) + " " + quote(in.path.string()));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  REQUIRE(fs::exists(out.path / "x" / "one.txt.json"));
  REQUIRE(fs::exists(out.path / "two.txt.json"));
  const json j = json::parse(read_file(out.path / "two.txt.json"));
  CHECK(j["sentences"][0]["text"] == "Second article.");
  CHECK(read_file(out.path / "old-link") == "old");
  for (const auto& e : fs::recursive_directory_iterator(out.path)) CHECK(e.path().extension() != ".tmp");
}

TEST_CASE("GNU parallel --pipe over JSONL gives the same output as one process", "[cli][parallel]") {
  if (std::system("command -v parallel >/dev/null 2>&1") != 0) {
    SUCCEED("skipped: GNU parallel is not installed");
    return;
  }
  TempDir dir;
  std::string records;
  for (int i = 0; i < 200; ++i)
    records += "{\"id\": \"r" + std::to_string(i) + "\", \"text\": \"Story " + std::to_string(i) +
               " begins. Officials in the U.S. said more on Monday.\"}\n";
  const std::string f = dir.write("in.jsonl", records).string();
  const auto single = run_cli(kCore + " --format jsonl " + quote(f));
  const std::string cmd = "parallel --pipe --keep-order --block 3k " + quote(analyze_binary()) + " " + kCore +
                          " --input-format jsonl --format jsonl - < " + quote(f) + " > " + quote((dir.path / "par").string());
  REQUIRE(std::system(cmd.c_str()) == 0);
  REQUIRE(single.status == 0);
  CHECK(jsonl(single.out).size() == 200);
  CHECK(read_file(dir.path / "par") == single.out);
}

TEST_CASE("stdout closed early: analyze stops quietly", "[cli]") {
  TempDir dir;
  for (int i = 0; i < 300; ++i) dir.write(numbered_file(1000 + i), "A short article about the port. It reopened.");
  for (const char* pipe_signal : {"", "trap '' PIPE; "}) {  // default SIGPIPE, and SIGPIPE ignored (write fails)
    const std::string cmd = std::string(pipe_signal) + quote(analyze_binary()) + " " + kCore + " " + quote(dir.path.string()) +
                            " 2> " + quote((dir.path / "err").string()) + " | head -c 10 > /dev/null";
    CHECK(std::system(("bash -c " + quote(cmd)).c_str()) == 0);
    CHECK(read_file(dir.path / "err").empty());
  }
}

TEST_CASE("a full disk is an output error, not a quiet stop", "[cli]") {
  if (!fs::exists("/dev/full")) {
    SUCCEED("skipped: no /dev/full");
    return;
  }
  TempDir dir;
  for (int i = 0; i < 50; ++i) dir.write(numbered_file(1000 + i), "A short article about the port. It reopened.");
  const std::string cmd = quote(analyze_binary()) + " " + kCore + " " + quote(dir.path.string()) + " > /dev/full 2> " +
                          quote((dir.path / "err").string()) + "; echo $? > " + quote((dir.path / "status").string());
  REQUIRE(std::system(("bash -c " + quote(cmd)).c_str()) == 0);
  CHECK(read_file(dir.path / "status") == "1\n");
  const std::string err = read_file(dir.path / "err");
  CHECK(err.find("analyze: cannot write the output: ") == 0);
  CHECK(err.find("(output)") != std::string::npos);
}

TEST_CASE("SIGINT during a batch with --output-dir leaves only whole files", "[cli]") {
  TempDir in;
  const std::string text(3000, 'x');
  for (int i = 0; i < 4000; ++i) in.write(numbered_file(10000 + i), "Officials met on Monday. " + text + " They left.");
  for (const int jobs : {1, 2}) {
    INFO("--jobs " << jobs);
    TempDir out;
    const std::string cmd = "exec " + quote(analyze_binary()) + " --jobs " + std::to_string(jobs) + " --output-dir " +
                            quote(out.path.string()) + " " + quote(in.path.string()) + " 2>" + quote((out.path / "stderr.log").string());
    // Start it, interrupt it once it has written a few files.
    const std::string script = cmd + " & pid=$!; for i in $(seq 100); do [ $(ls " + quote(out.path.string()) +
                               " | wc -l) -gt 5 ] && break; sleep 0.1; done; kill -INT $pid; wait $pid; echo $? > " +
                               quote((out.path / "status").string());
    REQUIRE(std::system(("bash -c " + quote(script)).c_str()) == 0);
    const std::string status = read_file(out.path / "status");
    CHECK(status == "130\n");
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(out.path)) {
      if (e.path().extension() != ".json") continue;
      ++files;
      CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
      CHECK_NOTHROW(json::parse(read_file(e.path())));
    }
    for (const auto& e : fs::recursive_directory_iterator(out.path)) CHECK(e.path().extension() != ".tmp");
    CHECK(files > 0);
    CHECK(files < 4000);
    CHECK(read_file(out.path / "stderr.log").find("interrupted after") != std::string::npos);
  }
}

TEST_CASE("a JSONL stream on stdin gets each result as soon as its article has arrived", "[cli]") {
  // The second record comes 3 s after the first, on a pipe that stays open meanwhile: the first
  // result must not wait for it (a batch does not wait to fill up).
  for (const int jobs : {1, 2}) {
    INFO("--jobs " << jobs);
    TempDir dir;
    const std::string script =
        "{ echo '{\"id\": \"first\", \"text\": \"One.\"}'; sleep 3; echo '{\"id\": \"second\", \"text\": \"Two.\"}'; } | " +
        quote(analyze_binary()) + " " + kCore + " --input-format jsonl --format jsonl --jobs " + std::to_string(jobs) +
        " - | while IFS= read -r line; do echo \"$(date +%s.%N) $line\"; done > " + quote((dir.path / "out").string());
    REQUIRE(std::system(("bash -c " + quote(script)).c_str()) == 0);
    std::istringstream lines(read_file(dir.path / "out"));
    double first = 0, second = 0;
    std::string rest_first, rest_second;
    lines >> first;
    std::getline(lines, rest_first);
    lines >> second;
    std::getline(lines, rest_second);
    CHECK(rest_first.find("\"id\":\"first\"") != std::string::npos);
    CHECK(rest_second.find("\"id\":\"second\"") != std::string::npos);
    CHECK(second - first > 2.0);
  }
}

TEST_CASE("JSONL on stdin: records longer than the read buffer, CRLF, and a last line without newline", "[cli]") {
  std::string words;
  while (words.size() < 300000) words += "Word" + std::to_string(words.size()) + " ";
  const std::string input = "{\"id\": \"long\", \"text\": \"" + words + "end.\"}\r\n\n{\"id\": \"last\", \"text\": \"Last.\"}";
  const auto r = run_cli(kCore + " --input-format jsonl --format jsonl -", input);
  REQUIRE(r.status == 0);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == "long");
  CHECK(lines[0]["stats"]["words"] == std::count(words.begin(), words.end(), ' ') + 1);
  CHECK(lines[1]["id"] == "last");
}

TEST_CASE("pathological sizes are analysed without trouble", "[cli]") {
  TempDir dir;
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "Paragraph " + std::to_string(i) + " says little.\n";
  dir.write("many-paragraphs.txt", many);
  dir.write("long-word.txt", "Before. " + std::string(2000000, 'a') + " after.");
  const auto r = run_cli("--format jsonl " + quote(dir.path.string()));
  REQUIRE(r.status == 0);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["sentences"].size() == 2);  // long-word.txt sorts first
  CHECK(lines[0]["sentences"][1]["end"] == 2000015);
  CHECK(lines[1]["paragraphs"].size() == 100000);
}

TEST_CASE("an article over --max-article-size fails alone with too-large", "[cli]") {
  TempDir dir;
  dir.write("a-big.txt", std::string(2u << 20, 'x'));
  dir.write("b-small.txt", "Small article.");
  const auto r = run_cli(kCore + " --max-article-size 1 " + quote(dir.path.string()));
  CHECK(r.status == 1);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["error"]["code"] == "too-large");
  CHECK(lines[1]["sentences"][0]["text"] == "Small article.");
}

TEST_CASE("a NUL inside a JSONL text makes that record not-text", "[cli]") {
  TempDir dir;
  const std::string f = dir.write("r.jsonl", "{\"id\": \"nul\", \"text\": \"abc\\u0000def\"}\n{\"id\": \"ok\", \"text\": \"Fine.\"}\n").string();
  const auto r = run_cli(kCore + " " + quote(f));
  CHECK(r.status == 1);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["error"]["code"] == "not-text");
  CHECK(lines[1]["id"] == "ok");
}

TEST_CASE("a raw NUL byte inside a JSONL line makes that record bad-jsonl", "[cli]") {
  TempDir dir;
  static const char kRaw[] = "{\"id\": \"raw\", \"text\": \"abc\0def\"}\n";
  const std::string f = dir.write("r.jsonl", std::string(kRaw, sizeof kRaw - 1) + "{\"id\": \"ok\", \"text\": \"Fine.\"}\n").string();
  const auto r = run_cli(kCore + " " + quote(f));
  CHECK(r.status == 1);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == f + ":1");
  CHECK(lines[0]["error"]["code"] == "bad-jsonl");
  CHECK(lines[1]["id"] == "ok");
  CHECK(r.err.find("(bad-jsonl)") != std::string::npos);
}

TEST_CASE("too-large on stdin and in a JSONL line: only the limit is read, the rest goes on", "[cli]") {
  // The 200 MB single-line case at a small scale: bench/streaming-memory.sh checks the real size.
  const auto piped = run_cli(kCore + " --max-article-size 1 -", std::string(3u << 20, 'x'));
  CHECK(piped.status == 1);
  const json j = json::parse(piped.out);
  CHECK(j["id"] == "-");
  CHECK(j["error"]["code"] == "too-large");
  CHECK(j["error"]["message"] == "more than the 1 MB an article may have (--max-article-size)");
  CHECK(piped.err == "analyze: -: more than the 1 MB an article may have (--max-article-size) (too-large)\n");
  // A device never ends: reading stops at the limit (before, it filled memory).
  const auto endless = run_cli(kCore + " --max-article-size 1 /dev/zero");
  CHECK(endless.status == 1);
  CHECK(json::parse(endless.out)["error"]["code"] == "too-large");

  TempDir dir;
  const std::string f = dir.write("r.jsonl", "{\"id\": \"big\", \"text\": \"" + std::string(3u << 20, 'y') + "\"}\r\n" +
                                            "{\"id\": \"ok\", \"text\": \"Fine.\"}")  // CRLF, no final newline
                            .string();
  const auto r = run_cli(kCore + " --max-article-size 1 " + quote(f));
  CHECK(r.status == 1);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == f + ":1");
  CHECK(lines[0]["error"]["code"] == "too-large");
  CHECK(lines[0]["error"]["message"] == "line 1: 3.0 MB is more than the 1 MB an article may have (--max-article-size)");
  CHECK(lines[1]["sentences"][0]["text"] == "Fine.");
}

TEST_CASE("overlong UTF-8 and UTF-8-encoded surrogates are repaired with a warning, in text and JSONL", "[cli]") {
  TempDir dir;
  // C0 AF: an overlong '/'; ED A0 80: the high surrogate D800 encoded in UTF-8. Each byte of
  // them becomes one U+FFFD, as Python's errors="replace" does.
  dir.write("a.txt", "Over\xC0\xAFlong. Lone \xED\xA0\x80 here.");
  dir.write("b.jsonl", "{\"id\": \"j\", \"text\": \"Over\xC0\xAFlong. Lone \xED\xA0\x80 here.\"}\n");
  const auto r = run_cli(kCore + " " + quote(dir.path.string()));
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  const std::string ufffd = "\xEF\xBF\xBD";
  for (const auto& j : lines) {
    INFO(j["id"]);
    REQUIRE(j["warnings"].size() == 1);
    CHECK(j["warnings"][0]["code"] == "invalid-utf8");
    REQUIRE(j["sentences"].size() == 2);
    CHECK(j["sentences"][0]["text"] == "Over" + ufffd + ufffd + "long.");
    CHECK(j["sentences"][1]["text"] == "Lone " + ufffd + ufffd + ufffd + " here.");
    CHECK(j["sentences"][1]["start"] == 12);  // code points, the replacement characters counted
  }
}

TEST_CASE("symbolic link loops: a directory loop is walked once, a file loop fails alone", "[cli]") {
  TempDir dir;
  dir.write("d/a.txt", "The port reopened on Friday.");
  fs::create_directory_symlink(dir.path / "d", dir.path / "d" / "loop");          // d/loop -> d
  fs::create_symlink(dir.path / "d" / "y.txt", dir.path / "d" / "x.txt");          // x -> y -> x
  fs::create_symlink(dir.path / "d" / "x.txt", dir.path / "d" / "y.txt");
  fs::create_symlink(dir.path / "self.txt", dir.path / "self.txt");                // self -> self
  const auto r = run_cli(kCore + " " + quote((dir.path / "d").string()) + " " + quote((dir.path / "self.txt").string()));
  CHECK(r.status == 1);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 4);  // a.txt once (not again through d/loop), x.txt, y.txt, self.txt
  CHECK(lines[0]["id"] == (dir.path / "d" / "a.txt").string());
  CHECK(lines[0]["sentences"].size() == 1);
  for (std::size_t i = 1; i < 4; ++i) {
    INFO(lines[i]["id"]);
    CHECK(lines[i]["error"]["code"] == "unreadable");
    CHECK(lines[i]["error"]["message"] == "symbolic link loop (too many levels of symbolic links)");
  }
  CHECK(lines[3]["id"] == (dir.path / "self.txt").string());
}

TEST_CASE("a file deleted during a batch fails alone with not-found", "[cli]") {
  TempDir dir;
  dir.write("d/a.txt", "First article.");
  dir.write("d/b.txt", "Second article.");
  dir.write("d/c.txt", "Third article.");
  const fs::path fifo = dir.path / "fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  // analyze lists d/ before it reads anything, then opens the FIFO first; our open of the FIFO
  // returns only then, so b.txt is deleted after the listing and before it is read.
  const std::string script = quote(analyze_binary()) + " " + kCore + " --jobs 2 " + quote(fifo.string()) + " " +
                             quote((dir.path / "d").string()) + " >" + quote((dir.path / "out").string()) + " 2>" +
                             quote((dir.path / "err").string()) + " & pid=$!; exec 3>" + quote(fifo.string()) + "; rm " +
                             quote((dir.path / "d" / "b.txt").string()) + "; echo 'From the pipe.' >&3; exec 3>&-; wait $pid; echo $? >" +
                             quote((dir.path / "status").string());
  REQUIRE(std::system(("timeout 120 bash -c " + quote(script)).c_str()) == 0);
  CHECK(read_file(dir.path / "status") == "1\n");
  const auto lines = jsonl(read_file(dir.path / "out"));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["sentences"][0]["text"] == "From the pipe.");
  CHECK(lines[1]["sentences"][0]["text"] == "First article.");
  CHECK(lines[2]["id"] == (dir.path / "d" / "b.txt").string());
  CHECK(lines[2]["error"]["code"] == "not-found");
  CHECK(lines[3]["sentences"][0]["text"] == "Third article.");
  CHECK(read_file(dir.path / "err").find("b.txt: no such file or directory (not-found)") != std::string::npos);
}

TEST_CASE("an --output-dir that cannot be written fails each article with output", "[cli]") {
  TempDir in, out;
  in.write("a.txt", "First article.");
  in.write("b.txt", "Second article.");
  const std::string blocker = out.write("not-a-dir", "a file where the directory should be").string();
  const auto r = run_cli(kCore + " --output-dir " + quote(blocker) + " " + quote(in.path.string()));
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("analyze: " + (in.path / "a.txt").string() + ": cannot write " + blocker + "/a.txt.json: Not a directory (output)\n") !=
        std::string::npos);
  CHECK(r.err.find("b.txt.json: Not a directory (output)") != std::string::npos);
  CHECK(read_file(blocker) == "a file where the directory should be");
}

TEST_CASE("an exception while analysing one article fails it alone with internal", "[cli][batch]") {
  TempDir dir;
  dir.write("a.txt", "First.");
  dir.write("b.txt", "Second.");
  dir.write("c.txt", "Third.");
  const auto& pipeline = analyze::testing::pipeline_of("normalize,segment");
  for (const int jobs : {1, 2}) {
    INFO("--jobs " << jobs);
    analyze::ArticleReader reader({dir.path.string()}, {});
    const analyze::BatchRunner runner(pipeline, jobs);
    std::vector<analyze::ArticleResult> results;
    runner.run(
        reader,
        [](const analyze::Document& doc, const std::optional<analyze::Error>& error) -> std::string {
          if (!error && doc.id.ends_with("b.txt")) throw std::runtime_error("a bug");
          return error ? "failed: " + error->code : "ok";
        },
        [&](analyze::ArticleResult& r, const analyze::BatchSummary&) {
          results.push_back(r);
          return true;
        });
    REQUIRE(results.size() == 3);
    CHECK_FALSE(results[0].error);
    REQUIRE(results[1].error);
    CHECK(results[1].error->code == "internal");
    CHECK(results[1].error->message == "internal error: a bug");
    CHECK(results[1].rendered == "failed: internal");  // an error record in its place
    CHECK(results[2].rendered == "ok");
  }
}

namespace {

// A copy of data/ made of symbolic links, with `broken` (a path below data/) replaced by `content`.
void data_dir_with(const TempDir& dir, const fs::path& broken, const std::string& content) {
  const fs::path data = data_dir();
  for (const auto& e : fs::recursive_directory_iterator(data)) {
    const fs::path rel = fs::relative(e.path(), data);
    if (e.is_directory()) {
      fs::create_directories(dir.path / rel);
    } else if (rel != broken) {
      fs::create_symlink(e.path(), dir.path / rel);
    }
  }
  dir.write(broken.string(), content);
}

void check_usage_error(const Run& r, const std::string& message) {
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("analyze: ", 0) == 0);
  CHECK(r.err.find(message) != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
}

}  // namespace

TEST_CASE("exit status 2 for bad data, models, gazetteers, lexicons and settings", "[cli]") {
  const std::string text = "Stocks fell on Monday.";
  SECTION("bad-data-dir") {
    check_usage_error(run_cli("-", text, "ANALYZE_DATA_DIR=/nonexistent"),
                      "ANALYZE_DATA_DIR=/nonexistent does not hold analyze's data (no abbreviations.txt)");
  }
  SECTION("bad-data") {
    TempDir data;
    data_dir_with(data, "abbreviations.txt", "Mr.\ttitle\nDr\ttitle\n");
    check_usage_error(run_cli("--stages normalize,segment -", text, "ANALYZE_DATA_DIR=" + quote(data.path.string())),
                      "abbreviations.txt:2: expected");
  }
  SECTION("bad-model") {
    TempDir data;
    const std::string model = read_file(data_dir() / "models" / "ner.bin");
    data_dir_with(data, "models/ner.bin", model.substr(0, model.size() / 2));
    check_usage_error(run_cli("-", text, "ANALYZE_DATA_DIR=" + quote(data.path.string())), "ner.bin");
  }
  SECTION("bad-gazetteer") {
    TempDir dir;
    const std::string f = dir.write("g.tsv", "Acme Corp\tCOMPANY\tAcme\n").string();
    check_usage_error(run_cli("--gazetteer " + quote(f) + " -", text), "g.tsv:1: unknown type 'COMPANY'");
    check_usage_error(run_cli("--gazetteer " + quote(f + ".missing") + " -", text), "File does not exist");
  }
  SECTION("bad-lexicon") {
    TempDir dir;
    const std::string f = dir.write("t.json", "{not json").string();
    check_usage_error(run_cli("--topics-lexicon " + quote(f) + " -", text), "t.json");
  }
  SECTION("bad-option") {
    check_usage_error(run_cli("-", text, "ANALYZE_STANCE=bogus"), "ANALYZE_STANCE is 'bogus'; use 'model' (default) or 'lexicon'");
    check_usage_error(run_cli("--jobs 0 -", text), "--jobs");
    check_usage_error(run_cli("--max-article-size 0 -", text), "--max-article-size");
  }
  SECTION("no input on a terminal") {
    if (std::system("command -v script >/dev/null 2>&1") != 0) {
      SUCCEED("skipped: script(1) is not installed");
      return;
    }
    TempDir dir;
    const std::string cmd = "script -qec " + quote(quote(analyze_binary())) + " /dev/null > " + quote((dir.path / "tty").string());
    const int raw = std::system(cmd.c_str());
    CHECK(WEXITSTATUS(raw) == 2);
    CHECK(read_file(dir.path / "tty").find("analyze: no input: name files, directories or - for stdin") !=
          std::string::npos);
  }
}

TEST_CASE("the stance variant is chosen with --stance-model, and ANALYZE_STANCE is its alias", "[cli]") {
  const std::string args = "--stages normalize,segment,boilerplate,language,entities,stance --format jsonl ";
  const std::string input = quote((samples() / "election-runoff.txt").string());
  const auto model = run_cli(args + input);
  const auto lexicon = run_cli(args + "--stance-model lexicon " + input);
  REQUIRE(model.status == 0);
  REQUIRE(lexicon.status == 0);
  // The variants disagree somewhere on the sample: the lexicon's polarity is the sign of the score.
  CHECK(model.out != lexicon.out);
  CHECK(run_cli(args + input, "", "ANALYZE_STANCE=lexicon").out == lexicon.out);
  CHECK(run_cli(args + "--stance-model model " + input, "", "ANALYZE_STANCE=lexicon").out == model.out);
  check_usage_error(run_cli(args + "--stance-model vader " + input), "--stance-model");
}

TEST_CASE("repeatable --target and --gazetteer take one value each: what follows them stays an input", "[cli]") {
  TempDir dir;
  const std::string g = dir.write("g.tsv", "Acme Corp\tORGANIZATION\tAcme\n").string();
  const std::string a = dir.write("a.txt", "Acme Corp rose.").string();
  const std::string stages = "--stages normalize,segment,boilerplate,language,entities,stance ";
  for (const std::string& args : {"--target Acme " + quote(a) + " --gazetteer " + quote(g),
                                  "--gazetteer " + quote(g) + " " + quote(a) + " --target Acme"}) {
    INFO(args);
    const auto r = run_cli(stages + args);
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["id"] == a);
    CHECK(j["entities"][0]["name"] == "Acme");
    REQUIRE(j["stance"]["targets"].size() == 1);
    CHECK(j["stance"]["targets"][0]["target"] == "Acme");
  }
}

TEST_CASE("a text in another language gets one not-english warning per English-only stage, exit 0", "[cli]") {
  const auto r = run_cli("-",
                         "Die Bundesregierung hat am Montag in Berlin neue Regeln für den Wohnungsbau beschlossen. Der "
                         "Bundeskanzler sagte, die Mieten in den großen Städten seien zu hoch, und die Länder müssten "
                         "schneller bauen. Die Opposition kritisierte den Plan als unzureichend.\n");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const json j = json::parse(r.out);
  CHECK(j["language"]["code"] == "de");
  std::vector<std::string> messages;
  for (const auto& w : j["warnings"]) {
    CHECK(w["code"] == "not-english");
    messages.push_back(w["message"]);
  }
  CHECK(messages == std::vector<std::string>{"quantities: skipped, the language is 'de'", "dates: skipped, the language is 'de'",
                                             "entities: skipped, the language is 'de'", "quotes: skipped, the language is 'de'",
                                             "topics: skipped, the language is 'de'",
                                             "keyphrases: skipped, the language is 'de'", "stance: skipped, the language is 'de'"});
}

TEST_CASE("HTML input: *.html files and JSONL \"html\" records give text, source and headline", "[cli]") {
  TempDir dir;
  const std::string page =
      "<html lang=\"en\"><head><title>Dam Opens to Visitors | Valley Times</title>"
      "<meta property=\"article:published_time\" content=\"2025-06-01T09:00:00Z\"></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>"
      "<p>The new dam opened to visitors on Sunday, and thousands walked across it in the sun.</p>"
      "<p>Officials in S&#227;o Jos&eacute; said the lake will be full by the autumn, weather permitting.</p>"
      "</article><footer>Copyright Valley Times</footer></body></html>";
  const std::string file = dir.write("dam.html", page).string();
  json record = {{"id", "r1"}, {"html", page}, {"feed", "rss"}};
  const std::string records = dir.write("pages.jsonl", record.dump() + "\n").string();
  const auto r = run_cli("--stages normalize,segment -f jsonl " + quote(file) + " " + quote(records));
  REQUIRE(r.status == 0);
  const auto lines = jsonl(r.out);
  REQUIRE(lines.size() == 2);
  for (const auto& a : lines) {
    CHECK(a["source"]["format"] == "html");
    CHECK(a["source"]["title"] == "Dam Opens to Visitors");
    CHECK(a["source"]["published"] == "2025-06-01T09:00:00Z");
    CHECK(a["source"]["language"] == "en");
    CHECK(a["text"] ==
          "The new dam opened to visitors on Sunday, and thousands walked across it in the sun.\n\n"
          "Officials in São José said the lake will be full by the autumn, weather permitting.");
    CHECK(a["headline"] == json{{"start", nullptr}, {"end", nullptr}, {"text", "Dam Opens to Visitors"}});
    CHECK(a["sentences"].size() == 2);
  }
  CHECK(lines[1]["meta"] == json{{"feed", "rss"}});
}

TEST_CASE("a text article's headline is its first line when that is a title", "[cli]") {
  const auto r = run_cli("--stages normalize,segment -f json -", "Storm Closes Coastal Roads\n\nHeavy rain closed roads on Monday.\n");
  REQUIRE(r.status == 0);
  const json a = json::parse(r.out);
  CHECK(a["headline"] == json{{"start", 0}, {"end", 26}, {"text", "Storm Closes Coastal Roads"}});
  const auto none = run_cli("--stages normalize,segment -f json -", "Heavy rain closed roads on Monday. More is due.\n");
  CHECK(json::parse(none.out)["headline"].is_null());
}

namespace {

// Runs the bash `script` in `dir` with $ANALYZE naming the binary; its stdout and stderr are
// captured, its exit status returned (-1 when it died of a signal).
Run run_shell(const TempDir& dir, const std::string& script) {
  const std::string cmd = "cd " + quote(dir.path.string()) + " && ANALYZE=" + quote(analyze_binary().string()) +
                          " timeout 300 bash -c " + quote(script) + " >.shell-out 2>.shell-err";
  const int raw = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(dir.path / ".shell-out");
  r.err = read_file(dir.path / ".shell-err");
  return r;
}

// Every line of `out` a contract object, `n` of them, the ids in order.
void check_jsonl_ids(const std::string& out, const std::vector<std::string>& ids) {
  INFO(out);
  REQUIRE(!out.empty());
  CHECK(out.back() == '\n');
  std::istringstream lines(out);
  std::vector<std::string> seen;
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    CHECK(j["schema"] == "analyze/1");
    seen.push_back(j["id"]);
  }
  CHECK(seen == ids);
}

}  // namespace

TEST_CASE("piped, the output is JSONL however the inputs come: one file, xargs -n 2, find -print0 | --files-from - -0", "[cli]") {
  TempDir dir;
  dir.write("corpus/a/one.txt", "First article.");
  dir.write("corpus/a/two words.txt", "Second article.");
  dir.write("corpus/b/it's \"three\".txt", "Third article.");
  const std::vector<std::string> all = {"corpus/a/one.txt", "corpus/a/two words.txt", "corpus/b/it's \"three\".txt"};
  const std::string analyze = "\"$ANALYZE\" " + kCore;
  const std::string find = "find corpus -name '*.txt' -print0 | sort -z";

  const auto single = run_shell(dir, analyze + " corpus/a/one.txt | cat");
  REQUIRE(single.status == 0);
  check_jsonl_ids(single.out, {"corpus/a/one.txt"});

  // The second run gets one file: JSONL too, so the concatenation stays valid JSONL.
  const auto xargs = run_shell(dir, find + " | xargs -0 -n 2 " + analyze);
  REQUIRE(xargs.status == 0);
  check_jsonl_ids(xargs.out, all);

  const auto listed = run_shell(dir, find + " | " + analyze + " --files-from - -0");
  REQUIRE(listed.status == 0);
  check_jsonl_ids(listed.out, all);

  dir.write("list", "corpus/b/it's \"three\".txt\n\ncorpus/a/one.txt\n");
  const auto from_file = run_shell(dir, analyze + " corpus/a/two\\ words.txt --files-from list");
  REQUIRE(from_file.status == 0);
  check_jsonl_ids(from_file.out, {"corpus/a/two words.txt", "corpus/b/it's \"three\".txt", "corpus/a/one.txt"});
}

TEST_CASE("files from a list: an unreadable list, stdin twice and -0 alone are usage errors", "[cli]") {
  check_usage_error(run_cli("--files-from /nonexistent/list"), "--files-from /nonexistent/list: No such file or directory");
  check_usage_error(run_cli("--files-from - -", "a.txt\n"),
                    "stdin cannot be both the list of inputs (--files-from -) and an input (-)");
  check_usage_error(run_cli("-0 -", "x"), "--null requires --files-from");
}

TEST_CASE("Ctrl-C stops a shell loop of analyze runs: analyze flushes, then dies of SIGINT", "[cli]") {
  // A job of its own (set -m), as a terminal's foreground job is: SIGINT goes to its whole process
  // group, the looping shell and analyze alike. bash ends the loop only if analyze dies of the
  // signal; an analyze that caught it and exited 130 would let the loop go on. The signal is sent
  // once analyze's first result is out (it is then inside its batch, its handler installed) while
  // it waits for more input; no sleep, no timing.
  TempDir dir;
  const std::string script = R"sh(
    set -m
    mkfifo in out
    bash -c 'for run in 1 2 3; do "$ANALYZE" )sh" + kCore + R"sh( --input-format jsonl --format jsonl -; echo "the loop went on after run $run ($?)" >> log; done <in >out' 2>err &
    job=$!
    exec 3>in 4<out
    echo '{"id": "first", "text": "One."}' >&3
    IFS= read -r line <&4
    printf '%s\n' "$line" > first
    kill -INT -- -$job
    exec 3>&-
    wait $job
    echo $? > status
    cat <&4 > rest
  )sh";
  const auto r = run_shell(dir, script);
  REQUIRE(r.status == 0);
  CHECK(read_file(dir.path / "status") == "130\n");  // the job died of SIGINT
  CHECK_FALSE(fs::exists(dir.path / "log"));
  CHECK(json::parse(read_file(dir.path / "first"))["id"] == "first");
  CHECK(read_file(dir.path / "rest").empty());
  CHECK(read_file(dir.path / "err") == "analyze: interrupted after 1 article(s)\n");
}

TEST_CASE("SIGTERM: analyze flushes and dies of SIGTERM, and an ignored SIGINT stays ignored", "[cli]") {
  TempDir dir;
  const std::string start = "mkfifo in out; \"$ANALYZE\" " + kCore + " --input-format jsonl --format jsonl - <in >out 2>err & pid=$!\n" +
                            "exec 3>in 4<out; echo '{\"id\": \"first\", \"text\": \"One.\"}' >&3; IFS= read -r line <&4\n";
  const auto term = run_shell(dir, start + "kill -TERM $pid; exec 3>&-; wait $pid; echo $?; cat <&4");
  REQUIRE(term.status == 0);
  CHECK(term.out == "143\n");  // 128 + SIGTERM: died of it
  CHECK(read_file(dir.path / "err") == "analyze: interrupted after 1 article(s)\n");

  // A shell without job control starts background commands with SIGINT ignored (as nohup does
  // for SIGHUP): analyze keeps the SIG_IGN, so the signal changes nothing and the input is read
  // to its end.
  TempDir ignored;
  const auto r = run_shell(ignored, "trap '' INT PIPE\n" + start +
                                        "kill -INT $pid; echo '{\"id\": \"second\", \"text\": \"Two.\"}' >&3; exec 3>&-; "
                                        "cat <&4; wait $pid; echo \"status $?\"");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("\"id\":\"second\"") != std::string::npos);
  CHECK(r.out.ends_with("status 0\n"));
  CHECK(read_file(ignored.path / "err").empty());
}

TEST_CASE("an output directory mirrors the inputs' paths, and two inputs for one file are refused before any work", "[cli]") {
  TempDir in, out;
  in.write("corpus/a/x.txt", "First article.");
  in.write("corpus/b/x.txt", "Second article.");
  in.write("corpus/c.txt", "Third article.");
  const std::string corpus = quote((in.path / "corpus").string());

  const auto folder = run_cli(kCore + " --output-dir " + quote((out.path / "folder").string()) + " " + corpus + "/");
  REQUIRE(folder.status == 0);
  for (const char* name : {"a/x.txt.json", "b/x.txt.json", "c.txt.json"}) CHECK(fs::exists(out.path / "folder" / name));

  // Files named one by one (as --files-from gets them from find): their paths below the deepest
  // folder holding them all.
  const auto files = run_cli(kCore + " --output-dir " + quote((out.path / "files").string()) + " " + corpus + "/a/x.txt " +
                             corpus + "/b/x.txt");
  REQUIRE(files.status == 0);
  CHECK(json::parse(read_file(out.path / "files" / "a" / "x.txt.json"))["sentences"][0]["text"] == "First article.");
  CHECK(json::parse(read_file(out.path / "files" / "b" / "x.txt.json"))["sentences"][0]["text"] == "Second article.");

  const fs::path clash_dir = out.path / "clash";
  const auto clash = run_cli(kCore + " --output-dir " + quote(clash_dir.string()) + " " + corpus + " " + corpus + "/a/x.txt");
  const std::string x = (in.path / "corpus" / "a" / "x.txt").string();
  check_usage_error(clash, "analyze: --output-dir: " + x + " and " + x + " would both be written to " +
                               (clash_dir / "a" / "x.txt.json").string() + "\n");
  CHECK_FALSE(fs::exists(clash_dir));

  // JSONL records are named by their ids, known only when read: a second record with an id
  // already written fails alone with `output` instead of replacing the first one's file.
  const std::string records = in.write("r.jsonl", "{\"id\": \"dup\", \"text\": \"One.\"}\n{\"id\": \"dup\", \"text\": \"Two.\"}\n").string();
  const auto dup = run_cli(kCore + " --output-dir " + quote((out.path / "dup").string()) + " " + quote(records));
  CHECK(dup.status == 1);
  CHECK(json::parse(read_file(out.path / "dup" / "dup.json"))["sentences"][0]["text"] == "One.");
  CHECK(dup.err.find("dup.json: an earlier article of this run was written there (the same id?) (output)") != std::string::npos);
}

TEST_CASE("colour: --color always, never or auto, NO_COLOR and TERM=dumb", "[cli]") {
  const std::string table = kCore + " --format table " + quote((samples() / "cup-final.txt").string());
  CHECK(run_cli(table + " --color always").out.find('\x1b') != std::string::npos);
  CHECK(run_cli(table).out.find('\x1b') == std::string::npos);  // auto, not a terminal
  check_usage_error(run_cli(table + " --color sometimes"), "--color");
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    SUCCEED("skipped: script(1) is not installed");
    return;
  }
  // On a terminal (script(1) gives one): colour unless NO_COLOR, TERM=dumb or --color never.
  const auto on_terminal = [&](const std::string& env, const std::string& args) {
    TempDir dir;
    const std::string cmd = "env " + env + " script -qec " + quote(quote(analyze_binary()) + " " + table + args) +
                            " /dev/null > " + quote((dir.path / "tty").string());
    REQUIRE(std::system(cmd.c_str()) == 0);
    return read_file(dir.path / "tty").find('\x1b') != std::string::npos;
  };
  CHECK(on_terminal("-u NO_COLOR TERM=xterm", ""));
  CHECK_FALSE(on_terminal("NO_COLOR=1 TERM=xterm", ""));
  CHECK_FALSE(on_terminal("-u NO_COLOR TERM=dumb", ""));
  CHECK_FALSE(on_terminal("-u NO_COLOR TERM=xterm", " --color never"));
  CHECK(on_terminal("NO_COLOR=1 TERM=dumb", " --color always"));
}

TEST_CASE("version and help: --version names the data directory and each model with its version and checksum, --help names analyze", "[cli]") {
  const auto v = run_cli("--version");
  REQUIRE(v.status == 0);
  std::istringstream lines(v.out);
  std::string first, data;
  std::getline(lines, first);
  std::getline(lines, data);
  CHECK(first.rfind("analyze ", 0) == 0);
  REQUIRE(data.rfind("data: ", 0) == 0);
  CHECK(fs::equivalent(data.substr(6), data_dir()));
  const std::string ner = read_file(data_dir() / "models" / "ner.bin");
  CHECK(v.out.find(fmt::format("ner.bin ")) != std::string::npos);
  CHECK(v.out.find(fmt::format("ANZ-NER version 2 ")) != std::string::npos);
  CHECK(v.out.find(fmt::format("xxh3:{:016x}\n", XXH3_64bits(ner.data(), ner.size()))) != std::string::npos);
  for (const char* model : {"models/topics.bin", "models/keyphrases.bin", "models/stance.bin", "kb/places.bin"})
    CHECK(v.out.find(std::string("  ") + model + " ") != std::string::npos);

  const auto no_data = run_cli("--version", "", "ANALYZE_DATA_DIR=/nonexistent");
  CHECK(no_data.status == 0);
  CHECK(no_data.out.find("data: none found (ANALYZE_DATA_DIR=/nonexistent does not hold") != std::string::npos);

  const auto help = run_cli("--help");  // run by its full path
  CHECK(help.out.find("Usage: analyze [OPTIONS]") != std::string::npos);
  CHECK(help.out.find(analyze_binary().string()) == std::string::npos);
}

TEST_CASE("the default number of workers is the CPUs analyze may run on: taskset -c 0 gives one", "[cli]") {
  if (std::system("command -v taskset >/dev/null 2>&1") != 0) {
    SUCCEED("skipped: taskset is not installed");
    return;
  }
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  REQUIRE(sched_getaffinity(0, sizeof cpus, &cpus) == 0);
  const int usable = CPU_COUNT(&cpus);
  // The threads of an analyze waiting for its second record: the main one, plus the workers when
  // there are several (one worker is the main thread itself).
  const auto threads = [&](const std::string& prefix) {
    TempDir dir;
    const auto r = run_shell(dir, "mkfifo in out; " + prefix + " \"$ANALYZE\" " + kCore + " --input-format jsonl - <in >out & pid=$!\n" +
                                      "exec 3>in 4<out; echo '{\"id\": \"a\", \"text\": \"One.\"}' >&3; IFS= read -r line <&4\n" +
                                      "ls /proc/$pid/task | wc -l; exec 3>&-; cat <&4 >/dev/null; wait $pid");
    REQUIRE(r.status == 0);
    return std::stoi(r.out);
  };
  CHECK(threads("taskset -c 0") == 1);
  CHECK(threads("") == (usable > 1 ? usable + 1 : 1));
}

TEST_CASE("the bash and zsh completions know every option, the values and the stages", "[cli]") {
  const fs::path bash_completion = analyze::testing::source_dir() / "completions" / "analyze.bash";
  const fs::path zsh_completion = analyze::testing::source_dir() / "completions" / "_analyze";
  const std::string help = run_cli("--help").out;
  const std::string bash_text = read_file(bash_completion), zsh_text = read_file(zsh_completion);
  const std::regex option_pattern("--[a-z][a-z-]+");
  int options = 0;
  for (std::sregex_iterator it(help.begin(), help.end(), option_pattern), end; it != end; ++it, ++options) {
    INFO(it->str());
    CHECK(bash_text.find(it->str()) != std::string::npos);
    CHECK(zsh_text.find(it->str()) != std::string::npos);
  }
  CHECK(options > 15);

  TempDir dir;
  const auto complete = [&](const std::string& words_so_far) {
    const auto r = run_shell(dir, "source " + quote(bash_completion.string()) + "; COMP_WORDS=(\"$ANALYZE\" " + words_so_far +
                                      "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _analyze; printf '%s\\n' \"${COMPREPLY[@]}\"");
    REQUIRE(r.status == 0);
    return r.out;
  };
  CHECK(complete("--format ''") == "jsonl\njson\ntable\n");
  CHECK(complete("--color n") == "never\n");
  CHECK(complete("--files") == "--files-from\n");
  CHECK(complete("--stages normalize,seg") == "normalize,segment\n");
  if (std::system("command -v zsh >/dev/null 2>&1") == 0)
    CHECK(std::system(("zsh -n " + quote(zsh_completion.string())).c_str()) == 0);
}

TEST_CASE("the man page renders and documents the options and the environment", "[cli]") {
  const fs::path page = analyze_binary().parent_path() / "analyze.1";
  if (!fs::exists(page) || std::system("command -v man >/dev/null 2>&1") != 0) {
    SUCCEED("skipped: no help2man at build time, or no man");
    return;
  }
  TempDir dir;
  const auto r = run_shell(dir, "MANPAGER=cat MANWIDTH=100 man -l " + quote(page.string()));
  REQUIRE(r.status == 0);
  for (const char* text : {"NAME", "analyze - news articles in", "--files-from", "--color", "ENVIRONMENT", "NO_COLOR",
                           "ANALYZE_DATA_DIR", "Exit status"})
    CHECK(r.out.find(text) != std::string::npos);
}

TEST_CASE("the binary holds no path of the source or build tree", "[cli]") {
  const std::string binary = read_file(analyze_binary());
  REQUIRE(binary.size() > 100000);
  // Debug information and sanitizers record the sources' paths by design; a Release build, the one
  // installed, has neither (CI also checks an installed copy, .ci/run).
  if (binary.find(".debug_line") != std::string::npos || binary.find("__asan_init") != std::string::npos ||
      binary.find("__ubsan_handle") != std::string::npos) {
    SUCCEED("skipped: a build with debug information or sanitizers");
    return;
  }
  CHECK(binary.find(analyze::testing::source_dir().string()) == std::string::npos);
  CHECK(binary.find(analyze_binary().parent_path().string()) == std::string::npos);
}

TEST_CASE("the date option anchors relative dates, and a bad one is a usage error", "[cli]") {
  const std::string stages = "--stages normalize,segment,dates -f jsonl";
  const auto r = run_cli(stages + " --date 2026-12-07 -", "The minister said on Tuesday that talks had failed.\n");
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  CHECK(j["date"] == json({{"value", "2026-12-07"}, {"source", "option"}}));
  REQUIRE(j["dates"].size() == 1);
  CHECK(j["dates"][0] == json({{"start", 21}, {"end", 28}, {"text", "Tuesday"}, {"type", "DATE"}, {"value", "2026-12-01"}}));
  const auto record = run_cli(stages + " --input-format jsonl --date 2026-12-07 -",
                              R"({"id": "a", "text": "It rose last year.", "date": "1998-08-08"})" "\n");
  REQUIRE(record.status == 0);
  CHECK(json::parse(record.out)["dates"][0]["value"] == "1997");
  for (const char* bad : {"2026-02-30", "yesterday", "99999-01-01"}) {
    const auto usage = run_cli(stages + " --date " + bad + " -", "On Tuesday.\n");
    CHECK(usage.status == 2);
    CHECK(usage.err.find("--date") != std::string::npos);
    CHECK(usage.out.empty());
  }
}

TEST_CASE("the table has When and How much sections", "[cli]") {
  const auto r = run_cli("--stages normalize,segment,quantities,dates -f table --date 2026-12-07 -",
                         "The firm paid $80 million on Tuesday, the company said.\n");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("When") != std::string::npos);
  CHECK(r.out.find("2026-12-01") != std::string::npos);
  CHECK(r.out.find("How much") != std::string::npos);
  CHECK(r.out.find("$80 million") != std::string::npos);
}

TEST_CASE("a web page's publication date anchors its relative dates", "[cli]") {
  TempDir dir;
  const std::string page =
      "<html lang=\"en\"><head><title>Talks Fail</title>"
      "<meta property=\"article:published_time\" content=\"2026-12-07T09:00:00Z\"></head><body><article>"
      "<p>The minister said on Tuesday that the talks had failed, and that no new date was set.</p>"
      "<p>Officials from both sides are expected to meet again within weeks, the ministry said.</p>"
      "</article></body></html>";
  const std::string file = dir.write("talks.html", page).string();
  const auto r = run_cli("--stages normalize,segment,dates -f jsonl --date 2000-01-01 " + quote(file));
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  CHECK(j["date"] == json({{"value", "2026-12-07"}, {"source", "page"}}));  // the page wins over --date
  REQUIRE(j["dates"].size() >= 1);
  CHECK(j["dates"][0]["text"] == "Tuesday");
  CHECK(j["dates"][0]["value"] == "2026-12-01");
}
