#include "cli/interrupts.h"

#include <cstdlib>
#include <signal.h>

namespace analyze::cli {

namespace {

volatile std::sig_atomic_t caught = 0;

void on_interrupt(int signal) {
  caught = signal;
  std::signal(signal, SIG_DFL);
}

void catch_unless_ignored(int signal) {
  struct sigaction old {};
  if (sigaction(signal, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) return;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read of stdin returns, so the batch can stop
  sigaction(signal, &action, nullptr);
}

}  // namespace

void catch_interrupts() {
  catch_unless_ignored(SIGINT);
  catch_unless_ignored(SIGTERM);
}

int interrupting_signal() { return caught; }

void die_of_signal(int signal) {
  std::signal(signal, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  raise(signal);
  std::_Exit(128 + signal);  // not reached: the default action of SIGINT and SIGTERM ends the process
}

}  // namespace analyze::cli
