/* log.h - diagnostic logging to stderr (not the audit trail; see audit.h).
 *
 * Owns: the server's operational log lines. Quiet by default in tests
 * (KOERS_LOG=debug enables debug lines). */
#ifndef KOERS_LOG_H
#define KOERS_LOG_H

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
