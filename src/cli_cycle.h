/* cli_cycle.h - the command-line face of the yearly meeting cycle.
 *
 * Owns: `koers plan JAAR --db BESTAND` (print a proposed year and check
 * it) and `koers check --db BESTAND [--jaar JAAR | --van JAAR --tot JAAR]
 * [--ics BESTAND]` (check the stored calendar, or an iCalendar file,
 * against the rules of table cycle_rule). Both take main's argv as is:
 * argv[1] is the subcommand, options start at argv[2]. Output is Dutch;
 * errors are one line "koers: reason" on stderr. Exit codes: 0 no
 * violations, 1 violations found, 2 usage or other errors. */
#ifndef KOERS_CLI_CYCLE_H
#define KOERS_CLI_CYCLE_H

int cli_plan(int argc, char **argv);
int cli_check(int argc, char **argv);

#endif
