/* The commands, one file per area; cli.c dispatches to them. */
#ifndef KM_CLI_COMMANDS_H
#define KM_CLI_COMMANDS_H

#include "cli/args.h"
#include "cli/cli.h"
#include "core/session.h"

typedef int (*cli_cmd_fn)(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);

/* Opens the database and starts the server's session; prints the reason and returns non-zero on failure. */
int cli_open(struct cli_ctx *c, enum db_open_mode mode, struct km_db **db, struct km_session *s);

int cmd_init(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_demo(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_check(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_user_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_user_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_user_show(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_user_deactivate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_user_unlock(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_passwd(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_members(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_join(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_leave(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_rename(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_deactivate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_activate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_bron(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_group_relink(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_parent_link(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_parent_unlink(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_roster_generate(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_roster_show(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_room_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_room_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_template_list(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_template_add(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_template_delete(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_template_check(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_template_export(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_template_import(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_export_weekplan(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_export_ical(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_export_overview(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_curriculum_export(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_curriculum_import(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_import_edex(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_import_parents(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_invite_parents(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
/* "sync status" comes before "sync" in the table: the first name that matches wins. */
int cmd_sync_status(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_sync(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_audit(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_who(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);
int cmd_backup(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv);

#endif
