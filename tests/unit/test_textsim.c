/* test_textsim.c - unit tests for textsim.h: normalisation and folding
 * of diacritics, stop words, the light Dutch stemmer, compounds, term
 * counts with the title weight, the hard maximum of tokens, idf and the
 * corpus stop-word rule, and the cosine with its explanation: identical
 * texts score 1, disjoint ones 0, a near-duplicate more than an
 * unrelated text, and the parts of the explanation add up to the score. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textsim.h"

static void check_norm(const char *in, const char *want)
{
    char out[256];
    int n = textsim_normalise(in, out, sizeof out);

    assert_int_equal(n, (int)strlen(want));
    assert_string_equal(out, want);
}

static void test_normalise(void **state)
{
    char small[8];

    (void)state;
    check_norm("Één café, 2 ÏJsberen!", "een cafe ijsberen");
    check_norm("naïeve coöperatie: über façade", "naieve cooperatie uber "
               "facade");
    check_norm("Ærø ŒUVRE Straße", "aero oeuvre strasse");
    check_norm("Ĳsselmeer en ĳs", "ijsselmeer en ijs");     /* ligature */
    check_norm("e\xcc\x81tude", "etude");                    /* e + U+0301 */
    check_norm("mbo4niveau;hbo-ict", "mbo niveau hbo ict");
    check_norm("  \t\n", "");
    check_norm("", "");
    check_norm(NULL, "");
    check_norm("a\xff" "b\xc3", "a b");                     /* bad UTF-8 */
    check_norm("Ελλάδα and 日本", "and");             /* other scripts */
    check_norm("IJMUIDEN", "ijmuiden");
    /* too small: cut at a token boundary, -1 */
    assert_int_equal(textsim_normalise("warmtepomp monteur", small,
                                       sizeof small), -1);
    assert_string_equal(small, "");
    assert_int_equal(textsim_normalise("abc def", small, sizeof small), 7);
    assert_int_equal(textsim_normalise("x", small, 0), -1);
}

static void test_stopwords(void **state)
{
    static const char *const stop[] = { "de", "het", "een", "en", "van",
        "in", "op", "voor", "met", "te", "die", "dat", "is", "zijn",
        "worden", "wordt", "aan", "bij", "door", "om", "als", "of", "ook",
        "naar", "niet", "er", "tot", "uit", "over", "dan", "maar", "nog",
        "kan", "meer", "ze", "we", "wij", "hun", "deze", "dit", "zo", "al",
        "wat", "hoe", "waar", "zullen", "aan", NULL };
    static const char *const content[] = { "techniek", "ict", "mbo",
        "warmtepomp", "regio", "onderwijs", "deze1", "", "zijinstroom",
        NULL };
    struct textsim_doc d = { 0 };
    size_t i;

    (void)state;
    for (i = 0; stop[i]; i++)
        assert_true(textsim_is_stopword(stop[i]));
    for (i = 0; content[i]; i++)
        assert_false(textsim_is_stopword(content[i]));
    assert_false(textsim_is_stopword(NULL));
    assert_int_equal(textsim_doc_add(&d, "De opleiding van het ROC is voor "
                                     "de regio en wordt door ons gegeven.",
                                     1), 0);
    /* only content words of 3 letters or more remain */
    assert_int_equal(d.n, 4);
    assert_non_null(textsim_doc_find(&d, "opleiding"));
    assert_non_null(textsim_doc_find(&d, "roc"));
    assert_non_null(textsim_doc_find(&d, "regio"));
    assert_non_null(textsim_doc_find(&d, "gegef"));       /* gegeven */
    assert_null(textsim_doc_find(&d, "het"));
    assert_null(textsim_doc_find(&d, "de"));
    textsim_doc_free(&d);
}

static void check_stem(const char *in, const char *want)
{
    char w[TEXTSIM_TERM_MAX + 1];

    snprintf(w, sizeof w, "%s", in);
    assert_int_equal(textsim_stem(w), strlen(want));
    assert_string_equal(w, want);
}

static void test_stem(void **state)
{
    (void)state;
    check_stem("mogelijkheden", "mogelijkheid");
    check_stem("mogelijkheid", "mogelijkheid");
    check_stem("opleidingen", "opleiding");
    check_stem("opleiding", "opleiding");
    check_stem("technologieen", "technologie");
    check_stem("technologie", "technologie");
    check_stem("ideeen", "idee");
    check_stem("technische", "technisch");
    check_stem("organisaties", "organisatie");
    check_stem("werken", "werk");
    check_stem("bedden", "bed");
    check_stem("bedrijven", "bedrijf");
    check_stem("bedrijf", "bedrijf");
    check_stem("huizen", "huis");
    check_stem("installateurs", "installateur");
    check_stem("mens", "mens");                /* keeps 4 letters */
    check_stem("nieuwe", "nieuw");
    check_stem("slimme", "slim");
    check_stem("energie", "energie");          /* e after a vowel stays */
    /* singular and plural meet through the undoubled vowel */
    check_stem("baan", "ban");
    check_stem("banen", "ban");
    check_stem("school", "schol");
    check_stem("scholen", "schol");
    check_stem("regionaal", "regional");
    check_stem("regionale", "regional");
    check_stem("leraar", "lerar");
    check_stem("leraren", "lerar");
    check_stem("processen", "proces");
    check_stem("proces", "proces");
    /* short words are left alone */
    check_stem("ict", "ict");
    check_stem("uren", "uren");
    check_stem("een", "een");
    check_stem("", "");
}

static void test_doc_terms(void **state)
{
    struct textsim_doc d = { 0 };
    const struct textsim_term *t;

    (void)state;
    assert_int_equal(textsim_doc_add(&d, "Zij-instroom warmtepompen",
                                     TEXTSIM_TITLE_WEIGHT), 0);
    assert_int_equal(textsim_doc_add(&d, "Een warmtepomp-monteur leidt "
                                     "zij-instromers op; warmtepompen!", 1),
                     0);
    /* the hyphen splits the parts and keeps the compound */
    assert_non_null(textsim_doc_find(&d, "zijinstrom"));
    assert_non_null(textsim_doc_find(&d, "instrom"));
    assert_non_null(textsim_doc_find(&d, "warmtepompmonteur"));
    assert_non_null(textsim_doc_find(&d, "monteur"));
    assert_null(textsim_doc_find(&d, "zij"));            /* a stop word */
    /* title words count double: 2 + (warmtepomp, warmtepompen) */
    t = textsim_doc_find(&d, "warmtepomp");
    assert_non_null(t);
    assert_int_equal(t->tf, 4);
    assert_string_equal(t->word, "warmtepomp");          /* shortest */
    t = textsim_doc_find(&d, "zijinstrom");
    assert_int_equal(t->tf, 2);
    assert_string_equal(t->word, "zijinstroom");
    /* sorted and unique */
    for (size_t i = 1; i < d.n; i++)
        assert_true(strcmp(d.terms[i - 1].term, d.terms[i].term) < 0);
    textsim_doc_free(&d);
    textsim_doc_free(&d);                 /* a freed doc may be freed */
    textsim_doc_free(NULL);
}

static void test_doc_limits(void **state)
{
    struct textsim_doc d = { 0 };
    char *big = malloc(TEXTSIM_DOC_MAX_TOKENS * 8 + 64), word[64];
    size_t i, len = 0;

    (void)state;
    assert_non_null(big);
    for (i = 0; i < TEXTSIM_DOC_MAX_TOKENS + 10; i++)
        len += (size_t)sprintf(big + len, "q%c%c%c ",
                               'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
                               'a' + (int)(i / 676 % 26));
    assert_int_equal(textsim_doc_add(&d, big, 1), 0);
    assert_int_equal(d.tokens, TEXTSIM_DOC_MAX_TOKENS);
    assert_int_equal(d.dropped, 10);
    /* more text after the maximum is dropped too */
    assert_int_equal(textsim_doc_add(&d, "techniek", 1), 0);
    assert_int_equal(d.dropped, 11);
    textsim_doc_free(&d);
    /* an over-long word is cut at TEXTSIM_TERM_MAX bytes */
    memset(word, 'k', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    assert_int_equal(textsim_doc_add(&d, word, 1), 0);
    assert_int_equal(d.n, 1);
    assert_int_equal(strlen(d.terms[0].term), TEXTSIM_TERM_MAX);
    textsim_doc_free(&d);
    free(big);
}

static void test_idf(void **state)
{
    (void)state;
    assert_true(fabs(textsim_idf(10, 10) - log(2.0)) < 1e-12);
    assert_true(fabs(textsim_idf(100, 1) - log(101.0)) < 1e-12);
    assert_true(textsim_idf(100, 1) > textsim_idf(100, 50));
    assert_true(textsim_idf(0, 1) == 0.0);
    assert_true(textsim_idf(10, 0) == 0.0);
    /* corpus stop words only from TEXTSIM_SKIP_MIN_N documents on */
    assert_false(textsim_skipped(TEXTSIM_SKIP_MIN_N - 1, 900, 900));
    assert_true(textsim_skipped(TEXTSIM_SKIP_MIN_N, 201, 1000));
    assert_false(textsim_skipped(TEXTSIM_SKIP_MIN_N, 200, 1000));
    assert_true(textsim_skipped(50000, 401, 2000));
}

static void test_why_add(void **state)
{
    struct textsim_why w[3];
    size_t n = 0;

    (void)state;
    textsim_why_add(w, 3, &n, "b", "bb", 0.2);
    textsim_why_add(w, 3, &n, "a", NULL, 0.5);
    textsim_why_add(w, 3, &n, "z", "zz", 0.0);          /* ignored */
    textsim_why_add(w, 3, &n, "c", "cc", 0.1);
    textsim_why_add(w, 3, &n, "d", "dd", 0.3);          /* drops c */
    textsim_why_add(w, 3, &n, "e", "ee", 0.05);         /* too small */
    textsim_why_add(w, 3, &n, "a0", "x", 0.2);      /* tie: longer first */
    assert_int_equal(n, 3);
    assert_string_equal(w[0].term, "a");
    assert_string_equal(w[0].word, "a");
    assert_string_equal(w[1].term, "d");
    assert_string_equal(w[2].term, "a0");
    textsim_why_add(w, 3, &n, "a1", "y", 0.2);      /* tie, same length */
    assert_string_equal(w[2].term, "a0");
    textsim_why_add(w, 3, &n, "a00", "y", 0.2);
    assert_string_equal(w[2].term, "a00");
    textsim_why_add(w, 0, &n, "q", "q", 1.0);           /* no room */
    assert_int_equal(n, 3);
}

/* A small corpus: the near-duplicates a and b, the unrelated c and d. */
static const char *const corpus_text[][2] = {
    { "Omscholing tot warmtepompmonteur in de Achterhoek",
      "Zij-instromers worden in een half jaar omgeschoold tot monteur van "
      "warmtepompen, met een BBL-opleiding bij het ROC en werk bij "
      "installatiebedrijven in de regio." },
    { "Warmtepompmonteurs opleiden in Twente",
      "In een half jaar scholen we zij-instromers om tot monteur van "
      "warmtepompen: BBL-opleiding bij het ROC, werken bij een "
      "installatiebedrijf." },
    { "Cyberweerbaarheid in het mkb",
      "Studenten ICT helpen kleine ondernemers hun netwerk te beveiligen "
      "tegen ransomware en phishing." },
    { "Gastlessen programmeren op de basisschool",
      "Leerlingen van groep 7 en 8 maken kennis met programmeren en "
      "robotica door gastlessen van ict-bedrijven." },
};

static void corpus_build(struct textsim_doc *docs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        memset(&docs[i], 0, sizeof docs[i]);
        assert_int_equal(textsim_doc_add(&docs[i], corpus_text[i][0],
                                         TEXTSIM_TITLE_WEIGHT), 0);
        assert_int_equal(textsim_doc_add(&docs[i], corpus_text[i][1], 1),
                         0);
    }
}

static void test_cosine(void **state)
{
    struct textsim_doc docs[4], same = { 0 }, empty = { 0 };
    struct textsim_corpus c = { docs, 4 };
    struct textsim_why why[5];
    double ab, ac, cd, aa, sum = 0.0;
    size_t nw, i;
    int found = 0;

    (void)state;
    corpus_build(docs, 4);
    /* identical texts score 1, as does a text with itself */
    assert_int_equal(textsim_doc_add(&same, corpus_text[0][0],
                                     TEXTSIM_TITLE_WEIGHT), 0);
    assert_int_equal(textsim_doc_add(&same, corpus_text[0][1], 1), 0);
    aa = textsim_cosine(&docs[0], &same, textsim_corpus_idf, &c, NULL, 0,
                        NULL);
    assert_true(fabs(aa - 1.0) < 1e-9);
    /* disjoint texts score 0, with nothing to explain */
    ac = textsim_cosine(&docs[0], &docs[2], textsim_corpus_idf, &c, why, 5,
                        &nw);
    assert_true(ac == 0.0);
    assert_int_equal(nw, 0);
    /* the near-duplicate scores higher than unrelated texts */
    ab = textsim_cosine(&docs[0], &docs[1], textsim_corpus_idf, &c, why, 5,
                        &nw);
    cd = textsim_cosine(&docs[2], &docs[3], textsim_corpus_idf, &c, NULL,
                        0, NULL);
    assert_true(ab > 0.3);
    assert_true(ab < 1.0);
    assert_true(ab > cd);
    assert_true(ab > textsim_cosine(&docs[0], &docs[3], textsim_corpus_idf,
                                    &c, NULL, 0, NULL));
    /* symmetric */
    assert_true(fabs(ab - textsim_cosine(&docs[1], &docs[0],
                                         textsim_corpus_idf, &c, NULL, 0,
                                         NULL)) < 1e-12);
    /* the explanation lists the shared words, largest part first: the
     * title word of both (counted double) leads */
    assert_int_equal(nw, 5);
    assert_string_equal(why[0].term, "warmtepompmonteur");
    assert_string_equal(why[0].word, "warmtepompmonteur");
    for (i = 1; i < nw; i++) {
        assert_true(why[i].part > 0.0);
        assert_true(why[i].part <= why[i - 1].part);
    }
    /* all shared words; all parts together are the score */
    {
        struct textsim_why all[64];
        size_t na;

        textsim_cosine(&docs[0], &docs[1], textsim_corpus_idf, &c, all, 64,
                       &na);
        for (i = 0; i < na; i++) {
            sum += all[i].part;
            if (strcmp(all[i].term, "warmtepomp") == 0 ||
                strcmp(all[i].term, "monteur") == 0 ||
                strcmp(all[i].term, "zijinstromer") == 0 ||
                strcmp(all[i].term, "roc") == 0)
                found++;
            assert_null(strstr(" de het een in tot van bij ",
                               all[i].word));    /* no stop words */
        }
        assert_int_equal(found, 4);
        assert_true(fabs(sum - ab) < 1e-9);
    }
    /* an empty document scores 0 */
    assert_true(textsim_cosine(&docs[0], &empty, textsim_corpus_idf, &c,
                               why, 5, &nw) == 0.0);
    assert_int_equal(nw, 0);
    for (i = 0; i < 4; i++)
        textsim_doc_free(&docs[i]);
    textsim_doc_free(&same);
}

/* Random bytes (invalid UTF-8, NULs cut the string, controls) never
 * crash, never give a term outside [a-z] or a term shorter than 3. */
static void test_random_bytes(void **state)
{
    static const char alphabet[] = "aeiouxyzqj-\xc3\xa9\xcc\x81 "
                                   "\xe2\x80\x91\xc4\xb3";
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    struct textsim_doc d = { 0 };
    char text[512], out[600];
    size_t round, i, k;

    (void)state;
    for (round = 0; round < 2000; round++) {
        for (i = 0; i < sizeof text - 1; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            /* any byte, or letters and pieces of UTF-8 sequences */
            if (round % 2)
                text[i] = (char)(x & 0xFF);
            else
                text[i] = alphabet[x % (sizeof alphabet - 1)];
        }
        text[sizeof text - 1] = '\0';
        assert_true(textsim_normalise(text, out, sizeof out) >= 0);
        for (i = 0; out[i]; i++)
            assert_true((out[i] >= 'a' && out[i] <= 'z') || out[i] == ' ');
        assert_int_equal(textsim_doc_add(&d, text, 1 + (int)(round % 3)), 0);
        for (k = 0; k < d.n; k++) {
            assert_true(strlen(d.terms[k].term) >= TEXTSIM_TERM_MIN);
            assert_true(strlen(d.terms[k].term) <= TEXTSIM_TERM_MAX);
            for (i = 0; d.terms[k].term[i]; i++)
                assert_true(d.terms[k].term[i] >= 'a' &&
                            d.terms[k].term[i] <= 'z');
        }
        if (round % 50 == 49)
            textsim_doc_free(&d);
    }
    textsim_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_stem),
        cmocka_unit_test(test_doc_terms),
        cmocka_unit_test(test_doc_limits),
        cmocka_unit_test(test_idf),
        cmocka_unit_test(test_why_add),
        cmocka_unit_test(test_cosine),
        cmocka_unit_test(test_random_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
