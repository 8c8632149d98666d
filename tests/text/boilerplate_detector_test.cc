#include <catch2/catch.hpp>

#include "test_support.h"

using analyze::testing::analyzed;

namespace {

std::vector<bool> flags(const std::string& text) {
  const auto doc = analyzed(text, "normalize,segment,boilerplate");
  std::vector<bool> out;
  for (const auto& p : doc.paragraphs) out.push_back(p.boilerplate);
  return out;
}

const std::string kStory =
    "Port Workers Strike Over Automation\n"
    "Dock workers walked off the job on Monday in a dispute over automated cranes, halting the port.\n"
    "The union said the walkout would continue until jobs were guaranteed for its 3,400 members.\n";

}  // namespace

TEST_CASE("marker lines are flagged: read more, follow us, sign up, advertisement, copyright", "[boilerplate][data]") {
  CHECK(flags(kStory + "Advertisement\nThe port authority said the cranes would make work safer.") ==
        std::vector<bool>{false, false, false, true, false});
  CHECK(flags(kStory + "Follow us on Twitter and Facebook for the latest news.") == std::vector<bool>{false, false, false, true});
  CHECK(flags(kStory + "Sign up for our morning briefing.") == std::vector<bool>{false, false, false, true});
  CHECK(flags(kStory + "© 2026 Valmera Daily News. All rights reserved.") == std::vector<bool>{false, false, false, true});
  CHECK(flags(kStory + "Copyright 2024 The Associated Press.") == std::vector<bool>{false, false, false, true});
}

TEST_CASE("a heading such as \"See more\" takes the trailing teaser headlines with it", "[boilerplate][data]") {
  const std::string page = kStory +
                           "See more Valmera News\n"
                           "Explore the city's plans for a new tram line in this in-depth analysis.\n"
                           "Discover why the heatwave could break records this weekend…\n"
                           "Local bakery wins national award for sourdough.\n";
  CHECK(flags(page) == std::vector<bool>{false, false, false, true, true, true, true});
}

TEST_CASE("mid-article \"Read more\" flags only itself when the story goes on", "[boilerplate][data]") {
  const std::string page = kStory +
                           "Read more: Strike threatens fuel deliveries\n"
                           "The port authority said in a statement on Tuesday that the new cranes would make the port safer "
                           "and more competitive, that no worker would lose a job before 2030, and that talks with the union "
                           "would resume on Thursday in the presence of a mediator appointed by the regional government.\n";
  CHECK(flags(page) == std::vector<bool>{false, false, false, true, false});
}

TEST_CASE("a trailing list of truncated headlines is flagged without a heading", "[boilerplate][data]") {
  const std::string page = kStory +
                           "Heatwave expected to break records this weekend…\n"
                           "City council approves budget for new tram line\n"
                           "Local bakery wins national award for sourdough…\n";
  CHECK(flags(page) == std::vector<bool>{false, false, false, true, true, true});
}

TEST_CASE("real paragraphs are never flagged, even with marker words in them", "[boilerplate][data]") {
  const std::string page =
      "Related charges were filed against two other men on Friday.\n"
      "Share prices fell 4% after the announcement.\n"
      "He said on Twitter that he would not resign, and his newsletter went out as usual.\n"
      "Copyright lawsuits against the company rose sharply last year.\n"
      "Subscribers to the service will pay more from January.\n"
      "More from the minister is expected later today...\n"
      "Officials declined to comment...\n";
  for (bool b : flags(page)) CHECK_FALSE(b);
  // A news story of short one-sentence paragraphs, one ending in an ellipsis, keeps them all.
  CHECK(flags(kStory + "The strike could last weeks...\nShipping companies warned of delays.") ==
        std::vector<bool>{false, false, false, false, false});
}

TEST_CASE("the user's sample: the last 7 of 20 paragraphs are boilerplate", "[boilerplate][sample][data]") {
  if (!analyze::testing::shared_available()) {
    SUCCEED("skipped: ../shared is absent");
    return;
  }
  const auto text = analyze::testing::read_file(analyze::testing::shared_dir() / "samples" / "trump-bukele.txt");
  const auto f = flags(text);
  REQUIRE(f.size() == 20);
  for (std::size_t i = 0; i < 20; ++i) CHECK(f[i] == (i >= 13));
}

TEST_CASE("the bundled scraped sample loses its page furniture and keeps its story", "[boilerplate][data]") {
  const auto text = analyze::testing::read_file(analyze::testing::data_dir() / "samples" / "port-strike-scraped.txt");
  const auto f = flags(text);
  REQUIRE(f.size() == 12);
  for (std::size_t i = 0; i < 12; ++i) CHECK(f[i] == (i >= 5));
}
