#include "entities/knowledge_base.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/model_file.h"
#include "temp_dir.h"
#include "test_paths.h"
#include "test_support.h"

using namespace analyze;
namespace fs = std::filesystem;

namespace {

const KnowledgeBase& knowledge_base() {
  static const KnowledgeBase kb = [] {
    auto loaded = KnowledgeBase::load(analyze::testing::data_dir() / "kb" / "places.bin");
    REQUIRE(loaded);
    return std::move(loaded.value());
  }();
  return kb;
}

std::uint64_t key_of(std::string_view name) {
  std::string scratch;
  const auto key = KnowledgeBase::name_key(name, scratch);
  REQUIRE(key);
  return *key;
}

// The ISO codes (or, for cities, "city:<country>") of the places `name` may stand for.
std::vector<std::string> candidates(std::string_view name) {
  const KnowledgeBase& kb = knowledge_base();
  std::vector<std::string> out;
  kb.for_each_candidate(key_of(name), 1000, [&](PlaceCandidate c) {
    const KbPlace& p = kb.place(c.place);
    out.push_back(p.kind == PlaceKind::kCity ? "city:" + std::string(p.country, 2) : std::string(p.iso_code()));
  });
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}


}  // namespace

TEST_CASE("knowledge base: a name's candidates span kinds and countries", "[knowledge_base][data]") {
  const auto georgia = candidates("Georgia");
  CHECK(contains(georgia, "GE"));
  CHECK(contains(georgia, "US-GA"));
  const auto paris = candidates("Paris");
  CHECK(contains(paris, "city:FR"));
  CHECK(contains(paris, "city:US"));
  CHECK(contains(candidates("Quebec"), "CA-QC"));   // GeoNames' CA.10, mapped through its iso-codes name
  CHECK(contains(candidates("Sichuan"), "CN-SC"));  // iso-codes "Sichuan Sheng"
  CHECK(contains(candidates("Calif."), "US-CA"));   // the hand-made short forms
  CHECK(contains(candidates("Britain"), "GB"));
  CHECK(contains(candidates("West Sussex"), "GB-WSX"));  // an ISO 3166-2 subdivision GeoNames has no region for
  CHECK(candidates("Zqxwvut").empty());
}

TEST_CASE("knowledge base: names are folded (accents, case, whitespace), other scripts have no key", "[knowledge_base][data]") {
  CHECK(key_of("Québec") == key_of("QUEBEC"));
  CHECK(key_of("Łódź") == key_of("lodz"));
  CHECK(key_of("  New   York ") == key_of("new york"));
  std::string scratch;
  CHECK_FALSE(KnowledgeBase::name_key("Москва", scratch));
  CHECK_FALSE(KnowledgeBase::name_key("   ", scratch));
}

TEST_CASE("knowledge base: places carry GeoNames ids, populations and coordinates", "[knowledge_base][data]") {
  const KnowledgeBase& kb = knowledge_base();
  bool found_atlanta = false;
  kb.for_each_candidate(key_of("Atlanta"), 1000, [&](PlaceCandidate c) {
    const KbPlace& p = kb.place(c.place);
    if (p.geonames != 4180439) return;
    found_atlanta = true;
    CHECK(p.kind == PlaceKind::kCity);
    CHECK(p.has_coordinates());
    CHECK(p.lat == Approx(33.749).margin(0.01));
    CHECK(p.iso_code().empty());
    REQUIRE(p.admin1 != KbPlace::kNoPlace);
    CHECK(kb.place(p.admin1).iso_code() == "US-GA");
    CHECK(kb.name(p) == "Atlanta");
  });
  CHECK(found_atlanta);
}

TEST_CASE("knowledge base: US Congress members by full name or alias, never by surname", "[knowledge_base][data]") {
  const KnowledgeBase& kb = knowledge_base();
  CHECK(kb.wikidata(key_of("Bernard Sanders")) == 359442u);
  CHECK(kb.wikidata(key_of("Bernie Sanders")) == 359442u);
  CHECK_FALSE(kb.wikidata(key_of("Sanders")));
}

TEST_CASE("knowledge base: a missing, damaged or inconsistent file is a bad-model error naming it", "[knowledge_base][data]") {
  const std::string real = read_bytes(analyze::testing::data_dir() / "kb" / "places.bin");
  REQUIRE(real.size() > 1000);
  const auto refused = [](const fs::path& file, std::string_view why) {
    auto kb = KnowledgeBase::load(file);
    REQUIRE_FALSE(kb);
    CHECK(kb.error().code == "bad-model");
    CHECK(kb.error().message.find(file.filename().string()) != std::string::npos);
    CHECK(kb.error().message.find(why) != std::string::npos);
  };
  const analyze::testing::TempDir dir;
  refused(dir.path / "missing.bin", "cannot open");
  std::string flipped = real;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x10);
  refused(dir.write("flipped.bin", flipped), "checksum");
  refused(dir.write("truncated.bin", real.substr(0, real.size() / 3)), "checksum");
  refused(dir.write("magic.bin", "ANZTOPIC" + real.substr(8)), "bad magic");

  // A file whose checksum is right but whose candidate list points past the places.
  ModelWriter w("ANZKBASE", 2);
  for (const std::uint32_t count : {0u, 1u, 1u, 0u, 0u, 0u, 0u, 0u}) w.put(count);
  w.put(std::uint32_t{0});  // padding to 8 bytes
  w.put(std::uint64_t{1});  // name key: hash, first candidate, count
  w.put(std::uint32_t{0});
  w.put(std::uint32_t{1});
  w.put(std::uint32_t{5});  // candidate: place 5 of 0
  w.put(std::uint32_t{0});
  const fs::path inconsistent = dir.path / "inconsistent.bin";
  REQUIRE(w.save(inconsistent));
  refused(inconsistent, "corrupt knowledge base (candidate list)");
}
