// Start-up of a process that loads the models: most of a one-article run. On Linux the tables are
// built in fresh memory, and each 4 KiB page touched for the first time costs a page fault; on a
// virtual machine a fault can cost 8 microseconds, and the models touched about 7,800 pages: most of
// a 106 ms start-up, against 43 ms with this (docs/PERFORMANCE.md part 3).
#pragma once

#include <cstddef>

namespace analyze {

// Prepares the process's main heap for loading the models: reserves `bytes` at its top, marked for
// transparent huge pages, and has blocks up to 32 MiB served from the heap rather than mapped one
// by one, so the models' tables fill a few 2 MiB pages instead of thousands of small ones. Memory
// that is never touched costs nothing. Call once, from the thread that will create the pipeline,
// before any other thread is started; the models must then be loaded on that thread (which
// Pipeline::create does). Linux with glibc only: elsewhere, or when the heap cannot grow, it does
// nothing, and loading works as before, only slower.
void reserve_model_heap(std::size_t bytes = std::size_t{64} << 20);

}  // namespace analyze
