#include "text/abbreviations.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "text/segment_test_support.h"

using namespace analyze;
using analyze::testing::data_abbreviations;

TEST_CASE("listed abbreviations have their kind, in their case or in capitals", "[abbreviations]") {
  const Abbreviations& a = data_abbreviations();
  CHECK(a.kind("Mr.") == AbbreviationKind::kTitle);
  CHECK(a.kind("MR.") == AbbreviationKind::kTitle);
  CHECK(a.kind("e.g.") == AbbreviationKind::kTitle);
  CHECK(a.kind("No.") == AbbreviationKind::kBeforeNumber);
  CHECK(a.kind("U.S.") == AbbreviationKind::kCommon);
  CHECK(a.kind("Inc.") == AbbreviationKind::kCommon);
  CHECK(a.kind("Sept.") == AbbreviationKind::kCommon);
  CHECK(a.kind("mr.") == AbbreviationKind::kNone);  // matching is case-sensitive otherwise
}

TEST_CASE("initials and dotted abbreviations need no list", "[abbreviations]") {
  const Abbreviations& a = data_abbreviations();
  for (const char* w : {"J.", "c.", "D.C.", "a.m.", "M.Sc.", "U.S.A.", "w.r.t."}) {
    INFO(w);
    CHECK(a.kind(w) == AbbreviationKind::kCommon);
  }
  for (const char* w : {"I.", "in.", "Bob.", "example.com.", "it", "3.", ".", "U.S"}) {
    INFO(w);
    CHECK(a.kind(w) == AbbreviationKind::kNone);
  }
}

TEST_CASE("sentence starters and speech verbs", "[abbreviations]") {
  const Abbreviations& a = data_abbreviations();
  CHECK(a.is_sentence_starter("The"));
  CHECK(a.is_sentence_starter("THE"));
  CHECK(a.is_sentence_starter("Meanwhile"));
  CHECK(a.is_sentence_starter("Officials"));  // learned: data/sentence_starters_learned.txt
  CHECK_FALSE(a.is_sentence_starter("President"));
  CHECK_FALSE(a.is_sentence_starter("Army"));
  CHECK_FALSE(a.is_sentence_starter("the"));
  CHECK(a.is_speech_verb("said"));
  CHECK(a.is_speech_verb("asked"));
  CHECK_FALSE(a.is_speech_verb("walked"));
}

TEST_CASE("users extend the lists, and a malformed line is an error naming the file and line", "[abbreviations]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("analyze-abbreviations-test-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  for (const char* file : {"sentence_starters.txt", "sentence_starters_learned.txt", "speech_verbs.txt"})
    std::filesystem::copy_file(std::filesystem::path(ANALYZE_TEST_DATA_DIR) / file, dir / file,
                               std::filesystem::copy_options::overwrite_existing);
  {
    std::ofstream out(dir / "abbreviations.txt");
    out << "# my list\nGov.\ttitle\nAcad.\tcommon\r\n";
  }
  auto a = Abbreviations::load(dir);
  REQUIRE(a);
  CHECK(a->kind("Acad.") == AbbreviationKind::kCommon);
  CHECK(a->kind("Mr.") == AbbreviationKind::kNone);
  {
    std::ofstream out(dir / "abbreviations.txt");
    out << "Gov.\ttitle\nAcad\tcommon\n";
  }
  auto bad = Abbreviations::load(dir);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "bad-data");
  CHECK(bad.error().message.find("abbreviations.txt:2") != std::string::npos);
  {
    std::ofstream out(dir / "abbreviations.txt");
    out << "Gov.\ttitle\n";
  }
  std::filesystem::remove(dir / "speech_verbs.txt");
  auto missing = Abbreviations::load(dir);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("speech_verbs.txt") != std::string::npos);
  std::filesystem::remove_all(dir);
}
