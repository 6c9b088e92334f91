/* The program's clock. Everything a person sees as "now" or "today" — the header's date, the week a planner
 * opens on, the time-of-day mark, the timestamps written with a change (audit log, status history, note
 * versions, last login) — comes from clock_now().
 *
 * For tests, KLASSENMAP_TEST_CLOCK='YYYY-MM-DD HH:MM' (local time) stops that clock at one moment, so whole
 * screens can be compared with files. It is honoured only on a demo school (or a database that has no school
 * yet, while `demo` makes one): once a process opens a real school's database it is off for good. And it never
 * reaches what guards access: the lock-out after failed logins, the failed-login counts, and the expiry and rate
 * limit of reset codes run on clock_system(), the system's clock, whatever the variable says. */
#ifndef KM_CLOCK_H
#define KM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define CLOCK_TEST_ENV "KLASSENMAP_TEST_CLOCK"

/* Reads KLASSENMAP_TEST_CLOCK; false when it is set but not 'YYYY-MM-DD HH:MM[:SS]'. */
bool clock_init(void);
/* Called for every database a process opens: a test clock applies to a demo school only. */
void clock_database_opened(bool demo_or_new);
/* The program's now: the test clock when it applies, else the system's clock. */
time_t clock_now(void);
/* clock_now() in the local time zone. */
void clock_local(struct tm *out);
/* Minutes after local midnight, now: where the planner's "now" mark goes. */
int clock_minute_of_day(void);
/* Always the system's clock: for lock-outs, failed-login windows and reset codes. */
time_t clock_system(void);
/* clock_system() as a timestamp column holds it, for comparing with locked_until and reset codes. */
void clock_system_text(char buf[20]);
/* 'YYYY-MM-DD HH:MM:SS' in UTC, the format of every timestamp column. */
void clock_text(time_t t, char buf[20]);
/* Whether clock_now() is a test clock now (for `klassenmap check` and the tests). */
bool clock_is_test(void);

#endif
