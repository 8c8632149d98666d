#include "quotes/speaker_resolver.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace analyze {

namespace {

// How far back (in tokens) a pronoun or role noun looks for its entity.
constexpr std::uint32_t kLookBack = 400;
// How far from its cue a speaker the tagger missed may be written, before and after it.
constexpr std::uint32_t kSpeakerBefore = 8;
constexpr std::uint32_t kSpeakerAfter = 3;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_person_pronoun(std::string_view w) { return one_of(w, {"he", "she", "him", "her", "his", "i", "who"}); }
bool is_group_pronoun(std::string_view w) { return one_of(w, {"it", "they", "we", "its", "their", "which"}); }

bool is_person_role(std::string_view w) {
  return one_of(w, {"president", "senator", "candidate", "nominee", "governor", "spokesman", "spokeswoman",
                    "spokesperson", "secretary", "chairman", "chairwoman", "director", "mayor", "leader",
                    "minister", "congressman", "congresswoman", "lawmaker", "judge", "attorney", "lawyer",
                    "executive", "ceo", "chief", "businessman", "billionaire", "mogul", "adviser", "advisor",
                    "aide", "manager", "democrat", "republican", "woman", "man", "author", "economist",
                    "analyst", "founder", "host", "speaker", "sen.", "rep.", "gov.", "official", "pollster",
                    "strategist", "commander", "general", "professor", "historian", "prosecutor", "sheriff"});
}

bool is_group_role(std::string_view w) {
  return one_of(w, {"company", "firm", "campaign", "ministry", "agency", "department", "group", "organization",
                    "committee", "party", "government", "administration", "bank", "newspaper", "network",
                    "union", "university", "court", "council", "police", "commission", "foundation",
                    "corporation", "team", "club", "paper", "outlet", "institute", "center", "board",
                    "office", "bureau", "website", "magazine", "station"});
}

bool is_preposition(std::string_view w) {
  return one_of(w, {"on", "in", "to", "at", "from", "with", "via", "during", "about", "for", "of", "after", "before",
                    "through", "by"});
}

// Words that end no name of a speaker: adverbs and verb forms. Quantifiers and relative pronouns
// do ("some say", "most believe", "a group that argues" are annotated so).
bool is_non_speaker_head(std::string_view w) {
  if (w.size() > 4 && w.substr(w.size() - 2) == "ly") return true;
  return one_of(w, {"then", "only", "about", "also", "even", "still", "just", "already", "now", "again", "however",
                    "here", "not", "never", "often", "having", "being", "later", "once", "too", "instead"});
}

}  // namespace

SpeakerResolver::SpeakerResolver(const Document& doc, const EntityLayer& entities)
    : doc_(doc), entities_(entities), entity_at_(doc.tokens.size(), 0) {
  for (std::uint32_t e = 0; e < entities.entities.size(); ++e) {
    const Entity& entity = entities.entities[e];
    for (const Mention& m : entity.mentions) {
      for (std::uint32_t t = m.token_begin; t < m.token_end && t < entity_at_.size(); ++t) entity_at_[t] = e + 1;
      if (entity.type == EntityType::kPerson || entity.type == EntityType::kOrganization)
        occurrences_.push_back({m.token_begin, e});
    }
  }
  std::sort(occurrences_.begin(), occurrences_.end(),
            [](const Occurrence& a, const Occurrence& b) { return a.token < b.token; });
}

std::optional<std::uint32_t> SpeakerResolver::resolve(std::uint32_t token_begin, std::uint32_t token_end) const {
  for (std::uint32_t t = token_end; t-- > token_begin;)
    if (t < entity_at_.size() && entity_at_[t] != 0) return entity_at_[t] - 1;
  if (token_end == token_begin) return std::nullopt;
  const std::string head = lower_ascii(doc_.form(doc_.tokens[token_end - 1]));
  if (is_person_pronoun(head) || is_person_role(head))
    return nearest_before(token_begin, EntityType::kPerson, is_person_role(head) ? head : "");
  if (is_group_pronoun(head) || is_group_role(head))
    return nearest_before(token_begin, EntityType::kOrganization, is_group_role(head) ? head : "");
  return std::nullopt;
}

std::uint32_t SpeakerResolver::speaker_end(std::uint32_t token_begin, std::uint32_t token_end) const {
  while (token_end > token_begin) {
    const std::uint32_t head = token_end - 1;
    if (head < entity_at_.size() && entity_at_[head] != 0) break;
    const Token& token = doc_.tokens[head];
    if (token.kind != TokenKind::kPunctuation && !is_non_speaker_head(lower_ascii(doc_.form(token)))) break;
    --token_end;
  }
  return token_end;
}

// The mention (all its tokens) or the pronoun at `token`.
std::optional<std::pair<std::uint32_t, std::uint32_t>> SpeakerResolver::speaker_at(std::uint32_t token) const {
  if (const std::uint32_t e = entity_at_[token]; e != 0) {
    const EntityType type = entities_.entities[e - 1].type;
    if (type != EntityType::kPerson && type != EntityType::kOrganization) return std::nullopt;
    std::uint32_t begin = token, end = token + 1;
    while (begin > 0 && entity_at_[begin - 1] == e) --begin;
    while (end < entity_at_.size() && entity_at_[end] == e) ++end;
    return std::pair{begin, end};
  }
  const std::string word = lower_ascii(doc_.form(doc_.tokens[token]));
  if (one_of(word, {"he", "she", "they", "we", "i"})) return std::pair{token, token + 1};
  return std::nullopt;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> SpeakerResolver::speaker_near(std::uint32_t cue_begin,
                                                                                     std::uint32_t cue_end,
                                                                                     std::uint32_t first,
                                                                                     std::uint32_t last) const {
  const std::uint32_t sentence = doc_.tokens[cue_begin].sentence;
  for (std::uint32_t t = cue_begin; t-- > first && t + kSpeakerBefore >= cue_begin;) {
    if (doc_.tokens[t].sentence != sentence) break;
    if (auto speaker = speaker_at(t)) return speaker;
  }
  for (std::uint32_t t = cue_end; t < last && t < cue_end + kSpeakerAfter; ++t) {
    if (doc_.tokens[t].sentence != sentence || is_preposition(lower_ascii(doc_.form(doc_.tokens[t])))) break;
    if (auto speaker = speaker_at(t)) return speaker;
  }
  return std::nullopt;
}

// The nearest entity of `type` mentioned before `token`; with a role word, one whose roles hold
// it wins over a nearer one without.
std::optional<std::uint32_t> SpeakerResolver::nearest_before(std::uint32_t token, EntityType type,
                                                             std::string_view role) const {
  auto it = std::lower_bound(occurrences_.begin(), occurrences_.end(), token,
                             [](const Occurrence& o, std::uint32_t t) { return o.token < t; });
  std::optional<std::uint32_t> nearest;
  while (it != occurrences_.begin()) {
    --it;
    if (it->token + kLookBack < token) break;
    const Entity& e = entities_.entities[it->entity];
    if (e.type != type) continue;
    if (!nearest) nearest = it->entity;
    if (role.empty()) return nearest;
    for (const std::string& r : e.roles)
      if (lower_ascii(r).find(role) != std::string::npos) return it->entity;
  }
  return nearest;
}

}  // namespace analyze
