/* cli_import.h - `koers import`: source files into the monitor.
 *
 * Owns: `koers import [--db BESTAND] [--droog] [--bron CODE] [--data MAP]
 * PAD...`. A PAD is a file or a directory; a directory is walked: a CBS
 * table directory (data.csv with DataProperties.csv) is one unit (its
 * RegioS.csv is imported first, as a region list), other CSV files are
 * recognised by the mapping files, and files no mapping recognises are
 * listed as skipped, not as errors. Region lists and region hierarchies
 * go before data. Each file is its own transaction (import.h). The
 * summary per file is printed in Dutch on stdout; a progress bar goes to
 * stderr when stderr is a terminal. Exit code: 0 when every file was
 * imported (or unchanged), 1 when any file failed, 2 on usage errors.
 * argv is main's: argv[1] is "import". */
#ifndef KOERS_CLI_IMPORT_H
#define KOERS_CLI_IMPORT_H

int cli_import(int argc, char **argv);

#endif
