/* The configuration file (INI, read with inih): settings for the database, passwords, logins, mail and the
 * ParnasSys sync, and raw key bindings for the TUI. conf/klassenmap.ini documents every key and its default.
 * Any mistake in the file is an error with one Dutch sentence naming file and line: a typo in a security setting
 * must never silently fall back to a default. */
#ifndef KM_CONFIG_H
#define KM_CONFIG_H

#include "core/km.h"

#define CONFIG_MAX_KEYS 128

struct config_keybind {
    char action[48];
    char keys[96];
    int line; /* in the config file, for the keymap's own messages */
};

struct km_config {
    char path[4096]; /* file that was read, "" when defaults only */
    /* [general] */
    char database[4096];   /* path of the school database; default "/var/lib/klassenmap/school.db" */
    char language[8];      /* "nl" (default) or "en" */
    char theme[64];        /* theme name (letters, digits, '-', '_'), default "default" */
    char export_dir[4096]; /* default "/var/lib/klassenmap/export" */
    char name_order[12];   /* "achternaam" (default) or "roepnaam": how every list of people sorts (core/names.h) */
    /* [password] */
    int min_length_student;            /* default 6, range 4..64 */
    int min_length_staff;              /* default 10, range 8..64 (staff = leerkracht, ouder, beheerder) */
    int max_length;                    /* default 128, range 64..256 */
    bool student_temporary;            /* default false: a student's password set by a teacher need not be changed */
    char blocklist[4096];              /* extra blocklist file, one password per line; "" = built-in list only */
    unsigned long long argon_opslimit; /* default crypto_pwhash_OPSLIMIT_INTERACTIVE (2); range 1..10 */
    size_t argon_memlimit_kib;         /* default 65536 (64 MiB); range 8..1048576 */
    int max_concurrent_hashes;         /* default 4, range 1..64 */
    /* [login] */
    int max_failures;        /* default 5, range 1..100: failures before a lock */
    int lock_minutes;        /* default 15, range 1..1440 */
    int delay_step_ms;       /* default 500, range 0..10000: growing delay per failure */
    bool allow_as;           /* default false: `klassenmap --as USER` (ssh authorized_keys) allowed */
    int idle_logout_minutes; /* default 60, range 0..1440 (0 = never): a screen session without a key is logged out */
    /* [mail] */
    char smtp_url[512];            /* "smtp://host[:port]" or "smtps://host[:port]"; default "smtp://localhost:25" */
    char smtp_tls[12];             /* "none", "starttls" (default), "tls" */
    char mail_from[256];           /* default "klassenmap@localhost" */
    char smtp_user[256];           /* default "" */
    char smtp_password_file[4096]; /* file holding the SMTP password; default "" */
    char ca_file[4096];            /* CA bundle for SMTP/UWLR TLS; default "" = system */
    int mail_timeout;              /* seconds, default 20, range 1..300 */
    /* [sync] */
    char uwlr_endpoint[1024];    /* default "" (sync off); starts with https:// when set */
    char brin[8];                /* "" (default) or 2 digits + 2 capitals (UWLR's tpBrinCode), e.g. "99ZZ" */
    char dependancecode[8];      /* 2 digits, default "00" (UWLR's dependancecode: 00 = the school itself) */
    char klantcode[260];         /* "" (default: not set) or 1..64 characters, from the koppeling in ParnasSys */
    char klantnaam[260];         /* the same */
    char key_file[4096];         /* file holding the autorisatiesleutel; default "" */
    char schooljaar[16];         /* "auto" (default: the school year of today, switching on 1 August) or "2026-2027" */
    char sync_ca_file[4096];     /* default "" */
    char sync_client_cert[4096]; /* TLS client certificate (PEM) for mutual TLS; default "" = none */
    char sync_client_key[4096];  /* its private key (PEM); "" = in sync_client_cert; needs sync_client_cert */
    int sync_timeout;            /* seconds, default 60, range 1..600 */
    /* [timetable] */
    int slot_step_minutes; /* default 5, range 1..60: time slots start and end on multiples of this */
    /* [keys]: `action = key key ...` lines, kept raw (in file order) for the TUI's keymap to validate */
    struct config_keybind keys[CONFIG_MAX_KEYS];
    int nkeys;
};

void config_defaults(struct km_config *c);

/* Reads path into c, starting from the defaults. Every key is optional; a key may appear once.
 * On an error returns KM_INVALID (KM_NOTFOUND when the file cannot be opened), resets c to the defaults and
 * writes one Dutch sentence to err naming the file, the line and what is wrong, e.g.
 * "conf.ini regel 12: onbekende sleutel 'min_lenght' in [password]."
 * Lines longer than inih's line buffer (about 200 bytes) and indented continuation lines are errors too. */
enum km_rc config_load(const char *path, struct km_config *c, char *err, size_t errlen);

/* Which file to read: explicit (from --config) if non-NULL; else $KLASSENMAP_CONFIG when set and not empty;
 * else KM_SYSCONFDIR "/klassenmap/klassenmap.ini" if it exists; else NULL (defaults only). */
const char *config_find(const char *explicit_path);

#endif
