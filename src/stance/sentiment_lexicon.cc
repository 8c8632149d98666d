#include "stance/sentiment_lexicon.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace analyze {

namespace {

constexpr std::string_view kHeader = "# analyze-sentiment-lexicon 1";

bool parse_float(std::string_view s, float& out) {
  // std::from_chars for float is in libstdc++ 11+; strtof would need a NUL-terminated copy.
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

}  // namespace

std::string_view sentiment_cue_name(SentimentCue cue) {
  switch (cue) {
    case SentimentCue::kNone: return "valence";
    case SentimentCue::kNegator: return "negator";
    case SentimentCue::kBooster: return "booster";
    case SentimentCue::kHedge: return "hedge";
    case SentimentCue::kContrast: return "contrast";
    case SentimentCue::kAttribution: return "attribution";
    case SentimentCue::kReverser: return "reverser";
  }
  return "valence";
}

Result<SentimentLexicon> SentimentLexicon::parse(std::string_view text, std::string_view name) {
  auto bad = [&](std::size_t line, std::string_view why) {
    return Error{"bad-model", fmt::format("{}:{}: {}", name, line, why)};
  };
  if (text.substr(0, kHeader.size()) != kHeader) return bad(1, fmt::format("not a sentiment lexicon (expected \"{}\")", kHeader));
  SentimentLexicon lex;
  std::size_t line_no = 0;
  std::string_view line;
  while (next_data_line(text, line_no, line)) {
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos || t1 == 0) return bad(line_no, "expected term<TAB>class<TAB>value");
    const std::string_view term = line.substr(0, t1);
    const std::string_view cls = line.substr(t1 + 1, t2 - t1 - 1);
    float value = 0.0f;
    if (!parse_float(line.substr(t2 + 1), value) || value < -1.0f || value > 1.0f)
      return bad(line_no, "value is not a number in [-1, 1]");
    SentimentCue cue = SentimentCue::kNone;
    bool known = false;
    for (auto c : {SentimentCue::kNone, SentimentCue::kNegator, SentimentCue::kBooster, SentimentCue::kHedge,
                   SentimentCue::kContrast, SentimentCue::kAttribution, SentimentCue::kReverser})
      if (sentiment_cue_name(c) == cls) cue = c, known = true;
    if (!known) return bad(line_no, fmt::format("unknown class \"{}\"", cls));
    if (cue == SentimentCue::kHedge && value < 0.0f) return bad(line_no, "a hedge factor must be in [0, 1]");

    const auto position = static_cast<std::uint32_t>(lex.entries_.size());
    const std::uint32_t i = lex.index_.insert(lowercase_hash(term), position);
    if (i == position) lex.entries_.emplace_back();
    LexiconEntry& e = lex.entries_[i];
    if (cue == SentimentCue::kNone) {
      e.valence = value;
    } else {
      e.cue = cue;
      e.cue_value = value;
    }
  }
  return lex;
}

Result<std::string> read_word_list(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{"bad-model", fmt::format("{}: cannot open the {}", file.string(), what)};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool next_data_line(std::string_view& text, std::size_t& line_no, std::string_view& line) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') return true;
  }
  return false;
}

Result<SentimentLexicon> SentimentLexicon::load(const std::filesystem::path& file) {
  auto text = read_word_list(file, "sentiment lexicon");
  if (!text) return text.error();
  return parse(*text, file.string());
}

}  // namespace analyze
