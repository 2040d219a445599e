/*
 * tune.h: the heap settings the `galley` command runs with.
 */
#ifndef GALLEY_CLI_TUNE_H
#define GALLEY_CLI_TUNE_H

/* Prepares the process heap for typesetting (see tune.c): reserves it in
 * one piece, keeps freed memory for reuse and, where the kernel offers
 * transparent huge pages, advises them for it.  Does nothing when
 * GALLEY_NO_TUNE is set to a non-empty value or the C library is not
 * glibc.  Call once, first thing, before any thread starts. */
void galley_cli_tune_heap(void);

#endif
