#include "analyze/json_writer.h"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

using analyze::JsonWriter;
using Json = nlohmann::ordered_json;

namespace {

// Writes `tree` through JsonWriter's calls, as a stage would, to compare with nlohmann's dump.
void write_tree(const Json& tree, JsonWriter& w) {
  switch (tree.type()) {
    case Json::value_t::object:
      w.begin_object();
      for (const auto& [k, v] : tree.items()) {
        w.key(k);
        write_tree(v, w);
      }
      w.end_object();
      break;
    case Json::value_t::array:
      w.begin_array();
      for (const auto& v : tree) write_tree(v, w);
      w.end_array();
      break;
    case Json::value_t::string: w.value(tree.get_ref<const std::string&>()); break;
    case Json::value_t::boolean: w.value(tree.get<bool>()); break;
    case Json::value_t::number_integer: w.value(tree.get<std::int64_t>()); break;
    case Json::value_t::number_unsigned: w.value(tree.get<std::uint64_t>()); break;
    case Json::value_t::number_float: w.value(tree.get<double>()); break;
    default: w.value(tree);  // null
  }
}

std::string written(const Json& tree, bool pretty) {
  std::string out;
  JsonWriter w(out, pretty);
  write_tree(tree, w);
  return out;
}

}  // namespace

TEST_CASE("JSON writer: the same text as nlohmann's dump, compact and pretty", "[json_writer]") {
  const Json article = Json::parse(R"({
    "schema": "analyze/1", "id": "a \"quoted\" name\\path",
    "meta": {"source": "wire", "tags": ["a", "b"], "nested": {"deep": [1, {"x": null}]}},
    "paragraphs": [], "empty": {},
    "sentences": [{"start": 0, "end": 11, "text": "Tab\there,\nnew line \u0001 and caf\u00e9 \ud83d\ude00", "ok": true}],
    "scores": [0.5, 1.0, 0.1234, -0.0001, 1e-05, 123456789.25, 0.0, -2.0, 18446744073709551615, -9223372036854775807]
  })");
  CHECK(written(article, false) == article.dump());
  CHECK(written(article, true) == article.dump(2));
}

TEST_CASE("JSON writer: a tree passed through lands at the writer's depth", "[json_writer]") {
  const Json meta = {{"source", "wire"}, {"tags", {"a", "b"}}};
  const Json whole = {{"id", "x"}, {"meta", meta}};
  for (const bool pretty : {false, true}) {
    std::string out;
    JsonWriter w(out, pretty);
    w.begin_object().field("id", "x").field("meta", meta).end_object();
    CHECK(out == whole.dump(pretty ? 2 : -1));
  }
}

TEST_CASE("JSON writer: invalid UTF-8 becomes U+FFFD, so the output always parses", "[json_writer]") {
  std::string out;
  JsonWriter w(out);
  w.begin_array().value(std::string_view("bad \xC3\x28 and \xED\xA0\x80 and \xF0\x9F")).value("\x7F").end_array();
  const Json back = Json::parse(out);  // throws on invalid UTF-8
  CHECK(back[0] == "bad \xEF\xBF\xBD( and \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD and \xEF\xBF\xBD");
  CHECK(back[1] == "\x7F");
}

TEST_CASE("JSON writer: numbers a reader can trust", "[json_writer]") {
  std::string out;
  JsonWriter w(out);
  w.begin_array()
      .value(1.0)
      .value(0.1)
      .value(std::numeric_limits<double>::quiet_NaN())
      .value(-std::numeric_limits<double>::infinity())
      .value(std::uint32_t{7})
      .value(-3)
      .end_array();
  CHECK(out == "[1.0,0.1,null,null,7,-3]");
  const std::vector<std::uint32_t> evidence{2, 0};
  out.clear();
  JsonWriter v(out);
  v.begin_object().field("evidence", evidence).field("none", std::vector<std::string>{}).end_object();
  CHECK(out == R"({"evidence":[2,0],"none":[]})");
}
