#include "html/page_metadata.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "text/char_references.h"

namespace analyze {

namespace {

// Everything one walk over the page collects; read_page_metadata then picks by priority.
struct PageFacts {
  std::map<std::string, std::string> meta;  // lower-cased property/name/itemprop -> first content
  std::vector<Json> json_ld;                // the article objects of every JSON-LD script
  std::vector<Json> dated;                  // other JSON-LD objects with a datePublished (WebPage)
  std::string title_tag, first_time, canonical, language, author_link;
  std::vector<std::string> h1s;  // the page's distinct non-empty <h1> texts, in order (a few)
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_article_type(const Json& type) {
  static constexpr std::array<std::string_view, 8> kTypes = {"newsarticle", "article", "blogposting", "reportagenewsarticle",
                                                             "analysisnewsarticle", "opinionnewsarticle", "techarticle", "report"};
  if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article_type);
  if (!type.is_string()) return false;
  const std::string t = lower(type.get<std::string>());
  return std::find(kTypes.begin(), kTypes.end(), t) != kTypes.end();
}

// Article objects anywhere in a JSON-LD value (top level, arrays, @graph), at most 4 levels deep.
void collect_articles(const Json& v, int depth, PageFacts& facts) {
  if (depth > 4) return;
  if (v.is_array()) {
    for (const auto& e : v) collect_articles(e, depth + 1, facts);
  } else if (v.is_object()) {
    if (const auto t = v.find("@type"); t != v.end() && is_article_type(*t)) facts.json_ld.push_back(v);
    else if (v.contains("datePublished")) facts.dated.push_back(v);
    if (const auto g = v.find("@graph"); g != v.end()) collect_articles(*g, depth + 1, facts);
  }
}

void read_json_ld(const xmlNode* script, PageFacts& facts) {
  std::string text;
  for (const xmlNode* c = script->children; c; c = c->next)
    if (c->content) text += reinterpret_cast<const char*>(c->content);
  try {
    collect_articles(Json::parse(text), 0, facts);
  } catch (const Json::exception&) {
    // Broken JSON-LD is common; the page's other metadata still counts.
  }
}

// Pages often escape their metadata twice ("M&amp;#038;A" in og:title, "&#8217;" in JSON-LD).
std::string clean(std::string_view s) { return collapse_whitespace(decode_char_references(s)); }

void read_meta(const xmlNode* node, PageFacts& facts) {
  std::string_view key = attribute(node, "property");
  if (key.empty()) key = attribute(node, "name");
  if (key.empty()) key = attribute(node, "itemprop");
  const std::string_view content = attribute(node, "content");
  if (!key.empty() && !content.empty()) facts.meta.emplace(lower(key), clean(content));
}

// Keeps the first few distinct <h1> texts: an empty one (an icon) or a repeat (a mobile copy of the
// header) is no other headline.
void add_h1(std::string text, PageFacts& facts) {
  constexpr std::size_t kMaxH1s = 8;
  if (text.empty() || facts.h1s.size() == kMaxH1s || std::find(facts.h1s.begin(), facts.h1s.end(), text) != facts.h1s.end())
    return;
  facts.h1s.push_back(std::move(text));
}

void visit(const xmlNode* node, int depth, PageFacts& facts) {
  if (depth > kMaxHtmlDepth) return;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view tag = tag_of(c);
    if (tag == "meta") read_meta(c, facts);
    else if (tag == "script" && lower(attribute(c, "type")) == "application/ld+json") read_json_ld(c, facts);
    else if (tag == "title" && facts.title_tag.empty()) facts.title_tag = clean(collapsed_text(c));
    else if (tag == "h1") add_h1(clean(collapsed_text(c)), facts);
    else if (tag == "time" && facts.first_time.empty()) facts.first_time = std::string(attribute(c, "datetime"));
    else if (tag == "link" && lower(attribute(c, "rel")) == "canonical") facts.canonical = std::string(attribute(c, "href"));
    else if (tag == "a" && lower(attribute(c, "rel")) == "author" && facts.author_link.empty()) facts.author_link = collapsed_text(c);
    if (attribute(c, "itemprop") == "datePublished" && attribute(c, "content").empty())
      facts.meta.emplace("datepublished", std::string(attribute(c, "datetime")));
    if (tag != "script" && tag != "style") visit(c, depth + 1, facts);
  }
}

std::string string_of(const Json& v) {
  if (v.is_string()) return clean(v.get<std::string>());
  if (v.is_object()) {
    if (const auto n = v.find("name"); n != v.end()) return string_of(*n);
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) {
      const std::string s = string_of(e);
      if (s.empty()) continue;
      if (!out.empty()) out += ", ";
      out += s;
    }
    return out;
  }
  return "";
}

std::string from_json_ld(const std::vector<Json>& objects, const char* key) {
  for (const auto& a : objects)
    if (const auto v = a.find(key); v != a.end())
      if (std::string s = string_of(*v); !s.empty()) return s;
  return "";
}

std::string first_of(const PageFacts& f, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (const auto it = f.meta.find(k); it != f.meta.end() && !it->second.empty()) return it->second;
  return "";
}

// A breadcrumb title repeats one separator: "Headline | Section | Site" is its first part, when
// that is still a headline (at least three words).
std::string first_of_chain(const std::string& head, std::string_view sep) {
  const auto first = head.find(sep);
  if (first == std::string::npos) return head;
  const std::string segment = head.substr(0, first);
  return std::count(segment.begin(), segment.end(), ' ') >= 2 ? segment : head;
}

// "Headline | Site", "Headline - Site", "Headline – Shorter subtitle": the part before the last
// separator, when the rest names the site or is shorter and what remains is still a headline (at
// least three words).
std::string without_site_suffix(const std::string& title, const std::string& site) {
  static constexpr std::array<std::string_view, 7> kSeparators = {" | ", " - ", " – ", " — ", " :: ", " • ", " · "};
  std::size_t at = std::string::npos;
  std::string_view sep;
  for (const auto s : kSeparators)
    if (const auto found = title.rfind(s); found != std::string::npos && (at == std::string::npos || found > at)) at = found, sep = s;
  if (at == std::string::npos) return title;
  const std::string head = title.substr(0, at);
  const std::string tail = title.substr(at + sep.size());
  const bool tail_is_site = !site.empty() && lower(tail).find(lower(site)) != std::string::npos;
  if (tail_is_site || (std::count(head.begin(), head.end(), ' ') >= 2 && tail.size() < head.size())) return first_of_chain(head, sep);
  return title;
}

// "example.com Headline", "Site: Headline": the title without the site's name in front.
std::string without_site_prefix(const std::string& title, const std::string& site) {
  if (site.empty() || title.size() <= site.size() || lower(title.substr(0, site.size())) != lower(site)) return title;
  std::size_t rest = site.size();
  if (title[rest] != ' ' && title[rest] != ':') return title;
  while (rest < title.size() && (title[rest] == ' ' || title[rest] == ':' || title[rest] == '|' || title[rest] == '-')) ++rest;
  return rest < title.size() ? title.substr(rest) : title;
}

// "example.com", "news.example.co.uk": a site's name written as its domain.
bool is_domain_name(std::string_view s) {
  const auto dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || s.size() - dot - 1 < 2) return false;
  const auto host_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; };
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  return std::all_of(s.begin(), s.end(), host_char) && std::all_of(s.begin() + dot + 1, s.end(), letter);
}

// The site's name: the metadata's, else a domain name the page shows as an <h1> (a blog's header).
std::string site_of(const PageFacts& f, const std::string& declared) {
  if (!declared.empty()) return declared;
  const auto domain = std::find_if(f.h1s.begin(), f.h1s.end(), [](const std::string& h1) { return is_domain_name(h1); });
  return domain == f.h1s.end() ? "" : *domain;
}

bool has_lowercase(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Whether `shown` is `declared` with characters replaced by '?', as a conversion to a charset that
// lacks them leaves it ("Planning? Beginner? Guide" for "Planning: Beginner’s Guide"); a '?'
// stands for at most four bytes (one non-ASCII character and a letter).
bool is_degraded_copy(std::string_view shown, std::string_view declared) {
  constexpr std::size_t kMaxLost = 4;
  std::size_t i = 0, j = 0;
  bool replaced = false;
  while (i < shown.size() && j < declared.size()) {
    if (shown[i] == declared[j]) {
      ++i, ++j;
      continue;
    }
    if (shown[i] != '?') return false;
    replaced = true;
    ++i;
    std::size_t lost = 1;
    while (lost < kMaxLost && j + lost < declared.size() && i < shown.size() && declared[j + lost] != shown[i]) ++lost;
    j += lost;
  }
  return replaced && i == shown.size() && j == declared.size();
}

// The headline as readers see it: the page's <h1> (metadata titles are often rewritten for search
// engines) without a site suffix or subtitle; with several <h1>s (a logo, teasers), the first that
// a metadata title contains. An h1 that is (part of) the site's name is none; one in capitals is
// styling, and a metadata title has the headline's case. Otherwise the metadata title.
std::string pick_title(const PageFacts& f, const std::string& site) {
  std::string meta = from_json_ld(f.json_ld, "headline");
  if (meta.empty()) meta = first_of(f, {"og:title", "twitter:title", "dc.title", "headline"});
  const std::string titles = lower(meta + '\n' + first_of(f, {"twitter:title"}) + '\n' + f.title_tag);
  const auto names_site = [&](const std::string& h1) { return !site.empty() && lower(site).find(lower(h1)) != std::string::npos; };
  for (const std::string& h1 : f.h1s) {
    const bool in_metadata = titles.find(lower(h1)) != std::string::npos;
    if (names_site(h1) || (f.h1s.size() > 1 && !in_metadata)) continue;
    if (!has_lowercase(h1) && !(meta.empty() && f.title_tag.empty())) break;
    const std::string headline = without_site_suffix(h1, site);
    const std::string declared = without_site_suffix(meta, site);
    return is_degraded_copy(headline, declared) ? declared : headline;
  }
  if (meta.empty()) meta = f.h1s.empty() || names_site(f.h1s.front()) ? f.title_tag : f.h1s.front();
  return without_site_suffix(without_site_prefix(meta, site), site);
}

std::string pick_published(const PageFacts& f) {
  for (std::string d : {from_json_ld(f.json_ld, "datePublished"),
                        first_of(f, {"article:published_time", "og:article:published_time", "datepublished", "pubdate",
                                     "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date",
                                     "dc.date.issued", "dcterms.created", "date", "article.published", "published_time"}),
                        from_json_ld(f.dated, "datePublished"), f.first_time})
    if (!iso_date(d).empty()) return d;
  return "";
}

}  // namespace

std::string iso_date(std::string_view s) {
  if (s.size() < 10) return "";
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : !std::isdigit(static_cast<unsigned char>(s[i]))) return "";
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return "";
  return std::string(s.substr(0, 10));
}

PageMetadata read_page_metadata(const HtmlTree& tree) {
  PageFacts f;
  f.language = std::string(attribute(tree.root(), "lang"));
  visit(tree.root(), 0, f);
  PageMetadata m;
  m.site_name = first_of(f, {"og:site_name", "application-name"});
  if (m.site_name.empty())
    for (const auto& a : f.json_ld)
      if (const auto p = a.find("publisher"); p != a.end() && m.site_name.empty()) m.site_name = string_of(*p);
  m.title = pick_title(f, site_of(f, m.site_name));
  m.byline = from_json_ld(f.json_ld, "author");
  if (m.byline.empty()) m.byline = first_of(f, {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"});
  if (m.byline.empty()) m.byline = f.author_link;
  m.published = pick_published(f);
  m.url = f.canonical.empty() ? first_of(f, {"og:url"}) : f.canonical;
  m.language = f.language;
  return m;
}

Json source_json(const PageMetadata& m) {
  Json s = Json::object();
  s["format"] = "html";
  const std::pair<const char*, const std::string*> fields[] = {{"title", &m.title},         {"byline", &m.byline},
                                                               {"published", &m.published}, {"url", &m.url},
                                                               {"language", &m.language},   {"site_name", &m.site_name}};
  for (const auto& [key, value] : fields)
    if (!value->empty()) s[key] = *value;
  return s;
}

}  // namespace analyze
