/* Who is acting. Every core function that reads or changes school data takes one. */
#ifndef KM_SESSION_H
#define KM_SESSION_H

#include "core/db.h"
#include "core/km.h"

enum session_origin {
    ORIGIN_USER,   /* a person logged in (TUI, or `--as`) */
    ORIGIN_SERVER, /* the command line run by the server's administrator: acts as beheerder */
    ORIGIN_SYNC,   /* the ParnasSys sync: the only one that may change synced fields */
};

struct km_session {
    struct km_db *db;
    int64_t user_id; /* 0 for the server and the sync */
    enum km_role role;
    enum session_origin origin;
    char username[72];
};

/* The command line's identity: a beheerder without an account, logged as "server". */
void session_server(struct km_session *s, struct km_db *db);
void session_sync(struct km_session *s, struct km_db *db);
/* A session for an existing, active account (after authentication). */
enum km_rc session_for_user(struct km_session *s, struct km_db *db, const char *username);
/* The name written to the audit log for this actor. */
const char *session_actor_name(const struct km_session *s);

#endif
