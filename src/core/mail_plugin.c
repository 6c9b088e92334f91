/* The program's mail_send: the real one (core/mail.c, over libcurl) is in klassenmap-mail.so, loaded the first time
 * a mail goes out (core/plugin.h). A session that sends none never maps libcurl; the login screen's reset code is
 * sent from a forked process, which loads it there. */
#include "core/mail.h"
#include "core/plugin.h"

enum km_rc mail_send(const struct km_config *cfg, const char *to, const char *subject, const char *body, char *err,
                     size_t errlen)
{
    __typeof__(mail_send) *send = (__typeof__(mail_send) *)plugin_function(PLUGIN_MAIL, "mail_send", err, errlen);
    return send ? send(cfg, to, subject, body, err, errlen) : KM_ERR;
}
