#include "core/model_file.h"

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "temp_dir.h"

using namespace analyze;
namespace fs = std::filesystem;

TEST_CASE("model file: arrays, empty ones included, survive a save and open", "[model_file]") {
  // An empty array once made get_all copy zero bytes to a null pointer (UBSan reports it).
  const analyze::testing::TempDir dir;
  const fs::path file = dir.path / "test-model.bin";
  ModelWriter w("TESTMODL", 3);
  w.put<std::uint32_t>(2);
  w.put_all(std::vector<float>{1.5f, -2.0f});
  w.put<std::uint32_t>(0);
  w.put_all(std::vector<float>{});
  w.put_string("label");
  REQUIRE(w.save(file));

  auto opened = ModelReader::open(file, "TESTMODL", 3, "test model");
  REQUIRE(opened);
  ModelReader& r = opened.value();
  std::uint32_t n = 0;
  std::vector<float> values;
  REQUIRE(r.get(n));
  REQUIRE(r.get_all(values, n));
  CHECK(values == std::vector<float>{1.5f, -2.0f});
  REQUIRE(r.get(n));
  CHECK(n == 0);
  REQUIRE(r.get_all(values, n));
  CHECK(values.empty());
  std::string label;
  REQUIRE(r.get_string(label));
  CHECK(label == "label");
  CHECK(r.remaining() == 0);
  CHECK_FALSE(r.get(n));  // past the end: every read fails from now on
  CHECK_FALSE(r.ok());

  SECTION("a changed byte fails the checksum") {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(14);
    f.put('\x7f');
    f.close();
    auto corrupt = ModelReader::open(file, "TESTMODL", 3, "test model");
    REQUIRE_FALSE(corrupt);
    CHECK(corrupt.error().code == "bad-model");
    CHECK(corrupt.error().message.find("test-model.bin") != std::string::npos);
  }
}

TEST_CASE("model file: the checksum is XXH3-64 with seed 0, as tools/build-kb.py computes it", "[model_file]") {
  CHECK(model_checksum("") == 0x2d06800538d394c2ULL);
  CHECK(model_checksum("abc") == 0x78af5f94892f3950ULL);
}

TEST_CASE("model file: another version or a bad magic is refused, naming the version expected", "[model_file]") {
  const analyze::testing::TempDir dir;
  const fs::path file = dir.path / "old-model.bin";
  ModelWriter w("TESTMODL", 1);
  w.put_bytes("body");
  REQUIRE(w.save(file));
  auto old = ModelReader::open(file, "TESTMODL", 2, "test model");
  REQUIRE_FALSE(old);
  CHECK(old.error().code == "bad-model");
  CHECK(old.error().message.find("old-model.bin: test model version 1 is not supported (expected version 2") != std::string::npos);

  auto other = ModelReader::open(file, "OTHERMOD", 1, "test model");
  REQUIRE_FALSE(other);
  CHECK(other.error().message.find("not a test model (bad magic)") != std::string::npos);

  auto current = ModelReader::open(file, "TESTMODL", 1, "test model");
  REQUIRE(current);
  std::string body;
  CHECK(current.value().get_bytes(body, 4));
  CHECK(body == "body");
  CHECK_FALSE(current.value().get_bytes(body, 1));
}
