#include "core/dbfault.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>

#include "core/db_sql.h"
#include "core/i18n.h"

/* The errno says more than SQLite's code when a system call failed underneath: SQLITE_IOERR_SHMSIZE at open is
 * a full disk when errno is ENOSPC. Only the codes that come from a system call consult it: errno is stale
 * after other failures. */
static enum dbfault from_errno(int e)
{
    switch (e) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
        return DBFAULT_FULL;
    case EFBIG:
        return DBFAULT_TOOBIG;
    case EACCES:
    case EPERM:
        return DBFAULT_PERMISSION;
    case EROFS:
        return DBFAULT_READONLY;
    case ENOMEM:
        return DBFAULT_NOMEM;
    default:
        return DBFAULT_NONE;
    }
}

enum dbfault dbfault_classify(int ext, int sys_errno)
{
    int primary = ext & 0xff;
    if (ext == SQLITE_READONLY_DBMOVED)
        return DBFAULT_GONE; /* SQLite noticed itself that the file was unlinked or renamed */
    if (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY ||
        primary == SQLITE_PERM) {
        enum dbfault f = from_errno(sys_errno);
        if (f != DBFAULT_NONE)
            return f;
    }
    switch (primary) {
    case SQLITE_OK:
        return DBFAULT_NONE;
    case SQLITE_FULL:
        return DBFAULT_FULL;
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return DBFAULT_PERMISSION;
    case SQLITE_READONLY:
        return DBFAULT_READONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DBFAULT_LOCKED;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return DBFAULT_DAMAGED;
    case SQLITE_IOERR:
        return ext == SQLITE_IOERR_NOMEM ? DBFAULT_NOMEM : DBFAULT_IO;
    case SQLITE_NOMEM:
        return DBFAULT_NOMEM;
    default:
        return DBFAULT_OTHER;
    }
}

int dbfault_is_fatal(enum dbfault f) { return f == DBFAULT_DAMAGED || f == DBFAULT_GONE; }

void dbfault_sentence(enum dbfault f, const char *path, char *buf, size_t len)
{
    switch (f) {
    case DBFAULT_FULL:
        snprintf(buf, len,
                 _("De schijf met de database %s is vol; er is niets gewijzigd. Maak ruimte vrij: het bestand zelf is "
                   "niet beschadigd."),
                 path);
        break;
    case DBFAULT_TOOBIG:
        snprintf(buf, len,
                 _("Bestand te groot: de database %s mag van het systeem niet verder groeien (een grens op "
                   "de bestandsgrootte, ulimit -f); er is niets gewijzigd."),
                 path);
        break;
    case DBFAULT_PERMISSION:
        snprintf(buf, len,
                 _("Geen toegang tot de database %s: de rechten van het bestand of de map staan het niet "
                   "toe; er is niets gewijzigd."),
                 path);
        break;
    case DBFAULT_READONLY:
        snprintf(buf, len,
                 _("De database %s is alleen-lezen (het bestand, de map of de schijf); er is niets "
                   "gewijzigd."),
                 path);
        break;
    case DBFAULT_LOCKED:
        snprintf(buf, len, "%s", _("De database is bezet door een ander programma; probeer het zo opnieuw."));
        break;
    case DBFAULT_DAMAGED:
        snprintf(buf, len,
                 _("De database %s is beschadigd; klassenmap schrijft er niets meer in. De gegevens van de "
                   "school hebben de beheerder nodig ('klassenmap check' toont wat er mis is)."),
                 path);
        break;
    case DBFAULT_IO:
        snprintf(buf, len,
                 _("De schijf geeft een lees- of schrijffout op de database %s; er is niets gewijzigd. "
                   "Waarschuw de beheerder."),
                 path);
        break;
    case DBFAULT_GONE:
        snprintf(buf, len,
                 _("Het databasebestand %s is weggehaald of vervangen terwijl je werkte; er wordt niets meer "
                   "opgeslagen. De beheerder beslist of klassenmap het nieuwe bestand opent."),
                 path);
        break;
    case DBFAULT_NOMEM:
        snprintf(buf, len, "%s", _("Onvoldoende geheugen."));
        break;
    case DBFAULT_NONE:
    case DBFAULT_OTHER:
    default:
        snprintf(buf, len, _("De database %s kan niet worden gebruikt."), path);
        break;
    }
}
