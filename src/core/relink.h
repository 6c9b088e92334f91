/* Re-linking after the school-year renewal. The sync keys groups by (schooljaar, key), so next year's import
 * makes new stamgroepen and samengestelde groepen; an eigen groep still follows (its bron is) last year's
 * group. Each such eigen groep gets a proposal: the group of the new school year with the same name and
 * jaargroep. Accepting it moves the eigen groep into the new year with the new bron (groups_set_bron): its
 * id stays, so its lessons, planning, statuses and members stay with it. */
#ifndef KM_RELINK_H
#define KM_RELINK_H

#include "core/session.h"

/* An eigen groep whose bron belongs to an earlier school year than the one the groups are at now. */
struct relink_group {
    int64_t id, linked_id;
    char name[256], schooljaar[12];
    char linked_name[256], linked_schooljaar[12];
    int64_t proposed_id; /* 0: the new year has no group of that name and jaargroep */
    char proposed_name[256], proposed_schooljaar[12];
};

struct relink_list {
    struct relink_group *items;
    size_t n;
    char schooljaar[12]; /* the year the groups are at now */
};

/* schooljaar NULL: the newest school year that has an active stamgroep or samengestelde groep, and at least
 * the current one (so next year's groups count as soon as next year's file is imported). Beheerder only.
 * By name of the eigen groep. */
enum km_rc relink_list(const struct km_session *s, const char *schooljaar, struct relink_list *out);
/* Every eigen groep of relink_list(NULL) that has a proposal gets it as its bron, in one transaction (all or
 * none). *linked: how many; *left: how many have no proposal and stay as they are. dry_run: counts only. */
enum km_rc relink_all(const struct km_session *s, bool dry_run, int *linked, int *left);
void relink_free(struct relink_list *l);

#endif
