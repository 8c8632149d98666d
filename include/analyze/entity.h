// The entities layer: named-entity mentions grouped into real-world entities.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace analyze {

enum class EntityType : std::uint8_t { kPerson, kOrganization, kLocation, kMisc };

// Contract names: PERSON, ORGANIZATION, LOCATION, MISC.
std::string_view entity_type_name(EntityType type);

struct Mention {
  std::uint32_t begin = 0;  // byte offsets into Document::text; a possessive's mention is the stem
  std::uint32_t end = 0;
  std::uint32_t sentence = 0;
  std::uint32_t token_begin = 0;  // tokens [token_begin, token_end)
  std::uint32_t token_end = 0;
};

// A point on the Earth, WGS84 degrees.
struct GeoPoint {
  double lat = 0.0;
  double lon = 0.0;
};

struct Entity {
  std::string name;                  // fullest proper name ("Donald Trump")
  EntityType type = EntityType::kMisc;
  double salience = 0.0;             // [0, 1]
  std::vector<std::string> aliases;  // distinct surface forms
  std::vector<std::string> roles;    // titles seen with the name ("former President")
  std::vector<std::pair<std::string, std::string>> ids;  // {"iso3166", "SV"}, {"geonames", "..."}
  std::optional<GeoPoint> coordinates;  // a place the knowledge base resolved to a city
  std::vector<Mention> mentions;     // in text order
};

// Entities sorted by salience, highest first (the contract's order).
struct EntityLayer {
  std::vector<Entity> entities;
};

}  // namespace analyze
