/* smap.c - a string arena and a string-keyed hash map over it (see
 * smap.h). */
#include "smap.h"

#include <stdlib.h>
#include <string.h>

struct smap_arena_blk {
    struct smap_arena_blk *next;
    size_t used, cap;
    char data[];
};

char *smap_arena_dup(struct smap_arena *a, const char *s, size_t n)
{
    struct smap_arena_blk *b = a->head;
    char *p;

    if (b == NULL || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;

        b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

void smap_arena_free(struct smap_arena *a)
{
    while (a->head) {
        struct smap_arena_blk *n = a->head->next;

        free(a->head);
        a->head = n;
    }
}

/* A multiply-xor hash over 8 bytes at a time (keys are short codes). */
static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);

    while (n >= 8) {
        uint64_t w;

        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;

        memcpy(&w, p, n);
        h = (h ^ w) * 0x94d049bb133111ebULL;
        h ^= h >> 29;
    }
    return h ^ (h >> 32);
}

int smap_get(const struct smap *m, const char *k, size_t n, uint32_t *val)
{
    uint64_t h;
    size_t i;

    if (m->cap == 0)
        return 0;
    h = hash_bytes(k, n);
    for (i = h & (m->cap - 1); m->s[i].k; i = (i + 1) & (m->cap - 1))
        if (m->s[i].h == h && m->s[i].len == n &&
            memcmp(m->s[i].k, k, n) == 0) {
            *val = m->s[i].val;
            return 1;
        }
    return 0;
}

/* Double the slots (64 at first) and place every key again. */
static int rehash(struct smap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64, i;
    struct smap_slot *s = calloc(cap, sizeof *s);

    if (s == NULL)
        return -1;
    for (i = 0; i < m->cap; i++) {
        size_t j;

        if (m->s[i].k == NULL)
            continue;
        for (j = m->s[i].h & (cap - 1); s[j].k; j = (j + 1) & (cap - 1))
            ;
        s[j] = m->s[i];
    }
    free(m->s);
    m->s = s;
    m->cap = cap;
    return 0;
}

int smap_put(struct smap *m, const char *k, size_t n, uint32_t val)
{
    uint64_t h = hash_bytes(k, n);
    size_t i;

    if ((m->n + 1) * 2 > m->cap && rehash(m) != 0)
        return -1;
    for (i = h & (m->cap - 1); m->s[i].k; i = (i + 1) & (m->cap - 1))
        if (m->s[i].h == h && m->s[i].len == n &&
            memcmp(m->s[i].k, k, n) == 0) {
            m->s[i].val = val;
            return 0;
        }
    m->s[i].k = smap_arena_dup(&m->ar, k, n);
    if (m->s[i].k == NULL)
        return -1;
    m->s[i].len = (uint32_t)n;
    m->s[i].val = val;
    m->s[i].h = h;
    m->n++;
    return 0;
}

void smap_free(struct smap *m)
{
    free(m->s);
    smap_arena_free(&m->ar);
    memset(m, 0, sizeof *m);
}
