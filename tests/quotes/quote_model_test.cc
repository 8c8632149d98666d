#include "quotes/quote_model.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/hash_index.h"
#include "core/model_file.h"
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

TEST_CASE("quote model: a table without an empty slot is searched once round, not forever", "[quotes]") {
  analyze::testing::TempDir dir;
  const auto file = dir.path / "quotes.bin";
  REQUIRE(small_model().save(file));
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // The slots are the file's last 24-byte records before the checksum; give every empty one a key.
  constexpr std::size_t kSlot = 24;
  const std::size_t end = bytes.size() - kModelChecksumBytes;
  std::uint64_t filler = 1000;
  for (std::size_t at = end - 4 * kSlot; at < end; at += kSlot) {
    std::uint64_t key = 0;
    std::memcpy(&key, bytes.data() + at, sizeof key);
    if (key == 0) std::memcpy(bytes.data() + at, &++filler, sizeof filler);
  }
  const std::uint64_t sum = model_checksum(std::string_view(bytes).substr(0, end));
  std::memcpy(bytes.data() + end, &sum, sizeof sum);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  auto full = QuoteModel::load(file);
  REQUIRE(full);
  const std::uint64_t absent[] = {33};
  float scores[kQuoteTags] = {};
  full->add_emissions(absent, 1, scores);
  CHECK(scores[kOutside] == 0.0f);
  const std::uint64_t present[] = {11};
  full->add_emissions(present, 1, scores);
  CHECK(scores[kCueBegin] == Approx(2.0f).epsilon(0.001));
}
