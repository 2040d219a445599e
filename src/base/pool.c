/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * pool.c: the worker pool of pool.h.
 */
#include "base/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct galley_pool {
	pthread_mutex_t mu;
	pthread_cond_t work;     /* a task was queued, or closed */
	pthread_cond_t done;     /* a task finished */
	galley_task *head, *tail;
	bool closed;             /* no more tasks: workers end once the queue is empty */
	size_t nthreads;         /* started */
	struct galley_worker {
		pthread_t tid;
		galley_pool *pool;
		size_t index;
	} worker[];              /* as many as asked for */
};

static void run(galley_pool *p, galley_task *t, size_t worker)
{
	t->fn(t->arg, worker);
	pthread_mutex_lock(&p->mu);
	t->done = true;
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
}

/* A worker allocates nothing of its own: its thread's first malloc is
 * its first task's, so that glibc gives it the malloc arena of a thread
 * that has ended if there is one, as it would a thread started for that
 * task. */
static void *worker_main(void *v)
{
	const struct galley_worker *w = v;
	galley_pool *p = w->pool;

	for (;;) {
		galley_task *t;

		pthread_mutex_lock(&p->mu);
		while (p->head == NULL && !p->closed)
			pthread_cond_wait(&p->work, &p->mu);
		t = p->head;
		if (t == NULL) {  /* closed, and nothing is left */
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		p->head = t->next;
		if (p->head == NULL)
			p->tail = NULL;
		pthread_mutex_unlock(&p->mu);
		run(p, t, w->index);
	}
}

galley_pool *galley_pool_new(size_t threads)
{
	galley_pool *p;

	if (threads == 0)
		threads = 1;
	p = calloc(1, sizeof *p + threads * sizeof p->worker[0]);
	if (p == NULL)
		return NULL;
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		goto fail_mu;
	if (pthread_cond_init(&p->work, NULL) != 0)
		goto fail_work;
	if (pthread_cond_init(&p->done, NULL) != 0)
		goto fail_done;
	for (size_t i = 0; i < threads; i++) {
		struct galley_worker *w = &p->worker[p->nthreads];
		w->pool = p;
		w->index = p->nthreads;
		if (pthread_create(&w->tid, NULL, worker_main, w) != 0)
			break;
		p->nthreads++;
	}
	return p;
fail_done:
	pthread_cond_destroy(&p->work);
fail_work:
	pthread_mutex_destroy(&p->mu);
fail_mu:
	free(p);
	return NULL;
}

size_t galley_pool_threads(const galley_pool *pool)
{
	return pool->nthreads;
}

void galley_pool_submit(galley_pool *p, galley_task *t,
                        void (*fn)(void *arg, size_t worker), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->next = NULL;
	t->done = false;
	if (p->nthreads == 0) {
		run(p, t, 0);
		return;
	}
	pthread_mutex_lock(&p->mu);
	if (p->tail)
		p->tail->next = t;
	else
		p->head = t;
	p->tail = t;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void galley_task_wait(galley_pool *p, galley_task *t)
{
	pthread_mutex_lock(&p->mu);
	while (!t->done)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

bool galley_pool_run_one(galley_pool *p)
{
	galley_task *t;

	pthread_mutex_lock(&p->mu);
	t = p->head;
	if (t != NULL) {
		p->head = t->next;
		if (p->head == NULL)
			p->tail = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	if (t == NULL)
		return false;
	run(p, t, p->nthreads);
	return true;
}

void galley_pool_close(galley_pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void galley_pool_free(galley_pool *p)
{
	if (p == NULL)
		return;
	galley_pool_close(p);
	for (size_t i = 0; i < p->nthreads; i++)
		pthread_join(p->worker[i].tid, NULL);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* ---- parallel for ------------------------------------------------------------ */

typedef struct pfor {
	void (*fn)(void *arg, size_t i, size_t worker);
	void *arg;
	size_t n;
	atomic_size_t next;  /* the next index to take */
} pfor;

static void pfor_run(void *v, size_t worker)
{
	pfor *f = v;
	size_t i;

	while ((i = atomic_fetch_add(&f->next, 1)) < f->n)
		f->fn(f->arg, i, worker);
}

void galley_parallel_for(size_t threads, size_t n,
                         void (*fn)(void *arg, size_t i, size_t worker), void *arg)
{
	pfor f = {.fn = fn, .arg = arg, .n = n};
	galley_pool *pool = NULL;
	galley_task *tasks = NULL;
	size_t helpers = threads > n ? n : threads;

	atomic_init(&f.next, 0);
	/* the caller is one of the threads */
	if (helpers >= 2 && (tasks = calloc(helpers - 1, sizeof *tasks)) != NULL &&
	    (pool = galley_pool_new(helpers - 1)) != NULL && galley_pool_threads(pool) > 0) {
		for (size_t t = 0; t + 1 < helpers; t++)
			galley_pool_submit(pool, &tasks[t], pfor_run, &f);
		pfor_run(&f, helpers - 1);
		galley_pool_free(pool);
	} else {
		galley_pool_free(pool);
		pfor_run(&f, 0);
	}
	free(tasks);
}
