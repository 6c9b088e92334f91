/* Tables for the demo school: names as a Dutch primary school has them (diacritics, voorvoegsels,
 * Turkish, Moroccan and Vietnamese family names) and a curriculum with goals worded as schools do
 * ("Ik kan ..."). Only data; demo.c decides how to combine it. */
#include "core/demo_names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *const demo_child_names[] = {
    "Daniëlle", "Zoë",   "Noë",    "Chloë",    "Anaïs",  "Thijs",   "Sem",     "Fleur",  "Mila",  "Daan",   "Lotte",
    "Bram",     "Saïd",  "Yusuf",  "Mohammed", "Aylin",  "Emre",    "Eliza",   "Jesse",  "Noah",  "Liam",   "Luuk",
    "Lucas",    "Finn",  "Levi",   "Milan",    "Julia",  "Emma",    "Tess",    "Sophie", "Sara",  "Nora",   "Anna",
    "Evi",      "Saar",  "Lieke",  "Jasmijn",  "Fenna",  "Hanna",   "Roos",    "Vera",   "Jens",  "Ruben",  "Gijs",
    "Stijn",    "Niek",  "Teun",   "Mees",     "Siem",   "Hidde",   "Olivier", "Guus",   "Ayoub", "Adam",   "Amira",
    "Yasmina",  "Ilyas", "Elif",   "Zeynep",   "Defne",  "Mert",    "Thijmen", "Joëlle", "Maël",  "Mats",   "Sven",
    "Femke",    "Isa",   "Lina",   "Noor",     "Jayden", "Kai",     "Owen",    "Bo",     "Floor", "Loïs",   "Inès",
    "Rayan",    "Imane", "Minh",   "Ties",     "Jurre",  "Morris",  "Sepp",    "Lars",   "Boaz",  "Job",    "Pepijn",
    "Vince",    "Dex",   "Ravi",   "Hamza",    "Bilal",  "Ibrahim", "Omar",    "Kerem",  "Baran", "Quinn",  "Julian",
    "Benjamin", "Sofie", "Liv",    "Nina",     "Puck",   "Yara",    "Ivy",     "Elin",   "Luna",  "Feline", "Maud",
    "Romy",     "Esmée", "Amélie", "Céline",   "Nadia",  "Salma",   "Hiba",    "Ecrin",  "Dewi",  "Linh",
};
const size_t demo_child_names_n = COUNT(demo_child_names);

const char *const demo_adult_names[] = {
    "Sjoerd", "Marieke",    "Jeroen",     "Femke",   "Mark",    "Linda",     "Ingrid",  "Kees",    "Annelies",
    "Bas",    "Esther",     "Dennis",     "Sandra",  "Marco",   "Petra",     "Wouter",  "Ilse",    "Joost",
    "Karin",  "Hatice",     "Fatima",     "Ahmed",   "Mustafa", "Khadija",   "Mehmet",  "Ayşe",    "Noor",
    "Rik",    "Maaike",     "Niels",      "Marloes", "Thomas",  "Sanne",     "Erik",    "Anouk",   "Martijn",
    "Judith", "Pieter",     "Hanneke",    "Rachid",  "Naima",   "Lan",       "Thanh",   "René",    "Hélène",
    "Geert",  "Wendy",      "Frédérique", "Jolanda", "Arjen",   "Mirjam",    "Youssef", "Samira",  "Hakan",
    "Özlem",  "Jan-Willem", "Anne-Marie", "Bart",    "Chantal", "Remco",     "Harm",    "Gerrit",  "Ruud",
    "Frank",  "Edwin",      "Richard",    "Monique", "Miranda", "Yvonne",    "Saskia",  "Bianca",  "Kim",
    "Tamara", "Joyce",      "Nicole",     "Robin",   "Sander",  "Jasper",    "Tim",     "Michiel", "Koen",
    "Iris",   "Elske",      "Wietske",    "Hendrik", "Dirk",    "Marjolein", "Hülya",   "Emine",   "Abdelkader",
    "Loubna", "Hasan",      "Büşra",      "Dorien",  "Hanna",
};
const size_t demo_adult_names_n = COUNT(demo_adult_names);

const struct demo_surname demo_surnames[] = {
    {"de", "Jong"},       {"", "Jansen"},       {"de", "Vries"},  {"van den", "Berg"}, {"van", "Dijk"},
    {"", "Bakker"},       {"", "Visser"},       {"", "Smit"},     {"", "Meijer"},      {"de", "Boer"},
    {"", "Mulder"},       {"de", "Groot"},      {"", "Bos"},      {"", "Vos"},         {"", "Peters"},
    {"", "Hendriks"},     {"van", "Leeuwen"},   {"", "Dekker"},   {"", "Brouwer"},     {"de", "Wit"},
    {"", "Dijkstra"},     {"", "Smits"},        {"de", "Graaf"},  {"van der", "Meer"}, {"van der", "Linden"},
    {"", "Kok"},          {"", "Jacobs"},       {"de", "Haan"},   {"", "Vermeulen"},   {"van den", "Heuvel"},
    {"van der", "Veen"},  {"van den", "Broek"}, {"de", "Bruijn"}, {"van 't", "Hof"},   {"van 't", "Veer"},
    {"in 't", "Veld"},    {"ter", "Horst"},     {"ter", "Haar"},  {"", "Kuipers"},     {"", "Çelik"},
    {"", "Yılmaz"},       {"", "Öztürk"},       {"", "Kaya"},     {"", "Demir"},       {"", "Şahin"},
    {"", "El Amrani"},    {"", "Nguyễn"},       {"", "Tran"},     {"", "Bouzid"},      {"", "Benali"},
    {"", "Hof"},          {"", "Postma"},       {"", "Hoekstra"}, {"", "Kramer"},      {"", "Schouten"},
    {"", "Prins"},        {"", "Huisman"},      {"", "Koster"},   {"", "Willems"},     {"", "Hermans"},
    {"", "Verhoeven"},    {"van", "Beek"},      {"van", "Vliet"}, {"", "Wijnands"},    {"", "Ouali"},
    {"", "Bosman"},       {"van", "Wijk"},      {"van", "Dam"},   {"", "Timmermans"},  {"", "Groen"},
    {"", "Gerritsen"},    {"", "Bosch"},        {"van", "Loon"},  {"", "Evers"},       {"van der", "Heijden"},
    {"van den", "Bosch"}, {"", "Lammers"},      {"", "Scholten"}, {"", "Veenstra"},    {"", "Wouters"},
    {"", "Maas"},         {"van", "Rijn"},      {"de", "Ruiter"}, {"", "Claassen"},    {"", "Aksoy"},
    {"", "Arslan"},       {"", "Doğan"},        {"", "Koç"},      {"", "Bulut"},       {"", "Boukhari"},
    {"", "Haddou"},       {"", "Achahbar"},     {"", "Lê"},       {"van 't", "Zand"},  {"in 't", "Anker"},
    {"ter", "Beek"},      {"van der", "Wal"},   {"de", "Lange"},
};
const size_t demo_surnames_n = COUNT(demo_surnames);

/* '#' in a rekenen title stands for the niveau's number range. */
const char *const demo_niveau_range[8] = {
    "tot 10", "tot 20", "tot 100", "tot 1000", "tot 10.000", "tot 100.000", "tot 1.000.000", "tot een miljard",
};

static const char *const t_getallen[] = {
    "Ik kan getallen # lezen en schrijven",
    "Ik kan getallen # op de getallenlijn plaatsen",
    "Ik kan getallen # vergelijken en ordenen",
    "Ik kan tellen en terugtellen met sprongen #",
    "Ik weet hoe getallen # zijn opgebouwd",
    "Ik kan getallen # splitsen op verschillende manieren",
    "Ik kan getallen # afronden",
    "Ik kan schatten hoeveel iets ongeveer is",
    "Ik kan even en oneven getallen herkennen",
    "Ik kan negatieve getallen op de getallenlijn plaatsen",
};
static const char *const t_bewerkingen[] = {
    "Ik kan optellen en aftrekken #",
    "Ik kan de tafels van 1 tot en met 10 uit mijn hoofd",
    "Ik kan vermenigvuldigen #",
    "Ik kan delen met en zonder rest",
    "Ik kan handig rekenen door te splitsen en te compenseren",
    "Ik kan een verhaalsom omzetten in een bewerking",
    "Ik kan cijferend optellen en aftrekken",
    "Ik kan de uitkomst van een som schatten",
    "Ik kan cijferend vermenigvuldigen",
    "Ik kan een staartdeling maken",
    "Ik kan met de rekenmachine rekenen en mijn uitkomst controleren",
};
static const char *const t_breuken[] = {
    "Ik kan breuken herkennen in een plaatje",
    "Ik kan een geheel eerlijk verdelen",
    "Ik kan breuken op de getallenlijn zetten",
    "Ik kan breuken vergelijken met gelijke noemers",
    "Ik kan gelijkwaardige breuken maken",
    "Ik kan breuken vergelijken met ongelijke noemers",
    "Ik kan breuken vereenvoudigen",
    "Ik kan een breuk van een hoeveelheid uitrekenen",
    "Ik kan breuken optellen en aftrekken",
    "Ik kan breuken omzetten in kommagetallen",
    "Ik kan rekenen met kommagetallen",
    "Ik kan een verhoudingstabel gebruiken",
    "Ik kan procenten uitrekenen",
};
static const char *const t_meten[] = {
    "Ik kan lengtes vergelijken",
    "Ik kan klokkijken op een analoge klok",
    "Ik kan lengte meten met een liniaal",
    "Ik kan klokkijken op een digitale klok",
    "Ik kan rekenen met geld",
    "Ik kan een kalender gebruiken",
    "Ik kan lengtematen omrekenen (mm, cm, dm, m, km)",
    "Ik kan rekenen met tijd en tijdsduur",
    "Ik kan gewicht meten en omrekenen (g, kg)",
    "Ik kan inhoud meten en omrekenen (ml, l)",
    "Ik kan de omtrek van een figuur berekenen",
    "Ik kan de oppervlakte van een rechthoek berekenen",
    "Ik kan de inhoud van een balk berekenen",
};
static const char *const t_meetkunde[] = {
    "Ik kan vlakke figuren herkennen en benoemen",
    "Ik kan ruimtelijke figuren herkennen en benoemen",
    "Ik kan symmetrie herkennen en een spiegelbeeld tekenen",
    "Ik kan een plattegrond lezen",
    "Ik kan hoeken benoemen (recht, scherp, stomp)",
    "Ik kan aanzichten van een blokkenbouwsel tekenen",
    "Ik kan coördinaten gebruiken in een rooster",
    "Ik kan een bouwplaat van een kubus maken",
    "Ik kan de windrichtingen gebruiken",
    "Ik kan een figuur vergroten en verkleinen",
    "Ik kan werken met de schaal van een kaart",
};
static const char *const t_verbanden[] = {
    "Ik kan een patroon herkennen en voortzetten",
    "Ik kan een tabel aflezen",
    "Ik kan gegevens ordenen in een tabel",
    "Ik kan een staafdiagram lezen en maken",
    "Ik kan een dienstregeling lezen",
    "Ik kan een lijndiagram lezen en maken",
    "Ik kan een grafiek in eigen woorden beschrijven",
    "Ik kan een cirkeldiagram lezen",
    "Ik kan het gemiddelde uitrekenen",
};
static const char *const t_woordenschat[] = {
    "Ik ken woorden die bij het thema horen",
    "Ik kan de betekenis van een nieuw woord uitleggen",
    "Ik kan woorden in een woordweb ordenen",
    "Ik kan synoniemen en tegenstellingen bedenken",
    "Ik kan de betekenis van een woord uit de tekst afleiden",
    "Ik kan samenstellingen maken en uitleggen",
    "Ik kan een woordenboek gebruiken",
    "Ik kan voor- en achtervoegsels gebruiken",
    "Ik kan uitdrukkingen en spreekwoorden uitleggen",
};
static const char *const t_taalbeschouwing[] = {
    "Ik kan enkelvoud en meervoud gebruiken",
    "Ik kan zinnen in de goede volgorde zetten",
    "Ik kan zelfstandige naamwoorden herkennen",
    "Ik kan werkwoorden herkennen",
    "Ik kan bijvoeglijke naamwoorden herkennen",
    "Ik kan leestekens goed gebruiken",
    "Ik kan de persoonsvorm vinden",
    "Ik kan het onderwerp vinden",
    "Ik kan het gezegde benoemen",
    "Ik kan het lijdend voorwerp vinden",
};
static const char *const t_mondeling[] = {
    "Ik kan in de kring vertellen wat ik heb meegemaakt",
    "Ik kan luisteren naar een ander en een vraag stellen",
    "Ik kan duidelijk uitleggen hoe iets werkt",
    "Ik kan mijn mening geven en zeggen waarom",
    "Ik kan in een groepje overleggen en samen iets besluiten",
    "Ik kan een boekbespreking houden",
    "Ik kan een spreekbeurt houden",
    "Ik kan een interview afnemen",
    "Ik kan een presentatie geven met een digitaal hulpmiddel",
};
static const char *const t_technisch[] = {
    "Ik kan klanken koppelen aan letters",
    "Ik kan korte woorden vlot lezen",
    "Ik kan woorden met medeklinkerclusters lezen",
    "Ik kan woorden van twee lettergrepen lezen",
    "Ik kan lange woorden in stukjes hakken en lezen",
    "Ik kan een tekst op mijn AVI-niveau vlot lezen",
    "Ik kan zonder fouten voorlezen",
    "Ik kan met de goede intonatie voorlezen",
    "Ik kan leenwoorden lezen",
    "Ik kan een gedicht voordragen",
};
static const char *const t_begrijpend[] = {
    "Ik kan voorspellen waar een tekst over gaat",
    "Ik kan vragen bij een tekst beantwoorden",
    "Ik kan verwijswoorden in een tekst begrijpen",
    "Ik kan de hoofdgedachte van een tekst vinden",
    "Ik kan signaalwoorden herkennen",
    "Ik kan een tekst samenvatten",
    "Ik kan een schema van een tekst maken",
    "Ik kan feiten en meningen onderscheiden",
    "Ik kan het doel van de schrijver bepalen",
    "Ik kan informatie opzoeken in verschillende bronnen",
    "Ik kan beoordelen of een bron betrouwbaar is",
};
static const char *const t_werkwoord[] = {
    "Ik kan de stam van een werkwoord vinden",
    "Ik kan werkwoorden in de tegenwoordige tijd goed schrijven",
    "Ik weet wanneer ik -d, -t of -dt schrijf",
    "Ik kan werkwoorden in de verleden tijd goed schrijven",
    "Ik kan het voltooid deelwoord goed schrijven",
    "Ik kan sterke werkwoorden goed schrijven",
    "Ik kan de persoonsvorm in een vraagzin goed schrijven",
    "Ik kan het voltooid deelwoord als bijvoeglijk naamwoord schrijven",
    "Ik kan Engelse werkwoorden in een Nederlandse zin goed schrijven",
};
static const char *const t_categorie[] = {
    "Ik kan hakwoorden schrijven",
    "Ik kan zingwoorden schrijven",
    "Ik kan luchtwoorden schrijven",
    "Ik kan plankwoorden schrijven",
    "Ik kan hoofdletters goed gebruiken",
    "Ik kan woorden met ei en ij schrijven",
    "Ik kan woorden met au en ou schrijven",
    "Ik kan eer-, oor-, eur- en eel-woorden schrijven",
    "Ik kan de verdubbelregel toepassen",
    "Ik kan de verenkelregel toepassen",
    "Ik kan woorden met -ig en -lijk schrijven",
    "Ik kan woorden met een trema schrijven",
    "Ik kan leenwoorden uit het Frans en Engels schrijven",
};
static const char *const t_aardrijkskunde[] = {
    "Ik kan de weg naar school beschrijven",         "Ik kan een kaart lezen met de legenda",
    "Ik kan een route plannen met een kaart",        "Ik kan de provincies van Nederland aanwijzen",
    "Ik kan de grote rivieren van Nederland noemen", "Ik weet hoe Nederland zich beschermt tegen het water",
    "Ik kan de werelddelen en oceanen benoemen",     "Ik kan de landen van Europa aanwijzen",
    "Ik kan uitleggen hoe de seizoenen ontstaan",    "Ik kan de klimaatzones op de wereldkaart aanwijzen",
};
static const char *const t_geschiedenis[] = {
    "Ik kan vertellen hoe het vroeger was in mijn familie",
    "Ik kan een tijdlijn maken",
    "Ik kan vertellen hoe jagers en boeren leefden",
    "Ik kan vertellen over de Romeinen in Nederland",
    "Ik kan vertellen hoe mensen in de middeleeuwen leefden",
    "Ik kan uitleggen wat de Gouden Eeuw was",
    "Ik kan uitleggen wat een historische bron is",
    "Ik kan vertellen hoe de industriële revolutie het leven veranderde",
    "Ik kan vertellen over de Tweede Wereldoorlog",
    "Ik kan de tien tijdvakken in de goede volgorde zetten",
};
static const char *const t_natuur[] = {
    "Ik kan dieren indelen in groepen",          "Ik kan de levenscyclus van een plant beschrijven",
    "Ik kan uitleggen hoe mijn lichaam werkt",   "Ik kan een proef uitvoeren en opschrijven wat ik zie",
    "Ik kan uitleggen waarom we afval scheiden", "Ik kan een eenvoudige stroomkring maken",
    "Ik kan de kringloop van water beschrijven", "Ik kan uitleggen hoe een hefboom werkt",
    "Ik kan uitleggen wat zwaartekracht is",     "Ik kan een ontwerp maken, testen en verbeteren",
    "Ik kan het zonnestelsel beschrijven",
};

#define DEEL(name, code, t)                                                                                            \
    {                                                                                                                  \
        name, code, t, COUNT(t)                                                                                        \
    }

static const struct demo_deelgebied d_rekenen[] = {
    DEEL("getallen", "GE", t_getallen), DEEL("bewerkingen", "BW", t_bewerkingen), DEEL("breuken", "BR", t_breuken),
    DEEL("meten", "ME", t_meten),       DEEL("meetkunde", "MK", t_meetkunde),     DEEL("verbanden", "VB", t_verbanden),
};
static const struct demo_deelgebied d_taal[] = {
    DEEL("woordenschat", "WS", t_woordenschat),
    DEEL("taalbeschouwing", "TB", t_taalbeschouwing),
    DEEL("mondeling", "MO", t_mondeling),
};
static const struct demo_deelgebied d_lezen[] = {
    DEEL("technisch lezen", "TL", t_technisch),
    DEEL("begrijpend lezen", "BL", t_begrijpend),
};
static const struct demo_deelgebied d_spelling[] = {
    DEEL("werkwoordspelling", "WW", t_werkwoord),
    DEEL("categorieën", "CA", t_categorie),
};
static const struct demo_deelgebied d_wo[] = {
    DEEL("aardrijkskunde", "AK", t_aardrijkskunde),
    DEEL("geschiedenis", "GS", t_geschiedenis),
    DEEL("natuur en techniek", "NT", t_natuur),
};

const struct demo_hoofdgebied demo_curriculum[] = {
    {"rekenen", "RE", d_rekenen, COUNT(d_rekenen)}, {"taal", "TA", d_taal, COUNT(d_taal)},
    {"lezen", "LE", d_lezen, COUNT(d_lezen)},       {"spelling", "SP", d_spelling, COUNT(d_spelling)},
    {"wereldoriëntatie", "WO", d_wo, COUNT(d_wo)},
};
const size_t demo_curriculum_n = COUNT(demo_curriculum);

const char *const demo_title_suffixes[] = {
    "",
    " met een hulpmiddel",
    " zonder hulpmiddel",
    " en uitleggen hoe ik het doe",
    " in een nieuwe situatie",
    " samen met een maatje",
    " in een opdracht die ik zelf plan",
    " en een ander helpen",
};
const size_t demo_title_suffixes_n = COUNT(demo_title_suffixes);

/* '#' stands for the jaargroep. */
const char *const demo_eigen_patterns[] = {
    "rekenen niveau #", "leesclub groep #", "spelling extra groep #", "plusklas groep #", "woordenschat groep #",
};
const struct demo_area demo_eigen_areas[] = {
    {"RE", "BW"}, {"LE", "BL"}, {"SP", "WW"}, {"WO", "NT"}, {"TA", "WS"},
};
const size_t demo_eigen_patterns_n = COUNT(demo_eigen_patterns);
_Static_assert(COUNT(demo_eigen_areas) == COUNT(demo_eigen_patterns), "one area per eigen groep pattern");

/* Rekenen first thing in the morning (Monday two hours: the blokuur), then spelling or taal, lezen after the
 * pauze, wereldoriëntatie in the afternoon. */
const char *const demo_week_plan[DEMO_DAYS][DEMO_HOURS] = {
    {"RE", "RE", "LE", "TA", "WO"}, /* maandag */
    {"RE", "SP", "LE", "TA", "WO"}, /* dinsdag */
    {"RE", "TA", "LE", "SP", ""},   /* woensdag */
    {"RE", "SP", "LE", "TA", "WO"}, /* donderdag */
    {"RE", "TA", "LE", "SP", "WO"}, /* vrijdag */
};

const char *const demo_lesson_notes[] = {
    "Instructie aan de tafel; daarna zelfstandig",
    "Eerst samen op het bord, dan in tweetallen oefenen",
    "Verlengde instructie voor wie het nog lastig vindt",
    "Werkboek blz. 34 t/m 36; klaar? Dan de plustaak",
    "Kort herhalen van vorige week, daarna de nieuwe stof",
    "Stoplicht op tafel: rood is hulp nodig, groen is ik kan verder",
    "Coöperatief werken in groepjes van vier",
    "Chromebooks nodig: oefenen in het programma",
    "Afsluiten met een exitticket",
    "Start met een kort filmpje op het digibord",
};
const size_t demo_lesson_notes_n = COUNT(demo_lesson_notes);
