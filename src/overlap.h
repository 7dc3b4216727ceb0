/* overlap.h - the fragmentation analysis: which gremia share members and
 * goals (report L787-L823), each gremium's relation to the Actieplan
 * derived from its scope (Bijlage I/II, L2718-L2957), the risk-7 warning
 * for a gremium that steers on the plan's goals with many of the same
 * members (L2170-L2175), and the network picture.
 *
 * Owns: the measures and the way they are counted. Counting is sparse: an
 * inverted index organisation -> gremia, and per gremium a scratch row of
 * co-membership counts touched only where organisations are shared, so
 * the work is the sum over organisations of (gremia per organisation)^2,
 * not (gremia)^2 x members. Measures of a pair A, B with members at a date
 * (since <= date, and until empty or after date):
 *   shared   |A n B|
 *   jaccard  |A n B| / |A u B|
 *   coef     |A n B| / min(|A|, |B|)       (overlap coefficient)
 *   goal     Jaccard of the scope cells (pillar x domain) of A and B: a
 *            pillar the gremium works on, crossed with its domain
 *            (techniek, ict; "beide" or unknown gives both)
 *   score    coef x (1 + goal) / 2: shared members weigh most, shared
 *            goals double it (L811-L815: overlap in goal AND in members
 *            means the same solutions are discussed at several tables).
 * The relation to the Actieplan is derived from the pillar relations of
 * the scope (gremium_pillar.relation): see overlap_derive_relation.
 *
 * Ownership: results are owned by the caller and freed with the matching
 * _free function (which accepts NULL / zeroed structs). JSON values are
 * the caller's. */
#ifndef KOERS_OVERLAP_H
#define KOERS_OVERLAP_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "buf.h"

/* "Many of the same members" (risk 7): at least this many shared
 * organisations, or an overlap coefficient of at least OVERLAP_WARN_COEF
 * with at least OVERLAP_WARN_MIN_SHARED shared organisations. */
#define OVERLAP_WARN_SHARED 5
#define OVERLAP_WARN_COEF 0.5
#define OVERLAP_WARN_MIN_SHARED 2
/* Limits of one analysis (memory is bounded by them). */
#define OVERLAP_MAX_GREMIA 1000000u
#define OVERLAP_MAX_PAIRS 50000000u
/* The signal kind of the risk-7 warning (signal.h) and its risk. */
#define OVERLAP_SIGNAL_KIND "gremium-overlap"
#define OVERLAP_SIGNAL_RISK 7

/* ---- the counting core (no store) ---- */

struct overlap_input {
    size_t ngremia;            /* gremium indices are 0..ngremia-1 */
    size_t norgs;              /* organisation indices 0..norgs-1 */
    size_t nmembers;
    const unsigned *gremium;   /* per membership (no duplicates) */
    const unsigned *org;
};

struct overlap_pair {
    unsigned a, b;             /* gremium indices, a < b */
    unsigned shared;
    double score;              /* filled by overlap_analyse */
};

struct overlap_result {
    size_t npairs;
    struct overlap_pair *pairs;   /* every pair with shared >= 1 */
    unsigned *size;               /* members per gremium */
    size_t ngremia;
};

/* Count the co-memberships of every pair of gremia through the inverted
 * index. Pairs come ordered by (a, b). 0, or -1 on bad input or when out
 * of memory (out is then empty). */
int overlap_count(const struct overlap_input *in, struct overlap_result *out);
/* The reference: every pair of gremia by merging their sorted member
 * lists (quadratic in the number of gremia). Same output. */
int overlap_count_naive(const struct overlap_input *in,
                        struct overlap_result *out);
void overlap_result_free(struct overlap_result *r);

double overlap_jaccard(unsigned shared, unsigned na, unsigned nb);
double overlap_coefficient(unsigned shared, unsigned na, unsigned nb);
/* Jaccard of two sets of scope cells (bit masks); 0 when both empty. */
double overlap_goal(unsigned cells_a, unsigned cells_b);
double overlap_score(double coef, double goal);
/* The cells of a pillar (1-based number, at most 15) in a domain
 * ("techniek", "ict", "beide"; NULL or anything else: both). */
unsigned overlap_cells(int pillar_nr, const char *domain);

/* The relation to the Actieplan derived from the pillar relations of a
 * gremium's scope ("overlappend", "specifieker", "breder"), n of them:
 *   no pillar of the plan                     -> "niet specifiek"
 *   any pillar broader than the plan          -> "breder"
 *   two or more pillars, all overlapping      -> "overlappend"
 *   otherwise (one pillar, or a specific part) -> "specifieker".
 * The rule, with its sources, is stated on the pages. */
const char *overlap_derive_relation(const char *const *pillar_rel,
                                    size_t n);
/* The same rule as Dutch text (for pages and the API). */
extern const char overlap_relation_rule[];
extern const char overlap_score_formula[];

/* ---- the analysis of the store ---- */

struct overlap_analysis {
    char date[11];
    size_t ng;
    long long *nr;             /* gremium number per index */
    char **name;
    unsigned *cells;
    struct overlap_result res; /* pairs sorted by score, then shared */
};

/* Analyse the gremia with their members at date (YYYY-MM-DD; NULL:
 * today). 0, or -1 on a store error or when out of memory. */
int overlap_analyse(sqlite3 *db, const char *date,
                    struct overlap_analysis *a);
void overlap_analysis_free(struct overlap_analysis *a);
/* Pair k as JSON: {gremiumA:{nummer,naam}, gremiumB, gedeeld, jaccard,
 * overlapcoefficient, doeloverlap, score, ledenA, ledenB}. */
json_t *overlap_pair_json(const struct overlap_analysis *a, size_t k);
/* The organisations gremia a and b share at date: [{code, naam}]. */
json_t *overlap_shared_orgs(sqlite3 *db, long long a, long long b,
                            const char *date);

/* The network picture: gremia with members on a circle, ordered so that
 * gremia that share many members sit together (greedy chain from the
 * heaviest gremium), node area by member count, lines by shared members
 * (pairs with fewer than min_shared left out). 0, or -1 when there is
 * nothing to draw. */
int overlap_network_svg(struct buf *b, const struct overlap_analysis *a,
                        unsigned min_shared, const char *title,
                        const char *desc);

/* The risk-7 check of gremium nr now: {waarschuwing: bool, stuurtOpDoelen:
 * bool, bewijs: [{soort: "gremium"|"overleg", nummer|code, naam, gedeeld,
 * jaccard, overlapcoefficient, doeloverlap, organisaties: [{code,
 * naam}]}]}. NULL on a store error. */
json_t *overlap_warning(sqlite3 *db, long long nr);
/* Run the check and record it: signal_raise (gremium-overlap, risk 7,
 * "gremium:NR") with the evidence when it fires, signal_clear when not.
 * Runs in the caller's transaction. *out (may be NULL) receives the
 * check's JSON. 0 / -1. */
int overlap_signal(sqlite3 *db, long long nr, json_t **out);

#endif
