/* grow.h - growing a heap array by doubling.
 *
 * Owns: the one way the monitor modules make room in an array they fill
 * row by row (the import's rows and catalogue, the series and cross
 * sections read from the store): capacity doubles from 64 elements, so
 * n appends cost O(n) copies in all. */
#ifndef KOERS_GROW_H
#define KOERS_GROW_H

#include <stddef.h>

/* Make *arr (elements of size `size`, capacity *cap) hold at least
 * `need` elements. 0, or -1 when out of memory (*arr and *cap are then
 * unchanged, so the caller still owns and frees the old array). */
int grow_array(void **arr, size_t *cap, size_t need, size_t size);

#endif
