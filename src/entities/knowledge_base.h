// The knowledge base the entities stage links names to: GeoNames countries, first-level regions and
// cities over 15,000 people, the other ISO 3166-2 subdivisions (iso-codes), hand-made short forms
// ("Calif.", "Britain"), and the members of the US Congress with their Wikidata ids. Built by
// tools/build-kb.py into data/kb/places.bin (layout in that script's docstring).
//
// The file is mapped and read in place: loading checks the checksum and that every index points
// inside the file, and allocates nothing per entry, so it fits the start-up budget.
//
// Names are looked up by a hash of their folded form (fold_name): accents dropped, a few letters
// that have no accent-free decomposition replaced ("ł" -> "l", "ß" -> "ss"), ASCII lower case,
// whitespace collapsed. Names outside the Latin script have no key.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "analyze/status.h"
#include "core/model_file.h"

namespace analyze {

enum class PlaceKind : std::uint8_t { kCountry, kRegion, kSubdivision, kCity };
// kRegion: a GeoNames first-level region (US state, UK nation, Chinese province); kSubdivision: an
// ISO 3166-2 subdivision that is no GeoNames region (UK counties and council areas).

enum class PlaceFeature : std::uint8_t { kOther, kCapital, kAdmin1Seat, kAdminSeat };

// One place, 40 bytes, as stored in the file.
struct KbPlace {
  std::uint32_t geonames;    // 0: none (subdivisions)
  std::uint32_t population;  // regions: the sum of their cities'; subdivisions: 0 (unknown)
  float lat;                 // WGS84 degrees; cities only (has_coordinates())
  float lon;
  std::uint32_t name_offset;  // display name in the string pool
  std::uint32_t admin1;       // index of the region the place lies in (a region: itself), or kNoPlace
  char country[2];            // ISO 3166-1 alpha-2
  char iso[6];                // ISO 3166 code of a country, region or subdivision, zero-padded; cities: none
  PlaceKind kind;
  PlaceFeature feature;
  std::uint8_t name_length;
  std::uint8_t flags;
  std::uint32_t largest_city;  // regions: index of their most populous city (sections excluded), or kNoPlace

  static constexpr std::uint32_t kNoPlace = 0xFFFFFFFFu;
  static constexpr std::uint8_t kHasCoordinates = 1;
  bool has_coordinates() const { return (flags & kHasCoordinates) != 0; }
  std::string_view iso_code() const { return {iso, strnlen(iso, sizeof iso)}; }
  std::uint16_t country_index() const;  // 0..675 from the two letters, for per-country tables
};
static_assert(sizeof(KbPlace) == 40);

// A place a name may stand for; `alternate`: the name is only one of GeoNames' alternate names.
struct PlaceCandidate {
  std::uint32_t place = 0;
  bool alternate = false;
};

class KnowledgeBase {
 public:
  static constexpr std::uint32_t kCountryCodes = 26 * 26;

  // Errors: Error{"bad-model", "<file>: <why>"} for a missing, truncated, damaged or inconsistent file.
  static Result<KnowledgeBase> load(const std::filesystem::path& file);

  // The lookup key of `name` (see the top of this file); nullopt when it has none. `scratch` is
  // reused between calls.
  static std::optional<std::uint64_t> name_key(std::string_view name, std::string& scratch);

  // Calls f(PlaceCandidate) for each of the first `limit` places a name with key `key` may stand
  // for, largest population first.
  template <class F>
  void for_each_candidate(std::uint64_t key, std::uint32_t limit, F&& f) const {
    const NameKey* k = find_name(key);
    if (!k) return;
    for (std::uint32_t i = k->first; i < k->first + std::min(k->count, limit); ++i)
      f(PlaceCandidate{candidates_[i] & ~kAlternateBit, (candidates_[i] & kAlternateBit) != 0});
  }

  const KbPlace& place(std::uint32_t i) const { return places_[i]; }
  std::string_view name(const KbPlace& p) const { return strings_.substr(p.name_offset, p.name_length); }
  std::size_t places() const { return place_count_; }

  // The Wikidata Q number of the US Congress member with this full name or alias key.
  std::optional<std::uint32_t> wikidata(std::uint64_t key) const;

 private:
  struct NameKey {
    std::uint64_t hash;
    std::uint32_t first;
    std::uint32_t count;
  };
  struct PersonKey {
    std::uint64_t hash;
    std::uint32_t wikidata;
    std::uint32_t reserved;
  };
  static constexpr std::uint32_t kAlternateBit = 0x80000000u;

  explicit KnowledgeBase(ModelReader reader) : reader_(std::move(reader)) {}
  Status check() const;  // every index inside the file, keys sorted
  const NameKey* find_name(std::uint64_t key) const;

  ModelReader reader_;  // owns the mapping the pointers below point into
  const KbPlace* places_ = nullptr;
  const NameKey* names_ = nullptr;
  const std::uint32_t* candidates_ = nullptr;
  const PersonKey* people_ = nullptr;
  std::string_view strings_;
  std::uint32_t place_count_ = 0, name_count_ = 0, candidate_total_ = 0, person_count_ = 0;
};

}  // namespace analyze
