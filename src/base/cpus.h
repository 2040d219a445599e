/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * cpus.h: how many threads "automatic" means, for every stage that runs
 * work on threads (reading ahead, layout, deflate, EPUB chapters).
 * Private to libgalley.
 */
#ifndef GALLEY_BASE_CPUS_H
#define GALLEY_BASE_CPUS_H

#include <stddef.h>

/* The CPUs this process may run on (its affinity mask, else the online
 * CPUs), at least 1 and at most `max`. */
size_t galley_cpus_online(size_t max);

#endif
