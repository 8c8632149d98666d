// The `segment` stage as users see it: the news cases issue #2 lists, paragraphs, and code-point
// offsets in the JSON output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "text/segment_stage.h"
#include "text/segment_test_support.h"
#include "test_support.h"

using namespace analyze;
using analyze::testing::segment;
using analyze::testing::sentences_of;
using Strings = std::vector<std::string>;

TEST_CASE("no sentence ends after a title before a name", "[segment][data]") {
  const std::string title =
      GENERATE("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gov.", "Sen.", "Rep.", "Gen.", "Col.", "Lt.", "Sgt.", "Capt.",
               "Rev.", "St.", "MR.", "DR.");
  CHECK(sentences_of("Officials said " + title + " Harris would visit. The visit was brief.") ==
        Strings{"Officials said " + title + " Harris would visit.", "The visit was brief."});
}

TEST_CASE("Jr. and Sr. end a sentence only before a sentence starter", "[segment][data]") {
  CHECK(sentences_of("Martin Luther King Jr. led the march. It was 1963.") ==
        Strings{"Martin Luther King Jr. led the march.", "It was 1963."});
  CHECK(sentences_of("The march was led by Martin Luther King Jr. The crowd followed.") ==
        Strings{"The march was led by Martin Luther King Jr.", "The crowd followed."});
}

TEST_CASE("company suffixes end a sentence only before a sentence starter", "[segment][data]") {
  const std::string suffix = GENERATE("Inc.", "Corp.", "Co.", "Ltd.", "Bros.");
  CHECK(sentences_of("Acme " + suffix + " Chief Executive Jane Doe resigned on Monday.").size() == 1);
  CHECK(sentences_of("Jane Doe left Acme " + suffix + " The company declined to comment.") ==
        Strings{"Jane Doe left Acme " + suffix, "The company declined to comment."});
}

TEST_CASE("U.S., U.K., U.N. and E.U. before a capitalised noun stay in the sentence", "[segment][data]") {
  CHECK(sentences_of("The deal was signed by former U.S. President Donald Trump in Washington.").size() == 1);
  CHECK(sentences_of("He moved to the U.S. The next day he found a job.") ==
        Strings{"He moved to the U.S.", "The next day he found a job."});
  const std::string name = GENERATE("U.K.", "U.N.", "E.U.");
  CHECK(sentences_of("The " + name + " Security Council met on Friday.").size() == 1);
  CHECK(sentences_of("She flew to the " + name + " Officials met her there.").size() == 2);  // learned starter
  CHECK(sentences_of("She flew to the " + name + " In London, it rained.").size() == 2);
}

TEST_CASE("initials are not sentence ends", "[segment][data]") {
  CHECK(sentences_of("J. K. Rowling wrote the books in Edinburgh.").size() == 1);
  CHECK(sentences_of("President George W. Bush spoke on Tuesday.").size() == 1);
  CHECK(sentences_of("Former Marine General John J. \"Jack\" Sheehan spoke.").size() == 1);
  CHECK(sentences_of("It was built by John D. Rockefeller. He paid for it.").size() == 2);
}

TEST_CASE("numbers and money keep their periods", "[segment][data]") {
  CHECK(sentences_of("The company paid $1.5 billion for the unit. Shares rose 3.14 percent.") ==
        Strings{"The company paid $1.5 billion for the unit.", "Shares rose 3.14 percent."});
  CHECK(sentences_of("He wore No. 5 for the club.").size() == 1);
  CHECK(sentences_of("See Vol. 2, pp. 10-12 and Fig. 3 for details.").size() == 1);
  CHECK(sentences_of("The profit fell in 2004. 2005 was better.").size() == 2);  // UAX #29 keeps these together
  CHECK(sentences_of("Revenue rose to $3 billion. $500 million of it came from ads.").size() == 2);
}

TEST_CASE("month abbreviations", "[segment][data]") {
  CHECK(sentences_of("The vote is on Jan. 5 and the count ends Aug. 12.").size() == 1);
  CHECK(sentences_of("The Sept. 11 attacks changed air travel.").size() == 1);
  CHECK(sentences_of("The law took effect in Oct. The next year it was repealed.").size() == 2);
}

TEST_CASE("a.m. and p.m.", "[segment][data]") {
  CHECK(sentences_of("The meeting starts at 9 a.m. tomorrow in Paris.").size() == 1);
  CHECK(sentences_of("Polls closed at 8 p.m. Officials began counting.") ==
        Strings{"Polls closed at 8 p.m.", "Officials began counting."});
  CHECK(sentences_of("Polls closed at 8 p.m. The count began.").size() == 2);
}

TEST_CASE("e.g., i.e., etc. and vs.", "[segment][data]") {
  CHECK(sentences_of("Bring fruit, e.g. Apples or pears.").size() == 1);
  CHECK(sentences_of("The index fell, i.e. Investors sold.").size() == 1);
  CHECK(sentences_of("They sold apples, pears, etc. at the market.").size() == 1);
  CHECK(sentences_of("They sold apples, pears, etc. The market closed at noon.").size() == 2);
  CHECK(sentences_of("The case Smith vs. Jones went to the Supreme Court.").size() == 1);
}

TEST_CASE("ellipses", "[segment][data]") {
  CHECK(sentences_of("Wait... what happened next?").size() == 1);
  CHECK(sentences_of("The rules are ... unclear, he said.").size() == 1);
  CHECK(sentences_of("He trailed off\xE2\x80\xA6 The room fell silent.").size() == 2);
}

TEST_CASE("closing quotes and brackets stay with the sentence they close", "[segment][data]") {
  CHECK(sentences_of("He said \"Stop.\" Then he left.") == Strings{"He said \"Stop.\"", "Then he left."});
  CHECK(sentences_of("He said \xE2\x80\x9CStop.\xE2\x80\x9D Then he left.") ==
        Strings{"He said \xE2\x80\x9CStop.\xE2\x80\x9D", "Then he left."});
  CHECK(sentences_of("Prices rose. (Wages did not.) Unions protested.") ==
        Strings{"Prices rose.", "(Wages did not.)", "Unions protested."});
  CHECK(sentences_of("\"Stop!\" he shouted.").size() == 1);
  CHECK(sentences_of("\"Why now?\" Smith asked. Nobody answered.") == Strings{"\"Why now?\" Smith asked.", "Nobody answered."});
}

TEST_CASE("a line ending in a colon whose list is missing is a sentence of its own", "[segment][data]") {
  const Document doc = segment("The two leaders have expressed a commitment to:\nThis alliance raises questions.");
  REQUIRE(doc.paragraphs.size() == 2);
  REQUIRE(doc.sentences.size() == 2);
  CHECK(doc.slice(doc.sentences[0].begin, doc.sentences[0].end) == "The two leaders have expressed a commitment to:");
  CHECK(doc.sentences[1].paragraph == 1);
}

TEST_CASE("paragraphs end at a blank line or a single line break, with any line-break convention", "[segment][data]") {
  const std::string text = GENERATE(std::string("One.\n\nTwo.\nThree."), std::string("One.\r\n\r\nTwo.\r\nThree."),
                                    std::string("One.\r\rTwo.\rThree."), std::string("  One.  \n \t \nTwo.\n\nThree.\n\n"));
  const Document doc = segment(text);
  REQUIRE(doc.paragraphs.size() == 3);
  Strings paragraphs;
  for (const Paragraph& p : doc.paragraphs) paragraphs.emplace_back(doc.slice(p.begin, p.end));
  CHECK(paragraphs == Strings{"One.", "Two.", "Three."});  // spans exclude line breaks and spaces
  for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) CHECK(doc.sentences[i].paragraph == i);
}

TEST_CASE("empty and blank texts have no paragraphs", "[segment][data]") {
  for (const char* text : {"", " ", "\n\n", "\r\n \t\r\n"}) {
    const Document doc = segment(text);
    CHECK(doc.paragraphs.empty());
    CHECK(doc.sentences.empty());
    CHECK(doc.tokens.empty());
  }
}

TEST_CASE("layers are consistent: every token in its sentence, every sentence in its paragraph", "[segment][data]") {
  const Document doc = segment("First paragraph. It has two sentences.\nSecond one, with \"quotes.\" And more!\n\nThird.");
  REQUIRE(doc.paragraphs.size() == 3);
  std::uint32_t next_sentence = 0;
  for (std::uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& para = doc.paragraphs[p];
    CHECK(para.sentence_begin == next_sentence);
    for (std::uint32_t s = para.sentence_begin; s < para.sentence_end; ++s) {
      const Sentence& sentence = doc.sentences[s];
      CHECK(sentence.paragraph == p);
      CHECK(sentence.begin >= para.begin);
      CHECK(sentence.end <= para.end);
      CHECK(sentence.begin == doc.tokens[sentence.token_begin].begin);
      CHECK(sentence.end == doc.tokens[sentence.token_end - 1].end);
      for (std::uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) CHECK(doc.tokens[t].sentence == s);
      if (s + 1 < doc.sentences.size()) CHECK(doc.sentences[s + 1].token_begin == sentence.token_end);
    }
    next_sentence = para.sentence_end;
  }
  CHECK(next_sentence == doc.sentences.size());
  CHECK(doc.sentences.back().token_end == doc.tokens.size());
}

TEST_CASE("layers stay consistent on random text", "[segment][data]") {
  const std::vector<std::string> pieces = {
      "a", "B", " ", " ", ".", "?", "!", "\"", "(", ")", "[", "]", "1", "\n", "\r\n", "\r", "\xE2\x80\x9C",
      "\xE2\x80\x9D", "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\xA6", "Mr.", "U.S.", " 12 ", "e.g.", "'s",
      "\xF0\x9F\x98\x80", "\xC3\xA9", "e\xCC\x81", "\xC2\xA0", "No.", "said", "The", "1.", ":"};
  std::mt19937 random(11);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int i = 0; i < 400; ++i) text += pieces[pick(random)];
    const Document doc = segment(text);
    std::uint32_t token = 0;
    for (std::uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
      const Paragraph& para = doc.paragraphs[p];
      REQUIRE(para.sentence_begin < para.sentence_end);
      for (std::uint32_t s = para.sentence_begin; s < para.sentence_end; ++s) {
        const Sentence& sentence = doc.sentences[s];
        REQUIRE(sentence.token_begin == token);
        REQUIRE(sentence.token_begin < sentence.token_end);
        REQUIRE(sentence.paragraph == p);
        REQUIRE(sentence.begin >= para.begin);
        REQUIRE(sentence.end <= para.end);
        for (; token < sentence.token_end; ++token) {
          const Token& t = doc.tokens[token];
          REQUIRE(t.sentence == s);
          REQUIRE(t.begin < t.end);
          REQUIRE((token == 0 || doc.tokens[token - 1].end <= t.begin));
          REQUIRE((static_cast<unsigned char>(doc.text()[t.begin]) & 0xC0) != 0x80);  // on a character boundary
        }
      }
    }
    REQUIRE(token == doc.tokens.size());
  }
}

TEST_CASE("JSON offsets are code points, also after characters outside the BMP", "[segment][data]") {
  // "😀" is 4 bytes in UTF-8, 2 code units in UTF-16, 1 code point: the contract counts code points.
  const std::string text = "Hi \xF0\x9F\x98\x80 there. Caf\xC3\xA9 \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 is open.\nNext line.";
  const Document doc = segment(text);
  StageOptions options;
  options.data_dir = testing::data_dir();
  auto stage = segment_stage_spec().create(options);
  REQUIRE(stage);
  const Json out = testing::written_json(doc, {stage.value().get()});
  REQUIRE(out["sentences"].size() == 3);
  // Python: text = "Hi 😀 there. Café 🇫🇷 is open.\nNext line."
  CHECK(out["sentences"][0]["start"] == 0);
  CHECK(out["sentences"][0]["end"] == 11);  // "Hi 😀 there."
  CHECK(out["sentences"][1]["start"] == 12);
  CHECK(out["sentences"][1]["end"] == 28);  // "Café 🇫🇷 is open."
  CHECK(out["sentences"][1]["text"] == "Caf\xC3\xA9 \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 is open.");
  CHECK(out["paragraphs"][1]["start"] == 29);
  CHECK(out["paragraphs"][1]["end"] == 39);
  CHECK(out["sentences"][2]["paragraph"] == 1);
}

TEST_CASE("the user's sample article: 20 paragraphs, the U.S. sentence whole", "[segment][data]") {
  const auto path = testing::shared_dir() / "samples" / "trump-bukele.txt";
  if (!std::filesystem::exists(testing::shared_dir())) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const Document doc = segment(bytes.str());
  CHECK(doc.paragraphs.size() == 20);
  const std::string wanted =
      "In an unexpected twist in international relations, former U.S. President Donald Trump and El "
      "Salvador\xE2\x80\x99s President Nayib Bukele have forged a partnership aimed at addressing two pressing issues "
      "that have long plagued both nations: illegal immigration and organized crime.";
  bool found = false;
  for (const Sentence& s : doc.sentences) found |= doc.slice(s.begin, s.end) == wanted;
  CHECK(found);
}
