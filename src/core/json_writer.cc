#include "analyze/json_writer.h"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "core/text_decoder.h"

namespace analyze {

namespace {

// Escapes as nlohmann::json does without ensure_ascii: quote, backslash and control characters.
void append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void append_string(std::string& out, std::string_view s) {
  if (is_valid_utf8(s)) return append_escaped(out, s);
  std::string repaired;  // rare: file names and input ids; document text is valid after normalize
  repair_utf8(s, repaired);
  append_escaped(out, repaired);
}

template <class T>
void append_integer(std::string& out, T n) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out.append(buffer, end);
}

}  // namespace

void JsonWriter::newline_indent() {
  out_.push_back('\n');
  out_.append(2 * open_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.back()++ > 0) out_.push_back(',');
  if (pretty_) newline_indent();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (open_.back()++ > 0) out_.push_back(',');
  if (pretty_) newline_indent();
  append_string(out_, name);
  out_.append(pretty_ ? ": " : ":");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  open_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  open_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  const std::uint32_t written = open_.back();
  open_.pop_back();
  if (pretty_ && written > 0) newline_indent();
  out_.push_back(bracket);
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_.append(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(double x) {
  before_value();
  if (!std::isfinite(x)) {
    out_.append("null");
    return *this;
  }
  const std::size_t start = out_.size();
  fmt::format_to(std::back_inserter(out_), "{}", x);
  // A whole number keeps its ".0", as nlohmann prints it: readers see a float where a float is meant.
  if (out_.find_first_of(".e", start) == std::string::npos) out_.append(".0");
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  before_value();
  append_integer(out_, n);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  before_value();
  append_integer(out_, n);
  return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::ordered_json& tree) {
  before_value();
  // Printed alone, then indented to where it sits: nlohmann cannot start at a given depth.
  const std::string text = tree.dump(pretty_ ? 2 : -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  if (!pretty_ || open_.empty()) {
    out_.append(text);
    return *this;
  }
  const std::string indent(2 * open_.size(), ' ');
  for (const char c : text) {
    out_.push_back(c);
    if (c == '\n') out_.append(indent);
  }
  return *this;
}

}  // namespace analyze
