#include "test_paths.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

namespace analyze::testing {
namespace {

// The tags of the test case running now, lower case and without brackets, as Catch keeps them.
std::vector<std::string> running_test_tags;

struct RunningTestTags : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(const Catch::TestCaseInfo& info) override { running_test_tags = info.lcaseTags; }
};

// Fails the running test unless it carries one of `tags`: a test that reads `what` without saying
// so would be labelled `unit` and fail where data/ is absent.
void require_tag(std::initializer_list<const char*> tags, const char* what) {
  const bool tagged = std::any_of(tags.begin(), tags.end(), [](const char* tag) {
    return std::find(running_test_tags.begin(), running_test_tags.end(), tag) != running_test_tags.end();
  });
  if (!tagged) FAIL("a test that reads " << what << " must be tagged [" << *tags.begin() << "] (tests/test_paths.h)");
}

}  // namespace

CATCH_REGISTER_LISTENER(RunningTestTags)

std::filesystem::path data_dir() {
  require_tag({"data", "cli"}, "data/");
  return ANALYZE_TEST_DATA_DIR;
}

std::filesystem::path shared_dir() {
  require_tag({"data"}, "../shared");
  return ANALYZE_SHARED_DIR;
}

std::filesystem::path analyze_binary() {
  require_tag({"cli"}, "the analyze binary");
  return ANALYZE_BINARY;
}

std::filesystem::path source_dir() {
  require_tag({"cli"}, "the source tree");
  return ANALYZE_TEST_SOURCE_DIR;
}

bool shared_available() { return std::filesystem::exists(shared_dir() / "samples"); }

}  // namespace analyze::testing
