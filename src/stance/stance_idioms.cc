#include "stance/stance_idioms.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "stance/sentiment_lexicon.h"

namespace analyze {

namespace {

constexpr std::string_view kHeader = "# analyze-stance-idioms 1";

bool parse_value(std::string_view s, float& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out) && out >= -1.0f && out <= 1.0f;
}

// The line's fields split at tabs.
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t tab; (tab = line.find('\t')) != std::string_view::npos; line.remove_prefix(tab + 1))
    fields.push_back(line.substr(0, tab));
  fields.push_back(line);
  return fields;
}

std::vector<std::uint64_t> word_hashes(std::string_view phrase) {
  std::vector<std::uint64_t> words;
  for (std::size_t sp; !phrase.empty(); phrase.remove_prefix(sp == std::string_view::npos ? phrase.size() : sp + 1)) {
    sp = phrase.find(' ');
    if (sp != 0) words.push_back(lowercase_hash(phrase.substr(0, sp)));
  }
  return words;
}

}  // namespace

IdiomEntry& StanceIdioms::entry(std::uint64_t word_hash) {
  const auto position = static_cast<std::uint32_t>(entries_.size());
  const std::uint32_t i = index_.insert(word_hash, position);
  if (i == position) entries_.emplace_back();
  return entries_[i];
}

Result<StanceIdioms> StanceIdioms::parse(std::string_view text, std::string_view name) {
  auto bad = [&](std::size_t line, std::string_view why) {
    return Error{"bad-model", fmt::format("{}:{}: {}", name, line, why)};
  };
  if (text.substr(0, kHeader.size()) != kHeader)
    return bad(1, fmt::format("not a stance idiom list (expected \"{}\")", kHeader));
  StanceIdioms idioms;
  std::size_t line_no = 0;
  std::string_view line;
  while (next_data_line(text, line_no, line)) {
    const auto fields = fields_of(line);
    const std::size_t wanted = fields.size() > 1 && fields[1] == "role" ? 4 : 3;
    float values[2] = {0.0f, 0.0f};
    if (fields.size() != wanted || fields[0].empty())
      return bad(line_no, wanted == 4 ? "expected term<TAB>role<TAB>agent<TAB>patient" : "expected term<TAB>class<TAB>value");
    for (std::size_t v = 0; v + 2 < wanted; ++v)
      if (!parse_value(fields[2 + v], values[v])) return bad(line_no, "value is not a number in [-1, 1]");
    const std::string_view term = fields[0], cls = fields[1];
    if (cls == "phrase") {
      const auto words = word_hashes(term);
      if (words.size() < 2) return bad(line_no, "a phrase needs two words or more");
      idioms.entry(words[0]).phrases.push_back(static_cast<std::uint32_t>(idioms.phrases_.size()));
      idioms.phrases_.push_back({words, values[0]});
      continue;
    }
    if ((cls == "measure" || cls == "change") && std::abs(values[0]) != 1.0f)
      return bad(line_no, fmt::format("a {} is +1 or -1", cls));
    IdiomEntry& e = idioms.entry(lowercase_hash(term));
    if (cls == "role") {
      e.role = true;
      e.agent = values[0];
      e.patient = values[1];
    } else if (cls == "measure") {
      e.measure = values[0];
    } else if (cls == "change") {
      e.change = values[0];
    } else if (cls == "auxiliary") {
      e.auxiliary = true;
    } else {
      return bad(line_no, fmt::format("unknown class \"{}\"", cls));
    }
  }
  return idioms;
}

Result<StanceIdioms> StanceIdioms::load(const std::filesystem::path& file) {
  auto text = read_word_list(file, "stance idiom list");
  if (!text) return text.error();
  return parse(*text, file.string());
}

}  // namespace analyze
