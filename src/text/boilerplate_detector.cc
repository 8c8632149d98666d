#include "text/boilerplate_detector.h"

#include <fmt/format.h>
#include <fstream>
#include <unicode/uchar.h>

#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::uint32_t kMaxRuleWords = 25;    // longer paragraphs are never flagged by a rule
constexpr std::uint32_t kMaxTeaserWords = 40;  // a teaser headline with its standfirst
constexpr std::uint32_t kMaxTeaserSentences = 2;

std::uint32_t word_count(const Document& doc, const Paragraph& p) {
  std::uint32_t words = 0;
  const std::uint32_t first = doc.sentences[p.sentence_begin].token_begin;
  const std::uint32_t last = doc.sentences[p.sentence_end - 1].token_end;
  for (std::uint32_t t = first; t < last; ++t)
    words += doc.tokens[t].kind == TokenKind::kWord || doc.tokens[t].kind == TokenKind::kNumber;
  return words;
}

bool is_letter_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  return u_isalpha(static_cast<UChar32>(utf8::decode(s, pos)));
}

std::string_view trim_punctuation(std::string_view s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ':' || s.back() == '!' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

bool ends_truncated(std::string_view s) {
  return s.ends_with("...") || s.ends_with("\xE2\x80\xA6");  // "…"
}

// Whether the paragraph ends as prose does, with a full stop, question or exclamation mark
// (possibly inside closing quotes or brackets).
bool ends_sentence(std::string_view s) {
  while (!s.empty()) {
    std::size_t end = s.size();
    const char32_t c = utf8::decode_before(s, end);
    if (c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019) {
      s = s.substr(0, end);
      continue;
    }
    return c == '.' || c == '!' || c == '?';
  }
  return false;
}

}  // namespace

Result<BoilerplateDetector> BoilerplateDetector::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Error{"bad-data", fmt::format("cannot read {}", file.string())};
  std::vector<Rule> rules;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t'), t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) return Error{"bad-data", fmt::format("{}:{}: expected <kind>\\t<match>\\t<text>", file.string(), number)};
    const std::string kind = line.substr(0, t1), match = line.substr(t1 + 1, t2 - t1 - 1);
    Rule r{Kind::kLine, Match::kStart, utf8::to_lower(line.substr(t2 + 1))};
    if (kind == "teasers") r.kind = Kind::kTeasers;
    else if (kind != "line") return Error{"bad-data", fmt::format("{}:{}: kind must be line or teasers", file.string(), number)};
    if (match == "exact") r.match = Match::kExact;
    else if (match == "contains") r.match = Match::kContains;
    else if (match != "start") return Error{"bad-data", fmt::format("{}:{}: match must be start, exact or contains", file.string(), number)};
    if (r.text.empty()) return Error{"bad-data", fmt::format("{}:{}: empty text", file.string(), number)};
    rules.push_back(std::move(r));
  }
  return BoilerplateDetector(std::move(rules));
}

const BoilerplateDetector::Rule* BoilerplateDetector::match(std::string_view lowered) const {
  for (const Rule& r : rules_) {
    switch (r.match) {
      case Match::kStart:
        if (lowered.starts_with(r.text) && !is_letter_at(lowered, r.text.size())) return &r;
        break;
      case Match::kExact:
        if (trim_punctuation(lowered) == r.text) return &r;
        break;
      case Match::kContains:
        if (lowered.find(r.text) != std::string_view::npos) return &r;
        break;
    }
  }
  return nullptr;
}

void BoilerplateDetector::flag(Document& doc) const {
  std::string lowered;
  const std::size_t n = doc.paragraphs.size();
  auto teaser_like = [&](const Paragraph& q) {
    return word_count(doc, q) <= kMaxTeaserWords && q.sentence_end - q.sentence_begin <= kMaxTeaserSentences;
  };
  // The article's first paragraph is never boilerplate: it is the headline or the lead.
  for (std::size_t i = 1; i < n; ++i) {
    Paragraph& p = doc.paragraphs[i];
    if (p.boilerplate || word_count(doc, p) > kMaxRuleWords) continue;
    utf8::to_lower(doc.slice(p.begin, p.end), lowered);
    const Rule* rule = match(lowered);
    if (!rule) continue;
    p.boilerplate = true;
    // "Read more" followed by links to the end of the page: the links go too. Mid-article, where
    // the story goes on after it, only the marker line does.
    if (rule->kind != Kind::kTeasers) continue;
    bool trailing = true;
    for (std::size_t j = i + 1; j < n && trailing; ++j) trailing = teaser_like(doc.paragraphs[j]);
    if (trailing)
      for (std::size_t j = i + 1; j < n; ++j) doc.paragraphs[j].boilerplate = true;
  }
  // Teasers without a heading: the page ends with at least three short paragraphs that read as
  // links (flagged already, cut off with an ellipsis, or headlines without a full stop), two or
  // more of them cut off as link lists truncate headlines.
  std::size_t run_start = n, truncated = 0;
  while (run_start > 1) {
    const Paragraph& q = doc.paragraphs[run_start - 1];
    const std::string_view text = doc.slice(q.begin, q.end);
    const bool cut = ends_truncated(text);
    if (!teaser_like(q) || !(q.boilerplate || cut || !ends_sentence(text))) break;
    truncated += cut;
    --run_start;
  }
  if (truncated >= 2 && n - run_start >= 3)
    for (std::size_t j = run_start; j < n; ++j) doc.paragraphs[j].boilerplate = true;
}

}  // namespace analyze
