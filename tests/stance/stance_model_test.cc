#include "stance/stance_model.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

#include <catch2/catch.hpp>

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

TEST_CASE("stance model: corrupt files are bad-model errors, never crashes", "[stance_model]") {
  const testing::TempDir dir;
  const fs::path good = dir.path / "good.bin";
  REQUIRE(StanceModel({1ULL << 40, 2ULL << 40, 3ULL << 40}, std::vector<float>(9, 0.25f)).save(good));
  const std::string bytes = testing::read_file(good);

  auto expect_bad = [&](const std::string& content) {
    const fs::path bad = dir.write("bad.bin", content);
    auto m = StanceModel::load(bad);
    REQUIRE_FALSE(m);
    CHECK(m.error().code == "bad-model");
    CHECK(m.error().message.find(bad.string()) != std::string::npos);
  };
  expect_bad("");                                       // empty
  expect_bad("NOTMODEL" + bytes.substr(8));             // magic
  expect_bad(bytes.substr(0, bytes.size() - 1));        // truncated
  expect_bad(bytes + "x");                              // trailing bytes
  std::string version = bytes;
  version[8] = 9;
  expect_bad(version);
  std::string huge = bytes;  // a feature count far beyond the file
  huge[23] = 0x7f;
  expect_bad(huge);
  std::string nan = bytes;
  const float q = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(nan.data() + nan.size() - 4, &q, 4);
  expect_bad(nan);
  std::string duplicate = bytes;  // second key equal to the first
  std::memcpy(duplicate.data() + 24 + 8, duplicate.data() + 24, 8);
  expect_bad(duplicate);
  std::string zero_check = bytes;  // a key whose high half is 0 cannot be told from an empty slot
  std::memset(zero_check.data() + 24 + 4, 0, 4);
  expect_bad(zero_check);

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
