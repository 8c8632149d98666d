// SIGINT and SIGTERM during a batch: the batch stops after the article being written, the output
// is flushed, and then the process dies of the same signal, so the shell that started it sees a
// death by signal (and a `for` loop of analyze runs stops at Ctrl-C, as it does for `sleep`).
#pragma once

#include <csignal>

namespace analyze::cli {

// Catches SIGINT and SIGTERM, each unless it was ignored when the process started (`nohup`, a
// background job of a shell without job control): an inherited SIG_IGN is left alone. After a
// caught signal the next one kills at once.
void catch_interrupts();

// The signal caught, or 0.
int interrupting_signal();

// Dies of `signal` with its default action (the caller has flushed what it wrote).
[[noreturn]] void die_of_signal(int signal);

}  // namespace analyze::cli
