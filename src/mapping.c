/* mapping.c - the mapping files of <data>/monitor/bronnen (see
 * mapping.h). */
#include "mapping.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cbs.h"
#include "csvhead.h"
#include "impcat.h"
#include "log.h"
#include "period.h"
#include "text.h"

const char *const mapping_kind_codes[MK_COUNT] = {
    "tabel", "cbs", "koers-lang", "regiocodes", "regio-indeling"
};

void mapping_list_free(struct mapping_list *l)
{
    int i;

    for (i = 0; i < l->n; i++)
        json_decref(l->m[i].root);
    l->n = 0;
}

const char *mapping_str(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* 1 when every key of o is in known (NULL-terminated). */
static int only_keys(json_t *o, const char *const *known, const char **bad)
{
    const char *k;
    json_t *v;

    json_object_foreach(o, k, v) {
        size_t i;
        int ok = 0;

        (void)v;
        for (i = 0; known[i]; i++)
            ok |= strcmp(k, known[i]) == 0;
        if (!ok) {
            *bad = k;
            return 0;
        }
    }
    return 1;
}

/* 1 when a is an array of at most max non-empty strings. */
static int str_array(json_t *a, size_t max)
{
    size_t i;
    json_t *v;

    if (!json_is_array(a) || json_array_size(a) > max)
        return 0;
    json_array_foreach(a, i, v)
        if (!json_is_string(v))
            return 0;
    return 1;
}

/* Filters: [{kolom, waarden: [...]}]. */
static int filters_ok(json_t *a, const char **why)
{
    static const char *const keys[] = { "kolom", "waarden", NULL };
    const char *bad;
    size_t i;
    json_t *f;

    if (a == NULL)
        return 1;
    if (!json_is_array(a) || json_array_size(a) > MAPPING_MAX_FILTERS) {
        *why = "filters moet een lijst zijn (hoogstens 16)";
        return 0;
    }
    json_array_foreach(a, i, f)
        if (!json_is_object(f) || !only_keys(f, keys, &bad) ||
            !mapping_str(f, "kolom") ||
            !str_array(json_object_get(f, "waarden"), 10000) ||
            json_array_size(json_object_get(f, "waarden")) == 0) {
            *why = "elk filter heeft kolom en een niet-lege lijst waarden";
            return 0;
        }
    return 1;
}

/* Check the shape of a mapping file; the catalogue checks come later
 * (map_check). *why gets a Dutch reason. */
static int map_shape(struct mapping *m, const char **why)
{
    static const char *const keys[] = {
        "code", "naam", "bron", "soort", "toelichting", "herkenning",
        "scheiding", "codering", "regio", "filters", "uitsplitsingen",
        "waardekolommen", "periode", "periodekolom", "ontbrekend",
        "optellen", "uitvoer", "kolommen", "soorten", NULL };
    static const char *const rec_keys[] = { "kolommen", "bestandsnaam",
                                            "tabel", NULL };
    static const char *const reg_keys[] = { "vast", "kolom", "prefix",
        "cijfers", "registreren", "provincieKolom", NULL };
    static const char *const split_keys[] = { "kolom", "dimensie",
                                              "waarden", "onbekend", NULL };
    static const char *const out_keys[] = { "indicator", "filters",
                                            "waardekolom", NULL };
    json_t *r = m->root, *rec, *v;
    const char *s, *bad = NULL;
    size_t i;
    int k;

    if (!only_keys(r, keys, &bad)) {
        *why = "onbekende sleutel";
        log_error("mapping %s: unknown key %s", m->file, bad);
        return 0;
    }
    m->code = mapping_str(r, "code");
    m->name = mapping_str(r, "naam");
    s = mapping_str(r, "soort");
    if (m->code == NULL || !text_is_code(m->code) || m->name == NULL ||
        s == NULL) {
        *why = "code (kebab-case), naam en soort zijn verplicht";
        return 0;
    }
    m->kind = MK_COUNT;
    for (k = 0; k < MK_COUNT; k++)
        if (strcmp(s, mapping_kind_codes[k]) == 0)
            m->kind = (enum mapping_kind)k;
    if (m->kind == MK_COUNT) {
        *why = "soort is tabel, cbs, koers-lang, regiocodes of "
               "regio-indeling";
        return 0;
    }
    s = mapping_str(r, "scheiding");
    if (s && !(strcmp(s, ";") == 0 || strcmp(s, ",") == 0 ||
               strcmp(s, "\t") == 0)) {
        *why = "scheiding is ';', ',' of een tab";
        return 0;
    }
    m->sep = s ? s[0] : ',';
    s = mapping_str(r, "codering");
    if (s && strcasecmp(s, "utf-8") != 0) {
        *why = "alleen codering utf-8 wordt ondersteund (ASCII is ook "
               "UTF-8)";
        return 0;
    }
    rec = json_object_get(r, "herkenning");
    if (!json_is_object(rec) || !only_keys(rec, rec_keys, &bad)) {
        *why = "herkenning met kolommen (en eventueel bestandsnaam, tabel) "
               "is verplicht";
        return 0;
    }
    m->req_cols = json_object_get(rec, "kolommen");
    m->file_name = mapping_str(rec, "bestandsnaam");
    m->table = mapping_str(rec, "tabel");
    if (!str_array(m->req_cols, 64) || json_array_size(m->req_cols) == 0) {
        *why = "herkenning.kolommen is een niet-lege lijst kolomnamen";
        return 0;
    }
    if (m->kind == MK_LANG || m->kind == MK_INDELING)
        return 1;
    if (m->kind == MK_REGIOCODES) {
        m->cols = json_object_get(r, "kolommen");
        m->kinds = json_object_get(r, "soorten");
        if (!mapping_str(m->cols, "code") ||
            !mapping_str(m->cols, "naam") ||
            !mapping_str(m->cols, "omschrijving") ||
            !json_is_object(m->kinds)) {
            *why = "regiocodes heeft kolommen {code, naam, omschrijving} en "
                   "soorten {prefix: soort}";
            return 0;
        }
        json_object_foreach(m->kinds, s, v)
            if (strlen(s) != 2 || !json_is_string(v) ||
                impcat_rk_parse(json_string_value(v)) < 0) {
                *why = "soorten koppelt twee letters aan land, provincie, "
                       "arbeidsmarktregio, landsdeel of gemeente";
                return 0;
            }
        return 1;
    }
    /* tabel and cbs */
    m->region = json_object_get(r, "regio");
    if (!json_is_object(m->region) || !only_keys(m->region, reg_keys, &bad)
        || (mapping_str(m->region, "vast") == NULL) ==
           (mapping_str(m->region, "kolom") == NULL)) {
        *why = "regio heeft vast (een code) of kolom";
        return 0;
    }
    v = json_object_get(m->region, "cijfers");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 1 ||
              json_integer_value(v) > 8)) {
        *why = "regio.cijfers is 1 tot en met 8";
        return 0;
    }
    v = json_object_get(m->region, "registreren");
    if (v && (!mapping_str(v, "naamKolom") ||
              impcat_rk_parse(mapping_str(v, "soort")) < 0)) {
        *why = "regio.registreren heeft naamKolom en soort";
        return 0;
    }
    m->filters = json_object_get(r, "filters");
    if (!filters_ok(m->filters, why))
        return 0;
    m->splits = json_object_get(r, "uitsplitsingen");
    if (m->splits && (!json_is_array(m->splits) ||
                      json_array_size(m->splits) > MAPPING_MAX_SPLITS)) {
        *why = "uitsplitsingen is een lijst (hoogstens 8)";
        return 0;
    }
    json_array_foreach(m->splits, i, v) {
        const char *u = mapping_str(v, "onbekend");

        if (!json_is_object(v) || !only_keys(v, split_keys, &bad) ||
            !mapping_str(v, "kolom") || !mapping_str(v, "dimensie") ||
            !json_is_object(json_object_get(v, "waarden")) ||
            (u && strcmp(u, "fout") != 0 && strcmp(u, "overslaan") != 0)) {
            *why = "elke uitsplitsing heeft kolom, dimensie, waarden "
                   "{bronwaarde: item} en eventueel onbekend (fout of "
                   "overslaan)";
            return 0;
        }
    }
    m->missing = json_object_get(r, "ontbrekend");
    if (m->missing && !str_array(m->missing, 16)) {
        *why = "ontbrekend is een lijst teksten";
        return 0;
    }
    v = json_object_get(r, "optellen");
    if (v && !json_is_boolean(v)) {
        *why = "optellen is true of false";
        return 0;
    }
    m->sum = json_is_true(v);
    m->valcols = json_object_get(r, "waardekolommen");
    m->period_col = mapping_str(r, "periodekolom");
    m->period = json_object_get(r, "periode");
    if ((m->valcols == NULL) == (m->period_col == NULL)) {
        *why = "gebruik waardekolommen (met periode) of periodekolom (met "
               "een waardekolom per uitvoer)";
        return 0;
    }
    if (m->valcols) {
        const char *soort = mapping_str(m->period, "soort");
        json_t *bm = json_object_get(m->period, "beginmaand");

        if (!mapping_str(m->valcols, "patroon") ||
            !strstr(mapping_str(m->valcols, "patroon"), "{jaar}")) {
            *why = "waardekolommen.patroon bevat {jaar}";
            return 0;
        }
        m->period_kind = period_kind_parse(soort);
        if (m->period_kind != PERIOD_JAAR &&
            m->period_kind != PERIOD_STUDIEJAAR) {
            *why = "periode.soort is jaar of studiejaar bij waardekolommen";
            return 0;
        }
        m->period_month = m->period_kind == PERIOD_STUDIEJAAR
            ? (bm ? (int)json_integer_value(bm) : 10) : 0;
        if (m->period_kind == PERIOD_STUDIEJAAR && m->period_month != 9 &&
            m->period_month != 10) {
            *why = "periode.beginmaand is 9 of 10";
            return 0;
        }
    }
    m->outs = json_object_get(r, "uitvoer");
    if (!json_is_array(m->outs) || json_array_size(m->outs) == 0 ||
        json_array_size(m->outs) > MAPPING_MAX_OUTS) {
        *why = "uitvoer is een lijst van 1 tot 8 indicatoren";
        return 0;
    }
    json_array_foreach(m->outs, i, v) {
        if (!json_is_object(v) || !only_keys(v, out_keys, &bad) ||
            !mapping_str(v, "indicator") ||
            !filters_ok(json_object_get(v, "filters"), why) ||
            (m->period_col != NULL) !=
                (mapping_str(v, "waardekolom") != NULL)) {
            *why = "elke uitvoer heeft indicator, eventueel filters, en bij "
                   "periodekolom een waardekolom";
            return 0;
        }
    }
    return 1;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int mapping_list_load(struct mapping_list *l, const char *data_dir,
                      struct fault *f)
{
    char dir[PATH_MAX], *names[MAPPING_MAX_FILES];
    struct dirent *e;
    DIR *d;
    int n = 0, i, j, rc = -1;

    l->n = 0;
    snprintf(dir, sizeof dir, "%s/monitor/bronnen", data_dir);
    d = opendir(dir);
    if (d == NULL) {
        fault_set(f, FAULT_STORE, "De map met bronbeschrijvingen %s kan "
                  "niet gelezen worden.", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);

        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 ||
            e->d_name[0] == '.')
            continue;
        if (n == MAPPING_MAX_FILES)
            break;
        names[n] = strdup(e->d_name);
        if (names[n] == NULL)
            break;
        n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], name_cmp);
    for (i = 0; i < n; i++) {
        struct mapping *m = &l->m[l->n];
        json_error_t je;
        const char *why = "";

        memset(m, 0, sizeof *m);
        snprintf(m->file, sizeof m->file, "%s/%s", dir, names[i]);
        m->root = json_load_file(m->file, JSON_REJECT_DUPLICATES, &je);
        if (m->root == NULL || !json_is_object(m->root)) {
            fault_set(f, FAULT_STORE, "Bronbeschrijving %s: regel %d: %s",
                      m->file, je.line, m->root ? "geen object" : je.text);
            json_decref(m->root);
            goto done;
        }
        l->n++;
        if (!map_shape(m, &why)) {
            fault_set(f, FAULT_STORE, "Bronbeschrijving %s: %s.", m->file,
                      why);
            goto done;
        }
        for (j = 0; j < l->n - 1; j++)
            if (strcmp(l->m[j].code, m->code) == 0) {
                fault_set(f, FAULT_STORE, "Bronbeschrijving %s: de code %s "
                          "komt al voor in %s.", m->file, m->code,
                          l->m[j].file);
                goto done;
            }
    }
    rc = 0;
done:
    for (i = 0; i < n; i++)
        free(names[i]);
    if (rc != 0)
        mapping_list_free(l);
    return rc;
}

struct mapping *mapping_find(struct mapping_list *l, const char *code)
{
    int i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->m[i].code, code) == 0)
            return &l->m[i];
    return NULL;
}

/* ------------------------------------------------------------------ */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

/* Does mapping m recognise a file named `name` with header h? The
 * koers-lang header must be exactly its six columns. */
static int map_matches(const struct mapping *m, const char *name,
                       const struct csvhead *h)
{
    size_t i;
    json_t *v;

    if (m->file_name && strcmp(base_name(name), m->file_name) != 0)
        return 0;
    if (m->kind == MK_LANG && h->n != json_array_size(m->req_cols))
        return 0;
    json_array_foreach(m->req_cols, i, v)
        if (csvhead_col(h, json_string_value(v)) < 0 ||
            (m->kind == MK_LANG &&
             strcmp(h->name[i], json_string_value(v)) != 0))
            return 0;
    return 1;
}

struct mapping *mapping_recognise(struct mapping_list *l, const char *name,
                                  const char *probe, size_t plen,
                                  const char *source, struct fault *f)
{
    struct csvhead hs = { 0 }, hc = { 0 };
    struct mapping *found = NULL;
    char which[512] = "";
    int i, n = 0, hs_ok, hc_ok;

    /* a header may fail to parse with the wrong separator ("a","b" read
     * with ';'): then no mapping with that separator matches */
    hs_ok = csvhead_parse(probe, plen, ';', &hs) == 0;
    hc_ok = csvhead_parse(probe, plen, ',', &hc) == 0;
    if (!hs_ok && !hc_ok) {
        fault_set(f, source ? FAULT_INVALID : FAULT_NOTFOUND, "%s: het "
                  "bestand is leeg of heeft geen leesbare kopregel.", name);
        goto done;
    }
    if (source) {
        struct mapping *m = mapping_find(l, source);

        if (m == NULL) {
            fault_set(f, FAULT_INVALID, "Onbekende bron '%s'.", source);
        } else if (!map_matches(m, name, m->sep == ';' ? &hs : &hc) &&
                   !(m->file_name && map_matches(m, m->file_name,
                     m->sep == ';' ? &hs : &hc))) {
            fault_set(f, FAULT_INVALID, "%s past niet bij bron %s: de "
                      "kopregel mist kolommen die de bron verwacht.", name,
                      source);
        } else {
            found = m;
        }
        goto done;
    }
    for (i = 0; i < l->n; i++) {
        struct mapping *m = &l->m[i];

        if (!map_matches(m, name, m->sep == ';' ? &hs : &hc))
            continue;
        n++;
        found = m;
        if (strlen(which) + strlen(m->code) + 3 < sizeof which) {
            if (which[0])
                strcat(which, ", ");
            strcat(which, m->code);
        }
    }
    if (n == 0)
        fault_set(f, FAULT_NOTFOUND, "%s: geen bronbeschrijving herkent dit "
                  "bestand.", name);
    if (n > 1) {
        fault_set(f, FAULT_INVALID, "%s: meerdere bronnen herkennen dit "
                  "bestand (%s); kies er een.", name, which);
        found = NULL;
    }
done:
    csvhead_free(&hs);
    csvhead_free(&hc);
    return found;
}

/* ------------------------------------------------------------------ */

struct mapping *mapping_recognise_file(struct mapping_list *l,
                                       const char *path, const char *source,
                                       struct fault *f, int *unreadable)
{
    char *probe = malloc(MAPPING_PROBE);
    struct mapping *m = NULL;
    FILE *fp;
    size_t n;

    if (unreadable)
        *unreadable = 0;
    if (probe == NULL)
        return NULL;
    fp = fopen(path, "rb");
    if (fp == NULL) {
        fault_set(f, FAULT_NOTFOUND, "%s kan niet gelezen worden.", path);
        if (unreadable)
            *unreadable = 1;
    } else {
        n = fread(probe, 1, MAPPING_PROBE, fp);
        fclose(fp);
        m = mapping_recognise(l, path, probe, n, source, f);
    }
    free(probe);
    return m;
}

struct mapping *mapping_recognise_cbs(struct mapping_list *l,
                                      const char *dir, const char *source,
                                      struct fault *f)
{
    char id[64];
    int i;

    if (source) {
        struct mapping *m = mapping_find(l, source);

        if (m == NULL || m->kind != MK_CBS)
            fault_set(f, FAULT_INVALID, "Bron '%s' is geen CBS-tabel.",
                      source);
        return m && m->kind == MK_CBS ? m : NULL;
    }
    cbs_table_id(dir, id, sizeof id);
    for (i = 0; i < l->n; i++)
        if (l->m[i].kind == MK_CBS && l->m[i].table &&
            strcmp(l->m[i].table, id) == 0)
            return &l->m[i];
    fault_set(f, FAULT_NOTFOUND, "%s: geen bronbeschrijving voor CBS-tabel "
              "%s.", dir, id);
    return NULL;
}
