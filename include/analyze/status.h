// Errors as values: callers that must decide (the batch runner, the CLI) get a code they can
// report per article instead of an exception that would cost the whole batch.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace analyze {

// `code` is a stable, documented identifier (docs/ERRORS.md), `message` a one-line explanation.
struct Error {
  std::string code;
  std::string message;
};

// An exception caught around one article's work (a bug, exhausted memory): reported in that
// article's place, so it never costs the batch.
inline Error internal_error(const std::exception& e) { return Error{"internal", std::string("internal error: ") + e.what()}; }

class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  static Status ok() { return {}; }
  bool is_ok() const { return !error_; }
  explicit operator bool() const { return is_ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

// A value or an Error (std::expected is C++23).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace analyze
