#include <catch2/catch.hpp>

#include "test_support.h"

using analyze::testing::analyzed;

TEST_CASE("English news is identified as English with high confidence", "[language][data]") {
  const auto doc = analyzed(
      "The central bank raised interest rates on Thursday for the third time this year, saying inflation "
      "remained too high and that further increases could not be ruled out.",
      "normalize,segment,language");
  REQUIRE(doc.language);
  CHECK(doc.language->code == "en");
  CHECK(doc.language->confidence > 0.9);
  CHECK(doc.english_or_unknown());
}

TEST_CASE("Spanish and German are identified, so English-only stages can skip them", "[language][data]") {
  const auto es = analyzed(
      "El banco central subió los tipos de interés el jueves por tercera vez este año, y dijo que la inflación "
      "seguía siendo demasiado alta y que no se podían descartar nuevas subidas.",
      "normalize,segment,language");
  REQUIRE(es.language);
  CHECK(es.language->code == "es");
  CHECK_FALSE(es.english_or_unknown());
  const auto de = analyzed(
      "Die Zentralbank hat am Donnerstag zum dritten Mal in diesem Jahr die Zinsen erhöht und erklärt, die "
      "Inflation sei weiterhin zu hoch und weitere Erhöhungen seien nicht ausgeschlossen.",
      "normalize,segment,language");
  REQUIRE(de.language);
  CHECK(de.language->code == "de");
}

TEST_CASE("boilerplate paragraphs do not vote on the language", "[language][data]") {
  const auto doc = analyzed(
      "Die Zentralbank hat am Donnerstag zum dritten Mal in diesem Jahr die Zinsen erhöht und erklärt, die "
      "Inflation sei weiterhin zu hoch und weitere Erhöhungen seien nicht ausgeschlossen.\n"
      "Follow us on Twitter and Facebook for all the latest news from around the world, every day of the week.\n",
      "normalize,segment,boilerplate,language");
  REQUIRE(doc.language);
  CHECK(doc.language->code == "de");
}

TEST_CASE("too little text is not a reliable identification", "[language][data]") {
  for (const char* text : {"OK", "Short one.", ""}) {
    INFO(text);
    const auto doc = analyzed(text, "normalize,segment,language");
    REQUIRE(doc.language);
    CHECK(doc.language->code == "und");  // not "en" with confidence 0
    CHECK_FALSE(doc.language->reliable);
    CHECK(doc.english_or_unknown());
  }
}
