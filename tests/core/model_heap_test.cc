#include "analyze/model_heap.h"

#include <cstdlib>
#include <cstring>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace analyze;

TEST_CASE("after reserve_model_heap, memory of every size works and the models load", "[model_heap][data]") {
  reserve_model_heap(std::size_t{16} << 20);
  // Blocks below, inside and beyond the reserved pad, and beyond the 32 MB mapping threshold.
  for (const std::size_t bytes : {std::size_t{16}, std::size_t{200} << 10, std::size_t{8} << 20, std::size_t{40} << 20}) {
    INFO(bytes << " bytes");
    auto* block = static_cast<unsigned char*>(std::malloc(bytes));
    REQUIRE(block != nullptr);
    std::memset(block, 0xAB, bytes);
    CHECK(block[0] == 0xAB);
    CHECK(block[bytes - 1] == 0xAB);
    std::free(block);
  }
  auto pipeline = Pipeline::create({"normalize", "segment", "entities"}, testing::test_options());
  REQUIRE(pipeline);
  Document doc("heap", "Angela Merkel met Emmanuel Macron in Paris.");
  REQUIRE(pipeline->run(doc));
}
