/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * cpus.c: the CPU count of cpus.h.
 */
#include "base/cpus.h"

#include <sched.h>
#include <unistd.h>

size_t galley_cpus_online(size_t max)
{
	cpu_set_t set;
	long n = 0;
	size_t cpus;

	/* the CPUs this process may run on (taskset, a container's cpuset),
	 * not all the machine has */
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	cpus = n > 0 ? (size_t)n : 1;
	return cpus > max ? max : cpus;
}
