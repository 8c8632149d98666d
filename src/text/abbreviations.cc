#include "text/abbreviations.h"

#include <fstream>
#include <fmt/format.h>

#include "core/utf8.h"

namespace analyze {

namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha_ascii(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Initials and dotted abbreviations that no list needs to name: "J.", "c.", "D.C.", "a.m.",
// "M.Sc.", "Ph.D."; runs of one to three letters, each followed by a period. Longer runs are words
// or domain names ("example.com.").
bool is_dotted_abbreviation(std::string_view w) {
  if (w == "I.") return false;  // the pronoun or the numeral: "my wife and I.", "World War I."
  std::size_t letters = 0;
  for (const char c : w) {
    if (is_alpha_ascii(c)) {
      if (++letters > 3) return false;
    } else if (c == '.' && letters > 0) {
      letters = 0;
    } else {
      return false;
    }
  }
  // A single run of two or three letters is a word ("in.", "Bob."): only lists name those.
  return letters == 0 && (w.size() == 2 || w.find('.') + 1 < w.size());
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

Result<Abbreviations> Abbreviations::load(const std::filesystem::path& dir) {
  Abbreviations a;
  const auto abbreviations = dir / "abbreviations.txt";
  Status s = read_lines(abbreviations, [&](const std::string& line, int number) -> Status {
    const auto tab = line.find('\t');
    const std::string_view word = std::string_view(line).substr(0, tab);
    const std::string_view kind = tab == std::string::npos ? "" : std::string_view(line).substr(tab + 1);
    const AbbreviationKind k = kind == "title"    ? AbbreviationKind::kTitle
                               : kind == "number" ? AbbreviationKind::kBeforeNumber
                               : kind == "common" ? AbbreviationKind::kCommon
                               : kind == "time"   ? AbbreviationKind::kTime
                                                  : AbbreviationKind::kNone;
    if (word.empty() || (word.back() != '.' && word.back() != '!') || k == AbbreviationKind::kNone)
      return Error{"bad-data", fmt::format("{}:{}: expected \"<abbreviation ending in . or !>\\t<title|number|common|time>\"",
                                           abbreviations.string(), number)};
    a.kinds_.emplace(word, k);
    return Status::ok();
  });
  if (!s) return s.error();
  for (const char* file : {"sentence_starters.txt", "sentence_starters_learned.txt"}) {
    s = read_lines(dir / file, [&](const std::string& line, int) -> Status {
      a.starters_.emplace(line);
      return Status::ok();
    });
    if (!s) return s.error();
  }
  s = read_lines(dir / "speech_verbs.txt", [&](const std::string& line, int) -> Status {
    a.speech_verbs_.emplace(line);
    return Status::ok();
  });
  if (!s) return s.error();
  return a;
}

AbbreviationKind Abbreviations::kind(std::string_view w) const {
  if (w.size() < 2 || (w.back() != '.' && w.back() != '!')) return AbbreviationKind::kNone;
  if (const auto it = kinds_.find(w); it != kinds_.end()) return it->second;
  if (w.back() == '!') return AbbreviationKind::kNone;
  if (is_all_caps(w) && w.size() > 2) {
    if (const auto it = kinds_.find(title_case(w)); it != kinds_.end()) return it->second;
  }
  if (is_dotted_abbreviation(w)) return AbbreviationKind::kCommon;
  return AbbreviationKind::kNone;
}

AbbreviationKind Abbreviations::kind_any_case(std::string_view w) const {
  const AbbreviationKind k = kind(w);
  if (k != AbbreviationKind::kNone || w.empty() || w[0] < 'a' || w[0] > 'z') return k;
  std::string capitalised(w);
  capitalised[0] = static_cast<char>(capitalised[0] - ('a' - 'A'));
  return kind(capitalised);
}

bool Abbreviations::is_sentence_starter(std::string_view w) const {
  if (starters_.find(w) != starters_.end()) return true;
  // Headlines and shouted text: "THE" starts a sentence as "The" does.
  return is_all_caps(w) && starters_.find(title_case(w)) != starters_.end();
}

}  // namespace analyze
