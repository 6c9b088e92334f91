#include "core/dates.h"
#include "test.h"

TEST(dates_round_trip_and_weeks)
{
    int64_t d;
    char buf[11];
    REQUIRE(dates_parse("2026-11-30", &d));
    dates_format(d, buf);
    CHECK_STR(buf, "2026-11-30");
    CHECK(dates_weekday(d) == 1); /* a Monday */
    CHECK(dates_monday(d + 4) == d);
    int y;
    CHECK(dates_iso_week(d, &y) == 49 && y == 2026);
    CHECK(!dates_parse("2026-02-29", &d) && !dates_parse("2026-13-01", &d) && !dates_parse("30-11-2026", &d));
    REQUIRE(dates_parse("2021-01-03", &d)); /* a Sunday in week 53 of 2020 */
    CHECK(dates_iso_week(d, &y) == 53 && y == 2020);
    int64_t m;
    CHECK(dates_from_iso_week(2020, 53, &m));
    dates_format(m, buf);
    CHECK_STR(buf, "2020-12-28");
    CHECK(!dates_from_iso_week(2021, 53, &m));
    REQUIRE(dates_parse("1969-12-31", &d));
    CHECK(dates_weekday(d) == 3);
    CHECK(dates_today() > dates_from_civil(2020, 1, 1));
}
