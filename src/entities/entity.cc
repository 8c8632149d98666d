#include "analyze/entity.h"

namespace analyze {

std::string_view entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "PERSON";
    case EntityType::kOrganization: return "ORGANIZATION";
    case EntityType::kLocation: return "LOCATION";
    case EntityType::kMisc: return "MISC";
  }
  return "MISC";
}

}  // namespace analyze
