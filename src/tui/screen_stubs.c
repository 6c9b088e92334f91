#include "tui/i18n.h"
#include "tui/screens.h"

struct screen *profile_screen_new(struct app *a) { return coming_screen_new(a, "PROFIEL", _("Profiel")); }
struct screen *school_settings_screen_new(struct app *a) { return coming_screen_new(a, "SCHOOL INSTELLINGEN", _("Instellingen")); }
