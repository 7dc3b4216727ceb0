/* smap.h - a string arena and a string-keyed hash map over it.
 *
 * Owns: the two in-memory structures the monitor import looks codes up
 * in while it reads millions of records: an arena that copies strings
 * into 64 KiB blocks (freed all at once) and an open-addressing hash map
 * from byte strings to 32-bit values whose keys live in its own arena.
 * No allocation per lookup; one per new key only when a block is full.
 *
 * Ownership: both are plain structs, zero-initialised before use
 * (`struct smap m = { 0 };`); smap_free and smap_arena_free release
 * everything and leave them empty again (safe to call twice). */
#ifndef KOERS_SMAP_H
#define KOERS_SMAP_H

#include <stddef.h>
#include <stdint.h>

struct smap_arena_blk;

struct smap_arena {
    struct smap_arena_blk *head;
};

/* Copy n bytes plus a NUL into the arena; NULL when out of memory. */
char *smap_arena_dup(struct smap_arena *a, const char *s, size_t n);
void smap_arena_free(struct smap_arena *a);

struct smap_slot {
    const char *k;      /* NULL: empty */
    uint32_t len;
    uint32_t val;
    uint64_t h;
};

/* Open addressing, power-of-two capacity, keys copied into the arena. */
struct smap {
    struct smap_slot *s;
    size_t cap, n;
    struct smap_arena ar;
};

/* 1 with *val set when k[0..n) is a key, else 0. */
int smap_get(const struct smap *m, const char *k, size_t n, uint32_t *val);
/* Insert or overwrite. 0, or -1 when out of memory. */
int smap_put(struct smap *m, const char *k, size_t n, uint32_t val);
void smap_free(struct smap *m);

#endif
