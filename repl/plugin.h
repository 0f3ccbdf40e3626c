/* plugin: a problem whose oracle is a shared object implementing optlab_plugin.h,
 * loaded with dlopen. What the plugin lacks is filled in: the gradient by central
 * differences (plug_fd_gradient says so), the dense Hessian from H v. Every call
 * into the plugin is guarded: a crash there is caught, reported as the plugin's
 * (plug_take_fault) with the call that failed, and the instance is not called
 * again; a NaN from a finite point is reported the same way.
 *
 * Ownership: the problem owns the library handle and the instance (prob_free
 * closes and destroys them). */
#ifndef OPTLAB_PLUGIN_LOADER_H
#define OPTLAB_PLUGIN_LOADER_H

#include <stddef.h>

#include "prob.h"

typedef struct plug_arg {
	const char *name;
	double value;
} plug_arg;

/* The objective called objective (NULL: the first) of the plugin at path, in n
 * variables, with the named parameters given (the rest at their defaults). NULL
 * and a message in err: no such file, not a plugin, another interface version (both
 * named), an unknown parameter, or the plugin's create refused. */
prob *plug_load(const char *path, const char *objective, int n, const plug_arg *args,
                int nargs, char *err, size_t cap);
/* 1 when p is a plugin problem whose gradient is central differences. */
int plug_fd_gradient(const prob *p);
/* The first plugin fault since the last call (a crash or a NaN), copied into buf:
 * 1, or 0 when there was none. */
int plug_take_fault(char *buf, size_t cap);

#endif
