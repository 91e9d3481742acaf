/* Speakers: who said each quote.
 *
 * In: the article text, its sentences and quotation-mark segments.  Out: for
 * each quote the resolved full name of its speaker ("Rand Paul"), the title
 * stripped from it ("Sen."), the speaker's gender when the text shows it, and
 * the attribution the narrator reads ("Paul, a Kentucky Republican, said").
 *
 * The text is cut into word tokens once.  People are the runs of capitalised
 * words outside quotes that look like names (a known first name, a title or
 * honorific, an apposition, or the subject of a speech verb); each is indexed
 * by name and surname so "Paul" and "the senator" find "Sen. Rand Paul", and
 * a surname alone is a mention of the person named in full nearby.  A quote's
 * speaker comes from the first pattern that matches, nearest first:
 *   right before      "Paul said:", "Paul added, "...", "McDonald: "..."
 *   right after       ", Paul said" / ", said Paul" / ", Paul, a Kentucky
 *                     Republican, said" / ", according to Paul" / "-- Paul"
 *   in the sentence   the subject of the last speech verb before a partial
 *                     quote ("Kosachev ... reiterated the position that
 *                     "..."), an attribution later in the sentence, the
 *                     subject of a participle ("..., saying "...") or of a
 *                     sentence that introduces the quote with a colon
 *   around it         the sentence before ("..., Schiff said. "..."), the
 *                     paragraph before that ends "X reports:" or is about X
 *   inherited         the other segments of the same quote, the quote that
 *                     runs on from the paragraph before (or is attributed in
 *                     its last paragraph), the quote just before.
 * Pronouns resolve to the first person mention of a compatible gender in the
 * nearest earlier sentence, main clause first (subjects come first in news
 * sentences); each resolution is itself a mention for the next pronoun.
 * "The senator" resolves to the person whose title or role says so.  Look
 * backs and sentence scans are bounded so that long pages stay linear. */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "story_impl.h"
#include "util.h"

/* ---------------------------------------------------------------- tokens */

/* Bounds that keep long pages linear: how far back a name is looked for,
 * and how much of a sentence before a quote is read for its attribution. */
#define LOOK_BACK 1500
#define MAX_SENTENCE_TOKENS 120

/* The token table is the largest thing analysis holds (a million short
 * paragraphs make 13 million tokens), so offsets and indexes are 32-bit
 * and the flags share a word with the block: 20 bytes a token instead of
 * 48.  Texts of 4 GB or more, or of 2^30 blocks, are not attributed
 * (speaker_attribute), far above any page or file briefcast reads. */
#define MAX_TOK_BLOCKS ((size_t)1 << 30)
typedef struct tok {
  uint32_t s, e;
  uint32_t sent;
  int32_t quote;        /* index of the quote segment it is in (marks included), -1 outside */
  unsigned block : 30;
  unsigned word : 1;    /* 1 word, 0 punctuation */
  unsigned cap : 1;     /* starts with a capital */
} tok;

typedef struct person {
  char *name;     /* "Rand Paul" */
  char *surname;  /* "Paul" */
  char *first;    /* "Rand" */
  char *title;    /* "Sen." or NULL */
  char *role;     /* a describing noun from a title or apposition ("senator") */
  bc_gender gender;
  int is_person;  /* evidence that this is a person, not a place or a body */
  int lone;       /* known only by one name that speaks ("Obama said") */
  int full;       /* the name has more than one word (a space in it) */
  int n_full;     /* in the first person of a surname: how many persons named
                     in full carry it (lookup_short skips its scans when none
                     does) */
} person;

typedef struct ctx {
  const char *t;
  size_t len;
  tok *tk;
  size_t n;
  person *pp;
  size_t np, cap_pp;
  int *ment;      /* per token: person index of a mention starting here, or -1 */
  const bc_sentence *sents;
  size_t n_sents;
  /* name -> person + 1, surname -> first person + 1 (0 = none), by
   * open-addressing hash: long pages must stay linear */
  size_t *by_name, *by_surname, n_slot;
} ctx;

/* The slot of key in table tab (keys read through get), for lookup or insert. */
static size_t *slot_of(size_t *tab, size_t n_slot, const char *key, const char *(*get)(const void *, size_t),
                       const void *arg) {
  size_t h = story_hash(key) & (n_slot - 1);
  while (tab[h] && strcmp(get(arg, tab[h] - 1), key)) h = (h + 1) & (n_slot - 1);
  return &tab[h];
}

static const char *get_name(const void *c, size_t i) { return ((const struct ctx *)c)->pp[i].name; }
static const char *get_surname(const void *c, size_t i) { return ((const struct ctx *)c)->pp[i].surname; }

/* The first person with surname w, plus one (0 = none). */
static size_t surname_first(const ctx *c, const char *w) {
  return c->n_slot ? *slot_of(c->by_surname, c->n_slot, w, get_surname, c) : 0;
}

static void index_rebuild(struct ctx *c);

static void lower_word(const ctx *c, size_t i, char *buf, size_t cap) {
  size_t n = c->tk[i].e - c->tk[i].s;
  if (n >= cap) n = cap - 1;
  for (size_t k = 0; k < n; k++) buf[k] = (char)tolower((unsigned char)c->t[c->tk[i].s + k]);
  buf[n] = 0;
}

static int in_list(const char *w, const char *const *list);

static int tok_in(const ctx *c, size_t i, const char *const *list) {
  if (i >= c->n || !c->tk[i].word) return 0;
  char buf[48];
  lower_word(c, i, buf, sizeof buf);
  return in_list(buf, list);
}

static int tok_is(const ctx *c, size_t i, const char *w) {
  if (i >= c->n) return 0;
  size_t n = c->tk[i].e - c->tk[i].s;
  return strlen(w) == n && strncasecmp(c->t + c->tk[i].s, w, n) == 0;
}

static int punct_is(const ctx *c, size_t i, char p) {
  return i < c->n && !c->tk[i].word && c->tk[i].e - c->tk[i].s == 1 && c->t[c->tk[i].s] == p;
}

/* ---------------------------------------------------------------- word lists */

static const char *const SPEECH_VERBS[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "asked", "asks",
    "wrote", "writes", "explained", "explains", "noted", "notes", "argued", "argues", "stated",
    "states", "recalled", "recalls", "continued", "continues", "insisted", "insists", "warned",
    "warns", "tweeted", "tweets", "replied", "replies", "acknowledged", "acknowledges",
    "admitted", "admits", "announced", "announces", "declared", "declares", "claimed", "claims",
    "suggested", "suggests", "urged", "urges", "reiterated", "reiterates", "responded",
    "responds", "remarked", "remarks", "observed", "observes", "countered", "counters",
    "conceded", "concedes", "complained", "complains", "cautioned", "cautions", "predicted",
    "predicts", "promised", "promises", "joked", "jokes", "quipped", "quips", "boasted",
    "boasts", "emphasized", "emphasised", "emphasizes", "stressed", "stresses", "concluded",
    "concludes", "recounted", "recounts", "testified", "testifies", "posted", "shouted",
    "yelled", "exclaimed", "whispered", "mused", "muses", "cried", "thundered", "lamented",
    "laments", "vowed", "vows", "pledged", "pledges", "charged", "charges", "contended",
    "contends", "maintained", "maintains", "asserted", "asserts", "agreed", "agrees",
    "retorted", "snapped", "wondered", "wonders", "demanded", "demands", "texted", "emailed",
    "confirmed", "confirms", "disclosed", "revealed", "reveals", "explaining", "adding",
    "telling", "noting", "writing", "arguing", "warning", "insisting", "asking", "declaring",
    "proclaimed", "proclaims", "scoffed", "sniped", "griped", "grumbled", "marveled",
    "marvelled", "deadpanned", "interjected", "chimed", "shot", "fumed", "raged", "blasted",
    "tweeting", "posting", "stating", "suggesting", "cracked", "offered", "pointed",
    "conceding", "acknowledging", "recalling", "describes", "described", "wrote", "answered",
    "answers", "begged", "pleaded", "screamed", "sighed", "laughed", "added", "read", "reads",
    "reported", "reports", "reporting", "sings", "sang", "sing", "chanted", "scolded",
    "called", "calls", "calling", "dubbed", "labeled", "labelled", "branded", "described",
    "describing", "quoted", "quoting", "told", "wrote", "tweeted", "messaged", "advised",
    "assured", "informed", "bragged", "touted", "touting", "dismissed", "mocked", "praised",
    "criticized", "criticised", "accused", "accusing", "warning", "blamed", "questioned",
    "pledging", "promising", "vowing", "declaring", "announcing", "claiming", "arguing", "riffed",
    "echoed", "echoes", "protested", "objected", "recalls", "remembered", "opined", "ranted",
    "railed", "gushed", "raved", "sniffed", "huffed", "cheered", "hollered", "muttered",
    "murmured", "stammered", "barked", "growled", "declared", "interrupted", "responded",
    "replying", "responding", "answering", "recounting", "reminding", "reminded", "teased",
    "taunted", "conceded", "continues", "pressed", "retaliated", "fired", "hit", "shot",
    "cautioned", "interjected", "mused", "exhorted", "chided", "chiding", "implored", "imploring",
    "intoned", "lectured", "reasoned", "rebutted", "sneered", "snarled", "joking", "boasting",
    "complaining", "lamenting", "quipping", "scoffing", "pleading", "tweets", "yelling", "shouting",
    "screaming", "chanting", NULL};

int story_is_speech_verb(const char *w, size_t n) {
  char buf[32];
  if (n == 0 || n >= sizeof buf) return 0;
  for (size_t k = 0; k < n; k++) buf[k] = (char)tolower((unsigned char)w[k]);
  buf[n] = 0;
  return in_list(buf, SPEECH_VERBS);
}

static const char *const FILLERS[] = {
    "also", "later", "then", "once", "has", "have", "had", "would", "will", "previously",
    "recently", "simply", "repeatedly", "often", "quickly", "flatly", "bluntly", "again",
    "just", "still", "further", "earlier", "famously", "reportedly", "allegedly", "both",
    "all", "herself", "himself", "themselves", "even", "ultimately", "finally", "first",
    "initially", "subsequently", "privately", "publicly", "openly", "only", "never", "was",
    "is", "been", NULL};

static const char *const PRONOUNS[] = {"he", "she", "they", "i", "we", "it", "you", NULL};

static const char *const DETERMINERS[] = {"the", "a", "an", "his", "her", "their", "its", "my", "your",
                                          "one", "another", "two", "three", "several",
                                          "some", "many", "our", "this", "that", NULL};

/* Words that end a noun phrase when reading it forwards or backwards. */
static const char *const NP_STOPS[] = {
    "that", "who", "which", "and", "but", "or", "when", "while", "as", "because", "after",
    "before", "if", "in", "on", "at", "to", "about", "during", "with", "from", "by", "of",
    "for", "since", "where", "than", "whether", "though", "although", "once", "until", NULL};

/* Titles and descriptions that precede a name; stripped from it. */
static const char *const TITLES[] = {
    "sen.", "sen", "senator", "sens.", "rep.", "rep", "representative", "reps.", "congressman",
    "congresswoman", "gov.", "gov", "governor", "president", "vice", "pres.", "mr.", "mr",
    "mrs.", "mrs", "ms.", "ms", "miss", "dr.", "dr", "prof.", "professor", "secretary",
    "minister", "prime", "foreign", "deputy", "chief", "justice", "judge", "mayor", "gen.",
    "general", "col.", "colonel", "lt.", "lieutenant", "sgt.", "sergeant", "capt.", "captain",
    "adm.", "admiral", "rev.", "reverend", "father", "pope", "king", "queen", "prince",
    "princess", "sir", "dame", "lord", "lady", "speaker", "leader", "majority", "minority",
    "chairman", "chairwoman", "chair", "commissioner", "ambassador", "attorney", "director",
    "officer", "detective", "det.", "sheriff", "coach", "agent", "senior", "former",
    "republican", "republicans", "democrat", "democrats", "democratic", "gop",
    "independent", "libertarian", "house", "senate", "state", "defense", "treasury",
    "homeland", "press", "u.s.", "us", "american", "russian", "candidate", "nominee",
    "presidential", "chancellor", "premier", "supt.", "superintendent", "inspector",
    "insp.", "constable", "pc", "dci", "di", "ds", "msgr.", "cardinal", "bishop",
    "archbishop", "rabbi", "imam", "sister", "brother", "uncle", "aunt", "dj", "mp", "mep",
    "councilman", "councilwoman", "councillor", "councilor", "councilmember", "alderman",
    "alderwoman", "trustee", "supervisor", "treasurer", "comptroller", "auditor", "marshal",
    "selectman", "selectwoman", "magistrate", "solicitor", "provost", "dean", "pastor",
    "coroner", "warden", "chancellor", "headmaster", "headteacher", "principal", "assemblyman", "assemblywoman",
    "delegate", "trooper", "officer", "spokesman", "spokeswoman", "spokesperson", "ceo",
    "cfo", "founder", "chairperson", "manager", "boss", "striker", "midfielder", "defender",
    "goalkeeper", "star", "actor", "actress", "singer", "rapper", "lawmaker", "legislator",
    "economist", "analyst", "strategist", "pollster", "host", "anchor", "correspondent",
    "reporter", "columnist", "editor", "author", "historian", "scientist", "researcher",
    "lawyer", "prosecutor", "police", "fire", "white", "new", "mrs", "emperor", "sheikh",
    "crown", "duke", "duchess", "count", "countess", "baron", "baroness", NULL};

/* Last words of names of bodies and places, not people. */
static const char *const ORG_WORDS[] = {
    "house", "committee", "party", "department", "university", "ministry", "council",
    "court", "senate", "congress", "company", "inc.", "inc", "times", "post", "news",
    "association", "agency", "foundation", "institute", "union", "republic", "states",
    "kingdom", "city", "county", "street", "center", "centre", "church", "club", "group",
    "network", "service", "office", "bank", "board", "commission", "administration",
    "campaign", "journal", "press", "media", "corp.", "corp", "co.", "ltd", "ltd.", "llc",
    "organization", "organisation", "school", "college", "hospital", "airport", "station",
    "island", "islands", "river", "mountains", "park", "square", "avenue", "road", "bridge",
    "tower", "hall", "forces", "force", "army", "navy", "police", "guard", "network",
    "magazine", "tribune", "herald", "daily", "weekly", "channel", "tv", "radio", "fund",
    "trust", "authority", "bureau", "project", "initiative", "coalition", "alliance",
    "federation", "league", "cup", "championship", "games", "olympics", "festival",
    "awards", "award", "prize", "act", "bill", "law", "day", "week", "year", "war",
    "america", "york", "washington", "london", "moscow", "iowa", "ohio", "florida",
    "texas", "california", "virginia", "carolina", "hampshire", "nevada", "media",
    "intelligence", "security", "affairs", "relations", "studies", "research", "policy",
    "watch", "international", "global", "national", "federal", "democrats", "republicans",
    "gop", "duma", "parliament", "assembly", "legislature", "cabinet", "pentagon",
    "kremlin", "twitter", "facebook", "google", "cnn", "nbc", "abc", "cbs", "fox", "msnbc",
    "reuters", "politico", "breitbart", "petersburg", "united", "nations", "europe", NULL};

/* Capitalised words that are not names (sentence openers and the like). */
static const char *const CAP_STOPS[] = {
    "the", "a", "an", "but", "and", "or", "so", "yet", "in", "on", "at", "to", "for", "of",
    "with", "from", "by", "as", "if", "when", "while", "after", "before", "since", "though",
    "although", "because", "this", "that", "these", "those", "there", "then", "now", "here",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "our", "my",
    "your", "what", "why", "how", "who", "where", "which", "also", "still", "even", "just",
    "asked", "speaking", "according", "meanwhile", "however", "later", "earlier", "last",
    "next", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "mr", "not", "no",
    "yes", "all", "some", "many", "most", "both", "each", "every", "one", "two", "three",
    "after", "during", "despite", "instead", "indeed", "still", "only", "like", "unlike",
    "until", "without", "within", "under", "over", "about", "against", "between", "among",
    "is", "was", "are", "were", "will", "would", "can", "could", "should", "do", "does",
    "did", "has", "have", "had", "said", "says", "told", "like", "well", "oh", "please",
    "dear", "thank", "thanks", "sources", "officials", "critics", "supporters", "several",
    "other", "another", "such", "more", "much", "few", "asked", "adding", "noting", "amid",
    "amidst", "among", "across", "around", "along", "here", "there", "today", "tonight", NULL};

static const char *const MALE_NAMES[] = {
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven",
    "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald",
    "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan",
    "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory",
    "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron",
    "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan",
    "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold",
    "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan",
    "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne",
    "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason",
    "philip", "louis", "bernie", "ted", "mike", "chris", "jeb", "marco", "rand", "mitt",
    "newt", "barack", "bill", "tim", "ben", "rick", "jim", "tom", "dan", "bob",
    "steve", "dave", "jeff", "greg", "doug", "ron", "reince", "lindsey", "mitch", "chuck",
    "harry", "rudy", "vladimir", "sergei", "sergey", "dmitry", "leonid", "konstantin",
    "boris", "ivan", "mohammed", "muhammad", "ahmed", "ali", "omar", "hassan", "xi",
    "emmanuel", "francois", "jean", "pierre", "angela", "nigel", "tony", "gordon", "nick",
    "boris", "jeremy", "theresa", "elton", "wayne", "frankie", "arsene", "jose", "jurgen",
    "pep", "louis", "sam", "max", "luke", "matt", "andy", "jamie", "danny", "tommy", "lee",
    "ian", "neil", "graham", "colin", "stuart", "alistair", "hugh", "rupert", "harvey",
    "marcus", "martin", "simon", "barry", "craig", "darren", "dean", "glenn", "kurt",
    "lance", "luis", "carlos", "miguel", "pedro", "antonio", "giovanni", "marco", "luca",
    "hans", "klaus", "stefan", "wolfgang", "karl", "corey", "kellyanne", "jared", "eric",
    "kanye", "jay", "elon", "mark", "jeffrey", "warren", "stephen", "howard", "reid",
    "john", "joaquin", "julian", "rex", "jerome", "travis", "wesley", "clint", "troy",
    "orrin", "trey", "devin", "adam", "kevin", "paul", "hakeem", "cory", "beto", "pete",
    "dick", "al", "rahm", "rod", "rob", "todd", "tucker", "sean", "wolf", "anderson", "victor",
    "len", "leonard", "robby", "charlie", "josh", "derek", "lamar", "cornell", "daryl", "quentin",
    "maury", "raj", "jon", "vann", "keron", "marc", "bernard", "mick", "wes", "zach", "nathaniel",
    "elliott", "elliot", "fred", "frederick", "herbert", "herb", "hank", "ernest", "earl", "eddie",
    "ed", "stan", "stanley", "leon", "leroy", "lloyd", "floyd", "clarence", "cecil", "curtis",
    "dwight", "everett", "franklin", "gilbert", "gordon", "grant", "guy", "hal", "homer", "ike",
    "irving", "jake", "jared", "jay", "jimmy", "johnny", "karl", "kirk", "lyndon", "mario", "mel",
    "milton", "mohamed", "morris", "neal", "nelson", "norman", "oliver", "otis", "owen", "perry",
    "phil", "ray", "reggie", "rex", "rod", "rodney", "roland", "ross", "roy", "rufus", "sam",
    "seth", "sid", "sidney", "spencer", "steven", "stu", "ted", "terrence", "theodore", "tony",
    "vernon", "vince", "wade", "wally", "ward", "warren", "wendell", "wilbur", "will", "winston",
    "xavier", "yusuf", "ahmad", "abdul", "abdullah", "mahmoud", "recep", "benjamin", "bibi",
    "shinzo", "narendra", "justin", "stephen", "jacob", "kim", "moon", "rodrigo", "jair",
    "andres", "enrique", "felipe", "francisco", "javier", "jorge", "manuel", "rafael", "ricardo",
    "sergio", "alexei", "alexey", "andrei", "andrey", "mikhail", "nikolai", "pavel", "viktor",
    "yuri", "dmitri", "igor", "oleg", "petro", "volodymyr", "heiko", "olaf", "gerhard", "helmut",
    "jacques", "nicolas", "francois", "matteo", "silvio", "giuseppe", "mariano", "pedro", NULL};

static const char *const FEMALE_NAMES[] = {
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica",
    "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly",
    "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah",
    "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley",
    "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine",
    "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria",
    "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly",
    "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah",
    "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara",
    "janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy", "grace",
    "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie",
    "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla",
    "hillary", "carly", "nikki", "sarah", "elizabeth", "kellyanne", "hope", "huma",
    "ivanka", "melania", "michelle", "chelsea", "debbie", "donna", "nancy", "kamala",
    "kirsten", "tammy", "dianne", "susan", "lisa", "claire", "amy", "maxine", "jill",
    "theresa", "angela", "marine", "christine", "nicola", "ruth", "kate", "meghan",
    "camilla", "kim", "kylie", "taylor", "beyonce", "rihanna", "madonna", "oprah", "ellen",
    "jane", "louise", "sophie", "chloe", "lucy", "holly", "katie", "jenny", "jo", "vicky",
    "stacey", "tracey", "gemma", "kerry", "zoe", "ella", "mia", "leah", "sue", "liz",
    "beth", "meg", "peggy", "sally", "wendy", "paula", "monica", "rita", "tina", "eva",
    "irene", "natasha", "olga", "svetlana", "yulia", "maria", "ana", "carmen", "lucia",
    "marine", "ursula", "federica", "sheryl", "marissa", "katy", "jennifer", "kathy",
    "patty", "barbara", "loretta", "valerie", "condoleezza", "madeleine", "hope", "dana",
    "katrina", "kellyanne", "sarah", "stephanie", "megyn", "rachel", "gretchen", "mika",
    "andrea", "brooke", "erin", "gwen", "robin", "norah", "minyon", "connie", "elaine", "quina",
    "jen", "joanna", "lynn", "marsha", "nita", "terri", "tulsi", "vicki", "yvonne", "ayanna",
    "alexandria", "ilhan", "rashida", "heidi", "gina", "jeanne", "kirstjen", "betsy", "loretta",
    "sally", "shirley", "thelma", "valerie", "wanda", "yolanda", "agnes", "alma", "annette",
    "bonnie", "carla", "cecilia", "claudia", "colleen", "cora", "daisy", "darlene", "dolores",
    "edith", "eileen", "elena", "ellie", "elsa", "esther", "ethel", "eve", "fiona", "gail",
    "georgia", "gladys", "hazel", "ida", "ingrid", "iris", "isabel", "jade", "jan", "jeanette",
    "jessie", "jo", "josephine", "june", "kara", "kristen", "kristin", "leslie", "lila", "lillian",
    "lindsay", "lois", "lorraine", "lucille", "mabel", "mae", "mandy", "marcia", "margo",
    "marianne", "marjorie", "maureen", "mavis", "maxine", "melanie", "mildred", "miriam", "molly",
    "nadia", "naomi", "nina", "nora", "opal", "pearl", "penny", "phyllis", "priscilla", "renee",
    "rosa", "rosemary", "roxanne", "sabrina", "selena", "sheila", "sonia", "sonya", "stella",
    "sylvia", "tara", "tessa", "theresa", "tonya", "tracy", "vera", "veronica", "viola",
    "violet", "vivian", "whitney", "yasmin", "zara", "jacinda", "giorgia", "mette", "sanna",
    "annalena", "ursula", "christine", "marine", "segolene", "benazir", "indira", "aung",
    "hillary", "michele", "mariana", "gabriela", "fernanda", "adriana",
    "ariana", "azucena", "krystal", "jacklyn", "pamela", "martha", "karen", NULL};

static bc_gender first_name_gender(const char *lw) {
  int m = in_list(lw, MALE_NAMES), f = in_list(lw, FEMALE_NAMES);
  if (m && !f) return BC_GENDER_MALE;
  if (f && !m) return BC_GENDER_FEMALE;
  return BC_GENDER_UNKNOWN;
}

static bc_gender title_gender(const char *lw) {
  static const char *const M[] = {"mr.", "mr", "congressman", "king", "prince", "sir", "lord",
                                  "father", "brother", "uncle", "councilman", "assemblyman",
                                  "spokesman", "chairman", "duke", "actor", "emperor",
                                  "baron", "count", "sheikh", NULL};
  static const char *const F[] = {"mrs.", "mrs", "ms.", "ms", "miss", "congresswoman", "queen",
                                  "princess", "dame", "lady", "sister", "aunt", "councilwoman",
                                  "assemblywoman", "spokeswoman", "chairwoman", "duchess",
                                  "actress", "countess", "baroness", NULL};
  if (in_list(lw, M)) return BC_GENDER_MALE;
  if (in_list(lw, F)) return BC_GENDER_FEMALE;
  return BC_GENDER_UNKNOWN;
}

/* ---------------------------------------------------------------- tokenizer */

static void tokenize(ctx *c, const quote_seg *segs, size_t n_segs, const bc_block *blocks,
                     size_t n_blocks) {
  size_t cap = 0, adv;
  c->tk = NULL;
  c->n = 0;
  size_t si = 0, qi = 0;
  for (size_t b = 0; b < n_blocks; b++) {
    size_t i = blocks[b].start, be = blocks[b].end;
    while (i < be) {
      int32_t ch = story_cp_at(c->t, be, i, &adv);
      if (story_is_space_at(c->t, be, i, &adv)) {
        i += adv;
        continue;
      }
      tok k = {.s = (uint32_t)i, .e = (uint32_t)(i + adv), .quote = -1, .block = (unsigned)b};
      if (story_is_alnum(ch)) {
        size_t j = i;
        k.cap = story_is_upper(ch) != 0;
        while (j < be) {
          int32_t d = story_cp_at(c->t, be, j, &adv);
          if (story_is_alnum(d)) {
            j += adv;
            continue;
          }
          if ((d == '\'' || d == 0x2019 || d == '-' || d == '.' || d == '&') && j + adv < be &&
              story_is_alnum(story_cp_at(c->t, be, j + adv, NULL))) {
            j += adv;
            continue;
          }
          break;
        }
        /* a period that belongs to the word: an abbreviation or an initial */
        if (j < be && c->t[j] == '.') {
          size_t wn = j - i;
          int keep = (wn == 1 && k.cap) || sentence_is_title_abbrev(c->t + i, wn) ||
                     memchr(c->t + i, '.', wn) != NULL ||
                     (wn == 2 && !strncmp(c->t + i, "Jr", 2)) ||
                     (wn == 2 && !strncmp(c->t + i, "Sr", 2)) ||
                     (wn == 3 && !strncmp(c->t + i, "Inc", 3));
          if (keep) j++;
        }
        k.e = (uint32_t)j;
        k.word = 1;
      }
      /* sentence and quote membership */
      while (si + 1 < c->n_sents && c->sents[si].end <= k.s) si++;
      k.sent = (uint32_t)si;
      while (qi < n_segs && segs[qi].close < k.s) qi++;
      /* the closing mark sits at segs[qi].close; open-ended segments end at the
       * block end, which no token reaches */
      if (qi < n_segs && k.s >= segs[qi].open && k.s <= segs[qi].close) k.quote = (int32_t)qi;
      BC_GROW(c->tk, c->n, cap);
      c->tk[c->n++] = k;
      i = k.e;
    }
  }
}

/* ---------------------------------------------------------------- people */

static char *tok_text(const ctx *c, size_t a, size_t b) { /* tokens a..b inclusive, one space apart */
  bc_buf buf;
  buf_init(&buf);
  for (size_t i = a; i <= b; i++) {
    size_t s = c->tk[i].s, e = c->tk[i].e;
    if (i > a && c->tk[i].word) buf_addc(&buf, ' ');
    if (c->tk[i].word && e - s > 2 &&
        ((c->t[e - 2] == '\'' && c->t[e - 1] == 's') ||
         (e - s > 4 && !memcmp(c->t + e - 4, "\xE2\x80\x99s", 4))))
      e -= c->t[e - 2] == '\'' ? 2 : 4;
    buf_add(&buf, c->t + s, e - s);
  }
  return buf_steal(&buf);
}

static int is_particle(const ctx *c, size_t i) {
  static const char *const P[] = {"de", "van", "von", "da", "di", "du", "del", "della", "der",
                                  "den", "bin", "al", "la", "le", "dos", "das", "ter", "ten",
                                  "st.", "y", NULL};
  return tok_in(c, i, P);
}

/* A word of four capitals or more (an acronym alone, a heading in a run). */
static int caps_word(const ctx *c, size_t i, size_t min) {
  if (!c->tk[i].word) return 0;
  size_t n = c->tk[i].e - c->tk[i].s, up = 0;
  if (n < min) return 0;
  for (size_t k = c->tk[i].s; k < c->tk[i].e; k++)
    if (c->t[k] >= 'A' && c->t[k] <= 'Z') up++;
  return up == n;
}

static int all_caps(const ctx *c, size_t i) { return caps_word(c, i, 4); }

static int is_name_word(const ctx *c, size_t i) {
  if (i >= c->n || !c->tk[i].word || !c->tk[i].cap) return 0;
  /* all-capital words of four letters or more are shouting or acronyms */
  if (all_caps(c, i) && ((i > 0 && caps_word(c, i - 1, 2)) || (i + 1 < c->n && caps_word(c, i + 1, 2)))) return 0;
  return 1;
}

/* A capitalised run [a, b] (titles included); split it into title part and
 * name part.  Returns the index of the first name token, or b + 1 when the
 * run holds no name. */
static size_t name_start(const ctx *c, size_t a, size_t b) {
  size_t k = b + 1;
  while (k > a) {
    char lw[48];
    lower_word(c, k - 1, lw, sizeof lw);
    size_t L = strlen(lw);
    if (L > 2 && (!strcmp(lw + L - 2, "'s") || (L > 4 && !strcmp(lw + L - 4, "\xE2\x80\x99s"))))
      lw[L - (lw[L - 2] == '\'' ? 2 : 4)] = 0;
    if (in_list(lw, TITLES) || in_list(lw, CAP_STOPS)) {
      /* a title word can still be a surname when it ends the run ("Paul") */
      static const char *const NOT_SURNAME[] = {"house", "senate", "republican", "republicans", "democrat",
                                                "democrats", "democratic", "gop", "independent",
                                                "libertarian", "american", "russian", "senior", "former",
                                                "state", "white", "new", "press", "police", "fire",
                                                "president", "secretary", "minister", "governor",
                                                "senator", "mayor", "candidate", "nominee", NULL};
      if (k - 1 == b && !in_list(lw, CAP_STOPS) && !in_list(lw, NOT_SURNAME) && !strchr(lw, '.'))
        ;
      else
        break;
    }
    k--;
  }
  return k;
}

static void index_rebuild(ctx *c) {
  free(c->by_name);
  free(c->by_surname);
  c->n_slot = 64;
  while (c->n_slot < c->cap_pp * 2 + 2) c->n_slot *= 2;
  c->by_name = xcalloc(c->n_slot, sizeof *c->by_name);
  c->by_surname = xcalloc(c->n_slot, sizeof *c->by_surname);
  for (size_t i = 0; i < c->np; i++) {
    size_t *sl = slot_of(c->by_name, c->n_slot, c->pp[i].name, get_name, c);
    if (!*sl) *sl = i + 1;
    sl = slot_of(c->by_surname, c->n_slot, c->pp[i].surname, get_surname, c);
    if (!*sl) *sl = i + 1;
  }
}

static int find_person(const ctx *c, const char *name) {
  if (!c->n_slot) return -1;
  size_t v = *slot_of(c->by_name, c->n_slot, name, get_name, c);
  return v ? (int)v - 1 : -1;
}

static int add_person(ctx *c, size_t a, size_t b, size_t run_a) {
  /* "Brent Bozell III" is Brent Bozell in speech and in any index */
  while (b > a && (tok_is(c, b, "II") || tok_is(c, b, "III") || tok_is(c, b, "IV"))) b--;
  char *name = tok_text(c, a, b);
  int idx = find_person(c, name);
  person *p;
  if (idx < 0) {
    BC_GROW(c->pp, c->np, c->cap_pp);
    p = &c->pp[c->np];
    memset(p, 0, sizeof *p);
    p->name = name;
    p->full = strchr(name, ' ') != NULL;
    size_t last = b;
    if (last > a && (tok_is(c, last, "Jr.") || tok_is(c, last, "Sr.") || tok_is(c, last, "Jr") ||
                     tok_is(c, last, "II") || tok_is(c, last, "III") || tok_is(c, last, "IV")))
      last--;
    p->surname = tok_text(c, last, last);
    p->first = a < last ? tok_text(c, a, a) : NULL;
    idx = (int)c->np++;
    if (c->np * 2 + 2 > c->n_slot) {
      index_rebuild(c);
    } else {
      size_t *sl = slot_of(c->by_name, c->n_slot, p->name, get_name, c);
      if (!*sl) *sl = (size_t)idx + 1;
      sl = slot_of(c->by_surname, c->n_slot, p->surname, get_surname, c);
      if (!*sl) *sl = (size_t)idx + 1;
    }
    if (p->full) c->pp[surname_first(c, p->surname) - 1].n_full++;
  } else {
    free(name);
    p = &c->pp[idx];
  }
  if (a > b) return idx;
  char lw[48];
  if (p->first) {
    lower_word(c, a, lw, sizeof lw);
    bc_gender g = first_name_gender(lw);
    if (g) {
      if (!p->gender) p->gender = g;
      p->is_person = 1;
    }
  }
  if (a > run_a) {
    lower_word(c, a - 1, lw, sizeof lw);
    bc_gender g = title_gender(lw);
    if (g) p->gender = g;
    /* adjectives of party, place or office make no person ("Republican
     * National Convention", "Former Arizona") */
    static const char *const NOT_PERSON_TITLES[] = {
        "house", "state", "white", "new", "republican", "republicans", "democrat", "democrats",
        "democratic", "gop", "independent", "libertarian", "american", "russian", "u.s.", "us",
        "presidential", "senate", "defense", "treasury", "homeland", "police", "fire", "press",
        "former", "senior", "foreign", "deputy", "chief", "prime", "vice", "majority", "minority",
        NULL};
    if (in_list(lw, TITLES)) {
      if (!in_list(lw, NOT_PERSON_TITLES)) p->is_person = 1;
      if (!p->title) {
        /* keep the whole title ("Sen.", "Russian President") */
        size_t ts = a - 1;
        while (ts > run_a) {
          char w2[48];
          lower_word(c, ts - 1, w2, sizeof w2);
          if (!in_list(w2, TITLES) || in_list(w2, CAP_STOPS)) break;
          ts--;
        }
        p->title = tok_text(c, ts, a - 1);
      }
    }
  }
  /* a lower-case role just before the run: "lawmaker Konstantin Kosachev" */
  if (a == run_a && a > 0 && c->tk[a - 1].word && !c->tk[a - 1].cap && c->tk[a - 1].sent == c->tk[a].sent) {
    lower_word(c, a - 1, lw, sizeof lw);
    if (in_list(lw, TITLES)) {
      p->is_person = 1;
      if (!p->role) p->role = xstrdup(lw);
      bc_gender g = title_gender(lw);
      if (g && !p->gender) p->gender = g;
    }
  }
  return idx;
}

/* Is token i an organisation or place word closing a run? */
static int org_word(const ctx *c, size_t i) { return tok_in(c, i, ORG_WORDS); }

/* Register every name mentioned outside quotes; fill c->ment. */
static void collect_people(ctx *c) {
  c->ment = xmalloc((c->n + 1) * sizeof *c->ment);
  for (size_t i = 0; i < c->n; i++) c->ment[i] = -1;
  /* blocks written in title case (headlines) name no one reliably */
  size_t nb = c->n ? c->tk[c->n - 1].block + 1 : 0;
  char *headline = xcalloc(nb ? nb : 1, 1);
  for (size_t b = 0, i = 0; b < nb; b++) {
    size_t words = 0, caps = 0;
    for (; i < c->n && c->tk[i].block == b; i++)
      if (c->tk[i].word && story_is_alpha(story_cp_at(c->t, c->len, c->tk[i].s, NULL))) {
        words++;
        caps += c->tk[i].cap;
      }
    headline[b] = words >= 3 && caps * 10 >= words * 7;
  }
  size_t i = 0;
  while (i < c->n) {
    if (c->tk[i].quote >= 0 || !is_name_word(c, i) || headline[c->tk[i].block]) {
      i++;
      continue;
    }
    size_t a = i, b = i;
    while (b + 1 < c->n && c->tk[b + 1].quote < 0 && c->tk[b + 1].sent == c->tk[a].sent &&
           (is_name_word(c, b + 1) || (is_particle(c, b + 1) && is_name_word(c, b + 2))))
      b++;
    /* a possessive ends the name ("Trump's campaign") */
    for (size_t k = a; k < b; k++) {
      size_t e = c->tk[k].e;
      if ((e >= 2 && c->t[e - 2] == '\'' && c->t[e - 1] == 's') ||
          (e >= 4 && !memcmp(c->t + e - 4, "\xE2\x80\x99s", 4))) {
        b = k;
        break;
      }
    }
    i = b + 1;
    size_t ns = name_start(c, a, b);
    if (ns > b) continue;
    if (org_word(c, b)) continue;
    size_t n_name = b - ns + 1;
    if (n_name > 4) continue;
    /* single words become people only through a title ("Sen. Paul") */
    if (n_name == 1 && ns == a) continue;
    /* preceded by a preposition of place: "in Moscow", skip single words */
    int idx = add_person(c, ns, b, a);
    if (n_name == 1 && !c->pp[idx].is_person) continue;
    /* "Minyon Moore, a senior adviser", "Ben Parsons, 34," */
    if (punct_is(c, b + 1, ',') &&
        (tok_is(c, b + 2, "a") || tok_is(c, b + 2, "an") || tok_is(c, b + 2, "the") ||
         tok_is(c, b + 2, "who") ||
         (b + 2 < c->n && c->tk[b + 2].word && c->t[c->tk[b + 2].s] >= '0' && c->t[c->tk[b + 2].s] <= '9')))
      c->pp[idx].is_person = 1;
    c->ment[ns] = idx;
  }
  /* a single name that speaks ("Obama said", "Carr explained") is a person
   * when the article never names them in full */
  for (i = 1; i + 1 < c->n; i++) {
    if (c->ment[i] >= 0 || c->tk[i].quote >= 0 || !is_name_word(c, i) || headline[c->tk[i].block]) continue;
    if (tok_in(c, i, CAP_STOPS) || tok_in(c, i, TITLES) || org_word(c, i) || is_name_word(c, i - 1) ||
        c->tk[i + 1].cap || !c->tk[i + 1].word || !tok_in(c, i + 1, SPEECH_VERBS) ||
        !(c->tk[i - 1].sent != c->tk[i].sent || !c->tk[i - 1].word))
      continue;
    char *w = tok_text(c, i, i);
    size_t v = surname_first(c, w);
    free(w);
    if (v) continue;
    int idx = add_person(c, i, i, i);
    c->pp[idx].is_person = 1;
    c->pp[idx].lone = 1;
  }
  /* surnames alone ("Paul", "Mr. Obama") are mentions of the person named
   * in full: the nearest one before, else the first after.  "The nearest
   * before" is kept per surname as the loop goes (the token and person of
   * the last full mention of someone so named), instead of scanning back
   * up to LOOK_BACK tokens from every capitalised word. */
  size_t *last_at = xmalloc((c->np ? c->np : 1) * sizeof *last_at);
  int *last_who = xmalloc((c->np ? c->np : 1) * sizeof *last_who);
  for (size_t k = 0; k < c->np; k++) last_at[k] = (size_t)-1;
  for (i = 0; i < c->n; i++) {
    if (i > 0 && c->ment[i - 1] >= 0) { /* token i - 1 is settled: remember its mention */
      const person *pk = &c->pp[c->ment[i - 1]];
      if (pk->full && (pk->is_person || pk->gender)) {
        size_t sid = surname_first(c, pk->surname) - 1;
        last_at[sid] = i - 1;
        last_who[sid] = c->ment[i - 1];
      }
    }
    if (c->ment[i] >= 0 || c->tk[i].quote >= 0 || !is_name_word(c, i) || headline[c->tk[i].block]) continue;
    if (i + 1 < c->n && is_name_word(c, i + 1) && !tok_in(c, i + 1, CAP_STOPS)) continue;
    if (i > 0 && is_name_word(c, i - 1) && !tok_in(c, i - 1, TITLES) && !tok_in(c, i - 1, CAP_STOPS)) continue;
    char *w = tok_text(c, i, i);
    int best = -1;
    /* the nearest full mention before (a bounded look back), else the
     * first person of that surname */
    size_t v = surname_first(c, w);
    if (v && last_at[v - 1] != (size_t)-1 && i - last_at[v - 1] < LOOK_BACK) best = last_who[v - 1];
    if (best < 0 && v) {
      const person *pv = &c->pp[v - 1];
      if ((pv->full && (pv->is_person || pv->gender)) || pv->lone) best = (int)v - 1;
    }
    free(w);
    if (best >= 0) c->ment[i] = best;
  }
  free(last_at);
  free(last_who);
  free(headline);
}

/* Look a short name up: the most recent person (before token `at`) with that
 * surname, then first name; else the first one after. */
static int lookup_short(const ctx *c, const char *w, size_t at) {
  int best = -1;
  /* a first name alone ("Hillary") only when it is known as one: "Trump"
   * is not the first name of "Trump Train" */
  char lwf[48];
  size_t wl = strlen(w);
  if (wl >= sizeof lwf) wl = sizeof lwf - 1;
  for (size_t k = 0; k < wl; k++) lwf[k] = (char)tolower((unsigned char)w[k]);
  lwf[wl] = 0;
  int first_ok = first_name_gender(lwf) != BC_GENDER_UNKNOWN;
  if (!first_ok) { /* only a surname can match: is anyone named in full so? */
    size_t v = surname_first(c, w);
    if (!v || !c->pp[v - 1].n_full) return -1;
  }
  for (int pass = 0; pass < 4 && best < 0; pass++) {
    size_t lim = (pass & 1) == 0 ? at : c->n;
    if ((pass & 1) && lim > at + LOOK_BACK) lim = at + LOOK_BACK;
    for (size_t i = lim > LOOK_BACK * 2 ? lim - LOOK_BACK * 2 : 0; i < lim; i++) {
      int p = c->ment[i];
      if (p < 0) continue;
      const person *pp = &c->pp[p];
      if (!pp->full) continue;
      if (pass < 2 && !pp->is_person) continue;
      if (!strcmp(pp->surname, w) || (first_ok && pp->first && !strcmp(pp->first, w))) {
        best = p;
        if (pass & 1) break;
      }
    }
  }
  /* prefer a surname match over a first-name match */
  if (best >= 0 && strcmp(c->pp[best].surname, w)) {
    for (size_t i = at; i-- > 0 && at - i < LOOK_BACK;) {
      int p = c->ment[i];
      if (p >= 0 && c->pp[p].full && !strcmp(c->pp[p].surname, w)) return p;
    }
  }
  return best;
}

static int verb_like(const ctx *c, size_t i);
static int is_verb(const ctx *c, size_t i);
typedef enum { NP_NONE, NP_NAME, NP_PRON, NP_DESC } np_kind;

typedef struct np {
  np_kind kind;
  size_t a, b;      /* tokens of the phrase, inclusive */
  size_t na, nb;    /* the name inside it (NP_NAME) */
} np;

static np sentence_subject(const ctx *c, size_t lo, size_t hi);

/* Resolve a pronoun at token p: the first compatible person mention of the
 * nearest earlier sentence (current sentence: before p). */
static int resolve_pronoun(ctx *c, size_t p, bc_gender g, int plural) {
  if (plural) return -1;
  size_t i = p;
  size_t sent = c->tk[p].sent;
  size_t sentences_back = 0;
  while (i > 0 && sentences_back < 8) {
    /* find the range of this sentence before i */
    size_t lo = i;
    while (lo > 0 && i - lo < MAX_SENTENCE_TOKENS && c->tk[lo - 1].sent == sent) lo--;
    /* the main clause's subject before a leading subordinate clause's
     * ("While he served under Obama, Ham noted ...") */
    static const char *const SUBORD[] = {"while", "when", "after", "as", "although", "though",
                                         "because", "since", "if", "before", "until", "once",
                                         "despite", "unlike", NULL};
    size_t main_at = lo;
    if (tok_in(c, lo, SUBORD)) {
      size_t z = lo;
      while (z < i && !(punct_is(c, z, ',') && c->tk[z].quote < 0)) z++;
      if (z < i) main_at = z + 1;
    }
    int found = -1;
    if (lo < i && (lo == 0 || c->tk[lo - 1].sent != c->tk[lo].sent)) {
      /* the subject of the sentence once its openers are skipped ("One
       * month after endorsing Trump, Rubio still believes") */
      np subj = sentence_subject(c, lo, i);
      if (subj.kind == NP_NAME && subj.na > lo && c->ment[subj.na] >= 0 && c->tk[subj.na].quote < 0) {
        const person *pp = &c->pp[c->ment[subj.na]];
        size_t e = c->tk[subj.nb].e;
        int poss = (e >= 2 && c->t[e - 2] == '\'' && c->t[e - 1] == 's') ||
                   (e >= 4 && !memcmp(c->t + e - 4, "\xE2\x80\x99s", 4));
        if (!poss && !(g && pp->gender && pp->gender != g) && (pp->is_person || pp->gender))
          found = c->ment[subj.na];
      }
    }
    for (size_t pass = 0, k = main_at; found < 0 && pass < 2; pass++, k = lo)
    for (; k < (pass ? main_at : i); k++) {
      int m = c->ment[k];
      if (m < 0 || c->tk[k].quote >= 0) continue;
      /* a possessor is not the subject ("Butina's lawyer, Anna Weber") */
      size_t me = k;
      while (me + 1 < c->n && c->ment[me + 1] < 0 && is_name_word(c, me + 1) && me + 1 < i) me++;
      size_t e = c->tk[me].e;
      if ((e >= 2 && c->t[e - 2] == '\'' && c->t[e - 1] == 's') ||
          (e >= 4 && !memcmp(c->t + e - 4, "\xE2\x80\x99s", 4)))
        continue;
      /* "the Trump release announcing ...": a name used as a modifier */
      if (k > lo && tok_in(c, k - 1, (const char *const[]){"the", "a", "an", NULL}) && me + 1 < i &&
          c->tk[me + 1].word && !c->tk[me + 1].cap && !verb_like(c, me + 1) && !is_verb(c, me + 1))
        continue;
      const person *pp = &c->pp[m];
      if (g && pp->gender && pp->gender != g) continue;
      if (!pp->is_person && !pp->gender) continue;
      found = m;
      break;
    }
    if (found >= 0) return found;
    if (lo == 0) break;
    i = lo;
    sent = c->tk[lo - 1].sent;
    sentences_back++;
  }
  return -1;
}

/* A lower-case word that reads as a verb or an adverb by its ending
 * ("unleashed", "tells", "cynically"). */
static int verb_like(const ctx *c, size_t i) {
  size_t n = c->tk[i].e - c->tk[i].s;
  const char *w = c->t + c->tk[i].s;
  if (n < 3) return 0;
  return !memcmp(w + n - 2, "ed", 2) || !memcmp(w + n - 2, "ly", 2) || w[n - 1] == 's' ||
         tok_in(c, i, (const char *const[]){"is", "was", "has", "had", "will", "would", "can", "could",
                                            "did", "does", "may", "might", "must", "should", "took",
                                            "made", "gave", "got", "went", "came", "saw", "won", "lost",
                                            "led", "met", "ran", "left", "put", "set", "let", "cut",
                                            "began", "became", "sought", "thought", "brought", "held",
                                            "kept", "felt", "spoke", "wrote", "drew", "stood", "sat",
                                            "rose", "fell", "knew", "found", "sent", "spent", "built",
                                            "paid", "meant", "told", "struck", "won", "lost", "chose",
                                            NULL});
}

/* Nouns of a role that a definite description uses to point back to a
 * person ("the senator", "the Florida senator"). */
static const char *const ROLES[] = {"senator", "president", "mayor", "governor", "congressman",
                                          "congresswoman", "nominee", "candidate", "secretary",
                                          "minister", "chairman", "chairwoman", "lawmaker",
                                          "businessman", "businesswoman", "billionaire", "actor",
                                          "actress", "singer", "star", "coach", "judge", "prosecutor",
                                          "founder", "executive", "ceo", "frontrunner",
                                          "front-runner", "republican", "democrat", "leader",
                                          "premier", "chancellor", "general", "ambassador",
                                          "representative", "speaker", "pope", "king", "queen",
                                          "prince", "princess", "host", "author", "director", NULL};

/* Words of a time expression between a subject and its verb ("Priebus
 * later Thursday told"). */
static int time_word(const ctx *c, size_t i) {
  static const char *const T[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                  "sunday", "today", "yesterday", "tonight", "morning", "afternoon",
                                  "evening", "night", NULL};
  return tok_in(c, i, T);
}

/* Speech verbs whose object is the listener ("told Fox News:"). */
static const char *const ADDRESSEE_VERBS[] = {"told", "tells", "tell", "telling", "asked", "asks",
                                              "informed", "assured", "advised", "reminded", "urged",
                                              "warned", "emailed", "texted", "messaged", NULL};

/* The long word lists are looked up in one hash table (story_words), built
 * on first use; short lists, such as those written inline, are scanned. */
static const char *const *const HASHED_LISTS[] = {
    SPEECH_VERBS, FILLERS, PRONOUNS, DETERMINERS, NP_STOPS, TITLES, ORG_WORDS,
    CAP_STOPS, MALE_NAMES, FEMALE_NAMES, ROLES, ADDRESSEE_VERBS};
#define N_HASHED_LISTS (sizeof HASHED_LISTS / sizeof *HASHED_LISTS)
static story_words listed_words;
static pthread_once_t listed_once = PTHREAD_ONCE_INIT;

static void listed_build(void) { story_words_build(&listed_words, HASHED_LISTS, N_HASHED_LISTS); }

static int in_list(const char *w, const char *const *list) {
  for (size_t k = 0; k < N_HASHED_LISTS; k++)
    if (HASHED_LISTS[k] == list) {
      pthread_once(&listed_once, listed_build);
      return (story_words_find(&listed_words, w) >> k) & 1;
    }
  for (; *list; list++)
    if (!strcmp(w, *list)) return 1;
  return 0;
}

/* Is the single word at i the surname or first name of someone known? */
static int known_name(const ctx *c, size_t i) {
  if (!c->n_slot) return 0;
  char *w = tok_text(c, i, i);
  size_t v = surname_first(c, w);
  free(w);
  return v != 0;
}

/* ---------------------------------------------------------------- noun phrases */


/* A speech verb, unless it is a noun here ("the remarks", "Obama's claims"). */
static int is_verb(const ctx *c, size_t i) {
  if (i >= c->n) return 0;
  if ((tok_is(c, i, "put") || tok_is(c, i, "puts")) && tok_is(c, i + 1, "it")) return 1; /* "as X put it" */
  if ((tok_is(c, i, "went") || tok_is(c, i, "goes")) && tok_is(c, i + 1, "on"))  /* "Trump went on" */
    return i + 2 >= c->n || tok_is(c, i + 2, "to") || !c->tk[i + 2].word || c->tk[i + 2].quote >= 0;
  if (!tok_in(c, i, SPEECH_VERBS)) return 0;
  /* "if asked", "when asked": no one speaks */
  if (i > 0 && tok_is(c, i, "asked") && tok_in(c, i - 1, (const char *const[]){"if", "when", "unless", NULL}) &&
      (i + 1 >= c->n || !c->tk[i + 1].word))
    return 0;
  /* "Read said": a capital inside a sentence makes a name */
  if (c->tk[i].cap && i > 0 && c->tk[i - 1].sent == c->tk[i].sent && c->tk[i - 1].block == c->tk[i].block &&
      !(c->tk[i - 1].quote >= 0 || (!c->tk[i - 1].word && !punct_is(c, i - 1, ','))) &&
      /* but "Murphy, the head of the PAC, Tweeted on Friday": a verb */
      !(punct_is(c, i - 1, ',') && i + 1 < c->n && c->tk[i + 1].sent == c->tk[i].sent &&
        (!c->tk[i + 1].word || (!c->tk[i + 1].cap && !tok_in(c, i + 1, SPEECH_VERBS)))))
    return 0;
  if (i > 0 && c->tk[i - 1].word && c->tk[i - 1].block == c->tk[i].block) {
    static const char *const NOUNISH[] = {"the", "a", "an", "his", "her", "their", "its", "our",
                                          "my", "your", "these", "those", "this", "of", "in",
                                          "such", "new", "false", "recent", "latest", NULL};
    size_t e = c->tk[i - 1].e;
    if (tok_in(c, i - 1, NOUNISH)) return 0;
    if ((e >= 2 && c->t[e - 2] == '\'' && c->t[e - 1] == 's') ||
        (e >= 4 && !memcmp(c->t + e - 4, "\xE2\x80\x99s", 4)))
      return 0;
  }
  return 1;
}

/* Capitalised run ending at b going backwards (same sentence, outside quotes). */
static size_t run_back(const ctx *c, size_t b) {
  size_t a = b;
  while (a > 0 && c->tk[a - 1].sent == c->tk[b].sent && c->tk[a - 1].quote < 0 &&
         (is_name_word(c, a - 1) || (is_particle(c, a - 1) && a >= 2 && is_name_word(c, a - 2))))
    a--;
  return a;
}

static np np_back(const ctx *c, size_t p, size_t lo) {
  np r = {NP_NONE, 0, 0, 0, 0};
  if (p >= c->n || p < lo || !c->tk[p].word || c->tk[p].quote >= 0) return r;
  if (tok_in(c, p, PRONOUNS)) {
    r.kind = NP_PRON;
    r.a = r.b = p;
    return r;
  }
  if (c->tk[p].cap && !tok_in(c, p, CAP_STOPS)) {
    size_t a = run_back(c, p);
    if (a < lo) a = lo;
    /* "Mr. Morgan of the Sierra Club", "Gov. Tomblin of West Virginia" */
    {
      size_t z = a;
      if (z > lo && tok_is(c, z - 1, "the")) z--;
      if (z > lo + 1 && (tok_is(c, z - 1, "of") || tok_is(c, z - 1, "at") || tok_is(c, z - 1, "for")) &&
          c->tk[z - 2].word && c->tk[z - 2].cap && !tok_in(c, z - 2, CAP_STOPS)) {
        np inner = np_back(c, z - 2, lo);
        if (inner.kind == NP_NAME) {
          inner.b = p;
          return inner;
        }
      }
    }
    size_t ns = name_start(c, a, p);
    if (p - ns >= 4) ns = p + 1;
    if (org_word(c, p) && p - a < 6 && !(a > lo && tok_in(c, a - 1, NP_STOPS))) {
      /* a body: "Breitbart News responded" */
      r.kind = NP_NAME;
      r.a = a > lo && tok_is(c, a - 1, "the") ? a - 1 : a;
      r.b = p;
      r.na = a;
      while (r.na < p && tok_in(c, r.na, CAP_STOPS)) r.na++;
      r.nb = p;
      return r;
    }
    if (ns <= p && !org_word(c, p)) {
      /* "the senator from Kentucky": a name after a preposition is a modifier */
      if (!(ns > lo && tok_in(c, ns - 1, (const char *const[]){"from", "of", "in", "at", "for", "with", "by",
                                                               "on", "to", "about", NULL}))) {
        r.kind = NP_NAME;
        r.a = a;
        r.b = p;
        r.na = ns;
        r.nb = p;
        return r;
      }
    }
  }
  /* a description: back to a determiner */
  size_t k = p;
  int steps = 0;
  if (tok_in(c, p, DETERMINERS) || tok_in(c, p, CAP_STOPS) || tok_in(c, p, NP_STOPS)) return r;
  while (steps < 7 && k >= lo && c->tk[k].word && c->tk[k].quote < 0) {
    if (tok_in(c, k, DETERMINERS) || (c->tk[k].cap && k < p && k > lo && !c->tk[k - 1].word)) {
      r.kind = NP_DESC;
      r.a = k;
      r.b = p;
      return r;
    }
    if (k == lo) {
      r.kind = NP_DESC;
      r.a = k;
      r.b = p;
      return r;
    }
    if (tok_in(c, k, NP_STOPS) && k != p) break;
    k--;
    steps++;
  }
  return r;
}

/* Lower-case words that may sit between a name and the role that precedes
 * it ("Clinton campaign chairman John Podesta", "9/11 widow Terry Strada"). */
static int role_word(const ctx *c, size_t i) {
  static const char *const R[] = {"campaign", "press", "communications", "national", "senior",
                                  "chief", "policy", "foreign", "deputy", "widow", "widower",
                                  "adviser", "advisor", "aide", "executive", "former", "top",
                                  "head", "campaign's", "political", "general", "public",
                                  "state", "federal", "county", "city", "party", "fellow",
                                  "vice", "assistant", "associate", "economic", "security",
                                  "affairs", "relations", "director", "secretary", "official",
                                  "activist", "expert", "supporter", "voter", "resident",
                                  "owner", "worker", "veteran", "student", "teacher", "doctor",
                                  "nurse", "pastor", "member", "candidate", "nominee",
                                  "running", "mate", "wife", "husband", "son", "daughter",
                                  "mother", "father", "brother", "sister", "niece", "nephew",
                                  "friend", "partner", "lawmaker", "legislator", NULL};
  return tok_in(c, i, R) || tok_in(c, i, TITLES);
}

/* A noun phrase read forwards from k (not past hi).  In subject mode a
 * leading name is the phrase ("Trump attacked Clinton" -> Trump). */
static np np_fwd_mode(const ctx *c, size_t k, size_t hi, int subject) {
  np r = {NP_NONE, 0, 0, 0, 0};
  if (k > hi || k >= c->n || !c->tk[k].word || c->tk[k].quote >= 0) return r;
  if (tok_in(c, k, NP_STOPS) || is_verb(c, k)) return r;
  if (tok_in(c, k, PRONOUNS)) {
    r.kind = NP_PRON;
    r.a = r.b = k;
    return r;
  }
  /* the phrase runs until punctuation (but "/" and "-"), a stop word or a verb */
  size_t e = k;
  while (e + 1 <= hi && e + 1 < c->n && c->tk[e + 1].quote < 0 && e - k < 10) {
    size_t x = e + 1;
    if (!c->tk[x].word) {
      if ((punct_is(c, x, '/') || punct_is(c, x, '-') || punct_is(c, x, '.')) && x + 1 <= hi &&
          c->tk[x + 1].word && !c->tk[x + 1].cap)
        ;
      else
        break;
    } else if ((tok_in(c, x, NP_STOPS) && !(tok_is(c, x, "of") && tok_in(c, x - 1, TITLES) && c->tk[x - 1].cap)) ||
               is_verb(c, x)) {
      break;
    }
    e = x;
  }
  /* find the first name run and move on through role words to later runs */
  size_t i = k;
  size_t ra = (size_t)-1, rb = 0;
  while (i <= e) {
    if (is_name_word(c, i) && !tok_in(c, i, CAP_STOPS)) {
      size_t j = i;
      while (j + 1 <= e && (is_name_word(c, j + 1) || (is_particle(c, j + 1) && j + 2 <= e && is_name_word(c, j + 2))))
        j++;
      ra = i;
      rb = j;
      /* continue only through role words to another run */
      size_t z = j + 1;
      while (z <= e && c->tk[z].word &&
             ((!c->tk[z].cap && role_word(c, z)) || (tok_is(c, z, "of") && tok_in(c, z - 1, TITLES)) ||
              (c->tk[z].cap && tok_in(c, z, TITLES) && tok_is(c, z - 1, "of"))))
        z++;
      if (z <= e && z > j + 1 && is_name_word(c, z)) {
        i = z;
        continue;
      }
      break;
    }
    if (subject && !(tok_in(c, i, DETERMINERS) || role_word(c, i) || !c->tk[i].word)) break;
    if (!subject && c->tk[i].word && !c->tk[i].cap && !role_word(c, i) && !tok_in(c, i, DETERMINERS) &&
        !(c->t[c->tk[i].s] >= '0' && c->t[c->tk[i].s] <= '9')) {
      /* "panel Chairman Rep. Jason Chaffetz": a word or two before the titles */
      if (i - k < 2 && i + 1 <= e && c->tk[i + 1].cap) {
        i++;
        continue;
      }
      break;
    }
    i++;
  }
  if (ra != (size_t)-1 && subject) {
    /* "Trump's excesses are sickening": a possessor is not the subject */
    size_t pe = c->tk[rb].e;
    if ((pe >= 2 && c->t[pe - 2] == '\'' && c->t[pe - 1] == 's') ||
        (pe >= 4 && !memcmp(c->t + pe - 4, "\xE2\x80\x99s", 4)))
      ra = (size_t)-1;
  }
  if (ra != (size_t)-1) {
    /* a run followed by more lower-case words is a modifier ("the New York
     * businessman"), except in subject mode where the run is the subject */
    size_t z = rb + 1;
    int tail = 0;
    while (z <= e) {
      if (c->tk[z].word && !tok_in(c, z, FILLERS) &&
          !(c->tk[z].e - c->tk[z].s > 4 && !memcmp(c->t + c->tk[z].e - 2, "ly", 2)))
        tail = 1;
      z++;
    }
    size_t ns = name_start(c, ra, rb);
    if (rb - ns >= 4) ns = rb + 1;
    /* a capitalised first word before a lower-case one is the sentence's
     * first word, not a name ("Partial transcript as follows") */
    if (subject && tail && ra == rb && ra == k && rb + 1 <= e && c->tk[rb + 1].word && !c->tk[rb + 1].cap &&
        !is_verb(c, rb + 1) && !tok_in(c, rb + 1, FILLERS) && !verb_like(c, rb + 1) && !known_name(c, ra))
      ns = rb + 1;
    if (ns <= rb && !org_word(c, rb) && (!tail || subject)) {
      r.kind = NP_NAME;
      r.a = k;
      r.b = tail ? rb : e;
      r.na = ns;
      r.nb = rb;
      return r;
    }
    if (ns <= rb && org_word(c, rb) && (!tail || ra == k)) {
      /* an organisation: "The New York Times reports" */
      r.kind = NP_NAME;
      r.a = k;
      r.b = tail ? rb : e;
      r.na = ra;
      r.nb = rb;
      while (r.na < rb && tok_in(c, r.na, CAP_STOPS)) r.na++;
      return r;
    }
  }
  /* a described subject ends before its verb ("Another featured ...") */
  if (subject)
    for (size_t z = k + 1; z <= e; z++)
      if (c->tk[z].word && !c->tk[z].cap && verb_like(c, z)) {
        e = z - 1;
        break;
      }
  /* trailing fillers ("my father often") are not part of the phrase */
  while (e > k && (tok_in(c, e, FILLERS) ||
                   (c->tk[e].e - c->tk[e].s > 4 && !memcmp(c->t + c->tk[e].e - 2, "ly", 2))))
    e--;
  r.kind = NP_DESC;
  r.a = k;
  r.b = e;
  return r;
}

static np np_fwd(const ctx *c, size_t k, size_t hi) { return np_fwd_mode(c, k, hi, 0); }

/* ---------------------------------------------------------------- attribution */

typedef struct attr {
  np who;
  size_t verb;       /* token index of the speech verb, or (size_t)-1 */
  size_t appos_a, appos_b; /* apposition tokens, appos_a > appos_b when none */
  int found;
} attr;

static int skip_fillers_fwd(const ctx *c, size_t *k, size_t hi) {
  while (*k <= hi && *k < c->n && (tok_in(c, *k, FILLERS) || (c->tk[*k].word && c->tk[*k].e - c->tk[*k].s > 4 &&
                                                         !memcmp(c->t + c->tk[*k].e - 2, "ly", 2) &&
                                                         !c->tk[*k].cap)))
    (*k)++;
  return *k <= hi;
}

/* Attribution after a closing mark: tokens k..hi (same sentence). */
static attr attr_after(const ctx *c, size_t k, size_t hi) {
  attr r;
  memset(&r, 0, sizeof r);
  r.verb = (size_t)-1;
  r.appos_a = 1;
  r.appos_b = 0;
  int dash = 0;
  while (k <= hi && k < c->n && !c->tk[k].word && c->tk[k].quote < 0) {
    int32_t ch = story_cp_at(c->t, c->len, c->tk[k].s, NULL);
    if (ch == 0x2015 || ch == 0x2014 || ch == 0x2013 || ch == '-') dash = 1;
    else if (ch != ',') break;
    k++;
  }
  if (k > hi || k >= c->n || c->tk[k].quote >= 0) return r;
  if (dash) {
    /* "..." -- Christina Lastra */
    np who = np_fwd(c, k, hi);
    if (who.kind == NP_NAME && who.na == k) {
      r.who = who;
      r.found = 1;
      return r;
    }
  }
  /* ", according to X" */
  if (tok_is(c, k, "according") && tok_is(c, k + 1, "to")) {
    r.who = np_fwd(c, k + 2, hi);
    r.verb = k;
    r.found = r.who.kind != NP_NONE;
    return r;
  }
  /* ", said X" */
  size_t v = k;
  {
    /* "...," noting flagging conditions: a participle's object is not its
     * speaker, the sentence's subject is */
    char vw[32];
    lower_word(c, v, vw, sizeof vw);
    size_t L = strlen(vw);
    if (L > 4 && !strcmp(vw + L - 3, "ing") && is_verb(c, v)) return r;
  }
  if (is_verb(c, v) && !tok_is(c, v, "adding") && !tok_is(c, v, "read") && !tok_is(c, v, "told") &&
      !tok_is(c, v, "tells") && !tok_is(c, v, "telling")) { /* "told X": X listens */
    size_t j = v + 1;
    skip_fillers_fwd(c, &j, hi);
    r.who = np_fwd(c, j, hi);
    if (r.who.kind != NP_NONE) {
      r.verb = v;
      r.found = 1;
      if (punct_is(c, r.who.b + 1, ',')) {
        size_t q = r.who.b + 2, z = q;
        while (z <= hi && z < c->n && !punct_is(c, z, ',') && !punct_is(c, z, '.') && c->tk[z].quote < 0) z++;
        if (z > q) {
          r.appos_a = q;
          r.appos_b = z - 1;
          /* "said the evening host, author Miriam Castellanos": the name */
          np inner = np_fwd(c, q, z - 1);
          if (r.who.kind == NP_DESC && inner.kind == NP_NAME && inner.nb == z - 1) {
            r.appos_a = r.who.a;
            r.appos_b = r.who.b;
            r.who = inner;
          }
        }
      }
    }
    return r;
  }
  /* ", X said" / ", X, a Kentucky Republican, said" */
  np who = np_fwd(c, k, hi);
  if (who.kind == NP_NONE) return r;
  /* a description opens with a determiner or a capital ("the mayor", not
   * "giving states more power") */
  if (who.kind == NP_DESC && !tok_in(c, who.a, DETERMINERS) && !c->tk[who.a].cap) return r;
  size_t j = who.b + 1;
  size_t ap_a = 1, ap_b = 0;
  if (who.kind == NP_NAME && (tok_is(c, j, "of") || tok_is(c, j, "at") || tok_is(c, j, "from"))) {
    /* "Mr. Morgan of the Sierra Club said" */
    size_t z = j + 1;
    if (tok_is(c, z, "the")) z++;
    if (is_name_word(c, z)) {
      while (z + 1 <= hi && is_name_word(c, z + 1)) z++;
      j = z + 1;
    }
  }
  if (tok_is(c, j, "and") && j + 1 <= hi) {
    /* "Edward-Isaac Dovere and Gabriel Debenedetti wrote": the first */
    np other = np_fwd(c, j + 1, hi);
    if (other.kind == NP_NAME && is_verb(c, other.b + 1)) j = other.b + 1;
  }
  if (who.kind == NP_DESC && punct_is(c, j, ',')) {
    /* "another friend, Mariam Emara told CNN" */
    np name = np_fwd(c, j + 1, hi);
    if (name.kind == NP_NAME && name.na == j + 1 && is_verb(c, name.b + 1)) {
      who = name;
      j = name.b + 1;
    }
  }
  if ((tok_is(c, j, "in") || tok_is(c, j, "at") || tok_is(c, j, "on") || tok_is(c, j, "from") ||
       tok_is(c, j, "with") || tok_is(c, j, "for")) && !is_verb(c, j + 1)) {
    /* "a Democratic staffer in the room wondered" */
    size_t z = j + 1;
    while (z <= hi && z < j + 5 && c->tk[z].word && !is_verb(c, z)) z++;
    if (z <= hi && is_verb(c, z)) j = z;
  }
  if (punct_is(c, j, '(')) {
    size_t z = j;
    while (z <= hi && z < j + 10 && !punct_is(c, z, ')')) z++;
    if (z <= hi && punct_is(c, z, ')')) j = z + 1;
  }
  int closed = 0;
  for (int n_ap = 0; n_ap < 2 && punct_is(c, j, ','); n_ap++) {
    /* one or two appositions, each closed by a comma */
    size_t z = j + 1;
    while (z <= hi && z < c->n && z < j + 30 && !punct_is(c, z, ',') && c->tk[z].quote < 0) z++;
    if (z <= hi && punct_is(c, z, ',') && z > j + 1 && !is_verb(c, j + 1)) {
      if (n_ap == 0) ap_a = j + 1;
      ap_b = z - 1;
      j = z;
      closed = 1;
    } else {
      break;
    }
  }
  if (closed) j++;
  else if (punct_is(c, j, ',') && is_verb(c, j + 1)) j++; /* "..., Joe Kasper, told" */
  else if (punct_is(c, j, ',') && tok_is(c, j + 1, "who")) {
    /* "Katie Packer, who is chairman of Our Principles PAC said" */
    for (size_t z = j + 2; z <= hi && z < j + 20 && c->tk[z].quote < 0; z++)
      if (is_verb(c, z)) {
        j = z;
        break;
      }
  }
  if (closed && who.kind != NP_NAME && ap_a <= ap_b) {
    np inner = np_fwd(c, ap_a, ap_b);
    if (inner.kind == NP_NAME && inner.na == ap_a && inner.nb == ap_b) {
      who = inner;
      ap_a = 1;
      ap_b = 0;
    }
  }
  skip_fillers_fwd(c, &j, hi);
  if (j <= hi && is_verb(c, j)) {
    r.who = who;
    r.verb = j;
    r.appos_a = ap_a;
    r.appos_b = ap_b;
    r.found = 1;
  }
  return r;
}

static attr attr_before(const ctx *c, size_t lo, size_t p, int adjacent);

/* The subject of the sentence starting at token lo (before token hi): its
 * first noun phrase once an opening adverbial clause ("When asked ..., ") is
 * skipped. */
static np sentence_subject(const ctx *c, size_t lo, size_t hi) {
  static const char *const OPENERS[] = {"when", "as", "after", "before", "in", "on", "at",
                                        "during", "though", "although", "while", "asked",
                                        "speaking", "since", "with", "for", "if", "despite",
                                        "earlier", "later", "last", "meanwhile", "but", "and",
                                        "still", "yet", "so", "then", "also", "now", "instead",
                                        "according", "like", "unlike", "over", "under", "amid",
                                        "among", "here", "there", "across", "throughout",
                                        "following", "from", "by", "to", NULL};
  np none = {NP_NONE, 0, 0, 0, 0};
  size_t k = lo;
  if (k < hi && (k == 0 || c->tk[k - 1].sent != c->tk[k].sent)) {
    /* "WASHINGTON, Dec. 8 (UPI) -- In response ...": not the subject */
    size_t d = sentence_skip_dateline(c->t, c->tk[k].s, c->tk[hi].s);
    while (k < hi && c->tk[k].s < d) k++;
  }
  if (k + 1 < hi && punct_is(c, k + 1, ',') &&
      tok_in(c, k, (const char *const[]){"moreover", "however", "wait", "likewise", "indeed", "instead",
                                         "meanwhile", "nevertheless", "nonetheless", "furthermore",
                                         "besides", "otherwise", "well", "now", "then", "again", "first",
                                         "second", "third", "finally", "thus", "hence", "therefore",
                                         "often", "sometimes", "today", "yesterday", "still", "yet",
                                         "also", "plus", "overall", "again", "ironically", NULL})) {
    /* "Moreover, as part of ...", "Wait, it gets better": an opener */
    k += 2;
  }
  {
    /* "Appearing before supporters, Suu Kyi said": a participial opener */
    char w0[32];
    lower_word(c, k, w0, sizeof w0);
    size_t L0 = strlen(w0);
    if (L0 > 5 && c->tk[k].cap && (!strcmp(w0 + L0 - 3, "ing") || !strcmp(w0 + L0 - 2, "ed"))) {
      size_t z = k;
      while (z < hi && !(punct_is(c, z, ',') && c->tk[z].quote < 0)) z++;
      if (z < hi) k = z + 1;
    }
  }
  {
    /* "Specifically, ..." / "Shortly after the vote, ...": an adverb opener */
    char w0[32];
    lower_word(c, k, w0, sizeof w0);
    size_t L0 = strlen(w0);
    if (L0 > 4 && c->tk[k].cap && !strcmp(w0 + L0 - 2, "ly") && !known_name(c, k) && k + 1 < hi) {
      if (punct_is(c, k + 1, ','))
        k += 2;
      else if (tok_in(c, k + 1, (const char *const[]){"after", "before", "before,", NULL})) {
        size_t z = k;
        while (z < hi && !(punct_is(c, z, ',') && c->tk[z].quote < 0)) z++;
        if (z < hi) k = z + 1;
      }
    }
  }
  for (int round = 0; round < 2 && k < hi && tok_in(c, k, OPENERS); round++) {
    if (tok_in(c, k, (const char *const[]){"but", "and", "still", "yet", "so", "then", "also", "now", NULL})) {
      k++;
      if (punct_is(c, k, ',')) k++;
    } else {
      while (k < hi && !(punct_is(c, k, ',') && c->tk[k].quote < 0)) k++;
      k++;
      while (k < hi && c->tk[k].quote >= 0) k++;
    }
  }
  {
    /* "One month after announcing his support for X, Rubio ...": a time
     * clause, up to its comma */
    int timed = 0;
    for (size_t z = k + 1; z < hi && z < k + 3; z++)
      if (tok_in(c, z, (const char *const[]){"after", "before", "since", NULL}) &&
          tok_in(c, z - 1, (const char *const[]){"day", "days", "week", "weeks", "month", "months", "year",
                                                 "years", "hour", "hours", "minute", "minutes", "moments",
                                                 "soon", "long", "decades", "weekend", "night", NULL}))
        timed = 1;
    if (timed) {
      size_t z = k;
      while (z < hi && z < k + 16 && !(punct_is(c, z, ',') && c->tk[z].quote < 0)) z++;
      if (z < hi && z < k + 16) k = z + 1;
    }
  }
  {
    /* "A few days later, Trump ...", "Two weeks ago, ...": a time phrase */
    size_t z = k;
    while (z < hi && z < k + 6 && c->tk[z].word && c->tk[z].quote < 0) z++;
    if (z > k && z < hi && punct_is(c, z, ',') &&
        (tok_in(c, z - 1, (const char *const[]){"later", "ago", "earlier", "before", "after", "year",
                                                 "week", "month", NULL}) ||
         time_word(c, z - 1)))
      k = z + 1;
  }
  /* "On July 6, 2015, Sanders made ..." */
  while (k + 1 < hi && c->tk[k].word && c->t[c->tk[k].s] >= '0' && c->t[c->tk[k].s] <= '9' &&
         punct_is(c, k + 1, ','))
    k += 2;
  if (k >= hi || c->tk[k].quote >= 0) return none;
  np who = np_fwd_mode(c, k, hi - 1, 1);
  if (who.kind == NP_NAME && who.na != k && !(c->tk[k].cap || tok_in(c, k, DETERMINERS))) return none;
  if (who.kind == NP_DESC && !tok_is(c, who.a, "the")) return none;
  return who;
}

/* Attribution before an opening mark: tokens lo..p-1 of the sentence.  With
 * `adjacent`, only a verb right before the mark counts ("Paul said:"). */
static attr attr_before(const ctx *c, size_t lo, size_t p, int adjacent) {
  attr r;
  memset(&r, 0, sizeof r);
  r.verb = (size_t)-1;
  r.appos_a = 1;
  r.appos_b = 0;
  if (p == 0 || p <= lo) return r;
  size_t v = (size_t)-1;
  size_t k = p;
  if (p - lo > MAX_SENTENCE_TOKENS) lo = p - MAX_SENTENCE_TOKENS;
  while (k > lo) {
    k--;
    if (c->tk[k].quote >= 0) {
      if (adjacent) return r;
      continue;
    }
    if (tok_is(c, k, "according") && tok_is(c, k + 1, "to")) {
      r.who = np_fwd(c, k + 2, p - 1);
      r.verb = k;
      r.found = r.who.kind != NP_NONE;
      return r;
    }
    if (is_verb(c, k)) {
      v = k;
      break;
    }
    if (adjacent && k + 1 == p && punct_is(c, k, ':') && k > lo) {
      /* "Michael P. McDonald: "..."" -- a name and a colon, as in a transcript */
      np who = np_back(c, k - 1, lo);
      if (who.kind == NP_NAME && (who.a == lo || !c->tk[who.a - 1].word ||
                                  (is_verb(c, who.a - 1) && !tok_in(c, who.a - 1, ADDRESSEE_VERBS)) ||
                                  role_word(c, who.a - 1))) {
        r.who = who;
        r.found = 1;
        return r;
      }
    }
    if (adjacent && !(punct_is(c, k, ':') || punct_is(c, k, ',') || tok_in(c, k, FILLERS) ||
                      tok_is(c, k, "that") || (c->tk[k].word && !c->tk[k].cap && p - k <= 4)))
      return r;
  }
  if (v == (size_t)-1) return r;
  if (v > lo && v + 2 < p && tok_in(c, v - 1, (const char *const[]){"was", "were", "is", "being", "been", NULL}) &&
      tok_is(c, v + 1, "by") && tok_in(c, v, (const char *const[]){"asked", "told", "questioned", "pressed", NULL})) {
    /* "Sanders was asked by host Bill Maher, "..."": the asker speaks */
    np who = np_fwd(c, v + 2, p - 1);
    if (who.kind == NP_NAME) {
      r.who = who;
      r.verb = v;
      r.found = 1;
      return r;
    }
  }
  /* the subject before the verb; "Rikkie Wells who tweeted": the name */
  size_t s = v;
  for (size_t z = v; z > lo + 1 && v - z < 7; z--) {
    if (tok_is(c, z - 1, "who")) {
      s = z; /* "Beck, who has in the past described": Beck */
      break;
    }
    if (!c->tk[z - 1].word || is_verb(c, z - 1) || tok_in(c, z - 1, NP_STOPS)) {
      if (!(tok_in(c, z - 1, (const char *const[]){"in", "on", "at", "for", NULL}))) break;
    }
  }
  if (s > lo + 1 && (tok_is(c, s - 1, "who") || tok_is(c, s - 1, "which"))) {
    /* an earlier speech verb's speaker comes first ("Morial told a young
     * woman who suggested ... that "...""); else the relative's antecedent */
    attr outer = attr_before(c, lo, s - 1, 0);
    if (outer.found && outer.who.kind == NP_NAME) {
      outer.verb = v;
      return outer;
    }
    s--;
    if (s > lo + 1 && punct_is(c, s - 1, ',')) s--; /* "Beck, who" */
  }
  while (s > lo && (tok_in(c, s - 1, FILLERS) || time_word(c, s - 1) ||
                    (tok_is(c, s - 1, "on") && s < v && time_word(c, s)) ||
                    (c->tk[s - 1].word && !c->tk[s - 1].cap && c->tk[s - 1].e - c->tk[s - 1].s > 4 &&
                     !memcmp(c->t + c->tk[s - 1].e - 2, "ly", 2))))
    s--;
  size_t ap_a = 1, ap_b = 0;
  int no_desc = 0;
  /* "Adding ...", ", saying", "and vowed": the subject is the sentence's */
  {
    char vw[32];
    lower_word(c, v, vw, sizeof vw);
    size_t L = strlen(vw);
    int participle = L > 4 && !strcmp(vw + L - 3, "ing");
    if ((participle && s == v && s > lo && !is_name_word(c, s - 1) && !tok_in(c, s - 1, PRONOUNS)) ||
        (participle && (s == lo || punct_is(c, s - 1, ',') || tok_is(c, s - 1, "before") ||
                        tok_is(c, s - 1, "by") || tok_is(c, s - 1, "began") || tok_is(c, s - 1, "started") ||
                        tok_is(c, s - 1, "kept") || tok_is(c, s - 1, "continued") || tok_is(c, s - 1, "went") ||
                        tok_is(c, s - 1, "after") || tok_is(c, s - 1, "while"))) ||
        (s > lo && (tok_is(c, s - 1, "and") || tok_is(c, s - 1, "but")))) {
      /* the speaker of an earlier verb ("Hollande said ..., noting"), else
       * the sentence's subject */
      int coord = s > lo && s == v && (tok_is(c, s - 1, "and") || tok_is(c, s - 1, "but"));
      if ((participle || coord) && v > lo + 1) {
        attr outer = attr_before(c, lo, v, 0);
        if (outer.found && (outer.who.kind == NP_NAME || outer.who.kind == NP_PRON)) {
          outer.verb = v;
          return outer;
        }
      }
      np who = sentence_subject(c, lo, v);
      if (who.kind != NP_NONE) {
        r.who = who;
        r.verb = v;
        r.found = 1;
        return r;
      }
      /* ", saying" after a clause whose subject is not a person: the
       * phrase before the comma is not the speaker either */
      if (participle && s == v && s > lo && punct_is(c, s - 1, ',')) no_desc = 1;
    }
  }
  if (s > lo && tok_is(c, s - 1, "to")) {
    /* "The email goes on to say:": the subject of the sentence */
    np who = sentence_subject(c, lo, v);
    if (who.kind == NP_NAME || who.kind == NP_PRON || (who.kind == NP_DESC && tok_is(c, who.a, "the"))) {
      r.who = who;
      r.verb = v;
      r.found = 1;
      return r;
    }
  }
  if (s > lo && punct_is(c, s - 1, ')')) {
    size_t z = s - 1;
    while (z > lo && z + 10 > s && !punct_is(c, z, '(')) z--;
    if (punct_is(c, z, '(')) s = z;
  }
  if (s > lo + 2 && punct_is(c, s - 1, ',') && punct_is(c, s - 2, ')')) {
    /* "Gov. John Kasich (R-OH), said": the party tag is not an apposition */
    size_t z = s - 2;
    while (z > lo && z + 10 > s && !punct_is(c, z, '(')) z--;
    if (punct_is(c, z, '(') && z > lo && is_name_word(c, z - 1)) s = z;
  }
  if (s > lo && punct_is(c, s - 1, ',')) {
    size_t z = s - 1;
    while (z > lo && z + 30 > s && !punct_is(c, z - 1, ',') && c->tk[z - 1].quote < 0) z--;
    if (z > lo && punct_is(c, z - 1, ',')) {
      ap_a = z;
      ap_b = s - 2;
      s = z - 1;
    }
  }
  if (s > lo + 1 && punct_is(c, s - 1, ')')) {
    /* "Sen. Ted Cruz (R-Tex.), a Republican candidate ..., tweeted" */
    size_t z = s - 1;
    while (z > lo && z + 10 > s && !punct_is(c, z, '(')) z--;
    if (punct_is(c, z, '(') && z > lo && is_name_word(c, z - 1)) s = z;
  }
  if (s > lo) {
    np who = np_back(c, s - 1, lo);
    {
      char vw[32];
      lower_word(c, v, vw, sizeof vw);
      size_t L = strlen(vw);
      if (who.kind == NP_NONE && L > 4 && !strcmp(vw + L - 3, "ing") && is_name_word(c, s - 1) &&
          !tok_in(c, s - 1, CAP_STOPS)) {
        /* "footage of Hillary Clinton asking": the name is the agent */
        size_t a = run_back(c, s - 1);
        if (a < lo) a = lo;
        size_t ns = name_start(c, a, s - 1);
        /* but "a statement to Wired explaining", "on Facebook writing": a
         * place or listener, not the agent */
        int prep = a > lo && tok_in(c, a - 1, (const char *const[]){"to", "on", "in", "at", "for",
                                                                    "from", "into", "onto", NULL});
        if (ns <= s - 1 && s - 1 - ns < 4 && !prep) {
          who.kind = NP_NAME;
          who.a = a;
          who.b = s - 1;
          who.na = ns;
          who.nb = s - 1;
        }
      }
    }
    /* a second apposition: "Ayrault, the foreign minister of France, a
     * permanent member of the Council, said" */
    if ((who.kind == NP_NONE || (who.kind == NP_DESC && !tok_in(c, who.a, DETERMINERS))) && ap_a <= ap_b &&
        s > lo + 1) {
      size_t z = s;
      while (z > lo && z + 30 > s && !punct_is(c, z - 1, ',') && c->tk[z - 1].quote < 0) z--;
      if (z > lo && punct_is(c, z - 1, ',') && z - 1 > lo) {
        np w2 = np_back(c, z - 2, lo);
        if (w2.kind == NP_NAME) {
          who = w2;
          ap_a = z;
        }
      }
    }
    if (who.kind != NP_NAME && ap_a <= ap_b) {
      /* "His former business partner at Lenox, Lawrence B. Cummings, called" */
      np inner = np_fwd(c, ap_a, ap_b);
      if (inner.kind == NP_NAME && inner.na == ap_a && inner.b == ap_b && !org_word(c, inner.nb)) {
        who = inner;
        ap_a = 1;
        ap_b = 0;
      }
    }
    if (who.kind == NP_DESC && no_desc) return r;
    if (who.kind != NP_NONE) {
      r.who = who;
      r.verb = v;
      r.appos_a = ap_a;
      r.appos_b = ap_b;
      r.found = 1;
      /* "Lynch said she recalled": the named subject of an earlier verb */
      if (who.kind == NP_PRON && who.a > lo) {
        attr outer = attr_before(c, lo, who.a, 0);
        if (outer.found && outer.who.kind == NP_NAME) {
          outer.verb = v;
          return outer;
        }
      }
      return r;
    }
  }
  /* "said X:" -- the name right after the verb, then the quote */
  size_t j = v + 1;
  skip_fillers_fwd(c, &j, p - 1);
  if (j < p) {
    np who = np_fwd(c, j, p - 1);
    /* but "told Fox News:" names the listener, not the speaker */
    if (who.kind == NP_NAME && who.na == j && !tok_in(c, v, ADDRESSEE_VERBS) &&
        (who.b + 1 >= p || punct_is(c, who.b + 1, ':') || punct_is(c, who.b + 1, ','))) {
      r.who = who;
      r.verb = v;
      r.found = 1;
    }
  }
  return r;
}

/* "the former secretary of state", "the Florida senator": a definite
 * description whose head noun is a role. */
static int role_desc(const ctx *c, const np *who) {
  if (who->kind != NP_DESC || !tok_is(c, who->a, "the") || who->b - who->a > 5) return 0;
  size_t head = who->b;
  for (size_t z = who->a + 1; z < who->b; z++)
    if (tok_is(c, z, "of")) {
      head = z - 1;
      break;
    }
  return tok_in(c, head, ROLES);
}

/* ---------------------------------------------------------------- resolution */

typedef struct resolved {
  char *speaker;
  char *title;
  bc_gender gender;
  int person;      /* index into c->pp or -1 */
} resolved;

static resolved resolve_np(ctx *c, const np *who) {
  resolved r = {NULL, NULL, BC_GENDER_UNKNOWN, -1};
  if (who->kind == NP_PRON) {
    char lw[16];
    lower_word(c, who->a, lw, sizeof lw);
    bc_gender g = !strcmp(lw, "he") ? BC_GENDER_MALE : !strcmp(lw, "she") ? BC_GENDER_FEMALE : BC_GENDER_UNKNOWN;
    int plural = !strcmp(lw, "they") || !strcmp(lw, "we") || !strcmp(lw, "it") || !strcmp(lw, "you") ||
                 !strcmp(lw, "i");
    int p = resolve_pronoun(c, who->a, g, plural);
    if (p >= 0) {
      if (g && !c->pp[p].gender) c->pp[p].gender = g;
      c->ment[who->a] = p;
      r.person = p;
    } else if (g) {
      r.gender = g;
    }
  } else if (who->kind == NP_NAME) {
    size_t n_name = who->nb - who->na + 1;
    if (n_name == 1) {
      char *w = tok_text(c, who->na, who->na);
      int p = lookup_short(c, w, who->na);
      if (p < 0 && !org_word(c, who->na) && !tok_in(c, who->na, CAP_STOPS) && !tok_in(c, who->na, TITLES)) {
        /* "McLenney said": a person from now on, for the pronouns that follow */
        p = add_person(c, who->na, who->na, who->a);
      }
      if (p >= 0) {
        r.person = p;
      } else {
        r.speaker = w;
        w = NULL;
      }
      free(w);
    } else if (org_word(c, who->nb)) {
      r.speaker = tok_text(c, who->na, who->nb);
    } else {
      char *name = tok_text(c, who->na, who->nb);
      int p = find_person(c, name);
      free(name);
      if (p < 0) p = add_person(c, who->na, who->nb, who->na);
      r.person = p;
    }
    if (r.person >= 0) {
      c->pp[r.person].is_person = 1;
      if (c->ment[who->na] < 0) c->ment[who->na] = r.person;
    }
  } else if (who->kind == NP_DESC) {
    /* "the senator": a person whose title or role says so */
    size_t head = who->b;
    /* "the former secretary of state": the head is before "of" */
    for (size_t z = who->a + 1; z < who->b; z++)
      if (tok_is(c, z, "of")) {
        head = z - 1;
        break;
      }
    char lw[48];
    lower_word(c, head, lw, sizeof lw);
    int definite = tok_is(c, who->a, "the") && who->b - who->a <= 4;
    if (definite) {
      for (size_t i = who->a; i-- > 0 && who->a - i < LOOK_BACK * 12;) {
        int p = c->ment[i];
        if (p < 0) continue;
        const person *pp = &c->pp[p];
        char tl[64] = "";
        if (pp->title) {
          size_t L = strlen(pp->title);
          for (size_t k = 0; k < L && k < sizeof tl - 1; k++) tl[k] = (char)tolower((unsigned char)pp->title[k]);
          tl[L < sizeof tl - 1 ? L : sizeof tl - 1] = 0;
        }
        int match = (pp->role && !strcmp(pp->role, lw)) ||
                    (tl[0] && (strstr(tl, lw) ||
                               (!strcmp(lw, "senator") && strstr(tl, "sen")) ||
                               (!strcmp(lw, "governor") && strstr(tl, "gov")) ||
                               ((!strcmp(lw, "congressman") || !strcmp(lw, "congresswoman")) && strstr(tl, "rep"))));
        if (match) {
          r.person = p;
          c->ment[who->a] = p;
          break;
        }
      }
    }
    if (r.person < 0 && definite) {
      /* "the senator", "the Florida senator", "the former president": a role
       * that points back to the person the story is about */

      if (in_list(lw, ROLES)) {
        bc_gender g = title_gender(lw);
        int p = resolve_pronoun(c, who->a, g, 0);
        if (p >= 0 && (c->pp[p].title || c->pp[p].role)) {
          /* a person with another title is not "the secretary" */
          char tl[64] = "";
          const char *src = c->pp[p].title ? c->pp[p].title : c->pp[p].role;
          size_t L = strlen(src);
          for (size_t k = 0; k < L && k < sizeof tl - 1; k++) tl[k] = (char)tolower((unsigned char)src[k]);
          tl[L < sizeof tl - 1 ? L : sizeof tl - 1] = 0;
          int office = strstr(tl, "sen") || strstr(tl, "gov") || strstr(tl, "rep") || strstr(tl, "secretary") ||
                       strstr(tl, "president") || strstr(tl, "mayor") || strstr(tl, "minister") ||
                       strstr(tl, "judge") || strstr(tl, "speaker");
          int fits = strstr(tl, lw) || (!strcmp(lw, "senator") && strstr(tl, "sen")) ||
                     (!strcmp(lw, "governor") && strstr(tl, "gov")) ||
                     ((!strcmp(lw, "congressman") || !strcmp(lw, "congresswoman") ||
                       !strcmp(lw, "representative")) && strstr(tl, "rep"));
          if (office && !fits && (!strcmp(lw, "senator") || !strcmp(lw, "governor") || !strcmp(lw, "secretary") ||
                                  !strcmp(lw, "president") || !strcmp(lw, "mayor") || !strcmp(lw, "minister") ||
                                  !strcmp(lw, "judge") || !strcmp(lw, "speaker") || !strcmp(lw, "congressman") ||
                                  !strcmp(lw, "congresswoman") || !strcmp(lw, "representative")))
            p = -1;
        }
        if (p >= 0) {
          r.person = p;
          c->ment[who->a] = p;
        }
      }
    }
    if (r.person < 0) {
      char *d = tok_text(c, who->a, who->b);
      r.speaker = d;
    }
  }
  if (r.person >= 0) {
    const person *pp = &c->pp[r.person];
    r.speaker = xstrdup(pp->name);
    r.title = xstrdup(pp->title);
    r.gender = pp->gender;
  }
  return r;
}

/* The narrator's words before a quote: "Paul, a Kentucky Republican, said". */
static char *spoken_attribution(const ctx *c, const attr *a, const resolved *r, const quote_seg *q,
                                size_t sent_lo) {
  if (!r->speaker) return NULL;
  if (q->kind == QUOTE_KIND_PARTIAL && sent_lo < c->n && c->tk[sent_lo].s < q->open) {
    /* read the sentence up to the quote: "Kosachev ... reiterated the position that" */
    size_t s = c->tk[sent_lo].s, e = q->open;
    s = sentence_skip_dateline(c->t, s, e);
    while (e > s && (c->t[e - 1] == ' ' || c->t[e - 1] == '\n')) e--;
    if (e > s) {
      char *raw = xstrndup(c->t + s, e - s);
      char *sq = util_squash_space(raw);
      free(raw);
      /* a pronoun subject reads as the name */
      if (a->who.kind == NP_PRON && c->tk[a->who.a].s == s) {
        size_t pl = c->tk[a->who.a].e - c->tk[a->who.a].s;
        char *x = xasprintf("%s%s", r->speaker, sq + pl);
        free(sq);
        sq = x;
      }
      return sq;
    }
  }
  const char *verb = "said";
  char vb[32] = "";
  if (a->verb != (size_t)-1 && c->tk[a->verb].word) {
    static const char *const KEEP[] = {"said", "says", "added", "adds", "asked", "wrote", "writes",
                                       "warned", "insisted", "explained", "argued", "noted",
                                       "reiterated", "continued", "replied", "declared",
                                       "announced", "recalled", "stressed", "tweeted",
                                       "responded", "admitted", "acknowledged", "concluded",
                                       "predicted", "promised", "vowed", "countered", NULL};
    lower_word(c, a->verb, vb, sizeof vb);
    if (in_list(vb, KEEP)) verb = vb;
  }
  bc_buf b;
  buf_init(&b);
  if (a->who.kind == NP_NAME && r->person < 0 && a->who.a < a->who.na && tok_is(c, a->who.a, "the")) {
    /* a body keeps its article: "The New York Times reports" */
    char *d = tok_text(c, a->who.a, a->who.nb);
    d[0] = (char)toupper((unsigned char)d[0]);
    buf_adds(&b, d);
    free(d);
  } else if (a->who.kind == NP_DESC && r->person < 0) {
    char *d = tok_text(c, a->who.a, a->who.b);
    d[0] = (char)toupper((unsigned char)d[0]);
    buf_adds(&b, d);
    free(d);
  } else {
    /* a spelled-out title reads well before the full name ("Mayor Angela
     * Ruiz"); abbreviations ("Sen.") are left to the story's own words */
    if (r->title && !strchr(r->title, '.') && strchr(r->speaker, ' ') && isupper((unsigned char)r->title[0]) &&
        !strchr(r->title, ' '))
      buf_printf(&b, "%s ", r->title);
    buf_adds(&b, r->speaker);
  }
  size_t ap_end = a->appos_b;
  for (size_t z = a->appos_a; a->appos_a <= a->appos_b && z <= a->appos_b; z++)
    if (punct_is(c, z, ',')) { /* two appositions: the first reads well enough */
      ap_end = z - 1;
      break;
    }
  if (a->appos_a <= ap_end && ap_end - a->appos_a < 14) {
    char *ap = tok_text(c, a->appos_a, ap_end);
    buf_printf(&b, ", %s,", ap);
    free(ap);
  }
  buf_printf(&b, " %s", verb);
  size_t len = b.len; /* kept with its quote: no spare room (a buffer starts at 64 bytes) */
  return xrealloc(buf_steal(&b), len + 1);
}

/* First and last token of quote segment qi, and the token index just after
 * its closing mark. */
static int seg_tokens(const size_t *qfirst, const size_t *qlast, size_t qi, size_t *first,
                      size_t *last) {
  if (qfirst[qi] == (size_t)-1) return 0;
  *first = qfirst[qi];
  *last = qlast[qi];
  return 1;
}

void speaker_attribute(bc_story *s, const quote_seg *segs) {
  const bc_article *art = s->article;
  ctx c;
  memset(&c, 0, sizeof c);
  c.t = art->text;
  c.len = art->text_len;
  c.sents = s->sentences;
  c.n_sents = s->n_sentences;
  size_t n = s->n_quotes;
  /* the 32-bit token table (see tok) */
  if (c.len >= UINT32_MAX || n >= INT32_MAX || art->n_blocks >= MAX_TOK_BLOCKS) return;
  tokenize(&c, segs, n, art->blocks, art->n_blocks);
  collect_people(&c);
  size_t *qfirst = xmalloc((n ? n : 1) * sizeof *qfirst), *qlast = xmalloc((n ? n : 1) * sizeof *qlast);
  for (size_t qi = 0; qi < n; qi++) qfirst[qi] = qlast[qi] = (size_t)-1;
  for (size_t i = 0; i < c.n; i++) {
    int q = c.tk[i].quote;
    if (q < 0) continue;
    if (qfirst[q] == (size_t)-1) qfirst[q] = i;
    qlast[q] = i;
  }
  char **direct = xcalloc(n ? n : 1, sizeof *direct); /* "X said" forms of partial quotes */

  /* "Mike Pence says ... The Republican nominee was speaking ...": a role
   * description opening a sentence is a mention of the person before it */
  for (size_t i = 0; i < c.n; i++) {
    if (!(i == 0 || c.tk[i - 1].sent != c.tk[i].sent) || !tok_is(&c, i, "the") || c.tk[i].quote >= 0) continue;
    size_t h = i + 1;
    while (h < c.n && h < i + 5 && c.tk[h].word && !verb_like(&c, h) && !is_verb(&c, h) &&
           !tok_in(&c, h, NP_STOPS))
      h++;
    if (h == i + 1) continue;
    char lw[48];
    lower_word(&c, h - 1, lw, sizeof lw);
    if (!in_list(lw, ROLES)) continue;
    int p = resolve_pronoun(&c, i, title_gender(lw), 0);
    if (p >= 0) c.ment[i] = p;
  }
  for (size_t qi = 0; qi < n; qi++) {
    const quote_seg *q = &segs[qi];
    bc_quote *bq = &s->quotes[qi];
    size_t first, last;
    if (!seg_tokens(qfirst, qlast, qi, &first, &last)) continue;
    /* sentence bounds, in tokens */
    size_t slo = first;
    while (slo > 0 && first - slo < MAX_SENTENCE_TOKENS && c.tk[slo - 1].sent == c.tk[first].sent &&
           c.tk[slo - 1].block == c.tk[first].block)
      slo--;
    size_t shi = last;
    while (shi + 1 < c.n && shi - last < MAX_SENTENCE_TOKENS && c.tk[shi + 1].sent == c.tk[last].sent &&
           c.tk[shi + 1].block == c.tk[last].block)
      shi++;
    /* the part after the quote stops at the next quote */
    size_t ahi = last;
    while (ahi + 1 <= shi && c.tk[ahi + 1].quote < 0) ahi++;
    attr a;
    memset(&a, 0, sizeof a);
    /* a partial quote's own attribution after it ("...," the Sentinel
     * reported) beats a verb that only introduces the fragment */
    if (q->kind == QUOTE_KIND_PARTIAL && !q->open_ended && last + 1 <= ahi) a = attr_after(&c, last + 1, ahi);
    if (!a.found) a = attr_before(&c, slo, first, 1);
    if (!a.found && !q->open_ended && last + 1 <= ahi) a = attr_after(&c, last + 1, ahi);
    if (!a.found && q->kind == QUOTE_KIND_PARTIAL) a = attr_before(&c, slo, first, 0);
    if (!a.found && !q->open_ended && last + 1 <= ahi) {
      /* ""Boots on the ground" would be appropriate, Ben Carson said" */
      for (size_t z = last + 1; z <= ahi && !a.found; z++)
        if (punct_is(&c, z, ',')) {
          attr later = attr_after(&c, z, ahi);
          if (later.found && later.who.kind != NP_DESC && later.verb != (size_t)-1) a = later;
        }
    }
    if (!a.found && q->kind != QUOTE_KIND_DIRECT) a = attr_before(&c, slo, first, 0);
    if (!a.found && q->kind == QUOTE_KIND_DIRECT && slo < first) a = attr_before(&c, slo, first, 0);
    if (!a.found && slo < first &&
        (q->kind == QUOTE_KIND_PARTIAL || punct_is(&c, first - 1, ':') ||
         (punct_is(&c, first - 1, ',') && (last + 1 >= c.n || c.tk[last + 1].sent != c.tk[last].sent ||
                                           punct_is(&c, last + 1, '.'))))) {
      /* no speech verb: the sentence's subject ("Gingrich dismissed Estonia as
       * being in the "suburbs of St. Petersburg"") */
      np who = sentence_subject(&c, slo, first);
      if (who.kind == NP_NAME || who.kind == NP_PRON || role_desc(&c, &who)) {
        a.who = who;
        a.verb = (size_t)-1;
        a.appos_a = 1;
        a.appos_b = 0;
        a.found = 1;
      }
    }
    if (!a.found && !q->open_ended && last + 2 < c.n && c.tk[last + 1].sent != c.tk[last].sent &&
        c.tk[last + 1].block == c.tk[last].block && c.tk[last + 1].quote < 0 && c.tk[last + 1].cap) {
      /* ""Not us!" Murphy, the head of the PAC, tweeted": the splitter ends
       * the sentence at the "!" but the attribution follows */
      size_t nhi = last + 1;
      while (nhi + 1 < c.n && nhi - last < MAX_SENTENCE_TOKENS && c.tk[nhi + 1].sent == c.tk[last + 1].sent &&
             c.tk[nhi + 1].quote < 0)
        nhi++;
      attr nx = attr_after(&c, last + 1, nhi);
      if (nx.found && nx.who.kind == NP_NAME && nx.who.a == last + 1 && nx.verb != (size_t)-1 &&
          nx.verb > nx.who.b && !tok_in(&c, nx.verb, ADDRESSEE_VERBS)) {
        int32_t pc = 0;
        size_t back = 0;
        /* only after a quote that ends in "!" or "?" */
        size_t qe = segs[qi].end;
        pc = story_cp_before(c.t, qe, &back);
        if (pc == '!' || pc == '?') a = nx;
      }
    }
    if (!a.found && slo == first && !q->continues_prev && slo > 0 && c.tk[slo - 1].block == c.tk[slo].block) {
      /* "... concerns, Schiff said. "The other factor ..."" */
      size_t plo = slo - 1;
      while (plo > 0 && slo - plo < MAX_SENTENCE_TOKENS && c.tk[plo - 1].sent == c.tk[slo - 1].sent &&
             c.tk[plo - 1].block == c.tk[slo - 1].block)
        plo--;
      int has_quote = 0;
      for (size_t z = plo; z < slo; z++)
        if (c.tk[z].quote >= 0) has_quote = 1;
      attr pa = has_quote ? a : attr_before(&c, plo, slo, 0);
      if (pa.found && pa.who.kind != NP_DESC) a = pa;
    }
    if (!a.found && !q->open_ended && last + 2 < c.n && c.tk[last + 1].block == c.tk[last].block + 1 &&
        !c.tk[last + 1].word) {
      /* the quote's paragraph, then "- Bernie Sanders." on its own */
      int32_t ch = story_cp_at(c.t, c.len, c.tk[last + 1].s, NULL);
      if (ch == 0x2015 || ch == 0x2014 || ch == 0x2013 || ch == '-') {
        np who = np_fwd(&c, last + 2, last + 6 < c.n ? last + 6 : c.n - 1);
        if (who.kind == NP_NAME && who.na == last + 2) {
          a.who = who;
          a.verb = (size_t)-1;
          a.appos_a = 1;
          a.appos_b = 0;
          a.found = 1;
        }
      }
    }
    if (!a.found && slo == first && !q->continues_prev && slo > 0 &&
        c.tk[slo - 1].block + 1 == c.tk[slo].block && punct_is(&c, slo - 1, ':')) {
      /* "The New York Times reports:" then the quoted paragraph */
      size_t plo = slo - 1;
      while (plo > 0 && slo - plo < MAX_SENTENCE_TOKENS && c.tk[plo - 1].sent == c.tk[slo - 1].sent &&
             c.tk[plo - 1].block == c.tk[slo - 1].block)
        plo--;
      a = attr_before(&c, plo, slo - 1, 0);
      if (!a.found) {
        np who = sentence_subject(&c, plo, slo - 1);
        if (who.kind == NP_NAME || who.kind == NP_PRON) {
          a.who = who;
          a.verb = (size_t)-1;
          a.appos_a = 1;
          a.appos_b = 0;
          a.found = 1;
        }
      }
    }
    if (a.found) {
      resolved r = resolve_np(&c, &a.who);
      bq->speaker = r.speaker;
      bq->speaker_title = r.title;
      bq->gender = r.gender;
      bq->attribution = spoken_attribution(&c, &a, &r, q, slo);
      if (q->kind == QUOTE_KIND_PARTIAL) {
        quote_seg dq = *q;
        dq.kind = QUOTE_KIND_DIRECT;
        direct[qi] = spoken_attribution(&c, &a, &r, &dq, slo);
      }
    }
  }
  /* inheritance: continued quotes, other segments of the paragraph */
  for (int pass = 0; pass < 2; pass++) {
    for (size_t qi = 0; qi < n; qi++) {
      bc_quote *bq = &s->quotes[qi];
      if (bq->speaker) continue;
      const bc_quote *from = NULL;
      if (segs[qi].continues_prev && qi > 0) from = &s->quotes[qi - 1];
      if (!from && qi > 0 && segs[qi - 1].block == segs[qi].block && s->quotes[qi - 1].speaker)
        from = &s->quotes[qi - 1];
      if (!from && qi + 1 < n && segs[qi + 1].block == segs[qi].block && s->quotes[qi + 1].speaker && pass == 1)
        from = &s->quotes[qi + 1];
      if (!from && pass == 1 && segs[qi].open_ended) {
        /* a quote running over paragraphs is attributed in its last one */
        size_t k = qi + 1;
        while (k < n && segs[k].continues_prev && !s->quotes[k].speaker) k++;
        if (k < n && k > qi && segs[k].continues_prev && s->quotes[k].speaker) from = &s->quotes[k];
      }
      if (!from && pass == 1 && qi > 0 && segs[qi - 1].block + 1 == segs[qi].block &&
          segs[qi].kind == QUOTE_KIND_DIRECT && s->quotes[qi - 1].speaker) {
        /* a paragraph of quote after a quoted paragraph: same voice */
        size_t bs = art->blocks[segs[qi].block].start, i = bs, adv;
        while (i < segs[qi].open && story_is_space_at(c.t, segs[qi].open, i, &adv)) i += adv;
        if (i == segs[qi].open) from = &s->quotes[qi - 1];
      }
      if (!from && pass == 1 && segs[qi].kind == QUOTE_KIND_DIRECT && !segs[qi].continues_prev &&
          qfirst[qi] != (size_t)-1 && qfirst[qi] > 0) {
        /* a paragraph that is only a quote, after one about someone: theirs
         * ("Viguerie is upbeat about Cruz's chances." then the quote) */
        size_t f = qfirst[qi];
        int starts = c.tk[f - 1].block != c.tk[f].block;
        int alone = 1;
        for (size_t z = f; z < c.n && c.tk[z].block == c.tk[f].block; z++)
          if (c.tk[z].quote < 0 && c.tk[z].word) alone = 0;
        if (starts && alone && c.tk[f - 1].block + 1 == c.tk[f].block && c.tk[f - 1].quote < 0) {
          size_t plo = f - 1;
          while (plo > 0 && f - plo < MAX_SENTENCE_TOKENS && c.tk[plo - 1].sent == c.tk[f - 1].sent &&
                 c.tk[plo - 1].block == c.tk[f - 1].block)
            plo--;
          /* the main clause's subject first, then a speech verb's */
          for (int way = 0; way < 2 && !bq->speaker; way++) {
            attr pa;
            memset(&pa, 0, sizeof pa);
            pa.verb = (size_t)-1;
            pa.appos_a = 1;
            if (way == 0) {
              np who = sentence_subject(&c, plo, f);
              if (who.kind == NP_NAME || who.kind == NP_PRON) {
                pa.who = who;
                pa.found = 1;
              }
            } else {
              pa = attr_before(&c, plo, f, 0);
            }
            if (!pa.found || pa.who.kind == NP_DESC) continue;
            resolved r = resolve_np(&c, &pa.who);
            if (r.speaker && r.person >= 0) {
              bq->speaker = r.speaker;
              bq->speaker_title = r.title;
              bq->gender = r.gender;
              quote_seg dq = segs[qi];
              pa.appos_a = 1;
              pa.appos_b = 0;
              bq->attribution = spoken_attribution(&c, &pa, &r, &dq, qfirst[qi]);
              break;
            }
            free(r.speaker);
            free(r.title);
          }
          if (bq->speaker) continue;
        }
      }
      if (!from || !from->speaker) continue;
      bq->speaker = xstrdup(from->speaker);
      bq->speaker_title = xstrdup(from->speaker_title);
      bq->gender = from->gender;
      size_t fi = (size_t)(from - s->quotes);
      if (from->partial && !segs[qi].continues_prev && segs[qi].kind == QUOTE_KIND_DIRECT && direct[fi])
        bq->attribution = xstrdup(direct[fi]);
      else
        bq->attribution = xstrdup(from->attribution);
      if (direct[fi] && !direct[qi]) direct[qi] = xstrdup(direct[fi]);
    }
  }
  /* people's gender may have been learnt after their first quote */
  for (size_t qi = 0; qi < n; qi++) {
    bc_quote *bq = &s->quotes[qi];
    if (!bq->speaker || bq->gender) continue;
    int p = find_person(&c, bq->speaker);
    if (p >= 0) bq->gender = c.pp[p].gender;
  }
  for (size_t i = 0; i < c.np; i++) {
    free(c.pp[i].name);
    free(c.pp[i].surname);
    free(c.pp[i].first);
    free(c.pp[i].title);
    free(c.pp[i].role);
  }
  free(c.pp);
  free(c.by_name);
  free(c.by_surname);
  free(c.ment);
  free(c.tk);
  free(qfirst);
  free(qlast);
  for (size_t qi = 0; qi < n; qi++) free(direct[qi]);
  free(direct);
}
