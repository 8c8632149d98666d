#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "html/html_article.h"
#include "test_paths.h"

using analyze::read_html_article;

namespace {

// A news page as sites build them: a cookie banner, navigation, the article between a share bar
// and a comment section, related-article teasers, a footer.
const std::string kNewsPage = R"(<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour Bridge Reopens After Repairs | The Coastal Herald</title>
<meta property="og:title" content="Harbour Bridge Reopens After Repairs">
<meta property="og:site_name" content="The Coastal Herald">
<link rel="canonical" href="https://herald.example/news/bridge-reopens">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "The Coastal Herald"},
 {"@type": "NewsArticle", "headline": "Harbour Bridge Reopens After Repairs",
  "datePublished": "2025-03-14T08:30:00Z", "author": [{"@type": "Person", "name": "Ana Souza"}, {"name": "Tom Reed"}]}]}
</script>
<script>var tracking = "<p>not text</p>";</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article class="story">
<h1>Harbour Bridge Reopens After Repairs</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>The harbour bridge in S&#227;o Vicente reopened on Friday, six months after a barge struck one of its piers, and traffic moved freely by the afternoon.</p>
<p>Engineers replaced two steel girders, rebuilt the damaged pier and tested the deck with loaded lorries, the city&rsquo;s transport office said in a statement.</p>
<figure><img src="bridge.jpg"><figcaption>The bridge on Friday morning. Photo: Port Authority</figcaption></figure>
<h2>What changed</h2>
<p>The speed limit is now 50 km/h, and a new barrier protects the piers from shipping, which the port authority paid for.<br>Cyclists get a lane of their own.</p>
<ul><li>Buses return on Monday.</li><li>The ferry keeps its extra sailings until April.</li></ul>
<p>Local shops, which lost trade during the closure, welcomed the reopening &amp; said customers were already coming back.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Great news, finally! I have waited for this bridge for months and months now.</p></section>
<div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Ferry timetable changes for the spring</a></li><li><a href="/b">Port authority names a new chief executive</a></li></ul></div>
</main>
<footer><p>&copy; The Coastal Herald. All rights reserved. Terms and privacy policy apply to this site.</p></footer>
</body></html>)";

}  // namespace

TEST_CASE("the article's paragraphs come out without navigation, share bar, comments, teasers or banners", "[html]") {
  auto page = read_html_article(kNewsPage);
  REQUIRE(page);
  const std::string& text = page->text;
  CHECK(text.find("The harbour bridge in São Vicente reopened on Friday") == 0);
  CHECK(text.find("the city’s transport office said") != std::string::npos);
  CHECK(text.find("\n\nWhat changed\n\n") != std::string::npos);
  CHECK(text.find("shipping, which the port authority paid for.\nCyclists get a lane") != std::string::npos);
  CHECK(text.find("Buses return on Monday.\nThe ferry keeps") != std::string::npos);
  CHECK(text.find("welcomed the reopening & said") != std::string::npos);
  CHECK(text.find("Photo: Port Authority") == std::string::npos);
  for (const char* boilerplate : {"cookies", "Home", "Share on", "Comments", "Great news", "Ferry timetable", "All rights",
                                  "not text", "Harbour Bridge Reopens"})
    CHECK(text.find(boilerplate) == std::string::npos);
}

TEST_CASE("React's streamed content in <div hidden id=S:0> is shown, other hidden elements are not", "[html]") {
  auto page = read_html_article(
      "<html><body><div id=\"B:0\"></div><div hidden>A hidden note that never shows, with a comma, and more words.</div>"
      "<div hidden id=\"S:0\"><div class=\"post\"><p>The council approved a budget that gives schools more money, "
      "after a long debate, on Tuesday night.</p><p>Teachers welcomed the decision, which had been expected for weeks, "
      "and parents did too.</p></div></div><script>$RC(\"B:0\",\"S:0\")</script></body></html>");
  REQUIRE(page);
  CHECK(page->text.find("The council approved a budget") == 0);
  CHECK(page->text.find("Teachers welcomed") != std::string::npos);
  CHECK(page->text.find("hidden note") == std::string::npos);
}

namespace {

// The bytes of the WCXB page `name` of ../shared/data/html/pages, or nothing when ../shared is
// absent (users do not have it).
std::optional<std::string> shared_page(const std::string& name) {
  const std::filesystem::path path = analyze::testing::shared_dir() / "data/html/pages" / name;
  if (!std::filesystem::exists(path)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::stringstream html;
  html << in.rdbuf();
  return html.str();
}

}  // namespace

TEST_CASE("a list of text items inside the article is kept: a WCXB page's steps", "[html][data]") {
  const auto html = shared_page("wcxb-4191.html");
  if (!html) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  auto page = read_html_article(*html);
  REQUIRE(page);
  // <ul><li><p><strong>Assess your energy needs.</strong> ...: short items, each a paragraph.
  CHECK(page->text.find("Assess your energy needs.") != std::string::npos);
  CHECK(page->text.find("Gather assessments from multiple professionals.") != std::string::npos);
}

TEST_CASE("a utility class like overflow-hidden weighs nothing against a block: a WCXB page's cards", "[html][data]") {
  const auto html = shared_page("wcxb-0312.html");
  if (!html) {
    SUCCEED("skipped: ../shared absent");
    return;
  }
  auto page = read_html_article(*html);
  REQUIRE(page);
  // The programmes' cards sit in Tailwind's <div class="... overflow-hidden ...">, which hides nothing.
  CHECK(page->text.find("UTRGV's online MBA allows you to graduate in as little as 12 months.") != std::string::npos);
}

TEST_CASE("the source object gives what the page states about itself", "[html]") {
  auto page = read_html_article(kNewsPage);
  REQUIRE(page);
  const auto& s = page->source;
  CHECK(s["format"] == "html");
  CHECK(s["title"] == "Harbour Bridge Reopens After Repairs");
  CHECK(s["byline"] == "Ana Souza, Tom Reed");
  CHECK(s["published"] == "2025-03-14T08:30:00Z");
  CHECK(s["url"] == "https://herald.example/news/bridge-reopens");
  CHECK(s["language"] == "en-GB");
  CHECK(s["site_name"] == "The Coastal Herald");
  CHECK(page->date == "2025-03-14");
}

TEST_CASE("without Open Graph or JSON-LD the title loses the site's name and <time> gives the date", "[html]") {
  auto page = read_html_article(
      "<html><head><title>Council Approves the New Budget for Schools - Valley News</title></head><body>"
      "<p>Posted <time datetime=\"2024-11-02\">2 November</time></p>"
      "<div><p>The council approved a budget that gives schools more money, after a long debate, on Tuesday night.</p></div>"
      "</body></html>");
  REQUIRE(page);
  CHECK(page->source["title"] == "Council Approves the New Budget for Schools");
  CHECK(page->source["published"] == "2024-11-02");
  CHECK(page->date == "2024-11-02");
  CHECK_FALSE(page->source.contains("byline"));
}

TEST_CASE("the headline is the page's h1 that metadata confirms, without the site's name or a subtitle", "[html]") {
  const std::string body = "<p>The council approved a budget that gives schools more money, after a long debate, on Tuesday night.</p>";
  auto title_of = [&](const std::string& head, const std::string& h1s) {
    auto page = read_html_article("<html><head>" + head + "</head><body>" + h1s + "<div>" + body + "</div></body></html>");
    REQUIRE(page);
    return page->source.value("title", std::string());
  };
  const std::string meta = "<meta property=\"og:site_name\" content=\"Valley News\"><title>Council Approves Budget | Valley News</title>";
  // A logo or the site's name in an <h1> before the headline; an empty <h1>; the same <h1> twice.
  CHECK(title_of(meta, "<h1>Valley</h1><h1>Council Approves Budget</h1><h1>Related Articles</h1>") == "Council Approves Budget");
  CHECK(title_of(meta, "<h1><a href=\"/\"><img src=\"logo.png\"></a></h1><h1>Council Approves Budget Again</h1>") ==
        "Council Approves Budget Again");
  CHECK(title_of("", "<h1>Council Approves Budget</h1><h1>Council Approves Budget</h1>") == "Council Approves Budget");
  // Character references the page escaped twice; a subtitle; an h1 in capitals.
  CHECK(title_of("", "<h1>And finally&amp;#8230; the budget passed</h1>") == "And finally\u2026 the budget passed");
  CHECK(title_of("", "<h1>Council Approves the Budget \u2013 What It Means</h1>") == "Council Approves the Budget");
  CHECK(title_of(meta, "<h1>Council Approves the Budget \u2013 Valley News</h1>") == "Council Approves the Budget");
  CHECK(title_of("<meta property=\"og:title\" content=\"Council Approves Budget\">", "<h1>COUNCIL APPROVES BUDGET</h1>") ==
        "Council Approves Budget");
}

TEST_CASE("breadcrumb titles, a domain name as the site, and an h1 that lost characters to '?'", "[html]") {
  const std::string body = "<p>The council approved a budget that gives schools more money, after a long debate, on Tuesday night.</p>";
  auto title_of = [&](const std::string& head, const std::string& h1s) {
    auto page = read_html_article("<html><head>" + head + "</head><body>" + h1s + "<div>" + body + "</div></body></html>");
    REQUIRE(page);
    return page->source.value("title", std::string());
  };
  // "Headline | Section | Site" repeats one separator: the headline is its first part; a separator
  // of another kind inside the headline stays.
  CHECK(title_of("", "<h1>Council Approves the Budget | Local News | Valley Daily</h1>") == "Council Approves the Budget");
  CHECK(title_of("<title>Council Approves the Budget - Schools - Valley Daily</title>", "") == "Council Approves the Budget");
  CHECK(title_of("<meta property=\"og:site_name\" content=\"Valley Daily\">",
                 "<h1>Council Approves the Budget | What Schools Get \u2014 Valley Daily</h1>") ==
        "Council Approves the Budget | What Schools Get");
  CHECK(title_of("", "<h1>Vote - Schools - Valley Daily</h1>") == "Vote - Schools");
  // A blog shows its domain as the <h1> and in front of <title>.
  CHECK(title_of("<title>valley.example.org Council Approves Budget</title>", "<h1>valley.example.org</h1>") ==
        "Council Approves Budget");
  CHECK(title_of("<title>valley.example.org Council Approves Budget</title>", "<h1>Council Approves Budget</h1>") ==
        "Council Approves Budget");
  // The h1 copied through a charset without ':' and '’': the metadata title has the characters.
  CHECK(title_of("<meta property=\"og:title\" content=\"Budget Basics: The Council\u2019s Plan\">",
                 "<h1>Budget Basics? The Council? Plan</h1>") == "Budget Basics: The Council\u2019s Plan");
  CHECK(title_of("<meta property=\"og:title\" content=\"Will the Council Approve the Budget?\">",
                 "<h1>Will the Council Approve It?</h1>") == "Will the Council Approve It?");
}

TEST_CASE("a page's declared charset decodes it, but valid UTF-8 wins over a wrong declaration", "[html]") {
  auto latin1 = read_html_article("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                                  "</head><body><p>Caf\xE9 cr\xE8me in S\xE3o Paulo, a long enough paragraph to be the article.</p></body></html>");
  REQUIRE(latin1);
  CHECK(latin1->text == "Café crème in São Paulo, a long enough paragraph to be the article.");
  CHECK(latin1->warnings.empty());
  auto mislabelled = read_html_article("<html><head><meta charset=\"windows-1252\"></head><body>"
                                       "<p>Café crème in São Paulo, a long enough paragraph to be the article.</p></body></html>");
  REQUIRE(mislabelled);
  CHECK(mislabelled->text == "Café crème in São Paulo, a long enough paragraph to be the article.");
  auto broken = read_html_article("<html><body><p>Caf\xE9 in a page that declares nothing, long enough to be the article.</p></body></html>");
  REQUIRE(broken);
  CHECK(broken->text == "Caf\uFFFD in a page that declares nothing, long enough to be the article.");
  REQUIRE(broken->warnings.size() == 1);
  CHECK(broken->warnings[0].code == "invalid-utf8");
}

TEST_CASE("a UTF-16 page with a byte-order mark is decoded", "[html]") {
  const std::string ascii = "<html><body><p>A page saved as UTF-16, long enough to count as the article's text.</p></body></html>";
  std::string utf16 = "\xFF\xFE";
  for (const char c : ascii) utf16 += std::string{c, '\0'};
  auto page = read_html_article(utf16);
  REQUIRE(page);
  CHECK(page->text == "A page saved as UTF-16, long enough to count as the article's text.");
}

TEST_CASE("hostile pages: binary data fails with not-text, and deep nesting and unterminated markup do not crash", "[html]") {
  auto binary = read_html_article(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  REQUIRE_FALSE(binary);
  CHECK(binary.error().code == "not-text");

  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>Buried text, deeper than any walk goes, which no one can read anyway.</p>";
  CHECK(read_html_article(deep));

  for (const char* page : {"<html><body><p>Before the comment, a paragraph of text.</p><!-- never closed <p>hidden</p>",
                           "<html><body><p>Before the script, a paragraph of text here.</p><script>var x = '<p>",
                           "<html><body><p", "<", "", "<html><head><meta charset=\"no-such-charset\"></head><body>\xFF\xFE</body>"}) {
    auto r = read_html_article(page);
    if (r) CHECK(r->text.find("hidden") == std::string::npos);
  }
  auto comment = read_html_article("<html><body><p>Before the comment, a paragraph of text.</p><!-- never closed <p>hidden</p>");
  REQUIRE(comment);
  CHECK(comment->text == "Before the comment, a paragraph of text.");
}
