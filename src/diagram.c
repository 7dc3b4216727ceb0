/* diagram.c - SVG of levels, bodies and their order (see diagram.h).
 *
 * Layout: one horizontal band per level, top to bottom in level order,
 * a label column on the left, the level's bodies spread evenly over the
 * rest. An arrow runs from a body that meets before another (kerngroep ->
 * koersoverleg) and from a body to one that meets after it (koersoverleg
 * -> DG-overleg). Colours come from CSS classes (koers.css), coordinates
 * are printed with html_num so they always use a dot. */
#include "diagram.h"
#include "html.h"

#include <string.h>

#define DG_WIDTH 960.0
#define DG_BAND 130.0
#define DG_LABEL 170.0
#define DG_BOX_H 56.0
#define DG_MAX_BODIES 64

struct box {
    const char *code;
    double x, y, w;
};

static void attr_num(struct buf *b, const char *name, double v)
{
    html_lit(b, " ");
    html_lit(b, name);
    html_lit(b, "=\"");
    html_num(b, v, 1);
    html_lit(b, "\"");
}

/* Write a label centred at (cx, cy), broken into at most two lines at
 * the space nearest the middle when longer than 14 characters. */
static void label(struct buf *b, const char *text, double cx, double cy,
                  const char *cls)
{
    size_t n = strlen(text), best = 0, i;

    if (n > 14) {
        for (i = 1; i < n; i++)
            if (text[i] == ' ' &&
                (best == 0 || (i > n / 2 ? i - n / 2 : n / 2 - i) <
                                  (best > n / 2 ? best - n / 2
                                                : n / 2 - best)))
                best = i;
    }
    html_lit(b, "<text class=\"");
    html_lit(b, cls);
    if ((best == 0 && n > 16) || (best && (best > 16 || n - best > 17)))
        html_lit(b, " koers-diagram__label--small");
    html_lit(b, "\" text-anchor=\"middle\"");
    attr_num(b, "x", cx);
    attr_num(b, "y", best ? cy - 3 : cy + 5);
    html_lit(b, ">");
    if (best) {
        char first[128];
        size_t len = best < sizeof first ? best : sizeof first - 1;

        memcpy(first, text, len);
        first[len] = '\0';
        html_lit(b, "<tspan");
        attr_num(b, "x", cx);
        html_lit(b, ">");
        html_txt(b, first);
        html_lit(b, "</tspan><tspan");
        attr_num(b, "x", cx);
        html_lit(b, " dy=\"16\">");
        html_txt(b, text + best + 1);
        html_lit(b, "</tspan>");
    } else {
        html_txt(b, text);
    }
    html_lit(b, "</text>");
}

static const struct box *find_box(const struct box *boxes, int n,
                                  const char *code)
{
    int i;

    for (i = 0; code && i < n; i++)
        if (strcmp(boxes[i].code, code) == 0)
            return &boxes[i];
    return NULL;
}

/* Arrow from box `from` to box `to`. Within one band it is a curve over
 * the boxes between them (its height grows with the distance, so arrows
 * from several boxes to one target stay apart); between bands a straight
 * line from bottom edge to top edge. */
static void arrow(struct buf *b, const struct box *from, const struct box *to)
{
    double x1 = from->x + from->w / 2, y1 = from->y + DG_BOX_H / 2;
    double x2 = to->x + to->w / 2, y2 = to->y + DG_BOX_H / 2;

    if (y1 == y2) {
        double dist = x1 > x2 ? x1 - x2 : x2 - x1;
        double top = from->y - 2;

        x1 += x1 < x2 ? 10 : -10;
        x2 += x1 < x2 ? -10 : 10;
        html_lit(b, "<path class=\"koers-diagram__edge\" fill=\"none\" "
                    "d=\"M");
        html_num(b, x1, 1);
        html_lit(b, ",");
        html_num(b, top, 1);
        html_lit(b, " Q");
        html_num(b, (x1 + x2) / 2, 1);
        html_lit(b, ",");
        html_num(b, top - 14 - dist * 0.09, 1);
        html_lit(b, " ");
        html_num(b, x2, 1);
        html_lit(b, ",");
        html_num(b, top, 1);
        html_lit(b, "\" marker-end=\"url(#pijl)\"/>");
        return;
    }
    if (y1 < y2) {
        y1 = from->y + DG_BOX_H;
        y2 = to->y - 2;
    } else {
        y1 = from->y;
        y2 = to->y + DG_BOX_H + 2;
    }
    html_lit(b, "<line class=\"koers-diagram__edge\"");
    attr_num(b, "x1", x1);
    attr_num(b, "y1", y1);
    attr_num(b, "x2", x2);
    attr_num(b, "y2", y2);
    html_lit(b, " marker-end=\"url(#pijl)\"/>");
}

void diagram_levels(struct buf *b, json_t *levels, json_t *bodies,
                    json_t *order)
{
    struct box boxes[DG_MAX_BODIES];
    int nbox = 0;
    double height = DG_BAND * (double)json_array_size(levels) + 10;
    json_t *lv, *bd, *o;
    size_t li, bi, oi;

    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "aria-labelledby=\"diagram-titel diagram-uitleg\" "
                "class=\"koers-diagram__svg\" viewBox=\"0 0 960 ");
    html_num(b, height, 0);
    html_lit(b, "\" width=\"960\" height=\"");
    html_num(b, height, 0);
    html_lit(b, "\"><title id=\"diagram-titel\">De drie niveaus van de "
                "governance met hun overleggen</title><desc "
                "id=\"diagram-uitleg\">");
    json_array_foreach(levels, li, lv) {
        html_txt(b, json_string_value(json_object_get(lv, "naam")));
        html_lit(b, ": ");
        int first = 1;
        json_array_foreach(bodies, bi, bd) {
            if (!json_equal(json_object_get(bd, "niveau"),
                            json_object_get(lv, "code")))
                continue;
            if (!first)
                html_lit(b, ", ");
            html_txt(b, json_string_value(json_object_get(bd, "naam")));
            first = 0;
        }
        html_lit(b, ". ");
    }
    html_lit(b, "Pijlen geven de volgorde van de overleggen: de "
                "kerngroepen vergaderen vóór het koersoverleg, het "
                "DG-overleg na het koersoverleg.</desc>"
                "<defs><marker id=\"pijl\" viewBox=\"0 0 10 10\" refX=\"9\" "
                "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                "orient=\"auto-start-reverse\"><path "
                "class=\"koers-diagram__arrow\" d=\"M0,0 L10,5 L0,10 z\"/>"
                "</marker></defs>");
    json_array_foreach(levels, li, lv) {
        double y = DG_BAND * (double)li + 5;
        int n = 0, k = 0;
        double slot;

        json_array_foreach(bodies, bi, bd)
            if (json_equal(json_object_get(bd, "niveau"),
                           json_object_get(lv, "code")))
                n++;
        html_lit(b, "<rect class=\"koers-diagram__node koers-diagram__node"
                    "--muted\" x=\"5\"");
        attr_num(b, "y", y);
        attr_num(b, "width", DG_WIDTH - 10);
        attr_num(b, "height", DG_BAND - 10);
        html_lit(b, " rx=\"6\"/>");
        label(b, json_string_value(json_object_get(lv, "naam")),
              DG_LABEL / 2 + 5, y + (DG_BAND - 10) / 2,
              "koers-diagram__label");
        slot = n ? (DG_WIDTH - DG_LABEL - 20) / n : 0;
        json_array_foreach(bodies, bi, bd) {
            struct box *bx;

            if (!json_equal(json_object_get(bd, "niveau"),
                            json_object_get(lv, "code")) ||
                nbox == DG_MAX_BODIES)
                continue;
            bx = &boxes[nbox++];
            bx->code = json_string_value(json_object_get(bd, "code"));
            bx->w = slot - 16 > 170 ? 170 : slot - 16;
            bx->x = DG_LABEL + 10 + slot * k + (slot - bx->w) / 2;
            bx->y = y + (DG_BAND - 10 - DG_BOX_H) / 2;
            html_lit(b, "<rect class=\"koers-diagram__node "
                        "koers-diagram__node--active\"");
            attr_num(b, "x", bx->x);
            attr_num(b, "y", bx->y);
            attr_num(b, "width", bx->w);
            attr_num(b, "height", DG_BOX_H);
            html_lit(b, " rx=\"4\"/>");
            label(b, json_string_value(json_object_get(bd, "naam")),
                  bx->x + bx->w / 2, bx->y + DG_BOX_H / 2,
                  "koers-diagram__label koers-diagram__label--inverse");
            k++;
        }
    }
    json_array_foreach(order, oi, o) {
        const struct box *self = find_box(boxes, nbox,
            json_string_value(json_object_get(o, "code")));
        const struct box *before = find_box(boxes, nbox,
            json_string_value(json_object_get(o, "voor")));
        const struct box *after = find_box(boxes, nbox,
            json_string_value(json_object_get(o, "na")));

        if (self && before)
            arrow(b, self, before);
        if (self && after)
            arrow(b, after, self);
    }
    html_lit(b, "</svg>");
}
