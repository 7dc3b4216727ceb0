/* cli_risk.h - the command-line face of the signals of the risk register.
 *
 * Owns: `koers signalen --db BESTAND [--risico N] [--ook-gesloten]`:
 * refresh the signals (signal_refresh) and print them, one per line:
 * risk, kind, since when, message. Takes main's argv as is (argv[1] is
 * the subcommand). Output is Dutch; errors are one line "koers: reason"
 * on stderr. Exit codes: 0 no open signals, 1 open signals printed, 2
 * usage or other errors. */
#ifndef KOERS_CLI_RISK_H
#define KOERS_CLI_RISK_H

int cli_signalen(int argc, char **argv);

#endif
