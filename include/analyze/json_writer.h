// Writes JSON text straight into a string, laid out as nlohmann::json::dump lays out the same tree
// (one line, or pretty with an indent of 2), without building the tree first: building, printing
// and freeing a tree per article was a fifth of a batch run's time. Invalid UTF-8 in strings
// becomes U+FFFD, so the output is always valid JSON.
//
//   JsonWriter w(text);
//   w.begin_object().field("id", "a.txt").key("scores").begin_array().value(0.5).end_array().end_object();
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace analyze {

class JsonWriter {
 public:
  // Appends to `out`, which must outlive the writer.
  explicit JsonWriter(std::string& out, bool pretty = false) : out_(out), pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next value is this key's, in the innermost object.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double x);  // shortest form that reads back exactly; NaN and infinities as null
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T n) {
    if constexpr (std::is_signed_v<T>) return value(static_cast<std::int64_t>(n));
    else return value(static_cast<std::uint64_t>(n));
  }
  // A tree from elsewhere (the JSONL input's pass-through keys).
  JsonWriter& value(const nlohmann::ordered_json& tree);
  template <class T>
  JsonWriter& value(const std::vector<T>& items) {
    begin_array();
    for (const T& item : items) value(item);
    return end_array();
  }
  template <class T>
  JsonWriter& field(std::string_view name, T&& v) {
    key(name);
    return value(std::forward<T>(v));
  }

 private:
  void before_value();  // the comma and line break that separate it from the previous value
  void newline_indent();
  JsonWriter& close(char bracket);

  std::string& out_;
  bool pretty_;
  bool after_key_ = false;
  std::vector<std::uint32_t> open_;  // values written so far in each open object or array
};

}  // namespace analyze
