#include "core/km.h"

#include <string.h>

#include "core/i18n.h"

static const char *const role_names[ROLE__COUNT] = {
    [ROLE_LEERLING] = "leerling",
    [ROLE_LEERKRACHT] = "leerkracht",
    [ROLE_OUDER] = "ouder",
    [ROLE_BEHEERDER] = "beheerder",
};

const char *km_role_name(enum km_role role) { return (unsigned)role < ROLE__COUNT ? role_names[role] : "?"; }

bool km_role_parse(const char *name, enum km_role *out)
{
    for (int r = 0; r < ROLE__COUNT; r++) {
        if (name && strcmp(name, role_names[r]) == 0) {
            *out = (enum km_role)r;
            return true;
        }
    }
    return false;
}

const char *km_rc_name(enum km_rc rc)
{
    switch (rc) {
    case KM_OK:
        return "ok";
    case KM_ERR:
        return "fout";
    case KM_DENIED:
        return _("geen toegang");
    case KM_NOTFOUND:
        return _("niet gevonden");
    case KM_EXISTS:
        return _("bestaat al");
    case KM_INVALID:
        return _("ongeldige invoer");
    case KM_CONFLICT:
        return _("intussen gewijzigd");
    case KM_BUSY:
        return _("database bezet");
    case KM_READONLY:
        return _("komt uit ParnasSys");
    }
    return "?";
}
