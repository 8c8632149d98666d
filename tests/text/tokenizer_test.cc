// Word tokens: what the named-entity, topic and stance stages see.
#include "text/tokenizer.h"

#include <catch2/catch.hpp>
#include <memory>

#include "text/segment_test_support.h"

using namespace analyze;
using analyze::testing::data_abbreviations;
using analyze::testing::segment;
using analyze::testing::token_texts;
using Strings = std::vector<std::string>;

namespace {

Strings tokens_of(const std::string& text) { return token_texts(segment(text)); }

Strings forms_of(const std::string& text) {
  const Document doc = segment(text);
  Strings out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.form(t));
  return out;
}

}  // namespace

TEST_CASE("abbreviations keep their period, sentence ends do not", "[tokenizer][data]") {
  CHECK(tokens_of("Mr. Smith went to the U.S. on Jan. 5.") ==
        Strings{"Mr.", "Smith", "went", "to", "the", "U.S.", "on", "Jan.", "5", "."});
  CHECK(tokens_of("J. K. Rowling, Ph.D., at 9 a.m.") ==
        Strings{"J.", "K.", "Rowling", ",", "Ph.D.", ",", "at", "9", "a.m."});
  CHECK(tokens_of("It was over.") == Strings{"It", "was", "over", "."});
  CHECK(tokens_of("My wife and I. World War I.") == Strings{"My", "wife", "and", "I", ".", "World", "War", "I", "."});
}

TEST_CASE("a letter ending a name joined by & or - is not an initial: the period stays the sentence's",
          "[tokenizer][data]") {
  CHECK(tokens_of("Shoppers went to H&M. Prices rose at AT&T.") ==
        Strings{"Shoppers", "went", "to", "H", "&", "M", ".", "Prices", "rose", "at", "AT", "&", "T", "."});
  CHECK(tokens_of("She met Jay-Z.") == Strings{"She", "met", "Jay", "-", "Z", "."});
  CHECK(tokens_of("Malcolm X. Little and J. K. Rowling") ==
        Strings{"Malcolm", "X.", "Little", "and", "J.", "K.", "Rowling"});  // initials keep theirs
}

TEST_CASE("clitics split off as in the Penn Treebank", "[tokenizer][data]") {
  CHECK(tokens_of("Trump's allies didn't say they'd go.") ==
        Strings{"Trump", "'s", "allies", "did", "n't", "say", "they", "'d", "go", "."});
  CHECK(tokens_of("El Salvador\xE2\x80\x99s president") == Strings{"El", "Salvador", "\xE2\x80\x99s", "president"});
  CHECK(tokens_of("In the 1990's and the '90s") == Strings{"In", "the", "1990", "'s", "and", "the", "'", "90s"});
  CHECK(tokens_of("rock 'n' roll") == Strings{"rock", "'", "n", "'", "roll"});
}

TEST_CASE("numbers, money, symbols and runs of dots or dashes", "[tokenizer][data]") {
  CHECK(tokens_of("$1.5 billion, 3.14, 1,500 and 20%") ==
        Strings{"$", "1.5", "billion", ",", "3.14", ",", "1,500", "and", "20", "%"});
  CHECK(tokens_of("Wait... no -- yes") == Strings{"Wait", "...", "no", "--", "yes"});
  CHECK(tokens_of("COVID-19 and e-mail") == Strings{"COVID", "-", "19", "and", "e", "-", "mail"});
  CHECK(tokens_of("Write to jane.doe@example.com today") == Strings{"Write", "to", "jane.doe@example.com", "today"});
  const Document doc = segment("Trump 2024 ! $ \xF0\x9F\x98\x80");
  REQUIRE(doc.tokens.size() == 5);
  CHECK(doc.tokens[0].kind == TokenKind::kWord);
  CHECK(doc.tokens[1].kind == TokenKind::kNumber);
  CHECK(doc.tokens[2].kind == TokenKind::kPunctuation);
  CHECK(doc.tokens[3].kind == TokenKind::kSymbol);
  CHECK(doc.tokens[4].kind == TokenKind::kSymbol);
}

TEST_CASE("analysis forms fold typographic quotes, dashes and ellipses, and are NFC", "[tokenizer][data]") {
  CHECK(forms_of("\xE2\x80\x9C" "Don\xE2\x80\x99t\xE2\x80\x9D \xE2\x80\x94 wait\xE2\x80\xA6") ==
        Strings{"\"", "Do", "n't", "\"", "-", "wait", "..."});
  // "é" written as "e" + COMBINING ACUTE ACCENT: the raw text keeps it, the form is composed.
  const Document doc = segment("Caf" "e\xCC\x81 open");
  REQUIRE(doc.tokens.size() == 2);
  CHECK(doc.raw_text(doc.tokens[0]) == "Cafe\xCC\x81");
  CHECK(doc.form(doc.tokens[0]) == "Caf\xC3\xA9");
  CHECK(doc.form(doc.tokens[1]) == "open");
  CHECK_FALSE(doc.tokens[1].form_in_pool);
}

TEST_CASE("tokens of a paragraph in the middle of a document have document offsets", "[tokenizer][data]") {
  auto words = std::make_shared<const Abbreviations>(data_abbreviations());
  const Tokenizer tokenizer(words);
  Document doc;
  doc.set_text("First paragraph here.\nThe second paragraph, with words enough to leave short-string storage.");
  tokenizer.tokenize(doc, 22, static_cast<std::uint32_t>(doc.text().size()));
  REQUIRE(doc.tokens.size() == 14);
  CHECK(doc.tokens[0].begin == 22);
  CHECK(doc.raw_text(doc.tokens[0]) == "The");
  CHECK(doc.raw_text(doc.tokens[9]) == "short");
  CHECK(doc.raw_text(doc.tokens[13]) == ".");
}

TEST_CASE("word counts do not depend on the scanner: Latin text and text ICU must handle", "[tokenizer][data]") {
  // The same words once in ASCII and once with an emoji, which sends the paragraph to ICU.
  const Strings latin = tokens_of("Prices rose 3.5% in the U.S. on Friday, don't you know.");
  Strings icu = tokens_of("Prices rose 3.5% in the U.S. on Friday, don't you know. \xF0\x9F\x98\x80");
  REQUIRE(icu.back() == "\xF0\x9F\x98\x80");
  icu.pop_back();
  CHECK(icu == latin);
}

TEST_CASE("a character reference is decoded in the token's form, while the text and its offsets stay as read",
          "[tokenizer][data]") {
  const Document doc = segment("Flights to Bogot&#225; and S&#xE3;o Paulo, AT&amp;T said &mdash; rock &amp; roll.");
  Strings raw, forms;
  for (const Token& t : doc.tokens) {
    raw.emplace_back(doc.raw_text(t));
    forms.emplace_back(doc.form(t));
  }
  CHECK(raw == Strings{"Flights", "to", "Bogot&#225;", "and", "S&#xE3;o", "Paulo", ",", "AT", "&amp;", "T", "said",
                       "&mdash;", "rock", "&amp;", "roll", "."});
  CHECK(forms == Strings{"Flights", "to", "Bogotá", "and", "São", "Paulo", ",", "AT", "&", "T", "said", "-", "rock", "&",
                         "roll", "."});
  CHECK(doc.text() == "Flights to Bogot&#225; and S&#xE3;o Paulo, AT&amp;T said &mdash; rock &amp; roll.");
  CHECK(tokens_of("Tom &amp Jerry, 5 &lt 6, &#;") == Strings{"Tom", "&", "amp", "Jerry", ",", "5", "&", "lt", "6", ",", "&", "#", ";"});
}
