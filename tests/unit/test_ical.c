/* iCalendar lines folded at 75 octets (RFC 5545 3.1) without splitting a UTF-8 sequence: names whose multibyte
 * character falls exactly on the fold, checked by octets here and by python3-icalendar, which must read back the
 * very same names. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/ical.h"
#include "test.h"

#define PYTHON "/usr/bin/python3"

/* "SUMMARY:" is 8 octets, so after 64, 65 or 66 ASCII octets (no character that needs escaping) a 2-, 3- or
 * 4-byte character ends just before the fold, exactly on it, or would straddle it. */
static void name_at_fold(char *out, size_t len, int ascii, const char *wide)
{
    snprintf(out, len, "%.*s%s groep 5a en de rest van de naam, met nog meer tekst erachter om %s ook te vouwen", ascii,
             "Rekenen en taal voor de hele bovenbouw met breuken en procenten erbij en meer", wide, wide);
}

static bool lines_ok(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char buf[4096];
    bool ok = true;
    while (fgets(buf, sizeof buf, f)) {
        size_t n = strlen(buf);
        if (n < 2 || buf[n - 2] != '\r' || buf[n - 1] != '\n')
            ok = false; /* every line ends in CRLF */
        else if (n - 2 > 75)
            ok = false;
        else if (buf[0] == ' ' && ((unsigned char)buf[1] & 0xC0) == 0x80)
            ok = false; /* a folded line starts inside a character */
        else if (n >= 3 && ((unsigned char)buf[n - 3] & 0x80) && ((unsigned char)buf[n - 3] & 0xC0) == 0xC0)
            ok = false; /* a line ends on the first byte of a character */
    }
    fclose(f);
    return ok;
}

static const char icalendar_check[] = "import sys\n"
                                      "from icalendar import Calendar\n"
                                      "cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                                      "got = [str(e.get('summary')) for e in cal.walk('VEVENT')]\n"
                                      "sys.exit(0 if got == sys.argv[2:] else 1)\n";

TEST(ical_folds_at_75_octets_never_inside_a_character)
{
    enum { N = 9 };
    static char names[N][300];
    const char *wide[] = {"ë", "—", "😀"};
    struct planned_lesson l[N];
    memset(l, 0, sizeof l);
    for (int i = 0; i < N; i++) {
        name_at_fold(names[i], sizeof names[i], 64 + i / 3, wide[i % 3]);
        l[i].instance_id = i + 1;
        snprintf(l[i].date, sizeof l[i].date, "2026-11-30");
        l[i].start_min = 8 * 60 + 30;
        l[i].end_min = 9 * 60 + 15;
        l[i].subject = names[i];
        l[i].room = l[i].teacher = l[i].groups = l[i].pupil_note = (char *)"";
    }
    struct planner_week w = {"2026-11-30", l, N};
    char path[512];
    snprintf(path, sizeof path, "%s", test_tmp_path("week.ics"));
    FILE *f = fopen(path, "wb");
    REQUIRE(f);
    ical_begin(f);
    ical_week(f, &w);
    ical_end(f);
    fclose(f);
    CHECK(lines_ok(path));
    if (access(PYTHON, X_OK) != 0)
        SKIP("no %s for python3-icalendar (make deps)", PYTHON);
    pid_t pid = fork();
    if (pid == 0) {
        execl(PYTHON, "python3", "-c", icalendar_check, path, names[0], names[1], names[2], names[3], names[4],
              names[5], names[6], names[7], names[8], (char *)NULL);
        _exit(127);
    }
    int st = 0;
    REQUIRE(pid > 0 && waitpid(pid, &st, 0) == pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0); /* python3-icalendar reads back the same nine names */
}
