// Turns the tagger's mention spans into the article's entities: "Donald Trump", "Trump" and
// "Trump's" become one PERSON "Donald Trump"; "U.S.", "US" and "America" one LOCATION "United
// States" with {"iso3166": "US"}. Phases, in order (each linear in the article's size):
//   1. Clean-up: no span crosses a spaced dash or a list ("Facebook, Instagram and Twitter", or
//      its end after a comma: "Rogers, Bell Canada and Telus Corp");
//      dashes, quotes and unpaired brackets at its edges, title words at its end ("US President"
//      is the place US), "MP for" at its start and "-based" ("Boston-based" is the place Boston)
//      are cut; a PER/ORG/LOC span without a capital, or that is a generic acronym (DVD), a time
//      zone or a time, is dropped. A possessive "'s" is never inside a mention; leading titles are
//      cut from a PERSON mention; "U.S.-Latin America" becomes two places when the gazetteer knows
//      both; a mention that repeats a PERSON name of the article, or a word of one after the first,
//      is that person; a name the gazetteer knows only as an organisation, written as there, is an
//      ORGANIZATION mention where the tagger found nothing; --gazetteer names win over tagger spans.
//   2. Types: a name (lower-cased, without a leading "the") takes one type in the article, voted
//      by all its mentions (titles and honorifics before it vote PERSON, a known demonym or an event
//      word at its end ("Pro League") MISC, a plural noun it is an example of its type ("festivals
//      such as X"), a code in capitals with a three-digit number MISC ("ASX 200"), the other names of
//      a list of three or more, when of one type, that type ("Facebook, Twitter or Instagram"), a
//      known party short form is ORGANIZATION, a name the gazetteer knows as an organisation votes
//      for it); a place in a dateline keeps its own.
//   3. Each mention takes the canonical name and id of the gazetteer entry of its type with exactly
//      its name (user files first, then data/gazetteers/ in file order).
//   4. Grouping: mentions of one type with the same id, or else the same name or known alias
//      ("Tories" = "Conservative Party"), are one entity. A PERSON name whose words all appear, in
//      order, in a longer PERSON name joins it ("Trump" -> "Donald Trump"); an ORGANIZATION joins a
//      longer one with the same head: its initials ("UN"), its first words unless the rest names a
//      division ("Acme Corp", not "BBC Radio Scotland"), its last words after a place (gazetteer or
//      knowledge base: "Brooklyn Nets"), the first part of a hyphenated name ("Mercedes-Benz"). A name in brackets right after
//      one of the same type, or after "became", "renamed" or "formerly", is another name of it
//      ("Whatu Ora (Health NZ)"); "the Republic" is the article's one "Republic of ..." place.
//   5. Roles: titles just before a PERSON mention ("former President", "El Salvador's President"),
//      else an apposition after it ("Jane Doe, chief executive of Acme,"); honorifics are no role.
//   6. A name found only in a headline written in title case ("Data Center Demand Soars"), in an
//      article with more than the headline, is dropped unless the gazetteer knows it or a part
//      of it ("Northern Italy"): there every word is capitalised, so capitals mark no name.
//   7. Salience: mention weights (headline and lead paragraph count more), times the share of
//      paragraphs the entity appears in and a weight for its type, normalised over the article.
#pragma once

#include <memory>
#include <vector>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "entities/gazetteer.h"
#include "entities/knowledge_base.h"
#include "core/hash_index.h"
#include "entities/tagged_span.h"

namespace analyze {

class EntityLinker {
 public:
  // `gazetteer` may be null or empty: then mentions get no canonical names and no ids. The
  // knowledge base, when given, tells more places ("Brooklyn" of "Brooklyn Nets") to the grouping.
  explicit EntityLinker(std::shared_ptr<const Gazetteer> gazetteer,
                        std::shared_ptr<const KnowledgeBase> knowledge_base = nullptr);

  // The entities of `doc` from the tagger's `spans` (token spans, in any order, not overlapping).
  // Spans in boilerplate paragraphs are ignored. Entities come sorted by salience.
  EntityLayer link(const Document& doc, const std::vector<TaggedSpan>& spans) const;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const KnowledgeBase> knowledge_base_;
  HashIndex titles_;  // title words and their modifiers, by lower-cased hash
};

}  // namespace analyze
