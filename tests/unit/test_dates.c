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

TEST(dates_one_reader_for_arguments_fields_and_stamps)
{
    int64_t d, want;
    char buf[11];
    REQUIRE(dates_parse("2026-11-30", &want));
    /* arguments: ISO only, a real day, nothing after it */
    CHECK(!dates_parse("2026-02-31", &d) && !dates_parse("2026-04-31", &d) && !dates_parse("2026-11-30x", &d));
    CHECK(!dates_parse("2026-1-30", &d) && !dates_parse(" 2026-11-30", &d) && !dates_parse("", &d) &&
          !dates_parse(NULL, &d));
    CHECK(dates_parse("2024-02-29", &d) && !dates_parse("2100-02-29", &d) && dates_parse("2000-02-29", &d));
    /* fields: also day first, as typed in the Netherlands */
    CHECK(dates_parse_input("30-11-2026", &d) && d == want);
    CHECK(dates_parse_input("30/11/26", &d) && d == want);
    CHECK(dates_parse_input("30.11.2026", &d) && d == want);
    CHECK(dates_parse_input("2026-11-30", &d) && d == want);
    REQUIRE(dates_parse_input("7-2-2027", &d));
    dates_format(d, buf);
    CHECK_STR(buf, "2027-02-07");
    CHECK(!dates_parse_input("31-02-2026", &d) && !dates_parse_input("30-11/2026", &d) &&
          !dates_parse_input("30-11-202", &d));
    CHECK(!dates_parse_input("30-11", &d) && !dates_parse_input("30-11-2026 ", &d) && !dates_parse_input("x", &d));
    /* day and month alone */
    int m, md;
    CHECK(dates_parse_day_month("15-3", &m, &md) && m == 3 && md == 15);
    CHECK(dates_parse_day_month("29/02", &m, &md) && m == 2 && md == 29);
    CHECK(!dates_parse_day_month("31-4", &m, &md) && !dates_parse_day_month("15-3-2026", &m, &md));
    /* stored moments */
    int min;
    CHECK(dates_parse_stamp("2026-11-30 08:05:59", &d, &min) && d == want && min == 8 * 60 + 5);
    CHECK(dates_parse_stamp("2026-11-30 23:59", &d, &min) && min == 23 * 60 + 59);
    CHECK(!dates_parse_stamp("2026-11-30 24:00", &d, &min) && !dates_parse_stamp("2026-02-30 10:00", &d, &min));
    CHECK(!dates_parse_stamp("2026-11-30T10:00", &d, &min) && !dates_parse_stamp("2026-11-30 10:00x", &d, &min));
    int y;
    dates_to_civil(want, &y, &m, &md);
    CHECK(y == 2026 && m == 11 && md == 30);
    CHECK(dates_from_parts(2026, 11, 30, &d) && d == want && !dates_from_parts(2026, 2, 29, &d));
}

/* One table of names for every screen, message and document. */
TEST(dates_names_and_dutch_format)
{
    CHECK_STR(dates_day_short(1), "ma");
    CHECK_STR(dates_day_short(7), "zo");
    CHECK_STR(dates_day_name(3), "woensdag");
    CHECK_STR(dates_day_name(0), "?");
    CHECK_STR(dates_day_name(8), "?");
    CHECK_STR(dates_month_short(3), "mrt");
    CHECK_STR(dates_month_name(12), "december");
    CHECK_STR(dates_month_name(13), "?");
    char nl[11];
    dates_format_nl(dates_from_civil(2027, 3, 5), nl);
    CHECK_STR(nl, "05-03-2027");
}
