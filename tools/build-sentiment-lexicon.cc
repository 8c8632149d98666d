// Builds data/lexicons/sentiment.tsv (format: src/stance/sentiment_lexicon.h) from VADER's
// human-rated lexicon file `vader_lexicon.txt` (as shipped in the npm package vader-sentiment,
// Apache-2.0) plus the closed word classes defined below.
//
//   build-sentiment-lexicon VADER_LEXICON_TXT OUTPUT_TSV
//
// VADER rates each term's valence on [-4, 4] (mean of ten raters); we keep single words (letters,
// apostrophes, hyphens), scale to [-1, 1], and drop the few terms whose rated sense is rare in news
// prose (listed in kNewsNeutral with the reason).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "stance/sentiment_lexicon.h"

namespace {

// Rated for a sense that news text rarely uses: "like" (preposition), "well" (adverb), "kind"
// (of), "pretty" (fairly), "united" (the United States), "party" (political), "please", "yes",
// "god" (oaths), "mean" (intend), "dear", "fine" (a penalty), "interest" (rates), "share" (stocks),
// "top" (officials), "chief", "lead", "hand", "green", "cross", "gross".
const char* const kNewsNeutral[] = {"like", "likes", "liked", "well", "kind", "pretty", "united", "party",
                                    "parties", "please", "yes", "god", "mean", "dear", "fine", "fined",
                                    "interest", "interests", "share", "shares", "top", "chief", "lead",
                                    "leading", "hand", "green", "cross", "gross", "ha", "haha", "lol"};

struct Cue {
  const char* cls;
  float value;
  std::vector<const char*> words;
};

// Closed classes. Boosters and negators follow VADER's lists (its booster increment 0.293 on a
// 4-point scale is a relative change of about 0.3 of a typical rated word); hedges, contrast and
// attribution cues are ours.
const std::vector<Cue>& cues() {
  static const std::vector<Cue> c = {
      {"negator", 0.0f,
       {"not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "cannot",
        "n't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
        "can't", "couldn't", "shouldn't", "hasn't", "haven't", "hadn't", "mustn't", "ain't", "needn't",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "cant", "couldnt",
        "shouldnt", "hasnt", "havent", "hadnt", "rarely", "seldom", "lack", "lacks", "lacked", "lacking",
        "fail", "fails", "failed", "failing"}},
      {"booster", 0.3f,
       {"absolutely", "completely", "considerably", "decidedly", "deeply", "enormously", "entirely",
        "especially", "exceptionally", "extremely", "fully", "greatly", "highly", "hugely", "incredibly",
        "intensely", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
        "thoroughly", "totally", "tremendously", "unusually", "utterly", "very", "most", "more",
        "seriously", "severely", "strongly", "truly", "widely", "sharply", "fiercely", "bitterly"}},
      {"booster", -0.3f,
       {"almost", "barely", "hardly", "less", "little", "marginally", "occasionally", "partly", "scarcely",
        "slightly", "somewhat", "mildly", "modestly"}},
      {"hedge", 0.6f,
       {"may", "might", "could", "would", "possibly", "perhaps", "maybe", "seem", "seems", "seemed",
        "appear", "appears", "appeared", "potentially", "probably", "likely", "if", "whether", "unless"}},
      {"hedge", 0.5f, {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}},
      {"contrast", 1.0f, {"but", "however", "yet", "nevertheless", "nonetheless", "still", "instead"}},
      {"contrast", -1.0f, {"although", "though", "whereas", "despite", "while"}},
      {"attribution", 0.0f,
       {"say", "says", "said", "saying", "argue", "argues", "argued", "arguing", "claim", "claims", "claimed",
        "claiming", "allege", "alleges", "alleged", "alleging", "contend", "contends", "contended", "insist",
        "insists", "insisted", "assert", "asserts", "asserted", "believe", "believes", "believed", "think",
        "thinks", "thought", "suggest", "suggests", "suggested", "maintain", "maintains", "maintained",
        "according", "told", "tell", "tells", "wrote", "writes", "stated", "states", "view", "views",
        "viewed", "consider", "considers", "considered", "feel", "feels", "felt", "tweeted", "added"}},
      {"reverser", 0.0f,
       {"combat", "combats", "combating", "combatting", "combated", "tackle", "tackles", "tackling", "tackled",
        "curb", "curbs", "curbing", "curbed", "fight", "fights", "fighting", "fought", "reduce", "reduces",
        "reducing", "reduced", "prevent", "prevents", "preventing", "prevented", "stop", "stops", "stopping",
        "stopped", "end", "ends", "ending", "ended", "eliminate", "eliminates", "eliminating", "eliminated",
        "address", "addresses", "addressing", "addressed", "counter", "countering", "countered", "crack",
        "cracking", "against", "solve", "solving", "solved", "fix", "fixing"}},
  };
  return c;
}

bool is_word(const std::string& s) {
  if (s.empty()) return false;
  bool letter = false;
  for (const char ch : s) {
    if (std::isalpha(static_cast<unsigned char>(ch))) letter = true;
    else if (ch != '\'' && ch != '-') return false;
  }
  return letter;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: build-sentiment-lexicon VADER_LEXICON_TXT OUTPUT_TSV\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << argv[1] << ": cannot open\n";
    return 1;
  }
  std::map<std::string, float> valence;  // sorted output, stable diffs
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string term;
    float mean = 0.0f;
    if (!std::getline(fields, term, '\t') || !(fields >> mean)) continue;
    std::transform(term.begin(), term.end(), term.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!is_word(term) || std::abs(mean) > 4.0f) continue;
    valence[term] = std::round(mean / 4.0f * 1000.0f) / 1000.0f;
  }
  for (const char* w : kNewsNeutral) valence.erase(w);
  // Reporting verbs introduce a view; the view, not the verb, carries it ("argue" is rated -1.4).
  // Likewise "combat" or "fight" (rated negative) say nothing bad of the one who fights.
  for (const Cue& c : cues())
    if (std::string_view(c.cls) == "attribution" || std::string_view(c.cls) == "reverser")
      for (const char* w : c.words) valence.erase(w);
  if (valence.size() < 5000) {
    std::cerr << argv[1] << ": only " << valence.size() << " words; is this VADER's vader_lexicon.txt?\n";
    return 1;
  }

  std::ostringstream out;
  out << "# analyze-sentiment-lexicon 1\n"
      << "# Valences: VADER lexicon (C.J. Hutto, E.E. Gilbert; vaderSentiment-js, Copyright 2018 Comcast\n"
      << "# Cable Communications Management, LLC, Apache License 2.0), mean rating / 4.\n"
      << "# Cue classes: analyze tools/build-sentiment-lexicon.cc. Regenerate, do not edit.\n";
  for (const auto& [term, v] : valence) out << term << "\tvalence\t" << v << '\n';
  for (const Cue& c : cues())
    for (const char* w : c.words) out << w << '\t' << c.cls << '\t' << c.value << '\n';

  // Validate with the loader the stage uses before writing.
  const std::string text = out.str();
  if (auto lex = analyze::SentimentLexicon::parse(text, argv[2]); !lex) {
    std::cerr << lex.error().message << '\n';
    return 1;
  }
  std::ofstream f(argv[2], std::ios::binary);
  f << text;
  if (!f) {
    std::cerr << argv[2] << ": cannot write\n";
    return 1;
  }
  std::cerr << "wrote " << argv[2] << ": " << valence.size() << " valence words\n";
  return 0;
}
