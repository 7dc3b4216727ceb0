/* http.h - the HTTP layer: libmicrohttpd glue, requests and responses.
 *
 * Owns: reading a request (method, path, query, headers, cookies, body
 * within HTTP_MAX_BODY, or HTTP_MAX_UPLOAD on a ROUTE_UPLOAD route, whose
 * multipart body is parsed as it arrives), authenticating it (session
 * cookie or bearer token), and sending the response with the security
 * headers every response carries. It knows nothing of the domain: it calls
 * route_dispatch (route.h) with a filled struct req. */
#ifndef KOERS_HTTP_H
#define KOERS_HTTP_H

#include <sqlite3.h>

#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "form.h"

#define HTTP_MAX_BODY (256 * 1024)      /* request body limit: 413 above */
#define HTTP_MAX_UPLOAD (64 * 1024 * 1024) /* the same for ROUTE_UPLOAD */
#define HTTP_MAX_RESPONSE (16 * 1024 * 1024)
#define HTTP_MAX_PATH 1024
#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 8
#define HTTP_API_VERSION "1.0.0"
#define HTTP_SESSION_COOKIE "koers_sessie"
#define HTTP_LOGIN_CSRF_COOKIE "koers_csrf"

struct MHD_Connection;
struct MHD_PostProcessor;
struct store_pool;

struct req {
    struct MHD_Connection *conn;
    const char *method;          /* "GET", "POST", ... (HEAD maps to GET) */
    int head;                    /* 1 for HEAD */
    char path[HTTP_MAX_PATH];
    int is_api;                  /* path under /api/ */
    char addr[64];
    sqlite3 *db;
    const char *web_dir;         /* static assets root */

    /* body */
    struct buf body;
    size_t body_max;             /* HTTP_MAX_BODY, or HTTP_MAX_UPLOAD */
    unsigned long long body_seen;/* bytes of body received */
    int body_too_large;
    struct MHD_PostProcessor *pp;/* upload route: multipart parsed as it
                                    arrives, straight into upload */
    struct form form;
    int form_parsed;
    struct buf upload;           /* a file field of a multipart form */
    char upload_name[128];       /* its file name ("" when none) */
    int multipart_failed;

    /* authentication */
    struct actor who;            /* role ROLE_NONE when anonymous */
    int via_token;
    int session_expired;         /* a session cookie came but is invalid */
    int bad_token;               /* a bearer token came but is invalid */
    char sid[AUTH_SECRET_HEX + 1];
    char csrf[AUTH_SECRET_HEX + 1];

    /* path parameters captured by the router ({id}) */
    const char *param[HTTP_MAX_PARAMS];
    int nparam;
    char param_store[HTTP_MAX_PATH];

    /* response */
    int status;
    struct buf out;
    const char *ctype;
    int hdr_n;
    char *hdr_name[HTTP_MAX_HEADERS];
    char *hdr_value[HTTP_MAX_HEADERS];
    int file_fd;                 /* >= 0: send this file instead of out */
    long long file_size;
};

struct http_server;

/* Worker threads (= store connections): $KOERS_THREADS when set (1-64),
 * else the number of online processors, at least 2. As many workers as
 * cores keeps latency tails short under load (measured in bench/). */
int http_threads(void);

struct http_server *http_start(const char *addr, int port,
                               struct store_pool *pool, const char *web_dir,
                               char *err, size_t errlen);
void http_stop(struct http_server *s);

const char *req_query(struct req *r, const char *name);
const char *req_header(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
/* Parse the body once as a form: application/x-www-form-urlencoded, or
 * multipart/form-data (libmicrohttpd's post processor) whose text fields
 * go into the form and whose one file field goes into r->upload. -1 with
 * a Dutch reason on error. */
int req_form(struct req *r, char *err, size_t errlen);
const char *req_field(struct req *r, const char *name);
int req_logged_in(const struct req *r);

/* Add a response header (copied). */
void resp_header(struct req *r, const char *name, const char *value);
void resp_redirect(struct req *r, const char *location);
/* Set the session cookie (value NULL clears it). */
void resp_session_cookie(struct req *r, const char *sid);

#endif
