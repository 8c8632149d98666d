#include <catch2/catch.hpp>

#include <string>

#include "html/raw_text.h"

using analyze::without_script_bodies;

TEST_CASE("script and style bodies are cut where the parser would find them", "[html]") {
  CHECK(without_script_bodies("<p>a</p><script>var x = '<p>b</p>';</script><p>c</p>") == "<p>a</p><script></script><p>c</p>");
  CHECK(without_script_bodies("<STYLE type=\"text/css\">p { color: red }</Style>x") == "<STYLE type=\"text/css\"></Style>x");
  CHECK(without_script_bodies("<script>if (a < b) document.write('</scr' + 'ipt>')</SCRIPT>") == "<script></SCRIPT>");
  CHECK(without_script_bodies("<script type=\"Application/LD+JSON\">{}</script><script>x</script>") ==
        "<script type=\"Application/LD+JSON\">{}</script><script></script>");
  // An unterminated script runs to the end of the page, as in the parser.
  CHECK(without_script_bodies("<p>a</p><script>var never_closed = 1; <p>b</p>") == "<p>a</p><script>");
}

TEST_CASE("JSON-LD, comments, attribute values and self-closing tags keep their content", "[html]") {
  const std::string json_ld = "<script type=\"application/ld+json\">{\"headline\": \"H\"}</script>";
  CHECK(without_script_bodies(json_ld) == json_ld);
  const std::string commented = "<!-- <script>x</script> --><p>a</p>";
  CHECK(without_script_bodies(commented) == commented);
  const std::string in_attribute = "<div data-x=\"<script>\" title='>'>text</div><p>more</p>";
  CHECK(without_script_bodies(in_attribute) == in_attribute);
  const std::string self_closed = "<script src=\"a.js\"/><p>text</p>";
  CHECK(without_script_bodies(self_closed) == self_closed);
  const std::string not_script = "<scripted>text</scripted> a < b <stylesheet>";
  CHECK(without_script_bodies(not_script) == not_script);
  const std::string unterminated_comment = "<p>a</p><!-- <script>x</script>";
  CHECK(without_script_bodies(unterminated_comment) == unterminated_comment);
}
