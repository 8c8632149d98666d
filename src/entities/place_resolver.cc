#include "entities/place_resolver.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "text/dateline.h"

namespace analyze {

namespace {

constexpr std::uint32_t kMaxCandidatesPerName = 32;  // "Springfield": the largest ones are enough
constexpr std::size_t kMaxCandidatesPerEntity = 64;   // keeps the per-entity work constant
constexpr double kMinMargin = 0.5;                  // in log10 population units
constexpr double kMinScore = 5.0;  // a town of 100,000, or a smaller one in the country the article is about
constexpr double kRegionBonus = 3.0;                // the region is named or has a city named
constexpr double kCountryShareBonus = 1.5;          // times the country's share of the article's votes
constexpr double kCountryBonus = 1.0;               // a country's name usually means the country
constexpr double kSubdivisionBonus = 0.3;
constexpr double kCapitalBonus = 0.7;
constexpr double kAdmin1SeatBonus = 0.3;
constexpr double kAlternateMalus = 1.5;
constexpr double kUnknownPopulationLog = 5.5;  // subdivisions: about a UK county's population
constexpr double kMaxEntityVotes = 3.0;        // an entity votes with its mention count, up to this
constexpr double kDatelineVotes = 2.0;
constexpr std::uint32_t kDatelineParagraphs = 3;  // a dateline opens one of the first paragraphs
constexpr double kCoordinateScale = 1e4;          // coordinates to four decimals (about 10 m)

// What one entity (or the dateline) says about where the article is: a weight spread evenly over
// the distinct countries, and over the distinct regions, of its candidates.
struct Votes {
  std::vector<std::pair<std::uint16_t, double>> countries;
  std::vector<std::pair<std::uint32_t, double>> regions;
  double weight = 0.0;
};

template <class Key>
double find_vote(const std::vector<std::pair<Key, double>>& votes, Key key) {
  for (const auto& [k, v] : votes)
    if (k == key) return v;
  return 0.0;
}

Votes votes_of(const KnowledgeBase& kb, const std::vector<PlaceCandidate>& candidates, double weight) {
  Votes v;
  v.weight = candidates.empty() ? 0.0 : weight;
  for (const PlaceCandidate& c : candidates) {
    const KbPlace& p = kb.place(c.place);
    const std::uint16_t country = p.country_index();
    if (std::none_of(v.countries.begin(), v.countries.end(), [&](const auto& x) { return x.first == country; }))
      v.countries.emplace_back(country, 0.0);
    if (p.admin1 != KbPlace::kNoPlace &&
        std::none_of(v.regions.begin(), v.regions.end(), [&](const auto& x) { return x.first == p.admin1; }))
      v.regions.emplace_back(p.admin1, 0.0);
  }
  for (auto& x : v.countries) x.second = v.weight / static_cast<double>(v.countries.size());
  for (auto& x : v.regions) x.second = v.weight / static_cast<double>(v.regions.size());
  return v;
}

// The sum of every entity's and the dateline's votes.
struct ArticleVotes {
  std::vector<double> countries = std::vector<double>(KnowledgeBase::kCountryCodes, 0.0);
  std::vector<std::pair<std::uint32_t, double>> regions;  // sorted by region
  double total = 0.0;

  void add(const Votes& v) {
    for (const auto& [country, w] : v.countries) countries[country] += w;
    regions.insert(regions.end(), v.regions.begin(), v.regions.end());
    total += v.weight;
  }
  // Sorts and merges `regions`: after the last add().
  void finish() {
    std::sort(regions.begin(), regions.end());
    std::size_t out = 0;
    for (std::size_t i = 0; i < regions.size(); ++i) {
      if (out > 0 && regions[out - 1].first == regions[i].first) regions[out - 1].second += regions[i].second;
      else regions[out++] = regions[i];
    }
    regions.resize(out);
  }
  double region(std::uint32_t r) const {
    auto it = std::lower_bound(regions.begin(), regions.end(), std::make_pair(r, -1.0));
    return it != regions.end() && it->first == r ? it->second : 0.0;
  }
};

// The places any of `names` may stand for, each once (`alternate` only if every name that gives it
// is an alternate name).
std::vector<PlaceCandidate> candidates_of(const KnowledgeBase& kb, const std::vector<std::string_view>& names,
                                          std::string& scratch) {
  std::vector<PlaceCandidate> out;
  for (const std::string_view name : names) {
    const auto key = KnowledgeBase::name_key(name, scratch);
    if (!key) continue;
    kb.for_each_candidate(*key, kMaxCandidatesPerName, [&](PlaceCandidate c) {
      auto it = std::find_if(out.begin(), out.end(), [&](const PlaceCandidate& o) { return o.place == c.place; });
      if (it != out.end()) it->alternate = it->alternate && c.alternate;
      else if (out.size() < kMaxCandidatesPerEntity) out.push_back(c);
    });
  }
  return out;
}

// Drops the candidates another of the same name stands for:
//   - a region or subdivision, when the name is the main name of the region's most populous city
//     ("Tokyo", "Moscow", "New York") or of any city of the subdivision's country, as a
//     subdivision's cities are unknown ("Liverpool", "Sunderland"). Writers name such a region with
//     a word more ("New York state"); "Quebec" stays the province, Montreal being its largest city,
//     and "Oklahoma" the state, being only an alternate name of Oklahoma City;
//   - a city, when the name is also its country's ("Monaco", "Singapore", "Luxembourg").
void drop_shadowed_candidates(const KnowledgeBase& kb, std::vector<PlaceCandidate>& candidates) {
  const auto same_country = [](const KbPlace& a, const KbPlace& b) {
    return std::string_view(a.country, 2) == std::string_view(b.country, 2);
  };
  const auto shadowed = [&](const PlaceCandidate& shadow) {
    const KbPlace& p = kb.place(shadow.place);
    return std::any_of(candidates.begin(), candidates.end(), [&](const PlaceCandidate& c) {
      const KbPlace& other = kb.place(c.place);
      if (!same_country(p, other)) return false;
      if (p.kind == PlaceKind::kCity) return other.kind == PlaceKind::kCountry;
      if (p.kind == PlaceKind::kCountry || other.kind != PlaceKind::kCity || c.alternate) return false;
      return p.kind == PlaceKind::kSubdivision || p.largest_city == c.place;
    });
  };
  std::vector<PlaceCandidate> kept;  // decided on the whole list before any is dropped
  std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(kept), [&](const auto& c) { return !shadowed(c); });
  candidates = std::move(kept);
}

double prior(const KbPlace& p, bool alternate) {
  double score = p.population > 0 ? std::log10(std::max<double>(p.population, 1000.0)) : kUnknownPopulationLog;
  if (p.kind == PlaceKind::kCountry) score += kCountryBonus;
  if (p.kind == PlaceKind::kSubdivision || p.kind == PlaceKind::kRegion) score += kSubdivisionBonus;
  if (p.feature == PlaceFeature::kCapital) score += kCapitalBonus;
  if (p.feature == PlaceFeature::kAdmin1Seat) score += kAdmin1SeatBonus;
  if (alternate) score -= kAlternateMalus;
  return score;
}

// The candidate's prior plus what the rest of the article (all votes but the entity's `own`) says.
double score(const KnowledgeBase& kb, const PlaceCandidate& c, const ArticleVotes& all, const Votes& own) {
  const KbPlace& p = kb.place(c.place);
  double s = prior(p, c.alternate);
  if (p.admin1 != KbPlace::kNoPlace)
    s += kRegionBonus * std::min(1.0, all.region(p.admin1) - find_vote(own.regions, p.admin1));
  const double others = all.total - own.weight;
  if (others > 0.0) {
    const std::uint16_t country = p.country_index();
    s += kCountryShareBonus * (all.countries[country] - find_vote(own.countries, country)) / others;
  }
  return s;
}

void set_id(Entity& e, std::string_view scheme, std::string value) {
  for (auto& [k, v] : e.ids)
    if (k == scheme) {
      v = std::move(value);
      return;
    }
  e.ids.emplace_back(std::string(scheme), std::move(value));
}

void erase_id(Entity& e, std::string_view scheme) {
  std::erase_if(e.ids, [&](const auto& id) { return id.first == scheme; });
}

void apply(const KbPlace& p, Entity& e) {
  if (p.kind == PlaceKind::kCity) {
    erase_id(e, "iso3166");
  } else if (!p.iso_code().empty()) {
    set_id(e, "iso3166", std::string(p.iso_code()));
  } else if (const auto it = std::find_if(e.ids.begin(), e.ids.end(), [](const auto& id) { return id.first == "iso3166"; });
             it != e.ids.end() && std::string_view(it->second).substr(0, 2) != std::string_view(p.country, 2)) {
    e.ids.erase(it);  // the gazetteer's code names another country
  }
  if (p.geonames != 0) set_id(e, "geonames", std::to_string(p.geonames));
  if (p.has_coordinates())
    e.coordinates = GeoPoint{std::round(p.lat * kCoordinateScale) / kCoordinateScale,
                             std::round(p.lon * kCoordinateScale) / kCoordinateScale};
}

// The place named by the dateline that opens one of the first paragraphs ("ATLANTA (AP) -"): its
// leading words.
std::vector<PlaceCandidate> dateline_places(const KnowledgeBase& kb, const Document& doc, std::string& scratch) {
  const std::uint32_t paragraphs = std::min<std::uint32_t>(kDatelineParagraphs, doc.paragraphs.size());
  for (std::uint32_t i = 0; i < paragraphs; ++i) {
    const Paragraph& para = doc.paragraphs[i];
    if (para.sentence_begin == para.sentence_end) continue;
    const Sentence& s = doc.sentences[para.sentence_begin];
    const std::uint32_t end = dateline_end(doc, s);
    if (end == s.token_begin) continue;
    std::uint32_t last = s.token_begin;
    while (last < end && doc.tokens[last].kind == TokenKind::kWord) ++last;
    if (last == s.token_begin) continue;
    const std::string_view place = doc.slice(doc.tokens[s.token_begin].begin, doc.tokens[last - 1].end);
    return candidates_of(kb, {place}, scratch);
  }
  return {};
}

void link_congress_member(const KnowledgeBase& kb, Entity& e, std::string& scratch) {
  std::optional<std::uint32_t> found;
  std::vector<std::string_view> names{e.name};
  names.insert(names.end(), e.aliases.begin(), e.aliases.end());
  for (const std::string_view name : names) {
    if (name.find(' ') == std::string_view::npos) continue;  // a surname alone names no one
    const auto key = KnowledgeBase::name_key(name, scratch);
    const auto q = key ? kb.wikidata(*key) : std::nullopt;
    if (!q) continue;
    if (found && *found != *q) return;  // two members: no id
    found = q;
  }
  if (found) set_id(e, "wikidata", fmt::format("Q{}", *found));
}

}  // namespace

void PlaceResolver::resolve(const Document& doc, EntityLayer& layer) const {
  const KnowledgeBase& kb = *kb_;
  std::string scratch;
  std::vector<std::vector<PlaceCandidate>> candidates(layer.entities.size());
  std::vector<Votes> own(layer.entities.size());
  ArticleVotes all;
  for (std::size_t i = 0; i < layer.entities.size(); ++i) {
    Entity& e = layer.entities[i];
    if (e.type == EntityType::kPerson) link_congress_member(kb, e, scratch);
    if (e.type != EntityType::kLocation) continue;
    // The canonical name first: "Republic of the Congo" is one country, its alias "Congo" two.
    candidates[i] = candidates_of(kb, {e.name}, scratch);
    if (candidates[i].empty())
      candidates[i] = candidates_of(kb, std::vector<std::string_view>(e.aliases.begin(), e.aliases.end()), scratch);
    drop_shadowed_candidates(kb, candidates[i]);
    own[i] = votes_of(kb, candidates[i], std::min(kMaxEntityVotes, static_cast<double>(e.mentions.size())));
    all.add(own[i]);
  }
  all.add(votes_of(kb, dateline_places(kb, doc, scratch), kDatelineVotes));
  all.finish();
  for (std::size_t i = 0; i < layer.entities.size(); ++i) {
    if (candidates[i].empty()) continue;
    double best = -1e9, second = -1e9;
    std::uint32_t best_place = 0;
    for (const PlaceCandidate& c : candidates[i]) {
      const double s = score(kb, c, all, own[i]);
      if (s > best) {
        second = best;
        best = s;
        best_place = c.place;
      } else {
        second = std::max(second, s);
      }
    }
    if (best >= kMinScore && best - second >= kMinMargin) apply(kb.place(best_place), layer.entities[i]);
  }
}

}  // namespace analyze
