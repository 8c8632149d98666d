#include "python/python_json.h"

#include <charconv>
#include <cstdint>
#include <string>

#include "core/utf8.h"

namespace py = pybind11;

namespace analyze_python {

namespace {

// Keys (field names) are shared up to this length, other strings (types, labels, short names) up
// to the second; long strings are rarely repeated and would only fill the table.
constexpr std::size_t kSharedKeyBytes = 64;
constexpr std::size_t kSharedValueBytes = 16;
// Slots for shared strings (a power of two).
constexpr std::size_t kSharedSlots = std::size_t{1} << 12;

// FNV-1a: the strings are short, and a slot only needs a spread.
std::size_t slot_of(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h & (kSharedSlots - 1);
}

[[noreturn]] void malformed(const char* what) { throw py::value_error(std::string("analyze: bad result JSON: ") + what); }

py::object steal(PyObject* object) {
  if (object == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(object);
}

}  // namespace

struct PythonJson::Cursor {
  const char* p;
  const char* end;

  char peek() const { return p < end ? *p : '\0'; }
  void skip_space() {
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
  }
  void expect(char c, const char* what) {
    skip_space();
    if (peek() != c) malformed(what);
    ++p;
  }
  std::uint32_t hex4() {
    if (end - p < 4) malformed("short \\u escape");
    std::uint32_t cp = 0;
    const auto [ptr, ec] = std::from_chars(p, p + 4, cp, 16);
    if (ec != std::errc() || ptr != p + 4) malformed("bad \\u escape");
    p += 4;
    return cp;
  }
};

PythonJson::PythonJson() : shared_(kSharedSlots) {}

PythonJson::~PythonJson() {
  for (SharedString& s : shared_) Py_XDECREF(s.object);
}

// The cyclic collector paused while one result is made: its objects are all alive, so a collection
// their allocations triggered would only walk them; once the caller drops them, the collector's
// count falls back by as much.
class CollectorPause {
 public:
  CollectorPause() : was_enabled_(PyGC_Disable() != 0) {}
  CollectorPause(const CollectorPause&) = delete;
  CollectorPause& operator=(const CollectorPause&) = delete;
  ~CollectorPause() {
    if (was_enabled_) PyGC_Enable();
  }

 private:
  bool was_enabled_;
};

py::object PythonJson::parse(std::string_view json) {
  const CollectorPause paused;
  Cursor in{json.data(), json.data() + json.size()};
  py::object result = value(in);
  in.skip_space();
  if (in.p != in.end) malformed("text after the value");
  return result;
}

py::object PythonJson::value(Cursor& in) {
  in.skip_space();
  switch (in.peek()) {
    case '{': return object(in);
    case '[': return array(in);
    case '"': return string(in, kSharedValueBytes);
    case 't': case 'f': case 'n': return literal(in);
    default: return number(in);
  }
}

py::object PythonJson::object(Cursor& in) {
  ++in.p;  // '{'
  py::object dict = steal(PyDict_New());
  in.skip_space();
  if (in.peek() == '}') {
    ++in.p;
    return dict;
  }
  while (true) {
    in.skip_space();
    if (in.peek() != '"') malformed("a key that is not a string");
    const py::object key = string(in, kSharedKeyBytes);
    in.expect(':', "no ':' after a key");
    const py::object item = value(in);
    if (PyDict_SetItem(dict.ptr(), key.ptr(), item.ptr()) != 0) throw py::error_already_set();
    in.skip_space();
    if (in.peek() == '}') break;
    in.expect(',', "no ',' between members");
  }
  ++in.p;
  return dict;
}

py::object PythonJson::array(Cursor& in) {
  ++in.p;  // '['
  py::object list = steal(PyList_New(0));
  in.skip_space();
  if (in.peek() == ']') {
    ++in.p;
    return list;
  }
  while (true) {
    const py::object item = value(in);
    if (PyList_Append(list.ptr(), item.ptr()) != 0) throw py::error_already_set();
    in.skip_space();
    if (in.peek() == ']') break;
    in.expect(',', "no ',' between elements");
  }
  ++in.p;
  return list;
}

// A string whose bytes up to the closing quote need no decoding is made from the text itself;
// one with escapes is decoded into `unescaped_` first.
py::object PythonJson::string(Cursor& in, std::size_t share_up_to) {
  const char* start = ++in.p;  // after '"'
  while (in.p < in.end && *in.p != '"' && *in.p != '\\') ++in.p;
  if (in.p == in.end) malformed("an unterminated string");
  if (*in.p == '"') {
    const std::string_view utf8(start, static_cast<std::size_t>(in.p++ - start));
    if (utf8.size() <= share_up_to) return shared_string(utf8);
    return steal(PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), nullptr));
  }
  unescaped_.assign(start, in.p);
  while (true) {
    if (in.p == in.end) malformed("an unterminated string");
    const char c = *in.p++;
    if (c == '"') break;
    if (c != '\\') {
      unescaped_.push_back(c);
      continue;
    }
    if (in.p == in.end) malformed("an unterminated escape");
    switch (const char e = *in.p++) {
      case '"': case '\\': case '/': unescaped_.push_back(e); break;
      case 'b': unescaped_.push_back('\b'); break;
      case 'f': unescaped_.push_back('\f'); break;
      case 'n': unescaped_.push_back('\n'); break;
      case 'r': unescaped_.push_back('\r'); break;
      case 't': unescaped_.push_back('\t'); break;
      case 'u': {
        std::uint32_t cp = in.hex4();
        // A high surrogate followed by an escaped low one is one code point, as json.loads reads it.
        if (cp >= 0xD800 && cp < 0xDC00 && in.end - in.p >= 6 && in.p[0] == '\\' && in.p[1] == 'u') {
          Cursor low{in.p + 2, in.end};
          const std::uint32_t second = low.hex4();
          if (second >= 0xDC00 && second < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (second - 0xDC00);
            in.p = low.p;
          }
        }
        // A lone surrogate gives its three bytes, which "surrogatepass" reads.
        analyze::utf8::append(unescaped_, static_cast<char32_t>(cp));
        break;
      }
      default: malformed("an unknown escape");
    }
  }
  return steal(PyUnicode_DecodeUTF8(unescaped_.data(), static_cast<Py_ssize_t>(unescaped_.size()), "surrogatepass"));
}

py::object PythonJson::shared_string(std::string_view utf8) {
  SharedString& slot = shared_[slot_of(utf8)];
  if (slot.object != nullptr && slot.utf8 == utf8) return py::reinterpret_borrow<py::object>(slot.object);
  py::object made = steal(PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), nullptr));
  Py_XDECREF(slot.object);
  slot.object = made.inc_ref().ptr();
  slot.utf8.assign(utf8);
  return made;
}

// An integer as Python's int (of any size), a number with a fraction or an exponent as float.
py::object PythonJson::number(Cursor& in) {
  const char* start = in.p;
  bool is_float = false;
  while (in.p < in.end) {
    const char c = *in.p;
    if (c == '.' || c == 'e' || c == 'E') is_float = true;
    else if (!((c >= '0' && c <= '9') || c == '-' || c == '+')) break;
    ++in.p;
  }
  if (in.p == start) malformed("an unexpected character");
  if (is_float) {
    double x = 0;
    const auto [ptr, ec] = std::from_chars(start, in.p, x);
    if (ec != std::errc() || ptr != in.p) malformed("a bad number");
    return steal(PyFloat_FromDouble(x));
  }
  std::int64_t n = 0;
  const auto [ptr, ec] = std::from_chars(start, in.p, n);
  if (ec == std::errc() && ptr == in.p) return steal(PyLong_FromLongLong(n));
  const std::string digits(start, in.p);  // beyond 64 bits: Python's own reading
  return steal(PyLong_FromString(digits.c_str(), nullptr, 10));
}

py::object PythonJson::literal(Cursor& in) {
  const std::string_view rest(in.p, static_cast<std::size_t>(in.end - in.p));
  for (const auto& [word, object] : {std::pair{std::string_view("true"), Py_True}, std::pair{std::string_view("false"), Py_False},
                                     std::pair{std::string_view("null"), Py_None}}) {
    if (rest.substr(0, word.size()) == word) {
      in.p += word.size();
      return py::reinterpret_borrow<py::object>(object);
    }
  }
  malformed("an unknown literal");
}

}  // namespace analyze_python
