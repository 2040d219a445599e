/*
 * cpus.c: the online CPU count of cpus.h.
 */
#include <unistd.h>

#include "model/cpus.h"

size_t galley_cpus_online(size_t max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	size_t cpus = n > 0 ? (size_t)n : 1;

	return cpus > max ? max : cpus;
}
