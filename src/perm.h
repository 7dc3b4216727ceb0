/* perm.h - user roles and the one permission table (role x action).
 *
 * Owns: which role may perform which state-changing action. Every route
 * that changes state calls perm_allowed before touching the store; the
 * test suite walks the whole table. Scoped actions additionally require
 * the user's scope to match the object (a netwerkmanager of kerngroep-p1
 * may change that kerngroep's members, not another's). */
#ifndef KOERS_PERM_H
#define KOERS_PERM_H

enum perm_role {
    ROLE_BEHEERDER,
    ROLE_SECRETARIS,
    ROLE_BOEGBEELD,
    ROLE_NETWERKMANAGER,
    ROLE_MINISTERIE,
    ROLE_ACCOUNTHOUDER,
    ROLE_REGIO,
    ROLE_DEELNEMER,
    ROLE_COUNT,
    ROLE_NONE = -1
};

enum perm_action {
    ACT_ORGANISATIE_BEHEREN,
    ACT_PERSOON_BEHEREN,
    ACT_LIDMAATSCHAP_BEHEREN,
    ACT_GEBRUIKER_BEHEREN,
    ACT_AUDIT_INZIEN,
    ACT_TOKEN_EIGEN,
    ACT_VERGADERING_PLANNEN,
    ACT_VERGADERING_VASTLEGGEN,
    ACT_CYCLUSREGELS_BEHEREN,
    ACT_KNELPUNT_MELDEN,
    ACT_KNELPUNT_BOVENREGIONAAL,
    ACT_KNELPUNT_KERNGROEP,
    ACT_KNELPUNT_KOERSOVERLEG,
    ACT_KNELPUNT_DG,
    ACT_KNELPUNT_PUBLICEREN,
    ACT_INITIATIEF_BEHEREN,
    ACT_DOEL_BEHEREN,
    ACT_DOELSTELLING_BEHEREN,
    ACT_VERZOEK_INDIENEN,
    ACT_VERZOEK_BEANTWOORDEN,
    ACT_CONSULTATIE_UITZETTEN,
    ACT_CONSULTATIE_BEANTWOORDEN,
    ACT_SER_BEHEREN,
    ACT_MONITOR_IMPORTEREN,
    ACT_STREEFWAARDE_BEHEREN,
    ACT_GREMIUM_BEHEREN,
    ACT_RISICO_BEHEREN,
    ACT_PLAN_BEHEREN,
    ACT_BEGROTING_BEHEREN,
    ACT_EVALUATIE_BEHEREN,
    ACT_COUNT
};

/* How an action's grant is narrowed for a role. */
enum perm_scope {
    SCOPE_ALL,        /* any object */
    SCOPE_OWN_BODY    /* only the body named by the user's scope */
};

struct perm_rule {
    enum perm_action action;
    const char *code;          /* stable identifier, e.g. "lidmaatschap.beheren" */
    const char *label;         /* Dutch, for the UI */
    unsigned roles_all;        /* bitmask of roles allowed on any object */
    unsigned roles_own_body;   /* roles allowed only within their scope */
};

const char *perm_role_code(enum perm_role r);
const char *perm_role_label(enum perm_role r);
/* Parse a role code ("secretaris"); ROLE_NONE when unknown. */
enum perm_role perm_role_parse(const char *code);
const struct perm_rule *perm_rule(enum perm_action a);
/* 1 when `role` with `scope` may do `a` on an object whose body code is
 * `body_code` (NULL for objects not bound to a body). */
int perm_allowed(enum perm_role role, const char *scope, enum perm_action a,
                 const char *body_code);

#endif
