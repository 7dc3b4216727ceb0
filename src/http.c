/* http.c - libmicrohttpd glue (see http.h).
 *
 * Request life cycle: the first callback allocates a struct req and
 * refuses an announced body over HTTP_MAX_BODY at once (413); later
 * callbacks collect the body into a bounded buffer; the last one
 * authenticates, dispatches to the router and queues the response with
 * the security headers. The request is freed in the completion callback. */
#define _GNU_SOURCE
#include "http.h"
#include "httpcache.h"
#include "log.h"
#include "route.h"
#include "store.h"
#include "text.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

struct http_server {
    struct MHD_Daemon *daemon;
    struct store_pool *pool;
    const char *web_dir;
};

const char *req_query(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* Post-processor callback for multipart forms: text fields are added to
 * (or, for later chunks, appended to) the form; the one file field is
 * collected in r->upload within its limit. */
static enum MHD_Result on_multipart(void *cls, enum MHD_ValueKind kind,
                                    const char *key, const char *filename,
                                    const char *content_type,
                                    const char *transfer_encoding,
                                    const char *data, uint64_t off,
                                    size_t size)
{
    struct req *r = cls;
    struct form *f = &r->form;

    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    if (filename) {
        if (r->upload_name[0] == '\0')
            snprintf(r->upload_name, sizeof r->upload_name, "%s", filename);
        else if (off == 0 && strcmp(r->upload_name, filename) != 0)
            r->multipart_failed = 1;   /* only one file per form */
        if (size && buf_append(&r->upload, data, size) != 0)
            r->multipart_failed = 1;
        return MHD_YES;
    }
    if (off == 0) {
        if (f->n == FORM_MAX_FIELDS || form_get(f, key) != NULL) {
            r->multipart_failed = 1;
            return MHD_NO;
        }
        f->name[f->n] = strdup(key);
        f->value[f->n] = strndup(data, size);
        f->n++;
    } else if (f->n > 0 && strcmp(f->name[f->n - 1], key) == 0) {
        size_t old = strlen(f->value[f->n - 1]);
        char *nv = realloc(f->value[f->n - 1], old + size + 1);
        if (nv == NULL)
            return MHD_NO;
        memcpy(nv + old, data, size);
        nv[old + size] = '\0';
        f->value[f->n - 1] = nv;
    }
    return MHD_YES;
}

static int req_multipart(struct req *r, char *err, size_t errlen)
{
    struct MHD_PostProcessor *pp;
    int i, ok;

    buf_init(&r->upload, r->body_max ? r->body_max : HTTP_MAX_BODY);
    pp = MHD_create_post_processor(r->conn, 16 * 1024, on_multipart, r);
    if (pp == NULL) {
        snprintf(err, errlen, "Het formulier is onjuist gecodeerd.");
        return -1;
    }
    ok = MHD_post_process(pp, buf_str(&r->body), r->body.len) == MHD_YES;
    MHD_destroy_post_processor(pp);
    for (i = 0; ok && i < r->form.n; i++)
        if (!text_utf8_valid(r->form.value[i], strlen(r->form.value[i])) ||
            !text_utf8_valid(r->form.name[i], strlen(r->form.name[i])))
            ok = 0;
    if (!ok || r->multipart_failed) {
        form_free(&r->form);
        buf_reset(&r->upload);
        snprintf(err, errlen, "Het formulier is onjuist gecodeerd (of bevat "
                 "meer dan één bestand).");
        return -1;
    }
    return 0;
}

int req_form(struct req *r, char *err, size_t errlen)
{
    const char *ct = req_header(r, "Content-Type");

    if (r->form_parsed)
        return 0;
    if (r->multipart_failed) {
        snprintf(err, errlen, "Het formulier is onjuist gecodeerd (of bevat "
                 "meer dan één bestand).");
        return -1;
    }
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
        if (req_multipart(r, err, errlen) != 0)
            return -1;
    } else if (form_parse(&r->form, buf_str(&r->body), r->body.len, err,
                          errlen) != 0) {
        return -1;
    }
    r->form_parsed = 1;
    return 0;
}

const char *req_field(struct req *r, const char *name)
{
    return r->form_parsed ? form_get(&r->form, name) : NULL;
}

int req_logged_in(const struct req *r)
{
    return r->who.role != ROLE_NONE;
}

void resp_header(struct req *r, const char *name, const char *value)
{
    if (r->hdr_n == HTTP_MAX_HEADERS)
        return;
    r->hdr_name[r->hdr_n] = strdup(name);
    r->hdr_value[r->hdr_n] = strdup(value);
    r->hdr_n++;
}

void resp_redirect(struct req *r, const char *location)
{
    r->status = 303;
    resp_header(r, "Location", location);
}

/* Session cookies: HttpOnly, SameSite=Strict, Path=/, and Secure when the
 * server sits behind TLS (KOERS_SECURE_COOKIES=1, set by the operator). */
void resp_session_cookie(struct req *r, const char *sid)
{
    char c[256];
    const char *sec = getenv("KOERS_SECURE_COOKIES");
    int secure = sec && strcmp(sec, "1") == 0;

    if (sid)
        snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
                 HTTP_SESSION_COOKIE, sid, secure ? "; Secure" : "");
    else
        snprintf(c, sizeof c, "%s=; Path=/; HttpOnly; SameSite=Strict; "
                 "Max-Age=0%s", HTTP_SESSION_COOKIE,
                 secure ? "; Secure" : "");
    resp_header(r, "Set-Cookie", c);
}

static void req_free(struct req *r)
{
    int i;

    if (r == NULL)
        return;
    buf_free(&r->body);
    buf_free(&r->out);
    buf_free(&r->upload);
    form_free(&r->form);
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    for (i = 0; i < r->hdr_n; i++) {
        free(r->hdr_name[i]);
        free(r->hdr_value[i]);
    }
    if (r->file_fd >= 0)
        close(r->file_fd);
    free(r);
}

static void client_addr(struct MHD_Connection *c, char *out, size_t len)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;

    snprintf(out, len, "onbekend");
    if (sa == NULL)
        return;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
                  (socklen_t)len);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
                  out, (socklen_t)len);
}

/* Identify the caller: a bearer token wins over a session cookie. An
 * invalid credential is remembered (bad_token / session_expired) so the
 * router can answer 401 instead of silently serving the public view. */
static void authenticate(struct req *r)
{
    const char *authz = req_header(r, "Authorization");
    const char *sid = req_cookie(r, HTTP_SESSION_COOKIE);

    r->who.role = ROLE_NONE;
    snprintf(r->who.name, sizeof r->who.name, "anoniem");
    snprintf(r->who.origin, sizeof r->who.origin, "http %s", r->addr);
    if (authz) {
        if (strncasecmp(authz, "Bearer ", 7) == 0 &&
            auth_token_lookup(r->db, authz + 7, &r->who) == 0) {
            r->via_token = 1;
        } else {
            r->bad_token = 1;
            r->who.role = ROLE_NONE;
        }
        snprintf(r->who.origin, sizeof r->who.origin, "api %s", r->addr);
        return;
    }
    if (sid && sid[0]) {
        if (auth_session_lookup(r->db, sid, &r->who, r->csrf) == 0) {
            snprintf(r->sid, sizeof r->sid, "%s", sid);
        } else {
            r->session_expired = 1;
            r->who.role = ROLE_NONE;
            r->who.user_id = 0;
            snprintf(r->who.name, sizeof r->who.name, "anoniem");
        }
    }
}

/* is_api: API-Version and, unless the handler chose its own caching
 * (own_cache: a public monitor read), Cache-Control no-store. */
static void add_security_headers(struct MHD_Response *resp, int is_api,
                                 int own_cache)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
        "default-src 'self'; script-src 'none'; object-src 'none'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
                            "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=()");
    if (is_api) {
        MHD_add_response_header(resp, "API-Version", HTTP_API_VERSION);
        if (!own_cache)
            MHD_add_response_header(resp, "Cache-Control", "no-store");
    }
}

static enum MHD_Result send_response(struct req *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    int i, own_cache;

    if (r->file_fd >= 0) {
        resp = MHD_create_response_from_fd((uint64_t)r->file_size,
                                           r->file_fd);
        if (resp)
            r->file_fd = -1;   /* MHD owns it now */
    } else {
        size_t len;
        char *data;

        if (buf_failed(&r->out)) {
            buf_reset(&r->out);
            r->status = 500;
            r->ctype = "text/plain; charset=utf-8";
            buf_puts(&r->out, "Antwoord te groot\n");
        }
        data = buf_detach(&r->out, &len);
        resp = data ? MHD_create_response_from_buffer(len, data,
                                                      MHD_RESPMEM_MUST_FREE)
                    : NULL;
        if (resp == NULL)
            free(data);
    }
    if (resp == NULL)
        return MHD_NO;
    own_cache = 0;
    for (i = 0; i < r->hdr_n; i++)
        if (strcasecmp(r->hdr_name[i], "Cache-Control") == 0)
            own_cache = 1;
    add_security_headers(resp, r->is_api, own_cache);
    if (r->ctype)
        MHD_add_response_header(resp, "Content-Type", r->ctype);
    for (i = 0; i < r->hdr_n; i++)
        MHD_add_response_header(resp, r->hdr_name[i], r->hdr_value[i]);
    ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* 1 when (method, url) is a route flagged ROUTE_UPLOAD: its body may be
 * HTTP_MAX_UPLOAD bytes. Upload routes have fixed paths. */
static int upload_route(const char *method, const char *url)
{
    const struct route *rt;

    for (rt = route_table; rt->method; rt++)
        if ((rt->flags & ROUTE_UPLOAD) && strcmp(rt->method, method) == 0 &&
            strcmp(rt->pattern, url) == 0)
            return 1;
    return 0;
}

/* The 413 answer naming the limit of this route. */
static void too_large(struct req *r)
{
    route_error(r, 413, "Verzoek te groot", r->body_max > HTTP_MAX_BODY
                ? "De inhoud van het verzoek is groter dan de toegestane "
                  "64 MiB. Splits het bestand of importeer het met koers "
                  "import op de server."
                : "De inhoud van het verzoek is groter dan de toegestane "
                  "256 KiB.");
}

/* On an upload route, a multipart body goes through the post processor
 * chunk by chunk, so only the file itself is kept (in r->upload), never
 * the raw body as well. The fields are checked once it is complete. */
static void stream_start(struct req *r)
{
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
                                                 "Content-Type");

    if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return;
    buf_init(&r->upload, r->body_max);
    r->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_multipart, r);
    if (r->pp == NULL)
        r->multipart_failed = 1;
}

static void stream_finish(struct req *r)
{
    int i, ok = !r->multipart_failed;

    if (r->pp == NULL)
        return;
    MHD_destroy_post_processor(r->pp);
    r->pp = NULL;
    for (i = 0; ok && i < r->form.n; i++)
        if (!text_utf8_valid(r->form.value[i], strlen(r->form.value[i])) ||
            !text_utf8_valid(r->form.name[i], strlen(r->form.name[i])))
            ok = 0;
    if (!ok || buf_failed(&r->upload)) {
        form_free(&r->form);
        buf_reset(&r->upload);
        r->multipart_failed = 1;
        return;
    }
    r->form_parsed = 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_server *s = cls;
    struct req *r = *con_cls;
    enum MHD_Result ret;

    (void)version;
    if (r == NULL) {
        const char *cl;

        r = calloc(1, sizeof *r);
        if (r == NULL)
            return MHD_NO;
        *con_cls = r;
        r->conn = conn;
        r->file_fd = -1;
        r->status = 200;
        r->head = strcmp(method, "HEAD") == 0;
        r->method = r->head ? "GET" : method;
        r->web_dir = s->web_dir;
        r->is_api = strncmp(url, "/api/", 5) == 0 ||
                    strcmp(url, "/api") == 0;
        r->body_max = upload_route(r->method, url) ? HTTP_MAX_UPLOAD
                                                   : HTTP_MAX_BODY;
        buf_init(&r->body, r->body_max);
        buf_init(&r->out, HTTP_MAX_RESPONSE);
        client_addr(conn, r->addr, sizeof r->addr);
        if (strlen(url) >= sizeof r->path ||
            !text_utf8_valid(url, strlen(url))) {
            r->path[0] = '\0';
        } else {
            snprintf(r->path, sizeof r->path, "%s", url);
        }
        cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                         "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > r->body_max) {
            /* refused before a byte of the body is read */
            r->body_too_large = 1;
            too_large(r);
            return send_response(r);
        }
        if (r->body_max > HTTP_MAX_BODY) {
            /* 64 MiB are only read for someone logged in */
            r->db = store_pool_acquire(s->pool);
            authenticate(r);
            store_pool_release(s->pool, r->db);
            r->db = NULL;
            if (!req_logged_in(r) || r->bad_token) {
                r->body_too_large = 1;   /* drop whatever still comes */
                route_error(r, 401, "Niet ingelogd", "Log in om een bestand "
                            "te uploaden.");
                return send_response(r);
            }
            stream_start(r);
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        r->body_seen += *upload_data_size;
        if (r->body_seen > r->body_max)
            r->body_too_large = 1;   /* a chunked body: the rest is dropped */
        if (r->body_too_large) {
            /* nothing more is kept */
        } else if (r->pp) {
            if (MHD_post_process(r->pp, upload_data, *upload_data_size)
                    != MHD_YES)
                r->multipart_failed = 1;
        } else if (buf_append(&r->body, upload_data, *upload_data_size)
                       != 0) {
            r->body_too_large = 1;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->body_too_large) {
        if (r->pp) {
            MHD_destroy_post_processor(r->pp);
            r->pp = NULL;
        }
        buf_free(&r->upload);
        too_large(r);
        return send_response(r);
    }
    stream_finish(r);
    r->db = store_pool_acquire(s->pool);
    authenticate(r);
    route_dispatch(r);
    store_pool_release(s->pool, r->db);
    r->db = NULL;
    /* any request that may have changed state makes cached answers stale
     * (GET and HEAD never change state: see the route table) */
    if (strcmp(r->method, "GET") != 0)
        httpcache_invalidate();
    ret = send_response(r);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn,
                         void **con_cls, enum MHD_RequestTerminationCode tc)
{
    (void)cls;
    (void)conn;
    (void)tc;
    req_free(*con_cls);
    *con_cls = NULL;
}

struct http_server *http_start(const char *addr, int port,
                               struct store_pool *pool, const char *web_dir,
                               char *err, size_t errlen)
{
    struct http_server *s = calloc(1, sizeof *s);
    struct sockaddr_in sin;

    if (s == NULL)
        return NULL;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
        snprintf(err, errlen, "invalid listen address '%s' (IPv4 expected)",
                 addr);
        free(s);
        return NULL;
    }
    s->pool = pool;
    s->web_dir = web_dir;
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG,
        (uint16_t)port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)http_threads(),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
        MHD_OPTION_END);
    if (s->daemon == NULL) {
        snprintf(err, errlen, "cannot listen on %s:%d", addr, port);
        free(s);
        return NULL;
    }
    return s;
}

int http_threads(void)
{
    const char *e = getenv("KOERS_THREADS");
    long n;

    if (e && *e) {
        n = strtol(e, NULL, 10);
        if (n >= 1 && n <= 64)
            return (int)n;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 2 ? 2 : n > 64 ? 64 : (int)n;
}

void http_stop(struct http_server *s)
{
    if (s == NULL)
        return;
    MHD_stop_daemon(s->daemon);
    httpcache_clear();
    free(s);
}
