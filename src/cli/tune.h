/*
 * tune.h: the allocator settings the `galley` command runs with.
 */
#ifndef GALLEY_CLI_TUNE_H
#define GALLEY_CLI_TUNE_H

/* Asks glibc's malloc for transparent huge pages and a larger heap step
 * by re-executing the program once with those settings in GLIBC_TUNABLES
 * (glibc reads them only at start-up).  Returns only when it did not
 * re-execute: the settings are already there, GALLEY_NO_TUNE is set, the
 * C library is not glibc, huge pages are off, the process runs under
 * valgrind, or exec failed (then nothing has changed).  argv is main's. */
void galley_cli_tune_allocator(char **argv);

#endif
