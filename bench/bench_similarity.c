/* bench_similarity.c - how fast the similarity suggestion answers with
 * 50,000 initiatives in the register.
 *
 * Builds a store in a temporary directory with 50,000 synthetic but
 * realistic Dutch initiative texts (generated from word lists of the
 * domain - sectors, target groups, activities, topics, organisations,
 * places - with a skewed choice so some words are common and most are
 * rare, and made-up project names for a long tail), inserted with
 * their term rows in two bulk transactions of 25,000, each followed by
 * initiative_reindex; comparing the norms of the first half before and
 * after the second shows how far a stored norm drifts over a doubling
 * of the register (the longest it goes without a reindex). Every 250th
 * initiative is a rewrite of an earlier one in another region (same
 * plan, other words around it).
 * Then it times 200 suggestions for those rewrites (initiative_similar,
 * top 5 in other regions, as after adding an initiative), prints the
 * median and 95th percentile and how often the original came first,
 * plus free-text searches, one initiative_create at this size, and as a
 * reference measured in the same run the time of one indexed SQLite
 * lookup of an initiative by id. Fixed seed: the same store every run.
 * Prints figures, asserts nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "initiative.h"
#include "store.h"
#include "textsim.h"

#define N_INITIATIVES 50000
#define DUP_EVERY 250
#define N_QUERIES 200
#define N_TEXT_QUERIES 50

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static unsigned long long rng_state = 0x2545F4914F6CDD1DULL;

static unsigned long long rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* 0..n-1, skewed to the start of the list (u^3): list order is
 * popularity, so the first words are common and the last ones rare. */
static size_t pick(size_t n)
{
    double u = (double)(rng() >> 11) / 9007199254740992.0;

    return (size_t)(u * u * u * (double)n);
}

#define LEN(a) (sizeof (a) / sizeof (a)[0])

static const char *const sectors[] = {
    "techniek", "ICT", "de installatiebranche", "de bouw", "netbeheer",
    "de energietransitie", "de maakindustrie", "elektrotechniek",
    "de procesindustrie", "werktuigbouwkunde", "de metaalsector",
    "mobiliteit", "logistiek", "zorgtechnologie", "de agrifoodsector",
    "waterbeheer", "de scheepsbouw", "de chemie", "datacenters",
    "cybersecurity", "de infra", "de glastuinbouw", "de luchtvaart",
    "de offshore-windsector", "de circulaire economie", "de spoorsector",
    "de meubelindustrie", "de textielsector", "de ruimtevaart",
    "de halfgeleiderindustrie", "fotonica", "de drukkerijbranche",
};
static const char *const groups[] = {
    "zij-instromers", "werkzoekenden", "jongeren", "mbo-studenten",
    "vmbo-leerlingen", "hbo-studenten", "herintreders", "statushouders",
    "vijftigplussers", "vrouwen in de techniek", "werkenden met een "
    "uitkering", "docenten", "praktijkopleiders", "havisten",
    "nieuwkomers", "leerlingen van het praktijkonderwijs", "mantelzorgers",
    "oud-militairen", "zzp'ers", "laaggeletterden", "studiekiezers",
    "ouders", "basisschoolleerlingen", "schoolverlaters zonder diploma",
};
static const char *const activities[] = {
    "omscholing", "bijscholing", "leerwerktrajecten", "een BBL-opleiding",
    "praktijkleren", "gastlessen", "bedrijfsbezoeken", "stages",
    "een traineeship", "loopbaanbegeleiding", "mentoring",
    "een leven lang ontwikkelen", "open dagen", "een hackathon",
    "maatwerkopleidingen", "praktijkverklaringen", "microcredentials",
    "een zomerschool", "een techniekweek", "werkplekleren",
    "een vakmanschapsroute", "een skills-paspoort", "e-learning",
    "een leer-werkakkoord", "intervisie", "een carrièrebeurs",
    "een doorlopende leerlijn", "kennismakingsdagen", "een proeftuin",
};
static const char *const topics[] = {
    "warmtepompen", "zonnepanelen", "laadpalen", "netcongestie",
    "isolatie", "waterstof", "programmeren", "data-analyse", "robotisering",
    "kunstmatige intelligentie", "cloudtechniek", "domotica",
    "slimme meters", "ventilatie", "batterijopslag", "digitale vaardigheden",
    "3D-printen", "PLC-programmering", "lastechniek", "onderhoud",
    "asbestsanering", "prefab bouwen", "BIM-modellering", "drones",
    "sensortechniek", "biobased bouwen", "warmtenetten", "aardwarmte",
    "geothermie", "smart grids", "cyberweerbaarheid", "quantumtechnologie",
    "elektrisch rijden", "koeltechniek", "hoogspanning", "glasvezel",
};
static const char *const orgs[] = {
    "het ROC", "de hogeschool", "de gemeente", "de provincie", "het UWV",
    "installatiebedrijven", "de netbeheerder", "het regionale "
    "mobiliteitsteam", "het leerwerkloket", "werkgevers", "het O&O-fonds",
    "de universiteit", "het bedrijfsleven", "de vakbonden",
    "de woningcorporaties", "het Techniekpact", "de Human Capital Agenda",
    "het Regionaal Investeringsfonds", "het Aanvalsplan Techniek",
    "de werkgeversvereniging", "de kennisinstellingen", "het vmbo",
    "het praktijkonderwijs", "de bibliotheek", "het onderwijsbureau",
};
static const char *const places[] = {
    "Gelderland", "Overijssel", "Twente", "de Achterhoek", "Zwolle",
    "Arnhem", "Nijmegen", "Eindhoven", "Brabant", "Limburg", "Groningen",
    "Friesland", "Drenthe", "Utrecht", "Amersfoort", "Rotterdam",
    "Den Haag", "Amsterdam", "Zeeland", "Flevoland", "de Kop van "
    "Noord-Holland", "West-Brabant", "Midden-Limburg", "de Veenkoloniën",
    "de Noordoostpolder", "de Betuwe", "de Liemers", "Zuid-Holland-Zuid",
    "Rivierenland", "de Gooi- en Vechtstreek", "Zuid-Limburg", "Helmond",
};
static const char *const aims[] = {
    "het tekort aan vakmensen te verkleinen", "meer jongeren voor techniek "
    "te laten kiezen", "de instroom in het bètatechnisch onderwijs te "
    "vergroten", "werkenden duurzaam inzetbaar te houden", "de uitval "
    "tijdens de opleiding te verminderen", "bedrijven en onderwijs dichter "
    "bij elkaar te brengen", "de energietransitie te versnellen",
    "de digitalisering van het mkb te ondersteunen", "vacatures sneller "
    "te vervullen", "talent in de regio te behouden", "de "
    "arbeidsproductiviteit te verhogen", "drempels voor zij-instroom weg "
    "te nemen", "het imago van technische beroepen te verbeteren",
    "diversiteit op de werkvloer te vergroten", "kennis te delen tussen "
    "regio's",
};
static const char *const syllables[] = {
    "ka", "ro", "vin", "del", "ma", "tor", "ben", "lis", "gar", "ne", "mo",
    "zu", "pel", "dra", "kon", "sel", "wi", "ter", "bo", "nix", "fa", "ril",
};

/* A made-up name ("Kovinmadel"): the long tail of words that occur in
 * only one or a few initiatives (schools, firms, project names). */
static void made_up(struct buf *b)
{
    size_t k = 2 + rng() % 3, i;
    char name[32] = "";

    for (i = 0; i < k; i++)
        strcat(name, syllables[rng() % LEN(syllables)]);
    name[0] = (char)(name[0] - 'a' + 'A');
    buf_puts(b, name);
}

#define W(list) (list)[pick(LEN(list))]

/* One sentence of a description. */
static void sentence(struct buf *b, const char *sector, const char *group,
                     const char *place)
{
    switch (rng() % 10) {
    case 0:
        buf_printf(b, "Met %s bieden wij %s in %s een route naar %s. ",
                   W(activities), group, place, sector);
        break;
    case 1:
        buf_printf(b, "Samen met %s en %s werken we aan %s rond %s. ",
                   W(orgs), W(orgs), W(activities), W(topics));
        break;
    case 2:
        buf_printf(b, "Het doel is om %s, met aandacht voor %s. ", W(aims),
                   W(topics));
        break;
    case 3:
        buf_printf(b, "Deelnemers volgen %s bij ", W(activities));
        made_up(b);
        buf_printf(b, " en leren werken met %s. ", W(topics));
        break;
    case 4:
        buf_printf(b, "In %s ontbreekt het aan vakmensen voor %s; daarom "
                   "zetten %s en %s in op %s. ", place, W(topics), W(orgs),
                   W(orgs), W(activities));
        break;
    case 5:
        buf_printf(b, "Het project ");
        made_up(b);
        buf_printf(b, " richt zich op %s en %s in %s. ", group, W(groups),
                   sector);
        break;
    case 6:
        buf_printf(b, "Na afloop krijgen %s een certificaat en begeleiding "
                   "naar werk bij %s. ", group, W(orgs));
        break;
    case 7:
        buf_printf(b, "We willen %s, onder meer door %s en %s. ", W(aims),
                   W(activities), W(activities));
        break;
    case 8:
        buf_printf(b, "De aanpak is ontwikkeld met ");
        made_up(b);
        buf_printf(b, " en ");
        made_up(b);
        buf_printf(b, ", en past bij de regionale agenda voor %s. ", sector);
        break;
    default:
        buf_printf(b, "Er is veel vraag naar kennis van %s en %s in %s. ",
                   W(topics), W(topics), sector);
        break;
    }
}

struct gen {
    char title[256];
    char theme[64];
    struct buf descr;
    char region[8];
};

/* A new initiative; with `like` (a description) a rewrite of it in
 * another region than `like_region`: the same sentences with new ones
 * around them. */
static void generate(struct gen *g, const char *like, const char *like_title,
                     const char *like_region)
{
    const char *sector = W(sectors), *group = W(groups), *place = W(places);
    size_t k = 4 + rng() % 7, i;

    buf_reset(&g->descr);
    do
        snprintf(g->region, sizeof g->region, "PV%02d",
                 (int)(20 + rng() % 12));
    while (like_region && strcmp(g->region, like_region) == 0);
    snprintf(g->theme, sizeof g->theme, "%s", W(topics));
    if (like) {
        snprintf(g->title, sizeof g->title, "%s (%s)", like_title, place);
        sentence(&g->descr, sector, group, place);
        buf_puts(&g->descr, like);
        sentence(&g->descr, sector, group, place);
        return;
    }
    snprintf(g->title, sizeof g->title, "%s voor %s in %s", W(activities),
             group, place);
    if (g->title[0] >= 'a' && g->title[0] <= 'z')
        g->title[0] = (char)(g->title[0] - 'a' + 'A');
    for (i = 0; i < k; i++)
        sentence(&g->descr, sector, group, place);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static int exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "bench: %s\n", msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* The regions and pillars the generated initiatives refer to. */
static int insert_frame(sqlite3 *db)
{
    return exec(db,
        "INSERT OR IGNORE INTO pillar(code, nr, name, description) VALUES "
        "('P1',1,'Instroom','-'),('P2',2,'Behoud','-'),"
        "('P3',3,'Leven lang ontwikkelen','-'),('P4',4,'Innovatie','-');"
        "INSERT OR IGNORE INTO region(code, name, kind) VALUES "
        "('NL01','Nederland','land'),('PV20','Groningen','provincie'),"
        "('PV21','Friesland','provincie'),('PV22','Drenthe','provincie'),"
        "('PV23','Overijssel','provincie'),('PV24','Flevoland','provincie'),"
        "('PV25','Gelderland','provincie'),('PV26','Utrecht','provincie'),"
        "('PV27','Noord-Holland','provincie'),"
        "('PV28','Zuid-Holland','provincie'),('PV29','Zeeland','provincie'),"
        "('PV30','Noord-Brabant','provincie'),"
        "('PV31','Limburg','provincie');");
}

/* What the generator remembers to write rewrites of earlier ones. */
struct corpus {
    char *descr[N_INITIATIVES + 1];
    char *titles[N_INITIATIVES + 1];
    char regions[N_INITIATIVES + 1][8];
    long long dup_of[N_INITIATIVES + 1];   /* the id a rewrite rewrites */
};

/* Insert initiatives from..to and their term rows in one transaction,
 * as a bulk load does (initiative_reindex afterwards). */
static int build(sqlite3 *db, struct corpus *c, long long from,
                 long long to)
{
    struct gen g = { 0 };
    struct textsim_doc d = { 0 };
    sqlite3_stmt *ins, *term;
    long long id, orig;
    char pillar[4];
    size_t i;
    int rc = -1;

    buf_init(&g.descr, 64 * 1024);
    if (exec(db, "BEGIN") != 0)
        return -1;
    ins = store_prepare(db, "INSERT INTO initiative(id, region_code, "
                            "pillar_code, theme, title, description, "
                            "contact) VALUES (?,?,?,?,?,?,?)");
    term = store_prepare(db, "INSERT INTO initiative_term(initiative_id, "
                             "term, tf) VALUES (?,?,?)");
    if (ins == NULL || term == NULL)
        goto cleanup;
    for (id = from; id <= to; id++) {
        orig = 0;
        if (id % DUP_EVERY == 0) {
            orig = 1 + (long long)(rng() % (unsigned long long)(id - 1));
            while (orig % DUP_EVERY == 0)
                orig--;
        }
        c->dup_of[id] = orig;
        generate(&g, orig ? c->descr[orig] : NULL,
                 orig ? c->titles[orig] : NULL,
                 orig ? c->regions[orig] : NULL);
        c->descr[id] = strdup(buf_str(&g.descr));
        c->titles[id] = strdup(g.title);
        memcpy(c->regions[id], g.region, sizeof c->regions[id]);
        snprintf(pillar, sizeof pillar, "P%d", (int)(1 + rng() % 4));
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_text(ins, 2, g.region, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, pillar, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, g.theme, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 5, g.title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 6, buf_str(&g.descr), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 7, "info@example.nl", -1, SQLITE_STATIC);
        if (c->descr[id] == NULL || c->titles[id] == NULL ||
            sqlite3_step(ins) != SQLITE_DONE)
            goto cleanup;
        textsim_doc_free(&d);
        if (textsim_doc_add(&d, g.title, TEXTSIM_TITLE_WEIGHT) != 0 ||
            textsim_doc_add(&d, g.theme, 1) != 0 ||
            textsim_doc_add(&d, buf_str(&g.descr), 1) != 0)
            goto cleanup;
        for (i = 0; i < d.n; i++) {
            sqlite3_reset(term);
            sqlite3_bind_int64(term, 1, id);
            sqlite3_bind_text(term, 2, d.terms[i].term, -1, SQLITE_STATIC);
            sqlite3_bind_int(term, 3, d.terms[i].tf);
            if (sqlite3_step(term) != SQLITE_DONE)
                goto cleanup;
        }
    }
    rc = exec(db, "COMMIT");
cleanup:
    if (rc != 0)
        fprintf(stderr, "bench: insert: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(ins);
    sqlite3_finalize(term);
    textsim_doc_free(&d);
    buf_free(&g.descr);
    return rc;
}

/* The stored norms of initiatives 1..n into out[1..n]. */
static int norms(sqlite3 *db, double *out, long long n)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT id, norm FROM initiative "
                                         "WHERE id <= ?");
    long long id;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, n);
    while (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        if (id >= 1 && id <= n)
            out[id] = sqlite3_column_double(st, 1);
    }
    sqlite3_finalize(st);
    return 0;
}

int main(void)
{
    char dir[] = "/tmp/koers-bench-XXXXXX", path[128], err[512];
    static struct corpus c;
    static double stale[N_INITIATIVES / 2 + 1], fresh[N_INITIATIVES / 2 + 1],
        drift[N_INITIATIVES / 2];
    double t[N_QUERIES], tt[N_TEXT_QUERIES], t0, t_build, t_norm, t_lookup,
        t_create;
    long long queries[N_QUERIES], terms, id, half = N_INITIATIVES / 2;
    int nq = 0, first = 0, i, lookups = 20000;
    struct fault f = { 0 };
    struct actor who = { 0 };
    sqlite3_stmt *st;
    sqlite3 *db;
    json_t *res, *in;
    long long *dup_of = c.dup_of;

    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(path, sizeof path, "%s/k.db", dir);
    db = store_open(path, 1, err, sizeof err);
    if (db == NULL || store_create_schema(db) != 0 || insert_frame(db) != 0) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    /* the first half with its norms, then the second: how far do the
     * norms of the first half drift over one doubling of the register
     * (the longest a stored norm goes without a reindex)? */
    t0 = now_ms();
    if (build(db, &c, 1, half) != 0 || initiative_reindex(db) != 0 ||
        norms(db, stale, half) != 0 || build(db, &c, half + 1,
                                             N_INITIATIVES) != 0)
        return 1;
    t_build = now_ms() - t0;
    t0 = now_ms();
    if (initiative_reindex(db) != 0)
        return 1;
    t_norm = now_ms() - t0;
    if (norms(db, fresh, half) != 0)
        return 1;
    for (id = 1; id <= half; id++)
        drift[id - 1] = fresh[id] > 0 ? fabs(fresh[id] - stale[id]) /
                                            fresh[id] : 0.0;
    qsort(drift, (size_t)half, sizeof drift[0], cmp_double);
    terms = store_count(db, "SELECT count(*) FROM initiative_term", NULL);
    printf("store: %d initiatives, %lld term rows, %lld distinct terms; "
           "bulk load %.0f ms, all norms %.0f ms\n", N_INITIATIVES, terms,
           store_count(db, "SELECT count(DISTINCT term) FROM "
                       "initiative_term", NULL), t_build, t_norm);
    printf("stored norm drift over a doubling (%lld -> %d initiatives): "
           "median %.2f%%, p95 %.2f%%, max %.2f%%\n", half, N_INITIATIVES,
           drift[half / 2] * 100, drift[half * 95 / 100] * 100,
           drift[half - 1] * 100);

    for (id = 1; id <= N_INITIATIVES && nq < N_QUERIES; id++)
        if (dup_of[id])
            queries[nq++] = id;
    for (i = 0; i < nq; i++) {
        t0 = now_ms();
        res = initiative_similar(db, queries[i], NULL, 5, 1, &f);
        t[i] = now_ms() - t0;
        if (res == NULL) {
            fprintf(stderr, "bench: similar: %s\n", f.msg);
            return 1;
        }
        if (json_array_size(res) > 0 &&
            json_integer_value(json_object_get(json_array_get(res, 0),
                                               "id")) == dup_of[queries[i]])
            first++;
        json_decref(res);
    }
    qsort(t, (size_t)nq, sizeof t[0], cmp_double);
    printf("similar (by id, top 5, other regions), %d queries: median "
           "%.2f ms, p95 %.2f ms, max %.2f ms; the original first in %d "
           "of %d\n", nq, t[nq / 2], t[nq * 95 / 100], t[nq - 1], first,
           nq);

    for (i = 0; i < N_TEXT_QUERIES; i++) {
        struct gen g = { 0 };

        buf_init(&g.descr, 64 * 1024);
        generate(&g, NULL, NULL, NULL);
        t0 = now_ms();
        res = initiative_similar(db, 0, buf_str(&g.descr), 5, 0, &f);
        tt[i] = now_ms() - t0;
        buf_free(&g.descr);
        if (res == NULL)
            return 1;
        json_decref(res);
    }
    qsort(tt, N_TEXT_QUERIES, sizeof tt[0], cmp_double);
    printf("similar (free text, top 5), %d queries: median %.2f ms, p95 "
           "%.2f ms\n", N_TEXT_QUERIES, tt[N_TEXT_QUERIES / 2],
           tt[N_TEXT_QUERIES * 95 / 100]);

    audit_actor_cli(&who);
    in = json_pack("{s:s, s:s, s:s, s:s}", "regio", "PV25", "titel",
                   "Omscholing naar warmtepompmonteur in de Achterhoek",
                   "thema", "warmtepompen", "omschrijving",
                   "Zij-instromers volgen een BBL-opleiding bij het ROC en "
                   "werken bij installatiebedrijven aan warmtepompen.");
    t0 = now_ms();
    id = initiative_create(db, &who, in, &f);
    t_create = now_ms() - t0;
    json_decref(in);
    if (id < 0) {
        fprintf(stderr, "bench: create: %s\n", f.msg);
        return 1;
    }
    printf("initiative_create at %d initiatives (row, terms, norm, audit, "
           "one transaction): %.2f ms\n", N_INITIATIVES, t_create);

    st = store_prepare(db, "SELECT id, title, region_code FROM initiative "
                           "WHERE id = ?");
    t0 = now_ms();
    for (i = 0; i < lookups; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, 1 + (long long)(rng() % N_INITIATIVES));
        if (sqlite3_step(st) != SQLITE_ROW)
            return 1;
    }
    t_lookup = (now_ms() - t0) / lookups;
    sqlite3_finalize(st);
    printf("reference: one indexed lookup of an initiative by id: %.4f ms "
           "(median suggestion = %.0f lookups)\n", t_lookup,
           t[nq / 2] / t_lookup);
    store_close(db);
    for (id = 0; id <= N_INITIATIVES; id++) {
        free(c.descr[id]);
        free(c.titles[id]);
    }
    snprintf(err, sizeof err, "%s-wal", path);
    unlink(err);
    snprintf(err, sizeof err, "%s-shm", path);
    unlink(err);
    unlink(path);
    rmdir(dir);
    return 0;
}
