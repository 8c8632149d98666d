// train-ner-clusters: word clusters from unlabelled text for the tagger's cluster features.
//
//   train-ner-clusters --classes 64,256,1024 --out clusters.tsv FILE.jsonl...
//
// Texts go through the project's `normalize` and `segment` stages; words are lower-cased (digits
// read as 0, like the tagger's word keys). Each clustering is the predictive exchange algorithm
// (Uszkoreit & Brants 2008): words move between C classes to maximise the likelihood of a class
// bigram model p(w | v) = p(class(w) | v) p(w | class(w)), i.e. sum_{v,c} f(N(v,c)) - sum_c f(N(c))
// with f(x) = x log x. It is a cheaper stand-in for Brown clustering (one flat clustering per C
// instead of a hierarchy; the tagger uses several C). Output: word <TAB> class per C.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/hash_index.h"
#include "analyze/pipeline.h"
#include "core/utf8.h"

using namespace analyze;

namespace {

[[noreturn]] void fail(const std::string& message) {
  fmt::print(stderr, "train-ner-clusters: {}\n", message);
  std::exit(1);
}

constexpr std::uint32_t kBoundary = 0;  // sentence boundary: a word of its own, in a class of its own
constexpr std::uint32_t kUnknown = 1;   // words below --min-count

struct Corpus {
  std::vector<std::string> words;  // by id
  std::vector<std::uint64_t> counts;
  // Bigrams grouped by their second word: predecessors of w are pred[first[w] .. first[w + 1]).
  std::vector<std::uint64_t> first;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pred;  // (v, count)
};

// f(x) = x log x, tabulated for small x: the inner loop needs no logarithm.
class XLogX {
 public:
  explicit XLogX(std::size_t n) : table_(n) {
    for (std::size_t i = 1; i < n; ++i) table_[i] = static_cast<double>(i) * std::log(static_cast<double>(i));
  }
  double operator()(std::int64_t x) const {
    return static_cast<std::size_t>(x) < table_.size() ? table_[static_cast<std::size_t>(x)]
                                                       : static_cast<double>(x) * std::log(static_cast<double>(x));
  }

 private:
  std::vector<double> table_;
};

// Returns each word's class (the boundary gets class `classes`, outside the C movable ones).
std::vector<std::uint32_t> exchange(const Corpus& corpus, std::uint32_t classes, int iterations) {
  const std::size_t vocabulary = corpus.words.size();
  const std::uint32_t all = classes + 1;
  std::vector<std::uint32_t> cls(vocabulary);
  // Initial classes from each word's own spelling, not from its frequency rank: with rank-based
  // classes, one word whose count changes moves past every word of equal count and shifts all of
  // their initial classes, and the greedy exchange turns that into a different clustering.
  for (std::uint32_t w = 0; w < vocabulary; ++w)
    cls[w] = w == kBoundary ? classes : static_cast<std::uint32_t>(lowercase_hash(corpus.words[w]) % classes);
  std::vector<std::int32_t> n_vc(vocabulary * all, 0);  // counts of (v, a word of class c)
  std::vector<std::int64_t> n_c(all, 0), n_w(vocabulary, 0);
  for (std::uint32_t w = 0; w < vocabulary; ++w)
    for (std::uint64_t k = corpus.first[w]; k < corpus.first[w + 1]; ++k) {
      const auto [v, n] = corpus.pred[k];
      n_vc[static_cast<std::size_t>(v) * all + cls[w]] += static_cast<std::int32_t>(n);
      n_w[w] += n;
    }
  for (std::uint32_t w = 0; w < vocabulary; ++w) n_c[cls[w]] += n_w[w];
  const XLogX f(1 << 22);
  std::vector<double> gain(classes);
  for (int it = 0; it < iterations; ++it) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t moved = 0;
    for (std::uint32_t w = 1; w < vocabulary; ++w) {
      const std::uint32_t old = cls[w];
      const std::uint64_t begin = corpus.first[w], end = corpus.first[w + 1];
      for (std::uint64_t k = begin; k < end; ++k) n_vc[static_cast<std::size_t>(corpus.pred[k].first) * all + old] -= static_cast<std::int32_t>(corpus.pred[k].second);
      n_c[old] -= n_w[w];
      for (std::uint32_t c = 0; c < classes; ++c) gain[c] = f(n_c[c]) - f(n_c[c] + n_w[w]);
      for (std::uint64_t k = begin; k < end; ++k) {
        const auto [v, n] = corpus.pred[k];
        const std::int32_t* row = n_vc.data() + static_cast<std::size_t>(v) * all;
        for (std::uint32_t c = 0; c < classes; ++c) gain[c] += f(row[c] + n) - f(row[c]);
      }
      std::uint32_t best = old;
      for (std::uint32_t c = 0; c < classes; ++c)
        if (gain[c] > gain[best] + 1e-9) best = c;
      moved += best != old;
      cls[w] = best;
      for (std::uint64_t k = begin; k < end; ++k) n_vc[static_cast<std::size_t>(corpus.pred[k].first) * all + best] += static_cast<std::int32_t>(corpus.pred[k].second);
      n_c[best] += n_w[w];
    }
    fmt::print(stderr, "  C={} iteration {}: {} words moved ({:.1f} s)\n", classes, it + 1, moved,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (moved < vocabulary / 1000) break;
  }
  return cls;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Word clusters from unlabelled text for the named-entity tagger"};
  std::vector<std::string> inputs;
  std::vector<std::uint32_t> class_counts{64, 256, 1024};
  std::string out_file;
  std::uint64_t min_count = 3;
  int iterations = 12;
  app.add_option("inputs", inputs, "JSONL files with a \"text\" key per line")->required();
  app.add_option("--classes", class_counts, "number of classes of each clustering")->delimiter(',')->capture_default_str();
  app.add_option("--min-count", min_count, "rarer words are not clustered")->capture_default_str();
  app.add_option("--iterations", iterations, "exchange passes over the vocabulary (at most)")->capture_default_str();
  app.add_option("--out", out_file, "TSV to write: word, then its class in each clustering")->required();
  CLI11_PARSE(app, argc, argv);

  auto pipeline = segmentation_pipeline();
  if (!pipeline) fail(pipeline.error().message);

  // Pass 1: the text as word strings (lower-cased, digits as 0), kBoundary between sentences.
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> words{"<s>"};
  std::vector<std::uint64_t> counts{0};
  std::vector<std::uint32_t> stream{kBoundary};
  std::string lower;
  for (const std::string& file : inputs) {
    std::ifstream in(file);
    if (!in) fail("cannot read " + file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      Document doc("", nlohmann::json::parse(line).at("text").get<std::string>());
      if (Status s = pipeline->run(doc); !s) continue;
      for (const Sentence& s : doc.sentences) {
        for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
          utf8::to_lower(doc.form(doc.tokens[t]), lower);
          for (char& c : lower)
            if (c >= '0' && c <= '9') c = '0';
          const auto [it, added] = ids.try_emplace(lower, static_cast<std::uint32_t>(words.size()));
          if (added) words.push_back(lower), counts.push_back(0);
          ++counts[it->second];
          stream.push_back(it->second);
        }
        stream.push_back(kBoundary);
      }
    }
  }
  fmt::print(stderr, "{} tokens, {} distinct words\n", stream.size(), words.size());

  // Renumber: boundary, unknown, then words with >= min_count by frequency.
  std::vector<std::uint32_t> order(words.size() - 1);
  std::iota(order.begin(), order.end(), 1u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  std::vector<std::uint32_t> remap(words.size(), kUnknown);
  remap[kBoundary] = kBoundary;
  Corpus corpus;
  corpus.words = {"<s>", "<unk>"};
  for (const std::uint32_t w : order) {
    if (counts[w] < min_count) break;
    remap[w] = static_cast<std::uint32_t>(corpus.words.size());
    corpus.words.push_back(words[w]);
  }
  const std::size_t vocabulary = corpus.words.size();
  std::unordered_map<std::uint64_t, std::uint32_t> bigrams;
  for (std::size_t i = 1; i < stream.size(); ++i)
    ++bigrams[static_cast<std::uint64_t>(remap[stream[i]]) << 32 | remap[stream[i - 1]]];
  corpus.first.assign(vocabulary + 1, 0);
  for (const auto& [key, n] : bigrams) ++corpus.first[(key >> 32) + 1];
  std::partial_sum(corpus.first.begin(), corpus.first.end(), corpus.first.begin());
  corpus.pred.resize(bigrams.size());
  std::vector<std::uint64_t> fill(corpus.first.begin(), corpus.first.end() - 1);
  for (const auto& [key, n] : bigrams) corpus.pred[fill[key >> 32]++] = {static_cast<std::uint32_t>(key), n};
  // Predecessors in id order, not the hash map's: the gains are sums of doubles over this list.
  for (std::size_t w = 0; w < vocabulary; ++w)
    std::sort(corpus.pred.begin() + static_cast<std::ptrdiff_t>(corpus.first[w]),
              corpus.pred.begin() + static_cast<std::ptrdiff_t>(corpus.first[w + 1]));
  fmt::print(stderr, "{} clustered words, {} bigram types\n", vocabulary - 2, bigrams.size());

  std::vector<std::vector<std::uint32_t>> clusterings;
  for (const std::uint32_t c : class_counts) clusterings.push_back(exchange(corpus, c, iterations));

  std::ofstream out(out_file);
  for (std::size_t w = 2; w < vocabulary; ++w) {
    out << corpus.words[w];
    for (const auto& cls : clusterings) out << '\t' << cls[w];
    out << '\n';
  }
  if (!out) fail("cannot write " + out_file);
  return 0;
}
