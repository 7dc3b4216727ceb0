/* auth.c - accounts, argon2id passwords, sessions, API tokens. */
#include "auth.h"
#include "store.h"
#include "text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

void auth_random_hex(char *out)
{
    unsigned char raw[AUTH_SECRET_HEX / 2];

    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, AUTH_SECRET_HEX + 1, raw, sizeof raw);
}

int auth_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    if (la != lb || la == 0)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}

/* BLAKE2b-256 of a high-entropy secret, as hex. */
static void auth_hash_secret(const char *secret, char *hex)
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)secret,
                       strlen(secret), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

void auth_random_password(char *out, size_t outlen)
{
    static const char alphabet[] =
        "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    size_t i, n = outlen - 1 < 20 ? outlen - 1 : 20;

    for (i = 0; i < n; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[n] = '\0';
}

/* A scope is a body code (kerngroep-p1) or a CBS region code (PV25):
 * letters, digits and single dashes, 1 to 63 characters. */
static int scope_ok(const char *s)
{
    char low[64];
    size_t i, n = strlen(s);

    if (n == 0 || n >= sizeof low)
        return 0;
    for (i = 0; i <= n; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a'
                                                     : s[i]);
    return text_is_code(low);
}

int auth_user_add(sqlite3 *db, const char *name, const char *role,
                  const char *scope, const char *password, long long *id,
                  char *err, size_t errlen)
{
    char hash[crypto_pwhash_STRBYTES];
    sqlite3_stmt *st;
    enum perm_role r = perm_role_parse(role);

    if (name == NULL || name[0] == '\0' ||
        strlen(name) >= sizeof ((struct actor *)0)->name ||
        !text_clean(name, 0)) {
        snprintf(err, errlen, "ongeldige gebruikersnaam (1 tot 63 bytes, "
                 "geen stuurtekens)");
        return -1;
    }
    if (r == ROLE_NONE) {
        snprintf(err, errlen, "onbekende rol '%s'", role ? role : "");
        return -1;
    }
    if (scope && (strlen(scope) >= sizeof ((struct actor *)0)->scope ||
                  !scope_ok(scope))) {
        snprintf(err, errlen, "ongeldige scope '%s'", scope);
        return -1;
    }
    if (r == ROLE_NETWERKMANAGER && scope == NULL) {
        snprintf(err, errlen,
                 "een netwerkmanager hoort bij een kerngroep: geef --scope");
        return -1;
    }
    if (password && strlen(password) < AUTH_PASSWORD_MIN) {
        snprintf(err, errlen, "wachtwoord moet minstens %d tekens hebben",
                 AUTH_PASSWORD_MIN);
        return -1;
    }
    if (store_count(db, "SELECT count(*) FROM user WHERE name = ?", name)
        != 0) {
        snprintf(err, errlen, "gebruiker '%s' bestaat al", name);
        return -1;
    }
    if (password && crypto_pwhash_str(hash, password, strlen(password),
                                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE)
                        != 0) {
        snprintf(err, errlen, "onvoldoende geheugen voor wachtwoordhash");
        return -1;
    }
    st = store_prepare(db, "INSERT INTO user(name, pw_hash, role, scope) "
                           "VALUES (?,?,?,?)");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, name);
    store_bind_text(st, 2, password ? hash : NULL);
    store_bind_text(st, 3, perm_role_code(r));
    store_bind_text(st, 4, scope);
    if (store_exec_stmt(st) != 0) {
        snprintf(err, errlen, "opslaan van gebruiker mislukt");
        return -1;
    }
    if (id)
        *id = sqlite3_last_insert_rowid(db);
    return 0;
}

int auth_user_set_password(sqlite3 *db, long long user_id,
                           const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    sqlite3_stmt *st;

    if (crypto_pwhash_str(hash, password, strlen(password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return -1;
    st = store_prepare(db, "UPDATE user SET pw_hash = ? WHERE id = ?");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, hash);
    store_bind_int(st, 2, user_id);
    if (store_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db) == 1 ? 0 : -1;
}

int auth_user_end_sessions(sqlite3 *db, long long user_id, int tokens)
{
    sqlite3_stmt *st = store_prepare(db,
        "DELETE FROM session WHERE user_id = ?");

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, user_id);
    if (store_exec_stmt(st) != 0)
        return -1;
    if (!tokens)
        return 0;
    st = store_prepare(db, "UPDATE api_token SET revoked_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                           "WHERE user_id = ? AND revoked_at IS NULL");
    if (st == NULL)
        return -1;
    store_bind_int(st, 1, user_id);
    return store_exec_stmt(st);
}

/* Fill an actor from a user row id; 0 when the user exists and is active. */
static int auth_load_actor(sqlite3 *db, long long user_id, struct actor *who)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT name, role, coalesce(scope,'') FROM user "
        "WHERE id = ? AND active = 1");
    int rc = -1;

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, user_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        who->user_id = user_id;
        snprintf(who->name, sizeof who->name, "%s", store_col(st, 0));
        who->role = perm_role_parse(store_col(st, 1));
        snprintf(who->scope, sizeof who->scope, "%s", store_col(st, 2));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

static long long auth_failures(sqlite3 *db, const char *key, time_t now)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT count(*) FROM login_failure WHERE key = ? AND at > ?");
    long long n = 0;

    if (st == NULL)
        return 0;
    store_bind_text(st, 1, key);
    store_bind_int(st, 2, (long long)now - AUTH_FAILURE_WINDOW);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void auth_record_failure(sqlite3 *db, const char *key, time_t now)
{
    sqlite3_stmt *st = store_prepare(db,
        "INSERT INTO login_failure(key, at) VALUES (?, ?)");

    if (st == NULL)
        return;
    store_bind_text(st, 1, key);
    store_bind_int(st, 2, (long long)now);
    store_exec_stmt(st);
}

/* Rate limiting: at most AUTH_MAX_FAILURES failed logins per account name
 * and AUTH_MAX_FAILURES_ADDR per client address within AUTH_FAILURE_WINDOW
 * seconds (the address limit is higher because a ministry's users may all
 * come from one address). The check is made before the (deliberately
 * slow) hash verification, so a locked account costs no CPU. */
int auth_login(sqlite3 *db, const char *name, const char *password,
               const char *addr, struct actor *who)
{
    char kname[96], kaddr[96];
    time_t now = time(NULL);
    sqlite3_stmt *st;
    long long uid = 0;
    int ok = 0;

    snprintf(kname, sizeof kname, "naam:%s", name);
    snprintf(kaddr, sizeof kaddr, "adres:%s", addr ? addr : "");
    if (auth_failures(db, kname, now) >= AUTH_MAX_FAILURES ||
        auth_failures(db, kaddr, now) >= AUTH_MAX_FAILURES_ADDR)
        return -2;
    st = store_prepare(db, "SELECT id, coalesce(pw_hash,'') FROM user "
                           "WHERE name = ? AND active = 1");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, name);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *h = store_col(st, 1);
        uid = sqlite3_column_int64(st, 0);
        ok = h[0] && crypto_pwhash_str_verify(h, password,
                                              strlen(password)) == 0;
    }
    sqlite3_finalize(st);
    if (uid == 0) {
        /* unknown name: spend the same hashing time, so the answer time
         * does not tell which names exist */
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, password, strlen(password),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            ok = 0;
    }
    if (!ok) {
        auth_record_failure(db, kname, now);
        auth_record_failure(db, kaddr, now);
        return -1;
    }
    return auth_load_actor(db, uid, who);
}

int auth_session_create(sqlite3 *db, long long user_id, char *sid,
                        char *csrf)
{
    char h[65];
    time_t now = time(NULL);
    sqlite3_stmt *st;

    /* housekeeping at each login: expired sessions and old failures go */
    st = store_prepare(db, "DELETE FROM session WHERE expires_at <= ?");
    store_bind_int(st, 1, (long long)now);
    store_exec_stmt(st);
    st = store_prepare(db, "DELETE FROM login_failure WHERE at <= ?");
    store_bind_int(st, 1, (long long)now - AUTH_FAILURE_WINDOW);
    store_exec_stmt(st);
    auth_random_hex(sid);
    auth_random_hex(csrf);
    auth_hash_secret(sid, h);
    st = store_prepare(db, "INSERT INTO session(id_hash, user_id, csrf, "
                           "created_at, expires_at) VALUES (?,?,?,?,?)");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, h);
    store_bind_int(st, 2, user_id);
    store_bind_text(st, 3, csrf);
    store_bind_int(st, 4, (long long)now);
    store_bind_int(st, 5, (long long)now + AUTH_SESSION_SECONDS);
    return store_exec_stmt(st);
}

int auth_session_lookup(sqlite3 *db, const char *sid, struct actor *who,
                        char *csrf)
{
    char h[65];
    sqlite3_stmt *st;
    long long uid = 0;

    if (strlen(sid) != AUTH_SECRET_HEX)
        return -1;
    auth_hash_secret(sid, h);
    st = store_prepare(db, "SELECT user_id, csrf FROM session "
                           "WHERE id_hash = ? AND expires_at > ?");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, h);
    store_bind_int(st, 2, (long long)time(NULL));
    if (sqlite3_step(st) == SQLITE_ROW) {
        uid = sqlite3_column_int64(st, 0);
        snprintf(csrf, AUTH_SECRET_HEX + 1, "%s", store_col(st, 1));
    }
    sqlite3_finalize(st);
    if (uid == 0)
        return -1;
    return auth_load_actor(db, uid, who);
}

int auth_session_delete(sqlite3 *db, const char *sid)
{
    char h[65];
    sqlite3_stmt *st;

    auth_hash_secret(sid, h);
    st = store_prepare(db, "DELETE FROM session WHERE id_hash = ?");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, h);
    return store_exec_stmt(st);
}

long long auth_token_create(sqlite3 *db, long long user_id, char *out)
{
    char raw[AUTH_SECRET_HEX + 1], h[65], prefix[16];
    sqlite3_stmt *st;

    auth_random_hex(raw);
    snprintf(out, AUTH_SECRET_HEX + 8, "koers_%s", raw);
    auth_hash_secret(out, h);
    snprintf(prefix, sizeof prefix, "%.12s", out);
    st = store_prepare(db, "INSERT INTO api_token(user_id, token_hash, "
                           "prefix) VALUES (?,?,?)");
    if (st == NULL)
        return -1;
    store_bind_int(st, 1, user_id);
    store_bind_text(st, 2, h);
    store_bind_text(st, 3, prefix);
    if (store_exec_stmt(st) != 0)
        return -1;
    return sqlite3_last_insert_rowid(db);
}

int auth_token_lookup(sqlite3 *db, const char *token, struct actor *who)
{
    char h[65];
    sqlite3_stmt *st;
    long long uid = 0;

    if (strlen(token) != AUTH_SECRET_HEX + 6 ||
        strncmp(token, "koers_", 6) != 0)
        return -1;
    auth_hash_secret(token, h);
    st = store_prepare(db, "SELECT user_id FROM api_token "
                           "WHERE token_hash = ? AND revoked_at IS NULL");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, h);
    if (sqlite3_step(st) == SQLITE_ROW)
        uid = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (uid == 0)
        return -1;
    return auth_load_actor(db, uid, who);
}

int auth_token_revoke(sqlite3 *db, long long token_id, long long user_id)
{
    sqlite3_stmt *st = store_prepare(db,
        "UPDATE api_token SET revoked_at = "
        "strftime('%Y-%m-%dT%H:%M:%SZ','now') "
        "WHERE id = ? AND revoked_at IS NULL AND (? = 0 OR user_id = ?)");

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, token_id);
    store_bind_int(st, 2, user_id);
    store_bind_int(st, 3, user_id);
    if (store_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db) == 1 ? 0 : -1;
}
