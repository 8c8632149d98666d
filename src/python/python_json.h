// Turns the contract JSON that analyze writes (compact, valid UTF-8) into Python objects, the same
// objects Python's json.loads gives (dict, list, str, int, float, bool, None), for the module's
// results. It works straight on the text with the C API and reuses one str object for each short
// string it has seen (keys, types, labels), which takes the calling thread about half the time of
// json.loads: this conversion holds the GIL, so it is the part of nlp.pipe that cannot run in
// parallel (docs/PERFORMANCE.md section 20).
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace analyze_python {

class PythonJson {
 public:
  PythonJson();
  PythonJson(const PythonJson&) = delete;
  PythonJson& operator=(const PythonJson&) = delete;
  ~PythonJson();

  // The value of the JSON text; raises ValueError when it is not valid JSON. Needs the GIL.
  pybind11::object parse(std::string_view json);

 private:
  struct Cursor;
  pybind11::object value(Cursor& in);
  pybind11::object object(Cursor& in);
  pybind11::object array(Cursor& in);
  // A string; made once and shared when at most `share_up_to` bytes long.
  pybind11::object string(Cursor& in, std::size_t share_up_to);
  pybind11::object number(Cursor& in);
  pybind11::object literal(Cursor& in);
  pybind11::object shared_string(std::string_view utf8);

  // Short strings already made, in slots by a hash of their UTF-8 bytes; a new string takes the
  // slot from the one there. Each slot holds a reference to its object.
  struct SharedString {
    std::string utf8;
    PyObject* object = nullptr;
  };
  std::vector<SharedString> shared_;
  std::string unescaped_;  // a string with escapes, decoded
};

}  // namespace analyze_python
