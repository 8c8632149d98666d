#include "analyze/model_heap.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace analyze {

void reserve_model_heap(std::size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  // Blocks of 128 KiB or more would each get their own mapping, outside the prepared heap.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // The heap grows by the request plus this pad, and free() gives memory back only beyond it.
  mallopt(M_TOP_PAD, static_cast<int>(std::min<std::size_t>(bytes, std::numeric_limits<int>::max())));
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Larger than any free block yet: the heap grows by it and the pad. (volatile: the compiler
  // would otherwise drop a malloc whose block is only freed.)
  void* volatile grow = std::malloc(1 << 20);
  std::free(grow);
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Under another allocator (a sanitizer's), or when the break cannot move, the heap did not grow.
  if (before == static_cast<std::uintptr_t>(-1) || after <= before) return;
  const std::uintptr_t start = (before + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = after & ~(kHugePage - 1);
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);  // advice only
#else
  (void)bytes;
#endif
}

}  // namespace analyze
