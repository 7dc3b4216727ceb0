/* bench_overlap.c - pairwise overlap of 5,000 gremia and 100,000
 * organisations (sparse: each organisation sits in 1 to 5 gremia, a few
 * hubs in many), counted through the inverted index (overlap_count), with
 * the naive all-pairs merge (overlap_count_naive) on the same data as the
 * reference measured in the same run, and the ratio. Prints figures; it
 * asserts only that both give the same pairs. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "overlap.h"

#define NG 5000u
#define NO 100000u

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
    size_t cap = NO * 6, k;
    unsigned *g = malloc(cap * sizeof *g), *o = malloc(cap * sizeof *o);
    struct overlap_input in = { NG, NO, 0, g, o };
    struct overlap_result a, b;
    unsigned seed = 2023, org;
    double t0, t1, t2;
    int same = 1;

    if (g == NULL || o == NULL)
        return 1;
    for (org = 0; org < NO; org++) {
        unsigned n, j, picked[40];

        seed = seed * 1103515245u + 12345u;
        n = org < 200 ? 20 + (seed >> 8) % 20 : 1 + (seed >> 8) % 5;
        for (j = 0; j < n; j++) {
            unsigned x, d, dup;

            do {
                seed = seed * 1103515245u + 12345u;
                x = (seed >> 4) % NG;
                for (dup = 0, d = 0; d < j; d++)
                    dup |= picked[d] == x;
            } while (dup);
            picked[j] = x;
            g[in.nmembers] = x;
            o[in.nmembers++] = org;
        }
    }
    t0 = now();
    if (overlap_count(&in, &a) != 0)
        return 1;
    t1 = now();
    if (overlap_count_naive(&in, &b) != 0)
        return 1;
    t2 = now();
    if (a.npairs != b.npairs)
        same = 0;
    for (k = 0; same && k < a.npairs; k++)
        same = a.pairs[k].a == b.pairs[k].a && a.pairs[k].b == b.pairs[k].b
               && a.pairs[k].shared == b.pairs[k].shared;
    printf("bench_overlap: %u gremia, %u organisaties, %zu lidmaatschappen, "
           "%zu paren met overlap\n", NG, NO, in.nmembers, a.npairs);
    printf("bench_overlap: inverted index %.3f s; naive all-pairs "
           "(reference) %.3f s; ratio %.1fx; same pairs: %s\n", t1 - t0,
           t2 - t1, (t2 - t1) / (t1 - t0 > 1e-9 ? t1 - t0 : 1e-9),
           same ? "ja" : "NEE");
    overlap_result_free(&a);
    overlap_result_free(&b);
    free(g);
    free(o);
    return same ? 0 : 1;
}
