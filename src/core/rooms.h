/* Lokalen with their capacity. */
#ifndef KM_ROOMS_H
#define KM_ROOMS_H

#include "core/session.h"

struct km_room {
    int64_t id;
    char *name;
    int capacity;
    int lessons; /* lessons in week templates that use it */
    int64_t version;
};

struct km_room_list {
    struct km_room *items;
    size_t n;
};

/* Every logged-in person may read them (screens show where a lesson is). */
enum km_rc rooms_list(const struct km_session *s, struct km_room_list *out);
enum km_rc rooms_add(const struct km_session *s, const char *name, int capacity, int64_t *id);
enum km_rc rooms_update(const struct km_session *s, int64_t id, const char *name, int capacity,
                        int64_t expected_version);
/* Refused while a lesson uses the room. */
enum km_rc rooms_delete(const struct km_session *s, int64_t id);
enum km_rc rooms_find(const struct km_session *s, const char *name, int64_t *id);
void rooms_list_free(struct km_room_list *l);

#endif
