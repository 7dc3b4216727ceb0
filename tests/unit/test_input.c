/* test_input.c - unit tests for input.h: declared fields of every kind,
 * required/partial/null, lengths in characters, control characters,
 * choices, codes, integers and calendar dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <jansson.h>

#include "fault.h"
#include "input.h"

static const char *const colours[] = { "rood", "groen", "blauw", NULL };

static const struct input_field spec[] = {
    { "naam", "Naam", IN_TEXT, 1, 5, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, 10, NULL },
    { "code", "Code", IN_CODE, 1, 20, NULL },
    { "kleur", "Kleur", IN_CHOICE, 0, 0, colours },
    { "organisatie", "Organisatie-id", IN_INT, 0, 0, NULL },
    { "datum", "Startdatum", IN_DATE, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* Run input_check on a JSON text; returns its result, fills f. */
static int check_json(const char *json, int partial, struct fault *f)
{
    json_error_t e;
    json_t *in = json_loads(json, JSON_DECODE_ANY, &e);
    int rc;

    if (in == NULL)
        fail_msg("bad test JSON %s: %s", json, e.text);
    memset(f, 0, sizeof *f);
    rc = input_check(in, spec, partial, f);
    json_decref(in);
    return rc;
}

/* Check an object built by the caller (steals the reference). */
static int check_obj(json_t *in, int partial, struct fault *f)
{
    int rc;

    assert_non_null(in);
    memset(f, 0, sizeof *f);
    rc = input_check(in, spec, partial, f);
    json_decref(in);
    return rc;
}

static void accept_json(const char *json, int partial)
{
    struct fault f;

    if (check_json(json, partial, &f) != 0)
        fail_msg("refused %s: %s", json, f.msg);
    assert_int_equal(f.kind, FAULT_NONE);
}

/* Refused with FAULT_INVALID and a message containing `want`. */
static void refuse_json(const char *json, int partial, const char *want)
{
    struct fault f;

    assert_int_equal(check_json(json, partial, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    if (strstr(f.msg, want) == NULL)
        fail_msg("message for %s lacks \"%s\": %s", json, want, f.msg);
}

static void accept_obj(json_t *in, int partial)
{
    struct fault f;

    if (check_obj(in, partial, &f) != 0)
        fail_msg("refused: %s", f.msg);
}

static void refuse_obj(json_t *in, int partial, const char *want)
{
    struct fault f;

    assert_int_equal(check_obj(in, partial, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    if (strstr(f.msg, want) == NULL)
        fail_msg("message lacks \"%s\": %s", want, f.msg);
}

/* n copies of s. */
static char *repeat(char *out, size_t outlen, const char *s, size_t n)
{
    size_t i;

    out[0] = '\0';
    for (i = 0; i < n; i++) {
        assert_true(strlen(out) + strlen(s) < outlen);
        strcat(out, s);
    }
    return out;
}

static void test_valid(void **state)
{
    (void)state;
    accept_json("{\"naam\":\"Piet\",\"code\":\"mbo-raad\"}", 0);
    accept_json("{\"naam\":\"Piet\",\"omschrijving\":\"r1\\nr2\","
                "\"code\":\"a1\",\"kleur\":\"groen\",\"organisatie\":7,"
                "\"datum\":\"2024-02-29\"}", 0);
}

static void test_not_object(void **state)
{
    (void)state;
    refuse_json("[]", 0, "object");
    refuse_json("\"naam\"", 0, "object");
    refuse_json("null", 1, "object");
}

static void test_unknown_field(void **state)
{
    (void)state;
    refuse_json("{\"naam\":\"a\",\"code\":\"b\",\"rol\":\"x\"}", 0, "rol");
    refuse_json("{\"Naam\":\"a\"}", 1, "Naam");
    refuse_json("{\"onbekend\":null}", 1, "onbekend");
}

static void test_required_missing(void **state)
{
    (void)state;
    refuse_json("{\"code\":\"abc\"}", 0, "Naam");
    refuse_json("{\"naam\":\"abc\"}", 0, "Code");
    refuse_json("{}", 0, "Naam");
    /* Required text may not be empty, nor null. */
    refuse_json("{\"naam\":\"\",\"code\":\"abc\"}", 0, "Naam");
    refuse_json("{\"naam\":null,\"code\":\"abc\"}", 0, "Naam");
    refuse_json("{\"naam\":\"a\",\"code\":\"\"}", 0, "Code");
}

static void test_partial(void **state)
{
    (void)state;
    accept_json("{}", 1);
    accept_json("{\"kleur\":\"rood\"}", 1);
    accept_json("{\"naam\":\"Jan\"}", 1);
    /* Present fields are still checked in partial mode. */
    refuse_json("{\"kleur\":\"paars\"}", 1, "Kleur");
    refuse_json("{\"naam\":\"\"}", 1, "Naam");
    /* A required field cannot be cleared with null. */
    refuse_json("{\"naam\":null}", 1, "Naam");
    refuse_json("{\"code\":null}", 1, "Code");
}

static void test_null_optional(void **state)
{
    (void)state;
    accept_json("{\"naam\":\"a\",\"code\":\"b\",\"omschrijving\":null,"
                "\"kleur\":null,\"organisatie\":null,\"datum\":null}", 0);
    accept_json("{\"omschrijving\":null}", 1);
}

/* Optional text may be empty; an empty optional code or date too. */
static void test_empty_optional(void **state)
{
    (void)state;
    accept_json("{\"naam\":\"a\",\"code\":\"b\",\"omschrijving\":\"\","
                "\"datum\":\"\"}", 0);
}

/* Maximum lengths count characters, not bytes. */
static void test_length_in_characters(void **state)
{
    char s[200];

    (void)state;
    /* naam: max 5 characters. "é" is 2 bytes, "€" 3, "😀" 4. */
    accept_obj(json_pack("{s:s, s:s}", "naam", repeat(s, sizeof s, "a", 5),
                         "code", "c"), 0);
    accept_obj(json_pack("{s:s, s:s}", "naam", repeat(s, sizeof s, "é", 5),
                         "code", "c"), 0);
    accept_obj(json_pack("{s:s, s:s}", "naam", repeat(s, sizeof s, "😀", 5),
                         "code", "c"), 0);
    refuse_obj(json_pack("{s:s, s:s}", "naam", repeat(s, sizeof s, "é", 6),
                         "code", "c"), 0, "Naam");
    refuse_obj(json_pack("{s:s, s:s}", "naam", repeat(s, sizeof s, "a", 6),
                         "code", "c"), 0, "5");
    /* omschrijving: max 10; a newline counts as a character. */
    accept_obj(json_pack("{s:s}", "omschrijving",
                         repeat(s, sizeof s, "€", 10)), 1);
    accept_obj(json_pack("{s:s}", "omschrijving", "regel\nrgl"), 1);
    refuse_obj(json_pack("{s:s}", "omschrijving", "regel\nregel"), 1,
               "Omschrijving");
    refuse_obj(json_pack("{s:s}", "omschrijving",
                         repeat(s, sizeof s, "€", 11)), 1, "Omschrijving");
    /* code: max 20. */
    accept_obj(json_pack("{s:s}", "code", repeat(s, sizeof s, "ab", 10)), 1);
    refuse_obj(json_pack("{s:s}", "code", repeat(s, sizeof s, "ab", 11)), 1,
               "Code");
}

static void test_control_characters(void **state)
{
    (void)state;
    refuse_json("{\"naam\":\"a\\u0001b\"}", 1, "Naam");
    refuse_json("{\"naam\":\"a\\u001bb\"}", 1, "Naam");
    refuse_json("{\"naam\":\"a\\u007f\"}", 1, "Naam");
    refuse_json("{\"omschrijving\":\"a\\u0007b\"}", 1, "Omschrijving");
    refuse_json("{\"kleur\":\"rood\\u0009\"}", 1, "Kleur");
}

/* Newline (and tab) only in IN_LONGTEXT. */
static void test_newline(void **state)
{
    (void)state;
    accept_json("{\"omschrijving\":\"a\\nb\"}", 1);
    accept_json("{\"omschrijving\":\"a\\r\\nb\"}", 1);
    accept_json("{\"omschrijving\":\"a\\tb\"}", 1);
    refuse_json("{\"naam\":\"a\\nb\"}", 1, "Naam");
    refuse_json("{\"naam\":\"a\\tb\"}", 1, "Naam");
    refuse_json("{\"code\":\"a\\nb\"}", 1, "Code");
    refuse_json("{\"kleur\":\"rood\\n\"}", 1, "Kleur");
    refuse_json("{\"datum\":\"2024-01-01\\n\"}", 1, "Startdatum");
}

/* Invalid UTF-8 can only arrive through the _nocheck constructors (the
 * JSON parser refuses it), but input_check must still refuse it. */
static void test_invalid_utf8(void **state)
{
    json_t *in;

    (void)state;
    in = json_object();
    json_object_set_new(in, "naam", json_string_nocheck("a\xC0\x80"));
    refuse_obj(in, 1, "Naam");
    in = json_object();
    json_object_set_new(in, "omschrijving",
                        json_string_nocheck("\xED\xA0\x80"));
    refuse_obj(in, 1, "Omschrijving");
}

static void test_wrong_type(void **state)
{
    (void)state;
    refuse_json("{\"naam\":5}", 1, "Naam");
    refuse_json("{\"naam\":true}", 1, "Naam");
    refuse_json("{\"naam\":[\"a\"]}", 1, "Naam");
    refuse_json("{\"naam\":{}}", 1, "Naam");
    refuse_json("{\"kleur\":1}", 1, "Kleur");
    refuse_json("{\"datum\":20240101}", 1, "Startdatum");
}

static void test_code(void **state)
{
    (void)state;
    accept_json("{\"code\":\"mbo-raad\"}", 1);
    accept_json("{\"code\":\"kerngroep-p1\"}", 1);
    refuse_json("{\"code\":\"MBO-raad\"}", 1, "Code");
    refuse_json("{\"code\":\"a--b\"}", 1, "Code");
    refuse_json("{\"code\":\"-a\"}", 1, "Code");
    refuse_json("{\"code\":\"a-\"}", 1, "Code");
    refuse_json("{\"code\":\"a_b\"}", 1, "Code");
    refuse_json("{\"code\":\"a b\"}", 1, "Code");
}

static void test_choice(void **state)
{
    struct fault f;

    (void)state;
    accept_json("{\"kleur\":\"rood\"}", 1);
    accept_json("{\"kleur\":\"blauw\"}", 1);
    assert_int_equal(check_json("{\"kleur\":\"paars\"}", 1, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "Kleur"));
    assert_non_null(strstr(f.msg, "rood, groen, blauw"));
    refuse_json("{\"kleur\":\"Rood\"}", 1, "rood");
    refuse_json("{\"kleur\":\"rood \"}", 1, "Kleur");
    refuse_json("{\"kleur\":\"\"}", 1, "Kleur");
}

static void test_int(void **state)
{
    (void)state;
    accept_json("{\"organisatie\":1}", 1);
    accept_json("{\"organisatie\":9007199254740993}", 1);
    refuse_json("{\"organisatie\":0}", 1, "Organisatie-id");
    refuse_json("{\"organisatie\":-3}", 1, "Organisatie-id");
    refuse_json("{\"organisatie\":1.5}", 1, "Organisatie-id");
    refuse_json("{\"organisatie\":1.0}", 1, "Organisatie-id");
    refuse_json("{\"organisatie\":\"5\"}", 1, "Organisatie-id");
    refuse_json("{\"organisatie\":true}", 1, "Organisatie-id");
}

static void test_date_field(void **state)
{
    (void)state;
    accept_json("{\"datum\":\"2024-02-29\"}", 1);
    refuse_json("{\"datum\":\"2023-02-29\"}", 1, "Startdatum");
    refuse_json("{\"datum\":\"29-02-2024\"}", 1, "Startdatum");
    refuse_json("{\"datum\":\"morgen\"}", 1, "Startdatum");
}

static void test_is_date(void **state)
{
    (void)state;
    assert_int_equal(input_is_date("2024-02-29"), 1);   /* leap year */
    assert_int_equal(input_is_date("2000-02-29"), 1);   /* div. by 400 */
    assert_int_equal(input_is_date("2023-02-28"), 1);
    assert_int_equal(input_is_date("2023-01-31"), 1);
    assert_int_equal(input_is_date("2023-04-30"), 1);
    assert_int_equal(input_is_date("2023-12-31"), 1);
    assert_int_equal(input_is_date("2023-01-01"), 1);

    assert_int_equal(input_is_date("2023-02-29"), 0);   /* not leap */
    assert_int_equal(input_is_date("2100-02-29"), 0);   /* div. by 100 */
    assert_int_equal(input_is_date("1900-02-29"), 0);
    assert_int_equal(input_is_date("2024-02-30"), 0);
    assert_int_equal(input_is_date("2023-04-31"), 0);
    assert_int_equal(input_is_date("2023-06-31"), 0);
    assert_int_equal(input_is_date("2023-13-01"), 0);
    assert_int_equal(input_is_date("2023-00-10"), 0);
    assert_int_equal(input_is_date("2023-01-00"), 0);
    assert_int_equal(input_is_date("2023-01-32"), 0);
    assert_int_equal(input_is_date("2024-2-1"), 0);
    assert_int_equal(input_is_date("2024-02-1"), 0);
    assert_int_equal(input_is_date("24-02-01"), 0);
    assert_int_equal(input_is_date(""), 0);
    assert_int_equal(input_is_date("2024-02-29x"), 0);
    assert_int_equal(input_is_date(" 2024-02-29"), 0);
    assert_int_equal(input_is_date("2024/02/29"), 0);
    assert_int_equal(input_is_date("2024-0a-01"), 0);
    assert_int_equal(input_is_date("+024-02-01"), 0);
    assert_int_equal(input_is_date("2024-+2-01"), 0);
    assert_int_equal(input_is_date("2024--2-01"), 0);
}

static void test_input_str(void **state)
{
    json_t *in = json_pack("{s:s, s:n, s:i}", "naam", "Piet", "leeg",
                           "getal", 5);

    (void)state;
    assert_non_null(in);
    assert_string_equal(input_str(in, "naam"), "Piet");
    assert_null(input_str(in, "leeg"));
    assert_null(input_str(in, "getal"));
    assert_null(input_str(in, "afwezig"));
    json_decref(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_not_object),
        cmocka_unit_test(test_unknown_field),
        cmocka_unit_test(test_required_missing),
        cmocka_unit_test(test_partial),
        cmocka_unit_test(test_null_optional),
        cmocka_unit_test(test_empty_optional),
        cmocka_unit_test(test_length_in_characters),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_newline),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_wrong_type),
        cmocka_unit_test(test_code),
        cmocka_unit_test(test_choice),
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_date_field),
        cmocka_unit_test(test_is_date),
        cmocka_unit_test(test_input_str),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
