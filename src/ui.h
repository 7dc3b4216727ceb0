/* ui.h - HTML page handlers (one ui_*.c file per page family). */
#ifndef KOERS_UI_H
#define KOERS_UI_H

#include "http.h"

void ui_healthz(struct req *r);

#endif
