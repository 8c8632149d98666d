#include "text/abbreviations.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "temp_dir.h"
#include "text/segment_test_support.h"

using namespace analyze;
using analyze::testing::data_abbreviations;

TEST_CASE("listed abbreviations have their kind, in their case or in capitals", "[abbreviations][data]") {
  const Abbreviations& a = data_abbreviations();
  CHECK(a.kind("Mr.") == AbbreviationKind::kTitle);
  CHECK(a.kind("MR.") == AbbreviationKind::kTitle);
  CHECK(a.kind("e.g.") == AbbreviationKind::kTitle);
  CHECK(a.kind("No.") == AbbreviationKind::kBeforeNumber);
  CHECK(a.kind("U.S.") == AbbreviationKind::kCommon);
  CHECK(a.kind("Inc.") == AbbreviationKind::kCommon);
  CHECK(a.kind("Sept.") == AbbreviationKind::kCommon);
  CHECK(a.kind("mr.") == AbbreviationKind::kNone);  // matching is case-sensitive otherwise
  CHECK(a.kind("p.m.") == AbbreviationKind::kTime);
  CHECK(a.kind("Yahoo!") == AbbreviationKind::kCommon);  // a name written with "!"
  CHECK(a.kind("Hooray!") == AbbreviationKind::kNone);
}

TEST_CASE("kind_any_case reads a lower-case word as its capitalised form", "[abbreviations][data]") {
  const Abbreviations& a = data_abbreviations();
  CHECK(a.kind_any_case("co.") == AbbreviationKind::kCommon);
  CHECK(a.kind_any_case("corp.") == AbbreviationKind::kCommon);
  CHECK(a.kind_any_case("e.g.") == AbbreviationKind::kTitle);
  CHECK(a.kind_any_case("done.") == AbbreviationKind::kNone);
  CHECK(a.kind_any_case("ACME.") == AbbreviationKind::kNone);
}

TEST_CASE("initials and dotted abbreviations need no list", "[abbreviations][data]") {
  const Abbreviations& a = data_abbreviations();
  for (const char* w : {"J.", "c.", "D.C.", "o.k.", "M.Sc.", "U.S.A.", "w.r.t."}) {
    INFO(w);
    CHECK(a.kind(w) == AbbreviationKind::kCommon);
  }
  for (const char* w : {"I.", "in.", "Bob.", "example.com.", "it", "3.", ".", "U.S"}) {
    INFO(w);
    CHECK(a.kind(w) == AbbreviationKind::kNone);
  }
}

TEST_CASE("sentence starters and speech verbs", "[abbreviations][data]") {
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

TEST_CASE("users extend the lists, and a malformed line is an error naming the file and line", "[abbreviations][data]") {
  const testing::TempDir dir;
  for (const char* file : {"sentence_starters.txt", "sentence_starters_learned.txt", "speech_verbs.txt"})
    std::filesystem::copy_file(testing::data_dir() / file, dir.path / file);
  dir.write("abbreviations.txt", "# my list\nGov.\ttitle\nAcad.\tcommon\r\nBam!\tcommon\nhrs.\ttime\n");
  auto a = Abbreviations::load(dir.path);
  REQUIRE(a);
  CHECK(a->kind("Acad.") == AbbreviationKind::kCommon);
  CHECK(a->kind("Bam!") == AbbreviationKind::kCommon);
  CHECK(a->kind("hrs.") == AbbreviationKind::kTime);
  CHECK(a->kind("Mr.") == AbbreviationKind::kNone);
  dir.write("abbreviations.txt", "Gov.\ttitle\nAcad\tcommon\n");
  auto bad = Abbreviations::load(dir.path);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "bad-data");
  CHECK(bad.error().message.find("abbreviations.txt:2") != std::string::npos);
  dir.write("abbreviations.txt", "Gov.\ttitle\n");
  std::filesystem::remove(dir.path / "speech_verbs.txt");
  auto missing = Abbreviations::load(dir.path);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("speech_verbs.txt") != std::string::npos);
}
