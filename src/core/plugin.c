#include "core/plugin.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buildconf.h" /* KM_BINDIR, KM_PKGLIBDIR */
#include "core/i18n.h"
#include "plugin_abi.h" /* KM_PLUGIN_ABI, made by the Makefile */

/* Each plugin and what it is for, in the words of the sentence that says it cannot be loaded. */
static const struct {
    const char *name, *what;
} plugins[PLUGIN__COUNT] = {[PLUGIN_MAIL] = {"mail", N_("mail")}, [PLUGIN_SYNC] = {"sync", N_("EDEXML en UWLR")}};

static void *loaded[PLUGIN__COUNT];

void plugin_dir(char *out, size_t len)
{
    char exe[PATH_MAX], bindir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = NULL;
    if (n > 0) {
        exe[n] = '\0';
        slash = strrchr(exe, '/');
    }
    if (!slash) { /* no /proc: only the installed directory */
        snprintf(out, len, "%s", KM_PKGLIBDIR);
        return;
    }
    *slash = '\0';
    const char *dir = slash == exe ? "/" : exe;
    bool installed = strcmp(realpath(KM_BINDIR, bindir) ? bindir : KM_BINDIR, dir) == 0;
    snprintf(out, len, "%s", installed ? KM_PKGLIBDIR : dir);
}

/* Belongs to root or to the program's owner, and nobody else can change it. */
static bool trusted(const struct stat *st, uid_t owner)
{
    return (st->st_uid == 0 || st->st_uid == owner) && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

static void *open_checked(const char *name, const char *what, char *err, size_t errlen)
{
    char dir[PATH_MAX], path[PATH_MAX + 32];
    plugin_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/klassenmap-%s.so", dir, name);
    struct stat program, d, f;
    uid_t owner = stat("/proc/self/exe", &program) == 0 ? program.st_uid : 0;
    if (stat(path, &f) != 0 || access(path, R_OK) != 0) {
        snprintf(err, errlen,
                 _("Het onderdeel voor %s (%s) ontbreekt of is niet te lezen: %s. Installeer klassenmap opnieuw."),
                 what, path, strerror(errno));
        return NULL;
    }
    if (stat(dir, &d) != 0 || !trusted(&d, owner) || !S_ISREG(f.st_mode) || !trusted(&f, owner)) {
        snprintf(err, errlen,
                 _("Het onderdeel voor %s (%s) wordt niet geladen: het bestand en zijn map moeten van root of van de"
                   " eigenaar van klassenmap zijn, en door niemand anders te wijzigen."),
                 what, path);
        return NULL;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, _("Het onderdeel voor %s kan niet worden geladen (%s). Installeer klassenmap opnieuw."),
                 what, dlerror());
        return NULL;
    }
    const char *abi = dlsym(h, "km_plugin_abi");
    if (!abi || strcmp(abi, KM_PLUGIN_ABI) != 0) {
        snprintf(err, errlen,
                 _("Het onderdeel voor %s (%s) hoort bij een andere versie van klassenmap: start klassenmap opnieuw"
                   " (na een upgrade), of installeer het opnieuw."),
                 what, path);
        dlclose(h);
        return NULL;
    }
    return h;
}

/* Loaded once and kept for the rest of the process, never closed. */
static void *load(enum plugin p, char *err, size_t errlen)
{
    if (!loaded[p])
        loaded[p] = open_checked(plugins[p].name, i18n_tr(plugins[p].what), err, errlen);
    return loaded[p];
}

plugin_fn plugin_function(enum plugin p, const char *symbol, char *err, size_t errlen)
{
    void *h = load(p, err, errlen);
    void *sym = h ? dlsym(h, symbol) : NULL;
    if (h && !sym)
        snprintf(err, errlen, _("Het onderdeel voor %s kan niet worden geladen (%s). Installeer klassenmap opnieuw."),
                 i18n_tr(plugins[p].what), dlerror());
    /* POSIX: dlsym's object pointer holds a function's address. A union rather than memcpy, which gcc -fanalyzer
     * misreads as a read of sym's bytes before they are set. */
    union {
        void *object;
        plugin_fn fn;
    } u = {.object = sym};
    return sym ? u.fn : NULL;
}

bool plugin_check_all(char *err, size_t errlen)
{
    for (int p = 0; p < PLUGIN__COUNT; p++)
        if (!load((enum plugin)p, err, errlen))
            return false;
    return true;
}
