#include "cli/args.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/dates.h"
#include "core/i18n.h"

int args_usage_error(const struct cli_command_help *help, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "klassenmap %s: ", help->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, _("\nGebruik: klassenmap %s %s\n"), help->name, i18n_tr(help->usage));
    return EXIT_USAGE;
}

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *arg, size_t len)
{
    for (const struct cli_opt *o = opts; o && o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, arg, len) == 0)
            return o;
    return NULL;
}

static int store(const struct cli_command_help *help, const struct cli_opt *o, const char *value)
{
    int64_t day;
    if (o->kind == OPT_DATE && !dates_parse(value, &day))
        return args_usage_error(help, _("%s verwacht een bestaande datum als 2026-11-30, niet '%.40s'."), o->name,
                                value);
    if (o->kind == OPT_STRING || o->kind == OPT_DATE) {
        *(const char **)o->target = value;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end)
        return args_usage_error(help, _("%s verwacht een getal, niet '%.40s'."), o->name, value);
    *(long *)o->target = v;
    return 0;
}

int args_parse(const struct cli_command_help *help, const struct cli_opt *opts, int argc, char **argv, char **pos,
               int maxpos, int *npos)
{
    *npos = 0;
    bool options = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && strcmp(a, "--") == 0) {
            options = false;
            continue;
        }
        if (!options) {
            if (*npos >= maxpos)
                return args_usage_error(help, _("onverwacht argument '%.40s'."), a);
            pos[(*npos)++] = argv[i];
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            printf(_("Gebruik: klassenmap %s %s\n  %s\n"), help->name, i18n_tr(help->usage), i18n_tr(help->what));
            return ARGS_HELP;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (*npos >= maxpos)
                return args_usage_error(help, _("onverwacht argument '%.40s'."), a);
            pos[(*npos)++] = argv[i];
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const struct cli_opt *o = find_opt(opts, a, len);
        if (!o)
            return args_usage_error(help, _("onbekende optie '%.*s'."), (int)(len > 40 ? 40 : len), a);
        if (o->kind == OPT_FLAG) {
            if (eq)
                return args_usage_error(help, _("%s neemt geen waarde."), o->name);
            *(bool *)o->target = true;
            continue;
        }
        const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!value)
            return args_usage_error(help, _("%s verwacht een waarde."), o->name);
        int rc = store(help, o, value);
        if (rc)
            return rc;
    }
    return 0;
}
