#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/out.h"
#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */

struct command {
    struct cli_command_help help;
    cli_cmd_fn fn;
};

static const struct command commands[] = {
    {{"init", "--school NAAM [--brin CODE]", "maak een nieuwe, lege schooldatabase"}, cmd_init},
    {{"demo", "[--size small|large] [--seed N] [--password WW]", "maak een demoschool met accounts per rol"}, cmd_demo},
    {{"check", "", "controleer de database (integriteit, WAL, schema) en de configuratie"}, cmd_check},
    {{"user add", "--role ROL [--username NAAM] --name \"Roepnaam [voorvoegsel] Achternaam\" [--email ADRES]",
      "voeg een gebruiker toe (rol: leerling, leerkracht, ouder, beheerder)"}, cmd_user_add},
    {{"user list", "[--role ROL] [--all] [--json]", "toon de gebruikers (--all: ook inactieve)"}, cmd_user_list},
    {{"user show", "GEBRUIKERSNAAM [--json]", "toon een gebruiker"}, cmd_user_show},
    {{"user deactivate", "GEBRUIKERSNAAM", "zet een account op inactief (gegevens blijven bewaard)"}, cmd_user_deactivate},
    {{"user unlock", "GEBRUIKERSNAAM", "hef een blokkade na te veel mislukte logins op"}, cmd_user_unlock},
    {{"passwd", "GEBRUIKERSNAAM [--temporary]",
      "stel een nieuw wachtwoord in (tweemaal zonder echo, of een regel van stdin); --temporary maakt er een en toont het eenmaal"},
     cmd_passwd},
    {{"group add", "NAAM [--kind stamgroep|samengesteld|eigen] [--schooljaar 2026-2027] [--jaargroep N]",
      "maak een groep (standaard een eigen groep)"}, cmd_group_add},
    {{"group list", "[--schooljaar JAAR] [--json]", "toon de groepen"}, cmd_group_list},
    {{"group members", "GROEP [--json]", "toon de leerlingen en leerkrachten van een groep"}, cmd_group_members},
    {{"group join", "GROEP GEBRUIKERSNAAM...", "zet leerlingen of leerkrachten in een groep"}, cmd_group_join},
    {{"group leave", "GROEP GEBRUIKERSNAAM...", "haal leerlingen of leerkrachten uit een groep"}, cmd_group_leave},
    {{"roster generate", "--from MAANDAG --weeks N --template NAAM[,NAAM|-…] [--yes]",
      "maak het schoolrooster: een sjabloon per week (- = vakantieweek); --yes wist bestaande planning"}, cmd_roster_generate},
    {{"roster show", "--from MAANDAG [--weeks N]", "toon welke weken het rooster heeft"}, cmd_roster_show},
    {{"room add", "NAAM --capacity N", "voeg een lokaal toe met het aantal plaatsen (0 = onbekend)"}, cmd_room_add},
    {{"room list", "[--json]", "toon de lokalen, hun plaatsen en hoeveel lessen ze gebruiken"}, cmd_room_list},
    {{"template list", "[--json]", "toon de weeksjablonen met hun tijdsloten, lessen en roosterweken"}, cmd_template_list},
    {{"template add", "NAAM", "maak een leeg weeksjabloon"}, cmd_template_add},
    {{"template delete", "NAAM", "verwijder een weeksjabloon met zijn tijdsloten en lessen (niet als het rooster het gebruikt)"},
     cmd_template_delete},
    {{"template check", "NAAM", "toon elke botsing in een weeksjabloon (FOUT: geweigerd, LET OP: waarschuwing); 1 bij een FOUT"},
     cmd_template_check},
    {{"template export", "NAAM --csv [--output BESTAND]", "schrijf een weeksjabloon als CSV voor een spreadsheet (standaard naar stdout)"},
     cmd_template_export},
    {{"template import", "BESTAND [--name NAAM] [--dry-run]",
      "maak een weeksjabloon uit een CSV; elke fout met haar regel, en bij een fout verandert er niets"}, cmd_template_import},
    {{"export ical", "--user NAAM [--from DATUM] [--weeks N] [--output BESTAND]",
      "de lessen van iemand als iCalendar-bestand (Europe/Amsterdam)"}, cmd_export_ical},
    {{"export overview",
      "--group GROEP|--student NAAM [--format csv|html] [--table leerdoelen|leerlingen] [--from DATUM --to DATUM]"
      " [--niveau NIVEAU] [--hoofdgebied NAAM] [--deelgebied NAAM] [--output BESTAND]",
      "Leerdoeloverzicht van een groep: per leerdoel de statussen, per leerling de voortgang (CSV of afdrukbare HTML)"},
     cmd_export_overview},
    {{"curriculum export", "[--output BESTAND]", "schrijf alle leerdoelen als CSV voor een spreadsheet (standaard naar stdout)"},
     cmd_curriculum_export},
    {{"curriculum import", "BESTAND [--dry-run]",
      "voeg leerdoelen toe of werk ze bij uit een CSV; elke fout met haar regel, en bij een fout verandert er niets"},
     cmd_curriculum_import},
    {{"import edex", "BESTAND [--dry-run] [--schooljaar JAAR]",
      "lees een EDEXML-export uit ParnasSys als de hele school (leerlingen, leerkrachten, groepen); bij een fout verandert er niets"},
     cmd_import_edex},
    {{"import parents", "BESTAND [--no-invite] [--dry-run]",
      "lees ouders en verzorgers uit een CSV-export van ParnasSys en mail nieuwe ouders hun account (tenzij --no-invite)"},
     cmd_import_parents},
    {{"invite parents", "[--group GROEP] [--dry-run]",
      "mail de ouders die nog geen uitnodiging en geen wachtwoord hebben (met --group: alleen die van een groep)"},
     cmd_invite_parents},
    {{"sync status", "[--limit N]",
      "toon de sync-instellingen (nooit de sleutel), de laatste runs en de eigen groepen die opnieuw gekoppeld moeten worden"},
     cmd_sync_status},
    {{"sync", "[--dry-run]", "haal leerlingen, leerkrachten en groepen op uit ParnasSys (UWLR over HTTPS, zie [sync])"},
     cmd_sync},
    {{"audit", "[--since DATUM] [--user NAAM] [--kind SOORT] [--limit N] [--json]", "lees het auditlog"}, cmd_audit},
    {{"who", "[--json]", "wie er nu in de schermen is ingelogd (gebruiker, naam, rol, sinds, laatst gezien, pid)"}, cmd_who},
    {{"backup", "BESTAND [--force]",
      "maak een reservekopie terwijl er gewerkt wordt, gecontroleerd met integrity_check (--force vervangt BESTAND)"},
     cmd_backup},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_usage(FILE *out)
{
    fprintf(out,
            "Gebruik: klassenmap [--db PAD] [--config BESTAND] [--as GEBRUIKER | OPDRACHT [OPTIES]]\n"
            "Zonder opdracht opent klassenmap het scherm (in een terminal).\n\n"
            "Algemene opties:\n"
            "  --db PAD          de schooldatabase (anders KLASSENMAP_DB, dan 'database' in de configuratie)\n"
            "  --config BESTAND  het configuratiebestand (anders KLASSENMAP_CONFIG, dan %s/klassenmap/klassenmap.ini)\n"
            "  --as GEBRUIKER    open het scherm als GEBRUIKER, zonder inlogscherm (voor een ssh-sleutel in\n"
            "                    authorized_keys; alleen met [login] allow_as = ja)\n"
            "  --help, --version\n"
            "  --                einde van de opties: wat volgt is de opdracht (en daarna haar argumenten)\n\n"
            "Opdrachten:\n",
            KM_SYSCONFDIR);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-18s %s\n", commands[i].help.name, commands[i].help.what); /* two spaces at least */
    fprintf(out, "\n'klassenmap OPDRACHT --help' toont de opties van een opdracht.\n"
                 "Afsluitcodes: 0 gelukt, 1 fout (de melding staat op stderr), 2 verkeerd gebruik.\n");
}

/* "user add" is two words on the command line; find the longest name that matches. */
static const struct command *find_command(int argc, char **argv, int *words)
{
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *name = commands[i].help.name;
        const char *space = strchr(name, ' ');
        if (!space && strcmp(name, argv[0]) == 0) {
            *words = 1;
            return &commands[i];
        }
        if (space && argc > 1 && strncmp(name, argv[0], (size_t)(space - name)) == 0 &&
            strlen(argv[0]) == (size_t)(space - name) && strcmp(space + 1, argv[1]) == 0) {
            *words = 2;
            return &commands[i];
        }
    }
    return NULL;
}

bool cli_is_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *cmd = commands[i].help.name;
        size_t n = strcspn(cmd, " ");
        if (strlen(name) == n && strncmp(cmd, name, n) == 0)
            return true;
    }
    return false;
}

static int group_usage(const char *group)
{
    fprintf(stderr, "Gebruik:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strncmp(commands[i].help.name, group, strlen(group)) == 0 && commands[i].help.name[strlen(group)] == ' ')
            fprintf(stderr, "  klassenmap %s %s\n", commands[i].help.name, commands[i].help.usage);
    return EXIT_USAGE;
}

int cli_run(struct cli_ctx *c, int argc, char **argv)
{
    int words = 0;
    const struct command *cmd = find_command(argc, argv, &words);
    if (!cmd) {
        if (cli_is_command(argv[0])) {
            if (argc > 1 && strcmp(argv[1], "--help") != 0)
                fprintf(stderr, "klassenmap %s: onbekende opdracht '%.40s'.\n", argv[0], argv[1]);
            return group_usage(argv[0]);
        }
        fprintf(stderr, "klassenmap: onbekende opdracht '%.40s'; 'klassenmap --help' toont ze allemaal.\n", argv[0]);
        return EXIT_USAGE;
    }
    return cmd->fn(c, &cmd->help, argc - words + 1, argv + words - 1);
}

int cli_open(struct cli_ctx *c, enum db_open_mode mode, struct km_db **db, struct km_session *s)
{
    char err[600];
    if (db_open(c->db_path, mode, db, err, sizeof err) != KM_OK)
        return out_error("%s", err);
    session_server(s, *db);
    return 0;
}
