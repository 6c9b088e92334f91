/* The form widget's editing and validation, without a terminal. */
#include <string.h>

#include "core/auth.h"
#include "test.h"
#include "tui/form.h"

TEST(form_dates_times_and_required)
{
    struct form f;
    form_init(&f, 12);
    int d = form_add(&f, FIELD_DATE, "Datum", true);
    int t = form_add(&f, FIELD_TIME, "Tijd", false);
    int m = form_add(&f, FIELD_MULTI, "Dagen", true);
    REQUIRE(d >= 0 && t >= 0 && m >= 0);
    static const char *const days[] = {"ma", "di", "wo"};
    form_set_choices(&f, m, days, 3);
    CHECK(form_validate(&f) == d); /* empty required date */
    form_set_value(&f, d, "30-11-2026");
    form_set_value(&f, t, "8.30");
    CHECK(form_validate(&f) == m); /* no day ticked */
    f.focus = m;
    CHECK(form_action(&f, A_RIGHT));
    CHECK(form_action(&f, A_TOGGLE));
    CHECK(form_validate(&f) == -1);
    CHECK_STR(f.fields[d].value, "2026-11-30"); /* Dutch order accepted, stored as ISO */
    CHECK_STR(f.fields[t].value, "08:30");
    CHECK(f.fields[m].chosen == 2);
    form_set_value(&f, d, "31-02-2026");
    CHECK(form_validate(&f) == d && f.fields[d].error[0]);
    form_set_value(&f, d, "2028-02-29");
    form_set_value(&f, t, "24:00");
    CHECK(form_validate(&f) == t);
    form_free(&f);
}

TEST(form_typing_utf8_and_backspace)
{
    struct form f;
    form_init(&f, 12);
    int n = form_add(&f, FIELD_TEXT, "Naam", true);
    REQUIRE(n >= 0);
    f.fields[n].max_chars = 8;
    const wchar_t *typed = L"Zoë Çe";
    for (const wchar_t *p = typed; *p; p++)
        CHECK(form_text(&f, (wint_t)*p));
    CHECK_STR(f.fields[n].value, "Zoë Çe");
    CHECK(form_text(&f, L'\b'));
    CHECK_STR(f.fields[n].value, "Zoë Ç");
    CHECK(form_text(&f, L'\b'));
    CHECK(form_text(&f, L'\b'));
    CHECK_STR(f.fields[n].value, "Zoë");
    CHECK(!form_text(&f, 0x1b)); /* a control character is not text */
    for (int i = 0; i < 10; i++)
        form_text(&f, L'x');
    CHECK(strlen(f.fields[n].value) == strlen("Zoë") + 5); /* max_chars 8 */
    form_free(&f);
}

TEST(form_password_fields_are_wiped)
{
    REQUIRE(auth_init() == KM_OK); /* password fields live in sodium_malloc memory */
    struct form f;
    form_init(&f, 12);
    int p = form_add(&f, FIELD_PASSWORD, "Wachtwoord", true);
    REQUIRE(p >= 0);
    form_text(&f, L'g');
    form_text(&f, L'e');
    form_clear(&f, p);
    CHECK(f.fields[p].value[0] == '\0' && f.fields[p].value[1] == '\0');
    CHECK(form_focus_is_text(&f));
    form_free(&f);
}
