// The sentence rules beyond ICU's UAX #29 boundaries (sentence_segmenter.h), one by one.
#include "text/sentence_segmenter.h"

#include <catch2/catch.hpp>
#include <memory>

#include "text/tokenizer.h"
#include "text/segment_test_support.h"

using namespace analyze;
using analyze::testing::data_abbreviations;
using analyze::testing::sentences_of;
using Strings = std::vector<std::string>;

TEST_CASE("SentenceSegmenter returns the first token of each sentence of a paragraph", "[sentence_segmenter][data]") {
  auto words = std::make_shared<const Abbreviations>(data_abbreviations());
  const Tokenizer tokenizer(words);
  const SentenceSegmenter segmenter(words);
  Document doc;
  doc.set_text("Skip me. First one. Second one!");
  const std::uint32_t begin = 9;  // the paragraph is "First one. Second one!"
  tokenizer.tokenize(doc, begin, static_cast<std::uint32_t>(doc.text().size()));
  std::vector<std::uint32_t> starts = {42};  // reused buffers are cleared
  segmenter.split(doc, begin, static_cast<std::uint32_t>(doc.text().size()), 0,
                  static_cast<std::uint32_t>(doc.tokens.size()), starts);
  REQUIRE(starts.size() == 2);
  CHECK(starts[0] == 0);
  CHECK(doc.raw_text(doc.tokens[starts[1]]) == "Second");
  segmenter.split(doc, begin, begin, 0, 0, starts);
  CHECK(starts.empty());
}

TEST_CASE("a lower-case word starts a sentence only after a plain full stop or a bare ? or !", "[sentence_segmenter][data]") {
  CHECK(sentences_of("i got home late. then i slept.") == Strings{"i got home late.", "then i slept."});
  CHECK(sentences_of("where did you grow up? india?") == Strings{"where did you grow up?", "india?"});
  CHECK(sentences_of("The U.S. economy grew.").size() == 1);
  CHECK(sentences_of("\"Enough!\" she said.").size() == 1);
  CHECK(sentences_of("Wait... what?").size() == 1);
  CHECK(sentences_of("It worked (see above.) and then it did not.").size() == 1);
  // A full stop after a short capitalised word is most likely an abbreviation no list names.
  CHECK(sentences_of("I noticed cars at the Epis. church nearby.").size() == 1);
  // An inline enumeration: "1." and "2." number items, they end nothing.
  CHECK(sentences_of("Two claims: 1. that it is universal, and 2. that it is a word.").size() == 1);
}

TEST_CASE("no sentence ends at ? or ! without a space after it", "[sentence_segmenter][data]") {
  CHECK(sentences_of("Watch youtube.com/watch?v=abc now. Then rate it.").size() == 2);
  CHECK(sentences_of("Get alerts with Yahoo!Messenger today.").size() == 1);
}

TEST_CASE("a quotation ending in ? or ! before a speech verb stays in the sentence", "[sentence_segmenter][data]") {
  CHECK(sentences_of("\"Are you here for stories?\" I asked. She laughed.") ==
        Strings{"\"Are you here for stories?\" I asked.", "She laughed."});
  CHECK(sentences_of("\xE2\x80\x9CSorry!\xE2\x80\x9D Mr. Smith replied.").size() == 1);
  CHECK(sentences_of("\"Why?\" Nobody knew.").size() == 2);  // no speech verb: two sentences
  CHECK(sentences_of("He said \"Stop!\" The car stopped.").size() == 2);
}

TEST_CASE("reference marks after a full stop belong to the sentence before them", "[sentence_segmenter][data]") {
  CHECK(sentences_of("He entered Harrow in 1801. [17] Placed under the care of a doctor, he recovered.") ==
        Strings{"He entered Harrow in 1801. [17]", "Placed under the care of a doctor, he recovered."});
  CHECK(sentences_of("It was cited widely. [6][7] Later work disagreed.")[0] == "It was cited widely. [6][7]");
  CHECK(sentences_of("It was cited widely. [1]\xE2\x80\x93[11] Later work disagreed.").size() == 2);
  CHECK(sentences_of("Nobody knows. [citation needed] Some disagree.")[0] == "Nobody knows. [citation needed]");
  CHECK(sentences_of("The quote ends here. [...] The next part follows.")[0] == "The quote ends here. [...]");
  CHECK(sentences_of("The paragraph ends with a mark. [19]") == Strings{"The paragraph ends with a mark. [19]"});
  // A footnote number before a sentence starter, as text copied from a PDF has it.
  CHECK(sentences_of("Authors pay a publication fee. 8 Yet some journals waive it.") ==
        Strings{"Authors pay a publication fee. 8", "Yet some journals waive it."});
  // Not reference marks: a bracketed remark, a count that starts a sentence.
  CHECK(sentences_of("That was it. [Laughter] So we left.")[1] == "[Laughter] So we left.");
  CHECK(sentences_of("The storm passed. 12 people were hurt.")[1] == "12 people were hurt.");
}

TEST_CASE("a list item's number starts the sentence after it", "[sentence_segmenter][data]") {
  CHECK(sentences_of("1. Introduction") == Strings{"1. Introduction"});
  CHECK(sentences_of("2.1. New Institutional Economics") == Strings{"2.1. New Institutional Economics"});
  CHECK(sentences_of("My comments follow. 5. In Section 6, delete the clause. 6. Capitalize it.") ==
        Strings{"My comments follow.", "5. In Section 6, delete the clause.", "6. Capitalize it."});
  CHECK(sentences_of("IV. The Results") == Strings{"IV. The Results"});
  CHECK(sentences_of("A. The first option is cheaper.").size() == 1);
  CHECK(sentences_of("He won in World War II. The next war was different.").size() == 2);
}

TEST_CASE("punctuation alone is no sentence", "[sentence_segmenter][data]") {
  CHECK(sentences_of("Politics are local. . . . Murph Archibald agrees.").size() == 2);
  CHECK(sentences_of("Nature hates a void. :) Richard agrees.").size() == 2);
  CHECK(sentences_of("Is that the moral high ground? ? ? Talk about it.").size() == 2);
}

TEST_CASE("an abbreviation before a capitalised word ends a sentence only if the word starts sentences",
          "[sentence_segmenter][data]") {
  CHECK(sentences_of("They met at the U.S. Embassy in Paris.").size() == 1);
  CHECK(sentences_of("He studied in the U.S. Simultaneously, he worked.").size() == 2);
  CHECK(sentences_of("Princeton Lyman, the U.S. Under-Secretary of State, spoke.").size() == 1);
  CHECK(sentences_of("Prices rose in the U.S. \"It hurts,\" a buyer said.").size() == 2);
  CHECK(sentences_of("Joshua Norton (c. 1818 \xE2\x80\x93 1880) was an emperor.").size() == 1);
  CHECK(sentences_of("It happened to my family and I. Overall, we were lucky.").size() == 2);
  CHECK(sentences_of("No. No. Not really.") == Strings{"No.", "No.", "Not really."});
  // A name ending in a letter ("H&M") is no initial: its full stop ends the sentence.
  CHECK(sentences_of("Shoppers went to H&M. Prices rose.") == Strings{"Shoppers went to H&M.", "Prices rose."});
}

TEST_CASE("list items: the marker starts its item, the next item's marker the next sentence", "[sentence_segmenter][data]") {
  CHECK(sentences_of("1.) The first item is here. 2.) The second item is here.") ==
        Strings{"1.) The first item is here.", "2.) The second item is here."});
  CHECK(sentences_of("a. The first item b. The second item") == Strings{"a. The first item", "b. The second item"});
  CHECK(sentences_of("1. Eat well 2. Sleep more 3. Walk daily") ==
        Strings{"1. Eat well", "2. Sleep more", "3. Walk daily"});
  CHECK(sentences_of("A) Rent a car. B) Drive home.") == Strings{"A) Rent a car.", "B) Drive home."});
  // After a colon the items continue the sentence; a comma or "and" joins them.
  CHECK(sentences_of("Options: a. The first item b. The second item") ==
        Strings{"Options: a. The first item", "b. The second item"});
  CHECK(sentences_of("Two claims: 1. That it is universal, and 2. That it is a word.").size() == 1);
  // Not the next marker: "3." after "1." is a number.
  CHECK(sentences_of("1. The first item cost 3. The second was free.") ==
        Strings{"1. The first item cost 3.", "The second was free."});
}

TEST_CASE("an ellipsis, spaced or bracketed, ends no sentence before a lower-case word", "[sentence_segmenter][data]") {
  CHECK(sentences_of("I waited . . . and then I left. The end came.") ==
        Strings{"I waited . . . and then I left.", "The end came."});
  CHECK(sentences_of("He said \"the law is [...] unjust\" and walked out.").size() == 1);
  CHECK(sentences_of("I went home\xE2\x80\xA6 and slept.").size() == 1);
  CHECK(sentences_of("I went home.... and slept.").size() == 1);
  CHECK(sentences_of("I waited . . . The end came.") == Strings{"I waited . . .", "The end came."});
}

TEST_CASE("a lower-case abbreviation and an initial I. end no sentence inside it", "[sentence_segmenter][data]") {
  CHECK(sentences_of("Jane and co. at the party were loud. They left early.") ==
        Strings{"Jane and co. at the party were loud.", "They left early."});
  CHECK(sentences_of("Albert I. Jones arrived yesterday. He was tired.") ==
        Strings{"Albert I. Jones arrived yesterday.", "He was tired."});
  CHECK(sentences_of("It was me and I. Then we left.").size() == 2);  // the pronoun
  CHECK(sentences_of("i got home late. then i slept.").size() == 2);  // an unlisted word ends it
}

TEST_CASE("a.m. and p.m. end a sentence before a capitalised word that continues no time", "[sentence_segmenter][data]") {
  CHECK(sentences_of("The talks ended at 5 p.m. Police then arrived.") ==
        Strings{"The talks ended at 5 p.m.", "Police then arrived."});
  CHECK(sentences_of("We met at 9 a.m. The next day we left.").size() == 2);
  CHECK(sentences_of("The game starts at 7 p.m. Friday at the arena.").size() == 1);
  CHECK(sentences_of("The talks ended at 5 p.m. EST on Monday.").size() == 1);
  CHECK(sentences_of("It opens at 10 a.m. Jan. 5 downtown.").size() == 1);
  CHECK(sentences_of("At 4.50 a.m. Iraq time (0050 GMT) forces began to move.").size() == 1);
  CHECK(sentences_of("It opens at 10 a.m. and closes at noon.").size() == 1);
}

TEST_CASE("a name written with ! ends a sentence only before a sentence starter", "[sentence_segmenter][data]") {
  CHECK(sentences_of("Yahoo! said on Monday it would cut jobs. Google did not.") ==
        Strings{"Yahoo! said on Monday it would cut jobs.", "Google did not."});
  CHECK(sentences_of("He works at Yahoo! and likes it.").size() == 1);
  CHECK(sentences_of("He watched Jeopardy! The show was great.").size() == 2);
  CHECK(sentences_of("We won! and then we celebrated.").size() == 2);  // not a listed name
}

TEST_CASE("web and e-mail layout marks boundaries that no punctuation does", "[sentence_segmenter][data]") {
  CHECK(sentences_of("See http://www.a.org/x.html http://b.com/y Beth has booked.") ==
        Strings{"See http://www.a.org/x.html", "http://b.com/y", "Beth has booked."});
  CHECK(sentences_of("Read it at www.example.com and tell me.").size() == 1);
  CHECK(sentences_of("Kay Mann 03/15/2001 04:03 PM I have a change in plans.") ==
        Strings{"Kay Mann", "03/15/2001 04:03 PM", "I have a change in plans."});
  CHECK(sentences_of("The file was dated 03/15/2001 04:03 PM by the clerk.").size() == 1);
  CHECK(sentences_of("Please advise. Thanks, Anne") == Strings{"Please advise.", "Thanks,", "Anne"});
  CHECK(sentences_of("Hope to hear from you. Sincerely, Ben Rogers") ==
        Strings{"Hope to hear from you.", "Sincerely,", "Ben Rogers"});
  CHECK(sentences_of("Let me know. Best, Jeff") == Strings{"Let me know.", "Best,", "Jeff"});
  CHECK(sentences_of("The best, Jeff said, was yet to come.").size() == 1);
  CHECK(sentences_of("Thank you, Mr. Chair.").size() == 1);
  CHECK(sentences_of("He said thanks, Anne knew why.").size() == 1);
  CHECK(sentences_of("Bos tells Wikinews about ants Tuesday, September 1, 2015 Formica fusca is an ant.") ==
        Strings{"Bos tells Wikinews about ants", "Tuesday, September 1, 2015", "Formica fusca is an ant."});
  CHECK(sentences_of("The vote is on Tuesday, September 1, 2015 in Paris.").size() == 1);
  CHECK(sentences_of("Thursday, March 15, 2012 Wikinews interviewed the owner.") ==
        Strings{"Thursday, March 15, 2012", "Wikinews interviewed the owner."});
  CHECK(sentences_of("Tuesday, September 1, 2015, was a quiet day.").size() == 1);
  CHECK(sentences_of("Figure 1.3 This map shows the land grants. It is old.") ==
        Strings{"Figure 1.3", "This map shows the land grants.", "It is old."});
  CHECK(sentences_of("Table 4 Sales by region rose.") == Strings{"Table 4", "Sales by region rose."});
  CHECK(sentences_of("Figure 1. Original and mutant application.").size() == 1);
  CHECK(sentences_of("As Figure 2 Shows nothing, we stop.").size() == 1);
  CHECK(sentences_of("Black Widow and Captain America Image: Nick Moreau.") ==
        Strings{"Black Widow and Captain America", "Image: Nick Moreau."});
}
