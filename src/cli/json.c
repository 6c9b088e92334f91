#include "cli/json.h"

#include "cli/out.h"

void json_list_begin(struct json_out *j, FILE *f)
{
    j->f = f;
    j->objects = 0;
    j->fields = 0;
    fputc('[', f);
}

void json_list_end(struct json_out *j) { fputs("]\n", j->f); }

void json_object_begin(struct json_out *j)
{
    fputs(j->objects ? ",\n {" : "{", j->f);
    j->fields = 0;
}

void json_object_end(struct json_out *j)
{
    fputc('}', j->f);
    j->objects++;
}

static void key(struct json_out *j, const char *name) { fprintf(j->f, "%s\"%s\": ", j->fields++ ? ", " : "", name); }

void json_string(struct json_out *j, const char *name, const char *value)
{
    key(j, name);
    out_json_string(j->f, value);
}

void json_string_or_null(struct json_out *j, const char *name, const char *value)
{
    if (value && *value) {
        json_string(j, name, value);
        return;
    }
    key(j, name);
    fputs("null", j->f);
}

void json_int(struct json_out *j, const char *name, long long value)
{
    key(j, name);
    fprintf(j->f, "%lld", value);
}

void json_bool(struct json_out *j, const char *name, bool value)
{
    key(j, name);
    fputs(value ? "true" : "false", j->f);
}
