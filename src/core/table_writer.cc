#include "analyze/table_writer.h"

#include <algorithm>
#include <unicode/uchar.h>

#include "core/utf8.h"

namespace analyze {

namespace {

int char_columns(char32_t c) {
  if (c < 0x300) return c < 0x20 ? 0 : 1;
  const auto category = u_charType(static_cast<UChar32>(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
  const auto w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

int columns_of(std::string_view s) {
  int cols = 0;
  for (std::size_t i = 0; i < s.size();) cols += char_columns(utf8::decode(s, i));
  return cols;
}

// Line breaks and tabs inside values would break the layout.
std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

std::string pad(std::string_view s, int columns) {
  std::string out(s);
  out.append(static_cast<std::size_t>(std::max(0, columns - columns_of(s))), ' ');
  return out;
}

}  // namespace

std::string fit(std::string_view s, int columns) {
  if (columns_of(s) <= columns) return std::string(s);
  std::string out;
  int cols = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const int w = char_columns(utf8::decode(s, i));
    if (cols + w > columns - 1) break;
    cols += w;
    out.append(s.substr(start, i - start));
  }
  return out + "…";
}

void TableWriter::heading(std::string_view title) {
  if (!out_.empty()) out_ += '\n';
  std::string rule = "── " + fit(one_line(title), width_ - 4) + " ";
  const int used = columns_of(rule);
  for (int i = used; i < width_; ++i) rule += "─";
  out_ += colour_ ? "\x1b[1;36m" + rule + "\x1b[0m\n" : rule + "\n";
}

void TableWriter::field(std::string_view key, std::string_view value) {
  const int key_cols = 12;
  std::string k = pad(key, key_cols);
  out_ += colour_ ? "  \x1b[1m" + k + "\x1b[0m" : "  " + k;
  out_ += fit(one_line(value), width_ - 2 - key_cols) + "\n";
}

void TableWriter::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  const std::size_t n = header.size();
  if (n == 0) return;
  std::vector<int> widths(n, 0);
  for (std::size_t c = 0; c < n; ++c) widths[c] = columns_of(header[c]);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < n && c < row.size(); ++c) widths[c] = std::max(widths[c], columns_of(one_line(row[c])));
  // Every column but the last keeps its natural width up to a cap; the last takes what is left.
  int used = 2;
  for (std::size_t c = 0; c + 1 < n; ++c) {
    widths[c] = std::min(widths[c], 28);
    used += widths[c] + 2;
  }
  widths[n - 1] = std::max(4, std::min(widths[n - 1], width_ - used));
  auto emit = [&](const std::vector<std::string>& row, bool bold) {
    std::string line = "  ";
    for (std::size_t c = 0; c < n; ++c) {
      const std::string cell = fit(one_line(c < row.size() ? row[c] : ""), widths[c]);
      line += c + 1 < n ? pad(cell, widths[c]) + "  " : cell;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out_ += (bold && colour_) ? "\x1b[1m" + line + "\x1b[0m\n" : line + "\n";
  };
  emit(header, true);
  for (const auto& row : rows) emit(row, false);
}

void TableWriter::line(std::string_view text) {
  // Greedy word wrap at the width, indented by two spaces.
  const std::string flat = one_line(text);
  std::string current = "  ";
  int cols = 2;
  std::size_t i = 0;
  while (i < flat.size()) {
    const std::size_t space = flat.find(' ', i);
    const std::string_view word = std::string_view(flat).substr(i, space == std::string::npos ? std::string::npos : space - i);
    i = space == std::string::npos ? flat.size() : space + 1;
    if (word.empty()) continue;
    const int w = columns_of(word);
    if (cols > 2 && cols + 1 + w > width_) {
      out_ += current + "\n";
      current = "  ";
      cols = 2;
    }
    if (cols > 2) {
      current += ' ';
      ++cols;
    }
    current += cols + w > width_ ? fit(word, width_ - cols) : std::string(word);
    cols += std::min(w, width_ - cols);
  }
  if (cols > 2) out_ += current + "\n";
}

}  // namespace analyze
