/* The database's faults named by their cause (core/dbfault), the latch after a damaged or vanished file, and the
 * beheerder's re-open. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/db_sql.h"
#include "core/dbfault.h"
#include "fixture.h"
#include "test.h"

TEST(dbfault_classify_names_the_cause)
{
    /* A full disk while SQLite sizes the -shm at open: an I/O code, the errno tells. */
    CHECK(dbfault_classify(SQLITE_IOERR_SHMSIZE, ENOSPC) == DBFAULT_FULL);
    CHECK(dbfault_classify(SQLITE_IOERR_WRITE, ENOSPC) == DBFAULT_FULL);
    CHECK(dbfault_classify(SQLITE_FULL, 0) == DBFAULT_FULL);
    CHECK(dbfault_classify(SQLITE_IOERR_WRITE, EFBIG) == DBFAULT_TOOBIG);
    CHECK(dbfault_classify(SQLITE_CANTOPEN, EACCES) == DBFAULT_PERMISSION);
    CHECK(dbfault_classify(SQLITE_IOERR_SHMOPEN, EACCES) == DBFAULT_PERMISSION);
    CHECK(dbfault_classify(SQLITE_READONLY, 0) == DBFAULT_READONLY);
    CHECK(dbfault_classify(SQLITE_IOERR_WRITE, EROFS) == DBFAULT_READONLY);
    CHECK(dbfault_classify(SQLITE_BUSY, 0) == DBFAULT_LOCKED);
    CHECK(dbfault_classify(SQLITE_LOCKED, 0) == DBFAULT_LOCKED);
    CHECK(dbfault_classify(SQLITE_CORRUPT, 0) == DBFAULT_DAMAGED);
    CHECK(dbfault_classify(SQLITE_NOTADB, 0) == DBFAULT_DAMAGED);
    CHECK(dbfault_classify(SQLITE_READONLY_DBMOVED, 0) == DBFAULT_GONE);
    CHECK(dbfault_classify(SQLITE_IOERR_READ, EIO) == DBFAULT_IO);
    /* errno is stale after a failure that made no system call: a constraint is no full disk */
    CHECK(dbfault_classify(SQLITE_CORRUPT, ENOSPC) == DBFAULT_DAMAGED);
    CHECK(dbfault_classify(SQLITE_ERROR, ENOSPC) == DBFAULT_OTHER);
    for (int f = DBFAULT_NONE; f <= DBFAULT_OTHER; f++) {
        char s[600];
        dbfault_sentence((enum dbfault)f, "/x/school.db", s, sizeof s);
        CHECK(*s && s[strlen(s) - 1] == '.'); /* one sentence each */
    }
}

static int64_t root_page(struct km_db *db, const char *table)
{
    int64_t page = 0;
    db_int(db, &page, "SELECT rootpage FROM sqlite_master WHERE name = ?1", "t", table);
    return page;
}

/* Overwrites one page in the middle of the file, as a failing disk or a stray write would. */
static bool damage_page(const char *path, int64_t page)
{
    unsigned char junk[4096];
    memset(junk, 0xA5, sizeof junk);
    int fd = open(path, O_WRONLY);
    bool ok = fd >= 0 && pwrite(fd, junk + 0, 4096, (off_t)(page - 1) * 4096) == 4096;
    if (fd >= 0)
        close(fd);
    return ok;
}

static int64_t users_count(struct km_db *db)
{
    int64_t n = -1;
    db_int(db, &n, "SELECT count(*) FROM users NOT INDEXED", NULL);
    return n;
}

TEST(dbfault_damaged_page_latches_no_more_writes)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    char path[4096];
    snprintf(path, sizeof path, "%s", db_path(db));
    int64_t page = root_page(db, "users");
    REQUIRE(page > 1);
    db_close(db); /* the last connection: the WAL is checkpointed into the file */
    REQUIRE(damage_page(path, page));
    char err[600];
    REQUIRE(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) == KM_OK); /* page 1 is whole */
    CHECK(db_fault(db) == DBFAULT_NONE);
    CHECK(users_count(db) == -1);
    CHECK(db_fault(db) == DBFAULT_DAMAGED);
    CHECK(strstr(db_errmsg(db), "beschadigd") != NULL);
    CHECK(strstr(db_errmsg(db), "beheerder") != NULL);
    /* another table is whole, yet nothing is written any more: not in a transaction, not on its own */
    CHECK(db_exec(db, "UPDATE school SET name = 'anders'", NULL) == KM_ERR);
    CHECK(strstr(db_errmsg(db), "beschadigd") != NULL);
    char name[100] = "";
    CHECK(db_text(db, name, sizeof name, "SELECT name FROM school", NULL) == KM_OK); /* reading goes on */
    CHECK(strcmp(name, "anders") != 0);
    CHECK(db_reopen(db, err, sizeof err) == KM_CONFLICT); /* the same damaged file: no fresh start on it */
    CHECK(strstr(err, "reservekopie") != NULL);
    CHECK(db_fault(db) == DBFAULT_DAMAGED);
    /* the backup moved over it while this process still has it open: this file's -wal goes aside, then re-open */
    char copy[4200];
    snprintf(copy, sizeof copy, "%s.kopie", path);
    struct km_db *backup = NULL;
    REQUIRE(db_open(copy, DB_OPEN_CREATE, &backup, err, sizeof err) == KM_OK);
    db_close(backup);
    REQUIRE(rename(copy, path) == 0);
    CHECK(db_file_check(db) == KM_ERR);
    CHECK(db_fault(db) == DBFAULT_GONE);
    CHECK(db_reopen(db, err, sizeof err) == KM_OK);
    CHECK(db_fault(db) == DBFAULT_NONE);
    CHECK(db_exec(db, "UPDATE school SET name = 'hersteld'", NULL) == KM_OK);
    db_close(db);
}

static void count_finding(void *ctx, const char *finding)
{
    (void)finding;
    (*(int *)ctx)++;
}

TEST(dbfault_integrity_file_lists_findings)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    char path[4096], err[600];
    snprintf(path, sizeof path, "%s", db_path(db));
    int64_t page = root_page(db, "users");
    int seen = 0;
    CHECK(db_integrity_file(path, count_finding, &seen, err, sizeof err) == 0);
    db_close(db);
    REQUIRE(damage_page(path, page));
    int n = db_integrity_file(path, count_finding, &seen, err, sizeof err);
    CHECK(n > 0);
    CHECK(seen == n);
}

static enum km_rc rename_school(struct km_db *db, void *arg)
{
    return db_exec(db, "UPDATE school SET name = ?1", "t", (const char *)arg);
}

TEST(dbfault_file_replaced_refuses_then_reopens)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    char path[4096], other[4200], err[600];
    snprintf(path, sizeof path, "%s", db_path(db));
    snprintf(other, sizeof other, "%s.new", path);
    CHECK(db_tx(db, rename_school, (char[]){"een"}) == KM_OK);
    CHECK(db_file_check(db) == KM_OK);
    /* a restore done wrong: another file is moved over the one in use */
    struct km_db *second = NULL;
    REQUIRE(db_open(other, DB_OPEN_CREATE, &second, err, sizeof err) == KM_OK);
    db_close(second);
    REQUIRE(rename(other, path) == 0);
    CHECK(db_tx(db, rename_school, (char[]){"twee"}) == KM_ERR);
    CHECK(db_fault(db) == DBFAULT_GONE);
    CHECK(strstr(db_errmsg(db), "vervangen") != NULL);
    CHECK(db_exec(db, "UPDATE school SET name = 'drie'", NULL) == KM_ERR);
    CHECK(db_file_check(db) == KM_ERR);
    /* SQLite leaves the old file's -wal and -shm beside the path; they are set aside, so the new file is not read
     * through them */
    char wal[4300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(access(wal, F_OK) != 0);
    /* the beheerder's word: the new file is opened, and works */
    REQUIRE(db_reopen(db, err, sizeof err) == KM_OK);
    CHECK(db_fault(db) == DBFAULT_NONE);
    CHECK(db_file_check(db) == KM_OK);
    int64_t schools = -1;
    CHECK(db_int(db, &schools, "SELECT count(*) FROM school WHERE name = 'een'", NULL) == KM_OK);
    CHECK(schools == 0); /* the new file: not the one that was replaced */
    CHECK(db_tx(db, rename_school, (char[]){"vier"}) == KM_OK);
    db_close(db);
}

TEST(dbfault_file_deleted_refuses_and_reopen_says_why)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    char path[4096], err[600];
    snprintf(path, sizeof path, "%s", db_path(db));
    struct stat st;
    REQUIRE(stat(path, &st) == 0);
    REQUIRE(unlink(path) == 0);
    CHECK(db_file_check(db) == KM_ERR);
    CHECK(db_tx(db, rename_school, (char[]){"twee"}) == KM_ERR);
    CHECK(strstr(db_errmsg(db), "weggehaald") != NULL);
    CHECK(db_reopen(db, err, sizeof err) == KM_NOTFOUND); /* nothing there yet: stays refused */
    CHECK(strstr(err, "bestaat niet") != NULL);
    CHECK(db_fault(db) == DBFAULT_GONE);
    char aside[4400];
    snprintf(aside, sizeof aside, "%s-wal.oud-%lu", path, (unsigned long)st.st_ino);
    CHECK(access(aside, F_OK) == 0); /* the old file's last commits, for the beheerder */
    db_close(db);
}
