/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/export.h: which of libgalley's functions a program can link.
 *
 * libgalley is compiled with -fvisibility=hidden: its internal functions
 * are visible only inside the library, and the static archive is one
 * object whose hidden symbols are made local, so that a program that
 * defines a function of the same name as one of galley's internals
 * (read_image, say) keeps its own and galley keeps its own.  Each public
 * header wraps its declarations in GALLEY_API_BEGIN and GALLEY_API_END,
 * which give them default visibility: those, and only those, are
 * exported, from libgalley.a and from libgalley.so alike.
 */
#ifndef GALLEY_EXPORT_H
#define GALLEY_EXPORT_H

#if defined(__GNUC__) && __GNUC__ >= 4
#define GALLEY_API_BEGIN _Pragma("GCC visibility push(default)")
#define GALLEY_API_END _Pragma("GCC visibility pop")
#else
#define GALLEY_API_BEGIN
#define GALLEY_API_END
#endif

#endif
