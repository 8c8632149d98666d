#include "stance/stance_model.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

#include <catch2/catch.hpp>

#include "core/model_file.h"
#include "temp_dir.h"
#include "test_support.h"

using namespace analyze;
namespace fs = std::filesystem;

TEST_CASE("stance model: weights survive save and load, and score features", "[stance_model]") {
  const StanceModel model({11ULL << 32 | 5, 22ULL << 32 | 5}, {1.0f, 0.0f, -1.0f, 0.5f, 0.5f, 0.0f});
  const testing::TempDir dir;
  const fs::path file = dir.path / "stance.bin";
  REQUIRE(model.save(file));
  auto loaded = StanceModel::load(file);
  REQUIRE(loaded);
  CHECK(loaded->size() == 2);
  StanceModel::Scores logits{};
  loaded->add_logits({{22ULL << 32 | 5, 2.0f}, {11ULL << 32 | 5, 1.0f}, {33ULL << 32 | 5, 5.0f}}, logits);  // 33: unknown
  CHECK(logits[0] == Approx(2.0f));
  CHECK(logits[1] == Approx(1.0f));
  CHECK(logits[2] == Approx(-1.0f));
  const auto p = StanceModel::probabilities(logits);
  CHECK(p[0] + p[1] + p[2] == Approx(1.0f));
  CHECK(p[0] > p[1]);
}

namespace {

// The file image with its checksum recomputed, as a careless tool would leave it: what lies
// behind the checksum must be checked too.
std::string resealed(std::string bytes) {
  const std::size_t end = bytes.size() - kModelChecksumBytes;
  const std::uint64_t sum = model_checksum(std::string_view(bytes).substr(0, end));
  std::memcpy(bytes.data() + end, &sum, sizeof sum);
  return bytes;
}

}  // namespace

TEST_CASE("stance model: corrupt files are bad-model errors, never crashes", "[stance_model]") {
  const testing::TempDir dir;
  const fs::path good = dir.path / "good.bin";
  REQUIRE(StanceModel({1ULL << 40, 2ULL << 40, 3ULL << 40}, std::vector<float>(9, 0.25f)).save(good));
  const std::string bytes = testing::read_file(good);
  // magic, version, u32 classes, u64 count, then the keys
  constexpr std::size_t keys_at = kModelHeaderBytes + 4 + 8;
  const std::size_t last_weight_at = bytes.size() - kModelChecksumBytes - 4;

  auto expect_bad = [&](const std::string& content, std::string_view why) {
    const fs::path bad = dir.write("bad.bin", content);
    auto m = StanceModel::load(bad);
    REQUIRE_FALSE(m);
    CHECK(m.error().code == "bad-model");
    CHECK(m.error().message.find(bad.string()) != std::string::npos);
    CHECK(m.error().message.find(why) != std::string::npos);
  };
  expect_bad("", "bad magic");
  expect_bad("NOTMODEL" + bytes.substr(8), "bad magic");
  expect_bad(bytes.substr(0, bytes.size() - 1), "checksum");
  expect_bad(bytes + "x", "checksum");
  expect_bad(resealed(bytes + "x"), "feature count does not match");
  std::string version = bytes;
  version[8] = 9;
  expect_bad(version, "version 9 is not supported (expected version 2");
  std::string huge = bytes;  // a feature count far beyond the file
  huge[keys_at - 1] = 0x7f;
  expect_bad(resealed(huge), "feature count does not match");
  std::string nan = bytes;
  const float q = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(nan.data() + last_weight_at, &q, 4);
  expect_bad(resealed(nan), "non-finite");
  std::string duplicate = bytes;  // second key equal to the first
  std::memcpy(duplicate.data() + keys_at + 8, duplicate.data() + keys_at, 8);
  expect_bad(resealed(duplicate), "duplicate");
  std::string zero_check = bytes;  // a key whose high half is 0 cannot be told from an empty slot
  std::memset(zero_check.data() + keys_at + 4, 0, 4);
  expect_bad(resealed(zero_check), "duplicate or reserved");

  auto missing = StanceModel::load("/nonexistent/stance.bin");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "bad-model");
}

TEST_CASE("stance model: the shipped model loads quickly", "[stance_model][data]") {
  const auto start = std::chrono::steady_clock::now();
  auto model = StanceModel::load(testing::data_dir() / "models/stance.bin");
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(model);
  CHECK(model->size() > 1000);
  CHECK(ms < 100.0);
}

TEST_CASE("stance model: a model without features loads and scores nothing", "[stance_model]") {
  // Loading once copied zero bytes from an empty vector's null data() (UBSan reports it).
  const testing::TempDir dir;
  const fs::path file = dir.path / "empty.bin";
  REQUIRE(StanceModel({}, {}).save(file));
  auto loaded = StanceModel::load(file);
  REQUIRE(loaded);
  CHECK(loaded->size() == 0);
  StanceModel::Scores logits{};
  loaded->add_logits({{11ULL << 32 | 5, 1.0f}}, logits);
  CHECK(logits == StanceModel::Scores{});
}
