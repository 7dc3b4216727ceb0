/* initiative.h - the register of regional initiatives (lerende aanpak,
 * report L1965-L1970) and the suggestion of similar initiatives.
 *
 * Owns: the tables initiative and initiative_term. An initiative is
 * stored with its terms (textsim.h: title counted double, theme and
 * description once) in the inverted index initiative_term (PRIMARY KEY
 * (term, initiative_id)) and the length of its TF-IDF vector in
 * initiative.norm, in the same transaction as the row and its audit
 * entry. Creating needs initiatief.beheren; a refusal is audited.
 *
 * Similarity (initiative_similar), with N the number of initiatives and
 * df(t) the number that contain term t:
 *   idf(t) = ln(1 + N / df(t))
 *   w(x,t) = tf(x,t) * idf(t), and 0 for a corpus stop word: a term in
 *            more than 20% of the newest INITIATIVE_SKIP_SAMPLE (2000)
 *            initiatives, once N >= 1000 (textsim.h)
 *   score  = sum_t w(q,t) w(d,t) / (|q| |d|)        in [0, 1]
 * Free text is scored as if it were one more initiative (N + 1, and
 * df(t) + 1 for its own terms), so a word no initiative has still
 * weighs (and lowers the score of every match, as it should).
 * How it is computed for 50,000 initiatives (bench/bench_similarity.c):
 *   - per query term one indexed count over its postings among the
 *     newest 2000 initiatives decides whether it is a corpus stop word
 *     (cost at most 2000 index entries, however common the term); a
 *     stop word's postings are never read;
 *   - the other terms' posting lists are read once each, rarest first:
 *     the list's length is df(t), which gives the idf, and each posting
 *     adds w(q,t) * tf(d,t) * idf(t) to the dot product of d. At most
 *     INITIATIVE_POSTINGS_MAX postings are read per query; should a
 *     (very long) query need more, its most common remaining terms are
 *     left out of q and |q| is computed over the terms that were read;
 *   - |d| is the norm stored with each initiative, computed with the idf
 *     of the moment it was stored. idf drifts as N grows, so all norms
 *     are recomputed (initiative_reindex) on every insert while N <=
 *     INITIATIVE_REINDEX_ALWAYS and whenever N reaches a power of two:
 *     a stored norm is never older than half the register. The idf of a
 *     term whose share df/N is stable does not move; the rarest terms'
 *     idf grows (about ln 2 per doubling) and a term may cross the
 *     stop-word line. Over a doubling from 25,000 to 50,000 the stored
 *     norms drift by 1.0% (median), 3.3% (p95), 7.9% (max), and the
 *     score of that initiative by as much: ranking among near matches
 *     can shift, a clear look-alike is still found. This is the one
 *     approximation; scores are capped at 1, everything else is exact
 *     (the unit tests compare scores with textsim_cosine in memory);
 *   - the norms and regions of all candidates come from one range scan
 *     of the covering index initiative_norm (id, norm, region_code), or
 *     from a lookup each when they are few and far apart.
 * "Waarom" lists the INITIATIVE_WHY_MAX shared terms with the largest
 * part w(q,t) w(d,t) / (|q| |d|) of the score; all parts add up to it.
 * Matches below INITIATIVE_MIN_SCORE are not suggested. A suggestion
 * reads inside one read transaction, so it sees one state of the
 * register.
 *
 * All JSON values returned are owned by the caller. */
#ifndef KOERS_INITIATIVE_H
#define KOERS_INITIATIVE_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"

#define INITIATIVE_SIMILAR_DEFAULT 5
#define INITIATIVE_SIMILAR_MAX 20
#define INITIATIVE_WHY_MAX 5
#define INITIATIVE_MIN_SCORE 0.05
#define INITIATIVE_POSTINGS_MAX 400000
#define INITIATIVE_REINDEX_ALWAYS 256
#define INITIATIVE_SKIP_SAMPLE 2000
#define INITIATIVE_TEXT_MAX 10000      /* characters of a description */

/* The formula in one Dutch sentence, for API answers. */
#define INITIATIVE_UITLEG \
    "score = cosinus van de TF-IDF-vectoren: de som over de gedeelde " \
    "termen t van w(q,t) * w(d,t) / (|q| * |d|), met w(x,t) = tf(x,t) * " \
    "ln(1 + N / df(t)); tf telt een woord uit de titel dubbel, N is het " \
    "aantal initiatieven en df(t) het aantal met term t. Termen in meer " \
    "dan 20% van de nieuwste 2000 initiatieven tellen niet mee (vanaf " \
    "1000 initiatieven). 'waarom' geeft de termen met het grootste " \
    "aandeel (bijdrage) in de score; de bijdragen van alle gedeelde " \
    "termen samen zijn de score."

/* Validate {regio, pijler, thema, titel, omschrijving, contact} and store
 * the initiative with its terms, norm and audit entry. Returns the new
 * id, or -1 with f filled: 403 without initiatief.beheren (audited), 400
 * for a missing or unknown region or pillar, an empty title or
 * description, text over its maximum. */
long long initiative_create(sqlite3 *db, const struct actor *who, json_t *in,
                            struct fault *f);
/* {id, regio {code, naam}, pijler {code, naam} | null, thema, titel,
 * omschrijving, contact, aangemaakt}; NULL when it does not exist. */
json_t *initiative_get(sqlite3 *db, long long id);

struct initiative_filter {
    const char *regio;    /* region code, NULL or "" for all */
    const char *pijler;   /* pillar code, NULL or "" for all */
    const char *thema;    /* exact theme (case-insensitive), NULL or "" */
};

/* One page (1-based, size 1..100) of initiatives, newest first, as
 * initiative_get without omschrijving; *total is the number that match.
 * NULL with f filled (400) for an unknown region or pillar, or a store
 * error (500). */
json_t *initiative_list(sqlite3 *db, const struct initiative_filter *flt,
                        long page, long size, long long *total,
                        struct fault *f);

/* The `limit` (1..INITIATIVE_SIMILAR_MAX) initiatives most similar to
 * initiative `id` (text NULL) or to free text (id 0), best first:
 * [{id, titel, thema, regio {code, naam}, pijler, score, waarom: [{term,
 * woord, bijdrage}]}], score and bijdrage rounded to 4 decimals. For an
 * id the initiative itself is left out, and with other_regions every
 * initiative of its region. NULL with f filled: 404 for an unknown id,
 * 400 for text that is empty, unclean or over INITIATIVE_TEXT_MAX. */
json_t *initiative_similar(sqlite3 *db, long long id, const char *text,
                           int limit, int other_regions, struct fault *f);

/* Recompute every stored norm with the current idf (after a bulk load;
 * initiative_create does it itself when due). 0 or -1. */
int initiative_reindex(sqlite3 *db);

/* The regions [{code, naam, soort}] for choosing one, in the order
 * land, landsdeel, provincie, arbeidsmarktregio, gemeente, then code. */
json_t *initiative_regions(sqlite3 *db);

#endif
