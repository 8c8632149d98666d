#include "entities/entity_linker.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <optional>
#include <tuple>

#include "core/string_set.h"
#include "text/dateline.h"
#include "text/headline.h"
#include "core/utf8.h"

namespace analyze {

namespace {

// Words that make a title right before a name ("President", "Mr."), matched lower-cased.
constexpr std::string_view kTitleWords[] = {
    "prof.", "professor", "lord", "lady", "president", "president-elect", "vice-president", "minister", "premier", "chancellor", "secretary",
    "secretary-general", "governor", "gov.", "senator", "sen.", "representative", "rep.", "congressman",
    "congresswoman", "mayor", "judge", "justice", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop",
    "archbishop", "rev.", "reverend", "rabbi", "imam", "sheikh", "ayatollah", "emir", "sultan", "ambassador", "envoy",
    "commissioner", "chairman", "chairwoman", "ceo", "spokesman", "spokeswoman", "speaker", "leader", "general",
    "gen.", "colonel", "col.", "lieutenant", "lt.", "captain", "capt.", "sergeant", "sgt.", "commander", "cmdr.",
    "admiral", "adm.", "major", "maj.", "coach", "detective", "attorney", "agent", "officer", "mp", "msp", "mla", "mep",
    "councillor", "cllr", "boss", "manager", "director", "founder", "executive", "head", "owner", "editor",
    "presenter", "chair", "chairperson"};
// Honorifics: they mark a name as a person's ("Mr Jordan") but name no function, so are no role.
constexpr std::string_view kHonorifics[] = {"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "mx", "dr.", "dr", "sir", "dame"};
// Words that may stand before a title ("former President", "Prime Minister", "then-Governor").
constexpr std::string_view kTitleModifiers[] = {
    "former", "late", "then", "acting", "interim", "deputy", "vice", "prime", "foreign", "defense", "defence",
    "finance", "interior", "home", "state", "chief", "outgoing", "incoming", "current", "sitting", "ex",
    "assistant", "senior", "grand", "crown", "supreme", "first", "of", "-"};

enum TitleKind : std::uint32_t { kTitleWord = 1, kTitleModifier = 2, kHonorific = 3 };

// kTitleWord, kTitleModifier or HashIndex::kAbsent for a token's form.
std::uint32_t title_kind(const HashIndex& titles, std::string_view form) { return titles.find(lowercase_hash(form)); }

// Connectives left out of an acronym's letters ("Organization of American States" -> "OAS").
bool acronym_skip(std::string_view word) {
  return word == "of" || word == "the" || word == "and" || word == "for" || word == "&" || word == "de";
}

bool is_possessive(std::string_view form) { return form == "'s" || form == "'S" || form == "'"; }

constexpr std::uint32_t kNoEntry = 0xFFFFFFFFu;

bool is_square_bracket(std::string_view form) { return form == "[" || form == "]"; }

// Tokens [begin, end) as written, apostrophes and quotes folded, one space where the text has
// whitespace: "El Salvador", "U.S.", "Guinea-Bissau". Square brackets mark an editor's insertion
// into a quotation ("Fred [VanVleet]"): the name is written without them.
std::string surface(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  std::string s;
  bool space = false;
  for (std::uint32_t i = begin; i < end; ++i) {
    space = space || (i > begin && doc.tokens[i].begin > doc.tokens[i - 1].end);
    const std::string_view form = doc.form(doc.tokens[i]);
    if (is_square_bracket(form)) continue;
    if (space && !s.empty()) s += ' ';
    s += form;
    space = false;
  }
  return s;
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> words;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t sp = s.find(' ', pos);
    const std::size_t end = sp == std::string_view::npos ? s.size() : sp;
    if (end > pos) words.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

// Whether every word of `a` appears in `b`, in order.
bool is_subsequence(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t j = 0;
  for (const auto& w : a) {
    while (j < b.size() && b[j] != w) ++j;
    if (j == b.size()) return false;
    ++j;
  }
  return true;
}

bool is_prefix(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// "UN" / "U.N." against "United Nations": the capital letters of `acronym` are the initials of
// the words of `name` (connectives left out).
std::string acronym_letters(std::string_view acronym) {
  std::string letters;
  for (const char c : acronym) {
    if (c >= 'A' && c <= 'Z') letters += c;
    else if (c != '.') return "";
  }
  return letters.size() < 2 || letters.size() > 6 ? "" : letters;
}

std::string initials(std::string_view name) {
  std::string out;
  for (const auto w : words_of(name)) {
    if (acronym_skip(utf8::to_lower(w))) continue;
    const char c = w.front();
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c;
  }
  return out;
}

bool abbreviates(std::string_view acronym, std::string_view name) {
  const std::string letters = acronym_letters(acronym);
  return !letters.empty() && letters == initials(name);
}

bool all_caps(std::string_view s) {
  bool letter = false;
  for (const char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    letter = letter || (c >= 'A' && c <= 'Z');
  }
  return letter;
}

// A mention in the headline counts three times, one in the lead paragraph twice.
constexpr double kHeadlineBonus = 2.0;
constexpr double kLeadBonus = 1.0;

double type_weight(EntityType type) {
  // People and organisations act in a story; places and nationalities mostly set its scene, and a
  // country named in every other sentence ("U.S. policy") is rarely what the article is about.
  switch (type) {
    case EntityType::kPerson: return 1.0;
    case EntityType::kOrganization: return 1.0;
    case EntityType::kLocation: return 0.7;
    case EntityType::kMisc: return 0.6;
  }
  return 1.0;
}

// A mention on its way into an entity.
struct Draft {
  std::uint32_t token_begin = 0, token_end = 0;
  EntityType type = EntityType::kMisc;
  std::uint32_t entry = kNoEntry;
  std::string surface;  // "Trump", "U.S."
  std::string key;      // lower-cased canonical name, or lower-cased surface
  std::string role;     // "former President"
  std::uint32_t group = 0;
};

struct Span {
  std::uint32_t token_begin = 0, token_end = 0;
  EntityType type = EntityType::kMisc;
  std::uint32_t entry = kNoEntry;  // set for --gazetteer matches
};

std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t g) {
  while (parent[g] != g) g = parent[g] = parent[parent[g]];
  return g;
}

// Where the headline and the lead paragraph are, and how many paragraphs carry content.
struct ArticleShape {
  std::uint32_t headline = kNoHeadline;  // paragraph index
  std::uint32_t lead = kNoHeadline;      // the first content paragraph after the headline
  std::uint32_t content_paragraphs = 0;
};

ArticleShape article_shape(const Document& doc) {
  ArticleShape shape;
  shape.headline = headline_paragraph(doc);
  for (std::uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& para = doc.paragraphs[p];
    if (para.boilerplate || para.sentence_end == para.sentence_begin) continue;
    ++shape.content_paragraphs;
    if (shape.lead == kNoHeadline && p != shape.headline) shape.lead = p;
  }
  return shape;
}

// Whether tokens [begin, end) are exactly a place name the gazetteer knows.
bool is_place(const Document& doc, const Gazetteer& gazetteer, std::uint32_t begin, std::uint32_t end) {
  for (const std::uint32_t e : gazetteer.lookup(doc, begin, end))
    if (gazetteer.entry(e).type == EntityType::kLocation) return true;
  return false;
}

// Whether the gazetteer knows tokens [begin, end), or a part of them, as a name of this type
// ("Italy" in "Northern Italy").
bool holds_known_name(const Document& doc, const Gazetteer* gazetteer, std::uint32_t begin, std::uint32_t end,
                      EntityType type) {
  if (!gazetteer) return false;
  for (std::uint32_t b = begin; b < end; ++b)
    for (std::uint32_t e = b + 1; e <= end; ++e)
      for (const std::uint32_t entry : gazetteer->lookup(doc, b, e))
        if (gazetteer->entry(entry).type == type) return true;
  return false;
}

bool adjacent(const Document& doc, std::uint32_t token) { return doc.tokens[token].begin == doc.tokens[token - 1].end; }

// Generic and format acronyms, titles and time zones the tagger takes for names, lower-cased: a
// span that is one of them, or a time ("8am"), names nothing.
constexpr std::string_view kNotNames[] = {
    "dvd", "dvds", "vhs", "cd", "cds", "sms", "mms", "gps", "pdf", "usb", "tv", "hd", "hr", "sti", "stis", "gdp",
    "ceo", "cfo", "mp", "mps", "msp", "msps", "ms", "pm", "pcc", "qc", "kc", "gmt", "bst", "utc", "est", "edt",
    "pst", "pdt", "cst", "cdt", "cet", "cest"};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool is_time(std::string_view lower) {
  if (lower.empty() || lower.front() < '0' || lower.front() > '9') return false;
  return ends_with(lower, "am") || ends_with(lower, "pm") || ends_with(lower, "a.m.") || ends_with(lower, "p.m.");
}

// Whether tokens [begin, end) are a generic acronym, a title, a time zone or a time.
bool names_nothing(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  const std::string lower = utf8::to_lower(surface(doc, begin, end));
  return is_time(lower) || std::find(std::begin(kNotNames), std::end(kNotNames), lower) != std::end(kNotNames);
}

bool has_capital(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) ||
         std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool is_dash(std::string_view form) { return form == "-" || form == "--" || form == "\u2013" || form == "\u2014"; }

// Function words and greetings capitalised only because they open a sentence or a quotation
// ("Both e-POWER models", "Let it be", "Hi!"), lower-cased: no name starts with one there.
constexpr std::string_view kSentenceOpeners[] = {
    "both", "let", "hi", "hello", "after", "before", "when", "while", "if", "as", "but", "and", "or", "so", "yet",
    "with", "without", "from", "for", "at", "in", "on", "by", "to", "this", "that", "these", "those", "it", "its",
    "his", "her", "their", "our", "my", "your", "we", "they", "he", "she", "you", "yes", "no", "thanks", "dear",
    "meanwhile", "however", "although", "though", "since", "until", "despite"};

// Whether token k opens a sentence or a quotation ("Hi! ...", ': "Both ...').
bool opens_sentence(const Document& doc, std::uint32_t k) {
  if (k == doc.sentences[doc.tokens[k].sentence].token_begin) return true;
  const std::string_view before = doc.form(doc.tokens[k - 1]);
  return before == "\"" || before == "\u201c" || before == ":";
}

bool opens_sentence_only(const Document& doc, std::uint32_t k) {
  if (!opens_sentence(doc, k)) return false;
  const std::string lower = utf8::to_lower(doc.form(doc.tokens[k]));
  return std::find(std::begin(kSentenceOpeners), std::end(kSentenceOpeners), lower) != std::end(kSentenceOpeners);
}

// Punctuation no name starts or ends with: dashes, quotes, an opening bracket at the end, a closing
// one at the start ("Fred [", "- Emma"; not the ")" of "Mladost (L)" nor the "$" of "C$").
bool is_edge_junk(std::string_view form, bool at_start) {
  return is_dash(form) || form == "\"" || form == "'" || form == "\u201c" || form == "\u201d" ||
         form == (at_start ? ")" : "(") || form == (at_start ? "]" : "[") || form == "," || form == ":";
}

// A dash with space on a side ("Dublin - it was"), which no name crosses.
bool is_spaced_dash(const Document& doc, std::uint32_t k) {
  return is_dash(doc.form(doc.tokens[k])) &&
         ((k > 0 && !adjacent(doc, k)) || (k + 1 < doc.tokens.size() && !adjacent(doc, k + 1)));
}

// Whether the span starting at token k continues a list after a comma and a capitalised word
// ("Rogers, Bell Canada and Telus Corp": the tagger left the first name out). After a preposition
// the word and the comma close an opening phrase instead ("In London, Marks and Spencer").
bool continues_list(const Document& doc, std::uint32_t k) {
  if (k < 2 || opens_sentence(doc, k - 1) || doc.form(doc.tokens[k - 1]) != ",") return false;
  if (!has_capital(doc.form(doc.tokens[k - 2]).substr(0, 1))) return false;
  if (opens_sentence(doc, k - 2)) return true;
  const std::string lower = utf8::to_lower(doc.form(doc.tokens[k - 3]));
  return std::find(std::begin(kSentenceOpeners), std::end(kSentenceOpeners), lower) == std::end(kSentenceOpeners);
}

// Where a span is cut: at a spaced dash, and at the commas and the "and" of a list ("Facebook,
// Instagram and Twitter", or its end "[Rogers,] Bell Canada and Telus Corp"; not "Marks and
// Spencer" nor "Washington, D.C.", which lack the other, nor "Ministry of Land, Infrastructure and
// Transport", whose list is inside the name).
std::vector<std::uint32_t> cut_points(const Document& doc, const Span& s) {
  std::vector<std::uint32_t> cuts;
  std::uint32_t last_comma = 0;
  const bool after_list_comma = continues_list(doc, s.token_begin);
  bool list = false, inside_name = false;
  for (std::uint32_t k = s.token_begin; k < s.token_end; ++k) {
    const std::string_view form = doc.form(doc.tokens[k]);
    if (form == ",") last_comma = k;
    inside_name = inside_name || (!last_comma && form == "of");
    list = list || ((last_comma || after_list_comma) && !inside_name && (form == "and" || form == "&"));
  }
  for (std::uint32_t k = s.token_begin; k < s.token_end; ++k) {
    const std::string_view form = doc.form(doc.tokens[k]);
    if (is_spaced_dash(doc, k) || (list && (form == "," || form == "and" || form == "&"))) cuts.push_back(k);
  }
  return cuts;
}

// The end of a name the tagger ended inside an editor's square brackets ("Fred [VanVleet]"): after
// the closing bracket.
std::uint32_t end_over_bracket(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  int open = 0;
  for (std::uint32_t k = begin; k < end; ++k) open += doc.form(doc.tokens[k]) == "[" ? 1 : doc.form(doc.tokens[k]) == "]" ? -1 : 0;
  const std::uint32_t sentence_end = doc.sentences[doc.tokens[end - 1].sentence].token_end;
  return open > 0 && end < sentence_end && doc.form(doc.tokens[end]) == "]" ? end + 1 : end;
}

// Whether a word is all lower-case ASCII letters and no company suffix ("hospital", not "plc"): no
// name ends with one after a space ("the Starship hospital"; the noun then votes for the name's
// type). Joined to the word before, it is part of that word ("Medell&iacute;n").
bool is_common_word(std::string_view form) {
  return !form.empty() && std::all_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
         form != "plc" && form != "ltd" && form != "inc" && form != "llc" && form != "co";
}

// One piece of a span, trimmed: punctuation off its edges, a function word opening the sentence off
// its start, title words and common lower-case words off its end ("US President" is the place that
// qualifies the title, "Starship hospital" the hospital Starship), a title and "for" off its start ("MP for Somerton and
// Frome" is the constituency, a place), "-based" off its end ("Boston-based" is the place Boston).
// Empty if it is not MISC and names nothing: no capital letter ("ker", a drop cap's leftover), a
// generic acronym, a zone or a time.
Span trimmed(const Document& doc, Span s, const HashIndex& titles) {
  const auto form = [&](std::uint32_t k) { return doc.form(doc.tokens[k]); };
  while (s.token_begin < s.token_end && (is_edge_junk(form(s.token_begin), true) || opens_sentence_only(doc, s.token_begin)))
    ++s.token_begin;
  while (s.token_end > s.token_begin && is_edge_junk(form(s.token_end - 1), false)) --s.token_end;
  if (s.token_end - s.token_begin >= 3 && form(s.token_end - 1) == "based" && form(s.token_end - 2) == "-" &&
      adjacent(doc, s.token_end - 1) && adjacent(doc, s.token_end - 2)) {
    s.token_end -= 2;
    s.type = EntityType::kLocation;
  }
  if (s.token_end - s.token_begin >= 3 && title_kind(titles, form(s.token_begin)) != HashIndex::kAbsent &&
      form(s.token_begin + 1) == "for") {
    s.token_begin += 2;
    s.type = EntityType::kLocation;
  }
  if (s.type != EntityType::kPerson)
    while (s.token_end > s.token_begin + 1 && title_kind(titles, form(s.token_end - 1)) == kTitleWord) --s.token_end;
  if (s.type != EntityType::kMisc)
    while (s.token_end > s.token_begin + 1 && !adjacent(doc, s.token_end - 1) && is_common_word(form(s.token_end - 1)))
      --s.token_end;
  // MISC spans are no row of the entity table: "GMT" and "C$" stay what the tagger said.
  if (s.token_begin < s.token_end && s.type != EntityType::kMisc &&
      (!has_capital(surface(doc, s.token_begin, s.token_end)) || names_nothing(doc, s.token_begin, s.token_end)))
    s.token_end = s.token_begin;
  return s;
}

// A span cut at dashes and list separators into trimmed pieces, the empty ones left out.
std::vector<Span> pieces_of(const Document& doc, const Span& s, const HashIndex& titles) {
  std::vector<Span> pieces;
  std::uint32_t begin = s.token_begin;
  std::vector<std::uint32_t> cuts = cut_points(doc, s);
  cuts.push_back(s.token_end);
  for (const std::uint32_t cut : cuts) {
    if (const Span piece = trimmed(doc, {begin, cut, s.type, s.entry}, titles); piece.token_end > piece.token_begin)
      pieces.push_back(piece);
    begin = cut + 1;
  }
  return pieces;
}

// A piece made a mention: possessives and a PERSON's titles cut off, "U.S.-Latin America" split at
// the hyphen when both sides are known places and the whole is none.
void add_mention(const Document& doc, Span s, const Gazetteer* gazetteer, const HashIndex& titles, std::vector<Span>& spans) {
  while (s.token_end > s.token_begin && is_possessive(doc.form(doc.tokens[s.token_end - 1]))) --s.token_end;
  if (s.type == EntityType::kPerson)
    while (s.token_end - s.token_begin > 1 && title_kind(titles, doc.form(doc.tokens[s.token_begin])) != HashIndex::kAbsent)
      ++s.token_begin;
  if (s.token_end == s.token_begin) return;
  const bool one_place = gazetteer && is_place(doc, *gazetteer, s.token_begin, s.token_end);  // "Asia-Pacific"
  for (std::uint32_t k = s.token_begin + 1; gazetteer && !one_place && k + 1 < s.token_end; ++k) {
    if (doc.form(doc.tokens[k]) != "-" || !adjacent(doc, k) || !adjacent(doc, k + 1)) continue;
    if (is_place(doc, *gazetteer, s.token_begin, k) && is_place(doc, *gazetteer, k + 1, s.token_end)) {
      spans.push_back({s.token_begin, k, EntityType::kLocation});
      s = {k + 1, s.token_end, EntityType::kLocation};
    }
    break;
  }
  spans.push_back(s);
}

// A one-word PERSON span that is the first word of a multi-word ORGANIZATION name of the article,
// and no word of a person's name there, is that organisation's short form: a club or a company
// named after a place or a founder ("Northport took the lead" beside "Northport City"), an
// ORGANIZATION, which the grouping then joins to the full name.
void retype_organisation_first_words(const Document& doc, const StringSet& person_words, std::vector<Span>& spans) {
  StringSet organisation_first_words;
  for (const Span& s : spans)
    if (s.type == EntityType::kOrganization && s.token_end - s.token_begin >= 2)
      organisation_first_words.insert(utf8::to_lower(doc.form(doc.tokens[s.token_begin])));
  if (organisation_first_words.empty()) return;
  std::string lower;
  for (Span& s : spans) {
    if (s.type != EntityType::kPerson || s.token_end - s.token_begin != 1) continue;
    utf8::to_lower(doc.form(doc.tokens[s.token_begin]), lower);
    if (organisation_first_words.count(lower) && !person_words.count(lower)) s.type = EntityType::kOrganization;
  }
}

// The tagger's spans, cleaned: boilerplate dropped, junk trimmed or dropped (pieces_of), possessives
// and a PERSON's titles cut off, known place pairs split (add_mention), a span of another type
// that repeats a multi-word PERSON name of the article, or one of its words after the first, made a
// PERSON (a word is what spaces delimit: "Pratt-Korbel" is one), and a lone PERSON word that
// opens an organisation's name made an ORGANIZATION. In CoNLL-2003 train + dev such repeats are
// that person 99.8 % of the time (5,518 of 5,529 names) and 99.5 % (2,119 of 2,129 single words).
std::vector<Span> cleaned_spans(const Document& doc, const std::vector<TaggedSpan>& tagged, const Gazetteer* gazetteer,
                                const HashIndex& titles) {
  std::vector<Span> spans;
  spans.reserve(tagged.size());
  for (const TaggedSpan& t : tagged) {
    if (t.token_end <= t.token_begin || t.token_end > doc.tokens.size()) continue;
    if (doc.in_boilerplate(doc.sentences[doc.tokens[t.token_begin].sentence])) continue;
    const std::uint32_t end = end_over_bracket(doc, t.token_begin, t.token_end);
    for (const Span& piece : pieces_of(doc, {t.token_begin, end, t.type}, titles))
      add_mention(doc, piece, gazetteer, titles, spans);
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.token_begin < b.token_begin; });
  // A name grown over a closing bracket may reach the next span: the first keeps the tokens.
  std::size_t kept = 0;
  for (const Span& s : spans)
    if (kept == 0 || s.token_begin >= spans[kept - 1].token_end) spans[kept++] = s;
  spans.resize(kept);

  // Lower-cased names of multi-word PERSON spans, and their words after the first.
  StringSet person_names, person_words;
  std::string lower;
  for (const Span& s : spans) {
    if (s.type != EntityType::kPerson || s.token_end - s.token_begin < 2) continue;
    const std::string name = utf8::to_lower(surface(doc, s.token_begin, s.token_end));
    const std::vector<std::string_view> words = words_of(name);
    for (std::size_t w = 1; w < words.size(); ++w) person_words.emplace(words[w]);
    person_names.insert(name);
  }
  for (Span& s : spans) {
    if (s.type == EntityType::kPerson || person_names.empty()) continue;
    utf8::to_lower(surface(doc, s.token_begin, s.token_end), lower);
    if ((lower.find(' ') == std::string::npos ? person_words : person_names).count(lower)) s.type = EntityType::kPerson;
  }
  retype_organisation_first_words(doc, person_words, spans);
  return spans;
}

// Whether token k may stand inside a name of the gazetteer's organisations after its first word:
// a capitalised word or a number, or a connective ("Bank of England", "Customs and Border Protection").
bool continues_capitalised_run(std::string_view form) {
  const char c = form.empty() ? ' ' : form.front();
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || form == "of" || form == "and" || form == "for" ||
         form == "the" || form == "&" || form == "-" || form == ".";
}

// Names the gazetteer knows only as organisations, written exactly as there ("Twitter", "G20",
// "BBC"), that the tagger left untagged: ORGANIZATION mentions. Any span over them is the tagger's
// reading of the context and stays; a name the gazetteer also knows as a place or a person
// ("Amazon", "Jordan") or written in another case ("Who", "fed") is left to the tagger. Only runs
// of capitalised words outside the spans are looked up, so most tokens cost one comparison.
void add_known_organisations(const Document& doc, const Gazetteer& gazetteer, std::vector<Span>& spans) {
  std::vector<GazetteerMatch> matches;
  std::size_t next = 0;  // the first span not ending before the token, spans being sorted
  for (const Sentence& sentence : doc.sentences) {
    if (doc.in_boilerplate(sentence)) continue;
    for (std::uint32_t k = sentence.token_begin; k < sentence.token_end;) {
      while (next < spans.size() && spans[next].token_end <= k) ++next;
      const std::uint32_t limit = next < spans.size() ? std::min(sentence.token_end, spans[next].token_begin) : sentence.token_end;
      const std::string_view form = doc.form(doc.tokens[k]);
      const char c = form.empty() ? ' ' : form.front();
      if (k >= limit || !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        k = k >= limit && next < spans.size() ? std::max(k + 1, spans[next].token_end) : k + 1;
        continue;
      }
      std::uint32_t end = k + 1;
      while (end < limit && continues_capitalised_run(doc.form(doc.tokens[end]))) ++end;
      gazetteer.find(doc, k, end, matches);
      k = end;
    }
  }
  std::vector<Span> known;
  for (const GazetteerMatch& m : matches)
    if (m.type_mask == type_bit(EntityType::kOrganization) && surface(doc, m.token_begin, m.token_end) == gazetteer.entry(m.entry).name)
      known.push_back({m.token_begin, m.token_end, EntityType::kOrganization});
  if (known.empty()) return;
  const std::size_t tagged = spans.size();
  spans.insert(spans.end(), known.begin(), known.end());
  std::inplace_merge(spans.begin(), spans.begin() + static_cast<std::ptrdiff_t>(tagged), spans.end(),
                     [](const Span& a, const Span& b) { return a.token_begin < b.token_begin; });
}

// The user's names win: a --gazetteer match replaces the spans it overlaps, unless one of them
// already covers it with the same type ("Nayib Bukele" for the user's "Bukele").
void apply_user_names(const Document& doc, const Gazetteer& gazetteer, std::vector<Span>& spans) {
  std::vector<GazetteerMatch> matches;
  for (const Sentence& sentence : doc.sentences)
    if (!doc.in_boilerplate(sentence)) gazetteer.find(doc, sentence.token_begin, sentence.token_end, matches, /*user_only=*/true);
  for (const GazetteerMatch& m : matches) {
    const EntityType type = gazetteer.entry(m.entry).type;
    const bool covered = std::any_of(spans.begin(), spans.end(), [&](const Span& s) {
      return s.type == type && s.token_begin <= m.token_begin && m.token_end <= s.token_end;
    });
    if (covered) continue;
    const auto overlaps = [&](const Span& s) { return s.token_begin < m.token_end && m.token_begin < s.token_end; };
    spans.erase(std::remove_if(spans.begin(), spans.end(), overlaps), spans.end());
    spans.push_back({m.token_begin, m.token_end, type, m.entry});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.token_begin < b.token_begin; });
}

// Short forms and other names of organisations that are general knowledge (UK and US party
// names, the Fed), lower-cased: a mention of one is an ORGANIZATION grouped with its full name.
constexpr std::pair<std::string_view, std::string_view> kKnownAliases[] = {
    {"tories", "conservative party"},      {"tory", "conservative party"},
    {"conservatives", "conservative party"}, {"conservative", "conservative party"},
    {"lib dems", "liberal democrats"},     {"lib dem", "liberal democrats"},
    {"liberal democrat", "liberal democrats"}, {"labour", "labour party"},
    {"plaid", "plaid cymru"},              {"greens", "green party"},
    {"snp", "scottish national party"},    {"dup", "democratic unionist party"},
    {"ukip", "uk independence party"},     {"gop", "republican party"},
    {"republicans", "republican party"},   {"democrats", "democratic party"},
    {"fed", "federal reserve"},            {"the fed", "federal reserve"}};

// The key names are compared under: lower-cased, without a leading "the" ("The Home Office" is
// "home office"), a known short form replaced by the full name; a party's council group is the
// party ("the Labour Group").
std::string name_key(std::string_view name) {
  std::string key = utf8::to_lower(name);
  if (key.size() > 4 && key.compare(0, 4, "the ") == 0) key.erase(0, 4);
  const std::string_view party = ends_with(key, " group") ? std::string_view(key).substr(0, key.size() - 6) : key;
  for (const auto& [alias, full] : kKnownAliases)
    if (party == alias || (party != key && party == full)) return std::string(full);
  return key;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_known_alias(std::string_view key) {
  return std::any_of(std::begin(kKnownAliases), std::end(kKnownAliases),
                     [&](const auto& alias) { return alias.second == key; });
}

// Each type's weight in the vote on one name's type.
using TypeVotes = std::array<double, 4>;

// Common nouns that say what the name beside them names, lower-cased: after it as its head ("the
// Celtic Connections festival", "the Kospi index", "KitKat maker Nestle", "the Starship hospital"),
// before it as a descriptor ("trade publication Pollstar", "the company, Optus,", "singer HRVY",
// "her hit Snap"), or after it as the kind of place it is ("Fulton and DeKalb counties", "Sumy
// region"; "city" and "town" are left out: "Leeds city centre" is right, but CoNLL-2003 dev lost
// more than it gained, as in "Manchester city council").
// Works, products, events, indexes and currencies are MISC, no row of the entity table.
constexpr std::pair<std::string_view, EntityType> kHeadNouns[] = {
    {"festival", EntityType::kMisc},     {"tournament", EntityType::kMisc},  {"contest", EntityType::kMisc},
    {"championship", EntityType::kMisc}, {"championships", EntityType::kMisc}, {"competition", EntityType::kMisc},
    {"awards", EntityType::kMisc},       {"index", EntityType::kMisc},       {"app", EntityType::kMisc},
    {"album", EntityType::kMisc},        {"song", EntityType::kMisc},        {"film", EntityType::kMisc},
    {"maker", EntityType::kMisc},        {"model", EntityType::kMisc},       {"currency", EntityType::kMisc},
    {"hospital", EntityType::kOrganization}, {"company", EntityType::kOrganization},
    {"firm", EntityType::kOrganization}, {"newspaper", EntityType::kOrganization},
    {"magazine", EntityType::kOrganization}, {"website", EntityType::kOrganization},
    {"band", EntityType::kOrganization}, {"county", EntityType::kLocation},
    {"counties", EntityType::kLocation}, {"province", EntityType::kLocation},
    {"provinces", EntityType::kLocation}, {"district", EntityType::kLocation},
    {"districts", EntityType::kLocation}, {"region", EntityType::kLocation},
    {"regions", EntityType::kLocation},  {"township", EntityType::kLocation},
    {"parish", EntityType::kLocation}};
constexpr std::pair<std::string_view, EntityType> kDescriptorNouns[] = {
    {"company", EntityType::kOrganization},   {"firm", EntityType::kOrganization},
    {"publication", EntityType::kOrganization}, {"newspaper", EntityType::kOrganization},
    {"magazine", EntityType::kOrganization},  {"website", EntityType::kOrganization},
    {"band", EntityType::kOrganization},      {"broadcaster", EntityType::kOrganization},
    {"retailer", EntityType::kOrganization},  {"airline", EntityType::kOrganization},
    {"carrier", EntityType::kOrganization},   {"maker", EntityType::kOrganization},
    {"platform", EntityType::kOrganization},  {"charity", EntityType::kOrganization},
    {"singer", EntityType::kPerson},          {"rapper", EntityType::kPerson},
    {"actor", EntityType::kPerson},           {"actress", EntityType::kPerson},
    {"musician", EntityType::kPerson},        {"songwriter", EntityType::kPerson},
    {"comedian", EntityType::kPerson},        {"footballer", EntityType::kPerson},
    {"hit", EntityType::kMisc},               {"single", EntityType::kMisc},
    {"album", EntityType::kMisc},             {"song", EntityType::kMisc},
    {"film", EntityType::kMisc},              {"app", EntityType::kMisc}};

// Nationality nouns, lower-cased stems before "man", "woman", "men" or "women" ("the Northern
// Irishman", "two Frenchmen"): such a name is a demonym, MISC.
constexpr std::string_view kDemonymStems[] = {"english", "irish", "scots", "welsh", "french", "dutch", "cornish",
                                              "manx", "ulster"};

// Last words that make a capitalised name an event or a competition, MISC ("FIH Pro League", "Davis
// Cup", "US Open"): in CoNLL-2003 train such names are MISC 227 times, ORGANIZATION 6.
constexpr std::string_view kEventWords[] = {"League", "Cup", "Open", "Championship", "Championships", "Olympics",
                                            "Trophy", "Prix", "Festival", "Awards", "Contest", "Tournament"};

bool is_event_word(std::string_view word) {
  return std::find(std::begin(kEventWords), std::end(kEventWords), word) != std::end(kEventWords);
}

bool is_demonym_noun(std::string_view word) {
  const std::string lower = utf8::to_lower(word);
  for (const std::string_view tail : {"man", "woman", "men", "women"})
    if (ends_with(lower, tail) &&
        std::find(std::begin(kDemonymStems), std::end(kDemonymStems),
                  std::string_view(lower).substr(0, lower.size() - tail.size())) != std::end(kDemonymStems))
      return true;
  return false;
}

template <std::size_t N>
std::optional<EntityType> noun_type(const std::pair<std::string_view, EntityType> (&nouns)[N], std::string_view form) {
  for (const auto& [noun, type] : nouns)
    if (noun == form) return type;
  return std::nullopt;
}

// Whether span s is a code in capitals with a three-digit number, then a lower-case word: a model
// or an index ("the EQS 450 vehicles", "the ASX 200 fell"), not a team with its score
// ("Lancashire 357 for 8", "LEICESTERSHIRE 357").
bool is_model_code(const Document& doc, const Sentence& sentence, const Span& s) {
  if (s.token_end + 1 >= sentence.token_end || !all_caps(surface(doc, s.token_begin, s.token_end))) return false;
  const std::string_view number = doc.form(doc.tokens[s.token_end]);
  const std::string_view next = doc.form(doc.tokens[s.token_end + 1]);
  return number.size() == 3 && std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         next.front() >= 'a' && next.front() <= 'z';
}

// The token of the plural noun a name at token k is an example of ("festivals such as X", "bands
// like X", "companies including X"), or k if there is none.
std::uint32_t example_noun(const Document& doc, const Sentence& sentence, std::uint32_t k) {
  const auto form = [&](std::uint32_t i) { return doc.form(doc.tokens[i]); };
  if (k >= sentence.token_begin + 3 && form(k - 1) == "as" && form(k - 2) == "such") return k - 3;
  if (k >= sentence.token_begin + 2 && (form(k - 1) == "like" || form(k - 1) == "including")) return k - 2;
  return k;
}

// The singular of a plural noun ("companies" -> "company", "bands" -> "band"); other words unchanged.
std::string singular_of(std::string_view plural) {
  if (ends_with(plural, "ies")) return std::string(plural.substr(0, plural.size() - 3)) + "y";
  if (ends_with(plural, "s")) return std::string(plural.substr(0, plural.size() - 1));
  return std::string(plural);
}

// The type the common noun beside span s gives it: its head noun just after it, else a descriptor
// just before it or before a comma before it, or a plural noun it is an example of ("festivals
// such as X"). A head noun makes no known place an organisation:
// "an Auckland hospital" is in Auckland.
std::optional<EntityType> type_by_noun(const Document& doc, const Gazetteer* gazetteer, const Span& s) {
  const Sentence& sentence = doc.sentences[doc.tokens[s.token_begin].sentence];
  if (is_model_code(doc, sentence, s)) return EntityType::kMisc;
  if (s.token_end < sentence.token_end)
    if (const auto head = noun_type(kHeadNouns, doc.form(doc.tokens[s.token_end]))) {
      const bool place = gazetteer && is_place(doc, *gazetteer, s.token_begin, s.token_end);
      if (*head != EntityType::kOrganization || !place) return head;
    }
  std::uint32_t k = s.token_begin;
  if (k > sentence.token_begin && doc.form(doc.tokens[k - 1]) == ",") --k;
  if (k == sentence.token_begin) return std::nullopt;
  if (const std::uint32_t plural = example_noun(doc, sentence, k); plural != k) {
    const std::string singular = singular_of(utf8::to_lower(doc.form(doc.tokens[plural])));
    if (const auto descriptor = noun_type(kDescriptorNouns, singular)) return descriptor;
    return noun_type(kHeadNouns, singular);
  }
  return noun_type(kDescriptorNouns, doc.form(doc.tokens[k - 1]));
}

// Whether the tokens between two spans, [end, begin), join items of a list: ",", "and", "or", "&",
// ", and" or ", or".
bool joins_list_items(const Document& doc, std::uint32_t end, std::uint32_t begin) {
  const auto is_and = [&](std::uint32_t k) {
    const std::string_view form = doc.form(doc.tokens[k]);
    return form == "and" || form == "or" || form == "&";
  };
  if (begin == end + 1) return doc.form(doc.tokens[end]) == "," || is_and(end);
  return begin == end + 2 && doc.form(doc.tokens[end]) == "," && is_and(end + 1);
}

// For each span, the type all the other names of its list share, when it is in a list of three or
// more names whose others are of one type ("Facebook, Twitter or Instagram", "the Kyiv, Dnipro and
// Sumy regions", "Ava Max, Pharrell Williams and Megan Thee Stallion"): a list names things of a
// kind.
std::vector<std::optional<EntityType>> list_types(const Document& doc, const std::vector<Span>& spans) {
  std::vector<std::optional<EntityType>> types(spans.size());
  for (std::size_t first = 0; first < spans.size();) {
    std::size_t last = first;
    while (last + 1 < spans.size() &&
           doc.tokens[spans[last].token_begin].sentence == doc.tokens[spans[last + 1].token_begin].sentence &&
           spans[last + 1].token_begin > spans[last].token_end &&
           joins_list_items(doc, spans[last].token_end, spans[last + 1].token_begin))
      ++last;
    if (last - first >= 2) {
      std::array<std::uint32_t, 4> count{};
      for (std::size_t i = first; i <= last; ++i) ++count[static_cast<int>(spans[i].type)];
      const std::uint32_t members = static_cast<std::uint32_t>(last - first + 1);
      for (std::size_t i = first; i <= last; ++i) {
        const int own = static_cast<int>(spans[i].type);
        for (int t = 0; t < 4; ++t)
          if (t != static_cast<int>(EntityType::kMisc) && t != own && count[t] == members - 1) types[i] = static_cast<EntityType>(t);
      }
    }
    first = last + 1;
  }
  return types;
}

// A name's one type in the article: the type most of its mentions were tagged with (MISC, often an
// attributive use as "Ofgem price cap", counts a quarter), plus one and a half votes for MISC if
// the gazetteer knows the name as a nationality, demonym or language ("South Korean", "Gaelic") or
// it ends in a nationality noun ("Northern Irishman") or an event's ("Pro League"), one and a half for ORGANIZATION if the
// gazetteer knows it as an organisation ("Amazon" the company, tagged a place once, "the BBC app"),
// one and a half for the type all the other names of its list share (list_types), one for PERSON
// after each title ("Mr", "President"), one
// and a half for the type a common noun beside a mention gives it ("the Kospi index", "trade
// publication Pollstar", type_by_noun); a tie keeps the first mention's type. A --gazetteer name
// decides, and a known short form of a party is an ORGANIZATION. The gazetteer's places and given
// names have no vote: the tagger has already weighed them against the context, where a city may
// be its club ("New York beat Boston") and a given name a company ("Mercedes"). A dateline
// ("NEW YORK 1996-08-29") names where the story was filed, not a party to it: its place keeps its
// type (LOCATION when it opens a dateline before text and the gazetteer knows it as a place:
// "ATLANTA (Agency) - Voters ...") and has no vote. A name with a digit is no person's ("S4C", "G20"): an ORGANIZATION unless
// its mentions say another type.
void agree_on_types(const Document& doc, const Gazetteer* gazetteer, const HashIndex& titles, std::vector<Span>& spans) {
  constexpr double kDecisive = 1e6;
  constexpr double kMiscVote = 0.25;
  constexpr double kNounVote = 1.5;  // outweighs one mention the tagger typed otherwise
  StringMap<std::uint32_t> name_of;  // key -> index into votes
  std::vector<TypeVotes> votes;
  std::vector<EntityType> first_type;
  std::vector<std::uint32_t> name(spans.size());
  std::vector<bool> in_dateline(spans.size());
  const std::vector<std::optional<EntityType>> in_list = list_types(doc, spans);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    Span& s = spans[i];
    const Sentence& sentence = doc.sentences[doc.tokens[s.token_begin].sentence];
    const std::uint32_t dateline = dateline_end(doc, sentence);
    in_dateline[i] = s.token_begin < dateline;
    if (in_dateline[i] && s.token_begin == sentence.token_begin && dateline < sentence.token_end && gazetteer &&
        s.entry == kNoEntry && is_place(doc, *gazetteer, s.token_begin, s.token_end))
      s.type = EntityType::kLocation;
    if (in_dateline[i]) continue;
    const std::string key = name_key(surface(doc, s.token_begin, s.token_end));
    const auto [it, added] = name_of.try_emplace(key, static_cast<std::uint32_t>(votes.size()));
    name[i] = it->second;
    if (added) {
      TypeVotes v{};
      if (is_known_alias(key)) v[static_cast<int>(EntityType::kOrganization)] += kDecisive;
      if (gazetteer)
        for (const std::uint32_t e : gazetteer->lookup(doc, s.token_begin, s.token_end))
          if (const EntityType known = gazetteer->entry(e).type;
              known == EntityType::kMisc || known == EntityType::kOrganization)
            v[static_cast<int>(known)] = kNounVote;
      if (const std::string_view last = doc.form(doc.tokens[s.token_end - 1]); is_demonym_noun(last) || is_event_word(last))
        v[static_cast<int>(EntityType::kMisc)] = kNounVote;
      votes.push_back(v);
      first_type.push_back(s.type);
    }
    TypeVotes& v = votes[name[i]];
    v[static_cast<int>(s.type)] += s.entry != kNoEntry ? kDecisive : s.type == EntityType::kMisc ? kMiscVote : 1.0;
    if (s.token_begin > 0)
      if (const std::uint32_t kind = title_kind(titles, doc.form(doc.tokens[s.token_begin - 1]));
          kind == kTitleWord || kind == kHonorific)
        v[static_cast<int>(EntityType::kPerson)] += 1.0;
    if (const auto by_noun = type_by_noun(doc, gazetteer, s)) v[static_cast<int>(*by_noun)] += kNounVote;
    if (in_list[i]) v[static_cast<int>(*in_list[i])] += kNounVote;
  }
  for (const auto& [key, n] : name_of)
    if (has_digit(key) && votes[n][static_cast<int>(EntityType::kPerson)] < kDecisive) {
      votes[n][static_cast<int>(EntityType::kPerson)] = 0;
      if (first_type[n] == EntityType::kPerson) first_type[n] = EntityType::kOrganization;
    }
  std::vector<EntityType> decided(votes.size());
  for (std::size_t n = 0; n < votes.size(); ++n) {
    int best = static_cast<int>(first_type[n]);
    for (int t = 0; t < 4; ++t)
      if (votes[n][t] > votes[n][best]) best = t;
    decided[n] = static_cast<EntityType>(best);
  }
  for (std::size_t i = 0; i < spans.size(); ++i)
    if (spans[i].entry == kNoEntry && !in_dateline[i]) spans[i].type = decided[name[i]];
}

// Phase 2: each span becomes a draft named by the gazetteer entry of its type with exactly its name.
std::vector<Draft> drafts_of(const Document& doc, const std::vector<Span>& spans, const Gazetteer* gazetteer) {
  std::vector<Draft> drafts(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    Draft& d = drafts[i];
    d.token_begin = spans[i].token_begin;
    d.token_end = spans[i].token_end;
    d.type = spans[i].type;
    d.entry = spans[i].entry;
    d.surface = surface(doc, d.token_begin, d.token_end);
    if (d.entry == kNoEntry && gazetteer)
      for (const std::uint32_t e : gazetteer->lookup(doc, d.token_begin, d.token_end))
        if (gazetteer->entry(e).type == d.type) {
          d.entry = e;
          break;
        }
    d.key = name_key(d.entry == kNoEntry ? d.surface : gazetteer->entry(d.entry).canonical);
  }
  return drafts;
}

// Drafts of one type with the same id, or else the same key: one group each.
struct Groups {
  std::vector<std::uint32_t> first;                     // a draft of each group
  std::vector<std::vector<std::uint32_t>> members;      // the drafts of each group
  std::vector<std::vector<std::string_view>> words;     // the words of its longest key ("donald trump")
  std::vector<std::uint32_t> longest;                   // the draft with that key
  std::uint32_t size() const { return static_cast<std::uint32_t>(first.size()); }
  EntityType type(const std::vector<Draft>& drafts, std::uint32_t g) const { return drafts[first[g]].type; }
};

// Phase 3a: groups of drafts with the same type and the same id or name.
Groups group_same_names(std::vector<Draft>& drafts, const Gazetteer* gazetteer) {
  Groups groups;
  StringMap<std::uint32_t> group_of;
  for (std::uint32_t i = 0; i < drafts.size(); ++i) {
    Draft& d = drafts[i];
    const GazetteerEntry* e = d.entry == kNoEntry ? nullptr : &gazetteer->entry(d.entry);
    std::string key(1, static_cast<char>('0' + static_cast<int>(d.type)));
    key += e && !e->id.empty() ? "#" + e->id : d.key;
    const auto [it, added] = group_of.try_emplace(key, groups.size());
    if (added) groups.first.push_back(i);
    d.group = it->second;
  }
  const std::uint32_t n = groups.size();
  groups.members.resize(n);
  for (std::uint32_t i = 0; i < drafts.size(); ++i) groups.members[drafts[i].group].push_back(i);
  groups.words.resize(n);
  groups.longest.resize(n);
  for (std::uint32_t g = 0; g < n; ++g) {
    std::uint32_t& longest = groups.longest[g];
    longest = groups.members[g].front();
    for (const std::uint32_t i : groups.members[g])
      if (words_of(drafts[i].key).size() > words_of(drafts[longest].key).size()) longest = i;
    groups.words[g] = words_of(drafts[longest].key);
  }
  return groups;
}

bool is_named_actor(EntityType type) { return type == EntityType::kPerson || type == EntityType::kOrganization; }

// The person and organisation groups by each word of their names, and organisations by their
// initials ("UN"), the first part of a hyphenated first word ("Mercedes") and the singular of a
// plural last word ("Democrat"), so that a short name is compared only with the longer names that
// could hold it: comparing every pair would make an article of many distinct names quadratic.
struct NameIndex {
  StringMap<std::vector<std::uint32_t>> with_word, with_initials;
};

NameIndex index_names(const std::vector<Draft>& drafts, const Groups& groups) {
  NameIndex index;
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    if (!is_named_actor(groups.type(drafts, g))) continue;
    for (const std::string_view w : groups.words[g]) {
      std::vector<std::uint32_t>& with = index.with_word[std::string(w)];
      if (with.empty() || with.back() != g) with.push_back(g);
    }
    if (groups.type(drafts, g) != EntityType::kOrganization) continue;
    index.with_initials[initials(drafts[groups.longest[g]].surface)].push_back(g);
    const std::string_view first = groups.words[g].front();
    if (const std::size_t hyphen = first.find('-'); hyphen != std::string_view::npos && hyphen > 0)
      index.with_word[std::string(first.substr(0, hyphen))].push_back(g);
    if (const std::string_view last = groups.words[g].back(); last.size() > 1 && last.back() == 's')
      index.with_word[std::string(last.substr(0, last.size() - 1))].push_back(g);
  }
  return index;
}

// Groups joined into longer names: a union-find over groups, with each root's joined groups.
struct Joins {
  std::vector<std::uint32_t> parent;
  std::vector<std::vector<std::uint32_t>> root_groups;
};

// Words after an organisation's name that make it another body, a division, channel, force or
// service named after it ("BBC Radio Scotland", "Gwent Police", "Shell Energy"), lower-cased.
constexpr std::string_view kDivisionWords[] = {
    "radio", "tv", "television", "news", "police", "council", "energy", "foundation", "trust", "channel",
    "studios", "records", "pictures", "sport", "north", "south", "east", "west", "scotland", "wales",
    "england", "ireland", "cymru", "world", "america", "europe", "asia", "africa", "australia"};

bool is_division_word(std::string_view word) {
  return std::find(std::begin(kDivisionWords), std::end(kDivisionWords), word) != std::end(kDivisionWords);
}

// The drafts and groups being joined, with the article, the gazetteer and the knowledge base.
struct Names {
  const Document& doc;
  const Gazetteer* gazetteer;
  const KnowledgeBase* knowledge_base;
  const std::vector<Draft>& drafts;
  const Groups& groups;
};

// Whether tokens [begin, end) name a place the gazetteer or the knowledge base knows.
bool names_place(const Names& names, std::uint32_t begin, std::uint32_t end) {
  if (names.gazetteer && is_place(names.doc, *names.gazetteer, begin, end)) return true;
  if (!names.knowledge_base) return false;
  std::string scratch;
  const auto key = KnowledgeBase::name_key(surface(names.doc, begin, end), scratch);
  bool known = false;
  if (key) names.knowledge_base->for_each_candidate(*key, 1, [&](PlaceCandidate) { known = true; });
  return known;
}

// Whether organisation group a's name is a short form of b's with the same head: b's first words
// unless the rest names a division ("Acme" for "Acme Corp", not "BBC" for "BBC Radio Scotland"
// nor "Gwent" for "Gwent Police"), b's last words after a place ("Nets" for "Brooklyn Nets", not
// "Times" for "Sunday Times"), b with its plural "s" left off ("Welsh Liberal Democrat"), or the
// first part of b's hyphenated first word ("Mercedes" for "Mercedes-Benz").
bool is_organisation_short_form(const Names& names, std::uint32_t a, std::uint32_t b) {
  const std::vector<std::string_view>& short_words = names.groups.words[a];
  const std::vector<std::string_view>& long_words = names.groups.words[b];
  if (is_prefix(short_words, long_words))
    return std::none_of(long_words.begin() + static_cast<std::ptrdiff_t>(short_words.size()), long_words.end(),
                        is_division_word);
  if (std::equal(short_words.rbegin(), short_words.rend(), long_words.rbegin())) {
    const Draft& full = names.drafts[names.groups.longest[b]];
    const Draft& nickname = names.drafts[names.groups.longest[a]];
    const std::uint32_t length = nickname.token_end - nickname.token_begin;
    return full.token_end - full.token_begin > length && names_place(names, full.token_begin, full.token_end - length);
  }
  if (short_words.size() == long_words.size() &&
      std::equal(short_words.begin(), short_words.end() - 1, long_words.begin()) &&
      long_words.back().size() == short_words.back().size() + 1 && long_words.back().back() == 's' &&
      long_words.back().compare(0, short_words.back().size(), short_words.back()) == 0)
    return true;  // the attributive singular: "a Liberal Democrat councillor"
  const std::size_t hyphen = long_words.front().find('-');
  return short_words.size() == 1 && hyphen != std::string_view::npos &&
         long_words.front().substr(0, hyphen) == short_words.front();
}

// Whether group a's name is a short form of group b's: a person's words in order, an
// organisation's short form of the same head or its initials.
bool is_short_form(const Names& names, std::uint32_t a, std::uint32_t b) {
  const std::vector<Draft>& drafts = names.drafts;
  const Groups& groups = names.groups;
  const EntityType type = groups.type(drafts, a);
  if (b == a || groups.type(drafts, b) != type || groups.words[b].size() < groups.words[a].size() ||
      groups.words[b] == groups.words[a])
    return false;
  if (type == EntityType::kPerson) return is_subsequence(groups.words[a], groups.words[b]);
  return is_organisation_short_form(names, a, b) ||
         (groups.words[a].size() == 1 &&
          abbreviates(drafts[groups.longest[a]].surface, drafts[groups.longest[b]].surface));
}

// The distinct roots of the longer names group a is a short form of. Every name that could hold
// a's has all of a's words, so the groups of a's rarest word are all to look at (a's words are all
// indexed, as a is itself a named actor); or a is an acronym of their initials.
std::vector<std::uint32_t> longer_names(const Names& names, const NameIndex& index, std::uint32_t a, Joins& joins) {
  const std::vector<Draft>& drafts = names.drafts;
  const Groups& groups = names.groups;
  static const std::vector<std::uint32_t> none;
  const std::vector<std::string_view>& words = groups.words[a];
  const std::vector<std::uint32_t>* with_word = &index.with_word.find(words.front())->second;
  for (const std::string_view w : words)
    if (const auto& with = index.with_word.find(w)->second; with.size() < with_word->size()) with_word = &with;
  const std::vector<std::uint32_t>* with_initials = &none;
  if (groups.type(drafts, a) == EntityType::kOrganization && words.size() == 1)
    if (const auto it = index.with_initials.find(acronym_letters(drafts[groups.longest[a]].surface));
        it != index.with_initials.end())
      with_initials = &it->second;
  std::vector<std::uint32_t> candidates;
  for (const std::vector<std::uint32_t>* list : {with_word, with_initials})
    for (const std::uint32_t b : *list) {
      if (!is_short_form(names, a, b)) continue;
      const std::uint32_t root = find_root(joins.parent, b);
      if (root != a && std::find(candidates.begin(), candidates.end(), root) == candidates.end())
        candidates.push_back(root);
    }
  return candidates;
}

// Of several longer names ("Bush": "George Bush", "Laura Bush"), the one mentioned last before the
// short form's first mention, else the first after it.
std::uint32_t nearest_name(const std::vector<Draft>& drafts, const Groups& groups, const Joins& joins,
                           const std::vector<std::uint32_t>& candidates, std::uint32_t a) {
  const std::int64_t first = drafts[groups.members[a].front()].token_begin;
  std::uint32_t best = candidates.front(), best_draft = UINT32_MAX;
  std::int64_t best_distance = INT64_MAX;
  for (const std::uint32_t root : candidates)
    for (const std::uint32_t g : joins.root_groups[root])
      for (const std::uint32_t i : groups.members[g]) {
        const std::int64_t t = drafts[i].token_begin;
        const std::int64_t distance = t < first ? first - t : (std::int64_t{1} << 40) + t - first;
        if (distance < best_distance || (distance == best_distance && i < best_draft)) {
          best_distance = distance;
          best_draft = i;
          best = root;
        }
      }
  return best;
}

// Phase 3b: each person or organisation group joins the longer name it is a short form of,
// shortest names first.
Joins join_short_names(const Names& names) {
  const std::vector<Draft>& drafts = names.drafts;
  const Groups& groups = names.groups;
  const std::uint32_t n = groups.size();
  Joins joins;
  joins.parent.resize(n);
  std::iota(joins.parent.begin(), joins.parent.end(), 0u);
  joins.root_groups.resize(n);
  for (std::uint32_t g = 0; g < n; ++g) joins.root_groups[g].push_back(g);
  const NameIndex index = index_names(drafts, groups);
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return groups.words[a].size() < groups.words[b].size(); });
  for (const std::uint32_t a : order) {
    if (!is_named_actor(groups.type(drafts, a)) || groups.words[a].empty()) continue;
    const std::vector<std::uint32_t> candidates = longer_names(names, index, a, joins);
    if (candidates.empty()) continue;
    const std::uint32_t best = nearest_name(drafts, groups, joins, candidates, a);
    joins.parent[a] = best;
    auto& into = joins.root_groups[best];
    into.insert(into.end(), joins.root_groups[a].begin(), joins.root_groups[a].end());
    joins.root_groups[a].clear();
  }
  return joins;
}

void join_groups(Joins& joins, std::uint32_t a, std::uint32_t b) {
  const std::uint32_t ra = find_root(joins.parent, a), rb = find_root(joins.parent, b);
  if (ra != rb) joins.parent[rb] = ra;
}

// Words between two names of one body that make the second another name of the first: "Whatu Ora
// (Health NZ)", "Anyshire Borough Council became Anyshire City Council", "Acme, formerly Apex".
bool names_again(const Document& doc, std::uint32_t end, std::uint32_t begin, std::uint32_t after) {
  const auto form = [&](std::uint32_t k) { return doc.form(doc.tokens[k]); };
  const std::uint32_t gap = begin - end;
  if (gap == 1 && form(end) == "(") return after < doc.tokens.size() && form(after) == ")";
  if (gap == 1) return form(end) == "became" || form(end) == "renamed";
  if (gap == 2 && (form(end) == "," || form(end) == "(")) return form(end + 1) == "formerly";
  return gap == 3 && (form(end) == "now" || form(end) == "also") && form(end + 1) == "known" && form(end + 2) == "as";
}

// Phase 3c: a name in brackets right after another of the same type, or after "became",
// "renamed" or "formerly", is another name of the same entity.
void join_renamed(const Document& doc, const std::vector<Draft>& drafts, Joins& joins) {
  for (std::uint32_t i = 1; i < drafts.size(); ++i) {
    const Draft& a = drafts[i - 1];
    const Draft& b = drafts[i];
    const std::uint32_t sentence = doc.tokens[a.token_begin].sentence;
    if (a.type != b.type || a.type == EntityType::kMisc || doc.tokens[b.token_begin].sentence != sentence ||
        a.token_begin < dateline_end(doc, doc.sentences[sentence]))
      continue;  // a dateline's place and its agency's credit ("ATLANTA (AP) -") are two entities
    if (b.token_begin > a.token_end && names_again(doc, a.token_end, b.token_begin, b.token_end))
      join_groups(joins, a.group, b.group);
  }
}

// Phase 3d: "the Republic" is the article's "Republic of Ireland": a one-word place after "the"
// that is the first word of one place name "W of ..." of the article (of one only: two such names
// leave it alone).
void join_place_heads(const Document& doc, const std::vector<Draft>& drafts, Joins& joins) {
  constexpr std::uint32_t kAmbiguous = 0xFFFFFFFFu;
  StringMap<std::uint32_t> head_of;  // lower-cased first word -> group of the "W of ..." name
  for (const Draft& d : drafts) {
    if (d.type != EntityType::kLocation || d.token_end - d.token_begin < 3 || doc.form(doc.tokens[d.token_begin + 1]) != "of")
      continue;
    const auto [it, added] = head_of.try_emplace(utf8::to_lower(doc.form(doc.tokens[d.token_begin])), d.group);
    if (!added && find_root(joins.parent, it->second) != find_root(joins.parent, d.group)) it->second = kAmbiguous;
  }
  if (head_of.empty()) return;
  for (const Draft& d : drafts) {
    if (d.type != EntityType::kLocation || d.token_end - d.token_begin != 1 || d.token_begin == 0 ||
        utf8::to_lower(doc.form(doc.tokens[d.token_begin - 1])) != "the")
      continue;
    if (const auto it = head_of.find(utf8::to_lower(d.surface)); it != head_of.end() && it->second != kAmbiguous)
      join_groups(joins, it->second, d.group);
  }
}

// The title just before a PERSON mention (drafts[i]): walks left over titles, modifiers,
// honorifics and names of places or organisations (with or without a possessive: "El Salvador's
// President"); a role only if a title word is among them. After an honorific there is none: "Mr"
// names no function, and a title before it is another person's ("a letter to the home secretary
// Mr Davies said").
std::string title_before(const Document& doc, const HashIndex& titles, const std::vector<Draft>& drafts, std::uint32_t i) {
  const Draft& d = drafts[i];
  const std::uint32_t sentence_begin = doc.sentences[doc.tokens[d.token_begin].sentence].token_begin;
  std::uint32_t begin = d.token_begin;
  std::uint32_t prev = i;  // drafts before `begin` are drafts[0, prev)
  bool has_title = false;
  while (begin > sentence_begin) {
    const std::string_view form = doc.form(doc.tokens[begin - 1]);
    if (const std::uint32_t kind = title_kind(titles, form); kind != HashIndex::kAbsent) {
      has_title = has_title || kind == kTitleWord;
      --begin;
      continue;
    }
    const std::uint32_t end = is_possessive(form) ? begin - 1 : begin;
    if (prev == 0 || drafts[prev - 1].token_end != end || drafts[prev - 1].type == EntityType::kPerson) break;
    begin = drafts[--prev].token_begin;
  }
  if (!has_title || title_kind(titles, doc.form(doc.tokens[d.token_begin - 1])) == kHonorific) return {};
  while (begin < d.token_begin && (doc.form(doc.tokens[begin]) == "of" || doc.form(doc.tokens[begin]) == "-")) ++begin;
  return surface(doc, begin, d.token_begin);
}

bool is_article(std::string_view form) { return form == "the" || form == "a" || form == "an"; }

// The function named by an apposition after a PERSON mention, set off by commas or ending the
// sentence: "Jane Doe, chief executive of Acme, said", "Jo Smith, the club's boss." Its words are
// titles and their modifiers, capitalised names, "of", "at", "for", a possessive and the lower-case
// word before it; at most kMaxApposition tokens, and a title word among them.
std::string apposition_after(const Document& doc, const HashIndex& titles, const Draft& d) {
  constexpr std::uint32_t kMaxApposition = 8;
  const std::uint32_t sentence_end = doc.sentences[doc.tokens[d.token_begin].sentence].token_end;
  std::uint32_t k = d.token_end;
  if (k >= sentence_end || doc.form(doc.tokens[k]) != ",") return {};
  std::uint32_t begin = ++k;
  if (k < sentence_end && is_article(doc.form(doc.tokens[k]))) begin = ++k;
  bool has_title = false;
  for (; k < sentence_end && k - begin < kMaxApposition; ++k) {
    const std::string_view form = doc.form(doc.tokens[k]);
    const std::uint32_t kind = title_kind(titles, form);
    has_title = has_title || kind == kTitleWord;
    const bool before_possessive = k + 1 < sentence_end && is_possessive(doc.form(doc.tokens[k + 1]));
    if (kind == kTitleWord || kind == kTitleModifier || form == "of" || form == "at" || form == "for" ||
        is_possessive(form) || before_possessive || has_capital(form.substr(0, 1)))
      continue;
    break;
  }
  const bool closed = k == sentence_end || doc.form(doc.tokens[k]) == "," || doc.form(doc.tokens[k]) == ".";
  std::uint32_t end = k;
  while (end > begin && (doc.form(doc.tokens[end - 1]) == "of" || doc.form(doc.tokens[end - 1]) == "at")) --end;
  if (!has_title || !closed || end == begin) return {};
  const std::string_view last = doc.form(doc.tokens[end - 1]);  // a title or a name: "boss", "Acme"
  if (title_kind(titles, last) != kTitleWord && !has_capital(last.substr(0, 1))) return {};
  return surface(doc, begin, end);
}

// Phase 4: a PERSON mention's role: the title before it, else an apposition after it.
void assign_roles(const Document& doc, const HashIndex& titles, std::vector<Draft>& drafts) {
  for (std::uint32_t i = 0; i < drafts.size(); ++i) {
    Draft& d = drafts[i];
    if (d.type != EntityType::kPerson) continue;
    d.role = title_before(doc, titles, drafts, i);
    if (d.role.empty()) d.role = apposition_after(doc, titles, d);
  }
}

// An entity on its way out, with what salience needs.
struct EntityDraft {
  Entity entity;
  double weight = 0.0;  // mention weights summed
  std::uint32_t paragraphs = 0;  // distinct paragraphs it is mentioned in
  bool confirmed = false;  // named outside a title-case headline, or known to the gazetteer
};

// The name of an entity the gazetteer does not name: its fullest alias (most words, then not in
// capitals as a headline's "TRUMP", then not a known short form as "Lib Dems", then most used).
std::string fullest_alias(const std::vector<std::string>& aliases, const std::vector<std::uint32_t>& alias_count) {
  std::size_t best = 0;
  const auto rank = [&](std::size_t k) {
    const bool full = name_key(aliases[k]) == utf8::to_lower(aliases[k]);
    return std::make_tuple(words_of(aliases[k]).size(), !all_caps(aliases[k]), full, alias_count[k]);
  };
  for (std::size_t k = 1; k < aliases.size(); ++k)
    if (rank(k) > rank(best)) best = k;
  return aliases[best];
}

// Phase 5a: one entity from its drafts (in text order): mentions, aliases, roles, its name and id.
// In a headline written in title case (`title_case`) the tagger sees capitals everywhere ("Data
// Center Demand Soars"): a name found only there is not confirmed unless the gazetteer knows it or
// a part of it ("Northern Italy").
EntityDraft entity_of(const Document& doc, const Gazetteer* gazetteer, const std::vector<Draft>& drafts,
                      const std::vector<std::uint32_t>& ds, const ArticleShape& shape, const Sentence* title_case) {
  EntityDraft out;
  Entity& entity = out.entity;
  entity.type = drafts[ds.front()].type;
  const GazetteerEntry* named = nullptr;  // a gazetteer entry that names the entity
  std::vector<std::uint32_t> paragraphs;
  std::vector<std::uint32_t> alias_count;
  out.confirmed = title_case == nullptr;
  for (const std::uint32_t i : ds) {
    const Draft& d = drafts[i];
    out.confirmed = out.confirmed || &doc.sentences[doc.tokens[d.token_begin].sentence] != title_case ||
                    d.entry != kNoEntry || holds_known_name(doc, gazetteer, d.token_begin, d.token_end, d.type);
    const Token& first = doc.tokens[d.token_begin];
    const std::uint32_t sentence = first.sentence;
    entity.mentions.push_back({first.begin, doc.tokens[d.token_end - 1].end, sentence, d.token_begin, d.token_end});
    const auto alias = std::find(entity.aliases.begin(), entity.aliases.end(), d.surface);
    if (alias == entity.aliases.end()) {
      entity.aliases.push_back(d.surface);
      alias_count.push_back(1);
    } else {
      ++alias_count[static_cast<std::size_t>(alias - entity.aliases.begin())];
    }
    if (!d.role.empty() && std::find(entity.roles.begin(), entity.roles.end(), d.role) == entity.roles.end())
      entity.roles.push_back(d.role);
    if (d.entry != kNoEntry) {
      const GazetteerEntry& e = gazetteer->entry(d.entry);
      if ((!e.id.empty() || e.canonical != e.name) && (!named || (named->id.empty() && !e.id.empty()))) named = &e;
    }
    const std::uint32_t paragraph = doc.sentences[sentence].paragraph;
    if (std::find(paragraphs.begin(), paragraphs.end(), paragraph) == paragraphs.end()) paragraphs.push_back(paragraph);
    out.weight += 1.0 + (paragraph == shape.headline ? kHeadlineBonus : 0.0) + (paragraph == shape.lead ? kLeadBonus : 0.0);
  }
  out.paragraphs = static_cast<std::uint32_t>(paragraphs.size());
  if (named) {
    entity.name = named->canonical;
    const std::size_t colon = named->id.find(':');
    if (!named->id.empty())
      entity.ids.emplace_back(colon == std::string::npos ? "id" : named->id.substr(0, colon),
                              colon == std::string::npos ? named->id : named->id.substr(colon + 1));
  } else {
    entity.name = fullest_alias(entity.aliases, alias_count);
  }
  return out;
}

// Phase 5b: salience is the mention weights (headline and lead paragraph count more), times the
// share of paragraphs the entity appears in and a weight for its type, normalised over the
// article; entities come sorted by it.
EntityLayer ranked_by_salience(std::vector<EntityDraft> entities, const ArticleShape& shape) {
  EntityLayer layer;
  std::vector<double> raw;
  for (EntityDraft& e : entities) {
    if (!e.confirmed) continue;
    const double spread = shape.content_paragraphs ? static_cast<double>(e.paragraphs) / shape.content_paragraphs : 1.0;
    raw.push_back(type_weight(e.entity.type) * e.weight * (1.0 + spread));
    layer.entities.push_back(std::move(e.entity));
  }
  const double total = std::accumulate(raw.begin(), raw.end(), 0.0);
  for (std::size_t k = 0; k < raw.size(); ++k) layer.entities[k].salience = total > 0 ? raw[k] / total : 0.0;
  std::stable_sort(layer.entities.begin(), layer.entities.end(), [](const Entity& a, const Entity& b) {
    if (a.salience != b.salience) return a.salience > b.salience;
    return a.mentions.front().begin < b.mentions.front().begin;
  });
  return layer;
}

}  // namespace

EntityLinker::EntityLinker(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const KnowledgeBase> knowledge_base)
    : gazetteer_(std::move(gazetteer)), knowledge_base_(std::move(knowledge_base)) {
  for (const auto w : kTitleWords) titles_.insert(lowercase_hash(w), kTitleWord);
  for (const auto w : kTitleModifiers) titles_.insert(lowercase_hash(w), kTitleModifier);
  for (const auto w : kHonorifics) titles_.insert(lowercase_hash(w), kHonorific);
}

EntityLayer EntityLinker::link(const Document& doc, const std::vector<TaggedSpan>& tagged) const {
  const Gazetteer* gazetteer = gazetteer_.get();
  std::vector<Span> spans = cleaned_spans(doc, tagged, gazetteer, titles_);
  if (gazetteer) add_known_organisations(doc, *gazetteer, spans);
  if (gazetteer && gazetteer->has_user_entries()) apply_user_names(doc, *gazetteer, spans);
  if (spans.empty()) return {};
  agree_on_types(doc, gazetteer, titles_, spans);
  std::vector<Draft> drafts = drafts_of(doc, spans, gazetteer);
  const Groups groups = group_same_names(drafts, gazetteer);
  Joins joins = join_short_names(Names{doc, gazetteer, knowledge_base_.get(), drafts, groups});
  join_renamed(doc, drafts, joins);
  join_place_heads(doc, drafts, joins);
  assign_roles(doc, titles_, drafts);

  std::vector<std::vector<std::uint32_t>> entity_drafts(groups.size());
  for (std::uint32_t i = 0; i < drafts.size(); ++i) entity_drafts[find_root(joins.parent, drafts[i].group)].push_back(i);
  const ArticleShape shape = article_shape(doc);
  const Sentence* const title_case = title_case_headline(doc);
  std::vector<EntityDraft> entities;
  for (const auto& ds : entity_drafts)
    if (!ds.empty()) entities.push_back(entity_of(doc, gazetteer, drafts, ds, shape, title_case));
  return ranked_by_salience(std::move(entities), shape);
}

}  // namespace analyze
