// Finds the paragraphs of a scraped page that are not part of the article: "Read more", "Follow us
// on ...", copyright lines, and the run of teaser headlines (links to other stories) that trails
// many scraped articles. Precision over recall: only short paragraphs are ever flagged.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyze/document.h"
#include "analyze/status.h"

namespace analyze {

class BoilerplateDetector {
 public:
  enum class Kind { kLine, kTeasers };
  enum class Match { kStart, kExact, kContains };
  struct Rule {
    Kind kind;
    Match match;
    std::string text;  // lower-cased
  };

  // Reads rules in the format of data/boilerplate.txt.
  static Result<BoilerplateDetector> load(const std::filesystem::path& file);
  explicit BoilerplateDetector(std::vector<Rule> rules) : rules_(std::move(rules)) {}

  // Sets Paragraph::boilerplate on the paragraphs that are not part of the article.
  void flag(Document& doc) const;

 private:
  const Rule* match(std::string_view lowered) const;

  std::vector<Rule> rules_;
};

}  // namespace analyze
