/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * lazy.c: shared libraries loaded when first needed (lazy.h).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "base/lazy.h"

/* One lock for every library: each is loaded once, so it is rarely taken. */
static pthread_mutex_t lazy_mu = PTHREAD_MUTEX_INITIALIZER;

static int open_lib(galley_lazy_lib *lib)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (h == NULL) {
		e = dlerror();
		snprintf(lib->why, sizeof lib->why, "%s", e ? e : "dlopen failed");
		return -1;
	}
	for (size_t i = 0; i < lib->n; i++) {
		/* POSIX's way to take a function pointer from dlsym's void * */
		if ((*lib->slots[i] = dlsym(h, lib->names[i])) == NULL) {
			snprintf(lib->why, sizeof lib->why, "%s has no function %s", lib->soname, lib->names[i]);
			return -1;  /* the handle stays open: unloading is not worth the risk */
		}
	}
	return 1;
}

bool galley_lazy_load(galley_lazy_lib *lib)
{
	int state = atomic_load_explicit(&lib->state, memory_order_acquire);

	if (state != 0)
		return state > 0;
	pthread_mutex_lock(&lazy_mu);
	state = atomic_load_explicit(&lib->state, memory_order_relaxed);
	if (state == 0) {
		state = open_lib(lib);
		atomic_store_explicit(&lib->state, state, memory_order_release);
	}
	pthread_mutex_unlock(&lazy_mu);
	return state > 0;
}

int galley_lazy_ready(galley_lazy_lib *lib, galley_error *err)
{
	if (galley_lazy_load(lib))
		return 0;
	return galley_error_set(err, lib->code, NULL, "cannot load %s (%s): %s",
	                        lib->what, lib->soname, lib->why);
}
