#include <catch2/catch.hpp>

#include "analyze/document.h"

using analyze::Document;

TEST_CASE("code-point offsets count characters, not bytes", "[document]") {
  Document doc;
  // "é" is 2 bytes, "😀" (outside the BMP) 4 bytes and one code point (Python counts it as 1).
  doc.set_text("é 😀 x");
  CHECK(doc.code_point(0) == 0);
  CHECK(doc.code_point(2) == 1);  // after é
  CHECK(doc.code_point(3) == 2);  // the emoji starts at code point 2
  CHECK(doc.code_point(7) == 3);  // after the emoji
  CHECK(doc.code_points() == 5);
  CHECK(doc.byte_offset(3) == 7);
  CHECK(doc.byte_offset(5) == 9);
  CHECK(doc.byte_offset(99) == 9);  // clamped
}

TEST_CASE("code-point offsets stay right across the index's blocks", "[document]") {
  std::string text;
  for (int i = 0; i < 500; ++i) text += (i % 3 == 0) ? "😀" : (i % 3 == 1 ? "ä" : "a");
  Document doc;
  doc.set_text(text);
  std::uint32_t cps = 0;
  for (std::size_t b = 0; b <= text.size(); ++b) {
    if (b == text.size() || (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80) {
      REQUIRE(doc.code_point(static_cast<std::uint32_t>(b)) == cps);
      REQUIRE(doc.byte_offset(cps) == b);
      ++cps;
    }
  }
}

TEST_CASE("later stages' layers are stored by type", "[document]") {
  struct Counts {
    int n = 0;
  };
  Document doc;
  CHECK(doc.layer<Counts>() == nullptr);
  doc.set_layer(Counts{3});
  REQUIRE(doc.layer<Counts>() != nullptr);
  CHECK(doc.layer<Counts>()->n == 3);
  doc.set_layer(Counts{4});  // replaced, not duplicated
  CHECK(doc.layer<Counts>()->n == 4);
}

TEST_CASE("English-only stages run unless another language is reliably identified", "[document]") {
  Document doc;
  CHECK(doc.english_or_unknown());
  doc.language = analyze::Language{"es", 0.95, true};
  CHECK_FALSE(doc.english_or_unknown());
  doc.language = analyze::Language{"es", 0.4, false};
  CHECK(doc.english_or_unknown());
  doc.language = analyze::Language{"en", 0.99, true};
  CHECK(doc.english_or_unknown());
}
