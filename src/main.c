/* main.c - the koers command line: init, serve, user, token.
 *
 * Owns: argument parsing and the exit-code contract: 0 on success,
 * non-zero with one line "koers: reason" on stderr otherwise. Each
 * subcommand opens the store itself and closes it before returning. */
#define _GNU_SOURCE
#include "audit.h"
#include "account.h"
#include "auth.h"
#include "budget.h"
#include "cli_cycle.h"
#include "cli_gremium.h"
#include "cli_import.h"
#include "cli_risk.h"
#include "cli_evaluation.h"
#include "http.h"
#include "httpcache.h"
#include "log.h"
#include "migrate.h"
#include "monitorseed.h"
#include "plan.h"
#include "seed.h"
#include "store.h"

#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KOERS_VERSION "0.1.0"

static const char usage[] =
    "Gebruik: koers OPDRACHT [OPTIES]\n"
    "\n"
    "Koers ondersteunt de governance van het Actieplan Groene en Digitale\n"
    "Banen. Opdrachten:\n"
    "  init  --db BESTAND [--data MAP]     nieuwe store maken en vullen uit\n"
    "                                      het rapport (overschrijft niets)\n"
    "  migreer --db BESTAND [--data MAP]  store van een oudere schemaversie\n"
    "                                      bijwerken (maakt eerst BESTAND.vN.bak)\n"
    "  serve --db BESTAND [--listen ADRES:POORT] [--web MAP]\n"
    "                                      de website en API serveren\n"
    "                                      (standaard 127.0.0.1:8080)\n"
    "  user add --db BESTAND --name NAAM --role ROL [--scope SCOPE]\n"
    "                                      gebruiker toevoegen; wachtwoord uit\n"
    "                                      KOERS_PASSWORD of gegenereerd\n"
    "  token --db BESTAND --user NAAM      nieuw persoonlijk API-token\n"
    "  token --db BESTAND --revoke ID      API-token intrekken\n"
    "  plan JAAR --db BESTAND [--opslaan]  jaarplan voorstellen en toetsen\n"
    "                                      (--opslaan: in de store zetten)\n"
    "  check --db BESTAND [--jaar JAAR | --van JAAR --tot JAAR]\n"
    "        [--ics BESTAND]               agenda toetsen aan de regels\n"
    "  import [--db BESTAND] [--droog] [--bron CODE] PAD...\n"
    "                                      bronbestanden (DUO, CBS, Koers lang\n"
    "                                      formaat, regiocodes) in de monitor\n"
    "                                      importeren; een map wordt doorlopen\n"
    "                                      (--droog: alleen controleren)\n"
    "  evaluatie --db BESTAND [--van JJJJ-MM-DD --tot JJJJ-MM-DD]\n"
    "        [--pdf UIT.pdf] [--html UIT.html]\n"
    "                                      tweejaarlijkse evaluatie (standaard\n"
    "                                      de laatste twee volle jaren); zonder\n"
    "                                      --pdf of --html de cijfers als JSON\n"
    "  gremia importeer --db BESTAND LEDEN.csv\n"
    "                                      leden van gremia importeren\n"
    "                                      (kolommen gremium,organisatie[,sinds])\n"
    "  signalen --db BESTAND              signalen bij de risico's opnieuw\n"
    "                                      berekenen en tonen (exitcode 1 als\n"
    "                                      er open signalen zijn)\n"
    "  --help, --version\n"
    "\n"
    "Rollen: beheerder, secretaris, boegbeeld, netwerkmanager (scope: de\n"
    "kerngroep, bv. kerngroep-p1), ministerie, accounthouder (scope: de\n"
    "provincie), regio (scope: de coalitie), deelnemer.\n"
    "Het eerste beheerderswachtwoord komt uit KOERS_ADMIN_PASSWORD, anders\n"
    "wordt het gegenereerd en eenmalig getoond.\n";

static int die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "koers: reason" on stderr and return the failure exit code. */
static int die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "koers: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

/* Find "--name VALUE" in argv; NULL when absent. */
static const char *opt(int argc, char **argv, const char *name)
{
    int i;

    for (i = 0; i < argc - 1; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

/* Reject options this command does not know, so typos fail loudly. */
static int check_opts(int argc, char **argv, int first,
                      const char *const *known)
{
    int i, k;

    for (i = first; i < argc; i += 2) {
        int ok = 0;
        for (k = 0; known[k]; k++)
            if (strcmp(argv[i], known[k]) == 0)
                ok = 1;
        if (!ok)
            return die("onbekende optie '%s' (zie koers --help)", argv[i]);
        if (i + 1 >= argc)
            return die("optie '%s' mist een waarde", argv[i]);
    }
    return 0;
}

/* The installation root: the directory above bin/ holding data/ and web/. */
static void share_dir(const char *env, const char *sub, char *out,
                      size_t len)
{
    char exe[PATH_MAX];
    ssize_t n;
    const char *e = getenv(env);

    if (e && e[0]) {
        snprintf(out, len, "%s", e);
        return;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(out, len, "%s", sub);
        return;
    }
    exe[n] = '\0';
    /* .../bin/koers: dirname twice gives the installation root */
    snprintf(out, len, "%s/%s", dirname(dirname(exe)), sub);
}

static int cmd_init(int argc, char **argv)
{
    static const char *const known[] = { "--db", "--data", NULL };
    const char *path = opt(argc, argv, "--db");
    const char *pw_env = getenv("KOERS_ADMIN_PASSWORD");
    char data[PATH_MAX], err[512], pw[32];
    struct actor cli;
    sqlite3 *db;
    long long id;

    if (check_opts(argc, argv, 2, known) != 0)
        return 2;
    if (path == NULL)
        return die("%s", "init heeft --db BESTAND nodig");
    if (opt(argc, argv, "--data"))
        snprintf(data, sizeof data, "%s", opt(argc, argv, "--data"));
    else
        share_dir("KOERS_DATA", "data", data, sizeof data);
    if (pw_env && strlen(pw_env) < AUTH_PASSWORD_MIN)
        return die("KOERS_ADMIN_PASSWORD moet minstens %d tekens hebben",
                   AUTH_PASSWORD_MIN);
    db = store_open(path, 1, err, sizeof err);
    if (db == NULL)
        return die("%s", err);
    if (store_create_schema(db) != 0) {
        store_close(db);
        unlink(path);
        return die("kan schema niet aanmaken in %s", path);
    }
    if (seed_load(db, data, err, sizeof err) != 0) {
        store_close(db);
        unlink(path);
        return die("seed: %s", err);
    }
    if (monitorseed_load(db, data, err, sizeof err) != 0 ||
        plan_seed_load(db, data, err, sizeof err) != 0 ||
        budget_seed_load(db, data, err, sizeof err) != 0) {
        store_close(db);
        unlink(path);
        return die("seed: %s", err);
    }
    if (pw_env)
        snprintf(pw, sizeof pw, "%s", pw_env);
    else
        auth_random_password(pw, sizeof pw);
    if (auth_user_add(db, "beheerder", "beheerder", NULL,
                      pw_env ? pw_env : pw, &id, err, sizeof err) != 0) {
        store_close(db);
        unlink(path);
        return die("%s", err);
    }
    audit_actor_cli(&cli);
    audit_write(db, &cli, "store.init", "store", path, "gelukt",
                "store aangemaakt en gevuld uit het rapport");
    audit_write(db, &cli, "gebruiker.aanmaken", "gebruiker", "beheerder",
                "gelukt", "eerste beheerder");
    store_close(db);
    printf("Store %s aangemaakt en gevuld uit het rapport.\n", path);
    if (pw_env == NULL)
        printf("Gebruiker: beheerder\nWachtwoord (eenmalig getoond): %s\n",
               pw);
    return 0;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int cmd_serve(int argc, char **argv)
{
    static const char *const known[] = { "--db", "--listen", "--web", NULL };
    const char *path = opt(argc, argv, "--db");
    const char *listen = opt(argc, argv, "--listen");
    char addr[64] = "127.0.0.1", web[PATH_MAX], err[512];
    struct store_pool *pool;
    struct http_server *srv;
    struct sigaction sa;
    int port = 8080;

    if (check_opts(argc, argv, 2, known) != 0)
        return 2;
    if (path == NULL)
        return die("%s", "serve heeft --db BESTAND nodig");
    if (listen) {
        const char *colon = strrchr(listen, ':');
        char *end;
        long p;

        if (colon == NULL || (size_t)(colon - listen) >= sizeof addr)
            return die("--listen verwacht ADRES:POORT, niet '%s'", listen);
        p = strtol(colon + 1, &end, 10);
        if (*end != '\0' || p < 1 || p > 65535)
            return die("ongeldige poort in '%s'", listen);
        memcpy(addr, listen, (size_t)(colon - listen));
        addr[colon - listen] = '\0';
        port = (int)p;
    }
    if (opt(argc, argv, "--web"))
        snprintf(web, sizeof web, "%s", opt(argc, argv, "--web"));
    else
        share_dir("KOERS_WEB", "web", web, sizeof web);
    if (access(path, R_OK | W_OK) != 0)
        return die("store %s bestaat niet (maak hem met koers init)", path);
    pool = store_pool_new(path, http_threads(), err, sizeof err);
    httpcache_watch(path);
    if (pool == NULL)
        return die("%s", err);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    srv = http_start(addr, port, pool, web, err, sizeof err);
    if (srv == NULL) {
        store_pool_free(pool);
        return die("%s", err);
    }
    log_info("Koers %s luistert op http://%s:%d", KOERS_VERSION, addr, port);
    while (!stop_flag)
        pause();
    http_stop(srv);
    store_pool_free(pool);
    log_info("gestopt");
    return 0;
}

static int cmd_user(int argc, char **argv)
{
    static const char *const known[] = { "--db", "--name", "--role",
                                         "--scope", NULL };
    const char *path, *name, *role, *scope, *pw_env = getenv("KOERS_PASSWORD");
    char err[512], pw[ACCOUNT_PASSWORD_BUF];
    struct fault f = { 0 };
    struct actor cli;
    sqlite3 *db;
    json_t *in;
    long long id;

    if (argc < 3 || strcmp(argv[2], "add") != 0)
        return die("%s", "gebruik: koers user add --db BESTAND --name NAAM "
                         "--role ROL [--scope SCOPE]");
    if (check_opts(argc, argv, 3, known) != 0)
        return 2;
    path = opt(argc, argv, "--db");
    name = opt(argc, argv, "--name");
    role = opt(argc, argv, "--role");
    scope = opt(argc, argv, "--scope");
    if (path == NULL || name == NULL || role == NULL)
        return die("%s", "user add heeft --db, --name en --role nodig");
    db = store_open(path, 0, err, sizeof err);
    if (db == NULL)
        return die("%s", err);
    in = json_pack("{s:s, s:s}", "naam", name, "rol", role);
    if (in && scope)
        json_object_set_new(in, "scope", json_string(scope));
    if (in && pw_env)
        json_object_set_new(in, "wachtwoord", json_string(pw_env));
    audit_actor_cli(&cli);
    if (in == NULL) {
        store_close(db);
        return die("%s", "onvoldoende geheugen");
    }
    id = account_create(db, &cli, in, pw, &f);
    json_decref(in);
    store_close(db);
    if (id < 0)
        return die("%s", f.msg);
    printf("Gebruiker %s (%s) aangemaakt.\n", name, role);
    if (pw[0])
        printf("Wachtwoord (eenmalig getoond): %s\n", pw);
    return 0;
}

static int cmd_token(int argc, char **argv)
{
    static const char *const known[] = { "--db", "--user", "--revoke", NULL };
    const char *path = opt(argc, argv, "--db");
    const char *user = opt(argc, argv, "--user");
    const char *revoke = opt(argc, argv, "--revoke");
    char err[512], tok[AUTH_SECRET_HEX + 8], idtxt[32];
    struct actor cli;
    sqlite3 *db;
    long long uid, tid;
    int rc = 1;

    if (check_opts(argc, argv, 2, known) != 0)
        return 2;
    if (path == NULL || (user == NULL) == (revoke == NULL))
        return die("%s", "gebruik: koers token --db BESTAND --user NAAM | "
                         "--revoke ID");
    db = store_open(path, 0, err, sizeof err);
    if (db == NULL)
        return die("%s", err);
    audit_actor_cli(&cli);
    if (revoke) {
        char *end;
        tid = strtoll(revoke, &end, 10);
        if (*end != '\0' || tid < 1 || auth_token_revoke(db, tid, 0) != 0) {
            audit_write(db, &cli, "token.intrekken", "token", revoke,
                        "mislukt", "onbekend of al ingetrokken");
            store_close(db);
            return die("token %s is onbekend of al ingetrokken", revoke);
        }
        audit_write(db, &cli, "token.intrekken", "token", revoke, "gelukt",
                    NULL);
        printf("Token %s ingetrokken.\n", revoke);
        store_close(db);
        return 0;
    }
    uid = store_count(db, "SELECT coalesce((SELECT id FROM user WHERE "
                          "name = ? AND active = 1), 0)", user);
    if (uid <= 0) {
        store_close(db);
        return die("gebruiker '%s' bestaat niet", user);
    }
    tid = auth_token_create(db, uid, tok);
    if (tid > 0) {
        snprintf(idtxt, sizeof idtxt, "%lld", tid);
        audit_write(db, &cli, "token.aanmaken", "token", idtxt, "gelukt",
                    user);
        printf("%s\n", tok);
        fprintf(stderr, "koers: token %lld voor %s aangemaakt; intrekken met "
                        "koers token --revoke %lld\n", tid, user, tid);
        rc = 0;
    }
    store_close(db);
    return rc == 0 ? 0 : die("%s", "token aanmaken mislukt");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C");
    if (auth_init() != 0)
        return die("%s", "libsodium kan niet starten");
    if (argc < 2)
        return die("%s", "geen opdracht gegeven (zie koers --help)");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("koers %s\n", KOERS_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "gremia") == 0)
        return cli_gremia(argc, argv);
    if (strcmp(argv[1], "signalen") == 0)
        return cli_signalen(argc, argv);
    if (strcmp(argv[1], "init") == 0)
        return cmd_init(argc, argv);
    if (strcmp(argv[1], "migreer") == 0)
        return migrate_cli(argc, argv);
    if (strcmp(argv[1], "serve") == 0)
        return cmd_serve(argc, argv);
    if (strcmp(argv[1], "user") == 0)
        return cmd_user(argc, argv);
    if (strcmp(argv[1], "token") == 0)
        return cmd_token(argc, argv);
    if (strcmp(argv[1], "plan") == 0)
        return cli_plan(argc, argv);
    if (strcmp(argv[1], "check") == 0)
        return cli_check(argc, argv);
    if (strcmp(argv[1], "import") == 0)
        return cli_import(argc, argv);
    if (strcmp(argv[1], "evaluatie") == 0)
        return cli_evaluation(argc, argv);
    return die("onbekende opdracht '%s' (zie koers --help)", argv[1]);
}
