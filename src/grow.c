/* grow.c - growing a heap array by doubling (see grow.h). */
#include "grow.h"

#include <stdlib.h>

int grow_array(void **arr, size_t *cap, size_t need, size_t size)
{
    size_t nc = *cap ? *cap : 64;
    void *p;

    if (need <= *cap)
        return 0;
    while (nc < need)
        nc *= 2;
    p = realloc(*arr, nc * size);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}
