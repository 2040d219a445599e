/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * pool.h: the one worker pool every parallel stage uses (reading ahead,
 * laying out articles, deflating page streams, compressing EPUB entries,
 * loading and freeing dictionaries, writing the EPUB beside the PDF).
 *
 * A pool is a fixed set of threads taking tasks from one FIFO queue.  A
 * task is storage the caller owns (often an array of them, one per job):
 * galley_pool_submit queues it, a worker runs fn(arg, worker) once, and
 * galley_task_wait returns once that call has returned.  Order and
 * bounded look-ahead are the caller's: submit task i + window when task
 * i is consumed.
 *
 * When a thread cannot be started the pool has fewer workers; with none,
 * submit runs the task at once on the caller's thread (worker index
 * galley_pool_threads()).  Work never depends on the number of threads:
 * only its speed does.
 */
#ifndef GALLEY_BASE_POOL_H
#define GALLEY_BASE_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct galley_pool galley_pool;

/* One unit of work.  Fill nothing: galley_pool_submit sets every field. */
typedef struct galley_task {
	void (*fn)(void *arg, size_t worker);
	void *arg;
	struct galley_task *next;  /* in the pool's queue */
	bool done;                 /* under the pool's lock */
} galley_task;

/* A pool of up to `threads` workers (at least 1 is asked for).  NULL when
 * memory runs out; a pool whose threads could not start still works (see
 * above). */
galley_pool *galley_pool_new(size_t threads);

/* The workers actually running (0 when none could start). */
size_t galley_pool_threads(const galley_pool *pool);

/* Queues `task` to run fn(arg, worker) on a worker, `worker` being the
 * worker's index in [0, galley_pool_threads()), or runs it at once when
 * the pool has no worker.  `task` must stay alive until waited for. */
void galley_pool_submit(galley_pool *pool, galley_task *task,
                        void (*fn)(void *arg, size_t worker), void *arg);

/* Blocks until `task`'s function has returned. */
void galley_task_wait(galley_pool *pool, galley_task *task);

/* Takes the task at the head of the queue, if any, and runs it on the
 * calling thread with worker index galley_pool_threads(): a caller with
 * nothing else to do helps drain the queue instead of waiting for it.
 * Returns false when the queue was empty.  A task the caller may run this
 * way must accept that worker index (per-worker state sized threads + 1). */
bool galley_pool_run_one(galley_pool *pool);

/* Says that no task will be submitted any more: each worker ends once
 * the queue is empty, giving back its thread (and the thread's malloc
 * arena, for the next thread started to reuse) without waiting for
 * galley_pool_free.  Queued tasks still run, and galley_task_wait and
 * galley_pool_run_one still work; galley_pool_submit must not be called
 * again.  Does not block. */
void galley_pool_close(galley_pool *pool);

/* Runs every queued task to its end, stops the workers and frees the
 * pool.  NULL is allowed. */
void galley_pool_free(galley_pool *pool);

/* fn(arg, i, worker) for i in [0, n), spread over up to `threads`
 * threads (the caller's among them), returning when all are done: a
 * parallel for.  Falls back to a plain loop when threads < 2 or no
 * thread starts. */
void galley_parallel_for(size_t threads, size_t n,
                         void (*fn)(void *arg, size_t i, size_t worker), void *arg);

#endif
