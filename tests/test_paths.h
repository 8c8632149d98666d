// Where the tests find the project's data/, the optional ../shared folder (training data and
// samples users do not have) and the `analyze` binary. The build's paths are compiled into
// test_paths.cc alone, so every other test unit compiles the same in any checkout.
//
// ctest labels a test `unit` unless its Catch tags say otherwise, and `ctest -L unit` runs without
// data/. So each function fails the test that calls it unless the test carries the tag naming
// what it reads: [data] for data_dir() and shared_dir(), [cli] for analyze_binary() (the binary
// reads data/ too, so [cli] allows data_dir() as well). ctest runs each test in a process of its
// own, so a helper's cached pipeline never hides a missing tag there.
#pragma once

#include <filesystem>

namespace analyze::testing {

std::filesystem::path data_dir();
std::filesystem::path shared_dir();
std::filesystem::path analyze_binary();
// The source tree, for the files installed beside the binary (completions/, man/); [cli] only.
std::filesystem::path source_dir();

// Whether ../shared is there; tests that need it skip cleanly without it.
bool shared_available();

}  // namespace analyze::testing
