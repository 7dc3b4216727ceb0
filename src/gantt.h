/* gantt.h - server-rendered SVG charts of the implementation plan and
 * the budget: a Gantt chart (planned versus actual per sub-step, month
 * columns, a "today" line) and grouped vertical bars (planned, committed
 * and spent per year).
 *
 * Owns: the drawing only; it reads nothing from the store. Every chart is
 * one <svg role="img"> labelled by its <title> and <desc>; all text goes
 * through html.h and coordinates print with a dot. Nothing is told by
 * colour alone: a status has its own fill pattern and is written as a
 * word at the end of each row, a slip is a hatched extension with the
 * number of months in words, and the bar series have patterns and a
 * legend. The page shows the same data in a table (that table, not the
 * picture, is how WCAG is met). Everything given is borrowed. */
#ifndef KOERS_GANTT_H
#define KOERS_GANTT_H

#include <stddef.h>

#include "buf.h"

#define GANTT_MAX_MONTHS 240    /* twenty years of columns at most */

/* One row: a step (a heading row with the span of its sub-steps) or a
 * sub-step. Months are YYYY-MM or NULL. */
struct gantt_row {
    const char *code;            /* "3.1"; for a step "3" */
    const char *label;           /* title */
    int is_step;
    const char *planned_start, *planned_end;
    const char *actual_start;    /* NULL: not started */
    const char *actual_end;      /* NULL with a start: running */
    const char *status;          /* gepland, loopt, gereed, vervallen */
    int slip;                    /* months late, 0 when on time */
};

struct gantt {
    const char *id;              /* id prefix, unique in the page */
    const char *title;
    const char *desc;
    const char *today;           /* YYYY-MM-DD: the today line */
    size_t n;
    const struct gantt_row *rows;
};

/* The months shown: from the earliest month of any row to the latest
 * month of any row or today. 0, or -1 when there is no month at all or
 * more than GANTT_MAX_MONTHS. */
int gantt_range(const struct gantt *g, char from[8], char to[8]);

/* Append the Gantt chart. 0, or -1 (nothing written) when gantt_range
 * fails. */
int gantt_svg(struct buf *b, const struct gantt *g);

/* Grouped vertical bars: per group (a year) three values. */
struct gantt_bar_group {
    const char *label;           /* "2025" */
    double v[3];                 /* euros */
};

struct gantt_bars {
    const char *id;
    const char *title;
    const char *desc;
    const char *series[3];       /* "Gepland", "Verplicht", "Besteed" */
    size_t n;
    const struct gantt_bar_group *groups;
};

/* Append the bar chart. 0, or -1 (nothing written) without groups or
 * with a value that is negative or not finite. */
int gantt_bars_svg(struct buf *b, const struct gantt_bars *c);

#endif
