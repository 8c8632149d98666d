#include "stance/stance_features.h"

#include <algorithm>
#include <cmath>

namespace analyze {

namespace {

// Feature families: part of every key, so the same word in two roles gives two features.
enum Family : std::uint64_t {
  kBias = 1,
  kWord,
  kNegatedWord,
  kReportedWord,
  kHedgedWord,
  kSentenceValence,  // b: which sum
  kSentenceBucket,
  kTargetWord,
  kTargetPosition,
  kPlacedWord,       // a: side and distance bucket
  kClauseWord,
  kTargetValence,    // b: which sum
  kNearestCue,       // a: side, b: sign/negated/reported
  kNearestWord,      // a: side
  kLexiconBucket,
  kBesideWords,      // a: left or right, b: the two nearest words' hashes combined
  kRole,             // a: agent or patient, b: sign of what the verb says of it
  kRoleVerb,         // a: agent or patient, b: the verb's hash
  kRoleValence,
};

float clip(float v) { return std::clamp(v, -3.0f, 3.0f); }

// Five buckets of a value in (-1, 1): strong/weak negative, neutral, weak/strong positive.
std::uint64_t bucket(float v) { return v < -0.5f ? 0 : v < -0.1f ? 1 : v <= 0.1f ? 2 : v <= 0.5f ? 3 : 4; }

// Words farther than this from the target are placed only by the clause and valence features: the
// sentence part already has them, and per-target features cost a model lookup each.
constexpr std::size_t kPlacedReach = 8;

constexpr std::size_t kRoleReach = 8;  // tokens between a target and its role verb, at most

std::uint64_t distance_bucket(std::size_t d) { return d <= 1 ? 0 : d <= 3 ? 1 : d <= 6 ? 2 : 3; }

// Closeness weight of a sentiment word `d` tokens from the target.
float closeness(std::size_t d) { return 1.0f / (1.0f + static_cast<float>(d) / 4.0f); }

float reported_factor(const RuledToken& t) { return t.reported ? kReportedWeight : 1.0f; }

struct RoleVerbSearch {
  std::size_t verb;   // the tokens' size when none
  bool agent_marker;  // a "by" between the start and the verb
  std::size_t steps;  // tokens passed on the way
};

// The nearest role verb of `clause` from token `from` on, stepping by `step` (+1 or -1), within
// kRoleReach tokens.
RoleVerbSearch nearest_role_verb(const std::vector<RuledToken>& tokens, std::uint16_t clause, std::size_t from,
                                 int step) {
  RoleVerbSearch found{tokens.size(), false, 0};
  for (std::size_t j = from; j < tokens.size() && tokens[j].clause == clause && found.steps <= kRoleReach; j += step) {
    if (tokens[j].role) {
      found.verb = j;
      return found;
    }
    found.agent_marker = found.agent_marker || tokens[j].agent_marker;
    ++found.steps;
  }
  found.agent_marker = false;
  return found;
}

}  // namespace

std::optional<TargetLocation> locate_target(const Document& doc, std::uint32_t begin, std::uint32_t end) {
  // First token that ends after `begin`.
  auto it = std::partition_point(doc.tokens.begin(), doc.tokens.end(), [&](const Token& t) { return t.end <= begin; });
  if (it == doc.tokens.end() || it->begin >= end) return std::nullopt;
  TargetLocation loc;
  loc.token_begin = static_cast<std::uint32_t>(it - doc.tokens.begin());
  loc.sentence = it->sentence;
  loc.token_end = loc.token_begin;
  while (loc.token_end < doc.tokens.size() && doc.tokens[loc.token_end].begin < end &&
         doc.tokens[loc.token_end].sentence == loc.sentence)
    ++loc.token_end;
  return loc;
}

void sentence_features(const std::vector<RuledToken>& tokens, std::vector<StanceFeature>& out) {
  out.push_back({feature_key(kBias), 1.0f});
  float pos = 0.0f, neg = 0.0f, pos_reported = 0.0f, neg_reported = 0.0f;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const RuledToken& t = tokens[i];
    out.push_back({feature_key(kWord, t.hash), 1.0f});
    if (t.prior == 0.0f) continue;
    if (t.negated) out.push_back({feature_key(kNegatedWord, t.hash), 1.0f});
    if (t.reported) out.push_back({feature_key(kReportedWord, t.hash), 1.0f});
    if (t.hedged) out.push_back({feature_key(kHedgedWord, t.hash), 1.0f});
    const float v = t.valence * t.weight;
    (v > 0 ? (t.reported ? pos_reported : pos) : (t.reported ? neg_reported : neg)) += v;
  }
  out.push_back({feature_key(kSentenceValence, 0, 0), clip(pos)});
  out.push_back({feature_key(kSentenceValence, 0, 1), clip(neg)});
  out.push_back({feature_key(kSentenceValence, 0, 2), clip(pos_reported)});
  out.push_back({feature_key(kSentenceValence, 0, 3), clip(neg_reported)});
  out.push_back({feature_key(kSentenceBucket, bucket(squash_valence(valence_sum(tokens, 0, tokens.size())))), 1.0f});
}

namespace {

// The two words on each side of the target, as pairs ("criticized by" / "'s decision"), and its
// role for the nearest role verb.
void neighbourhood_features(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end,
                            std::vector<StanceFeature>& out) {
  const std::size_t n = tokens.size();
  const std::uint64_t none = 0;
  const std::uint64_t left1 = begin >= 1 ? tokens[begin - 1].hash : none, left2 = begin >= 2 ? tokens[begin - 2].hash : none;
  const std::uint64_t right1 = end < n ? tokens[end].hash : none, right2 = end + 1 < n ? tokens[end + 1].hash : none;
  out.push_back({feature_key(kBesideWords, 0, left2 * 31 + left1), 1.0f});
  out.push_back({feature_key(kBesideWords, 1, right1 * 31 + right2), 1.0f});
  const TargetRole role = target_role(tokens, begin, end);
  if (role.verb == n) return;
  const std::uint64_t sign = role.valence > 0.05f ? 2 : role.valence < -0.05f ? 0 : 1;
  out.push_back({feature_key(kRole, role.agent, sign), 1.0f});
  out.push_back({feature_key(kRoleVerb, role.agent, tokens[role.verb].hash), 1.0f});
  out.push_back({feature_key(kRoleValence), role.valence});
}

}  // namespace

void target_features(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end,
                     std::vector<StanceFeature>& out) {
  const std::size_t n = tokens.size();
  end = std::min(end, n);
  if (begin >= end) return;
  const std::uint16_t clause = tokens[begin].clause;
  for (std::size_t i = begin; i < end; ++i) out.push_back({feature_key(kTargetWord, tokens[i].hash), 1.0f});
  out.push_back({feature_key(kTargetPosition, 0, begin == 0), 1.0f});
  out.push_back({feature_key(kTargetPosition, 1, tokens[begin].reported), 1.0f});
  out.push_back({feature_key(kTargetPosition, 2, std::min<std::uint64_t>(clause, 3)), 1.0f});
  // Whether the target's clause loses or wins a contrast ("X, but Y").
  const float emphasis = tokens[begin].weight;
  out.push_back({feature_key(kTargetPosition, 3, emphasis < 1.0f ? 0 : emphasis > 1.0f ? 2 : 1), 1.0f});

  // Sums: [0] same clause, [1] left in clause, [2] right in clause, [3] +-5 window. A role verb
  // counts for what it says of the target's part, the words across it (the other participant's) half.
  const TargetRole role = target_role(tokens, begin, end);
  float sums[4] = {0, 0, 0, 0};
  std::size_t nearest[2] = {n, n};  // nearest sentiment word left / right within the clause
  for (std::size_t j = 0; j < n; ++j) {
    if (j >= begin && j < end) continue;
    const RuledToken& t = tokens[j];
    const bool left = j < begin;
    const std::size_t d = left ? begin - j : j - end + 1;
    const bool same_clause = t.clause == clause;
    if (t.word && d <= kPlacedReach)
      out.push_back({feature_key(kPlacedWord, (left ? 0 : 8) + distance_bucket(d), t.hash), 1.0f});
    if (t.word && same_clause && d > kPlacedReach) out.push_back({feature_key(kClauseWord, t.hash), 1.0f});
    if (t.prior == 0.0f && j != role.verb) continue;
    // Contrast weights rank clauses for the sentence as a whole; what is said about the target is
    // what its own clause says, whichever clause wins.
    const bool across_verb = role.verb < n && (j > role.verb) != (begin > role.verb);
    const float v = (j == role.verb ? role.valence : t.valence * (across_verb ? 0.5f : 1.0f)) * reported_factor(t);
    if (same_clause) {
      sums[0] += v;
      sums[left ? 1 : 2] += v;
      std::size_t& near = nearest[left ? 0 : 1];
      if (near == n || (left ? j > near : j < near)) near = j;
    }
    if (d <= 5) sums[3] += v;
  }
  for (std::uint64_t k = 0; k < 4; ++k) out.push_back({feature_key(kTargetValence, 0, k), clip(sums[k])});
  for (std::uint64_t side = 0; side < 2; ++side) {
    const std::size_t j = nearest[side];
    if (j == n) continue;
    const RuledToken& t = tokens[j];
    const std::uint64_t shape = (t.valence > 0 ? 1 : 0) | (t.negated ? 2 : 0) | (t.reported ? 4 : 0);
    out.push_back({feature_key(kNearestCue, side, shape), 1.0f});
    out.push_back({feature_key(kNearestWord, side, t.hash), 1.0f});
  }
  const float lexicon = squash_valence(lexicon_target_sum(tokens, begin, end));
  out.push_back({feature_key(kLexiconBucket, 0), lexicon});
  out.push_back({feature_key(kLexiconBucket, 1 + bucket(lexicon)), 1.0f});
  neighbourhood_features(tokens, begin, end, out);
}

TargetRole target_role(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end) {
  const std::size_t n = tokens.size();
  TargetRole role{n, false, 0.0f};
  if (begin >= end || end > n) return role;
  const RoleVerbSearch after = nearest_role_verb(tokens, tokens[begin].clause, end, +1);
  const RoleVerbSearch before = begin == 0 ? RoleVerbSearch{n, false, 0}
                                           : nearest_role_verb(tokens, tokens[begin].clause, begin - 1, -1);
  if (after.verb != n && (before.verb == n || after.steps <= before.steps)) {
    role.verb = after.verb;
    role.agent = !tokens[after.verb].passive;
  } else if (before.verb != n) {
    role.verb = before.verb;
    role.agent = tokens[before.verb].passive && before.agent_marker;
  } else {
    return role;
  }
  role.valence = role.agent ? tokens[role.verb].agent : tokens[role.verb].patient;
  return role;
}

float lexicon_target_sum(const std::vector<RuledToken>& tokens, std::size_t begin, std::size_t end) {
  const TargetRole role = target_role(tokens, begin, end);
  const bool has_role = role.verb < tokens.size();
  float sum = has_role ? role.valence * reported_factor(tokens[role.verb]) : 0.0f;
  for (std::size_t j = 0; j < tokens.size(); ++j) {
    if ((j >= begin && j < end) || (has_role && j == role.verb)) continue;
    const RuledToken& t = tokens[j];
    if (t.prior == 0.0f) continue;
    const std::size_t d = j < begin ? begin - j : j - end + 1;
    const bool same_clause = begin < tokens.size() && t.clause == tokens[begin].clause;
    const bool across_verb = has_role && (j > role.verb) != (begin > role.verb);
    sum += t.valence * reported_factor(t) * closeness(d) * (same_clause ? 1.0f : 0.5f) * (across_verb ? 0.5f : 1.0f);
  }
  return sum;
}

}  // namespace analyze
