#include <catch2/catch.hpp>

#include <filesystem>

#include "analyze/article_reader.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using analyze::Article;
using analyze::ArticleReader;
using analyze::testing::TempDir;

namespace {

std::vector<Article> read_all(ArticleReader& reader) {
  std::vector<Article> out;
  Article a;
  while (reader.next(a)) out.push_back(std::move(a));
  return out;
}

}  // namespace

TEST_CASE("a JSONL record gives id, text, targets and the other keys as meta", "[reader]") {
  Article a;
  analyze::parse_jsonl_record(R"({"id": "a1", "text": "Hello.", "source": "bbc", "targets": [{"start": 0, "end": 5}, "Bukele"]})",
                              "f.jsonl:1", a);
  REQUIRE_FALSE(a.error);
  CHECK(a.doc.id == "a1");
  CHECK(a.doc.raw == "Hello.");
  CHECK(a.doc.meta["source"] == "bbc");
  REQUIRE(a.doc.targets.size() == 2);
  CHECK(a.doc.targets[0].span == std::make_pair(0u, 5u));
  CHECK(a.doc.targets[1].name == "Bukele");
}

TEST_CASE("bad JSONL records fail one by one with their own codes", "[reader]") {
  Article a;
  analyze::parse_jsonl_record(R"({"id": "a1", "text": )", "f.jsonl:3", a);
  REQUIRE(a.error);
  CHECK(a.error->code == "bad-jsonl");
  CHECK(a.doc.id == "f.jsonl:3");

  Article b;
  analyze::parse_jsonl_record(R"({"id": "b", "body": "no text key"})", "f.jsonl:4", b);
  REQUIRE(b.error);
  CHECK(b.error->code == "missing-text");
  CHECK(b.doc.id == "b");
  CHECK(b.doc.meta["body"] == "no text key");  // the error record still carries the user's keys

  Article c;
  analyze::parse_jsonl_record(R"({"id": "c", "text": "x", "source": "bbc", "targets": [{"start": 5, "end": 2}]})",
                              "f.jsonl:5", c);
  REQUIRE(c.error);
  CHECK(c.error->code == "bad-targets");
  CHECK(c.doc.meta["source"] == "bbc");

  Article d;
  analyze::parse_jsonl_record(R"(["not", "an", "object"])", "f.jsonl:6", d);
  REQUIRE(d.error);
  CHECK(d.error->code == "bad-jsonl");
}

TEST_CASE("invalid UTF-8 inside a JSONL line is repaired with a warning", "[reader]") {
  Article a;
  analyze::parse_jsonl_record("{\"id\": \"u\", \"text\": \"caf\xE9 au lait\"}", "f.jsonl:1", a);
  REQUIRE_FALSE(a.error);
  CHECK(a.doc.raw == "caf\xEF\xBF\xBD au lait");
  REQUIRE(a.doc.warnings.size() == 1);
  CHECK(a.doc.warnings[0].code == "invalid-utf8");
}

TEST_CASE("directories are walked recursively in sorted order with the default patterns", "[reader]") {
  TempDir dir;
  dir.write("b.txt", "B");
  dir.write("a.txt", "A");
  dir.write("sub/c.md", "C");
  dir.write("image.jpg", "not picked");
  dir.write("z.jsonl", "{\"id\": \"z1\", \"text\": \"Z1\"}\n\n{\"id\": \"z2\", \"text\": \"Z2\"}\n");
  ArticleReader reader({dir.path.string()}, {});
  CHECK_FALSE(reader.single_document());
  const auto articles = read_all(reader);
  std::vector<std::string> ids;
  for (const auto& a : articles) ids.push_back(a.doc.id);
  CHECK(ids == std::vector<std::string>{(dir.path / "a.txt").string(), (dir.path / "b.txt").string(),
                                        (dir.path / "sub/c.md").string(), "z1", "z2"});
  CHECK(articles[2].output_name == "sub/c.md");
  CHECK(articles[3].doc.raw == "Z1");
}

TEST_CASE("a glob picks other files", "[reader]") {
  TempDir dir;
  dir.write("a.txt", "A");
  dir.write("b.html", "B");
  analyze::ReaderOptions options;
  options.globs = {"*.html"};
  ArticleReader reader({dir.path.string()}, options);
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].doc.raw == "B");
}

TEST_CASE("a missing path becomes an error article in its place", "[reader]") {
  TempDir dir;
  dir.write("a.txt", "A");
  ArticleReader reader({(dir.path / "nope.txt").string(), (dir.path / "a.txt").string()}, {});
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 2);
  REQUIRE(articles[0].error);
  CHECK(articles[0].error->code == "not-found");
  CHECK_FALSE(articles[1].error);
}

TEST_CASE("a symlink loop is walked once", "[reader]") {
  TempDir dir;
  dir.write("d/a.txt", "A");
  fs::create_directory_symlink(dir.path / "d", dir.path / "d" / "loop");
  ArticleReader reader({dir.path.string()}, {});
  CHECK(read_all(reader).size() == 1);
}

TEST_CASE("target names from the command line are added to every article's targets", "[reader]") {
  TempDir dir;
  dir.write("a.txt", "A");
  dir.write("r.jsonl", R"({"id": "r", "text": "R", "targets": ["X"]})");
  analyze::ReaderOptions options;
  options.targets = {"Bukele"};
  ArticleReader reader({(dir.path / "a.txt").string(), (dir.path / "r.jsonl").string()}, options);
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 2);
  REQUIRE(articles[0].doc.targets.size() == 1);
  CHECK(articles[0].doc.targets[0].name == "Bukele");
  REQUIRE(articles[1].doc.targets.size() == 2);
  CHECK(articles[1].doc.targets[0].name == "X");  // the record's own targets first
  CHECK(articles[1].doc.targets[1].name == "Bukele");
}

TEST_CASE("lone surrogate escapes in JSONL are repaired, proper pairs and escaped backslashes kept", "[reader]") {
  Article a;
  analyze::parse_jsonl_record(R"({"id": "s", "text": "Fans \ud83d cheered \ud83d\ude00 \\ud800 \udc00."})", "f.jsonl:1", a);
  REQUIRE_FALSE(a.error);
  CHECK(a.doc.raw == "Fans \xEF\xBF\xBD cheered \xF0\x9F\x98\x80 \\ud800 \xEF\xBF\xBD.");
  REQUIRE(a.doc.warnings.size() == 1);
  CHECK(a.doc.warnings[0].code == "invalid-utf8");
}

TEST_CASE("invalid JSON escapes make a bad-jsonl record", "[reader]") {
  Article a;
  analyze::parse_jsonl_record(R"({"id": "x", "text": "bad \x41 escape"})", "f.jsonl:1", a);
  REQUIRE(a.error);
  CHECK(a.error->code == "bad-jsonl");
  Article b;
  analyze::parse_jsonl_record(R"({"id": "y", "text": "bad \uZZZZ escape"})", "f.jsonl:2", b);
  REQUIRE(b.error);
  CHECK(b.error->code == "bad-jsonl");
}

TEST_CASE("a file deleted after the directory was listed fails alone", "[reader]") {
  TempDir dir;
  dir.write("a.txt", "A");
  dir.write("b.txt", "B");
  dir.write("c.txt", "C");
  ArticleReader reader({dir.path.string()}, {});
  fs::remove(dir.path / "b.txt");
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 3);
  CHECK_FALSE(articles[0].error);
  REQUIRE(articles[1].error);
  CHECK(articles[1].error->code == "not-found");
  CHECK(articles[2].doc.raw == "C");
}

TEST_CASE("articles over the size limit fail with too-large, files and JSONL lines alike", "[reader]") {
  TempDir dir;
  dir.write("big.txt", std::string(3000, 'x'));
  dir.write("small.txt", "ok");
  dir.write("r.jsonl", "{\"id\": \"big\", \"text\": \"" + std::string(3000, 'y') + "\"}\n{\"id\": \"ok\", \"text\": \"fine\"}\n");
  analyze::ReaderOptions options;
  options.max_article_bytes = 2048;
  ArticleReader reader({dir.path.string()}, options);
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 4);
  REQUIRE(articles[0].error);
  CHECK(articles[0].error->code == "too-large");
  REQUIRE(articles[1].error);  // the JSONL line, named by its place
  CHECK(articles[1].error->code == "too-large");
  CHECK(articles[1].doc.id == (dir.path / "r.jsonl").string() + ":1");
  CHECK(articles[2].doc.raw == "fine");
  CHECK(articles[3].doc.raw == "ok");
}

TEST_CASE("JSONL lines longer than the read buffer, CRLF endings and no final newline are read whole", "[reader]") {
  TempDir dir;
  const std::string long_text(200000, 'w');  // three read-buffer fills
  dir.write("r.jsonl", "{\"id\": \"long\", \"text\": \"" + long_text + "\"}\r\n\r\n\n" +
                           "{\"id\": \"exact\", \"text\": \"" + std::string(65535 - 27, 'e') + "\"}\n" +  // 65535 bytes
                           "{\"id\": \"last\", \"text\": \"no newline\"}");
  ArticleReader reader({(dir.path / "r.jsonl").string()}, {});
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 3);
  CHECK_FALSE(articles[0].error);
  CHECK(articles[0].doc.raw == long_text);
  CHECK_FALSE(articles[1].error);
  CHECK(articles[1].doc.raw.size() == 65535 - 27);
  CHECK(articles[2].doc.raw == "no newline");
  CHECK(reader.bytes_read() >= fs::file_size(dir.path / "r.jsonl"));
}

TEST_CASE("an over-long JSONL line fails with too-large and the next record is read", "[reader]") {
  TempDir dir;
  dir.write("r.jsonl", "{\"id\": \"big\", \"text\": \"" + std::string(3u << 19, 'y') + "\"}\n{\"id\": \"ok\", \"text\": \"fine\"}\n");
  analyze::ReaderOptions options;
  options.max_article_bytes = 1u << 20;
  ArticleReader reader({(dir.path / "r.jsonl").string()}, options);
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 2);
  REQUIRE(articles[0].error);
  CHECK(articles[0].error->code == "too-large");
  CHECK(articles[0].error->message == "line 1: 1.5 MB is more than the 1 MB an article may have (--max-article-size)");
  CHECK(articles[1].doc.raw == "fine");
}

TEST_CASE("a symbolic link loop named on the command line is unreadable, not missing", "[reader]") {
  TempDir dir;
  fs::create_symlink(dir.path / "self.txt", dir.path / "self.txt");
  fs::create_symlink(dir.path / "gone.txt", dir.path / "dangling.txt");
  ArticleReader reader({(dir.path / "self.txt").string(), (dir.path / "dangling.txt").string()}, {});
  const auto articles = read_all(reader);
  REQUIRE(articles.size() == 2);
  REQUIRE(articles[0].error);
  CHECK(articles[0].error->code == "unreadable");
  CHECK(articles[0].error->message == "symbolic link loop (too many levels of symbolic links)");
  REQUIRE(articles[1].error);
  CHECK(articles[1].error->code == "not-found");
  CHECK(articles[1].error->message == "broken symbolic link");
}

TEST_CASE("overlong UTF-8 inside a JSONL line is repaired with a warning", "[reader]") {
  Article a;
  analyze::parse_jsonl_record("{\"id\": \"o\", \"text\": \"a\xC0\xAF" "b\"}", "f.jsonl:1", a);
  REQUIRE_FALSE(a.error);
  CHECK(a.doc.raw == "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  REQUIRE(a.doc.warnings.size() == 1);
  CHECK(a.doc.warnings[0].code == "invalid-utf8");
}

TEST_CASE("read() leaves JSONL parsing to finish(), which gives what next() gives", "[reader]") {
  TempDir dir;
  dir.write("r.jsonl", "{\"id\": \"r1\", \"text\": \"One.\", \"targets\": [\"X\"]}\n{\"id\": \"r2\", \"text\": \n");
  analyze::ReaderOptions options;
  options.targets = {"Bukele"};
  ArticleReader eager({(dir.path / "r.jsonl").string()}, options);
  std::vector<Article> expected = read_all(eager);
  REQUIRE(expected.size() == 2);

  ArticleReader lazy({(dir.path / "r.jsonl").string()}, options);
  std::vector<Article> read;
  for (Article a; lazy.read(a);) read.push_back(std::move(a));
  REQUIRE(read.size() == 2);
  CHECK(read[0].doc.raw.empty());  // not parsed yet: the worker threads do that
  CHECK_FALSE(read[0].record.empty());
  for (std::size_t i = 0; i < read.size(); ++i) {
    lazy.finish(read[i]);
    lazy.finish(read[i]);  // a second call changes nothing
    CHECK(read[i].doc.id == expected[i].doc.id);
    CHECK(read[i].doc.raw == expected[i].doc.raw);
    CHECK(read[i].output_name == expected[i].output_name);
    REQUIRE(read[i].doc.targets.size() == expected[i].doc.targets.size());
    for (std::size_t t = 0; t < read[i].doc.targets.size(); ++t) CHECK(read[i].doc.targets[t].name == expected[i].doc.targets[t].name);
    REQUIRE(read[i].error.has_value() == expected[i].error.has_value());
  }
  CHECK(read[0].doc.targets.size() == 2);
  REQUIRE(read[1].error);
  CHECK(read[1].error->code == "bad-jsonl");
  CHECK(read[1].error->message == expected[1].error->message);
  CHECK(read[1].error->message.rfind("line 2: ", 0) == 0);
}
