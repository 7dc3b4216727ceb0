/* textsim.h - text similarity for Dutch: terms, TF-IDF and cosine.
 *
 * Owns: how a Dutch text becomes a bag of terms, and how two bags are
 * compared. No library in Debian does this for Dutch in C, so this is
 * our own small module, tested in tests/unit/test_textsim.c.
 *
 * From text to terms (textsim_doc_add):
 *   1. Normalisation. UTF-8 is decoded; letters are lowercased and their
 *      diacritics folded (é è ê ë -> e, ï -> i, ö -> o, ü -> u, à â ä ->
 *      a, ç -> c, ñ -> n, ß -> ss, æ -> ae, œ -> oe, the ligature ĳ ->
 *      ij; Latin-1 and Latin Extended-A), combining accents (U+0300 to
 *      U+036F, decomposed input) are dropped. The Dutch "ij" stays "ij".
 *      Every other character - punctuation, digits, other scripts -
 *      ends a token. A hyphen between two letters also splits, but the
 *      joined compound is kept as an extra token, so "zij-instroom"
 *      gives "instroom" and "zijinstroom" and matches both spellings.
 *      Tokens are cut at TEXTSIM_TERM_MAX bytes.
 *   2. Stop words. 158 Dutch function words (de, het, een, en, van,
 *      ...; the list is in textsim.c) are dropped, as is every token
 *      shorter than TEXTSIM_TERM_MIN (3) letters.
 *   3. Light stemming (textsim_stem), the first rule that fits, and only
 *      when at least 3 letters remain:
 *        -heden -> -heid      mogelijkheden -> mogelijkheid
 *        -ingen -> -ing       opleidingen   -> opleiding
 *        -ieen  -> -ie        technologieën -> technologie
 *        -eeen  -> -ee        ideeën        -> idee
 *        -ische -> -isch      technische    -> technisch
 *        -ies   -> -ie        organisaties  -> organisatie
 *        -en    -> (none)     after a consonant: werken -> werk; a
 *                             doubled final consonant is undoubled
 *                             (bedden -> bed), final v -> f and z -> s
 *                             (bedrijven -> bedrijf, huizen -> huis)
 *        -s     -> (none)     after a consonant other than s or j, when
 *                             4 letters remain: installateurs ->
 *                             installateur (mens stays mens)
 *        -e     -> (none)     after a consonant, undoubling as for -en:
 *                             nieuwe -> nieuw, slimme -> slim
 *      then, as in the Snowball Dutch stemmer, a doubled vowel aa, ee,
 *      oo or uu between two final consonants is undoubled, so singular
 *      and plural meet: baan/banen -> ban, school/scholen -> schol,
 *      regionaal/regionale -> regional.
 *   The term count tf of a term is its number of occurrences, each
 *   occurrence counting `weight` (the title is added with weight 2).
 *
 * From terms to a score (the formula; initiative.c uses the same):
 *   idf(t)  = ln(1 + N / df(t))   N documents, df(t) of them contain t
 *   w(d, t) = tf(d, t) * idf(t)
 *   score   = sum_t w(q, t) * w(d, t) / (|q| * |d|),  |x| = sqrt(sum w^2)
 *   i.e. the cosine of the two TF-IDF vectors, in [0, 1]: 1 for the same
 *   terms in the same proportions, 0 when no term is shared.
 *   The "1 +" (instead of ln(N / df)) keeps a term that occurs in every
 *   document at a small positive weight ln 2, so that in a small register
 *   (two initiatives, both about warmtepompen) a shared term still
 *   counts; for rare terms the two forms hardly differ.
 *   Corpus stop words: once N >= TEXTSIM_SKIP_MIN_N, a term in more than
 *   TEXTSIM_SKIP_PERCENT % of the documents gets weight 0 (idf = 0): it
 *   says little about what makes a document special, and it would cost
 *   the longest posting lists (scikit-learn calls this max_df). The share
 *   may be measured on a sample of the documents (the register uses its
 *   newest ones, see initiative.h).
 *   The explanation of a score lists the shared terms with their part
 *   w(q, t) * w(d, t) / (|q| |d|); the parts add up to the score.
 *
 * Ownership: a struct textsim_doc owns its term array; textsim_doc_free
 * releases it (and accepts a zeroed doc). Nothing here allocates
 * anything else. */
#ifndef KOERS_TEXTSIM_H
#define KOERS_TEXTSIM_H

#include <stddef.h>

#define TEXTSIM_TERM_MIN 3          /* letters a term has at least */
#define TEXTSIM_TERM_MAX 40         /* bytes of a term; longer is cut */
#define TEXTSIM_DOC_MAX_TOKENS 8192 /* tokens per document; more dropped */
#define TEXTSIM_TITLE_WEIGHT 2      /* a title word counts double */
#define TEXTSIM_SKIP_PERCENT 20     /* corpus stop word above this df */
#define TEXTSIM_SKIP_MIN_N 1000     /* ... once there are this many docs */

struct textsim_term {
    char term[TEXTSIM_TERM_MAX + 1];   /* the stem, the key */
    char word[TEXTSIM_TERM_MAX + 1];   /* a word it came from, to show */
    int tf;
};

/* A bag of terms: sorted by term (strcmp), each term once. */
struct textsim_doc {
    struct textsim_term *terms;
    size_t n;
    size_t cap;
    size_t tokens;     /* tokens counted so far (for the hard maximum) */
    size_t dropped;    /* tokens ignored beyond TEXTSIM_DOC_MAX_TOKENS */
};

/* One shared term and its part of a score. */
struct textsim_why {
    char term[TEXTSIM_TERM_MAX + 1];
    char word[TEXTSIM_TERM_MAX + 1];
    double part;
};

/* Lowercase, fold diacritics and turn every non-letter run into one
 * space (trimmed): "Één café, 2 ÏJsberen!" -> "een cafe ijsberen". Invalid
 * UTF-8 bytes count as separators. Writes at most outlen - 1 bytes and a
 * NUL; returns the length, or -1 when out was too small (the output is
 * then cut at a token boundary). */
int textsim_normalise(const char *in, char *out, size_t outlen);
/* 1 when the normalised word w is a Dutch stop word. */
int textsim_is_stopword(const char *w);
/* Stem the normalised word w in place (rules above); returns its new
 * length. Words shorter than 4 letters are left alone. */
size_t textsim_stem(char *w);

/* Add the terms of text (UTF-8) to d, each occurrence counting weight
 * (>= 1). Returns 0, or -1 when memory ran out (d keeps what it had). */
int textsim_doc_add(struct textsim_doc *d, const char *text, int weight);
/* The term entry for stem `term`, or NULL. */
const struct textsim_term *textsim_doc_find(const struct textsim_doc *d,
                                            const char *term);
void textsim_doc_free(struct textsim_doc *d);

/* ln(1 + n / df): the idf of a term in df of n documents; 0 when df < 1
 * or n < 1. */
double textsim_idf(long long n, long long df);
/* 1 when a term is a corpus stop word in a corpus of n documents: it is
 * in more than TEXTSIM_SKIP_PERCENT % of a sample of `of` documents
 * (`in` of them), and n >= TEXTSIM_SKIP_MIN_N. */
int textsim_skipped(long long n, long long in, long long of);

/* idf of `term`, for textsim_cosine. */
typedef double (*textsim_idf_fn)(const char *term, void *ctx);

/* The cosine of a and b with term weights tf * idf(term). Fills up to
 * nwhy parts (largest first, `word` from a) and sets *nwhy_out when why
 * is not NULL. 0 when a vector is zero. */
double textsim_cosine(const struct textsim_doc *a,
                      const struct textsim_doc *b, textsim_idf_fn idf,
                      void *ctx, struct textsim_why *why, size_t nwhy,
                      size_t *nwhy_out);

/* Keep the `max` largest parts in why[0..*n), largest first (for equal
 * parts the longer term first, then alphabetical); a part <= 0 is
 * ignored. */
void textsim_why_add(struct textsim_why *why, size_t max, size_t *n,
                     const char *term, const char *word, double part);

/* An in-memory corpus of documents, for textsim_corpus_idf (tests and
 * small sets; the register uses the store's inverted index). */
struct textsim_corpus {
    const struct textsim_doc *docs;
    size_t n;
};
/* The idf of term over the corpus ctx (struct textsim_corpus *), 0 for
 * a corpus stop word (the whole corpus is the sample). */
double textsim_corpus_idf(const char *term, void *ctx);

#endif
