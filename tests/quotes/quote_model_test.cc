#include "quotes/quote_model.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "core/hash_index.h"
#include "temp_dir.h"

using analyze::QuoteModel;
using analyze::QuoteTransitions;
using namespace analyze;

namespace {

QuoteModel small_model() {
  QuoteModel model;
  std::vector<float> rows(2 * kQuoteTags, 0.0f);
  rows[kCueBegin] = 2.0f;                  // feature 11 says cue
  rows[kQuoteTags + kContentBegin] = 1.0f;  // feature 22 says content
  model.assign({11, 22}, rows, QuoteTransitions{});
  model.set_cue_words({lowercase_hash("said")});
  return model;
}

}  // namespace

TEST_CASE("quote model: decoding keeps to allowed transitions", "[quotes]") {
  const QuoteModel model = small_model();
  std::vector<float> emissions(2 * kQuoteTags, 0.0f);
  emissions[kContentInside] = 5.0f;  // an inside tag may not open a paragraph
  std::vector<std::uint8_t> tags;
  model.decode(emissions, 2, tags);
  REQUIRE(tags.size() == 2);
  CHECK(tags[0] != kContentInside);
  CHECK(quote_transition_allowed(kContentBegin, kContentInside));
  CHECK_FALSE(quote_transition_allowed(kCueBegin, kContentInside));
  CHECK_FALSE(quote_transition_allowed(kQuoteTags, kSourceInside));
}

TEST_CASE("quote model: emissions add the known features' weights", "[quotes]") {
  const QuoteModel model = small_model();
  const std::uint64_t features[] = {11, 22, 33};
  float scores[kQuoteTags] = {};
  model.add_emissions(features, 3, scores);
  CHECK(scores[kCueBegin] == Approx(2.0f).epsilon(0.001));
  CHECK(scores[kContentBegin] == Approx(1.0f).epsilon(0.001));
  CHECK(scores[kOutside] == 0.0f);
  CHECK(model.is_cue_word(lowercase_hash("Said")));
  CHECK_FALSE(model.is_cue_word(lowercase_hash("table")));
}

TEST_CASE("quote model: saved and loaded, a damaged file is refused", "[quotes]") {
  analyze::testing::TempDir dir;
  const auto file = dir.path / "quotes.bin";
  REQUIRE(small_model().save(file));
  auto loaded = QuoteModel::load(file);
  REQUIRE(loaded);
  CHECK(loaded->features() == 2);
  CHECK(loaded->is_cue_word(lowercase_hash("said")));

  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 5);
  auto truncated = QuoteModel::load(file);
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().code == "bad-model");
  CHECK_FALSE(QuoteModel::load(dir.path / "missing.bin"));
}
