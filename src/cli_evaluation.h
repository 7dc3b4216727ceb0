/* cli_evaluation.h - `koers evaluatie`: the biennial evaluation from the
 * command line.
 *
 * Owns: `koers evaluatie --db BESTAND [--van JJJJ-MM-DD --tot JJJJ-MM-DD]
 * [--pdf UIT.pdf] [--html UIT.html]`: gather the figures of the period
 * (default: the last two full years) and write them as a PDF and/or a
 * standalone HTML file; without --pdf or --html the figures are printed
 * as JSON on stdout. Takes main's argv as is (argv[1] is "evaluatie").
 * Errors are one Dutch line "koers: reason" on stderr. Exit codes: 0
 * done, 2 usage errors (bad or reversed dates included) and other
 * failures. */
#ifndef KOERS_CLI_EVALUATION_H
#define KOERS_CLI_EVALUATION_H

int cli_evaluation(int argc, char **argv);

#endif
