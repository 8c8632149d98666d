#include "html/article_extractor.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace analyze {

namespace {

// Substrings of class and id values (lower-cased), after Readability's lists.
constexpr std::array<std::string_view, 36> kUnlikely = {
    "-ad-",    "ad-break", "agegate",  "banner",    "breadcrumb", "combx",   "comment",  "community", "consent",
    "cookie",  "cover-wrap", "disqus", "extra",     "footer",     "gdpr",    "header",   "legends",   "menu",
    "newsletter", "outbrain", "pager", "pagination", "popup",     "promo",   "related",  "remark",    "replies",
    "rss",     "share",    "shoutbox", "sidebar",   "skyscraper", "social",  "sponsor",  "subscribe", "taboola"};
constexpr std::array<std::string_view, 9> kMaybe = {"and", "article", "body", "column", "content", "main", "shadow", "story", "entry"};
constexpr std::array<std::string_view, 13> kPositive = {"article", "body",  "content", "entry", "hentry", "h-entry", "main",
                                                        "page",    "post",  "text",    "blog",  "story",  "prose"};
constexpr std::array<std::string_view, 23> kNegative = {
    "-ad-",  "banner",  "combx",  "comment", "com-",     "contact",  "footer", "gdpr",   "masthead", "media",  "meta",
    "outbrain", "promo", "related", "scroll", "share",  "shoutbox", "sidebar",  "skyscraper", "sponsor", "shopping", "tags", "widget"};

// Not text of the article: code, media, controls, and a figure's caption (a picture's description
// and credit, which readers skip and extraction benchmarks leave out).
constexpr std::array<std::string_view, 16> kDroppedTags = {"script", "style",  "noscript", "template", "svg",   "math",
                                                           "iframe", "object", "embed",    "canvas",   "textarea", "title",
                                                           "audio",  "video",  "map",      "figcaption"};
// Page furniture and controls. libxml2's HTML 4 parser does not always close these where the page
// does (it can leave the whole page inside an unclosed <header> or <button>), so one holding
// several paragraphs is kept.
constexpr std::array<std::string_view, 11> kFurnitureTags = {"nav",   "footer", "aside",  "header", "menu",  "button",
                                                             "label", "select", "option", "input",  "dialog"};
constexpr std::uint32_t kFurnitureParagraphs = 3;
template <std::size_t N>
bool contains_any(std::string_view haystack, const std::array<std::string_view, N>& needles) {
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view n) { return haystack.find(n) != std::string_view::npos; });
}
template <std::size_t N>
bool is_one_of(std::string_view s, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
bool starts_with_space(std::string_view s) {
  return !s.empty() && (is_space_byte(s.front()) || s.substr(0, 2) == "\xC2\xA0");
}
bool ends_with_space(std::string_view s) {
  return !s.empty() && (is_space_byte(s.back()) || (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0"));
}

bool is_heading(std::string_view tag) { return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'; }

// The attributes the extractor reads, from one walk over an element's attribute list (the first
// of a repeated name counts, as with `attribute`).
struct Attributes {
  std::string_view class_name, id, style, role, aria_hidden;
  bool hidden = false;
};

Attributes attributes_of(const xmlNode* node) {
  Attributes a;
  for (const xmlAttr* p = node->properties; p; p = p->next) {
    const std::string_view name(reinterpret_cast<const char*>(p->name));
    const std::string_view value = p->children && p->children->type == XML_TEXT_NODE && p->children->content
                                       ? std::string_view(reinterpret_cast<const char*>(p->children->content))
                                       : std::string_view();
    if (name == "class" && !a.class_name.data()) a.class_name = value;
    else if (name == "id" && !a.id.data()) a.id = value;
    else if (name == "style" && !a.style.data()) a.style = value;
    else if (name == "role" && !a.role.data()) a.role = value;
    else if (name == "aria-hidden" && !a.aria_hidden.data()) a.aria_hidden = value;
    else if (name == "hidden") a.hidden = true;
  }
  return a;
}

std::string class_and_id(const Attributes& a) {
  std::string s;
  s.reserve(a.class_name.size() + 1 + a.id.size());
  s.append(a.class_name);
  s += ' ';
  s.append(a.id);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// What the extractor knows of one element that was not dropped.
struct NodeInfo {
  xmlNode* node = nullptr;
  std::int32_t parent = -1;
  std::uint32_t text = 0;       // visible non-space bytes in the subtree
  std::uint32_t link_text = 0;  // of which inside <a>
  std::uint32_t commas = 0;
  std::uint32_t paragraphs = 0, list_items = 0, images = 0, inputs = 0, embeds = 0;
  std::uint32_t block_children = 0;
  std::uint32_t paragraph_text = 0;  // text of the paragraphs below with few links: the article's kind
  int weight = 0;  // class/id hints
  double score = 0;
  bool candidate = false;
  bool long_sentence = false;  // has ". " in its own text
  double link_density() const { return text ? static_cast<double>(link_text) / text : 0.0; }
};

// React's streamed server rendering sends late content in <div hidden id="S:0">, which a script
// moves into the page: it is shown.
bool is_streamed_content(std::string_view id) {
  return id.size() > 2 && id.substr(0, 2) == "S:" &&
         std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool hidden(const Attributes& a) {
  if ((!a.hidden || is_streamed_content(a.id)) && a.aria_hidden != "true") {
    if (a.style.empty()) return false;
    std::string style(a.style);
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
  }
  return true;
}

bool unlikely_candidate(std::string_view role, std::string_view tag, const std::string& hints) {
  static constexpr std::array<std::string_view, 9> kKept = {"body", "a", "table", "tbody", "tr", "td", "th", "article", "main"};
  if (is_one_of(tag, kKept)) return false;
  if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "dialog" || role == "menu" ||
      role == "menubar" || role == "complementary" || role == "alertdialog")
    return true;
  return contains_any(hints, kUnlikely) && !contains_any(hints, kMaybe);
}

// Whether `hints` holds the class or id `word` itself: "hidden", not the layout class
// "overflow-hidden" of utility CSS (Tailwind), which hides none of the element's text.
bool has_word(std::string_view hints, std::string_view word) {
  for (std::size_t at = hints.find(word); at != std::string_view::npos; at = hints.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || hints[at - 1] == ' ') && (end == hints.size() || hints[end] == ' ')) return true;
  }
  return false;
}

int class_weight(const std::string& hints) {
  int w = 0;
  if (contains_any(hints, kNegative) || has_word(hints, "hidden")) w -= 25;
  if (contains_any(hints, kPositive)) w += 25;
  return w;
}

// Readability's passes: each drops one of its aggressive rules, for pages where it removed the
// article itself (a wrapper whose class says "header"), until the text is long enough.
struct Pass {
  bool drop_unlikely = true;
  bool weigh_classes = true;
  bool clean_containers = true;
};
constexpr std::array<Pass, 4> kPasses = {Pass{true, true, true}, Pass{false, true, true}, Pass{false, false, true},
                                         Pass{false, false, false}};
constexpr std::size_t kEnoughText = 500;
constexpr std::size_t kAlternatives = 5;
constexpr std::size_t kMinShared = 3;
constexpr int kWidenLevels = 4;

class Extractor {
 public:
  // From the root, not <body>: libxml2 leaves a page's content inside <head> when an element it does not
  // allow there (an HTML5 <header>) comes first.
  Extractor(const HtmlTree& tree, std::string_view headline) : root_(tree.root()), headline_(headline) {}
  ~Extractor() { forget(); }

  std::string run() {
    std::string best;
    for (const Pass& pass : kPasses) {
      std::string text = run(pass);
      if (text.size() >= kEnoughText) return text;
      if (text.size() > best.size()) best = std::move(text);
    }
    return best;
  }

 private:
  std::string run(const Pass& pass) {
    forget();
    pass_ = pass;
    index(root_, -1, 0);
    score_paragraphs();
    const std::int32_t top = top_candidate();
    if (top >= 0) emit_with_siblings(top);
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
    return std::move(out_);
  }

  // Forgets the nodes from `first` on: a subtree, since nodes are numbered in document order.
  void drop_from(std::size_t first) {
    for (std::size_t i = first; i < nodes_.size(); ++i) nodes_[i].node->_private = nullptr;
    nodes_.resize(first);
  }

  // Clears what a pass left in the tree's nodes, so that the next pass starts afresh.
  void forget() {
    for (auto& n : nodes_) n.node->_private = nullptr;
    nodes_.clear();
    out_.clear();
  }

  NodeInfo* info(const xmlNode* n) {
    const auto i = reinterpret_cast<std::intptr_t>(n->_private);
    return i > 0 ? &nodes_[static_cast<std::size_t>(i - 1)] : nullptr;
  }
  std::int32_t index_of(const xmlNode* n) const { return static_cast<std::int32_t>(reinterpret_cast<std::intptr_t>(n->_private) - 1); }

  void count_text(std::string_view s, NodeInfo& into) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
      ++into.text;
      into.commas += c == ',';
      if (c == '.' && i + 1 < s.size() && s[i + 1] == ' ') into.long_sentence = true;
    }
  }

  // Post-order: every kept element gets a NodeInfo (its index + 1 in _private); dropped ones none.
  void index(xmlNode* node, std::int32_t parent, int depth) {
    const auto me = static_cast<std::int32_t>(nodes_.size());
    nodes_.push_back({});
    nodes_[me].node = node;
    nodes_[me].parent = parent;
    node->_private = reinterpret_cast<void*>(static_cast<std::intptr_t>(me) + 1);
    for (xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        count_text(reinterpret_cast<const char*>(c->content ? c->content : reinterpret_cast<const xmlChar*>("")), nodes_[me]);
        continue;
      }
      if (c->type != XML_ELEMENT_NODE || depth >= kMaxHtmlDepth) continue;
      const std::string_view tag = tag_of(c);
      if (is_one_of(tag, kDroppedTags)) continue;
      const Attributes attributes = attributes_of(c);
      if (hidden(attributes)) continue;
      const std::string hints = class_and_id(attributes);
      if (pass_.drop_unlikely && unlikely_candidate(attributes.role, tag, hints)) continue;
      const auto child = static_cast<std::int32_t>(nodes_.size());
      index(c, me, depth + 1);
      NodeInfo& ci = nodes_[child];
      if (is_one_of(tag, kFurnitureTags) && ci.paragraphs < kFurnitureParagraphs) {
        drop_from(static_cast<std::size_t>(child));
        continue;
      }
      ci.weight = pass_.weigh_classes ? class_weight(hints) : 0;
      NodeInfo& mi = nodes_[me];
      if (tag == "a") ci.link_text = ci.text;
      mi.text += ci.text;
      mi.link_text += ci.link_text;
      mi.commas += ci.commas;
      mi.paragraphs += ci.paragraphs + (tag == "p");
      mi.list_items += ci.list_items + (tag == "li");
      mi.images += ci.images + (tag == "img");
      mi.inputs += ci.inputs;
      mi.embeds += ci.embeds;
      mi.block_children += is_block_tag(tag);
      const bool paragraph = scorable(ci) && ci.text >= 25 && ci.link_density() < 0.25;
      mi.paragraph_text += paragraph ? ci.text : ci.paragraph_text;
    }
  }

  bool scorable(const NodeInfo& n) const {
    const std::string_view tag = tag_of(n.node);
    if (tag == "p" || tag == "pre" || tag == "td" || tag == "blockquote") return true;
    return (tag == "div" || tag == "section" || tag == "article") && n.block_children == 0;
  }

  void init_candidate(NodeInfo& n) {
    if (n.candidate) return;
    n.candidate = true;
    const std::string_view tag = tag_of(n.node);
    if (tag == "div" || tag == "article" || tag == "main") n.score = 5;
    else if (tag == "pre" || tag == "td" || tag == "blockquote") n.score = 3;
    else if (tag == "ol" || tag == "ul" || tag == "dl" || tag == "dd" || tag == "dt" || tag == "li" || tag == "form") n.score = -3;
    else if (is_heading(tag) || tag == "th") n.score = -5;
    n.score += n.weight;
  }

  void score_paragraphs() {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const NodeInfo& p = nodes_[i];
      if (!scorable(p) || p.text < 25 || p.parent < 0) continue;
      const double s = 1 + p.commas + std::min(3u, p.text / 100);
      std::int32_t a = p.parent;
      for (int level = 0; a >= 0 && level < 5; ++level, a = nodes_[static_cast<std::size_t>(a)].parent) {
        NodeInfo& anc = nodes_[static_cast<std::size_t>(a)];
        init_candidate(anc);
        anc.score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
      }
    }
    for (auto& n : nodes_)
      if (n.candidate) n.score *= 1 - n.link_density();
  }

  std::int32_t top_candidate() {
    std::vector<std::int32_t> best;  // the five best candidates, best first
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      if (!nodes_[i].candidate) continue;
      best.push_back(static_cast<std::int32_t>(i));
      std::sort(best.begin(), best.end(), [&](std::int32_t a, std::int32_t b) { return score_of(a) > score_of(b); });
      if (best.size() > kAlternatives + 1) best.pop_back();
    }
    if (best.empty()) return nodes_.empty() ? -1 : 0;
    return widen(climb(shared_ancestor(best)));
  }

  // The article may go on in blocks the scorer credited to other ancestors (page builders put
  // each paragraph in its own nest of <div>s): an ancestor a few levels up is taken when what it
  // adds is mostly paragraph text, and at least a fifth more of it.
  std::int32_t widen(std::int32_t top) const {
    std::int32_t cur = top;
    int misses = 0;
    for (std::int32_t a = parent_of(cur); a > 0 && misses < kWidenLevels; a = parent_of(a)) {
      const NodeInfo& wider = nodes_[static_cast<std::size_t>(a)];
      const NodeInfo& now = nodes_[static_cast<std::size_t>(cur)];
      const double gain = static_cast<double>(wider.paragraph_text) - now.paragraph_text;
      const double other = static_cast<double>(wider.text) - now.text - gain;
      if (gain > 0.2 * now.paragraph_text && other < gain) {
        cur = a;
        misses = 0;
      } else {
        ++misses;
      }
    }
    return cur;
  }

  double score_of(std::int32_t i) const { return nodes_[static_cast<std::size_t>(i)].score; }
  std::int32_t parent_of(std::int32_t i) const { return nodes_[static_cast<std::size_t>(i)].parent; }

  // Readability's rule for articles cut into sibling blocks (page builders): when at least three
  // of the runners-up score nearly as high as the best, the nearest ancestor of the best that
  // holds three of them holds the article.
  std::int32_t shared_ancestor(const std::vector<std::int32_t>& best) const {
    const std::int32_t top = best.front();
    std::vector<std::int32_t> close;
    for (std::size_t i = 1; i < best.size(); ++i)
      if (score_of(best[i]) >= 0.75 * score_of(top)) close.push_back(best[i]);
    if (close.size() < kMinShared) return top;
    for (std::int32_t a = parent_of(top); a > 0; a = parent_of(a)) {
      std::size_t holds = 0;
      for (std::int32_t c : close) {
        std::int32_t up = c;
        while (up > a) up = parent_of(up);  // ancestors have smaller numbers
        holds += up == a;
      }
      if (holds >= kMinShared) return a;
    }
    return top;
  }

  // Readability's rule: walking up, a parent scoring higher than the child it came from holds
  // more of the article; a parent with a single child is the same block.
  std::int32_t climb(std::int32_t top) {
    double last = nodes_[static_cast<std::size_t>(top)].score;
    const double threshold = last / 3;
    for (std::int32_t p = nodes_[static_cast<std::size_t>(top)].parent; p > 0; p = nodes_[static_cast<std::size_t>(p)].parent) {
      const NodeInfo& n = nodes_[static_cast<std::size_t>(p)];
      if (!n.candidate) continue;
      if (n.score < threshold) break;
      if (n.score > last) {
        top = p;
        break;
      }
      last = n.score;
    }
    for (std::int32_t p = nodes_[static_cast<std::size_t>(top)].parent; p > 0 && element_children(nodes_[static_cast<std::size_t>(p)].node) == 1;
         p = nodes_[static_cast<std::size_t>(p)].parent)
      top = p;
    return top;
  }

  static int element_children(const xmlNode* n) {
    int count = 0;
    for (const xmlNode* c = n->children; c; c = c->next) count += c->type == XML_ELEMENT_NODE;
    return count;
  }

  bool sibling_belongs(const NodeInfo& top, const NodeInfo& s) const {
    const double threshold = std::max(10.0, top.score * 0.2);
    double bonus = 0;
    if (!attribute(top.node, "class").empty() && attribute(top.node, "class") == attribute(s.node, "class")) bonus = top.score * 0.2;
    if (s.candidate && s.score + bonus >= threshold) return true;
    if (tag_of(s.node) != "p") return false;
    const double density = s.link_density();
    return (s.text > 80 && density < 0.25) || (s.text > 0 && s.text <= 80 && density == 0 && s.long_sentence);
  }

  void emit_with_siblings(std::int32_t top) {
    const NodeInfo& t = nodes_[static_cast<std::size_t>(top)];
    if (t.parent < 0) {
      emit_element(t.node, 0);
      return;
    }
    for (xmlNode* c = nodes_[static_cast<std::size_t>(t.parent)].node->children; c; c = c->next) {
      const NodeInfo* s = c->type == XML_ELEMENT_NODE ? info(c) : nullptr;
      if (s && (s == &t || sibling_belongs(t, *s))) emit_element(c, 0);
    }
  }

  // Readability's conditional cleaning of containers inside the article: link lists, image
  // galleries, forms and short fragments that are not paragraphs of the text.
  bool boilerplate_container(const NodeInfo& n) const {
    const std::string_view tag = tag_of(n.node);
    if (is_heading(tag)) return n.weight < 0 || (tag == "h1" && same_as_headline(n.node));
    const bool list = tag == "ul" || tag == "ol";
    if (!pass_.clean_containers) return false;
    if (!list && tag != "div" && tag != "section" && tag != "table" && tag != "form" && tag != "fieldset" && tag != "figure") return false;
    const double density = n.link_density();
    // A list starts with a negative score (Readability's -3 for ul/ol), which a list of text
    // items, few of them links, has not earned: it is the article's ("Key takeaways", steps).
    const bool text_list = list && n.weight >= 0 && density < 0.2;
    if (n.weight + (n.candidate ? n.score : 0) < 0 && !text_list) return true;
    if (n.commas >= 10) return false;
    const bool container = list || n.block_children > 0;
    if (!container) return n.weight < 0 && density > 0.5;
    if (n.images > 1 && n.paragraphs * 2 < n.images) return true;
    if (!list && n.list_items > n.paragraphs + 100) return true;
    if (n.inputs * 3 > n.paragraphs) return n.inputs > 0;
    if (!list && n.text < 25 && (n.images == 0 || n.images > 2)) return true;
    if (n.weight < 25 && density > 0.2) return true;
    if (n.weight >= 25 && density > 0.5) return true;
    return (n.embeds == 1 && n.text < 75) || n.embeds > 1;
  }

  bool same_as_headline(const xmlNode* h) const {
    return !headline_.empty() && collapsed_text(h) == headline_;
  }

  void text_break(int newlines) {
    if (out_.empty() || newlines == 0) return;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    int have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
    for (; have < newlines; ++have) out_ += '\n';
  }

  void emit_text(std::string_view s, bool preformatted) {
    if (preformatted) {
      out_.append(s);
      return;
    }
    if (starts_with_space(s) && !out_.empty() && out_.back() != '\n' && out_.back() != ' ') out_ += ' ';
    const std::size_t before = out_.size();
    append_collapsed(s, out_);
    if (out_.size() > before && ends_with_space(s)) out_ += ' ';
  }

  void emit_element(const xmlNode* node, int depth) {
    const NodeInfo* n = info(node);
    if (!n || depth > kMaxHtmlDepth || boilerplate_container(*n)) return;
    const std::string_view tag = tag_of(node);
    const int gap = tag == "li" || tag == "tr" || tag == "dt" || tag == "dd" ? 1 : is_block_tag(tag) ? 2 : 0;
    text_break(gap);
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        emit_text(c->content ? reinterpret_cast<const char*>(c->content) : "", tag == "pre");
      else if (tag_of(c) == "br")
        text_break(1);
      else if (tag_of(c) == "td" || tag_of(c) == "th") {
        if (!out_.empty() && out_.back() != '\n' && out_.back() != ' ') out_ += ' ';
        emit_element(c, depth + 1);
      } else if (c->type == XML_ELEMENT_NODE)
        emit_element(c, depth + 1);
    }
    text_break(gap);
  }

  xmlNode* root_;
  std::string headline_;
  Pass pass_;
  std::vector<NodeInfo> nodes_;
  std::string out_;
};

}  // namespace

std::string extract_article_text(const HtmlTree& tree, std::string_view headline) {
  return Extractor(tree, headline).run();
}

}  // namespace analyze
