/* Word tables for the normalization stage: titles, abbreviations, states,
 * months, acronyms, units and currencies.  Keeping them as data makes a new
 * abbreviation a one-line change.  English follows AP style (the state
 * abbreviations are AP's, not the postal codes, which are a separate table). */
#include <string.h>
#include "normalize_priv.h"

const char *nz_lookup(const nz_pair *t, const char *w, size_t n) {
  for (; t->from; t++)
    if (strlen(t->from) == n && !memcmp(t->from, w, n)) return t->to;
  return NULL;
}

const char *nz_lookup_ci(const nz_pair *t, const char *w, size_t n) {
  for (; t->from; t++) {
    if (strlen(t->from) != n) continue;
    size_t i = 0;
    for (; i < n; i++) {
      char a = t->from[i], c = w[i];
      if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
      if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
      if (a != c) break;
    }
    if (i == n) return t->to;
  }
  return NULL;
}

int nz_in_list(const char *const *list, const char *w, size_t n) {
  for (; *list; list++)
    if (strlen(*list) == n && !memcmp(*list, w, n)) return 1;
  return 0;
}

/* Titles that stand before a name. */
const nz_pair nz_en_titles[] = {
    {"Sen.", "Senator"}, {"Sens.", "Senators"}, {"Rep.", "Representative"},
    {"Reps.", "Representatives"}, {"Gov.", "Governor"}, {"Govs.", "Governors"},
    {"Lt.", "Lieutenant"}, {"Gen.", "General"}, {"Gens.", "Generals"}, {"Sgt.", "Sergeant"},
    {"Capt.", "Captain"}, {"Prof.", "Professor"}, {"Rev.", "Reverend"}, {"Atty.", "Attorney"},
    {"Dr.", "Doctor"}, {"Drs.", "Doctors"}, {"Col.", "Colonel"}, {"Maj.", "Major"},
    {"Cpl.", "Corporal"}, {"Pvt.", "Private"}, {"Adm.", "Admiral"}, {"Cmdr.", "Commander"},
    {"Cdr.", "Commander"}, {"Brig.", "Brigadier"}, {"Supt.", "Superintendent"},
    {"Insp.", "Inspector"}, {"Det.", "Detective"}, {"Ofc.", "Officer"},
    {"Msgr.", "Monsignor"}, {"Fr.", "Father"}, {"Sr.", "Sister"}, {"Pres.", "President"},
    {"Sec.", "Secretary"}, {"Secs.", "Secretaries"}, {"Amb.", "Ambassador"},
    {"Gov.-elect", "Governor-elect"}, {"Sen.-elect", "Senator-elect"},
    {"Mr.", "Mister"}, {"Messrs.", "Messieurs"}, {"Mrs.", "Missus"}, {"Ms.", "Miz"},
    {"Mt.", "Mount"}, {"Ft.", "Fort"}, {"Pt.", "Point"}, {"Hon.", "Honorable"},
    {"Spc.", "Specialist"}, {"Sgt.Maj.", "Sergeant Major"}, {"Ald.", "Alderman"},
    {"Del.", "Delegate"}, {"Cllr.", "Councillor"}, {"Cllr", "Councillor"}, {"Assemblyman", "Assemblyman"},
    {NULL, NULL}};

/* Abbreviations read the same wherever they stand. */
const nz_pair nz_en_abbrev[] = {
    {"vs.", "versus"}, {"a.k.a.", "also known as"}, {"aka", "also known as"},
    {"Ph.D.", "P.H.D."}, {"Ph.D", "P.H.D."}, {"Apt.", "Apartment"}, {"apt.", "apartment"},
    {"ext.", "extension"}, {"Rte.", "Route"}, {"Gov't", "government"}, {"gov't", "government"}, {"vs", "versus"}, {"v.", "versus"}, {"Dept.", "Department"},
    {"dept.", "department"}, {"Jr.", "Junior"}, {"Inc.", "Incorporated"},
    {"Corp.", "Corporation"}, {"Ltd.", "Limited"}, {"Bros.", "Brothers"}, {"Co.", "Company"},
    {"Ave.", "Avenue"}, {"Blvd.", "Boulevard"}, {"Rd.", "Road"}, {"Hwy.", "Highway"},
    {"Pkwy.", "Parkway"}, {"Ln.", "Lane"}, {"Sq.", "Square"}, {"Univ.", "University"},
    {"Assn.", "Association"}, {"Assoc.", "Association"}, {"Natl.", "National"},
    {"Intl.", "International"}, {"Govt.", "Government"}, {"approx.", "approximately"},
    {"est.", "established"}, {"etc.", "et cetera"}, {"e.g.", "for example"},
    {"i.e.", "that is"}, 
    {"U.S.", "U.S."}, {"U.K.", "U.K."}, {"U.N.", "U.N."}, {"D.C.", "D.C."},
    {"E.U.", "E.U."}, {"U.S.A.", "U.S.A."}, {"Nos.", "numbers"}, {"no.", "number"},
    {"Aug.", "August"}, {"Mon.", "Monday"}, {"Tues.", "Tuesday"}, {"Wed.", "Wednesday"},
    {"Thurs.", "Thursday"}, {"Fri.", "Friday"}, {"Sat.", "Saturday"}, {"Sun.", "Sunday"},
    {"min.", "minutes"}, {"max.", "maximum"}, {"yr.", "year"}, {"yrs.", "years"},
    {"mos.", "months"}, {"pct.", "percent"}, {"ca.", "circa"}, {"cf.", "compare"},
    {NULL, NULL}};

/* AP state abbreviations (used after a city and in party tags). */
const nz_pair nz_en_states[] = {
    {"Ala.", "Alabama"}, {"Ariz.", "Arizona"}, {"Ark.", "Arkansas"}, {"Calif.", "California"},
    {"Colo.", "Colorado"}, {"Conn.", "Connecticut"}, {"Del.", "Delaware"},
    {"Fla.", "Florida"}, {"Ga.", "Georgia"}, {"Ill.", "Illinois"}, {"Ind.", "Indiana"},
    {"Kan.", "Kansas"}, {"Kans.", "Kansas"}, {"Ky.", "Kentucky"}, {"La.", "Louisiana"},
    {"Md.", "Maryland"}, {"Mass.", "Massachusetts"}, {"Mich.", "Michigan"},
    {"Minn.", "Minnesota"}, {"Miss.", "Mississippi"}, {"Mo.", "Missouri"},
    {"Mont.", "Montana"}, {"Neb.", "Nebraska"}, {"Nebr.", "Nebraska"}, {"Nev.", "Nevada"},
    {"N.H.", "New Hampshire"}, {"N.J.", "New Jersey"}, {"N.M.", "New Mexico"},
    {"N.Mex.", "New Mexico"}, {"N.Y.", "New York"}, {"N.C.", "North Carolina"},
    {"N.D.", "North Dakota"}, {"Okla.", "Oklahoma"}, {"Ore.", "Oregon"}, {"Oreg.", "Oregon"},
    {"Pa.", "Pennsylvania"}, {"Penn.", "Pennsylvania"}, {"R.I.", "Rhode Island"},
    {"S.C.", "South Carolina"}, {"S.D.", "South Dakota"}, {"Tenn.", "Tennessee"},
    {"Tex.", "Texas"}, {"Vt.", "Vermont"}, {"Va.", "Virginia"}, {"Wash.", "Washington"},
    {"W.Va.", "West Virginia"}, {"W.Va", "West Virginia"}, {"Wis.", "Wisconsin"},
    {"Wisc.", "Wisconsin"}, {"Wyo.", "Wyoming"}, {"D.C.", "D.C."}, {"P.R.", "Puerto Rico"},
    {NULL, NULL}};

const nz_pair nz_en_postal[] = {
    {"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"},
    {"CA", "California"}, {"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"},
    {"FL", "Florida"}, {"GA", "Georgia"}, {"HI", "Hawaii"}, {"ID", "Idaho"},
    {"IL", "Illinois"}, {"IN", "Indiana"}, {"IA", "Iowa"}, {"KS", "Kansas"},
    {"KY", "Kentucky"}, {"LA", "Louisiana"}, {"ME", "Maine"}, {"MD", "Maryland"},
    {"MA", "Massachusetts"}, {"MI", "Michigan"}, {"MN", "Minnesota"}, {"MS", "Mississippi"},
    {"MO", "Missouri"}, {"MT", "Montana"}, {"NE", "Nebraska"}, {"NV", "Nevada"},
    {"NH", "New Hampshire"}, {"NJ", "New Jersey"}, {"NM", "New Mexico"}, {"NY", "New York"},
    {"NC", "North Carolina"}, {"ND", "North Dakota"}, {"OH", "Ohio"}, {"OK", "Oklahoma"},
    {"OR", "Oregon"}, {"PA", "Pennsylvania"}, {"RI", "Rhode Island"},
    {"SC", "South Carolina"}, {"SD", "South Dakota"}, {"TN", "Tennessee"}, {"TX", "Texas"},
    {"UT", "Utah"}, {"VT", "Vermont"}, {"VA", "Virginia"}, {"WA", "Washington"},
    {"WV", "West Virginia"}, {"WI", "Wisconsin"}, {"WY", "Wyoming"}, {NULL, NULL}};

const nz_pair nz_en_state_names[] = {
    {"Alaska", "Alaska"}, {"Hawaii", "Hawaii"}, {"Idaho", "Idaho"}, {"Iowa", "Iowa"},
    {"Maine", "Maine"}, {"Ohio", "Ohio"}, {"Texas", "Texas"}, {"Utah", "Utah"},
    {NULL, NULL}};

const nz_pair nz_en_months[] = {
    {"Jan.", "January"}, {"Feb.", "February"}, {"Mar.", "March"}, {"Apr.", "April"},
    {"Jun.", "June"}, {"Jul.", "July"}, {"Aug.", "August"}, {"Sep.", "September"},
    {"Sept.", "September"}, {"Oct.", "October"}, {"Nov.", "November"}, {"Dec.", "December"},
    {"January", "January"}, {"February", "February"}, {"March", "March"}, {"April", "April"},
    {"May", "May"}, {"June", "June"}, {"July", "July"}, {"August", "August"},
    {"September", "September"}, {"October", "October"}, {"November", "November"},
    {"December", "December"}, {"Jan", "January"}, {"Feb", "February"}, {"Sept", "September"},
    {"Oct", "October"}, {"Nov", "November"}, {"Dec", "December"}, {"Aug", "August"},
    {NULL, NULL}};

/* Acronyms espeak-ng 1.51 reads wrongly by itself, in the form it reads right. */
const nz_pair nz_en_acronyms[] = {
    {"GOP", "G.O.P."}, {"SEC", "S.E.C."}, {"US", "U.S."}, {"USA", "U.S.A."},
    {"COVID", "covid"}, {"Covid", "covid"}, {"NASA", "NASA"}, {"WHO", "W.H.O."},
    {"ACLU", "A.C.L.U."}, {"AP", "A.P."}, {"OK", "okay"}, {"AI", "A.I."},
    {"CEO", "C.E.O."}, {"CFO", "C.F.O."}, {"COO", "C.O.O."}, {"PAC", "pack"},
    {"PACs", "packs"}, {"NATO", "NATO"}, {"LGBTQ", "L.G.B.T.Q."}, {"LGBT", "L.G.B.T."},
    {"UAW", "U.A.W."}, {"ICE", "ICE"}, {"IOU", "I.O.U."}, {"SAT", "S.A.T."},
    {"PhD", "P.H.D."}, {"PhDs", "P.H.D.'s"}, {"Ph.D.", "P.H.D."}, {"MLB", "M.L.B."},
    {"NHL", "N.H.L."}, {"NCAA", "N.C.A.A."}, {"UFC", "U.F.C."}, {"AFP", "A.F.P."},
    {"IDF", "I.D.F."}, {"EU", "E.U."}, {"UN", "U.N."}, {"UK", "U.K."}, {"DOJ", "D.O.J."},
    {"OPEC", "OPEC"}, {"IT", "I.T."}, {"HUD", "HUD"}, {"JPMorgan", "J.P. Morgan"},
    {"USCIS", "U.S.C.I.S."}, {"NHTSA", "N.H.T.S.A."}, {"UNHCR", "U.N.H.C.R."},
    {"USAID", "U.S.A.I.D."}, {"CISA", "C.I.S.A."}, {"WWII", "World War two"}, {"WWI", "World War one"}, {"WW2", "World War two"},
    {"WW1", "World War one"}, {"mRNA", "m.R.N.A."}, {"NYC", "N.Y.C."}, {"COVID-19", "covid nineteen"},
    {"ALS", "A.L.S."}, {"ISO", "I.S.O."}, {"IVF", "I.V.F."}, {"EV", "E.V."}, {"EVs", "E.V.'s"},
    {"VAT", "V.A.T."}, {"UFC", "U.F.C."}, {"ROTC", "R.O.T.C."}, {"AC", "A.C."},
    {"TikTok", "TikTok"}, {"iPhone", "iPhone"}, {"MAGA", "maga"}, {"CHIPS", "chips"},
    {NULL, NULL}};

/* Capital-letter words said as words, not letter by letter. */
const char *const nz_en_acronym_words[] = {
    "NASA", "NATO", "NAFTA", "UNESCO", "UNICEF", "OPEC", "COVID", "AIDS", "FIFA", "UEFA", "CERN",
    "SWAT", "ASEAN", "MERS", "SARS", "POTUS", "SCOTUS", "FLOTUS", "GIF", "NASCAR", "FEMA",
    "OSHA", "HUD", "ICE", "NOAA", "LASIK", "ISIS", "ISIL", "DARPA", "IKEA", "LEGO", "MAGA",
    "NIMBY", "PIN", "PINs", "SIM", "RAM", "ROM", "RADAR", "LASER", "SCUBA", "TASER", "WASP",
    "YOLO", "EPCOT", "AWOL", "NORAD", "PEPFAR", "FOMO", "CHIPS", "ZIP", "CARES", "START",
    "SALT", "DACA", "UNRWA", "OK", "WAG", "BRICS", "MIRV", "FAQ", "LOL", "ANZAC", "SEAL",
    "SEALs", "NEET", "OFAC", "CONUS", "REIT", "REITs", "HAMAS", "TOEFL", "GOAT", "SPAC", "SPACs",
    "COP", "CAD", "CAT", "DOS", "JPEG", "MOMA", "MoMA", "NERF", "PAC", "PACs", "SAG", "AFTRA",
    "UNAIDS", "MENA", "APAC", "ACAS", "OFSTED", "OFCOM", "SNP", "DUP", "NICE", "ACRE",
    "TARP", "AMBER", "PAW", "CAF", "MAD", "RICO", "ERA", "SALT", "TED", "ELISA", "DEFCON",
    "JAMA", "FIRE", "SAFE", "CHAMPS", "HOPE", "DREAM", "SNAP", "WIC", "STEM", "STEAM",
    "ESPY", "EGOT", "NIL", "KISS", "ABBA", "INXS", "AC", "ROTC", "UFC", "GAAP", "FICO",
    "FAFSA", "HIPAA", "HIPPA", "CAPTCHA", "ASCII", "NAND", "CERT", "ISO", "PIP", "NEO",
    "ALS", "CON", "ARM", "GUI", "VAT", "AM", "PM", "IT", "A", "I", NULL};

/* Common short English words written in capitals for emphasis or in a
 * shouted headline: not acronyms, so not spelled out.  Words of four or
 * more letters with two vowels are recognised as words without this list. */
const char *const nz_en_common_caps[] = {
    "THE", "AND", "NOT", "BUT", "YOU", "NEW", "BIG", "ALL", "ARE", "WAS", "HAS", "HIS", "HER",
    "ONE", "TWO", "OUT", "NOW", "WAR", "WIN", "WON", "TOP", "HOT", "RED", "YES", "BAD", "FOR",
    "CAN", "BUY", "GOT", "GET", "SHE", "HIM", "WHY", "HOW", "WHO", "ANY", "HAD", "OUR", "DAY",
    "MAN", "OLD", "SEE", "WAY", "BOY", "DID", "ITS", "LET", "PUT", "SAY", "TOO", "USE", "MAY",
    "END", "FAR", "FEW", "LOT", "OFF", "OWN", "RUN", "SET", "SIX", "TEN", "TRY", "YET", "AGO",
    "AGE", "AIR", "ART", "ASK", "BED", "BOX", "CAR", "CUT", "DOG", "EAT", "EYE", "FUN", "GUN",
    "JOB", "KEY", "LAW", "LEG", "LIE", "LOW", "MOM", "DAD", "NON", "OIL", "PAY", "SEX", "SIT",
    "SON", "SUN", "TAX", "TOY", "VAN", "WET", "ZOO", "WOW", "HEY", "YAY", "OMG", "LOL", "MEN",
    "GOD", "HIT", "WHO", "SAD", "MAD", "ODD", "FAN", "FAT", "HUG", "KID", "MIX", "NET", "POP",
    "RAW", "ROW", "SKY", "TIP", "WIT", "BIT", "ACT", "ADD", "ARM", "BAN", "BET", "BUS", "CRY",
    "DRY", "FIX", "FLY", "GAS", "ICE", "INK", "JOY", "MAP", "MUD", "NUT", "PEN", "PIG", "RAT",
    "STOP", "JUST", "MUST", "BACK", "WITH", "FROM", "THAT", "THIS", "WHAT", "WHEN", "MOST",
    "BEST", "LAST", "NEXT", "MUCH", "SUCH", "BOTH", "ONLY", "VERY", "HELP", "KILL", "DEAD",
    "LIFT", "HOLD", "SELL", "DOWN", "NEWS", "LIVE", "SALE", "OPEN", "WELL", "WORD", "WORDS",
    "CARS", "THEM", "THEN", "THAN", "BANK", "BILL", "CASH", "TECH", "BUST", "SHOT", "WINS",
    "LOST", "RISK", "PLAN", "SAYS", "WARN", "CALL", "GETS", "FELL", "FALL", "HITS", "HURT",
    "BURN", "STAR", "ARMY", "CITY", "PLAY", "STAY", "KIDS", "WEST", "LAND", "LEFT", "SHOP",
    "FIRM", "FUND", "DRUG", "GUNS", "JOBS", "LAWS", "TAXES", "TALK", "WALK", "WANT", "WISH",
    "SICK", "RICH", "POOR", "FAST", "SLOW", "HIGH", "FULL", "HALF", "SEND", "SENT", "TOLD",
    "FIND", "KEPT", "BORN", "SONG", "FILM", "BOOK", "CLUB", "TEAM", "FANS", "GIRL", "GIRLS",
    "BOYS", "MOMS", "DADS", "WIFE", "BABY", "FOOD", "SHIP", "CROP", "SNOW", "WIND", "RAIN",
    "STORM", "WHY", "DONT", "CANT", "WONT", "ISNT", "OKAY", "SORRY", "THANK", "THANKS", "STILL",
    "SMALL", "RIGHT", "NIGHT", "WORLD", "FIRST", "THINK", "WATCH", "CHECK", "START", "CLICK",
    "MORE", "HERE", "READ", "VIDEO", "UPDATE", "BREAKING", "EXCLUSIVE", "URGENT", "NEWS", "ALERT",
    "LOOK", "LOOKS", "MUST", "SEE", "HUGE", "EPIC", "WINNER", "YEAR", "YEARS", "KIA", NULL};

const nz_pair nz_de_abbrev[] = {
    {"Dr.", "Doktor"}, {"Prof.", "Professor"}, {"z.B.", "zum Beispiel"},
    {"z. B.", "zum Beispiel"}, {"d. h.", "das heißt"}, {"u. a.", "unter anderem"},
    {"v. a.", "vor allem"}, {"z. T.", "zum Teil"}, {"u. U.", "unter Umständen"}, {"o. ä.", "oder ähnliches"}, {"usw.", "und so weiter"}, {"bzw.", "beziehungsweise"},
    {"ca.", "circa"}, {"Nr.", "Nummer"}, {"Mio.", "Millionen"}, {"Mrd.", "Milliarden"},
    {"Mio", "Millionen"}, {"Mrd", "Milliarden"}, {"d.h.", "das heißt"},
    {"u.a.", "unter anderem"}, {"St.", "Sankt"}, {"Hr.", "Herr"}, {"Fr.", "Frau"},
    {"Str.", "Straße"}, {"Jh.", "Jahrhundert"}, {"Abs.", "Absatz"}, {"inkl.", "inklusive"},
    {"zzgl.", "zuzüglich"}, {"evtl.", "eventuell"}, {"ggf.", "gegebenenfalls"},
    {"Tsd.", "Tausend"}, {"vgl.", "vergleiche"}, {"bzgl.", "bezüglich"}, {"sog.", "sogenannte"},
    {"gem.", "gemäß"}, {"Mrd.", "Milliarden"}, {"v.a.", "vor allem"}, {"z.T.", "zum Teil"},
    {"o.ä.", "oder ähnliches"}, {"u.U.", "unter Umständen"}, {"Bd.", "Band"},
    {"Dipl.", "Diplom"}, {"Ing.", "Ingenieur"}, {"Abg.", "Abgeordnete"},
    {"Std.", "Stunden"}, {"Min.", "Minuten"}, {"Sek.", "Sekunden"}, {"Mo.", "Montag"},
    {"Di.", "Dienstag"}, {"Mi.", "Mittwoch"}, {"Do.", "Donnerstag"}, {"Fr.", "Freitag"},
    {"Sa.", "Samstag"}, {"So.", "Sonntag"}, {"&", "und"}, {"%", "Prozent"},
    {"Jan.", "Januar"}, {"Feb.", "Februar"}, {"Aug.", "August"}, {"Sept.", "September"},
    {"Okt.", "Oktober"}, {"Nov.", "November"}, {"Dez.", "Dezember"},
    {"EU", "EU"}, {"USA", "USA"}, {NULL, NULL}};

const nz_pair nz_fr_abbrev[] = {
    {"M.", "Monsieur"}, {"MM.", "Messieurs"}, {"Mme", "Madame"}, {"Mmes", "Mesdames"},
    {"Mlle", "Mademoiselle"}, {"Dr", "Docteur"}, {"Dr.", "Docteur"}, {"Pr", "Professeur"},
    {"Me", "Maître"}, {"St", "Saint"}, {"Ste", "Sainte"}, {"St-", "Saint"},
    {"n°", "numéro"}, {"N°", "numéro"}, {"etc.", "et cetera"},
    {"av.", "avenue"}, {"bd", "boulevard"}, {"bd.", "boulevard"}, {"env.", "environ"},
    {"Mgr", "Monseigneur"}, {"&", "et"}, {"%", "pour cent"}, {"càd", "c'est-à-dire"},
    {"c.-à-d.", "c'est-à-dire"}, {"p.", "page"}, {"hab.", "habitants"},
    {"M€", "millions d'euros"}, {"Md€", "milliards d'euros"}, {"Mds", "milliards"},
    {"Md", "milliard"}, {"janv.", "janvier"}, {"févr.", "février"}, {"avr.", "avril"},
    {"juil.", "juillet"}, {"sept.", "septembre"}, {"oct.", "octobre"}, {"nov.", "novembre"},
    {"déc.", "décembre"}, {NULL, NULL}};

const nz_pair nz_es_abbrev[] = {
    {"Sr.", "señor"}, {"Sra.", "señora"}, {"Srta.", "señorita"}, {"Sres.", "señores"},
    {"Dr.", "doctor"}, {"Dra.", "doctora"}, {"Lic.", "licenciado"}, {"Ing.", "ingeniero"},
    {"Prof.", "profesor"}, {"EE.UU.", "Estados Unidos"}, {"EEUU", "Estados Unidos"},
    {"etc.", "etcétera"}, {"núm.", "número"}, {"Núm.", "número"}, {"nº", "número"},
    {"n.º", "número"}, {"No.", "número"}, {"Ud.", "usted"}, {"Uds.", "ustedes"},
    {"pág.", "página"}, {"aprox.", "aproximadamente"}, {"Av.", "avenida"},
    {"Avda.", "avenida"}, {"Gral.", "general"}, {"Pdte.", "presidente"}, {"Sto.", "santo"},
    {"Sta.", "santa"}, {"S.A.", "sociedad anónima"}, {"&", "y"}, {"%", "por ciento"},
    {"a.C.", "antes de Cristo"}, {"d.C.", "después de Cristo"}, {"ene.", "enero"},
    {"feb.", "febrero"}, {"abr.", "abril"}, {"ago.", "agosto"}, {"sept.", "septiembre"},
    {"oct.", "octubre"}, {"nov.", "noviembre"}, {"dic.", "diciembre"}, {NULL, NULL}};

const nz_pair nz_de_months[] = {
    {"Januar", "Januar"}, {"Jänner", "Jänner"}, {"Februar", "Februar"}, {"März", "März"},
    {"April", "April"}, {"Mai", "Mai"}, {"Juni", "Juni"}, {"Juli", "Juli"},
    {"August", "August"}, {"September", "September"}, {"Oktober", "Oktober"},
    {"November", "November"}, {"Dezember", "Dezember"}, {"Jan.", "Januar"},
    {"Feb.", "Februar"}, {"Aug.", "August"}, {"Sept.", "September"}, {"Okt.", "Oktober"},
    {"Nov.", "November"}, {"Dez.", "Dezember"}, {NULL, NULL}};

const nz_pair nz_fr_months[] = {
    {"janvier", "janvier"}, {"février", "février"}, {"mars", "mars"}, {"avril", "avril"},
    {"mai", "mai"}, {"juin", "juin"}, {"juillet", "juillet"}, {"août", "août"},
    {"septembre", "septembre"}, {"octobre", "octobre"}, {"novembre", "novembre"},
    {"décembre", "décembre"}, {NULL, NULL}};

const nz_pair nz_es_months[] = {
    {"enero", "enero"}, {"febrero", "febrero"}, {"marzo", "marzo"}, {"abril", "abril"},
    {"mayo", "mayo"}, {"junio", "junio"}, {"julio", "julio"}, {"agosto", "agosto"},
    {"septiembre", "septiembre"}, {"setiembre", "setiembre"}, {"octubre", "octubre"},
    {"noviembre", "noviembre"}, {"diciembre", "diciembre"}, {NULL, NULL}};

const char *const nz_en_regnal[] = {
    "Charles", "Elizabeth", "Henry", "George", "Edward", "William", "Louis", "John", "Paul",
    "Benedict", "Pius", "Leo", "Gregory", "Richard", "James", "Mary", "Philip", "Frederick",
    "Alexander", "Nicholas", "Peter", "Ivan", "Carlos", "Felipe", "Gustaf", "Harald", "Olav",
    "Willem-Alexander", "Albert", "Rainier", "Constantine", "Henri", "Napoleon", "Franz",
    "Ludwig", "Wilhelm", "Friedrich", "Catherine", "Isabella", "Ferdinand", "Alfonso",
    "Juan", "Victor", "Emmanuel", "Urban", "Clement", "Innocent", "Boniface", "Sixtus",
    "Abdullah", "Mohammed", "Hussein", "Rama", "Haakon", "Margrethe", "Christian",
    "Frederik", "Carl", "Philippe", "Baudouin", "Leopold", "Jr", "King", "Gates", "Bush",
    "Sr", "Rockefeller", "Vanderbilt", "Roosevelt", "Kennedy", "Stephen", "Robert", "David",
    "Michael", "Thomas", "Joseph", "Francis", "Martin", "Alexios", "Otto", "Rudolf",
    NULL};

const char *const nz_en_numbered[] = {
    "War", "Bowl", "Title", "Episode", "Part", "Phase", "Chapter", "Act", "Vatican",
    "Apollo", "Stage", "Class", "Type", "Level", "Grade", "Category", "Article", "Section",
    "Amendment", "Volume", "Rocky", "Olympiad", "Division", "Tier", "Book", "Schedule",
    "Mark", "Star", "Wars", "Gemini", "Liga", "Ligue", "Serie", "Annex", "Appendix", "Round",
    "Game", "Trial", "Trials", "Basel", "Pillar", "Zone", "Block", "Unit", "Grand",
    NULL};

const char *const nz_en_year_before[] = {
    "in", "In", "since", "Since", "of", "by", "By", "from", "From", "until", "Until", "till",
    "before", "Before", "after", "After", "year", "the", "The", "between", "Between", "and",
    "to", "during", "During", "through", "early", "late", "mid", "spring", "summer", "fall",
    "autumn", "winter", "circa", "around", "around", "ended", "began", "begin", "for", "For",
    "on", "season", "election", "born", "Born", "died", "fiscal", "FY", "Class", "class",
    "vintage", "model", NULL};

#define U4(a, b, c, d) {a, b, c, d}
const nz_unit nz_units[] = {
    {"mph", U4("mile per hour", "Meile pro Stunde", "mile par heure", "milla por hora"),
     U4("miles per hour", "Meilen pro Stunde", "miles par heure", "millas por hora")},
    {"km/h", U4("kilometer per hour", "Kilometer pro Stunde", "kilomètre par heure", "kilómetro por hora"),
     U4("kilometers per hour", "Kilometer pro Stunde", "kilomètres par heure", "kilómetros por hora")},
    {"kph", U4("kilometer per hour", "Kilometer pro Stunde", "kilomètre par heure", "kilómetro por hora"),
     U4("kilometers per hour", "Kilometer pro Stunde", "kilomètres par heure", "kilómetros por hora")},
    {"km", U4("kilometer", "Kilometer", "kilomètre", "kilómetro"),
     U4("kilometers", "Kilometer", "kilomètres", "kilómetros")},
    {"kg", U4("kilogram", "Kilogramm", "kilogramme", "kilogramo"),
     U4("kilograms", "Kilogramm", "kilogrammes", "kilogramos")},
    {"cm", U4("centimeter", "Zentimeter", "centimètre", "centímetro"),
     U4("centimeters", "Zentimeter", "centimètres", "centímetros")},
    {"mm", U4("millimeter", "Millimeter", "millimètre", "milímetro"),
     U4("millimeters", "Millimeter", "millimètres", "milímetros")},
    {"mg", U4("milligram", "Milligramm", "milligramme", "miligramo"),
     U4("milligrams", "Milligramm", "milligrammes", "miligramos")},
    {"g", U4("gram", "Gramm", "gramme", "gramo"), U4("grams", "Gramm", "grammes", "gramos")},
    {"lb", U4("pound", "Pfund", "livre", "libra"), U4("pounds", "Pfund", "livres", "libras")},
    {"lbs", U4("pound", "Pfund", "livre", "libra"), U4("pounds", "Pfund", "livres", "libras")},
    {"oz", U4("ounce", "Unze", "once", "onza"), U4("ounces", "Unzen", "onces", "onzas")},
    {"ft", U4("foot", "Fuß", "pied", "pie"), U4("feet", "Fuß", "pieds", "pies")},
    {"mi", U4("mile", "Meile", "mile", "milla"), U4("miles", "Meilen", "miles", "millas")},
    {"m", U4("meter", "Meter", "mètre", "metro"), U4("meters", "Meter", "mètres", "metros")},
    {"ha", U4("hectare", "Hektar", "hectare", "hectárea"),
     U4("hectares", "Hektar", "hectares", "hectáreas")},
    {"km²", U4("square kilometer", "Quadratkilometer", "kilomètre carré", "kilómetro cuadrado"),
     U4("square kilometers", "Quadratkilometer", "kilomètres carrés", "kilómetros cuadrados")},
    {"m²", U4("square meter", "Quadratmeter", "mètre carré", "metro cuadrado"),
     U4("square meters", "Quadratmeter", "mètres carrés", "metros cuadrados")},
    {"sq ft", U4("square foot", "Quadratfuß", "pied carré", "pie cuadrado"),
     U4("square feet", "Quadratfuß", "pieds carrés", "pies cuadrados")},
    {"ml", U4("milliliter", "Milliliter", "millilitre", "mililitro"),
     U4("milliliters", "Milliliter", "millilitres", "mililitros")},
    {"kW", U4("kilowatt", "Kilowatt", "kilowatt", "kilovatio"),
     U4("kilowatts", "Kilowatt", "kilowatts", "kilovatios")},
    {"MW", U4("megawatt", "Megawatt", "mégawatt", "megavatio"),
     U4("megawatts", "Megawatt", "mégawatts", "megavatios")},
    {"GW", U4("gigawatt", "Gigawatt", "gigawatt", "gigavatio"),
     U4("gigawatts", "Gigawatt", "gigawatts", "gigavatios")},
    {"kWh", U4("kilowatt hour", "Kilowattstunde", "kilowattheure", "kilovatio hora"),
     U4("kilowatt hours", "Kilowattstunden", "kilowattheures", "kilovatios hora")},
    {"GB", U4("gigabyte", "Gigabyte", "gigaoctet", "gigabyte"),
     U4("gigabytes", "Gigabyte", "gigaoctets", "gigabytes")},
    {"MB", U4("megabyte", "Megabyte", "mégaoctet", "megabyte"),
     U4("megabytes", "Megabyte", "mégaoctets", "megabytes")},
    {"TB", U4("terabyte", "Terabyte", "téraoctet", "terabyte"),
     U4("terabytes", "Terabyte", "téraoctets", "terabytes")},
    {"°C", U4("degree Celsius", "Grad Celsius", "degré Celsius", "grado Celsius"),
     U4("degrees Celsius", "Grad Celsius", "degrés Celsius", "grados Celsius")},
    {"°F", U4("degree Fahrenheit", "Grad Fahrenheit", "degré Fahrenheit", "grado Fahrenheit"),
     U4("degrees Fahrenheit", "Grad Fahrenheit", "degrés Fahrenheit", "grados Fahrenheit")},
    {"ºC", U4("degree Celsius", "Grad Celsius", "degré Celsius", "grado Celsius"),
     U4("degrees Celsius", "Grad Celsius", "degrés Celsius", "grados Celsius")},
    {"ºF", U4("degree Fahrenheit", "Grad Fahrenheit", "degré Fahrenheit", "grado Fahrenheit"),
     U4("degrees Fahrenheit", "Grad Fahrenheit", "degrés Fahrenheit", "grados Fahrenheit")},
    {"°", U4("degree", "Grad", "degré", "grado"), U4("degrees", "Grad", "degrés", "grados")},
    {"bpd", U4("barrel per day", "Barrel pro Tag", "baril par jour", "barril por día"),
     U4("barrels per day", "Barrel pro Tag", "barils par jour", "barriles por día")},
    {"h", U4("hour", "Stunde", "heure", "hora"), U4("hours", "Stunden", "heures", "horas")},
    {"hrs", U4("hour", "Stunde", "heure", "hora"), U4("hours", "Stunden", "heures", "horas")},
    {"min", U4("minute", "Minute", "minute", "minuto"), U4("minutes", "Minuten", "minutes", "minutos")},
    {"sec", U4("second", "Sekunde", "seconde", "segundo"), U4("seconds", "Sekunden", "secondes", "segundos")},
    {"t", U4("tonne", "Tonne", "tonne", "tonelada"), U4("tonnes", "Tonnen", "tonnes", "toneladas")},
    {"l", U4("liter", "Liter", "litre", "litro"), U4("liters", "Liter", "litres", "litros")},
    {"x", U4("times", "mal", "fois", "veces"), U4("times", "mal", "fois", "veces")},
    {NULL, U4(NULL, NULL, NULL, NULL), U4(NULL, NULL, NULL, NULL)}};

const nz_currency nz_currencies[] = {
    {"$", U4("dollar", "Dollar", "dollar", "dólar"), U4("dollars", "Dollar", "dollars", "dólares"),
     U4("cent", "Cent", "cent", "centavo"), U4("cents", "Cent", "cents", "centavos")},
    {"US$", U4("U.S. dollar", "US-Dollar", "dollar américain", "dólar estadounidense"),
     U4("U.S. dollars", "US-Dollar", "dollars américains", "dólares estadounidenses"),
     U4("cent", "Cent", "cent", "centavo"), U4("cents", "Cent", "cents", "centavos")},
    {"C$", U4("Canadian dollar", "kanadischer Dollar", "dollar canadien", "dólar canadiense"),
     U4("Canadian dollars", "kanadische Dollar", "dollars canadiens", "dólares canadienses"),
     U4("cent", "Cent", "cent", "centavo"), U4("cents", "Cent", "cents", "centavos")},
    {"A$", U4("Australian dollar", "australischer Dollar", "dollar australien", "dólar australiano"),
     U4("Australian dollars", "australische Dollar", "dollars australiens", "dólares australianos"),
     U4("cent", "Cent", "cent", "centavo"), U4("cents", "Cent", "cents", "centavos")},
    {"HK$", U4("Hong Kong dollar", "Hongkong-Dollar", "dollar de Hong Kong", "dólar de Hong Kong"),
     U4("Hong Kong dollars", "Hongkong-Dollar", "dollars de Hong Kong", "dólares de Hong Kong"),
     U4("cent", "Cent", "cent", "centavo"), U4("cents", "Cent", "cents", "centavos")},
    {"€", U4("euro", "Euro", "euro", "euro"), U4("euros", "Euro", "euros", "euros"),
     U4("cent", "Cent", "centime", "céntimo"), U4("cents", "Cent", "centimes", "céntimos")},
    {"EUR", U4("euro", "Euro", "euro", "euro"), U4("euros", "Euro", "euros", "euros"),
     U4("cent", "Cent", "centime", "céntimo"), U4("cents", "Cent", "centimes", "céntimos")},
    {"£", U4("pound", "Pfund", "livre", "libra"), U4("pounds", "Pfund", "livres", "libras"),
     U4("penny", "Penny", "penny", "penique"), U4("pence", "Pence", "pence", "peniques")},
    {"GBP", U4("pound", "Pfund", "livre", "libra"), U4("pounds", "Pfund", "livres", "libras"),
     U4("penny", "Penny", "penny", "penique"), U4("pence", "Pence", "pence", "peniques")},
    {"¥", U4("yen", "Yen", "yen", "yen"), U4("yen", "Yen", "yens", "yenes"),
     U4("sen", "Sen", "sen", "sen"), U4("sen", "Sen", "sen", "sen")},
    {"₹", U4("rupee", "Rupie", "roupie", "rupia"), U4("rupees", "Rupien", "roupies", "rupias"),
     U4("paisa", "Paisa", "paisa", "paisa"), U4("paise", "Paise", "paise", "paise")},
    {"USD", U4("dollar", "US-Dollar", "dollar", "dólar"), U4("dollars", "US-Dollar", "dollars", "dólares"),
     U4("cent", "Cent", "cent", "centavo"), U4("cents", "Cent", "cents", "centavos")},
    {"CHF", U4("Swiss franc", "Franken", "franc suisse", "franco suizo"),
     U4("Swiss francs", "Franken", "francs suisses", "francos suizos"),
     U4("centime", "Rappen", "centime", "céntimo"), U4("centimes", "Rappen", "centimes", "céntimos")},
    {"Fr.", U4("franc", "Franken", "franc", "franco"), U4("francs", "Franken", "francs", "francos"),
     U4("centime", "Rappen", "centime", "céntimo"), U4("centimes", "Rappen", "centimes", "céntimos")},
    {"₩", U4("won", "Won", "won", "won"), U4("won", "Won", "wons", "wones"),
     U4("jeon", "Jeon", "jeon", "jeon"), U4("jeon", "Jeon", "jeon", "jeon")},
    {"₽", U4("ruble", "Rubel", "rouble", "rublo"), U4("rubles", "Rubel", "roubles", "rublos"),
     U4("kopek", "Kopeke", "kopeck", "kopek"), U4("kopeks", "Kopeken", "kopecks", "kopeks")},
    {NULL, U4(NULL, NULL, NULL, NULL), U4(NULL, NULL, NULL, NULL), U4(NULL, NULL, NULL, NULL),
     U4(NULL, NULL, NULL, NULL)}};
