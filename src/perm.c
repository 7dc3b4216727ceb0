/* perm.c - the permission table (see perm.h).
 *
 * Decisions, with their reason in the report:
 * - beheerder and secretaris manage the register (the secretaris builds and
 *   runs the meeting structure, BRIEF "Roles", L2201-L2222);
 * - the boegbeeld fixes the koersoverleg composition per year (L1614-L1631),
 *   so may manage memberships of any body it chairs: granted for all
 *   bodies, because the boegbeeld positions the netwerkmanagers too;
 * - a netwerkmanager chooses who takes part in their own kerngroep
 *   (L1584-L1598), so manages memberships of the body in their scope;
 * - every authenticated user may create API tokens for themselves;
 * - the secretaris builds and runs the meeting structure, agendas and
 *   minutes (L2201-L2222); a netwerkmanager runs the meetings of the
 *   kerngroep in its scope (issue 3); the rules of the cycle are data the
 *   beheerder maintains. */
#include "perm.h"

#include <stddef.h>
#include <string.h>

#define R(x) (1u << (x))

static const struct {
    const char *code;
    const char *label;
} roles[ROLE_COUNT] = {
    [ROLE_BEHEERDER] = { "beheerder", "Beheerder" },
    [ROLE_SECRETARIS] = { "secretaris", "Secretaris" },
    [ROLE_BOEGBEELD] = { "boegbeeld", "Boegbeeld" },
    [ROLE_NETWERKMANAGER] = { "netwerkmanager", "Netwerkmanager" },
    [ROLE_MINISTERIE] = { "ministerie", "Ministerie" },
    [ROLE_ACCOUNTHOUDER] = { "accounthouder", "Accounthouder PTvT" },
    [ROLE_REGIO] = { "regio", "Regionale coalitie" },
    [ROLE_DEELNEMER] = { "deelnemer", "Deelnemer" },
};

static const struct perm_rule rules[ACT_COUNT] = {
    { ACT_ORGANISATIE_BEHEREN, "organisatie.beheren",
      "Organisaties toevoegen en wijzigen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    { ACT_PERSOON_BEHEREN, "persoon.beheren",
      "Personen toevoegen en wijzigen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    { ACT_LIDMAATSCHAP_BEHEREN, "lidmaatschap.beheren",
      "Leden en genodigden van overleggen toevoegen en beëindigen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD),
      R(ROLE_NETWERKMANAGER) },
    { ACT_GEBRUIKER_BEHEREN, "gebruiker.beheren",
      "Gebruikers aanmaken en API-tokens intrekken",
      R(ROLE_BEHEERDER), 0 },
    { ACT_AUDIT_INZIEN, "audit.inzien",
      "Het auditlogboek inzien",
      R(ROLE_BEHEERDER), 0 },
    { ACT_TOKEN_EIGEN, "token.eigen",
      "Eigen API-tokens aanmaken en intrekken",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD) |
          R(ROLE_NETWERKMANAGER) | R(ROLE_MINISTERIE) |
          R(ROLE_ACCOUNTHOUDER) | R(ROLE_REGIO) | R(ROLE_DEELNEMER),
      0 },
    { ACT_VERGADERING_PLANNEN, "vergadering.plannen",
      "Vergaderingen plannen, verzetten en annuleren",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), R(ROLE_NETWERKMANAGER) },
    { ACT_VERGADERING_VASTLEGGEN, "vergadering.vastleggen",
      "Agenda, genodigden, verslag, besluiten, acties en aanwezigheid "
      "vastleggen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), R(ROLE_NETWERKMANAGER) },
    { ACT_CYCLUSREGELS_BEHEREN, "cyclusregels.beheren",
      "De regels van de jaarcyclus wijzigen",
      R(ROLE_BEHEERDER), 0 },
    /* Knelpunten (L1836-L1856, L1915-L1930, L1944-L1964): a region or its
     * PTvT accounthouder raises them for its own province/coalition
     * (scope checked in knelpunt.c); each table handles what reaches it;
     * the secretaris may escalate straight to the DG-overleg. */
    { ACT_KNELPUNT_MELDEN, "knelpunt.melden",
      "Een knelpunt melden (voor de eigen regio)",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS),
      R(ROLE_ACCOUNTHOUDER) | R(ROLE_REGIO) },
    { ACT_KNELPUNT_BOVENREGIONAAL, "knelpunt.bovenregionaal",
      "Een knelpunt in het bovenregionaal overleg behandelen en doorzetten",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_ACCOUNTHOUDER), 0 },
    { ACT_KNELPUNT_KERNGROEP, "knelpunt.kerngroep",
      "Een knelpunt in een kerngroep behandelen en doorzetten",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), R(ROLE_NETWERKMANAGER) },
    { ACT_KNELPUNT_KOERSOVERLEG, "knelpunt.koersoverleg",
      "Een knelpunt in het koersoverleg behandelen en doorzetten",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD), 0 },
    { ACT_KNELPUNT_DG, "knelpunt.dg-overleg",
      "Een knelpunt in het DG-overleg of bij de SER afhandelen, en "
      "rechtstreeks naar het DG-overleg escaleren",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_MINISTERIE), 0 },
    { ACT_KNELPUNT_PUBLICEREN, "knelpunt.publiceren",
      "Een opgelost knelpunt openbaar maken",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    { ACT_INITIATIEF_BEHEREN, "initiatief.beheren",
      "Regionale initiatieven vastleggen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_ACCOUNTHOUDER) |
          R(ROLE_REGIO), 0 },
    /* Goals are set by the koersoverleg and the boegbeeld (L1474-L1490);
     * a kerngroep and its netwerkmanager turn them into objectives and
     * actions for its pillar (scope: the kerngroep, checked in goal.c). */
    { ACT_DOEL_BEHEREN, "doel.beheren",
      "Ambities en doelen vastleggen en wijzigen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD), 0 },
    { ACT_DOELSTELLING_BEHEREN, "doelstelling.beheren",
      "Doelstellingen per pijler en hun acties vastleggen en bijwerken",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), R(ROLE_NETWERKMANAGER) },
    /* Verzoeken go from the koersoverleg to the DG-overleg and to
     * organisations with budget or power (L1606-L1612); the ministries
     * answer for the DG-overleg. */
    { ACT_VERZOEK_INDIENEN, "verzoek.indienen",
      "Een verzoek van het koersoverleg vastleggen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD), 0 },
    { ACT_VERZOEK_BEANTWOORDEN, "verzoek.beantwoorden",
      "Het antwoord op een verzoek vastleggen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_MINISTERIE), 0 },
    /* National tables consult the regional coalitions (L1396-L1399,
     * L1925-L1926); a coalition answers for its own region. */
    { ACT_CONSULTATIE_UITZETTEN, "consultatie.uitzetten",
      "Een consultatie van de regio's uitzetten en sluiten",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), R(ROLE_NETWERKMANAGER) },
    { ACT_CONSULTATIE_BEANTWOORDEN, "consultatie.beantwoorden",
      "Een consultatie beantwoorden (voor de eigen regio)",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS),
      R(ROLE_REGIO) | R(ROLE_ACCOUNTHOUDER) },
    /* Questions go to the SER through the governance (L1876-L1890). */
    { ACT_SER_BEHEREN, "ser.beheren",
      "SER-verzoeken vastleggen en het advies registreren",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD), 0 },
    /* The secretaris keeps the one integrated monitor up to date and
     * records the targets the tables set (L1242-L1282, L2087-L2130). */
    { ACT_MONITOR_IMPORTEREN, "monitor.importeren",
      "Brongegevens en regio-indelingen in de monitor importeren",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    { ACT_STREEFWAARDE_BEHEREN, "streefwaarde.beheren",
      "Streefwaarden van indicatoren vastleggen en wijzigen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    /* The secretaris keeps the governance honest: the register of gremia
     * and their members (against fragmentation, L1461-L1470), the risk
     * register (figure 11), the implementation plan (figure 12) and the
     * biennial evaluation (L2132-L2191). */
    { ACT_GREMIUM_BEHEREN, "gremium.beheren",
      "Gremia registreren en wijzigen, hun leden invoeren en importeren",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    { ACT_RISICO_BEHEREN, "risico.beheren",
      "Risico's bijwerken en druk op de samenstelling van een kerngroep "
      "vastleggen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS) | R(ROLE_BOEGBEELD), 0 },
    { ACT_PLAN_BEHEREN, "plan.beheren",
      "Het implementatieplan bijwerken (maanden, status, afhankelijkheden)",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
    /* The budget: the secretaris and EZK (a ministerie account with scope
     * ezk), L2711-L2717 and L1958-L1964. */
    { ACT_BEGROTING_BEHEREN, "begroting.beheren",
      "De begroting van de governance bijwerken (gepland, verplicht, "
      "besteed)",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), R(ROLE_MINISTERIE) },
    { ACT_EVALUATIE_BEHEREN, "evaluatie.beheren",
      "Bevindingen uit interviews voor de evaluatie vastleggen",
      R(ROLE_BEHEERDER) | R(ROLE_SECRETARIS), 0 },
};

const char *perm_role_code(enum perm_role r)
{
    return (r >= 0 && r < ROLE_COUNT) ? roles[r].code : "publiek";
}

const char *perm_role_label(enum perm_role r)
{
    return (r >= 0 && r < ROLE_COUNT) ? roles[r].label : "Publiek";
}

enum perm_role perm_role_parse(const char *code)
{
    int i;

    if (code == NULL)
        return ROLE_NONE;
    for (i = 0; i < ROLE_COUNT; i++)
        if (strcmp(code, roles[i].code) == 0)
            return (enum perm_role)i;
    return ROLE_NONE;
}

const struct perm_rule *perm_rule(enum perm_action a)
{
    return (a >= 0 && a < ACT_COUNT) ? &rules[a] : NULL;
}

int perm_allowed(enum perm_role role, const char *scope, enum perm_action a,
                 const char *body_code)
{
    const struct perm_rule *r = perm_rule(a);

    if (r == NULL || role < 0 || role >= ROLE_COUNT)
        return 0;
    if (r->roles_all & R(role))
        return 1;
    if ((r->roles_own_body & R(role)) && scope && scope[0] && body_code &&
        strcmp(scope, body_code) == 0)
        return 1;
    return 0;
}
