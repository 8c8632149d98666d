// One article and everything the stages have found in it.
//
// Offsets inside the library are byte offsets into `text` (UTF-8), because that is what ICU's
// UTF-8 iterators and string_views give for free; they become code-point offsets only when written
// out (`code_point()`), as the contract requires.
#pragma once

#include <any>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/status.h"

namespace analyze {

// Output JSON keeps keys in the order written (schema and id first), as users read it.
using Json = nlohmann::ordered_json;

enum class TokenKind : std::uint8_t {
  kWord,         // contains a letter: "Trump", "U.S.", "don't", "COVID-19"
  kNumber,       // "3.14", "1,500", "2019"
  kPunctuation,  // ". , ; : ! ? ( ) quotes dashes"
  kSymbol,       // "$ % & @ #", emoji
};

struct Token {
  std::uint32_t begin = 0;  // byte offsets into Document::text, [begin, end)
  std::uint32_t end = 0;
  std::uint32_t sentence = 0;
  TokenKind kind = TokenKind::kWord;
  // The token's analysis form (NFC, typographic apostrophes/quotes/dashes folded to ASCII) lives in
  // Document::forms when it differs from the raw text; use Document::form().
  bool form_in_pool = false;
  std::uint32_t form_begin = 0;
  std::uint32_t form_length = 0;
};

struct Sentence {
  std::uint32_t begin = 0;  // byte offsets, trailing whitespace excluded
  std::uint32_t end = 0;
  std::uint32_t paragraph = 0;
  std::uint32_t token_begin = 0;  // tokens [token_begin, token_end)
  std::uint32_t token_end = 0;
};

struct Paragraph {
  std::uint32_t begin = 0;  // byte offsets, line breaks excluded
  std::uint32_t end = 0;
  std::uint32_t sentence_begin = 0;  // sentences [sentence_begin, sentence_end)
  std::uint32_t sentence_end = 0;
  bool boilerplate = false;  // set by the boilerplate stage; later stages skip these
};

struct Language {
  std::string code;  // ISO 639-1 where one exists ("en"), "und" when unknown
  double confidence = 0.0;
  bool reliable = false;  // enough text to be sure; English-only stages skip only reliable others
};

// A stance target requested by the user: a span of the input (code points, from JSONL) or a name.
struct Target {
  std::optional<std::pair<std::uint32_t, std::uint32_t>> span;  // code points [start, end)
  std::string name;
};

class Document {
 public:
  Document() = default;
  Document(std::string id, std::string raw) : id(std::move(id)), raw(std::move(raw)) {}

  // --- Identity and input -------------------------------------------------------------------
  std::string id;
  std::string raw;                 // bytes as read; consumed by `normalize`
  Json meta;                       // JSONL keys other than id/text/targets, passed through
  std::vector<Target> targets;     // per-record targets (JSONL) followed by --target names
  Json source;                     // what a web page states about itself (HTML input), else null
  std::string date;                // the publication date (YYYY-MM-DD) when the input states it

  // --- Layers ---------------------------------------------------------------------------------
  // `text` is the input as read after BOM removal / UTF-16 decoding / UTF-8 repair; set it through
  // set_text() so the code-point index stays in step.
  const std::string& text() const { return text_; }
  void set_text(std::string text);

  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::string forms;  // pool for Token analysis forms that differ from the raw text
  std::optional<Language> language;
  std::vector<Error> warnings;

  // Layers added by later stages (entities, topics, ...) are stored by type, so a new stage needs
  // no change here: doc.set_layer(EntityLayer{...}); doc.layer<EntityLayer>().
  template <class T>
  T& set_layer(T value) {
    for (auto& [type, slot] : layers_)
      if (type == typeid(T)) return std::any_cast<T&>(slot = std::move(value));
    layers_.emplace_back(typeid(T), std::move(value));
    return std::any_cast<T&>(layers_.back().second);
  }
  template <class T>
  const T* layer() const {
    for (const auto& [type, slot] : layers_)
      if (type == typeid(T)) return std::any_cast<T>(&slot);
    return nullptr;
  }
  template <class T>
  T* layer() {
    for (auto& [type, slot] : layers_)
      if (type == typeid(T)) return std::any_cast<T>(&slot);
    return nullptr;
  }

  // --- Views ----------------------------------------------------------------------------------
  std::string_view slice(std::uint32_t begin, std::uint32_t end) const {
    return std::string_view(text_).substr(begin, end - begin);
  }
  std::string_view raw_text(const Token& t) const { return slice(t.begin, t.end); }
  std::string_view form(const Token& t) const {
    return t.form_in_pool ? std::string_view(forms).substr(t.form_begin, t.form_length) : raw_text(t);
  }
  // Whether the paragraph holding sentence `s` was flagged as boilerplate.
  bool in_boilerplate(const Sentence& s) const { return paragraphs[s.paragraph].boilerplate; }
  // True unless language identification ran and found a language other than English.
  bool english_or_unknown() const;

  // Code-point offset of byte offset `byte` (which must be on a character boundary).
  std::uint32_t code_point(std::uint32_t byte) const;
  // Byte offset of code-point offset `cp`, clamped to the text's end.
  std::uint32_t byte_offset(std::uint32_t cp) const;
  std::uint32_t code_points() const { return code_point(static_cast<std::uint32_t>(text_.size())); }

 private:
  static constexpr std::uint32_t kBlock = 64;  // bytes per code-point checkpoint
  std::string text_;
  std::vector<std::uint32_t> cp_at_block_;  // code points before byte kBlock*i
  std::vector<std::pair<std::type_index, std::any>> layers_;
};

// Whether `token` is a word that carries meaning: a word token that is not a clitic the tokenizer
// split off with its apostrophe ("'s", "'re"). Topic terms, keyphrases and the headline's title
// case count only these. Inline: it is asked of every token.
inline bool is_term_token(const Document& doc, const Token& token) {
  return token.kind == TokenKind::kWord && doc.form(token).front() != '\'';
}

}  // namespace analyze
