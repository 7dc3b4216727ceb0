/* input.c - field validation (see input.h). */
#include "input.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

const char *input_str(json_t *in, const char *name)
{
    return json_string_value(json_object_get(in, name));
}

int input_is_date(const char *s)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31 };
    int y, m, d, i, leap, max;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return 0;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

int input_is_datetime(const char *s)
{
    char date[11];
    int i;

    if (strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
        return 0;
    memcpy(date, s, 10);
    date[10] = '\0';
    for (i = 11; i < 16; i++)
        if (i != 13 && (s[i] < '0' || s[i] > '9'))
            return 0;
    if (atoi(s + 11) > 23 || atoi(s + 14) > 59)
        return 0;
    return input_is_date(date);
}

static const struct input_field *find(const struct input_field *spec,
                                      const char *name)
{
    for (; spec->name; spec++)
        if (strcmp(spec->name, name) == 0)
            return spec;
    return NULL;
}

static int check_one(const struct input_field *fd, json_t *v,
                     struct fault *f)
{
    const char *s;
    size_t k;

    if (json_is_null(v)) {
        if (fd->required) {
            fault_set(f, FAULT_INVALID, "%s is verplicht.", fd->label);
            return -1;
        }
        return 0;
    }
    if (fd->kind == IN_INT) {
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            fault_set(f, FAULT_INVALID, "%s moet een geheel getal vanaf 1 "
                      "zijn.", fd->label);
            return -1;
        }
        return 0;
    }
    if (!json_is_string(v)) {
        fault_set(f, FAULT_INVALID, "%s moet tekst zijn.", fd->label);
        return -1;
    }
    s = json_string_value(v);
    if (!text_clean(s, fd->kind == IN_LONGTEXT)) {
        fault_set(f, FAULT_INVALID, "%s bevat ongeldige tekens.", fd->label);
        return -1;
    }
    if (fd->required && s[0] == '\0') {
        fault_set(f, FAULT_INVALID, "%s is verplicht.", fd->label);
        return -1;
    }
    if (fd->max && text_utf8_len(s) > fd->max) {
        fault_set(f, FAULT_INVALID, "%s mag hoogstens %zu tekens lang zijn.",
                  fd->label, fd->max);
        return -1;
    }
    switch (fd->kind) {
    case IN_CODE:
        if (s[0] && !text_is_code(s)) {
            fault_set(f, FAULT_INVALID, "%s mag alleen kleine letters, "
                      "cijfers en losse streepjes bevatten (bv. "
                      "\"mbo-raad\").", fd->label);
            return -1;
        }
        break;
    case IN_CHOICE:
        for (k = 0; fd->choices[k]; k++)
            if (strcmp(fd->choices[k], s) == 0)
                return 0;
        {
            char list[300] = "";
            for (k = 0; fd->choices[k]; k++) {
                size_t l = strlen(list);
                snprintf(list + l, sizeof list - l, "%s%s", k ? ", " : "",
                         fd->choices[k]);
            }
            fault_set(f, FAULT_INVALID, "%s moet een van deze waarden "
                      "zijn: %s.", fd->label, list);
        }
        return -1;
    case IN_DATE:
        if (s[0] && !input_is_date(s)) {
            fault_set(f, FAULT_INVALID, "%s moet een geldige datum zijn "
                      "(JJJJ-MM-DD).", fd->label);
            return -1;
        }
        break;
    case IN_DATETIME:
        if (!input_is_datetime(s)) {
            fault_set(f, FAULT_INVALID, "%s moet een geldige datum en tijd "
                      "zijn (JJJJ-MM-DDTUU:MM).", fd->label);
            return -1;
        }
        break;
    default:
        break;
    }
    return 0;
}

int input_check(json_t *in, const struct input_field *spec, int partial,
                struct fault *f)
{
    const struct input_field *fd;
    const char *key;
    json_t *v;

    if (!json_is_object(in)) {
        fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        return -1;
    }
    json_object_foreach(in, key, v) {
        if (find(spec, key) == NULL) {
            fault_set(f, FAULT_INVALID, "Onbekend veld \"%.60s\".", key);
            return -1;
        }
    }
    for (fd = spec; fd->name; fd++) {
        v = json_object_get(in, fd->name);
        if (v == NULL) {
            if (fd->required && !partial) {
                fault_set(f, FAULT_INVALID, "%s is verplicht.", fd->label);
                return -1;
            }
            continue;
        }
        if (check_one(fd, v, f) != 0)
            return -1;
    }
    return 0;
}
