/* iCalendar (RFC 5545) output of a person's lessons, in Europe/Amsterdam time. */
#ifndef KM_CLI_ICAL_H
#define KM_CLI_ICAL_H

#include <stdio.h>

#include "core/planner.h"

void ical_begin(FILE *f);
/* One VEVENT per lesson of the week. */
void ical_week(FILE *f, const struct planner_week *w);
void ical_end(FILE *f);

#endif
