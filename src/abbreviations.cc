#include "analyze/abbreviations.h"

#include <fstream>
#include <fmt/format.h>

#include "analyze/utf8.h"

namespace analyze {

namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha_ascii(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// "D.C.", "a.m.", "U.S.A.": single letters each followed by a period.
bool is_initialism(std::string_view w) {
  if (w.size() < 4 || w.size() % 2) return false;
  for (std::size_t i = 0; i < w.size(); i += 2)
    if (!is_alpha_ascii(w[i]) || w[i + 1] != '.') return false;
  return true;
}

// "MR." -> "Mr.": the listed form of an all-caps word.
std::string title_case(std::string_view w) {
  std::string out(w);
  for (std::size_t i = 1; i < out.size(); ++i)
    if (is_upper_ascii(out[i]) && is_alpha_ascii(out[i - 1])) out[i] = static_cast<char>(out[i] + ('a' - 'A'));
  return out;
}

bool is_all_caps(std::string_view w) {
  bool letter = false;
  for (const char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    letter |= is_upper_ascii(c);
  }
  return letter;
}

template <class Fn>
Status read_lines(const std::filesystem::path& path, Fn&& fn) {
  std::ifstream in(path);
  if (!in) return Error{"bad-data", fmt::format("cannot read {}", path.string())};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (Status s = fn(line, number); !s) return s;
  }
  return Status::ok();
}

}  // namespace

void Abbreviations::add(std::string_view word, AbbreviationKind kind) {
  if (kind == AbbreviationKind::kTitle) titles_.emplace(word);
  if (kind == AbbreviationKind::kCommon) common_.emplace(word);
}

Result<Abbreviations> Abbreviations::load(const std::filesystem::path& dir) {
  Abbreviations a;
  const auto abbreviations = dir / "abbreviations.txt";
  Status s = read_lines(abbreviations, [&](const std::string& line, int number) -> Status {
    const auto tab = line.find('\t');
    const std::string_view word = std::string_view(line).substr(0, tab);
    const std::string_view kind = tab == std::string::npos ? "" : std::string_view(line).substr(tab + 1);
    if (word.empty() || word.back() != '.' || (kind != "title" && kind != "common"))
      return Error{"bad-data", fmt::format("{}:{}: expected \"<abbreviation ending in .>\\t<title|common>\"",
                                           abbreviations.string(), number)};
    a.add(word, kind == "title" ? AbbreviationKind::kTitle : AbbreviationKind::kCommon);
    return Status::ok();
  });
  if (!s) return s.error();
  s = read_lines(dir / "sentence_starters.txt", [&](const std::string& line, int) -> Status {
    a.add_starter(line);
    return Status::ok();
  });
  if (!s) return s.error();
  return a;
}

AbbreviationKind Abbreviations::kind(std::string_view w) const {
  if (w.size() < 2 || w.back() != '.') return AbbreviationKind::kNone;
  if (titles_.find(w) != titles_.end()) return AbbreviationKind::kTitle;
  if (common_.find(w) != common_.end()) return AbbreviationKind::kCommon;
  if (is_all_caps(w) && w.size() > 2) {
    const std::string listed = title_case(w);
    if (titles_.find(listed) != titles_.end()) return AbbreviationKind::kTitle;
    if (common_.find(listed) != common_.end()) return AbbreviationKind::kCommon;
  }
  if ((w.size() == 2 && is_upper_ascii(w[0])) || is_initialism(w)) return AbbreviationKind::kCommon;
  return AbbreviationKind::kNone;
}

bool Abbreviations::is_sentence_starter(std::string_view w) const {
  if (starters_.find(w) != starters_.end()) return true;
  // Headlines and shouted text: "THE" starts a sentence as "The" does.
  return is_all_caps(w) && starters_.find(title_case(w)) != starters_.end();
}

}  // namespace analyze
