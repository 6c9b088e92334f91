# The Dutch words that give away an untranslated sentence, for the English suites (test_english_cli.sh and the
# screens of tests/tui/test_english.sh). The glossary's terms (leerling, leerkracht, groep, leerdoel, niveau,
# hoofdgebied, weeksjabloon, the menu names such as LOKALEN ...) stay Dutch in English too and are not listed.
DUTCH_WORDS="een niet geen wordt worden bestaat verwacht verwachten gemaakt gewijzigd toegevoegd verwijderd opdracht
opdrachten bestand gebruiker gebruikers wachtwoord wachtwoorden toon maak voeg verwijder heeft hebben moet moeten
alleen deze dit dat naar ook nieuw nieuwe opnieuw fout fouten ongeldig ongeldige onbekend onbekende tijdelijk
ingesteld gelukt mislukt proef regel kies geef terug opslaan annuleren zoeken gebruik afsluiten toegang gegevens
waarde getal datum ontbreekt zonder tussen bekijken wijzigen inloggen ingelogd verstuurd hoogstens minstens
gebruikersnaam vandaag morgen gisteren maandag dinsdag woensdag donderdag vrijdag zaterdag zondag weken
lessen notitie notities uitnodiging kinderen statussen bezig klaar welkom"

# dutch_in FILE DATA: the listed words found in FILE (whole words, any case), leaving out the words that DATA (the
# school's own data: names, goal titles, group names) contains, since those are the school's, not the program's.
dutch_in() {
    tr -cs '[:alpha:]' '\n' <"$2" | tr '[:upper:]' '[:lower:]' | sort -u >"$2.words"
    for _w in $DUTCH_WORDS; do
        grep -qx "$_w" "$2.words" && continue
        grep -qiw -- "$_w" "$1" && printf '%s ' "$_w"
    done
}
