/* ui_misc.c - small pages: health check. */
#include "ui.h"
#include "store.h"

void ui_healthz(struct req *r)
{
    r->ctype = "text/plain; charset=utf-8";
    if (store_check(r->db) == 0) {
        r->status = 200;
        buf_puts(&r->out, "ok\n");
    } else {
        r->status = 503;
        buf_puts(&r->out, "store niet bruikbaar\n");
    }
}
