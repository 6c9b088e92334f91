/* A small JSON writer for every `--json`: a list of objects, or one object, with string, number, boolean and null
 * fields. Strings go through out_json_string (escaped, control characters as \u). The layout is the one the
 * commands always printed: `[{"a": 1, "b": "x"},\n {"a": 2, ...}]` and a newline. Keys are code, never
 * translated. */
#ifndef KM_CLI_JSON_H
#define KM_CLI_JSON_H

#include <stdbool.h>
#include <stdio.h>

struct json_out {
    FILE *f;
    int objects; /* objects written so far at the top level */
    int fields;  /* fields written so far in the open object */
};

/* "[" */
void json_list_begin(struct json_out *j, FILE *f);
/* "]\n" */
void json_list_end(struct json_out *j);
/* One object, in a list (a separator before all but the first) or alone (json_list_begin not called: set j->f). */
void json_object_begin(struct json_out *j);
void json_object_end(struct json_out *j);
void json_string(struct json_out *j, const char *key, const char *value);
/* A string, or null when value is NULL or "". */
void json_string_or_null(struct json_out *j, const char *key, const char *value);
void json_int(struct json_out *j, const char *key, long long value);
void json_bool(struct json_out *j, const char *key, bool value);

#endif
