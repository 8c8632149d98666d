// The human-readable report printed on a terminal. Stages add sections; the writer keeps every
// line within the terminal width and adds colour only when asked to (a terminal without NO_COLOR).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace analyze {

class TableWriter {
 public:
  explicit TableWriter(int width = 80, bool colour = false) : width_(width), colour_(colour) {}

  // A section title: "── Entities ─────".
  void heading(std::string_view title);
  // "  key      value", value shortened to fit.
  void field(std::string_view key, std::string_view value);
  // Columns sized to fit the width; the last column is shortened with "…" where needed.
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
  // A free line of text, wrapped to the width.
  void line(std::string_view text);

  const std::string& str() const { return out_; }
  int width() const { return width_; }

 private:
  int width_;
  bool colour_;
  std::string out_;
};

// Shortens `s` to at most `columns` terminal columns, ending with "…" when cut.
std::string fit(std::string_view s, int columns);

}  // namespace analyze
