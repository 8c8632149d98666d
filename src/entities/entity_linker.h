// Turns the tagger's mention spans into the article's entities: "Donald Trump", "Trump" and
// "Trump's" become one PERSON "Donald Trump"; "U.S.", "US" and "America" one LOCATION "United
// States" with {"iso3166": "US"}. Rules, in order:
//   1. Fix-ups: a possessive "'s" is never inside a mention; leading titles ("President Trump") are
//      cut from a PERSON mention; "U.S.-Latin America" becomes two places when the gazetteer knows
//      both; a mention that repeats a PERSON name of the article, or a word of one after the first,
//      is that person ("Bukele" tagged ORGANIZATION); --gazetteer names win over tagger spans.
//   2. Each mention takes the canonical name and id of the gazetteer entry of its type with exactly
//      its name (user files first, then data/gazetteers/ in file order).
//   3. Mentions of one type with the same id, or else the same (canonical) name ignoring case, are
//      one entity. A PERSON name whose words all appear, in order, in a longer PERSON name joins
//      it ("Trump" -> "Donald Trump"); an ORGANIZATION joins a longer one it starts or abbreviates
//      ("UN" -> "United Nations").
//   4. Titles just before a PERSON mention ("former President", "El Salvador's President", "Mr.")
//      become the entity's roles.
//   5. A name found only in a headline written in title case ("Data Center Demand Soars"), in an
//      article with more than the headline, is dropped unless the gazetteer knows it or a part
//      of it ("Northern Italy"): there every word is capitalised, so capitals mark no name.
//   6. Salience: mention weights (headline and lead paragraph count more), times the share of
//      paragraphs the entity appears in and a weight for its type, normalised over the article.
#pragma once

#include <memory>
#include <vector>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "entities/gazetteer.h"
#include "core/hash_index.h"
#include "entities/tagged_span.h"

namespace analyze {

class EntityLinker {
 public:
  // `gazetteer` may be null or empty: then mentions get no canonical names and no ids.
  explicit EntityLinker(std::shared_ptr<const Gazetteer> gazetteer);

  // The entities of `doc` from the tagger's `spans` (token spans, in any order, not overlapping).
  // Spans in boilerplate paragraphs are ignored. Entities come sorted by salience.
  EntityLayer link(const Document& doc, const std::vector<TaggedSpan>& spans) const;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  HashIndex titles_;  // title words and their modifiers, by lower-cased hash
};

}  // namespace analyze
