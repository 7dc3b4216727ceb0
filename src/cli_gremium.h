/* cli_gremium.h - `koers gremia importeer --db BESTAND BESTAND.csv`:
 * memberships of gremia from a CSV file (gremium.h), as the secretaris
 * would upload them, audited as done from the command line.
 *
 * Owns: the arguments and the Dutch summary on stdout; every refused line
 * on stderr as "koers: regel N: ...". Exit code 0 when imported, 1 when
 * refused (nothing stored), 2 on usage errors. argv is main's: argv[1] is
 * "gremia". */
#ifndef KOERS_CLI_GREMIUM_H
#define KOERS_CLI_GREMIUM_H

int cli_gremia(int argc, char **argv);

#endif
