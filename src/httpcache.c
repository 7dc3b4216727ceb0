/* httpcache.c - entity tags and the answer cache (see httpcache.h).
 *
 * The cache is direct-mapped: HTTPCACHE_SLOTS slots, each with its own
 * mutex, a key hashed to one slot; a newer answer for another key that
 * hashes to the same slot replaces the older one. A global generation
 * counter, bumped by httpcache_invalidate, makes every older entry stale
 * at once without touching the slots. */
#include "httpcache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct slot {
    pthread_mutex_t lock;
    char *key;
    char *body;
    size_t len;
    char tag[HTTPCACHE_TAG_MAX];
    unsigned long gen;
    unsigned long long stamp;
    time_t stored;
};

static struct slot slots[HTTPCACHE_SLOTS];
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;
static atomic_ulong generation = 1;
static char watch_db[4096], watch_wal[4100];

/* A fingerprint of the watched files' modification times and sizes (0
 * when nothing is watched). */
static unsigned long long files_stamp(void)
{
    unsigned long long h = 0;
    struct stat st;

    if (watch_db[0] == '\0')
        return 0;
    if (stat(watch_db, &st) == 0)
        h = ((unsigned long long)st.st_mtim.tv_sec * 1000000007ULL) ^
            (unsigned long long)st.st_mtim.tv_nsec ^
            ((unsigned long long)st.st_size << 20);
    if (stat(watch_wal, &st) == 0)
        h = (h * 0x9e3779b97f4a7c15ULL) ^
            ((unsigned long long)st.st_mtim.tv_sec * 1000000007ULL) ^
            (unsigned long long)st.st_mtim.tv_nsec ^
            ((unsigned long long)st.st_size << 24);
    return h;
}

void httpcache_watch(const char *db_path)
{
    snprintf(watch_db, sizeof watch_db, "%s", db_path);
    snprintf(watch_wal, sizeof watch_wal, "%s-wal", db_path);
}

static void slots_init(void)
{
    size_t i;

    for (i = 0; i < HTTPCACHE_SLOTS; i++)
        pthread_mutex_init(&slots[i].lock, NULL);
}

static time_t now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

/* A 64-bit hash of n bytes, mixed a word at a time. */
static uint64_t hash_bytes(uint64_t h, const unsigned char *p, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15ULL;
    uint64_t w;

    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    for (; n > 0; p++, n--) {
        h = (h ^ *p) * k;
        h ^= h >> 29;
    }
    return h;
}

int httpcache_etag_match(const char *header, const char *tag)
{
    size_t tl = strlen(tag);
    const char *p = header;

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return 1;
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        if (strncmp(p, tag, tl) == 0 &&
            (p[tl] == '\0' || p[tl] == ',' || p[tl] == ' ' ||
             p[tl] == '\t'))
            return 1;
        while (*p && *p != ',')
            p++;
    }
    return 0;
}

void httpcache_tag(const char *ctype, const char *body, size_t len,
                   char tag[HTTPCACHE_TAG_MAX])
{
    uint64_t h = 0x6b6f657273ULL;   /* "koers" */

    h = hash_bytes(h, (const unsigned char *)ctype, strlen(ctype));
    h = hash_bytes(h, (const unsigned char *)body, len);
    snprintf(tag, HTTPCACHE_TAG_MAX, "\"%016llx\"", (unsigned long long)h);
}

static struct slot *slot_of(const char *key)
{
    uint64_t h = hash_bytes(0, (const unsigned char *)key, strlen(key));

    pthread_once(&slots_once, slots_init);
    return &slots[h % HTTPCACHE_SLOTS];
}

int httpcache_get(const char *key, struct buf *out,
                  char tag[HTTPCACHE_TAG_MAX], struct httpcache_mark *mark)
{
    struct slot *s = slot_of(key);
    int hit = 0;

    mark->gen = atomic_load(&generation);
    mark->stamp = files_stamp();
    pthread_mutex_lock(&s->lock);
    if (s->key && s->gen == mark->gen && s->stamp == mark->stamp &&
        now_s() - s->stored < HTTPCACHE_TTL && strcmp(s->key, key) == 0 &&
        buf_append(out, s->body, s->len) == 0) {
        memcpy(tag, s->tag, HTTPCACHE_TAG_MAX);
        hit = 1;
    }
    pthread_mutex_unlock(&s->lock);
    return hit;
}

void httpcache_put(const char *key, const char *body, size_t len,
                   const char *tag, const struct httpcache_mark *mark)
{
    struct slot *s;
    char *k, *b;

    if (len > HTTPCACHE_MAX_BODY || strlen(tag) >= HTTPCACHE_TAG_MAX)
        return;
    k = strdup(key);
    b = malloc(len ? len : 1);
    if (k == NULL || b == NULL) {
        free(k);
        free(b);
        return;
    }
    memcpy(b, body, len);
    s = slot_of(key);
    pthread_mutex_lock(&s->lock);
    free(s->key);
    free(s->body);
    s->key = k;
    s->body = b;
    s->len = len;
    snprintf(s->tag, sizeof s->tag, "%s", tag);
    s->gen = mark->gen;
    s->stamp = mark->stamp;
    s->stored = now_s();
    pthread_mutex_unlock(&s->lock);
}

void httpcache_invalidate(void)
{
    atomic_fetch_add(&generation, 1);
}

void httpcache_clear(void)
{
    size_t i;

    pthread_once(&slots_once, slots_init);
    for (i = 0; i < HTTPCACHE_SLOTS; i++) {
        pthread_mutex_lock(&slots[i].lock);
        free(slots[i].key);
        free(slots[i].body);
        slots[i].key = slots[i].body = NULL;
        pthread_mutex_unlock(&slots[i].lock);
    }
}
