#include "core/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db_sql.h"
#include "core/i18n.h"

#define BACKUP_DEADLINE_S 60 /* a source locked this long (a migration, an exclusive tool) is an error */
#define SIDE_FILES 3

static const char *const side_suffix[SIDE_FILES] = {"-wal", "-shm", "-journal"};

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static bool side_path(const char *path, int i, char *out, size_t len)
{
    size_t n = strlen(path), m = strlen(side_suffix[i]);
    if (n + m >= len)
        return false;
    memcpy(out, path, n);
    memcpy(out + n, side_suffix[i], m + 1);
    return true;
}

/* dest itself, or what SQLite would read together with it. */
static bool dest_taken(const char *dest)
{
    char p[4200];
    if (exists(dest))
        return true;
    for (int i = 0; i < SIDE_FILES; i++)
        if (i != 1 && side_path(dest, i, p, sizeof p) && exists(p))
            return true;
    return false;
}

static void remove_with_sides(const char *path)
{
    char p[4200];
    unlink(path);
    for (int i = 0; i < SIDE_FILES; i++)
        if (side_path(path, i, p, sizeof p))
            unlink(p);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static enum km_rc check_dest(struct km_db *db, const char *dest, bool force)
{
    if (!dest || !*dest || strlen(dest) > 4000)
        return db_fail(db, KM_INVALID, _("Geef het bestand voor de reservekopie op (hooguit 4000 tekens)."));
    if (same_file(dest, db_path(db)))
        return db_fail(db, KM_INVALID, _("%s is de database zelf; kies een ander bestand."), dest);
    if (!force && dest_taken(dest))
        return db_fail(db, KM_EXISTS,
                       _("%s bestaat al (of een %s-wal/-journal ervan); kies een nieuw bestand of "
                         "gebruik --force om het te vervangen."),
                       dest, dest);
    return KM_OK;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

/* All pages in one step: one read transaction on the source, so the copy is one moment of it. Busy only
 * while another connection holds an exclusive lock (a migration); then wait and try again. */
static int copy_pages(sqlite3 *src, sqlite3 *dst)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return sqlite3_errcode(dst);
    int rc;
    time_t deadline = time(NULL) + BACKUP_DEADLINE_S;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (time(NULL) > deadline)
            break;
        sleep_ms(50);
    }
    int fin = sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? fin : rc;
}

/* The copy as one file, and whether SQLite finds it sound. */
static int finish_copy(sqlite3 *dst, char *integrity, size_t len)
{
    int rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(integrity, len, "%s", t ? (const char *)t : "?");
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static bool sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* Replaces dest by the checked copy; a stale dest-wal would otherwise be applied to the new file. */
static bool put_in_place(const char *tmp, const char *dest)
{
    char p[4200], dir[4200];
    if (!sync_path(tmp, O_RDONLY))
        return false;
    for (int i = 0; i < SIDE_FILES; i++)
        if (side_path(dest, i, p, sizeof p))
            unlink(p);
    if (rename(tmp, dest) != 0)
        return false;
    snprintf(dir, sizeof dir, "%s", dest);
    sync_path(dirname(dir), O_RDONLY | O_DIRECTORY); /* the rename itself survives a power cut */
    return true;
}

static enum km_rc make_temp(struct km_db *db, const char *dest, char *tmp, size_t len)
{
    static const char suffix[] = ".tmp-XXXXXX";
    size_t n = strlen(dest);
    if (n + sizeof suffix > len)
        return db_fail(db, KM_INVALID, _("De bestandsnaam %s is te lang."), dest);
    memcpy(tmp, dest, n);
    memcpy(tmp + n, suffix, sizeof suffix);
    int fd = mkstemp(tmp); /* 0600: the copy holds every account, like the database */
    if (fd < 0)
        return db_fail(db, KM_ERR, _("%s kan niet worden geschreven: %s."), dest, strerror(errno));
    close(fd);
    return KM_OK;
}

static enum km_rc copy_to(struct km_db *db, const char *tmp, struct backup_info *out)
{
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = copy_pages(db_handle(db), dst);
    if (rc == SQLITE_OK)
        rc = finish_copy(dst, out->integrity, sizeof out->integrity);
    enum km_rc krc = KM_OK;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        krc = db_fail(db, KM_BUSY, _("De database bleef %d seconden op slot; er is geen reservekopie gemaakt."),
                      BACKUP_DEADLINE_S);
    else if (rc == SQLITE_FULL)
        krc = db_fail(db, KM_ERR, _("De schijf is vol; er is geen reservekopie gemaakt."));
    else if (rc != SQLITE_OK)
        krc = db_fail(db, KM_ERR, _("Reservekopie mislukt: %s."), dst ? sqlite3_errmsg(dst) : _("geen geheugen"));
    else if (strcmp(out->integrity, "ok") != 0)
        krc = db_fail(db, KM_ERR, _("De kopie is niet in orde (integrity_check: %s); er is geen reservekopie gemaakt."),
                      out->integrity);
    sqlite3_close(dst);
    return krc;
}

enum km_rc backup_to_file(const struct km_session *s, const char *dest, bool force, struct backup_info *out)
{
    struct km_db *db = s->db;
    memset(out, 0, sizeof *out);
    if (s->origin != ORIGIN_SERVER)
        return db_fail(db, KM_DENIED,
                       _("Een reservekopie maakt alleen de beheerder van de server (klassenmap backup)."));
    enum km_rc rc = check_dest(db, dest, force);
    char tmp[4200];
    if (rc == KM_OK)
        rc = make_temp(db, dest, tmp, sizeof tmp);
    if (rc != KM_OK)
        return rc;
    rc = copy_to(db, tmp, out);
    if (rc == KM_OK && !put_in_place(tmp, dest))
        rc = db_fail(db, KM_ERR, _("%s kan niet worden geschreven: %s."), dest, strerror(errno));
    if (rc != KM_OK) {
        remove_with_sides(tmp);
        return rc;
    }
    struct stat st;
    out->bytes = stat(dest, &st) == 0 ? (int64_t)st.st_size : 0;
    return KM_OK;
}
