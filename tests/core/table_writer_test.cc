#include <catch2/catch.hpp>

#include <sstream>

#include "analyze/table_writer.h"

namespace {

// Display columns of a line (every code point here is one column wide).
int columns(const std::string& line) {
  int n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

TEST_CASE("every line of a table fits the width", "[table]") {
  analyze::TableWriter t(80);
  t.heading("a/very/long/path/to/an/article/about/the/election/in/the/state/of/georgia/runoff.txt");
  t.field("language", "en (0.99)");
  t.field("summary", std::string(300, 'x'));
  t.table({"entity", "type", "mentions"}, {{"Donald Trump", "PERSON", "Trump, Donald Trump, President Trump, former President Trump"},
                                           {std::string(100, 'y'), "LOCATION", "3"}});
  t.line("A long line of text that must be wrapped at the width of the terminal, word by word, so that nothing "
         "runs past the right edge of an eighty-column terminal window.");
  std::istringstream lines(t.str());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) CHECK(columns(line) <= 80);
  CHECK(count >= 7);
}

TEST_CASE("no escape codes without colour", "[table]") {
  analyze::TableWriter plain(80, false), coloured(80, true);
  plain.heading("x");
  coloured.heading("x");
  CHECK(plain.str().find('\x1b') == std::string::npos);
  CHECK(coloured.str().find('\x1b') != std::string::npos);
}

TEST_CASE("fit shortens with an ellipsis and keeps short text", "[table]") {
  CHECK(analyze::fit("short", 10) == "short");
  CHECK(analyze::fit("exactly ten", 11) == "exactly ten");
  CHECK(analyze::fit("much too long", 8) == "much to…");
  CHECK(analyze::fit("日本語のテキスト", 7) == "日本語…");  // wide characters count two columns
}
