/* Option parsing for one command: --name value, --name=value, flags, and positional arguments. */
#ifndef KM_CLI_ARGS_H
#define KM_CLI_ARGS_H

#include <stdbool.h>

/* OPT_DATE: a string that core's dates_parse accepts ('YYYY-MM-DD', a real day); refused here otherwise, so every
 * date option is read by the one parser with the one message. */
enum opt_kind { OPT_STRING, OPT_FLAG, OPT_INT, OPT_DATE };

struct cli_opt {
    const char *name; /* "--role" */
    enum opt_kind kind;
    void *target; /* const char ** (OPT_STRING, OPT_DATE), bool *, long * */
};

struct cli_command_help {
    const char *name;  /* "user add" */
    const char *usage; /* "--role ROL --username NAAM --name \"…\" [--email ADRES]" */
    const char *what;  /* one line */
};

#define ARGS_HELP (-1)

/* Fills the targets and up to maxpos positional arguments; "--" ends the options (what follows is positional, even
 * when it starts with '-'). On a usage error prints one sentence to stderr and returns EXIT_USAGE; on --help
 * prints the command's help and returns ARGS_HELP. */
int args_parse(const struct cli_command_help *help, const struct cli_opt *opts, int argc, char **argv, char **pos,
               int maxpos, int *npos);
/* Prints "klassenmap NAME: message" and returns EXIT_USAGE. */
int args_usage_error(const struct cli_command_help *help, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses or leaves the command: --help ends it with success, a usage error with EXIT_USAGE. */
#define PARSE_OR_RETURN(help, opts, argc, argv, pos, maxpos, npos)                                                     \
    do {                                                                                                               \
        int rc_ = args_parse(help, opts, argc, argv, pos, maxpos, npos);                                               \
        if (rc_)                                                                                                       \
            return rc_ == ARGS_HELP ? EXIT_OK : rc_;                                                                   \
    } while (0)

#endif
