#include "topics/topic_lexicon.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/model_file.h"
#include "core/text_decoder.h"
#include "text/terms.h"

namespace analyze {

namespace {

constexpr std::size_t kMaxPhraseTerms = 8;
constexpr double kWordsPerUnit = 100.0;  // evidence is counted per this many words

// A topic's keywords and their weights.
using Keywords = std::vector<std::pair<std::string, double>>;

// The keywords of topic `code`: an object (keyword -> positive weight) or an array (weight 1).
// Errors: the reason, naming the topic.
Result<Keywords> read_keywords(const Json& k, const std::string& code) {
  auto bad = [](std::string why) { return Error{"bad-lexicon", std::move(why)}; };
  Keywords keywords;
  if (k.is_object()) {
    for (const auto& [phrase, weight] : k.items()) {
      if (!weight.is_number() || !std::isfinite(weight.get<double>()) || weight.get<double>() <= 0)
        return bad(fmt::format("topic \"{}\": the weight of \"{}\" is not a positive number", code, phrase));
      keywords.emplace_back(phrase, weight.get<double>());
    }
  } else if (k.is_array()) {
    for (const auto& phrase : k) {
      if (!phrase.is_string()) return bad(fmt::format("topic \"{}\": a keyword is not a string", code));
      keywords.emplace_back(phrase.get<std::string>(), 1.0);
    }
  } else {
    return bad(fmt::format("topic \"{}\": keywords must be an object (keyword -> weight) or an array", code));
  }
  if (keywords.empty()) return bad(fmt::format("topic \"{}\" has no keywords", code));
  return keywords;
}

}  // namespace

Result<TopicLexicon> TopicLexicon::parse(std::string_view text, std::string_view name, double min_words) {
  auto bad = [&](std::string_view why) { return Error{"bad-lexicon", fmt::format("{}: {}", name, why)}; };
  Json j;  // ordered: keywords keep the file's order
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {  // a syntax error, or a number too large (out_of_range)
    return bad(fmt::format("not valid JSON ({})", e.what()));
  }
  if (!j.is_object() || j.empty()) return bad("expected an object from topic code to {\"label\": ..., \"keywords\": ...}");
  TopicLexicon lex;
  lex.min_words_ = min_words;
  std::vector<std::uint64_t> first_keys;
  for (const auto& [code, entry] : j.items()) {
    if (code.empty()) return bad("a topic code is empty");
    if (!entry.is_object() || !entry.contains("keywords")) return bad(fmt::format("topic \"{}\": expected {{\"label\": ..., \"keywords\": ...}}", code));
    const auto topic = static_cast<std::uint32_t>(lex.topics_.size());
    std::string label = code;
    if (entry.contains("label")) {
      if (!entry["label"].is_string()) return bad(fmt::format("topic \"{}\": the label is not a string", code));
      label = entry["label"].get<std::string>();
    }
    lex.topics_.push_back({code, std::move(label)});
    auto keywords = read_keywords(entry["keywords"], code);
    if (!keywords) return bad(keywords.error().message);
    for (auto& [phrase, weight] : *keywords) {
      const std::vector<std::uint64_t> terms = phrase_term_hashes(phrase);
      if (terms.empty()) return bad(fmt::format("topic \"{}\": keyword \"{}\" has no words", code, phrase));
      if (terms.size() > kMaxPhraseTerms)
        return bad(fmt::format("topic \"{}\": keyword \"{}\" is longer than {} words", code, phrase, kMaxPhraseTerms));
      first_keys.push_back(lex.add_keyword(std::move(phrase), terms, topic, weight));
    }
  }
  lex.build_first_word_filter(first_keys);
  return lex;
}

std::uint64_t TopicLexicon::add_keyword(std::string phrase, const std::vector<std::uint64_t>& terms,
                                        std::uint32_t topic, double weight) {
  auto phrase_at = [&](std::uint64_t key) -> Phrase& {
    const std::uint32_t i = index_.insert(key, static_cast<std::uint32_t>(phrases_.size()));
    if (i == phrases_.size()) phrases_.emplace_back();
    return phrases_[i];
  };
  const std::uint64_t first_key = extend_phrase_key(0, terms[0]);
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    key = extend_phrase_key(key, terms[i]);
    if (i + 1 < terms.size()) phrase_at(key).continues = true;
  }
  const auto position = static_cast<std::uint32_t>(keywords_.size());
  keywords_.push_back({std::move(phrase), topic, weight});
  next_.push_back(HashIndex::kAbsent);
  Phrase& whole = phrase_at(key);
  if (whole.first_keyword == HashIndex::kAbsent) {
    whole.first_keyword = position;
  } else {  // the same phrase again (another topic): chain it
    std::uint32_t last = whole.first_keyword;
    while (next_[last] != HashIndex::kAbsent) last = next_[last];
    next_[last] = position;
  }
  longest_ = std::max(longest_, terms.size());
  return first_key;
}

// About 16 bits per first word: a word that starts no keyword passes the filter 1 time in 16.
void TopicLexicon::build_first_word_filter(const std::vector<std::uint64_t>& first_keys) {
  std::size_t bits = 64;
  while (bits < 16 * first_keys.size()) bits *= 2;
  first_words_.assign(bits / 64, 0);
  for (const std::uint64_t key : first_keys) first_words_[(key >> 32 & (bits - 1)) / 64] |= 1ULL << (key >> 32 & 63);
}

Result<TopicLexicon> TopicLexicon::load(const std::filesystem::path& file, double min_words) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{"bad-lexicon", fmt::format("{}: cannot open the topics lexicon", file.string())};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::path compiled = file;
  compiled.replace_extension(".bin");
  if (auto lex = read_compiled(compiled, text, min_words)) return std::move(*lex);
  return parse(text, file.string(), min_words);
}

Status TopicLexicon::compile(const std::filesystem::path& file, const std::filesystem::path& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{"bad-lexicon", fmt::format("{}: cannot open the topics lexicon", file.string())};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto lex = parse(text, file.string());
  if (!lex) return lex.error();
  return lex->write_compiled(out, text);
}

// The compiled form (model_file.h; magic "ANZTLEXC", version 1): u64 XXH3-64 of the JSON it was
// made from; u32 topic count T, then per topic u32 length + code, u32 length + label; u32 keyword
// count K, then per keyword u32 topic, f64 weight, u32 length + text as written, u32 term count n,
// u64 term hash[n]. Loading replays add_keyword with the stored hashes, so it builds exactly what
// parsing builds, without the JSON and without tokenizing the keywords.
namespace {

constexpr char kCompiledMagic[] = "ANZTLEXC";
constexpr std::uint32_t kCompiledVersion = 1;

void put_text(ModelWriter& w, std::string_view s) {
  w.put(static_cast<std::uint32_t>(s.size()));
  w.put_bytes(s);
}

bool get_text(ModelReader& r, std::string& s) {
  std::uint32_t n = 0;
  return r.get(n) && r.get_bytes(s, n) && is_valid_utf8(s);
}

}  // namespace

Status TopicLexicon::write_compiled(const std::filesystem::path& file, std::string_view source) const {
  ModelWriter w(kCompiledMagic, kCompiledVersion);
  w.put(model_checksum(source));
  w.put(static_cast<std::uint32_t>(topics_.size()));
  for (const Topic& t : topics_) {
    put_text(w, t.code);
    put_text(w, t.label);
  }
  w.put(static_cast<std::uint32_t>(keywords_.size()));
  for (const Keyword& k : keywords_) {
    w.put(k.topic);
    w.put(k.weight);
    put_text(w, k.text);
    const std::vector<std::uint64_t> terms = phrase_term_hashes(k.text);
    w.put(static_cast<std::uint32_t>(terms.size()));
    w.put_all(terms);
  }
  return w.save(file);
}

std::optional<TopicLexicon> TopicLexicon::read_compiled(const std::filesystem::path& file, std::string_view source,
                                                        double min_words) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  auto opened = ModelReader::open(file, kCompiledMagic, kCompiledVersion, "compiled topics lexicon");
  if (!opened) return std::nullopt;
  ModelReader& r = opened.value();
  std::uint64_t hash = 0;
  std::uint32_t topics = 0, keywords = 0;
  if (!r.get(hash) || hash != model_checksum(source) || !r.get(topics) || topics == 0 || topics > r.remaining())
    return std::nullopt;
  TopicLexicon lex;
  lex.min_words_ = min_words;
  lex.topics_.resize(topics);
  for (Topic& t : lex.topics_)
    if (!get_text(r, t.code) || !get_text(r, t.label)) return std::nullopt;
  if (!r.get(keywords) || keywords > r.remaining()) return std::nullopt;
  std::vector<std::uint64_t> first_keys, terms;
  for (std::uint32_t i = 0; i < keywords; ++i) {
    std::uint32_t topic = 0, n = 0;
    double weight = 0;
    std::string text;
    if (!r.get(topic) || !r.get(weight) || !get_text(r, text) || !r.get(n) || n == 0 || n > kMaxPhraseTerms ||
        !r.get_all(terms, n) || topic >= topics || !std::isfinite(weight) || weight <= 0)
      return std::nullopt;
    first_keys.push_back(lex.add_keyword(std::move(text), terms, topic, weight));
  }
  if (r.remaining() != 0) return std::nullopt;
  lex.build_first_word_filter(first_keys);
  return lex;
}

std::vector<double> TopicLexicon::evidence(const std::vector<Term>& terms, std::vector<bool>* found) const {
  std::vector<double> evidence(topics_.size(), 0.0);
  if (found) found->assign(keywords_.size(), false);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::uint64_t key = extend_phrase_key(0, terms[i].hash);
    if (!in_first_word_filter(key)) continue;
    for (std::size_t n = 0; n < longest_ && i + n < terms.size(); ++n) {
      if (n > 0) {
        if (!terms[i + n].follows_term) break;
        key = extend_phrase_key(key, terms[i + n].hash);
      }
      const std::uint32_t p = index_.find(key);
      if (p == HashIndex::kAbsent) break;  // no keyword starts this way
      for (std::uint32_t k = phrases_[p].first_keyword; k != HashIndex::kAbsent; k = next_[k]) {
        evidence[keywords_[k].topic] += keywords_[k].weight;
        if (found) (*found)[k] = true;
      }
      if (!phrases_[p].continues) break;
    }
  }
  // Hits per 100 words (a short text counts as min_words long), then 1 - 2^-E.
  const double units = std::max(min_words_, static_cast<double>(terms.size())) / kWordsPerUnit;
  for (double& e : evidence)
    if (e > 0) e = 1.0 - std::exp2(-e / units);  // most topics have none, and 1 - 2^-0 is 0
  return evidence;
}

std::vector<double> TopicLexicon::scores(const std::vector<Term>& terms) const { return evidence(terms, nullptr); }

std::vector<UserTopicScore> TopicLexicon::score(const std::vector<Term>& terms) const {
  std::vector<bool> found;
  const std::vector<double> scores = evidence(terms, &found);
  std::vector<UserTopicScore> by_topic(topics_.size());
  for (std::size_t k = 0; k < keywords_.size(); ++k)
    if (found[k]) by_topic[keywords_[k].topic].keywords.push_back(keywords_[k].text);
  std::vector<UserTopicScore> out;
  for (std::uint32_t t = 0; t < topics_.size(); ++t) {
    if (scores[t] <= 0) continue;
    UserTopicScore& s = by_topic[t];
    s.code = topics_[t].code;
    s.label = topics_[t].label;
    s.score = scores[t];
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  return out;
}

}  // namespace analyze
