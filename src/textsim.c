/* textsim.c - Dutch terms, TF-IDF and cosine similarity (see textsim.h
 * for the rules and the formula). */
#include "textsim.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Dutch function words, sorted for bsearch (the Snowball Dutch list plus
 * the words of planning prose: waarbij, daarnaast, vanuit, zoals, ...). */
static const char *const stopwords[] = {
    "aan", "al", "alle", "alles", "als", "altijd", "ander", "andere",
    "anders", "ben", "bij", "binnen", "daar", "daarbij", "daarin", "daarmee",
    "daarnaast", "daarom", "daarvan", "daarvoor", "dan", "dat", "de", "der",
    "deze", "dezelfde", "die", "dit", "doch", "doen", "door", "dus", "echter",
    "een", "eens", "elk", "elke", "en", "er", "eraan", "erin", "ervoor", "ge",
    "geen", "geweest", "haar", "had", "hadden", "heb", "hebben", "hebt",
    "heeft", "hem", "hen", "het", "hetzelfde", "hier", "hierbij", "hiervoor",
    "hij", "hoe", "hun", "ieder", "iedere", "iemand", "iets", "ik", "in",
    "indien", "is", "ja", "je", "jullie", "kan", "kon", "kunnen", "kunt",
    "maar", "mag", "me", "meer", "men", "met", "mij", "mijn", "moet",
    "moeten", "mogen", "na", "naar", "niet", "niets", "nog", "nu", "of", "om",
    "omdat", "onder", "ons", "onze", "ook", "op", "over", "reeds", "steeds",
    "te", "tegen", "tevens", "toch", "toen", "tot", "tussen", "u", "uit",
    "uw", "van", "vanuit", "veel", "via", "voor", "waar", "waarbij",
    "waardoor", "waarin", "waarmee", "waarvan", "wanneer", "want", "waren",
    "was", "wat", "we", "wel", "welk", "welke", "werd", "werden", "wezen",
    "wie", "wij", "wil", "willen", "worden", "wordt", "zal", "ze", "zeer",
    "zelf", "zich", "zij", "zijn", "zo", "zoals", "zodat", "zonder", "zou",
    "zouden", "zullen",
};

/* Base letters of U+00C0..U+00FF; "" is not a letter (× and ÷). */
static const char *const latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",          /* C0 */
    "e", "e", "e", "e", "i", "i", "i", "i",           /* C8 */
    "d", "n", "o", "o", "o", "o", "o", "",            /* D0 */
    "o", "u", "u", "u", "u", "y", "th", "ss",         /* D8 */
    "a", "a", "a", "a", "a", "a", "ae", "c",          /* E0 */
    "e", "e", "e", "e", "i", "i", "i", "i",           /* E8 */
    "d", "n", "o", "o", "o", "o", "o", "",            /* F0 */
    "o", "u", "u", "u", "u", "y", "th", "y",          /* F8 */
};

/* Base letters of U+0100..U+017F, one byte each; '1' stands for "ij"
 * (the ligature ĳ), '2' for "oe" (œ). */
static const char latin_ext_a[] =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
    "11" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "22" "rrrrrr"
    "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

_Static_assert(sizeof latin_ext_a == 129, "one letter per code point");
_Static_assert(sizeof stopwords / sizeof stopwords[0] == 158,
               "the header states the size of the list");

enum cls { CLS_SEP = -1, CLS_IGNORE = 0, CLS_HYPHEN = -2 };

/* Decode one UTF-8 code point at s (not at the NUL); *cp = -1 for an
 * invalid sequence, which consumes one byte. Returns bytes consumed. */
static size_t utf8_next(const unsigned char *s, long *cp)
{
    size_t n, i;
    long v, min;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2; v = s[0] & 0x1F; min = 0x80;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3; v = s[0] & 0x0F; min = 0x800;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4; v = s[0] & 0x07; min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return n;
}

/* The lowercase ASCII letters code point cp stands for, into out (at
 * most 2 and a NUL); returns their number, CLS_IGNORE for a combining
 * accent, CLS_HYPHEN for a hyphen, CLS_SEP for anything else. */
static int fold(long cp, char out[3])
{
    const char *s;

    out[0] = out[1] = out[2] = '\0';
    if (cp >= 'a' && cp <= 'z') {
        out[0] = (char)cp;
        return 1;
    }
    if (cp >= 'A' && cp <= 'Z') {
        out[0] = (char)(cp - 'A' + 'a');
        return 1;
    }
    if (cp == '-' || cp == 0x2010 || cp == 0x2011)
        return CLS_HYPHEN;
    if (cp >= 0x300 && cp <= 0x36F)
        return CLS_IGNORE;
    if (cp >= 0xC0 && cp <= 0xFF) {
        s = latin1[cp - 0xC0];
        if (s[0] == '\0')
            return CLS_SEP;
        out[0] = s[0];
        out[1] = s[1];
        return s[1] ? 2 : 1;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        char c = latin_ext_a[cp - 0x100];

        if (c == '1' || c == '2') {
            out[0] = c == '1' ? 'i' : 'o';
            out[1] = c == '1' ? 'j' : 'e';
            return 2;
        }
        out[0] = c;
        return 1;
    }
    return CLS_SEP;
}

/* 1 when the code point at s folds to a letter. */
static int letter_at(const unsigned char *s)
{
    long cp;
    char tmp[3];

    if (*s == '\0')
        return 0;
    utf8_next(s, &cp);
    return fold(cp, tmp) > 0;
}

typedef int (*emit_fn)(void *ctx, const char *tok, size_t len);

/* Split text into normalised tokens and call emit for each. With
 * compounds, a hyphen between letters splits the parts and the joined
 * compound is emitted after them; without, a hyphen separates like any
 * other non-letter. Tokens are cut at TEXTSIM_TERM_MAX bytes. Stops and
 * returns -1 when emit does. */
static int tokenise(const char *text, int compounds, emit_fn emit,
                    void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    char part[TEXTSIM_TERM_MAX + 1], comp[TEXTSIM_TERM_MAX + 1], f[3];
    size_t plen = 0, clen = 0, used;
    int joined = 0, k, c;
    long cp;

    for (;;) {
        c = CLS_SEP;
        used = 0;
        if (*s) {
            used = utf8_next(s, &cp);
            c = cp < 0 ? CLS_SEP : fold(cp, f);
        }
        if (c == CLS_HYPHEN && compounds && plen > 0 &&
            letter_at(s + used)) {
            if (emit(ctx, part, plen) != 0)
                return -1;
            plen = 0;
            joined = 1;
        } else if (c > 0) {
            for (k = 0; k < c; k++) {
                if (plen < TEXTSIM_TERM_MAX)
                    part[plen++] = f[k];
                if (clen < TEXTSIM_TERM_MAX)
                    comp[clen++] = f[k];
            }
            part[plen] = comp[clen] = '\0';
        } else if (c != CLS_IGNORE) {
            if (plen > 0 && emit(ctx, part, plen) != 0)
                return -1;
            if (joined && emit(ctx, comp, clen) != 0)
                return -1;
            plen = clen = 0;
            joined = 0;
        }
        if (used == 0)
            return 0;
        s += used;
    }
}

struct norm_out {
    char *out;
    size_t cap;
    size_t len;
    int cut;
};

static int emit_norm(void *ctx, const char *tok, size_t len)
{
    struct norm_out *o = ctx;
    size_t need = len + (o->len > 0);

    if (o->len + need + 1 > o->cap) {
        o->cut = 1;
        return -1;
    }
    if (o->len > 0)
        o->out[o->len++] = ' ';
    memcpy(o->out + o->len, tok, len);
    o->len += len;
    o->out[o->len] = '\0';
    return 0;
}

int textsim_normalise(const char *in, char *out, size_t outlen)
{
    struct norm_out o = { out, outlen, 0, 0 };

    if (outlen == 0)
        return -1;
    out[0] = '\0';
    tokenise(in ? in : "", 0, emit_norm, &o);
    return o.cut ? -1 : (int)o.len;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int textsim_is_stopword(const char *w)
{
    return w && bsearch(&w, stopwords, sizeof stopwords / sizeof stopwords[0],
                        sizeof stopwords[0], cmp_str) != NULL;
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y';
}

static int ends(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* bedd -> bed: a doubled final consonant loses one, keeping 3 letters. */
static size_t undouble_consonant(const char *w, size_t n)
{
    if (n >= 4 && w[n - 1] == w[n - 2] && !vowel(w[n - 1]))
        return n - 1;
    return n;
}

size_t textsim_stem(char *w)
{
    size_t n = strlen(w);

    if (n < 4)
        return n;
    if (ends(w, n, "heden") && n >= 8) {
        memcpy(w + n - 5, "heid", 4);
        n--;
    } else if (ends(w, n, "ingen") && n >= 6) {
        n -= 2;
    } else if ((ends(w, n, "ieen") || ends(w, n, "eeen")) && n >= 5) {
        n -= 2;
    } else if (ends(w, n, "ische") && n >= 6) {
        n -= 1;
    } else if (ends(w, n, "ies") && n >= 4) {
        n -= 1;
    } else if (ends(w, n, "en") && n >= 5 && !vowel(w[n - 3])) {
        n = undouble_consonant(w, n - 2);
        if (w[n - 1] == 'v')
            w[n - 1] = 'f';
        else if (w[n - 1] == 'z')
            w[n - 1] = 's';
    } else if (ends(w, n, "s") && n >= 5 && !vowel(w[n - 2]) &&
               w[n - 2] != 's' && w[n - 2] != 'j') {
        n -= 1;
    } else if (ends(w, n, "e") && n >= 4 && !vowel(w[n - 2])) {
        n = undouble_consonant(w, n - 1);
    }
    /* baan -> ban, school -> schol: CVVD with VV one of aa ee oo uu */
    if (n >= 4 && !vowel(w[n - 1]) && w[n - 2] == w[n - 3] &&
        (w[n - 2] == 'a' || w[n - 2] == 'e' || w[n - 2] == 'o' ||
         w[n - 2] == 'u') && !vowel(w[n - 4])) {
        w[n - 2] = w[n - 1];
        n--;
    }
    w[n] = '\0';
    return n;
}

struct doc_add {
    struct textsim_doc *d;
    int weight;
    int failed;
};

/* Append one token as a term occurrence (unsorted; merged later). */
static int emit_term(void *ctx, const char *tok, size_t len)
{
    struct doc_add *a = ctx;
    struct textsim_doc *d = a->d;
    struct textsim_term *t;
    char w[TEXTSIM_TERM_MAX + 1];

    if (len < TEXTSIM_TERM_MIN)
        return 0;
    memcpy(w, tok, len);
    w[len] = '\0';
    if (textsim_is_stopword(w))
        return 0;
    if (d->tokens >= TEXTSIM_DOC_MAX_TOKENS) {
        d->dropped++;
        return 0;
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        struct textsim_term *grown;

        if (cap > TEXTSIM_DOC_MAX_TOKENS)
            cap = TEXTSIM_DOC_MAX_TOKENS;
        assert(cap > d->n);   /* n <= tokens < TEXTSIM_DOC_MAX_TOKENS */
        grown = realloc(d->terms, cap * sizeof *grown);
        if (grown == NULL) {
            a->failed = 1;
            return -1;
        }
        d->terms = grown;
        d->cap = cap;
    }
    t = &d->terms[d->n++];
    memcpy(t->word, w, len + 1);
    memcpy(t->term, w, len + 1);
    textsim_stem(t->term);
    t->tf = a->weight;
    d->tokens++;
    return 0;
}

/* By term; within a term the shortest word first, then alphabetical, so
 * the word shown for a term does not depend on the order of the text. */
static int cmp_term(const void *a, const void *b)
{
    const struct textsim_term *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    size_t lx, ly;

    if (c)
        return c;
    lx = strlen(x->word);
    ly = strlen(y->word);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return strcmp(x->word, y->word);
}

/* Sort and merge equal terms, adding their counts. */
static void doc_merge(struct textsim_doc *d)
{
    size_t i, o = 0;

    if (d->n == 0)
        return;
    qsort(d->terms, d->n, sizeof d->terms[0], cmp_term);
    for (i = 1; i < d->n; i++) {
        if (strcmp(d->terms[i].term, d->terms[o].term) == 0)
            d->terms[o].tf += d->terms[i].tf;
        else
            d->terms[++o] = d->terms[i];
    }
    d->n = o + 1;
}

int textsim_doc_add(struct textsim_doc *d, const char *text, int weight)
{
    struct doc_add a = { d, weight < 1 ? 1 : weight, 0 };

    if (text)
        tokenise(text, 1, emit_term, &a);
    doc_merge(d);
    return a.failed ? -1 : 0;
}

const struct textsim_term *textsim_doc_find(const struct textsim_doc *d,
                                            const char *term)
{
    size_t lo = 0, hi = d->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(term, d->terms[mid].term);

        if (c == 0)
            return &d->terms[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void textsim_doc_free(struct textsim_doc *d)
{
    if (d == NULL)
        return;
    free(d->terms);
    memset(d, 0, sizeof *d);
}

int textsim_skipped(long long n, long long in, long long of)
{
    return n >= TEXTSIM_SKIP_MIN_N && in * 100 > of * TEXTSIM_SKIP_PERCENT;
}

double textsim_idf(long long n, long long df)
{
    if (n < 1 || df < 1)
        return 0.0;
    return log(1.0 + (double)n / (double)df);
}

/* 1 when (part, term) goes before entry w: a larger part; for an equal
 * part the longer term (compounds say more than "bbl"), then A-Z. */
static int why_before(double part, const char *term,
                      const struct textsim_why *w)
{
    size_t a, b;

    if (part != w->part)
        return part > w->part;
    a = strlen(term);
    b = strlen(w->term);
    if (a != b)
        return a > b;
    return strcmp(term, w->term) < 0;
}

void textsim_why_add(struct textsim_why *why, size_t max, size_t *n,
                     const char *term, const char *word, double part)
{
    size_t i;

    if (max == 0 || !(part > 0.0))
        return;
    i = *n < max ? *n : max - 1;
    if (*n == max && !why_before(part, term, &why[i]))
        return;
    /* shift the entries that go after it down from the insertion point */
    while (i > 0 && why_before(part, term, &why[i - 1])) {
        why[i] = why[i - 1];
        i--;
    }
    snprintf(why[i].term, sizeof why[i].term, "%s", term);
    snprintf(why[i].word, sizeof why[i].word, "%s", word ? word : term);
    why[i].part = part;
    if (*n < max)
        (*n)++;
}

/* The squared norm of d's tf * idf vector. */
static double norm2(const struct textsim_doc *d, textsim_idf_fn idf,
                    void *ctx)
{
    double s = 0.0, w;
    size_t i;

    for (i = 0; i < d->n; i++) {
        w = d->terms[i].tf * idf(d->terms[i].term, ctx);
        s += w * w;
    }
    return s;
}

double textsim_cosine(const struct textsim_doc *a,
                      const struct textsim_doc *b, textsim_idf_fn idf,
                      void *ctx, struct textsim_why *why, size_t nwhy,
                      size_t *nwhy_out)
{
    double na = sqrt(norm2(a, idf, ctx)), nb = sqrt(norm2(b, idf, ctx));
    double dot = 0.0, x, score;
    size_t i = 0, j = 0, nw = 0;
    int c;

    if (nwhy_out)
        *nwhy_out = 0;
    if (!(na > 0.0) || !(nb > 0.0))
        return 0.0;
    while (i < a->n && j < b->n) {
        c = strcmp(a->terms[i].term, b->terms[j].term);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            x = idf(a->terms[i].term, ctx);
            x = a->terms[i].tf * x * b->terms[j].tf * x;
            dot += x;
            if (why)
                textsim_why_add(why, nwhy, &nw, a->terms[i].term,
                                a->terms[i].word, x / (na * nb));
            i++;
            j++;
        }
    }
    if (nwhy_out)
        *nwhy_out = nw;
    score = dot / (na * nb);
    return score > 1.0 ? 1.0 : score;
}

double textsim_corpus_idf(const char *term, void *ctx)
{
    const struct textsim_corpus *c = ctx;
    long long df = 0;
    size_t i;

    for (i = 0; i < c->n; i++)
        if (textsim_doc_find(&c->docs[i], term))
            df++;
    if (textsim_skipped((long long)c->n, df, (long long)c->n))
        return 0.0;
    return textsim_idf((long long)c->n, df);
}
