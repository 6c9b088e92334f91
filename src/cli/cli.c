#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "buildconf.h" /* KM_VERSION, KM_DATADIR, ...: made by the Makefile */
#include "cli/commands.h"
#include "cli/out.h"
#include "core/i18n.h"

struct command {
    struct cli_command_help help;
    cli_cmd_fn fn;
};

static const struct command commands[] = {
    {{"init", N_("--school NAAM [--brin CODE]"), N_("maak een nieuwe, lege schooldatabase")}, cmd_init},
    {{"demo", N_("[--size small|large|xl] [--seed N] [--password WW]"), N_("maak een demoschool met accounts per rol")},
     cmd_demo},
    {{"check", "", N_("controleer de database (integriteit, WAL, schema) en de configuratie")}, cmd_check},
    {{"user add", N_("--role ROL [--username NAAM] --name \"Roepnaam [voorvoegsel] Achternaam\" [--email ADRES]"),
      N_("voeg een gebruiker toe (rol: leerling, leerkracht, ouder, beheerder)")},
     cmd_user_add},
    {{"user list", N_("[--role ROL] [--all] [--json]"), N_("toon de gebruikers (--all: ook inactieve)")},
     cmd_user_list},
    {{"user show", N_("GEBRUIKERSNAAM [--json]"), N_("toon een gebruiker")}, cmd_user_show},
    {{"user deactivate", N_("GEBRUIKERSNAAM"), N_("zet een account op inactief (gegevens blijven bewaard)")},
     cmd_user_deactivate},
    {{"user unlock", N_("GEBRUIKERSNAAM"), N_("hef een blokkade na te veel mislukte logins op")}, cmd_user_unlock},
    {{"passwd", N_("GEBRUIKERSNAAM [--temporary]"),
      N_("stel een nieuw wachtwoord in (tweemaal zonder echo, of een regel van stdin); --temporary maakt er een en "
         "toont het eenmaal")},
     cmd_passwd},
    {{"group add",
      N_("NAAM [--kind stamgroep|samengesteld|eigen] [--schooljaar 2026-2027] [--jaargroep N] [--bron GROEP]"),
      N_("maak een groep (standaard een eigen groep)")},
     cmd_group_add},
    {{"group list", N_("[--schooljaar JAAR] [--json]"), N_("toon de groepen")}, cmd_group_list},
    {{"group members", N_("GROEP [--json]"), N_("toon de leerlingen en leerkrachten van een groep")},
     cmd_group_members},
    {{"group join", N_("GROEP GEBRUIKERSNAAM..."), N_("zet leerlingen of leerkrachten in een groep")}, cmd_group_join},
    {{"group leave", N_("GROEP GEBRUIKERSNAAM..."), N_("haal leerlingen of leerkrachten uit een groep")},
     cmd_group_leave},
    {{"group rename", N_("GROEP NIEUWE-NAAM"), N_("geef een groep een andere naam (niet een groep uit ParnasSys)")},
     cmd_group_rename},
    {{"group deactivate", N_("GROEP"), N_("zet een groep op inactief (leden en planning blijven bewaard)")},
     cmd_group_deactivate},
    {{"group activate", N_("GROEP"), N_("maak een gedeactiveerde groep weer actief")}, cmd_group_activate},
    {{"group bron", N_("GROEP BRON | GROEP --none"),
      N_("kies de stamgroep of samengestelde groep die een eigen groep volgt")},
     cmd_group_bron},
    {{"group relink", N_("[GROEP [BRON]] [--all] [--dry-run]"),
      N_("na het nieuwe schooljaar: toon de eigen groepen met het voorstel voor hun nieuwe bron, koppel er een of "
         "--all")},
     cmd_group_relink},
    {{"parent link", N_("OUDER LEERLING [--relation RELATIE]"),
      N_("koppel een ouder (niet uit ParnasSys) aan een leerling")},
     cmd_parent_link},
    {{"parent unlink", N_("OUDER LEERLING"), N_("haal de koppeling tussen een ouder en een leerling weg")},
     cmd_parent_unlink},
    {{"roster generate", N_("--from MAANDAG --weeks N --template NAAM[,NAAM|-…] [--yes]"),
      N_("maak het schoolrooster: een sjabloon per week (- = vakantieweek); --yes wist bestaande planning")},
     cmd_roster_generate},
    {{"roster show", N_("[--from MAANDAG [--weeks N]]"),
      N_("toon welke weken het rooster heeft (zonder --from: alle)")},
     cmd_roster_show},
    {{"room add", N_("NAAM --capacity N"), N_("voeg een lokaal toe met het aantal plaatsen (0 = onbekend)")},
     cmd_room_add},
    {{"room list", N_("[--json]"), N_("toon de lokalen, hun plaatsen en hoeveel lessen ze gebruiken")}, cmd_room_list},
    {{"template list", N_("[--json]"), N_("toon de weeksjablonen met hun tijdsloten, lessen en roosterweken")},
     cmd_template_list},
    {{"template add", N_("NAAM"), N_("maak een leeg weeksjabloon")}, cmd_template_add},
    {{"template delete", N_("NAAM"),
      N_("verwijder een weeksjabloon met zijn tijdsloten en lessen (niet als het rooster het gebruikt)")},
     cmd_template_delete},
    {{"template check", N_("NAAM"),
      N_("toon elke botsing in een weeksjabloon (FOUT: geweigerd, LET OP: waarschuwing); 1 bij een FOUT")},
     cmd_template_check},
    {{"template export", N_("NAAM --csv [--output BESTAND]"),
      N_("schrijf een weeksjabloon als CSV voor een spreadsheet (standaard naar stdout)")},
     cmd_template_export},
    {{"template import", N_("BESTAND [--name NAAM] [--dry-run]"),
      N_("maak een weeksjabloon uit een CSV; elke fout met haar regel, en bij een fout verandert er niets")},
     cmd_template_import},
    {{"export ical", N_("--user NAAM [--from DATUM] [--weeks N] [--output BESTAND]"),
      N_("de lessen van iemand als iCalendar-bestand (Europe/Amsterdam)")},
     cmd_export_ical},
    {{"export weekplan", N_("--group GROEP --week WEEK [--format html|pdf] [--output BESTAND]"),
      N_("de weektaak van een groep: per leerling een A4 met de lessen per dag, de leerdoelen en 'hier kan ik zelf aan "
         "werken'")},
     cmd_export_weekplan},
    {{"export overview",
      N_("--group GROEP|--student NAAM [--format csv|html] [--table leerdoelen|leerlingen] [--from DATUM --to DATUM]"
         " [--niveau NIVEAU] [--hoofdgebied NAAM] [--deelgebied NAAM] [--output BESTAND]"),
      N_("Leerdoeloverzicht van een groep: per leerdoel de statussen, per leerling de voortgang (CSV of afdrukbare "
         "HTML)")},
     cmd_export_overview},
    {{"curriculum export", N_("[--output BESTAND]"),
      N_("schrijf alle leerdoelen als CSV voor een spreadsheet (standaard naar stdout)")},
     cmd_curriculum_export},
    {{"curriculum import", N_("BESTAND [--dry-run]"),
      N_("voeg leerdoelen toe of werk ze bij uit een CSV; elke fout met haar regel, en bij een fout verandert er "
         "niets")},
     cmd_curriculum_import},
    {{"import edex", N_("BESTAND [--dry-run] [--schooljaar JAAR]"),
      N_("lees een EDEXML-export uit ParnasSys als de hele school (leerlingen, leerkrachten, groepen); bij een fout "
         "verandert er niets")},
     cmd_import_edex},
    {{"import parents", N_("BESTAND [--no-invite] [--dry-run]"),
      N_("lees ouders en verzorgers uit een CSV-export van ParnasSys en mail nieuwe ouders hun account (tenzij "
         "--no-invite)")},
     cmd_import_parents},
    {{"invite parents", N_("[--group GROEP] [--dry-run]"),
      N_("mail de ouders die nog geen uitnodiging en geen wachtwoord hebben (met --group: alleen die van een groep)")},
     cmd_invite_parents},
    {{"sync status", N_("[--limit N]"),
      N_("toon de sync-instellingen (nooit de sleutel), de laatste runs en de eigen groepen die opnieuw gekoppeld "
         "moeten worden")},
     cmd_sync_status},
    {{"sync", N_("[--dry-run]"),
      N_("haal leerlingen, leerkrachten en groepen op uit ParnasSys (UWLR over HTTPS, zie [sync])")},
     cmd_sync},
    {{"audit", N_("[--since DATUM] [--user NAAM] [--kind SOORT] [--limit N] [--json]"), N_("lees het auditlog")},
     cmd_audit},
    {{"who", N_("[--json]"),
      N_("wie er nu in de schermen is ingelogd (gebruiker, naam, rol, sinds, laatst gezien, pid)")},
     cmd_who},
    {{"backup", N_("BESTAND [--force]"),
      N_("maak een reservekopie terwijl er gewerkt wordt, gecontroleerd met integrity_check (--force vervangt "
         "BESTAND)")},
     cmd_backup},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_usage(FILE *out)
{
    fprintf(
        out,
        _("Gebruik: klassenmap [--db PAD] [--config BESTAND] [--as GEBRUIKER | OPDRACHT [OPTIES]]\n"
          "Zonder opdracht opent klassenmap het scherm (in een terminal).\n\n"
          "Algemene opties:\n"
          "  --db PAD          de schooldatabase (anders KLASSENMAP_DB, dan 'database' in de configuratie)\n"
          "  --config BESTAND  het configuratiebestand (anders KLASSENMAP_CONFIG, dan %s/klassenmap/klassenmap.ini)\n"
          "  --as GEBRUIKER    open het scherm als GEBRUIKER, zonder inlogscherm (voor een ssh-sleutel in\n"
          "                    authorized_keys; alleen met [login] allow_as = ja)\n"
          "  --help, --version\n"
          "  --                einde van de opties: wat volgt is de opdracht (en daarna haar argumenten)\n\n"
          "Opdrachten:\n"),
        KM_SYSCONFDIR);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-18s %s\n", commands[i].help.name, i18n_tr(commands[i].help.what)); /* two spaces at least */
    fprintf(out, _("\n'klassenmap OPDRACHT --help' toont de opties van een opdracht.\n"
                   "Afsluitcodes: 0 gelukt, 1 fout (de melding staat op stderr), 2 verkeerd gebruik.\n"));
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
            fprintf(stderr, "  klassenmap %s %s\n", commands[i].help.name, i18n_tr(commands[i].help.usage));
    return EXIT_USAGE;
}

int cli_run(struct cli_ctx *c, int argc, char **argv)
{
    int words = 0;
    const struct command *cmd = find_command(argc, argv, &words);
    if (!cmd) {
        if (cli_is_command(argv[0])) {
            if (argc > 1 && strcmp(argv[1], "--help") != 0)
                fprintf(stderr, _("klassenmap %s: onbekende opdracht '%.40s'.\n"), argv[0], argv[1]);
            return group_usage(argv[0]);
        }
        fprintf(stderr, _("klassenmap: onbekende opdracht '%.40s'; 'klassenmap --help' toont ze allemaal.\n"), argv[0]);
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
