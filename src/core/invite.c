#include "core/invite.h"

#include <stdio.h>

#include "core/i18n.h"
#include "core/mail.h"
#include "core/mailspool.h"
#include "core/school.h"

void invite_compose(const char *school_name, const struct parents_invitee *p, char *body, size_t bodylen)
{
    snprintf(body, bodylen,
             _("Beste %s,\n\n"
               "%s gebruikt klassenmap: daarin zie je de planning en de leerdoelen van je kind.\n"
               "Er is een account voor je gemaakt.\n\n"
               "Je gebruikersnaam is:   %s\n\n"
               "Een wachtwoord kies je zelf:\n"
               "1. Open klassenmap en kies op het inlogscherm \"wachtwoord vergeten\".\n"
               "2. Vul je gebruikersnaam of dit e-mailadres in.\n"
               "3. Je krijgt een mail met een code; vul die in en kies je wachtwoord.\n\n"
               "In deze mail staat geen wachtwoord: de school kent het jouwe niet en vraagt er nooit om.\n"
               "Vragen? Neem contact op met de school.\n"),
             p->roepnaam, school_name, p->username);
}

enum km_rc invite_send(const struct km_session *s, const struct km_config *cfg, const struct parents_invitee *p,
                       char *err, size_t errlen)
{
    struct school_info school;
    if (school_get(s->db, &school) != KM_OK)
        snprintf(school.name, sizeof school.name, _("De school"));
    char body[4096], subject[400];
    invite_compose(school.name, p, body, sizeof body);
    snprintf(subject, sizeof subject, _("Je account voor klassenmap van %.300s"), school.name);
    enum km_rc rc = mail_send(cfg, p->email, subject, body, err, errlen);
    mailspool_record(s->db, p->id, p->username, rc == KM_OK ? NULL : err); /* the beheerder sees when mail fails */
    if (rc != KM_OK)
        return rc;
    rc = parents_mark_invited(s, p->id);
    if (rc != KM_OK)
        snprintf(err, errlen, _("De mail aan %s is verstuurd, maar niet genoteerd: %s"), p->username, db_errmsg(s->db));
    return rc;
}
