// Input decoding: BOMs, UTF-16, UTF-8 repair as Python's bytes.decode("utf-8", errors="replace")
// does it (one U+FFFD per maximal subpart, Unicode chapter 3), and binary input rejected.
#include "core/text_decoder.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

using namespace analyze;

namespace {

std::string repaired(std::string_view bytes, std::size_t* count = nullptr) {
  std::string out;
  const std::size_t n = repair_utf8(bytes, out);
  if (count) *count = n;
  return out;
}

}  // namespace

TEST_CASE("invalid UTF-8 is repaired exactly as Python's errors=\"replace\" does", "[text_decoder]") {
  struct Case {
    const char* name;
    std::string input;
    std::string python;  // bytes.decode("utf-8", "replace").encode("utf-8"), Python 3.11
    std::size_t replaced;
  };
  // clang-format off
  const std::vector<Case> cases = {
      {"overlong 2-byte slash", std::string("\xC0\xAF", 2), "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
      {"overlong 3-byte slash", std::string("\xE0\x80\xAF", 3), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},
      {"overlong 4-byte slash", std::string("\xF0\x80\x80\xAF", 4), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},
      {"overlong NUL C0 80", std::string("a\xC0\x80" "b", 4), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", 2},
      {"UTF-8-encoded high surrogate", std::string("\xED\xA0\x80", 3), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},
      {"UTF-8-encoded surrogate pair", std::string("\xED\xA0\xBD\xED\xB8\x80", 6), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 6},
      {"above U+10FFFF", std::string("\xF4\x90\x80\x80", 4), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},
      {"F5 lead byte", std::string("\xF5\x80\x80\x80", 4), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},
      {"FF and FE bytes", std::string("a\xFF\xFE" "b", 4), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", 2},
      {"lone continuation bytes", std::string("\x80\xBF", 2), "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
      {"truncated 3-byte sequence", std::string("\xE2\x82 euro", 7), "\xEF\xBF\xBD euro", 1},
      {"truncated 4-byte sequence at the end", std::string("ok \xF0\x9F\x98", 6), "ok \xEF\xBF\xBD", 1},
      {"truncated 2-byte sequence at the end", std::string("ok \xC3", 4), "ok \xEF\xBF\xBD", 1},
      {"two truncated sequences", std::string("\xE2\x82\xE2\x82", 4), "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
      {"truncated then valid", std::string("\xF0\x9F\xE2\x82\xAC", 5), "\xEF\xBF\xBD\xE2\x82\xAC", 1},
      {"E0 with a too-low second byte", std::string("\xE0\x9F\x80", 3), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},
      {"F4 8F BF BF is the last code point", std::string("\xF4\x8F\xBF\xBF", 4), "\xF4\x8F\xBF\xBF", 0},
      {"Latin-1 text", std::string("Caf\xE9 cr\xE8me", 10), "Caf\xEF\xBF\xBD cr\xEF\xBF\xBDme", 2},
  };
  // clang-format on
  for (const Case& c : cases) {
    INFO(c.name);
    std::size_t count = 0;
    CHECK(repaired(c.input, &count) == c.python);
    CHECK(count == c.replaced);
    CHECK(is_valid_utf8(c.input) == (c.replaced == 0));
  }
}

TEST_CASE("valid UTF-8 passes unchanged, boundary code points included", "[text_decoder]") {
  // U+007F U+0080 U+07FF U+0800 U+D7FF U+E000 U+FFFD U+FFFF U+10000 U+10FFFF
  const std::string text =
      "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
  CHECK(is_valid_utf8(text));
  std::size_t count = 1;
  CHECK(repaired(text, &count) == text);
  CHECK(count == 0);
}

TEST_CASE("repair always gives valid UTF-8 and leaves its own output alone", "[text_decoder]") {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string input;
    for (int n = length(random); n > 0; --n) input += static_cast<char>(byte(random));
    const std::string out = repaired(input);
    INFO("input bytes: " << input.size());
    REQUIRE(is_valid_utf8(out));
    std::size_t again = 1;
    CHECK(repaired(out, &again) == out);
    CHECK(again == 0);
  }
}

TEST_CASE("decode_text removes a UTF-8 byte-order mark", "[text_decoder]") {
  auto d = decode_text("\xEF\xBB\xBFHello");
  REQUIRE(d);
  CHECK(d->text == "Hello");
  CHECK(d->source_encoding == "utf-8");
  CHECK(d->repaired == 0);
  auto only_bom = decode_text("\xEF\xBB\xBF");
  REQUIRE(only_bom);
  CHECK(only_bom->text.empty());
  auto empty = decode_text("");
  REQUIRE(empty);
  CHECK(empty->text.empty());
}

TEST_CASE("decode_text decodes UTF-16 with a byte-order mark", "[text_decoder]") {
  // "Café 😀" in UTF-16: the emoji is the surrogate pair D83D DE00.
  const std::string le("\xFF\xFE" "C\0a\0f\0\xE9\0 \0\x3D\xD8\x00\xDE", 16);
  const std::string be("\xFE\xFF" "\0C\0a\0f\0\xE9\0 \xD8\x3D\xDE\x00", 16);
  for (const auto& [bytes, encoding] : {std::pair{le, "utf-16le"}, std::pair{be, "utf-16be"}}) {
    auto d = decode_text(bytes);
    REQUIRE(d);
    CHECK(d->text == "Caf\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(d->source_encoding == encoding);
    CHECK(d->repaired == 0);
  }
}

TEST_CASE("broken UTF-16 is repaired as Python's utf-16 errors=\"replace\" does", "[text_decoder]") {
  struct Case {
    std::string input;
    std::string python;
    std::size_t replaced;
  };
  const std::vector<Case> cases = {
      {std::string("\xFF\xFE" "a\0\0\xD8" "b\0", 8), "a\xEF\xBF\xBD" "b", 1},       // lone high surrogate
      {std::string("\xFF\xFE" "a\0\0\xDC", 6), "a\xEF\xBF\xBD", 1},                 // lone low surrogate
      {std::string("\xFF\xFE" "a\0b", 5), "a\xEF\xBF\xBD", 1},                      // odd trailing byte
      {std::string("\xFF\xFE\0\xD8x", 5), "\xEF\xBF\xBD", 1},                       // truncated pair: one U+FFFD
      {std::string("\xFE\xFF\xDC\x00\xD8\x00", 6), "\xEF\xBF\xBD\xEF\xBF\xBD", 2},  // pair in the wrong order
  };
  for (const Case& c : cases) {
    auto d = decode_text(c.input);
    REQUIRE(d);
    CHECK(d->text == c.python);
    CHECK(d->repaired == c.replaced);
  }
}

TEST_CASE("binary input is not text, and mostly valid text is repaired", "[text_decoder]") {
  auto png = decode_text(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  REQUIRE_FALSE(png);
  CHECK(png.error().code == "not-text");
  auto garbage = decode_text("\xFF\xD8\xFF\xE0\x10\x11\x12\x13 JFIF \x80\x81\x82\x83\x84\x85");
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().code == "not-text");
  auto latin1 = decode_text("Caf\xE9 cr\xE8me");  // short Latin-1 text: 20% invalid, still text
  REQUIRE(latin1);
  CHECK(latin1->repaired == 2);
  std::string article(2000, 'x');
  article += "Caf\xE9";  // one Latin-1 byte in an otherwise UTF-8 article
  auto d = decode_text(article);
  REQUIRE(d);
  CHECK(d->repaired == 1);
  CHECK(d->text.size() == article.size() + 2);
}
