/* Sending one plain-text mail over SMTP with libcurl (server, port, TLS and sender from the config). In the program
 * this code is the plugin klassenmap-mail.so (core/plugin.h), loaded by the first mail_send. */
#ifndef KM_MAIL_H
#define KM_MAIL_H

#include "core/config.h"
#include "core/km.h"

/* to must be one plain address; subject and body are UTF-8 (the body's lines end in \n). On failure
 * writes one sentence to err and returns KM_ERR; an address with a line break is KM_INVALID. */
enum km_rc mail_send(const struct km_config *cfg, const char *to, const char *subject, const char *body, char *err,
                     size_t errlen);

#endif
