// Gives the article's places and US Congress members their knowledge-base ids (knowledge_base.h),
// chosen by the article's context, after the entity linker has grouped the mentions:
//   - A LOCATION entity's candidates are the places its canonical name may stand for, or, when
//     the knowledge base does not know it, any of its aliases. Each is scored by a prior (log10 of
//     the population; countries, regions, capitals and admin seats get a bonus; a GeoNames
//     alternate name a malus) plus the context: the other places of the article and the dateline
//     vote for the countries and regions their own candidates lie in ("Atlanta" votes for US and
//     US-GA, so "Georgia" is US-GA; "Tbilisi" votes for GE). A region voted for adds a fixed
//     bonus; a country adds its share of all the votes (the country the article is about). An
//     entity never votes for its own candidates.
//   - The best candidate wins when it leads the runner-up by kMinMargin and scores at least
//     kMinScore (a small town needs the article to be about its country); then the entity gets
//     `geonames` (where GeoNames has the place), `iso3166` for a country, region or subdivision
//     (never for a city: a city's iso3166 from the gazetteer is removed) and, for a city, its
//     coordinates. Otherwise the entity keeps what the gazetteer gave.
//   - A PERSON entity whose full name or an alias (two words or more) is a member of the US
//     Congress gets `wikidata`; its surname-only mentions share the entity, so they share the id.
//     A namesake of a member gets the member's id: the table knows no one else.
// Work per article: one lookup per name of each entity and a pass over the candidates, so linear
// in the number of entities and their names (each name's candidates are capped, and each entity's).
#pragma once

#include <memory>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "entities/knowledge_base.h"

namespace analyze {

class PlaceResolver {
 public:
  explicit PlaceResolver(std::shared_ptr<const KnowledgeBase> kb) : kb_(std::move(kb)) {}

  // Sets ids and coordinates on the entities of `layer`, found in `doc`.
  void resolve(const Document& doc, EntityLayer& layer) const;

 private:
  std::shared_ptr<const KnowledgeBase> kb_;
};

}  // namespace analyze
